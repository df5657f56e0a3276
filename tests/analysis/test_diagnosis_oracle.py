"""Diagnosis against the brute-force oracle on random small finite scenarios.

Every deal of each scenario is enumerated (`zopa.testing.oracle`); from the sets of groups
that the deals satisfy, brute force over subsets gives every minimal conflict, every minimal
correction set, the binding groups, and the best numeric move of each movable group. The
diagnosis must list exactly those (scenarios are small, so no limit is reached), in the
documented order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.result import Diagnosis, NumericMove, Relaxation
from zopa.expr.evaluate import linear_value
from zopa.expr.tree import Compare, Op
from zopa.format.zone import Zone
from zopa.model.compile import compile_scenario
from zopa.model.session import SolveStatus
from zopa.scenario.evaluate import constraint_holds, reservation_holds, utility
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle

# Derandomized, no deadline: the suite's `ci` profile (tests/conftest.py); its `long` profile
# runs ten times the examples with fresh randomness.
_BASE = settings.default.max_examples
PROFILE = settings(max_examples=_BASE * 3 // 2)
SMALL = settings(max_examples=_BASE * 3 // 5)

# --- random finite scenarios ----------------------------------------------------------------

STEPS = ("s1", "s2", "s3")


def _yaml(value: Any) -> str:
    """A flow-style YAML value (JSON is YAML 1.2)."""
    return json.dumps(value)


@st.composite
def _issue(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    if kind == "integer":
        return {"type": "integer", "min": 0, "max": draw(st.integers(1, 3))}
    if kind == "choice":
        n = draw(st.integers(2, 3))
        return {"type": "choice", "options": ["a", "b", "c"][:n], "ordered": draw(st.booleans())}
    if kind == "boolean":
        return {"type": "boolean"}
    return {"type": "sequence", "steps": list(STEPS[: draw(st.integers(2, 3))])}


@st.composite
def _atom(draw: st.DrawFn, issues: dict[str, dict[str, Any]]) -> str:
    name = draw(st.sampled_from(sorted(issues)))
    spec = issues[name]
    kind = spec["type"]
    if kind == "integer":
        op = draw(st.sampled_from([">=", "<=", "==", "!=", ">", "<"]))
        k = draw(st.integers(0, spec["max"] + 1))
        others = [i for i in sorted(issues) if issues[i]["type"] == "integer" and i != name]
        if others and draw(st.booleans()):
            return f"{name} + {draw(st.sampled_from(others))} {op} {k + 1}"
        if draw(st.integers(0, 3)) == 0:
            return f"{k} {op} {name}"
        return f"{name} {op} {k}"
    if kind == "choice":
        options = spec["options"]
        form = draw(st.sampled_from(["==", "!=", "in"]))
        if form == "in":
            picked = draw(st.lists(st.sampled_from(options), min_size=1, max_size=2, unique=True))
            return f"{name} in {_yaml(picked)}"
        return f'{name} {form} "{draw(st.sampled_from(options))}"'
    if kind == "boolean":
        return name if draw(st.booleans()) else f"not {name}"
    a, b = draw(st.lists(st.sampled_from(spec["steps"]), min_size=2, max_size=2, unique=True))
    if draw(st.booleans()):
        return f"{name}.{a} < {name}.{b}"
    return f"{name}.{a} {draw(st.sampled_from(['==', '>=', '<=']))} {draw(st.integers(1, 2))}"


@st.composite
def _formula(draw: st.DrawFn, issues: dict[str, dict[str, Any]]) -> str:
    first = draw(_atom(issues))
    shape = draw(st.sampled_from(["atom", "atom", "atom", "or", "and"]))
    if shape == "atom":
        return first
    return f"({first}) {shape} ({draw(_atom(issues))})"


@st.composite
def _preference(draw: st.DrawFn, name: str, spec: dict[str, Any]) -> tuple[str, Any]:
    weight = draw(st.integers(1, 3))
    kind = spec["type"]
    if kind == "integer":
        ends = [[0, 0], [spec["max"], 1]] if draw(st.booleans()) else [[0, 1], [spec["max"], 0]]
        return name, {"weight": weight, "curve": ends}
    if kind == "choice":
        values = {o: draw(st.sampled_from([0, 0.5, 1])) for o in spec["options"]}
        return name, {"weight": weight, "values": values}
    if kind == "boolean":
        return name, {"weight": weight, "values": {True: draw(st.sampled_from([0, 1]))}}
    step = draw(st.sampled_from(spec["steps"]))
    return f"{name}.{step}", {"weight": weight, "curve": [[1, 1], [len(spec["steps"]), 0]]}


@st.composite
def finite_scenarios(draw: st.DrawFn) -> str:
    """YAML text of a small finite scenario (at most a few hundred deals, at most 12
    groups), often without a ZOPA."""
    kinds = draw(
        st.lists(
            st.sampled_from(["integer", "choice", "boolean", "sequence"]), min_size=1, max_size=3
        )
    )
    issues = {f"i{n}": draw(_issue(kind)) for n, kind in enumerate(kinds)}
    doc: dict[str, Any] = {"zopa": 1, "issues": issues}
    if draw(st.integers(0, 3)) == 0:
        doc["rules"] = [{"id": "r0", "require": draw(_formula(issues))}]
    actors: dict[str, Any] = {}
    for a in range(draw(st.integers(1, 3))):
        actor: dict[str, Any] = {"name": f"Party {a}"}
        red_lines = []
        for k in range(draw(st.integers(0, 3))):
            item: dict[str, Any] = {"id": f"l{k}", "require": draw(_formula(issues))}
            if draw(st.integers(0, 4)) == 0:
                item["when"] = draw(_atom(issues))
            firmness = draw(st.sampled_from([None, 0.5, 1, 2, 3]))
            if firmness is not None:
                item["firmness"] = firmness
            red_lines.append(item)
        if red_lines:
            actor["red_lines"] = red_lines
        prefs = dict(
            draw(_preference(name, spec)) for name, spec in issues.items() if draw(st.booleans())
        )
        if prefs:
            actor["preferences"] = prefs
        reservation = draw(st.sampled_from([0, 0, 0.3, 0.6, 0.9]))
        if reservation:
            actor["reservation"] = reservation
        actors[f"p{a}"] = actor
    doc["actors"] = actors
    return str(yaml.safe_dump(doc, sort_keys=False))


# --- brute force ------------------------------------------------------------------------------


class Brute:
    """Everything the oracle knows about one scenario, computed once."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.refs = [
            r
            for r in oracle.group_refs(scenario)
            if not r.endswith("/reservation") or self._reservation(r) > 0
        ]
        self.table = oracle.satisfied_groups(scenario)
        self.deals = [
            d
            for d in oracle.enumerate_deals(scenario)
            if all(constraint_holds(r, d, tol=oracle.ORACLE_TOL) for r in scenario.rules)
        ]

    def _reservation(self, ref: str) -> float:
        return float(self.scenario.actors[ref.split("/")[0]].reservation)

    def feasible(self, refs: set[str] | frozenset[str]) -> bool:
        return any(refs <= held for held in self.table)

    @property
    def exists(self) -> bool:
        return self.feasible(set(self.refs))

    def binding(self) -> list[str]:
        return [
            g
            for g in self.refs
            if any(set(self.refs) - {g} <= held and g not in held for held in self.table)
        ]

    def holds(self, ref: str, deal: dict[str, Any]) -> bool:
        scenario = self.scenario
        if ref.endswith("/reservation"):
            actor = scenario.actors[ref.split("/")[0]]
            return reservation_holds(actor, scenario.model.issues, deal, tol=oracle.ORACLE_TOL)
        return constraint_holds(scenario.constraint(ref), deal, tol=oracle.ORACLE_TOL)

    def deals_holding(self, refs: set[str]) -> list[dict[str, Any]]:
        return [d for d in self.deals if all(self.holds(r, d) for r in sorted(refs))]


def _sign(compare: Compare) -> float:
    return 1.0 if compare.expr.terms[0][1] > 0 else -1.0


def best_after(brute: Brute, ref: str, others: set[str]) -> float:
    """The moved number a move of `ref` should reach, by brute force over the deals that
    satisfy every group but `ref` and `others` (all of which violate `ref`)."""
    scenario = brute.scenario
    if ref.endswith("/reservation"):
        actor = scenario.actors[ref.split("/")[0]]
        deals = brute.deals_holding(set(brute.refs) - others - {ref})
        return max(utility(actor, scenario.model.issues, d) for d in deals)
    compare = scenario.constraint(ref).require
    assert isinstance(compare, Compare)
    c = compare.expr.constant
    gap = 1.0 if compare.integral else 1e-6
    candidates = []
    for deal in brute.deals_holding(set(brute.refs) - others - {ref}):
        lin = linear_value(compare.expr, deal) - c  # the terms alone
        need = {
            Op.GE: max(c, -lin),
            Op.GT: max(c, gap - lin),
            Op.LE: min(c, -lin),
            Op.LT: min(c, -gap - lin),
        }[compare.op]
        candidates.append(need)
    best = min(candidates, key=lambda x: abs(x - c))
    return -best * _sign(compare)


# --- the checks -----------------------------------------------------------------------------


def _diagnosis(scenario: Scenario, exists: bool, max_conflicts: int = 100) -> Diagnosis:
    return diagnose(compile_scenario(scenario), Zone(exists=exists), max_conflicts=max_conflicts)


def _check_move(brute: Brute, relaxation: Relaxation, move: NumericMove) -> None:
    others = set(relaxation.drop) - {move.ref}
    assert math.isclose(move.after, best_after(brute, move.ref, others), abs_tol=1e-6), move
    # the move really opens a ZOPA with the others dropped
    if move.ref.endswith("/reservation"):
        value: Any = move.after
    else:
        value = move.text.split(" → ")[1]
    variant = brute.scenario.with_changes(set={move.path: value}, drop=sorted(others))
    assert oracle.zone_of(variant).exists, (move, variant.raw)


@PROFILE
@given(finite_scenarios())
def test_diagnosis_is_exactly_the_brute_force_answer(text: str) -> None:
    scenario = zopa.loads(text)
    brute = Brute(scenario)
    got = _diagnosis(scenario, brute.exists)
    assert not got.truncated
    if brute.exists:
        assert got.conflicts == () and got.relaxations == ()
        assert list(got.binding) == brute.binding()
        return
    assert got.binding == ()
    if not brute.table:
        assert got.rules_infeasible and got.conflicts == () and got.relaxations == ()
        return
    assert not got.rules_infeasible
    assert [list(c) for c in got.conflicts] == [list(c) for c in oracle.minimal_conflicts(scenario)]
    expected = oracle.minimal_relaxations(scenario)
    assert [r.drop for r in got.relaxations] == [drop for drop, _ in expected]
    for r, (_, cost) in zip(got.relaxations, expected, strict=True):
        assert math.isclose(r.cost, cost)
        for move in r.moves:
            _check_move(brute, r, move)


def _movable(scenario: Scenario, ref: str) -> bool:
    if ref.endswith("/reservation"):
        return True
    require = scenario.constraint(ref).require
    return isinstance(require, Compare) and require.op not in (Op.EQ, Op.NE)


@SMALL
@given(finite_scenarios())
def test_every_relaxation_opens_a_zopa_and_every_movable_member_has_a_move(text: str) -> None:
    scenario = zopa.loads(text)
    got = _diagnosis(scenario, oracle.zone_of(scenario).exists)
    for relaxation in got.relaxations:
        variant = scenario.with_changes(drop=relaxation.drop)
        assert oracle.zone_of(variant).exists
        outcome = compile_scenario(variant).session().solve()
        assert outcome.status is SolveStatus.OPTIMAL
        moved = [m.ref for m in relaxation.moves]
        # a movable member may lack a move only where moving it would admit every value
        # (a drop by another name); the listed ones keep the relaxation's order
        assert moved == [g for g in relaxation.drop if _movable(scenario, g) and g in moved]
        for move in relaxation.moves:  # applied as printed, each move opens a ZOPA
            others = [g for g in relaxation.drop if g != move.ref]
            new = move.after if move.path.endswith(".reservation") else move.text.split("→ ")[1]
            applied = scenario.with_changes(set={move.path: new}, drop=others)
            assert oracle.zone_of(applied).exists, move.text


def _count_minimal(scenario: Scenario) -> tuple[int, int]:
    return len(oracle.minimal_conflicts(scenario)), len(oracle.minimal_relaxations(scenario))


@SMALL
@given(finite_scenarios(), st.integers(0, 2))
def test_a_limit_truncates_and_keeps_the_first(text: str, limit: int) -> None:
    scenario = zopa.loads(text)
    brute = Brute(scenario)
    if brute.exists or not brute.table:
        return
    got = _diagnosis(scenario, False, max_conflicts=limit)
    n_conflicts, n_relaxations = _count_minimal(scenario)
    assert got.truncated == (n_conflicts > limit or n_relaxations > limit)
    assert len(got.conflicts) == min(limit, n_conflicts)
    assert len(got.relaxations) == min(limit, n_relaxations)
    assert set(got.conflicts) <= set(oracle.minimal_conflicts(scenario))
    relaxations = oracle.minimal_relaxations(scenario)
    assert {r.drop for r in got.relaxations} <= {d for d, _ in relaxations}
    # the cheapest ones come first: no listed relaxation costs more than one left out
    listed = [r.cost for r in got.relaxations]
    left_out = [c for d, c in relaxations if d not in {r.drop for r in got.relaxations}]
    if listed and left_out:
        assert max(listed) <= min(left_out) + 1e-9
    sizes: Sequence[int] = [len(c) for c in got.conflicts]
    assert sizes == sorted(sizes)
