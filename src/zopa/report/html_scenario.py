"""The HTML report's first half: the scenario in words, for someone who never saw the
YAML: what is negotiated (each issue, its range, the status quo), then each side: what it
insists on (its red lines, with the sentence each one quotes and where from), what it cares
about (its preference weights as shares) and when it would walk away (its reservation)."""

from __future__ import annotations

from zopa.format.numbers import people_text
from zopa.format.schema import (
    Actor,
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
    RedLine,
)
from zopa.report.html_page import code, esc, paragraph, section, table
from zopa.scenario.scenario import Scenario


def _range(issue: Issue) -> str:
    if isinstance(issue, NumberIssue | IntegerIssue):
        whole = "whole numbers " if isinstance(issue, IntegerIssue) else ""
        unit = f" {issue.unit}" if issue.unit else ""
        return f"{whole}from {people_text(issue.min)} to {people_text(issue.max)}{unit}"
    if isinstance(issue, ChoiceIssue):
        kind = "one of, in this order" if issue.ordered else "one of"
        return f"{kind}: {', '.join(issue.options)}"
    if isinstance(issue, BooleanIssue):
        return "yes or no"
    return f"an order of the steps {', '.join(issue.steps)}"


def _status_quo(issue: Issue) -> str:
    quo = issue.status_quo
    if quo is None:
        return "—"
    if isinstance(quo, bool):
        return "yes" if quo else "no"
    if isinstance(quo, tuple):
        return " → ".join(quo)
    return people_text(quo) if isinstance(quo, float | int) else str(quo)


def issues_section(scenario: Scenario) -> str:
    rows = [
        (
            f"<strong>{esc(name)}</strong>",
            esc(_range(issue)),
            esc(_status_quo(issue)),
            esc(issue.description or ""),
        )
        for name, issue in scenario.model.issues.items()
    ]
    parts = [table(("issue", "possible values", "status quo", "what it means"), rows)]
    if scenario.rules:
        items = "".join(
            f"<li>{code(rule.require_text)}{_why(scenario, rule.ref)}</li>"
            for rule in scenario.rules
        )
        parts.append(paragraph("Facts of the world that every deal respects (rules):"))
        parts.append(f'<ul class="lines">{items}</ul>')
    return section("What is negotiated", *parts)


def _why(scenario: Scenario, ref: str) -> str:
    group, _, ident = ref.partition("/")
    pool = scenario.model.rules if group == "rules" else scenario.actors[group].red_lines
    found = next((c for c in pool if c.id == ident), None)
    return f" — {esc(found.description)}" if found is not None and found.description else ""


def _red_line(scenario: Scenario, actor_id: str, line: RedLine) -> str:
    checked = scenario.constraint(f"{actor_id}/{line.id}")
    rule = code(checked.require_text)
    if checked.when_text is not None:
        rule = f"when {code(checked.when_text)}: {rule}"
    text = f'<strong>{esc(line.id)}</strong>: {rule} <span class="muted">(firmness '
    text += f"{esc(people_text(line.firmness))})</span>"
    if line.description:
        text += f"<br>{esc(line.description)}"
    if line.source is not None:
        where = scenario.model.sources.get(line.source.doc, line.source.doc)
        text += f"<blockquote>“{esc(' '.join(line.source.quote.split()))}”</blockquote>"
        text += f'<span class="muted">quoted from {esc(line.source.doc)} ({esc(where)})</span>'
    return f"<li>{text}</li>"


def _cares(actor: Actor) -> str:
    total = sum(pref.weight for pref in actor.preferences.values())
    if total <= 0:
        return "It has no stated preferences: every deal is worth the same to it."
    shares = sorted(
        ((pref.weight / total, key) for key, pref in actor.preferences.items()),
        key=lambda item: (-item[0], item[1]),
    )
    listed = ", ".join(f"{code(key)} {round(100 * share)}%" for share, key in shares)
    return f"What it cares about (shares of its utility): {listed}."


def _actor(scenario: Scenario, actor_id: str, actor: Actor) -> str:
    heading = esc(actor.name or actor_id)
    if actor.name:
        heading += f' <span class="muted">({esc(actor_id)})</span>'
    parts = [f"<h3>{heading}</h3>"]
    if actor.description:
        parts.append(paragraph(esc(actor.description)))
    if actor.red_lines:
        parts.append(paragraph("It insists on (red lines; firmness is the cost of giving one up):"))
        items = "".join(_red_line(scenario, actor_id, line) for line in actor.red_lines)
        parts.append(f'<ul class="lines">{items}</ul>')
    else:
        parts.append(paragraph("It states no red line."))
    parts.append(paragraph(_cares(actor)))
    reservation = people_text(float(actor.reservation))
    parts.append(
        paragraph(
            f"It walks away from any deal worth less than {esc(reservation)} to it, on a scale "
            "from 0 (its worst deal) to 1 (its best): that is what failing to agree is worth "
            "to it (its reservation)."
        )
    )
    return "\n".join(parts)


def sides_section(scenario: Scenario) -> str:
    parts = [_actor(scenario, actor_id, actor) for actor_id, actor in scenario.actors.items()]
    return section("The sides", *parts)
