"""Diagnosis on hand-made and published scenarios whose answers are derived by hand.

Each test's docstring carries the derivation; the diagnosis must match it exactly (sets,
order, costs, numeric moves).
"""

from __future__ import annotations

import zopa
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.result import Diagnosis, NumericMove, Relaxation
from zopa.format.zone import Zone
from zopa.model.compile import compile_scenario
from zopa.model.session import SolveStatus


def _diagnose(text: str, *, max_conflicts: int = 20) -> Diagnosis:
    compiled = compile_scenario(zopa.loads(text))
    exists = compiled.session().solve().status is SolveStatus.OPTIMAL
    return diagnose(compiled, Zone(exists=exists), max_conflicts=max_conflicts)


CAR = """
zopa: 1
title: Car configuration (O'Sullivan, Papadopoulos, Faltings & Pu, AAAI 2007)
issues:
  roof_rack: {type: integer, min: 0, max: 1}
  convertible: {type: integer, min: 0, max: 1}
  cd_player: {type: integer, min: 0, max: 1}
  leather_seats: {type: integer, min: 0, max: 1}
rules:
  - id: no-rack-on-a-convertible
    require: roof_rack + convertible <= 1
actors:
  customer:
    red_lines:
      - id: budget
        require: >-
          500 * roof_rack + 500 * convertible + 500 * cd_player + 2600 * leather_seats <= 3000
        firmness: 3
      - {id: roof-rack, require: roof_rack == 1}
      - {id: convertible, require: convertible == 1, firmness: 2}
      - {id: cd-player, require: cd_player == 1, firmness: 0.5}
      - {id: leather-seats, require: leather_seats == 1, firmness: 1.5}
"""

BUDGET_TEXT = "500 * roof_rack + 500 * convertible + 500 * cd_player + 2600 * leather_seats"


def test_the_published_car_configuration_example() -> None:
    """O'Sullivan et al. (2007), "Representative explanations for over-constrained
    problems", running example. A customer wants c1 a budget of 3000 with options costing
    roof rack 500, convertible 500, CD player 500, leather seats 2600, and c2..c5 each option;
    a technical rule forbids a roof rack on a convertible.

    Minimal conflicts (the paper lists the same four): {c2, c3} by the rule; c5 with any
    other option costs 3100 > 3000, so {c1, c2, c5}, {c1, c3, c5}, {c1, c4, c5}; c2 + c3 + c4
    costs 1500 and no other set is infeasible.

    Minimal correction sets = minimal hitting sets of those four. Hitting {c2, c3} with c2,
    the rest need c1 or c5 (both hit {c1,c3,c5} and {c1,c4,c5}) or else both c3 and c4:
    {c1,c2}, {c2,c5}, {c2,c3,c4}; with c3 likewise {c1,c3}, {c3,c5}; {c2,c3,c4} is minimal
    (without c2 {c1,c2,c5} is missed, without c3 {c1,c3,c5}, without c4 {c1,c4,c5}).

    With firmness c1 3, c2 1, c3 2, c4 0.5, c5 1.5 the costs are {c2,c5} 2.5, {c3,c5} 3.5,
    {c2,c3,c4} 3.5 (the tie goes to the smaller set), {c1,c2} 4, {c1,c3} 5.

    Numeric moves: only the budget is an inequality. Dropping the roof rack (or the
    convertible) and keeping the other three options costs 500 + 500 + 2600 = 3600, so the
    budget moves from 3000 to 3600 in both relaxations that contain it.
    """
    got = _diagnose(CAR)
    c = "customer/"
    assert got.conflicts == (
        (c + "roof-rack", c + "convertible"),
        (c + "budget", c + "roof-rack", c + "leather-seats"),
        (c + "budget", c + "convertible", c + "leather-seats"),
        (c + "budget", c + "cd-player", c + "leather-seats"),
    )
    budget_move = NumericMove(
        c + "budget",
        "actors.customer.red_lines.0.require",
        3000.0,
        3600.0,
        f"{c}budget: {BUDGET_TEXT} <= 3000 → {BUDGET_TEXT} <= 3600",
    )
    assert got.relaxations == (
        Relaxation((c + "roof-rack", c + "leather-seats"), 2.5),
        Relaxation((c + "convertible", c + "leather-seats"), 3.5),
        Relaxation((c + "roof-rack", c + "convertible", c + "cd-player"), 3.5),
        Relaxation((c + "budget", c + "roof-rack"), 4.0, (budget_move,)),
        Relaxation((c + "budget", c + "convertible"), 5.0, (budget_move,)),
    )
    assert not got.truncated and not got.rules_infeasible and got.binding == ()


TERRITORY = """
zopa: 1
issues:
  territory: {type: number, min: 0, max: 0.27}
actors:
  russia:
    red_lines:
      - {id: no-territorial-concessions, require: territory >= 0.2, firmness: 0.9}
  ukraine:
    red_lines:
      - {id: at-most-the-line, require: 0.15 >= territory, firmness: 0.6}
"""


def test_two_thresholds_on_a_real_number_move_towards_each_other() -> None:
    """Russia needs territory >= 0.2, Ukraine concedes at most 0.15: one conflict of the two;
    dropping either opens a ZOPA, Ukraine's (0.6) first. Each threshold's move meets the other:
    Ukraine's cap rises to 0.2, Russia's floor falls to 0.15 (written `territory <= ...` although
    the YAML says `0.15 >= territory`: the number always goes on the right)."""
    got = _diagnose(TERRITORY)
    assert got.conflicts == (("russia/no-territorial-concessions", "ukraine/at-most-the-line"),)
    assert got.to_dict()["relaxations"] == [
        {
            "drop": ["ukraine/at-most-the-line"],
            "cost": 0.6,
            "moves": [
                {
                    "ref": "ukraine/at-most-the-line",
                    "path": "actors.ukraine.red_lines.0.require",
                    "before": 0.15,
                    "after": 0.2,
                    "text": "ukraine/at-most-the-line: territory <= 0.15 → territory <= 0.2",
                }
            ],
        },
        {
            "drop": ["russia/no-territorial-concessions"],
            "cost": 0.9,
            "moves": [
                {
                    "ref": "russia/no-territorial-concessions",
                    "path": "actors.russia.red_lines.0.require",
                    "before": 0.2,
                    "after": 0.15,
                    "text": "russia/no-territorial-concessions: territory >= 0.2 → "
                    "territory >= 0.15",
                }
            ],
        },
    ]


PRICE = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 100}
actors:
  seller:
    preferences:
      price: {weight: 1, curve: [[0, 0], [100, 1]]}
    reservation: 0.8
  buyer:
    red_lines:
      - {id: budget, require: price <= 50}
    preferences:
      price: {weight: 1, curve: [[0, 1], [100, 0]]}
"""


def test_a_reservation_in_conflict_and_its_move() -> None:
    """The seller's utility is price / 100 and needs 0.8, so price >= 80; the buyer caps the
    price at 50. Conflict: seller/reservation with buyer/budget. Both cost 1 and have one
    member, so YAML order decides: the seller's reservation first. Moves: the reservation
    falls to the best utility under the cap, 50/100 = 0.5; the cap rises to 80. The buyer's
    reservation is 0: it can never fail and is never named."""
    got = _diagnose(PRICE)
    assert got.conflicts == (("seller/reservation", "buyer/budget"),)
    assert got.relaxations == (
        Relaxation(
            ("seller/reservation",),
            1.0,
            (
                NumericMove(
                    "seller/reservation",
                    "actors.seller.reservation",
                    0.8,
                    0.5,
                    "seller/reservation: 0.8 → 0.5",
                ),
            ),
        ),
        Relaxation(
            ("buyer/budget",),
            1.0,
            (
                NumericMove(
                    "buyer/budget",
                    "actors.buyer.red_lines.0.require",
                    50.0,
                    80.0,
                    "buyer/budget: price <= 50 → price <= 80",
                ),
            ),
        ),
    )


STRICT_WHEN = """
zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
  guarantees: {type: boolean}
rules:
  - {id: no-guarantees-on-offer, require: not guarantees}
actors:
  a:
    red_lines:
      - {id: floor-without-guarantees, when: not guarantees, require: x > 0.6}
  b:
    red_lines:
      - {id: cap, require: x <= 0.5}
"""


def test_a_strict_threshold_under_a_condition() -> None:
    """The rule makes `not guarantees` certain, so a's floor x > 0.6 (x >= 0.60001 with
    the strict gap 1e-5) always applies and meets b's cap 0.5. Moving the floor: x > t must
    admit x = 0.5, so t = 0.5 - 1e-5 = 0.49999; moving the cap: x <= 0.60001."""
    got = _diagnose(STRICT_WHEN)
    assert got.conflicts == (("a/floor-without-guarantees", "b/cap"),)
    texts = [m.text for r in got.relaxations for m in r.moves]
    assert texts == [
        "a/floor-without-guarantees: x > 0.6 → x > 0.49999",
        "b/cap: x <= 0.5 → x <= 0.60001",
    ]


def test_rules_that_contradict_themselves_blame_no_position() -> None:
    """`x >= 2` with x at most 1: no deal at all, whatever the red lines say."""
    got = _diagnose(
        """
zopa: 1
issues:
  x: {type: integer, min: 0, max: 1}
rules:
  - {id: impossible, require: x >= 2}
actors:
  a:
    red_lines:
      - {id: one, require: x == 1}
"""
    )
    assert got == Diagnosis(rules_infeasible=True)
    assert got.to_dict() == {
        "conflicts": [],
        "relaxations": [],
        "binding": [],
        "rules_infeasible": True,
    }


BINDING = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 100}
actors:
  seller:
    red_lines:
      - {id: floor, require: price >= 40}
    preferences:
      price: {weight: 1, curve: [[0, 0], [100, 1]]}
    reservation: 0.3
  buyer:
    red_lines:
      - {id: cap, require: price <= 70}
      - {id: ceiling, require: price <= 90}
    preferences:
      price: {weight: 1, curve: [[0, 1], [100, 0]]}
    reservation: 0.4
"""


def test_binding_groups_are_the_ones_that_cut_the_zone() -> None:
    """The ZOPA is price in [40, 60]: the seller's floor (40) beats its reservation
    (0.3 -> price >= 30); the buyer's reservation (0.4 -> price <= 60) beats its cap (70) and
    its ceiling (90). Dropping the floor lets the price fall to 30, dropping the buyer's
    reservation lets it rise to 70; dropping anything else changes nothing."""
    got = _diagnose(BINDING)
    assert got == Diagnosis(binding=("seller/floor", "buyer/reservation"))


DISJOINT = """
zopa: 1
issues:
{issues}
actors:
  hawk:
    red_lines:
{hawk}
  dove:
    red_lines:
{dove}
"""


def _disjoint(n: int) -> str:
    return DISJOINT.format(
        issues="\n".join(f"  b{i}: {{type: boolean}}" for i in range(n)),
        hawk="\n".join(f"      - {{id: h{i}, require: b{i}}}" for i in range(n)),
        dove="\n".join(f"      - {{id: d{i}, require: not b{i}}}" for i in range(n)),
    )


def test_many_relaxations_are_cut_at_the_limit_but_every_conflict_is_found() -> None:
    """Six booleans, the hawk wants each true, the dove each false: six disjoint conflicts
    {hawk/hI, dove/dI}; a relaxation drops one side of every pair, 2^6 = 64 of them, each
    of cost 6. The limit of 20 cuts the relaxations (truncated) while the six conflicts are
    all found, through a map that starts from only 21 relaxations."""
    got = _diagnose(_disjoint(6))
    assert got.conflicts == tuple((f"hawk/h{i}", f"dove/d{i}") for i in range(6))
    assert len(got.relaxations) == 20 and got.truncated
    for r in got.relaxations:
        assert r.cost == 6.0 and len(r.drop) == 6
        assert sorted(int(ref[-1]) for ref in r.drop) == list(range(6))
    assert len({r.drop for r in got.relaxations}) == 20


def test_a_limit_of_zero_lists_nothing_and_says_so() -> None:
    got = _diagnose(TERRITORY, max_conflicts=0)
    assert got == Diagnosis(truncated=True)


def test_a_limit_equal_to_the_count_is_not_truncated() -> None:
    got = _diagnose(_disjoint(2), max_conflicts=4)
    assert len(got.conflicts) == 2 and len(got.relaxations) == 4 and not got.truncated
    cut = _diagnose(_disjoint(2), max_conflicts=3)
    assert len(cut.conflicts) == 2 and len(cut.relaxations) == 3 and cut.truncated
