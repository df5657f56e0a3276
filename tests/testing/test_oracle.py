"""The brute-force oracle on hand-made tiny scenarios with hand-derived answers, plus the
definitions of conflicts, relaxations and binding red lines checked on random small ones."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.scenario.evaluate import violations
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle

TINY = """
zopa: 1
issues:
  n: {type: integer, min: 0, max: 1}
  c: {type: choice, options: [a, b]}
  f: {type: boolean}
  s: {type: sequence, steps: [x, y]}
actors:
  p: {}
"""

SEEDLING = """
zopa: 1
issues:
  territory: {type: integer, min: 0, max: 4}
  nato: {type: choice, options: [member, deferred, neutral]}
  form: {type: choice, options: [truce, armistice, treaty], ordered: true}
  dialogue_restored: {type: boolean}
  moves: {type: sequence, steps: [us_outreach, russia_response, ceasefire]}
rules:
  - id: one-status
    require: not (nato == "member" and form == "truce")
actors:
  russia:
    red_lines:
      - id: lasting-deal
        require: form >= "armistice"
      - id: us-moves-first
        require: moves.us_outreach == 1
    preferences:
      territory: {weight: 5, curve: [[0, 0], [2, 0.7], [4, 1]]}
      nato: {weight: 3, values: {member: 0, deferred: 0.6, neutral: 1}}
    reservation: 0.5
  ukraine:
    red_lines:
      - id: nato-path
        require: nato != "neutral"
      - id: land
        when: dialogue_restored
        require: territory <= 2
    preferences:
      territory: {weight: 1, curve: [[0, 1], [4, 0]]}
      dialogue_restored: {weight: 1, values: {true: 1}}
    reservation: 0.4
"""

DEADLOCK = """
zopa: 1
issues:
  t: {type: integer, min: 0, max: 3}
  nato: {type: choice, options: [member, neutral]}
actors:
  russia:
    red_lines:
      - {id: no-nato, require: nato != "member", firmness: 0.9}
      - {id: land, require: t >= 2}
  ukraine:
    red_lines:
      - {id: nato-path, require: nato == "member", firmness: 0.6}
      - {id: keep, require: t <= 1, firmness: 2}
"""


def load(text: str) -> Scenario:
    return zopa.loads(text, name="oracle-test.yaml")


# --- enumeration ----------------------------------------------------------------------------


def test_enumeration_order_and_count() -> None:
    scenario = load(TINY)
    deals = list(oracle.enumerate_deals(scenario))
    assert oracle.deal_count(scenario) == len(deals) == 16
    assert deals[0] == {"n": 0, "c": "a", "f": False, "s": ("x", "y")}
    assert deals[1] == {"n": 0, "c": "a", "f": False, "s": ("y", "x")}
    assert deals[2] == {"n": 0, "c": "a", "f": True, "s": ("x", "y")}
    assert deals[-1] == {"n": 1, "c": "b", "f": True, "s": ("y", "x")}
    assert list(deals[0]) == ["n", "c", "f", "s"]
    unique = {tuple(sorted(d.items())) for d in deals}
    assert len(unique) == 16


def test_sequences_are_all_permutations() -> None:
    scenario = load(SEEDLING)
    assert oracle.deal_count(scenario) == 5 * 3 * 3 * 2 * 6
    orders = {d["moves"] for d in oracle.enumerate_deals(scenario)}
    assert orders == set(itertools.permutations(("us_outreach", "russia_response", "ceasefire")))


def test_real_numbers_and_limits_are_refused() -> None:
    real = load(TINY.replace("{type: integer, min: 0, max: 1}", "{type: number, min: 0, max: 1}"))
    with pytest.raises(ValueError, match="'n' is a real number"):
        oracle.deal_count(real)
    with pytest.raises(ValueError, match="'n' is a real number"):
        list(oracle.enumerate_deals(real))
    with pytest.raises(ValueError, match="16 deals, more than the limit of 15"):
        list(oracle.enumerate_deals(load(TINY), limit=15))


# --- the zone -------------------------------------------------------------------------------


def test_zone_of_the_seedling_scenario_by_hand() -> None:
    # ukraine: nato != neutral; its utility ((1 - t/4) + dialogue) / 2 >= 0.4 needs dialogue
    # (then t <= 2 by `land`), since without it t <= 0.8 would leave russia below 0.5.
    # russia at t <= 2: (5 * curve(t) + 3 * v(nato)) / 8 >= 0.5 holds only at t = 2 with
    # deferred: (3.5 + 1.8) / 8 = 0.6625 (member gives 3.5 / 8; t = 1 gives 1.75 + 1.8 < 4).
    # So t = 2, deferred, dialogue, form armistice or treaty, us_outreach first (2 orders).
    scenario = load(SEEDLING)
    deals = oracle.zopa_deals(scenario)
    assert len(deals) == 1 * 1 * 2 * 1 * 2
    assert oracle.zone_of(scenario) == Zone(
        exists=True,
        issues={
            "territory": NumberRange(2, 2),
            "nato": OptionSet(("deferred",)),
            "form": OptionSet(("armistice", "treaty")),
            "dialogue_restored": BoolSet((True,)),
            "moves": StepPositions(
                (("us_outreach", 1, 1), ("russia_response", 2, 3), ("ceasefire", 2, 3))
            ),
        },
        utilities={
            "russia": NumberRange(0.6625, 0.6625),
            "ukraine": NumberRange(0.75, 0.75),
        },
    )
    assert oracle.binding_red_lines(scenario) == [
        "russia/lasting-deal",
        "russia/us-moves-first",
        "ukraine/nato-path",
        "ukraine/land",
    ]
    assert oracle.minimal_conflicts(scenario) == []
    assert oracle.minimal_relaxations(scenario) == [((), 0.0)]


def test_zone_of_a_scenario_without_zopa() -> None:
    scenario = load(DEADLOCK)
    assert oracle.zopa_deals(scenario) == []
    assert oracle.zone_of(scenario) == Zone(exists=False)


def test_zone_issue_ranges_with_several_values() -> None:
    scenario = load(
        TINY.replace("p: {}", "p: {red_lines: [{id: r, require: 'n == 1 or s.y == 1'}]}")
    )
    zone = oracle.zone_of(scenario)
    assert zone.issues == {
        "n": NumberRange(0, 1),
        "c": OptionSet(("a", "b")),
        "f": BoolSet((False, True)),
        "s": StepPositions((("x", 1, 2), ("y", 1, 2))),
    }
    assert zone.utilities == {"p": NumberRange(0.0, 0.0)}
    assert len(oracle.zopa_deals(scenario)) == 12


# --- groups, conflicts and relaxations --------------------------------------------------------


def test_group_refs_and_firmness() -> None:
    scenario = load(DEADLOCK)
    assert oracle.group_refs(scenario) == (
        "russia/no-nato",
        "russia/land",
        "russia/reservation",
        "ukraine/nato-path",
        "ukraine/keep",
        "ukraine/reservation",
    )
    assert oracle.firmness_of(scenario, "russia/no-nato") == 0.9
    assert oracle.firmness_of(scenario, "russia/land") == 1.0
    assert oracle.firmness_of(scenario, "ukraine/reservation") == 1.0


def test_feasible_with_exact_groups() -> None:
    scenario = load(DEADLOCK)
    assert oracle.feasible_with(scenario, set())
    assert oracle.feasible_with(scenario, {"russia/no-nato", "russia/land"})
    assert not oracle.feasible_with(scenario, {"russia/no-nato", "ukraine/nato-path"})
    assert not oracle.feasible_with(scenario, {"russia/land", "ukraine/keep"})
    assert oracle.feasible_with(
        scenario, {"russia/land", "ukraine/nato-path", "ukraine/reservation"}
    )
    table = oracle.satisfied_groups(scenario)
    assert oracle.feasible_with(scenario, {"russia/land"}, satisfied=table)
    with pytest.raises(ValueError, match="unknown groups \\['russia/nope'\\]"):
        oracle.feasible_with(scenario, {"russia/nope"})


def test_conflicts_and_relaxations_of_the_deadlock() -> None:
    scenario = load(DEADLOCK)
    assert oracle.minimal_conflicts(scenario) == [
        ("russia/no-nato", "ukraine/nato-path"),
        ("russia/land", "ukraine/keep"),
    ]
    assert oracle.minimal_relaxations(scenario) == [
        (("russia/land", "ukraine/nato-path"), pytest.approx(1.6)),
        (("russia/no-nato", "russia/land"), pytest.approx(1.9)),
        (("ukraine/nato-path", "ukraine/keep"), pytest.approx(2.6)),
        (("russia/no-nato", "ukraine/keep"), pytest.approx(2.9)),
    ]
    # binding needs every other group to hold, which nothing does here
    assert oracle.binding_red_lines(scenario) == []


def test_reservations_take_part_in_conflicts() -> None:
    scenario = load(
        """
zopa: 1
issues:
  t: {type: integer, min: 0, max: 4}
actors:
  a:
    preferences: {t: {weight: 1, curve: [[0, 0], [4, 1]]}}
    reservation: 0.6
  b:
    red_lines: [{id: low, require: t <= 2}]
"""
    )
    assert oracle.minimal_conflicts(scenario) == [("a/reservation", "b/low")]
    assert oracle.minimal_relaxations(scenario) == [(("a/reservation",), 1.0), (("b/low",), 1.0)]
    assert oracle.zone_of(scenario) == Zone(exists=False)


def test_infeasible_rules_make_the_empty_set_a_conflict() -> None:
    scenario = load(
        """
zopa: 1
issues:
  t: {type: integer, min: 0, max: 2}
rules:
  - {id: impossible, require: t > 5}
actors:
  a: {red_lines: [{id: r, require: t == 1}]}
"""
    )
    assert oracle.satisfied_groups(scenario) == ()
    assert oracle.minimal_conflicts(scenario) == [()]
    assert oracle.minimal_relaxations(scenario) == []
    assert not oracle.feasible_with(scenario, set())


def test_binding_red_lines_shape_the_zone() -> None:
    scenario = load(
        """
zopa: 1
issues:
  t: {type: integer, min: 0, max: 4}
actors:
  a:
    red_lines:
      - {id: tight, require: t >= 2}
      - {id: loose, require: t >= 1}
      - {id: cond, when: t == 0, require: t == 4}
  b: {red_lines: [{id: cap, require: t <= 3}]}
"""
    )
    # `loose` and `cond` are implied by `tight`: dropping either leaves the zone as it is
    assert oracle.binding_red_lines(scenario) == ["a/tight", "b/cap"]
    assert oracle.zone_of(scenario).issues["t"] == NumberRange(2, 3)


# --- the definitions, on random small scenarios -------------------------------------------------

EXPRESSIONS = [
    "t >= 2",
    "t <= 1",
    "t == 3",
    "t != 2",
    'c == "a"',
    'c != "a"',
    'c in ["b", "c"]',
    "f",
    "not f",
    "s.x < s.y",
    "s.y == 1",
    "t + s.x <= 3",
]


@st.composite
def small_scenarios(draw: st.DrawFn) -> Scenario:
    lines = []
    for actor in ("a", "b", "c"):
        exprs = draw(st.lists(st.sampled_from(EXPRESSIONS), max_size=3, unique=True))
        red_lines = ", ".join(
            f"{{id: r{i}, require: '{e}', firmness: {draw(st.sampled_from([0.5, 1, 2]))}}}"
            for i, e in enumerate(exprs)
        )
        reservation = draw(st.sampled_from([0, 0.3, 0.6]))
        lines.append(
            f"  {actor}:\n"
            f"    red_lines: [{red_lines}]\n"
            f"    preferences: {{t: {{weight: 1, curve: [[0, 0], [3, 1]]}},"
            f" c: {{weight: 1, values: {{a: 1}}}}}}\n"
            f"    reservation: {reservation}\n"
        )
    text = (
        "zopa: 1\nissues:\n  t: {type: integer, min: 0, max: 3}\n"
        "  c: {type: choice, options: [a, b, c]}\n  f: {type: boolean}\n"
        "  s: {type: sequence, steps: [x, y]}\nactors:\n" + "".join(lines)
    )
    return load(text)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(scenario=small_scenarios())
def test_conflicts_relaxations_and_binding_meet_their_definitions(scenario: Scenario) -> None:
    refs = oracle.group_refs(scenario)
    table = oracle.satisfied_groups(scenario)

    def feasible(groups: tuple[str, ...] | frozenset[str]) -> bool:
        return oracle.feasible_with(scenario, set(groups), satisfied=table)

    exists = oracle.zone_of(scenario).exists
    assert exists == feasible(refs) == bool(oracle.zopa_deals(scenario))
    conflicts = oracle.minimal_conflicts(scenario)
    assert (conflicts == []) == exists
    for conflict in conflicts:
        assert not feasible(conflict)
        for member in conflict:
            assert feasible(tuple(r for r in conflict if r != member))
    relaxations = oracle.minimal_relaxations(scenario)
    costs = [cost for _, cost in relaxations]
    assert costs == sorted(costs)
    for drop, _ in relaxations:
        kept = frozenset(refs) - set(drop)
        assert feasible(kept)
        for member in drop:
            assert not feasible(kept | {member})
        # every conflict loses a member: relaxations are hitting sets of the conflicts
        assert all(set(conflict) & set(drop) for conflict in conflicts)
    binding = oracle.binding_red_lines(scenario)
    zopa_size = len(oracle.zopa_deals(scenario))
    for line in scenario.red_lines:
        without = sum(
            1
            for deal in oracle.enumerate_deals(scenario)
            if set(violations(scenario, deal, tol=oracle.ORACLE_TOL)) <= {line.ref}
        )
        assert (without > zopa_size) == (line.ref in binding)
