"""The worked scenarios analyse to what was derived by hand (the reasoning is in each test and
in the scenario files' comments), and agree with the brute-force oracle where one applies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import zopa
from zopa.analysis.zone import compute_zone
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle

TOL = 1e-6


def _load(root: Path, name: str) -> Scenario:
    return zopa.load(root / "scenarios" / f"{name}.yaml")


def _zone(scenario: Scenario) -> Any:
    return compute_zone(compile_scenario(scenario))


def _analyze(scenario: Scenario) -> Any:
    pytest.importorskip("zopa.analysis.run", reason="zopa.analyze has not landed yet")
    return zopa.analyze(scenario)


def _number(zone: Any, issue: str) -> tuple[float, float]:
    value = zone.issues[issue]
    assert isinstance(value, NumberRange)
    return value.min, value.max


def test_every_shipped_scenario_analyses_and_meets_its_expectations(shipped: Path) -> None:
    from zopa.analysis.expectations import check_expectations

    scenario = zopa.load(shipped)
    result = _analyze(scenario)
    # Every solution is certified by the engine; here: present exactly when a ZOPA exists.
    assert all((s is not None) == result.zopa.exists for s in result.solutions.values())
    report = check_expectations(scenario, result)
    failed = [f"{o.text}: {o.detail}" for o in report.outcomes if not o.passed]
    assert failed == []


# --- car sale ------------------------------------------------------------------------------


def test_car_sale_price_lies_between_the_dealers_batna_and_the_bank_limit(root: Path) -> None:
    zone = _zone(_load(root, "car-sale"))
    assert zone.exists
    low, high = _number(zone, "price")
    # Lowest: the dealer's reservation 0.436 with everything else at its best for the dealer
    # (no warranty, delivery >= 10 days, no tyres: 4 of 10 weight units) needs
    # 6 * (p - 18500) / 5500 >= 0.36, so p >= 18830. Highest: the bank's 450 * 48 = 21600.
    assert low == pytest.approx(18830, abs=TOL * 1e4)
    assert high == pytest.approx(21600, abs=TOL * 1e4)
    assert _number(zone, "delivery_days") == (2, 14)
    assert zone.issues["warranty"] == OptionSet(("none", "six_months", "two_years"))
    assert zone.issues["winter_tyres"] == BoolSet((False, True))
    assert zone.utilities["dealer"].min == pytest.approx(0.436, abs=TOL)
    assert zone.utilities["buyer"].min == pytest.approx(0.28, abs=TOL)


def test_car_sale_floor_does_not_bind_but_the_bank_limit_does(root: Path) -> None:
    result = _analyze(_load(root, "car-sale"))
    binding = set(result.diagnosis.binding)
    # At 18 500 EUR the dealer's utility is at most 0.4 < 0.436: the reservation, not the
    # floor, bounds the price from below. A two-year warranty below 19 700 EUR gives the
    # dealer at most 0.371, so `warranty-paid-for` is implied by the reservation too.
    assert "dealer/price-floor" not in binding
    assert "dealer/warranty-paid-for" not in binding
    assert {"buyer/loan-limit", "dealer/time-to-register", "buyer/needs-car-soon"} <= binding


# --- coalition -----------------------------------------------------------------------------


def test_coalition_red_lines_pin_everything_but_the_wage(root: Path) -> None:
    zone = _zone(_load(root, "coalition"))
    assert zone.exists
    # No speed limit (liberals) forces the greens' alternative, coal by 2031; the social
    # democrats' fund rules out 2030 without suspending the debt brake, which the liberals
    # rule out. Climate law before tax relief, tax relief in the first two: 1 and 2. Keeping
    # the debt brake would need pensions in slot 1 or 2: taken, so the brake is reformed.
    # Pensions not first, so the social democrats must lead.
    assert _number(zone, "coal_exit") == (2031, 2031)
    assert zone.issues["chancellor"] == OptionSet(("social",))
    assert zone.issues["debt_brake"] == OptionSet(("reform",))
    assert zone.issues["speed_limit"] == BoolSet((False,))
    assert _number(zone, "min_wage") == pytest.approx((13, 13.5), abs=TOL)
    assert zone.issues["reforms"] == StepPositions(
        (
            ("climate_law", 1, 1),
            ("tax_relief", 2, 2),
            ("pension_reform", 3, 4),
            ("digital_agenda", 3, 4),
        )
    )
    # Greens: (4 * 7/8 + 3 + 2 * 0.7 + 2 * 0.6 + (w - 12) / 3) / 14 for w in [13, 13.5].
    assert zone.utilities["greens"].min == pytest.approx((9.1 + 1 / 3) / 14, abs=TOL)
    assert zone.utilities["greens"].max == pytest.approx((9.1 + 0.5) / 14, abs=TOL)
    # Social democrats at w = 13 with pensions last would get 6.4 / 13 < 0.5: their
    # reservation is what bounds them from below.
    assert zone.utilities["social"].min == pytest.approx(0.5, abs=TOL)


def test_coalition_nash_wage_is_the_hand_computed_optimum(root: Path) -> None:
    result = _analyze(_load(root, "coalition"))
    nash = result.solutions["nash"]
    assert nash is not None
    # Everything but the wage is pinned (pensions third is better for the social democrats
    # and indifferent to the others); the Nash product of the three gains, each linear in
    # the wage w, is maximal at w = 13.48794 (solved numerically from the closed form).
    assert nash.deal["reforms"] == ("climate_law", "tax_relief", "pension_reform", "digital_agenda")
    assert nash.deal["min_wage"] == pytest.approx(13.4879368, abs=1e-4)
    assert {"liberals/wage-cap", "social/wage-band"} <= set(result.diagnosis.binding)


# --- the seed scenario and its variant ----------------------------------------------------


def test_seed_scenario_has_no_zopa_and_one_conflict(root: Path) -> None:
    scenario = _load(root, "ukraine")
    assert not _zone(scenario).exists
    result = _analyze(scenario)
    # Dropping either NATO position alone opens a ZOPA (checked below and in the variant), so
    # every minimal conflict holds both, and the pair is infeasible: it is the only one.
    assert [tuple(c) for c in result.diagnosis.conflicts] == [
        ("russia/no-nato", "ukraine/nato-path")
    ]
    relaxations = [(tuple(r.drop), r.cost) for r in result.diagnosis.relaxations]
    assert relaxations == [(("ukraine/nato-path",), 0.6), (("russia/no-nato",), 1.0)]
    assert all(solution is None for solution in result.solutions.values())


def test_seed_scenario_opens_when_either_nato_position_goes(root: Path) -> None:
    scenario = _load(root, "ukraine")
    without_ukraine = _zone(scenario.with_changes(drop=["ukraine/nato-path"]))
    assert without_ukraine.exists
    assert without_ukraine.issues["nato"] == OptionSet(("neutral",))
    without_russia = _zone(scenario.with_changes(drop=["russia/no-nato"]))
    assert without_russia.exists
    # Ukraine's reservation needs something back for giving up the NATO path: the territory
    # can no longer reach Russia's maximum (0.227, from the brute force in the commit notes).
    assert _number(without_ukraine, "territory")[1] < 0.27


def test_deferred_reading_opens_a_zopa_around_a_deferred_membership(root: Path) -> None:
    zone = _zone(_load(root, "ukraine-deferred"))
    assert zone.exists
    assert zone.issues["nato"] == OptionSet(("deferred",))
    assert zone.issues["form"] == OptionSet(("treaty",))
    assert zone.issues["dialogue_restored"] == BoolSet((True,))
    assert _number(zone, "territory") == pytest.approx((0.18, 0.27), abs=TOL)
    # The US first (Russia), the ceasefire by step 2 (US): outreach 1, ceasefire 2.
    assert zone.issues["moves"] == StepPositions(
        (
            ("us_outreach", 1, 1),
            ("russia_response", 3, 4),
            ("ceasefire", 2, 2),
            ("sanctions_relief", 3, 4),
        )
    )


# --- brute-force agreement ------------------------------------------------------------------


def _in_whole_percent(root: Path, name: str) -> Scenario:
    """The Ukraine scenario with territory in whole percentage points from 15 to 27: finite,
    so the oracle can enumerate it, and otherwise the same positions."""
    path = root / "scenarios" / f"{name}.yaml"
    raw: Any = zopa.load(path).raw
    raw["issues"]["territory"] = {"type": "integer", "min": 15, "max": 27, "status_quo": 20}
    raw["actors"]["russia"]["red_lines"][3]["require"] = "territory >= 18"
    for actor in raw["actors"].values():
        pref = actor["preferences"].get("territory")
        if pref is not None:
            pref["curve"] = [[round(x * 100), y] for x, y in pref["curve"]]
    return zopa.loads(yaml.safe_dump(raw, allow_unicode=True), base_dir=str(path.parent))


def _same_zone(got: Any, expected: Any) -> None:
    assert got.exists == expected.exists
    assert dict(got.issues) == dict(expected.issues)
    assert list(got.utilities) == list(expected.utilities)
    for actor, span in expected.utilities.items():
        assert got.utilities[actor].min == pytest.approx(span.min, abs=TOL)
        assert got.utilities[actor].max == pytest.approx(span.max, abs=TOL)


def test_whole_percent_seed_agrees_with_the_oracle(root: Path) -> None:
    scenario = _in_whole_percent(root, "ukraine")
    _same_zone(_zone(scenario), oracle.zone_of(scenario))
    result = _analyze(scenario)
    assert [tuple(c) for c in result.diagnosis.conflicts] == oracle.minimal_conflicts(scenario)
    expected = oracle.minimal_relaxations(scenario)
    got = [(tuple(r.drop), r.cost) for r in result.diagnosis.relaxations]
    assert got == [(drop, pytest.approx(cost)) for drop, cost in expected]


def test_whole_percent_variant_agrees_with_the_oracle(root: Path) -> None:
    scenario = _in_whole_percent(root, "ukraine-deferred")
    _same_zone(_zone(scenario), oracle.zone_of(scenario))
    result = _analyze(scenario)
    assert list(result.diagnosis.binding) == oracle.binding_red_lines(scenario)


# --- what docs/examples.md says in prose ----------------------------------------------------
# The shown outputs are checked by test_docs_outputs.py; these check the sentences around them.


def test_seed_without_ukraines_nato_path_compensates_ukraine_with_land(root: Path) -> None:
    result = _analyze(_load(root, "ukraine").with_changes(drop=["ukraine/nato-path"]))
    # Ukraine's best: territory 0.18 (curve 0.46), nothing for NATO, treaty, ceasefire second:
    # (5 * 0.46 + 2 + 2 * 2/3) / 13. Its reservation 0.35 caps the territory where
    # 5 * v + 2 + 4/3 = 4.55 on the curve's (0.2, 0.4)-(0.27, 0) piece: t = 0.2274167.
    assert result.zopa.utilities["ukraine"].max == pytest.approx((2.3 + 2 + 4 / 3) / 13, abs=TOL)
    assert _number(result.zopa, "territory")[1] == pytest.approx(0.2 + 0.07 * 0.47 / 1.2, abs=TOL)
    territory = {name: s.deal["territory"] for name, s in result.solutions.items()}
    for name in ("nash", "egalitarian", "utilitarian"):
        assert territory[name] == pytest.approx(0.18, abs=TOL), name
    assert territory["kalai_smorodinsky"] > 0.18 + 1e-3


def test_a_higher_ukrainian_reservation_closes_that_zopa_again(root: Path) -> None:
    scenario = _load(root, "ukraine").with_changes(
        drop=["ukraine/nato-path"], set={"actors.ukraine.reservation": 0.45}
    )
    result = _analyze(scenario)
    assert not result.zopa.exists
    assert [set(c) for c in result.diagnosis.conflicts] == [
        {
            "russia/us-moves-first",
            "russia/no-territorial-concessions",
            "russia/no-nato",
            "ukraine/reservation",
        }
    ]
    cheapest = result.diagnosis.relaxations[0]
    assert (tuple(cheapest.drop), cheapest.cost) == (("russia/us-moves-first",), 0.8)
    # Moving the territory line instead: Ukraine needs 5 * v + 2 + 4/3 = 5.85, v = 0.50333 on
    # the curve's (0, 1)-(0.2, 0.4) piece, t = 0.165556.
    moves = {m.ref: m.after for r in result.diagnosis.relaxations for m in r.moves}
    expected = 0.2 * (1 - 0.5033333333) / 0.6
    assert moves["russia/no-territorial-concessions"] == pytest.approx(expected, abs=1e-6)
    assert moves["ukraine/reservation"] == pytest.approx((2.3 + 2 + 4 / 3) / 13, abs=1e-6)


def test_seed_without_russias_nato_demand_trades_land_for_membership(root: Path) -> None:
    result = _analyze(_load(root, "ukraine").with_changes(drop=["russia/no-nato"]))
    deals = {name: s.deal for name, s in result.solutions.items()}
    for name in ("nash", "kalai_smorodinsky"):
        assert deals[name]["nato"] == "member"
        assert 0.25 < deals[name]["territory"] < 0.27
    assert deals["egalitarian"]["nato"] == "deferred"
    assert deals["utilitarian"]["nato"] == "member"
    assert deals["utilitarian"]["territory"] == pytest.approx(0.18, abs=TOL)


def test_car_sale_solutions_trade_warranty_and_tyres_for_price(root: Path) -> None:
    scenario = _load(root, "car-sale")
    result = _analyze(scenario)
    for name in ("nash", "kalai_smorodinsky"):
        deal = result.solutions[name].deal
        assert (deal["warranty"], deal["winter_tyres"], deal["delivery_days"]) == (
            "two_years",
            True,
            10,
        )
        assert deal["price"] > 21500
    assert result.solutions["utilitarian"].utilities["dealer"] == pytest.approx(0.436, abs=TOL)
    without_batna = _analyze(scenario.with_changes(drop=["dealer/reservation"]))
    assert {"dealer/price-floor", "dealer/warranty-paid-for"} <= set(
        without_batna.diagnosis.binding
    )


def test_coalition_claims(root: Path) -> None:
    scenario = _load(root, "coalition")
    assert "social/lead-or-pensions-first" not in _analyze(scenario).diagnosis.binding
    loose = _zone(scenario.with_changes(drop=["liberals/no-speed-limit"]))
    assert _number(loose, "coal_exit") == (2031, 2033)
    assert loose.issues["speed_limit"] == BoolSet((False, True))


def _nash(scenario: Scenario) -> Any:
    from zopa.analysis.bargaining import bargaining_solutions

    compiled = compile_scenario(scenario)
    return bargaining_solutions(compiled, compute_zone(compiled))["nash"]


def test_deferred_zopa_survives_ukrainian_reservations_up_to_its_best_utility(root: Path) -> None:
    zone = _zone(_load(root, "ukraine-deferred"))
    # Territory 0.18 (curve 0.46, weight 5), deferred (0.6, weight 4), treaty (1, weight 2),
    # ceasefire second (2/3, weight 2): 8.0333 of 13.
    assert zone.utilities["ukraine"].max == pytest.approx((2.3 + 2.4 + 2 + 4 / 3) / 13, abs=TOL)


@pytest.mark.parametrize(
    ("reservation", "warranty"),
    [(0.3, "two_years"), (0.4, "two_years"), (0.5, "six_months"), (0.6, "six_months"), (0.7, None)],
)
def test_car_sale_trade_moves_with_the_dealers_batna(
    root: Path, reservation: float, warranty: str | None
) -> None:
    scenario = _load(root, "car-sale").with_changes(set={"actors.dealer.reservation": reservation})
    nash = _nash(scenario)
    assert (None if nash is None else nash.deal["warranty"]) == warranty
