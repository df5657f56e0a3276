"""Sweeps: grid parsing, rows equal to fresh analyses of the edited scenario, exact tipping
points, and the same rows whether the grid runs in one process or several."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import zopa
from zopa.analysis.whatif import PointEvaluator, Vary, grid, parse_vary, sweep
from zopa.errors import ScenarioError

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def car_sale() -> zopa.scenario.scenario.Scenario:
    return zopa.load(SCENARIOS / "car-sale.yaml")


@pytest.fixture(scope="module")
def coalition() -> zopa.scenario.scenario.Scenario:
    return zopa.load(SCENARIOS / "coalition.yaml")


def test_grid_takes_both_ends_and_even_steps() -> None:
    vary = parse_vary("actors.a.reservation=0:1:11", file="f.yaml")
    assert vary.values() == (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    assert parse_vary("issues.x.max=2:10:5", file="f.yaml").values() == (2, 4, 6, 8, 10)
    assert parse_vary("issues.x.max=2:9:3", file="f.yaml").values() == (2.0, 5.5, 9.0)
    assert parse_vary("p=0.5:0.5:1", file="f.yaml").values() == (0.5,)


def test_first_vary_varies_slowest() -> None:
    points = grid([Vary("a", 0, 1, 2), Vary("b", 0, 2, 3)])
    assert points == (
        (("a", 0), ("b", 0)),
        (("a", 0), ("b", 1)),
        (("a", 0), ("b", 2)),
        (("a", 1), ("b", 0)),
        (("a", 1), ("b", 1)),
        (("a", 1), ("b", 2)),
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("actors.a.reservation", "write --vary PATH=START:STOP:STEPS"),
        ("actors.a.reservation=0:1", "write --vary PATH=START:STOP:STEPS"),
        ("actors.a.reservation=x:1:3", "START and STOP must be finite numbers"),
        ("actors.a.reservation=0:inf:3", "START and STOP must be finite numbers"),
        ("actors.a.reservation=0:1:three", "STEPS must be a whole number"),
        ("actors.a.reservation=0:1:0", "STEPS must be between 1"),
        ("actors.a.reservation=0:1:1", "one step takes one value"),
    ],
)
def test_bad_vary_options_are_scenario_errors(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_vary(text, file="f.yaml")
    assert fragment in caught.value.message
    assert caught.value.path == f"--vary {text}"


def test_unknown_path_is_reported_like_a_file_error(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    with pytest.raises(ScenarioError) as caught:
        sweep(car_sale, [parse_vary("actors.deler.reservation=0:1:3", file=car_sale.name)])
    assert "did you mean 'dealer'" in str(caught.value)


def test_out_of_range_values_are_rejected_before_any_work(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    with pytest.raises(ScenarioError) as caught:
        sweep(car_sale, [parse_vary("actors.dealer.reservation=0:1.5:4", file=car_sale.name)])
    assert "reservation" in str(caught.value)


def _assert_rows_match_fresh_analyses(scenario: zopa.scenario.scenario.Scenario, result) -> None:  # type: ignore[no-untyped-def]
    for row in result.rows:
        fresh = zopa.analyze(scenario.with_changes(set=dict(row.set)))
        assert row.exists == fresh.zopa.exists, row.set
        expected = fresh.solutions["nash"]
        assert (row.nash is None) == (expected is None), row.set
        if row.nash is not None and expected is not None:
            assert row.nash.to_dict() == expected.to_dict(), row.set


def test_cold_reservation_sweep_rows_equal_fresh_analyses(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    vary = parse_vary("actors.buyer.reservation=0:1:6", file=car_sale.name)
    result = sweep(car_sale, [vary], warm=False)
    assert [row.exists for row in result.rows] == [True, True, True, False, False, False]
    _assert_rows_match_fresh_analyses(car_sale, result)


def test_issue_bound_sweep_rebuilds_and_still_matches(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    vary = parse_vary("issues.price.min=15000:22000:4", file=car_sale.name)
    assert not PointEvaluator(car_sale, [vary.path]).compiles_once
    result = sweep(car_sale, [vary])
    _assert_rows_match_fresh_analyses(car_sale, result)


def test_two_reservations_at_once_match_fresh_analyses(
    coalition: zopa.scenario.scenario.Scenario,
) -> None:
    actors = list(coalition.actors)
    varies = [
        parse_vary(f"actors.{actors[0]}.reservation=0:0.9:3", file=coalition.name),
        parse_vary(f"actors.{actors[1]}.reservation=0:0.9:3", file=coalition.name),
    ]
    assert PointEvaluator(coalition, [v.path for v in varies]).compiles_once
    result = sweep(coalition, varies, warm=False)
    assert len(result.rows) == 9
    _assert_rows_match_fresh_analyses(coalition, result)


def test_reservation_tipping_point_is_the_best_utility_without_it(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    """Raising the buyer's reservation closes the ZOPA exactly where it passes the buyer's
    best utility over the ZOPA without the buyer's reservation."""
    result = sweep(
        car_sale, [parse_vary("actors.buyer.reservation=0:1:6", file=car_sale.name)], refine=True
    )
    (tip,) = result.tipping_points
    exact = (
        zopa.analyze(car_sale.with_changes(drop=["buyer/reservation"])).zopa.utilities["buyer"].max
    )
    assert tip.opens is False
    assert (tip.below, tip.above) == (0.4, 0.6)
    assert tip.value == pytest.approx(exact, abs=1e-6)


def test_rebuilt_tipping_point_is_within_1e_6_of_the_exact_bound(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    """Raising the lowest allowed price closes the ZOPA exactly where it passes the highest
    price any deal of the ZOPA has: found by bisection over fresh compilations."""
    exact = zopa.analyze(car_sale).zopa.issues["price"].max  # type: ignore[union-attr]
    result = sweep(
        car_sale, [parse_vary("issues.price.min=15000:22000:3", file=car_sale.name)], refine=True
    )
    (tip,) = result.tipping_points
    assert tip.value is not None
    assert tip.value == pytest.approx(exact, abs=1e-6)


def test_no_refinement_leaves_the_value_out(car_sale: zopa.scenario.scenario.Scenario) -> None:
    result = sweep(car_sale, [parse_vary("actors.buyer.reservation=0:1:6", file=car_sale.name)])
    assert [t.value for t in result.tipping_points] == [None]


def test_seed_sweep_decides_every_point_without_solving_each() -> None:
    seed = zopa.load(SCENARIOS / "ukraine.yaml")
    result = sweep(seed, [parse_vary("actors.russia.reservation=0:1:101", file=seed.name)])
    assert not any(row.exists for row in result.rows)
    assert result.tipping_points == ()


def test_an_executor_gives_the_same_rows_in_the_same_order(
    car_sale: zopa.scenario.scenario.Scenario,
) -> None:
    varies = [parse_vary("actors.dealer.reservation=0:0.9:7", file=car_sale.name)]
    serial = sweep(car_sale, varies)
    with ThreadPoolExecutor(2) as pool:
        threaded = sweep(car_sale, varies, executor=pool)
    assert threaded.to_dict() == serial.to_dict()


def test_process_workers_give_the_same_rows(car_sale: zopa.scenario.scenario.Scenario) -> None:
    varies = [parse_vary("actors.dealer.reservation=0:0.9:4", file=car_sale.name)]
    assert sweep(car_sale, varies, workers=2).to_dict() == sweep(car_sale, varies).to_dict()


def test_progress_is_reported_per_row(car_sale: zopa.scenario.scenario.Scenario) -> None:
    seen: list[int] = []
    sweep(
        car_sale,
        [parse_vary("actors.dealer.reservation=0:1:3", file=car_sale.name)],
        on_row=seen.append,
    )
    assert seen == [1, 2, 3]


def test_sweep_json_shape(car_sale: zopa.scenario.scenario.Scenario) -> None:
    data = sweep(
        car_sale, [parse_vary("actors.buyer.reservation=0:1:2", file=car_sale.name)]
    ).to_dict()
    first, last = data["rows"]
    assert first["set"] == {"actors.buyer.reservation": 0.0}
    assert first["exists"] is True and set(first["nash"]) == {"deal", "utilities"}
    assert last == {"set": {"actors.buyer.reservation": 1.0}, "exists": False, "nash": None}
