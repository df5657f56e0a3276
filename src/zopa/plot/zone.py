"""The zone picture: one bar per issue over its full range (a sequence: one bar per step
over its positions), the part inside the ZOPA coloured, the status quo marked.

Every bar runs from the issue's lowest to its highest value, so bars of different units
share one width; the ends and the ZOPA's part are written on the bar in the issue's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.analysis.result import Result
from zopa.format.numbers import people_text
from zopa.format.schema import BooleanIssue, ChoiceIssue, IntegerIssue, NumberIssue
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions
from zopa.plot.figure import BACKGROUND, IN_ZONE, INK, MUTED, new_figure, style, title_text
from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BAR = 0.56
"""Height of a bar (rows are 1 apart)."""

BAR_CHARACTERS = 56
"""Characters of small text that fit across a whole bar: a longer option name is cut
with "…" so that neighbouring cells do not overlap."""

NARROW = 0.14
"""A ZOPA part narrower than this has its values written beside it, not on it."""

THIN = 0.008
"""Width of the ZOPA's part when it is a single value (a line, not nothing)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One bar: its label, the spans inside the ZOPA (fractions of the bar), the status
    quo's place (a fraction, or None), and the words on and beside it."""

    label: str
    spans: tuple[tuple[float, float], ...]
    status_quo: float | None
    left: str
    right: str
    cells: tuple[str, ...] = ()
    zone_text: str = ""


LABEL_WIDTH = 30
"""Characters of a bar's label per line (a long unit wraps)."""


def _wrapped(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, LABEL_WIDTH))


def _fraction(value: float, lo: float, hi: float) -> float:
    return 0.5 if hi == lo else (value - lo) / (hi - lo)


def _cell(index: int, count: int) -> tuple[float, float]:
    return index / count, (index + 1) / count


def _number_row(name: str, spec: NumberIssue | IntegerIssue, bounds: object) -> Row:
    lo, hi = float(spec.min), float(spec.max)
    spans: tuple[tuple[float, float], ...] = ()
    zone_text = ""
    if isinstance(bounds, NumberRange):
        a, b = _fraction(bounds.min, lo, hi), _fraction(bounds.max, lo, hi)
        spans = ((a, max(b, a + THIN)),)
        low, high = people_text(bounds.min), people_text(bounds.max)
        zone_text = low if low == high else f"{low} – {high}"
    label = f"{name}\n{_wrapped(f'({spec.unit})')}" if spec.unit else name
    quo = None if spec.status_quo is None else _fraction(float(spec.status_quo), lo, hi)
    return Row(label, spans, quo, people_text(lo), people_text(hi), zone_text=zone_text)


def _listed_row(name: str, options: tuple[str, ...], inside: set[str], quo: str | None) -> Row:
    count = len(options)
    spans = tuple(_cell(i, count) for i, option in enumerate(options) if option in inside)
    place = None if quo is None else sum(_cell(options.index(quo), count)) / 2
    return Row(name, spans, place, "", "", cells=options)


def rows(result: Result, scenario: Scenario) -> tuple[Row, ...]:
    """The bars of the zone picture, in YAML order (public for tests)."""
    found: list[Row] = []
    for name, spec in scenario.model.issues.items():
        bounds = result.zopa.issues.get(name)
        if isinstance(spec, NumberIssue | IntegerIssue):
            found.append(_number_row(name, spec, bounds))
        elif isinstance(spec, ChoiceIssue):
            inside = set(bounds.options) if isinstance(bounds, OptionSet) else set()
            found.append(_listed_row(name, spec.options, inside, spec.status_quo))
        elif isinstance(spec, BooleanIssue):
            values = bounds.values if isinstance(bounds, BoolSet) else ()
            inside = {"true" if v else "false" for v in values}
            quo = None if spec.status_quo is None else ("true" if spec.status_quo else "false")
            found.append(_listed_row(name, ("false", "true"), inside, quo))
        else:
            found.extend(_sequence_rows(name, spec.steps, bounds, spec.status_quo))
    return tuple(found)


def _sequence_rows(
    name: str, steps: tuple[str, ...], bounds: object, quo: tuple[str, ...] | None
) -> list[Row]:
    count = len(steps)
    positions = (
        {step: (lo, hi) for step, lo, hi in bounds.positions}
        if isinstance(bounds, StepPositions)
        else {}
    )
    labels = tuple(str(k) for k in range(1, count + 1))
    found = []
    for step in steps:
        spans: tuple[tuple[float, float], ...] = ()
        if step in positions:
            lo, hi = positions[step]
            spans = ((_cell(lo - 1, count)[0], _cell(hi - 1, count)[1]),)
        place = None if quo is None else sum(_cell(quo.index(step), count)) / 2
        found.append(Row(f"{name}: {step}", spans, place, "", "", cells=labels))
    return found


def zone_figure(result: Result, scenario: Scenario) -> Figure:
    """The zone of `result` (an analysis of `scenario`), one bar per issue."""
    bars = rows(result, scenario)
    with style():
        figure = new_figure(7.2, 1.2 + 0.48 * len(bars))
        axes = figure.add_subplot()
        for index, row in enumerate(bars):
            _draw(axes, len(bars) - 1 - index, row)
        axes.set_yticks(range(len(bars)), [row.label for row in reversed(bars)])
        axes.set_xlim(-0.09, 1.09)
        axes.set_ylim(-0.7, len(bars) - 0.3)
        axes.set_xticks([])
        for side in ("left", "bottom"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        lead = title_text(result.title or scenario.name)
        verdict = "the ZOPA in green" if result.zopa.exists else "No ZOPA: nothing is green"
        figure.suptitle(
            f"{lead}\n{verdict}; ◆ the status quo", x=0.01, ha="left", fontweight="bold"
        )
    return figure


def _draw(axes: Axes, y: float, row: Row) -> None:
    bottom = y - BAR / 2
    axes.broken_barh([(0.0, 1.0)], (bottom, BAR), facecolor=BACKGROUND, zorder=1)
    if row.spans:
        axes.broken_barh(
            [(a, b - a) for a, b in row.spans], (bottom, BAR), facecolor=IN_ZONE, zorder=2
        )
    room = max(3, BAR_CHARACTERS // max(1, len(row.cells)))
    for index, cell in enumerate(row.cells):
        a, b = _cell(index, len(row.cells))
        text = cell if len(cell) <= room else cell[: room - 1] + "…"
        if index:
            axes.plot([a, a], [bottom, bottom + BAR], color="white", linewidth=1.5, zorder=3)
        axes.text((a + b) / 2, y, text, ha="center", va="center", fontsize=8, color=INK, zorder=4)
    if row.left or row.right:
        axes.text(-0.01, y, row.left, ha="right", va="center", fontsize=8, color=MUTED)
        axes.text(1.01, y, row.right, ha="left", va="center", fontsize=8, color=MUTED)
    if row.zone_text:
        a, b = row.spans[0]
        if b - a >= NARROW:
            axes.text((a + b) / 2, y, row.zone_text, ha="center", va="center", fontsize=8, zorder=4)
        else:  # beside a narrow part, where it can be read
            axes.text(b + 0.01, y, row.zone_text, ha="left", va="center", fontsize=8, zorder=4)
    if row.status_quo is not None:
        axes.plot([row.status_quo], [y + BAR / 2], marker="D", markersize=6, color=INK, zorder=5)
