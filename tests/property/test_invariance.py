"""Names and order are presentation: renaming or reordering actors and issues changes no
answer.

The transformed scenario is built from the original's raw data (ids renamed everywhere:
issue keys, expressions, preference keys; actors and issues listed in reverse), analysed,
and its answers mapped back. Where several deals tie, a solver may pick another one, so
solutions are compared by the value each one optimises, not by their deals.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings

import zopa
from zopa.analysis.result import Result
from zopa.format.zone import NumberRange, StepPositions
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst
from zopa.testing._generate import dump

TOL = 1e-6
N = settings.default.max_examples

_NAMES = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(?<![\w.])(?P<name>[A-Za-z_]\w*)"""
)
"""String literals (kept) and names not preceded by a dot (issues; a step follows a dot)."""


def _rename_text(text: str, issues: Mapping[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        name = match.group("name")
        return issues.get(name, name) if name is not None else match.group(0)

    return _NAMES.sub(swap, text)


def _rename_constraint(body: Mapping[str, Any], issues: Mapping[str, str]) -> dict[str, Any]:
    out = dict(body)
    for key in ("require", "when"):
        if key in out:
            out[key] = _rename_text(out[key], issues)
    return out


def _rename_preferences(prefs: Mapping[str, Any], issues: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, pref in prefs.items():
        issue, dot, step = key.partition(".")
        out[issues[issue] + dot + step] = pref
    return out


def _transformed(raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """`raw` with issues and actors renamed and listed in reverse, and the two renamings."""
    issues = {old: f"q{i}_{old}" for i, old in enumerate(raw["issues"])}
    actors = {old: f"a{i}_{old}" for i, old in enumerate(raw["actors"])}
    out = dict(raw)
    out["issues"] = {issues[k]: v for k, v in reversed(list(raw["issues"].items()))}
    out["rules"] = [_rename_constraint(r, issues) for r in raw.get("rules", [])]
    new_actors: dict[str, Any] = {}
    for old, body in reversed(list(raw["actors"].items())):
        actor = dict(body)
        actor["red_lines"] = [_rename_constraint(r, issues) for r in body.get("red_lines", [])]
        actor["preferences"] = _rename_preferences(body.get("preferences", {}), issues)
        new_actors[actors[old]] = actor
    out["actors"] = new_actors
    return out, issues, actors


def _ref(ref: str, actors: Mapping[str, str]) -> str:
    actor, _, rest = ref.partition("/")
    return f"{actors[actor]}/{rest}"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=TOL)


def _objectives(scenario: Scenario, result: Result, actors: Mapping[str, str]) -> dict[str, Any]:
    """What each solution optimises, with actors in the original's order."""
    out: dict[str, Any] = dict.fromkeys(result.solutions)
    if not result.zopa.exists:
        return out
    reservations = {a: scenario.actors[actors[a]].reservation for a in actors}
    ideal = {a: result.zopa.utilities[actors[a]].max - reservations[a] for a in actors}
    for name, solution in result.solutions.items():
        if solution is None:
            out[name] = None
            continue
        gains = {a: solution.utilities[actors[a]] - reservations[a] for a in actors}
        out[name] = {
            "nash": math.prod(max(g, 0.0) for g in gains.values()),
            "utilitarian": sum(solution.utilities.values()),
            "egalitarian": sorted(gains.values()),
            "kalai_smorodinsky": min(
                (gains[a] / ideal[a] for a in actors if ideal[a] > TOL), default=0.0
            ),
        }[name]
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return _close(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _compare_zone(
    before: Result, after: Result, issues: Mapping[str, str], actors: Mapping[str, str]
) -> None:
    assert after.zopa.exists == before.zopa.exists
    for issue, found in before.zopa.issues.items():
        other = after.zopa.issues[issues[issue]]
        if isinstance(found, NumberRange) and isinstance(other, NumberRange):
            assert _close(found.min, other.min) and _close(found.max, other.max), issue
        elif isinstance(found, StepPositions) and isinstance(other, StepPositions):
            assert sorted(found.positions) == sorted(other.positions), issue
        else:
            assert found == other, issue
    for actor, found in before.zopa.utilities.items():
        other = after.zopa.utilities[actors[actor]]
        assert _close(found.min, other.min) and _close(found.max, other.max), actor


def _compare_diagnosis(before: Result, after: Result, actors: Mapping[str, str]) -> None:
    mine, theirs = before.diagnosis, after.diagnosis
    assert {_ref(r, actors) for r in mine.binding} == set(theirs.binding)
    if mine.truncated or theirs.truncated:
        return  # which ones make a cut list is the solver's choice
    assert {frozenset(_ref(r, actors) for r in c) for c in mine.conflicts} == {
        frozenset(c) for c in theirs.conflicts
    }
    assert {
        (frozenset(_ref(r, actors) for r in x.drop), round(x.cost, 9)) for x in mine.relaxations
    } == {(frozenset(x.drop), round(x.cost, 9)) for x in theirs.relaxations}


def _frontier(result: Result, order: list[str]) -> list[tuple[float, ...]]:
    return sorted(tuple(round(p.utilities[a], 6) for a in order) for p in result.pareto)


@settings(max_examples=max(10, N // 4))
@given(zst.scenarios(max_issues=3, max_actors=3, max_red_lines=2))
def test_renaming_and_reordering_actors_and_issues_changes_nothing(scenario: Scenario) -> None:
    raw, issues, actors = _transformed(scenario.raw)
    variant = zopa.loads(dump(raw), name="<renamed>")
    before = zopa.analyze(scenario, max_pareto=200)
    after = zopa.analyze(variant, max_pareto=200)
    _compare_zone(before, after, issues, actors)
    identity = {a: a for a in actors}
    mine = _objectives(scenario, before, identity)
    theirs = _objectives(variant, after, actors)
    for name in mine:
        assert (mine[name] is None) == (theirs[name] is None), name
        if mine[name] is not None:
            assert _same(mine[name], theirs[name]), (name, mine[name], theirs[name])
    _compare_diagnosis(before, after, actors)
    if before.pareto_info.complete and after.pareto_info.complete:
        assert _frontier(before, list(actors)) == _frontier(after, [actors[a] for a in actors])
