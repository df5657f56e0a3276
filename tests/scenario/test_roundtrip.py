"""Property: a valid scenario written out with `yaml.safe_dump` reads back to the same model.

The generator builds valid raw scenarios by construction (ids, sorted curves, options that
YAML 1.1 and 1.2 read differently such as `no`, `on`, `017`, `null`). PyYAML's dumper quotes
strings by YAML 1.1 rules; strings that only YAML 1.2 reads as numbers (`1e3`) are left out,
since a 1.1 dumper would write them unquoted.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.format.schema import ScenarioModel

IDS = ["territory", "nato", "form", "troops", "moves", "dialogue", "x", "_y", "z9"]
OPTIONS = [
    "member",
    "neutral",
    "no",
    "yes",
    "on",
    "off",
    "null",
    "~",
    "017",
    "0x1f",
    "true",
    "False",
    "a b",
    "Russia–US",
    "é",
    "1.5",
    "y",
    "#tag",
]
STEPS = ["outreach", "response", "ceasefire", "relief"]
TEXTS = ["Talks", "no", "017", "a: b", "x #y", "“quoted”", "multi\nline", " padded ", ""]

settings.register_profile("roundtrip", max_examples=100, deadline=None, derandomize=True)


def _number(draw: st.DrawFn, lo: float, hi: float, integer: bool) -> float | int:
    if integer:
        return draw(st.integers(int(lo), int(hi)))
    return draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False))


@st.composite
def _issue(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    if kind in ("number", "integer"):
        integer = kind == "integer"
        lo = _number(draw, -100, 100, integer)
        hi = _number(draw, lo, lo + 100, integer)
        body: dict[str, Any] = {"type": kind, "min": lo, "max": hi}
        if draw(st.booleans()):
            body["status_quo"] = _number(draw, lo, hi, integer)
        if draw(st.booleans()):
            body["unit"] = draw(st.sampled_from(TEXTS))
        return body
    if kind == "choice":
        options = draw(st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=5, unique=True))
        body = {"type": "choice", "options": options, "ordered": draw(st.booleans())}
        if draw(st.booleans()):
            body["status_quo"] = draw(st.sampled_from(options))
        return body
    if kind == "boolean":
        return {"type": "boolean"}
    steps = draw(st.lists(st.sampled_from(STEPS), min_size=1, max_size=4, unique=True))
    body = {"type": "sequence", "steps": steps}
    if draw(st.booleans()):
        body["status_quo"] = draw(st.permutations(steps))
    return body


def _condition(draw: st.DrawFn, issue_id: str, issue: dict[str, Any]) -> str:
    kind = issue["type"]
    if kind in ("number", "integer"):
        value = _number(draw, issue["min"], issue["max"], kind == "integer")
        return f"{issue_id} >= {value!r}"
    if kind == "choice":
        option = draw(st.sampled_from(issue["options"]))
        return f"{issue_id} == {json.dumps(option, ensure_ascii=False)}"
    if kind == "boolean":
        return issue_id if draw(st.booleans()) else f"not {issue_id}"
    step = draw(st.sampled_from(issue["steps"]))
    return f"{issue_id}.{step} <= {len(issue['steps'])}"


def _preference(draw: st.DrawFn, issue: dict[str, Any]) -> dict[str, Any]:
    weight = draw(st.sampled_from([1, 2, 0.5, 3.25]))
    kind = issue["type"]
    unit = st.floats(0, 1, allow_nan=False, width=32)
    if kind in ("number", "integer", "sequence"):
        xs = sorted(set(draw(st.lists(st.integers(-50, 150), min_size=1, max_size=4))))
        return {"weight": weight, "curve": [[x, draw(unit)] for x in xs]}
    keys: list[Any] = issue["options"] if kind == "choice" else [True, False]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    return {"weight": weight, "values": {key: draw(unit) for key in chosen}}


@st.composite
def raw_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A valid format-1 scenario as plain data."""
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=4, unique=True))
    kinds = st.sampled_from(["number", "integer", "choice", "boolean", "sequence"])
    issues = {issue_id: draw(_issue(draw(kinds))) for issue_id in ids}
    actors: dict[str, Any] = {}
    for actor_id in draw(
        st.lists(st.sampled_from(["russia", "us", "ukraine"]), min_size=1, max_size=3, unique=True)
    ):
        actor: dict[str, Any] = {}
        lines = []
        for index in range(draw(st.integers(0, 3))):
            issue_id = draw(st.sampled_from(ids))
            line: dict[str, Any] = {
                "id": f"line-{index}",
                "require": _condition(draw, issue_id, issues[issue_id]),
            }
            if draw(st.booleans()):
                line["firmness"] = draw(st.sampled_from([0.5, 1, 2]))
            if draw(st.booleans()):
                other = draw(st.sampled_from(ids))
                line["when"] = _condition(draw, other, issues[other])
            lines.append(line)
        if lines:
            actor["red_lines"] = lines
        preferences = {}
        for issue_id in draw(st.lists(st.sampled_from(ids), unique=True)):
            issue = issues[issue_id]
            key = issue_id
            if issue["type"] == "sequence":
                key = f"{issue_id}.{draw(st.sampled_from(issue['steps']))}"
            preferences[key] = _preference(draw, issue)
        if preferences:
            actor["preferences"] = preferences
        if draw(st.booleans()):
            actor["reservation"] = draw(st.floats(0, 1, allow_nan=False, width=32))
        if draw(st.booleans()):
            actor["name"] = draw(st.sampled_from(TEXTS))
        actors[actor_id] = actor
    scenario: dict[str, Any] = {"zopa": 1, "issues": issues, "actors": actors}
    if draw(st.booleans()):
        scenario["title"] = draw(st.sampled_from(TEXTS))
    if draw(st.booleans()):
        issue_id = draw(st.sampled_from(ids))
        scenario["rules"] = [{"id": "r", "require": _condition(draw, issue_id, issues[issue_id])}]
    return scenario


@settings(settings.get_profile("roundtrip"))
@given(raw=raw_scenarios(), flow=st.sampled_from([False, None]))
def test_dumped_scenario_reads_back_to_the_same_model(raw: dict[str, Any], flow: Any) -> None:
    text = yaml.safe_dump(raw, sort_keys=False, allow_unicode=True, default_flow_style=flow)
    scenario = zopa.loads(text)
    expected = ScenarioModel.model_validate(raw)
    assert scenario.model == expected
    assert list(scenario.model.issues) == list(raw["issues"])
    assert scenario.raw == raw
    assert len(scenario.constraints) == len(raw.get("rules", ())) + sum(
        len(actor.get("red_lines", ())) for actor in raw["actors"].values()
    )
