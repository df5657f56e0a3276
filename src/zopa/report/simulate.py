"""Rendering of `zopa simulate`: the probability of a ZOPA, the red lines, the Nash
solution's spread and the sensitivity ranking, as tables. Deterministic: the same
simulation prints the same bytes."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zopa.analysis.simulate_stats import Simulation, Spread
from zopa.format.numbers import number_text as number
from zopa.scenario.scenario import Scenario


def _share(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def headline(sim: Simulation) -> str:
    """One line: P(ZOPA), its interval (or "exact"), how many samples and which seed."""
    if sim.method == "exact":
        n = sim.samples
        what = f"exact, {n} combination{'s' if n != 1 else ''} of credible red lines"
        return f"P(ZOPA) = {number(sim.p)} ({what})"
    return (
        f"P(ZOPA) = {sim.p:.4f} (95% interval {sim.low:.4f} – {sim.high:.4f}; "
        f"{sim.samples:,} samples, seed {sim.seed})"
    )


def _red_lines(sim: Simulation) -> Table:
    table = Table(title="Red lines")
    table.add_column("red line")
    table.add_column("real", justify="right")
    table.add_column("in the cheapest relaxation (no ZOPA)", justify="right")
    for ref, stats in sim.red_lines.items():
        table.add_row(ref, _share(stats.kept), _share(stats.in_cheapest_relaxation))
    return table


def _spread_cells(s: Spread) -> list[str]:
    return [number(s.mean), number(s.p5), number(s.p50), number(s.p95)]


def _nash(sim: Simulation) -> Table | Text:
    if sim.nash is None:
        return Text("Nash solution: no sample solved for it had a ZOPA")
    table = Table(title=f"Nash solution over {sim.nash.samples:,} samples with a ZOPA")
    for name in ("", "mean", "5%", "50%", "95%"):
        table.add_column(name, justify="left" if not name else "right")
    for issue, summary in sim.nash.issues.items():
        if summary.spread is not None:
            table.add_row(issue, *_spread_cells(summary.spread))
        elif summary.shares is not None:
            shares = ", ".join(f"{k} {v:.2f}" for k, v in summary.shares.items() if v > 0)
            table.add_row(issue, shares, "", "", "")
        else:
            for step, spread in (summary.positions or {}).items():
                table.add_row(f"{issue}.{step} (position)", *_spread_cells(spread))
    for actor, spread in sim.nash.utilities.items():
        table.add_row(f"utility of {actor}", *_spread_cells(spread))
    return table


def _sensitivity(sim: Simulation) -> Table:
    table = Table(title="What matters most: P(ZOPA) upper half − lower half (real − absent)")
    table.add_column("input")
    table.add_column("effect", justify="right")
    for item in sim.sensitivity:
        table.add_row(item.input, f"{item.effect:+.3f}")
    return table


def render_simulation(sim: Simulation, scenario: Scenario, console: Console) -> None:
    """Write the report of `sim` (a simulation of `scenario`) to `console`."""
    if sim.title:
        console.print(Text(sim.title, style="bold underline"))
    console.print(Text(headline(sim), style="bold"))
    console.print(_red_lines(sim))
    console.print(_nash(sim))
    if sim.sensitivity:
        console.print(_sensitivity(sim))
    if not scenario.uncertainty:
        console.print(Text("The scenario has no distribution or credibility: nothing varies."))
