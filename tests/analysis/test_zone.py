"""`compute_zone` on scenarios whose zone is derived by hand, with real numbers, strict
comparisons at the boundary, and every bound attained by a certified deal."""

from __future__ import annotations

import pytest

import zopa
from zopa.analysis.certify import certify
from zopa.analysis.zone import compute_zone, search_zone
from zopa.errors import SolverError
from zopa.format.tolerances import STRICT_GAP
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.model.compile import compile_scenario

SALE = """
zopa: 1
issues:
  price: {type: number, min: 100, max: 200}
  extras: {type: choice, options: [none, mats, tyres]}
  fast: {type: boolean}
  days: {type: integer, min: 1, max: 30}
  steps: {type: sequence, steps: [pay, deliver, register]}
actors:
  seller:
    red_lines:
      - {id: floor, require: price >= 150}
      - {id: paid-first, require: steps.pay < steps.deliver}
      - {id: tyres-cost, require: price >= 180, when: extras == "tyres"}
    preferences: {price: {weight: 1, curve: [[100, 0], [200, 1]]}}
    reservation: 0.5
  buyer:
    red_lines:
      - {id: budget, require: price <= 185}
      - {id: quick, require: days <= 10 or fast}
      - {id: slow-cheap, require: not fast or price >= 160}
    preferences: {price: {weight: 1, curve: [[100, 1], [200, 0]]}}
    reservation: 0.2
"""


def zone_of(text: str) -> Zone:
    return compute_zone(compile_scenario(zopa.loads(text)))


def test_zone_by_hand() -> None:
    zone = zone_of(SALE)
    assert zone.exists
    assert zone.issues["price"] == NumberRange(150.0, 180.0)  # reservations: 0.5 and 0.2
    assert zone.issues["extras"] == OptionSet(("none", "mats", "tyres"))  # tyres at 180 only
    assert zone.issues["fast"] == BoolSet((False, True))
    assert zone.issues["days"] == NumberRange(1, 30)  # 30 only when fast
    assert zone.issues["steps"] == StepPositions(
        (("pay", 1, 2), ("deliver", 2, 3), ("register", 1, 3))
    )
    assert zone.utilities["seller"].min == pytest.approx(0.5, abs=1e-9)
    assert zone.utilities["seller"].max == pytest.approx(0.8, abs=1e-9)
    assert zone.utilities["buyer"].min == pytest.approx(0.2, abs=1e-9)
    assert zone.utilities["buyer"].max == pytest.approx(0.5, abs=1e-9)
    assert list(zone.issues) == ["price", "extras", "fast", "days", "steps"]
    assert list(zone.utilities) == ["seller", "buyer"]


def test_integer_answers_are_ints() -> None:
    days = zone_of(SALE).issues["days"]
    assert isinstance(days, NumberRange)
    assert type(days.min) is int and type(days.max) is int


def test_a_strict_bound_excludes_the_boundary() -> None:
    text = SALE.replace("price <= 185}", "price < 180}")
    zone = zone_of(text)
    price = zone.issues["price"]
    assert isinstance(price, NumberRange)
    assert price.max == pytest.approx(180 - STRICT_GAP, abs=1e-9)
    assert zone.issues["extras"] == OptionSet(("none", "mats"))


def test_no_zopa() -> None:
    zone = zone_of(SALE.replace("reservation: 0.2", "reservation: 0.6"))
    assert zone == Zone(exists=False)
    assert zone.to_dict() == {"exists": False, "issues": {}, "utilities": {}}


def test_every_bound_is_attained_by_a_certified_deal() -> None:
    scenario = zopa.loads(SALE)
    search = search_zone(compile_scenario(scenario))
    deals = search.deals
    assert deals
    for solution in deals:
        assert certify(scenario, solution.deal) == solution.utilities
    for issue, bounds in search.zone.issues.items():
        if isinstance(bounds, NumberRange):
            values = [s.deal[issue] for s in deals]
            assert bounds.min in values and bounds.max in values, issue
    for actor, bounds in search.zone.utilities.items():
        values = [s.utilities[actor] for s in deals]
        assert bounds.min in values and bounds.max in values, actor


def test_deals_found_prune_later_questions() -> None:
    """Bounds already attained by a deal found are not asked again: the first deal has
    n = 0 (its lowest) and utility 0 (the lowest there is), so only the highest n and the
    highest utility are solved for (and the options a and c, which are infeasible and
    add no deal)."""
    text = """
zopa: 1
issues:
  c: {type: choice, options: [a, b, c]}
  n: {type: integer, min: 0, max: 9}
actors:
  p: {red_lines: [{id: r, require: 'c == "b" and n == 0'}]}
"""
    search = search_zone(compile_scenario(zopa.loads(text)))
    assert search.zone.issues == {"c": OptionSet(("b",)), "n": NumberRange(0, 0)}
    assert len(search.deals) == 3


def test_time_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="time_limit"):
        compute_zone(compile_scenario(zopa.loads(SALE)), time_limit=0)


BIG = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 1000000000}
  b: {type: boolean}
  c: {type: choice, options: [x, y, z]}
actors:
  a:
    red_lines:
      - {id: r1, require: 'price >= 500000000.5 or c == "z"', when: b}
      - {id: r2, require: 'price <= 123456789.25 or b'}
      - {id: r3, require: 'not (c == "z" and price > 7)'}
    preferences: {price: {weight: 1, curve: [[0, 0], [1000000000, 1]]}}
  s:
    preferences: {price: {weight: 1, curve: [[0, 1], [300000000, 0.2], [1000000000, 0]]}}
    reservation: 0.1
"""


def test_numbers_in_the_billions_keep_their_curves() -> None:
    """Slopes of 0.2 per 7e8 are below HiGHS's smallest matrix value (1e-9): the curve must
    reach the solver as fill fractions, or s's reservation is silently lost. By hand: s's
    utility falls to its reservation 0.1 half-way along the second segment, at 6.5e8."""
    zone = zone_of(BIG)
    assert zone.issues["price"] == NumberRange(0.0, 650_000_000.0)
    assert zone.issues["c"] == OptionSet(("x", "y", "z"))
    assert zone.utilities["a"].max == pytest.approx(0.65, abs=1e-9)
    assert zone.utilities["s"].min == pytest.approx(0.1, abs=1e-9)


def test_time_limit_is_a_solver_error_not_a_guess() -> None:
    compiled = compile_scenario(zopa.loads(SALE))
    with pytest.raises(SolverError, match="before"):
        compute_zone(compiled, time_limit=1e-12)
