"""`zopa report`: one self-contained HTML page about a scenario, for readers who never saw
its YAML: the scenario in words with its quoted sources (`html_scenario`), whether a ZOPA
exists and where (a zone picture), the bargaining solutions and the frontier picture, the
diagnosis with the cheapest way out, and, when there is no ZOPA, what the cheapest way out
would give; then the file's own expectations and what the model cannot capture.

Pictures are inline SVG (`zopa.plot`, which needs matplotlib); the page has no scripts and
loads nothing. The same scenario always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from zopa.analysis.expectations import check_expectations
from zopa.analysis.result import Relaxation, Result, Solution
from zopa.format.numbers import people_text
from zopa.format.refs import GroupRef
from zopa.format.solutions import SOLUTION_TITLES
from zopa.report.html_page import code, esc, figure, page, paragraph, section, table
from zopa.report.html_scenario import issues_section, sides_section
from zopa.report.solutions import gain_text, value_text
from zopa.report.text import describe_range
from zopa.scenario.scenario import Scenario

SOLUTION_MEANINGS: Mapping[str, str] = {
    "nash": "maximises the product of everyone's gains over walking away",
    "kalai_smorodinsky": "gives everyone the same share of the most they could hope for",
    "egalitarian": "makes the smallest gain over walking away as large as possible",
    "utilitarian": "makes the sum of utilities as large as possible, whoever gets it",
}
"""Each solution in one line, for the reader who has not met bargaining theory."""

LIMITS = (
    "Utilities, weights and reservations are the scenario author's reading, not measurements; "
    "change them (<code>zopa analyze --set</code>, <code>zopa sweep</code>) to see how much "
    "the answer depends on them.",
    "The model is static: it finds deals every side accepts now, not how talks unfold, who "
    "bluffs, or what happens when a side's alternatives change during the talks.",
    "Red lines are hard: a position stated loosely in the sources is still encoded as a "
    "condition that either holds or not; firmness only ranks which to give up first.",
)


def build_report(scenario: Scenario, result: Result) -> str:
    """The HTML page for `scenario`, of which `result` is the analysis."""
    pair = _pair(scenario, result)
    title = result.title or scenario.name
    parts = [f"<h1>{esc(title)}</h1>"]
    if scenario.model.description:
        parts.append(paragraph(esc(scenario.model.description), cls="lead"))
    parts.append(_verdict(scenario, result))
    parts.append(issues_section(scenario))
    parts.append(sides_section(scenario))
    parts.append(_zone_section(scenario, result))
    if result.zopa.exists:
        parts.append(_solutions_section(scenario, result, pair, "The fair deals"))
    parts.append(_diagnosis_section(scenario, result))
    if not result.zopa.exists and result.diagnosis.relaxations:
        parts.append(_way_out_section(scenario, result.diagnosis.relaxations[0], pair))
    if scenario.model.expect:
        parts.append(_expectations_section(scenario, result))
    parts.append(section("What this cannot tell you", _list(LIMITS)))
    parts.append(
        paragraph(
            f"Made by zopa from {code(scenario.name)}; the same file gives the same page.",
            cls="muted",
        )
    )
    return page(title, parts)


def _pair(scenario: Scenario, result: Result) -> tuple[str, str] | None:
    """The two sides the frontier picture shows: the first two whose positions collide in
    the first conflict, else the first two in the file."""
    if len(scenario.actors) < 2:
        return None
    for conflict in result.diagnosis.conflicts[:1]:
        groups = [GroupRef.parse(ref) for ref in conflict]
        sides = list(
            dict.fromkeys(g.actor for g in groups if g is not None and g.actor in scenario.actors)
        )
        if len(sides) >= 2:
            return sides[0], sides[1]
    first, second, *_ = scenario.actors
    return first, second


def _list(items: tuple[str, ...] | list[str]) -> str:
    return '<ul class="lines">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _verdict(scenario: Scenario, result: Result) -> str:
    """The answer first, in one or two sentences."""
    if result.zopa.exists:
        text = "There is a zone of possible agreement: deals every side prefers to walking away."
        nash = result.solutions.get("nash")
        if nash is not None:
            deal = ", ".join(f"{k} {value_text(v)}" for k, v in nash.deal.items())
            text += f" The Nash deal: {deal}."
        return f'<p class="verdict yes">{esc(text)}</p>'
    text = esc("There is no zone of possible agreement: no deal satisfies every side.")
    if result.diagnosis.relaxations:
        text += " The cheapest way out: " + _way_out_text(scenario, result.diagnosis.relaxations[0])
    return f'<p class="verdict no">{text}</p>'


def _zone_section(scenario: Scenario, result: Result) -> str:
    from zopa.plot.figure import svg_text
    from zopa.plot.zone import zone_figure

    parts = []
    if result.zopa.exists:
        rows = [
            (f"<strong>{esc(issue)}</strong>", esc(describe_range(bounds, scenario, issue)))
            for issue, bounds in result.zopa.issues.items()
        ]
        parts.append(paragraph("Each issue's values across the deals every side accepts:"))
        parts.append(table(("issue", "in the zone"), rows))
        utilities = [
            (
                esc(scenario.actors[actor].name or actor),
                esc(f"{people_text(b.min)} – {people_text(b.max)}"),
                esc(people_text(float(scenario.actors[actor].reservation))),
            )
            for actor, b in result.zopa.utilities.items()
        ]
        parts.append(table(("side", "utility in the zone", "walks away below"), utilities))
    caption = (
        "Each issue's full range in grey, the part inside the zone in green, ◆ the status quo."
    )
    parts.append(figure(svg_text(zone_figure(result, scenario)), caption))
    return section("The zone of possible agreement", *parts)


def _solutions_table(scenario: Scenario, found: Mapping[str, Solution]) -> str:
    headers = ["", *(esc(SOLUTION_TITLES.get(name, name)) for name in found)]
    rows = [
        [
            f"<strong>{esc(issue)}</strong>",
            *(esc(value_text(s.deal[issue])) for s in found.values()),
        ]
        for issue in scenario.model.issues
    ]
    for actor, spec in scenario.actors.items():
        reservation = float(spec.reservation)
        cells = [
            esc(f"{people_text(u)} ({gain_text(u - reservation)})")
            for u in (s.utilities[actor] for s in found.values())
        ]
        rows.append([f"utility of {esc(spec.name or actor)}", *cells])
    return table(headers, rows)


def _solutions_section(
    scenario: Scenario,
    result: Result,
    pair: tuple[str, str] | None,
    title: str,
    *,
    lead: str = "",
) -> str:
    from zopa.plot.figure import svg_text
    from zopa.plot.pareto import pareto_figure

    found = {name: sol for name, sol in result.solutions.items() if sol is not None}
    meanings = [
        f"<strong>{esc(SOLUTION_TITLES.get(name, name))}</strong> {esc(SOLUTION_MEANINGS[name])}"
        for name in found
        if name in SOLUTION_MEANINGS
    ]
    parts = [
        *([lead] if lead else []),
        paragraph("Four standard answers to “which deal in the zone is fair?”:"),
        _list(meanings),
        _solutions_table(scenario, found),
        paragraph(
            "A utility is what a deal is worth to a side, from 0 (its worst) to 1 (its best); "
            "in brackets, its gain over walking away.",
            cls="muted",
        ),
    ]
    if pair is not None and result.pareto:
        a, b = pair
        others = [x for x in scenario.actors if x not in pair]
        caption = (
            f"The Pareto frontier, seen by {a} and {b}: the deals no other deal beats for "
            "every side; dashed lines are the reservations."
        )
        if others:
            caption += f" The other sides ({', '.join(others)}) are in the table."
        parts.append(figure(svg_text(pareto_figure(result, scenario, pair)), caption))
        count = len(result.pareto)
        parts.append(
            paragraph(f"The frontier has {count} deal{'s' if count != 1 else ''}.", cls="muted")
        )
    return section(title, *parts)


def _group(scenario: Scenario, ref: str) -> str:
    """One red line or reservation in words: whose, what it says, the quote behind it."""
    group = GroupRef.parse(ref)
    if group is None or group.actor not in scenario.actors:
        return code(ref)
    actor = scenario.actors[group.actor]
    who = esc(actor.name or group.actor)
    if group.is_reservation:
        worth = people_text(float(actor.reservation))
        return f"{who} walks away below a utility of {esc(worth)} ({code(ref)})"
    checked = scenario.constraint(ref)
    rule = code(checked.require_text)
    if checked.when_text is not None:
        rule = f"when {code(checked.when_text)}: {rule}"
    text = f"{who} insists on {rule} ({code(ref)}, firmness {esc(people_text(checked.firmness))})"
    if checked.quote:
        text += f"<blockquote>“{esc(' '.join(checked.quote.split()))}”</blockquote>"
    return text


def _way_out_text(scenario: Scenario, relaxation: Relaxation) -> str:
    dropped = " and ".join(_short(scenario, ref) for ref in relaxation.drop)
    moves = "".join(
        f" Or, instead of dropping {code(move.ref)}, move it: {code(move.text)}."
        for move in relaxation.moves
    )
    return f"Give up {dropped} (cost in firmness {esc(people_text(relaxation.cost))}).{moves}"


def _short(scenario: Scenario, ref: str) -> str:
    group = GroupRef.parse(ref)
    if group is None or group.actor not in scenario.actors:
        return code(ref)
    who = esc(scenario.actors[group.actor].name or group.actor)
    return f"{who}’s {code(ref)}"


def _diagnosis_section(scenario: Scenario, result: Result) -> str:
    diagnosis = result.diagnosis
    parts = []
    if result.zopa.exists:
        if diagnosis.binding:
            parts.append(
                paragraph("These positions shape the zone; giving up any one enlarges it:")
            )
            parts.append(_list([_group(scenario, ref) for ref in diagnosis.binding]))
        else:
            parts.append(paragraph("No single red line or reservation shapes the zone."))
        return section("What shapes the zone", *parts)
    if diagnosis.rules_infeasible:
        parts.append(paragraph("The rules alone admit no deal: no side is to blame."))
        return section("Why there is no deal", *parts)
    for number, conflict in enumerate(diagnosis.conflicts, start=1):
        parts.append(f"<h3>Conflict {number}: these cannot all hold</h3>")
        parts.append(_list([_group(scenario, ref) for ref in conflict]))
    if diagnosis.relaxations:
        first, *others = diagnosis.relaxations
        parts.append("<h3>The cheapest way out</h3>")
        parts.append(paragraph(_way_out_text(scenario, first)))
        if others:
            parts.append(paragraph("Other ways out, dearer:"))
            parts.append(_list([_way_out_text(scenario, r) for r in others]))
    if diagnosis.truncated:
        parts.append(paragraph("More conflicts exist than are listed.", cls="muted"))
    return section("Why there is no deal", *parts)


def _way_out_section(
    scenario: Scenario, relaxation: Relaxation, pair: tuple[str, str] | None
) -> str:
    from zopa.analysis.run import analyze

    variant = scenario.with_changes(drop=relaxation.drop)
    result = analyze(variant)
    dropped = " and ".join(code(ref) for ref in relaxation.drop)
    if not result.zopa.exists:  # pragma: no cover - a relaxation opens a zone by definition
        return section(
            "If the cheapest way out were taken", paragraph(f"Without {dropped}: still no deal.")
        )
    lead = paragraph(f"Without {dropped}, a zone opens; these would be the fair deals.")
    return _solutions_section(
        variant, result, pair, "If the cheapest way out were taken", lead=lead
    )


def _expectations_section(scenario: Scenario, result: Result) -> str:
    report = check_expectations(scenario, result)
    rows = []
    for outcome, entry in zip(report.outcomes, scenario.model.expect, strict=True):
        verdict = (
            '<span class="pass">holds</span>'
            if outcome.passed
            else '<span class="fail">fails</span>'
        )
        rows.append(
            (esc(entry.description or ""), code(outcome.text), verdict, esc(outcome.detail))
        )
    return section(
        "What the author expected",
        paragraph(
            "The scenario file states these expectations; each is checked against the answer above."
        ),
        table(("expectation", "as written", "", "found"), rows),
    )
