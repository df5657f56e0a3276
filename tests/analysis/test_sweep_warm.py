"""Warm-started sweep points: the same deal as a fresh analysis on finite deal spaces, the
same Nash product within its tolerance with real numbers, rows independent of how the grid
is split into worker batches, and fewer solver calls than answering every point cold."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis import sweep_warm
from zopa.analysis.result import Solution
from zopa.analysis.whatif import PointEvaluator, parse_vary, sweep
from zopa.model.session import Session
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def car_sale() -> Scenario:
    return zopa.load(SCENARIOS / "car-sale.yaml")


def product(scenario: Scenario, nash: Solution) -> float:
    return math.prod(
        nash.utilities[a] - float(scenario.actors[a].reservation) for a in scenario.actors
    )


def test_warm_rows_agree_with_fresh_analyses_within_the_nash_tolerance(
    car_sale: Scenario,
) -> None:
    vary = parse_vary("actors.buyer.reservation=0:0.5:11", file=car_sale.name)
    for row in sweep(car_sale, [vary], warm=True).rows:
        edited = car_sale.with_changes(set=dict(row.set))
        fresh = zopa.analyze(edited)
        assert row.exists == fresh.zopa.exists
        expected = fresh.solutions["nash"]
        assert row.nash is not None and expected is not None
        for issue in ("warranty", "delivery_days", "winter_tyres"):
            assert row.nash.deal[issue] == expected.deal[issue], row.set
        assert product(edited, row.nash) == pytest.approx(product(edited, expected), rel=1e-8)
        for actor, utility in expected.utilities.items():
            assert row.nash.utilities[actor] == pytest.approx(utility, abs=1e-4)


def test_a_grid_of_two_paths_restarts_its_prediction_at_each_row(car_sale: Scenario) -> None:
    """A row's first point follows the far end of the row before: extrapolating across
    that jump once left the dealer one solver tolerance above its reservation (found by
    a fresh-clone trial at dealer 0.375, buyer 0)."""
    varies = [
        parse_vary("actors.dealer.reservation=0.3:0.6:5", file=car_sale.name),
        parse_vary("actors.buyer.reservation=0:0.6:5", file=car_sale.name),
    ]
    warm, cold = sweep(car_sale, varies, warm=True), sweep(car_sale, varies, warm=False)
    for w, c in zip(warm.rows, cold.rows, strict=True):
        assert w.exists == c.exists, w.set
        if w.nash is None or c.nash is None:
            continue
        edited = car_sale.with_changes(set=dict(w.set))
        assert product(edited, w.nash) == pytest.approx(product(edited, c.nash), rel=1e-8)
        assert w.nash.deal["warranty"] == c.nash.deal["warranty"], w.set


@settings(max_examples=25, deadline=None)
@given(
    zst.scenarios(max_issues=3, max_actors=3, max_red_lines=2, kinds=zst.ISSUE_KINDS[1:]),
    st.data(),
)
def test_warm_points_of_finite_spaces_are_fresh_analyses(
    scenario: Scenario, data: st.DataObject
) -> None:
    """Without the frontier scan (no `lowest`), every point after the first is warm."""
    actor = data.draw(st.sampled_from(list(scenario.actors)))
    path = f"actors.{actor}.reservation"
    evaluator = PointEvaluator(scenario, [path])
    for i, value in enumerate([0.0, 0.1, 0.2, 0.35, 0.5]):
        row = evaluator.row(((path, value),), warm=i > 0)
        fresh = zopa.analyze(scenario.with_changes(set={path: value}))
        assert row.exists == fresh.zopa.exists
        expected = fresh.solutions["nash"]
        got = None if row.nash is None else row.nash.to_dict()
        assert got == (None if expected is None else expected.to_dict()), value


def test_warm_is_the_default_on_finite_spaces_only(car_sale: Scenario) -> None:
    assert car_sale.has_real_numbers
    assert not zopa.load(SCENARIOS / "new-recruit.yaml").has_real_numbers


def test_chains_depend_on_the_grid_alone() -> None:
    assert sweep_warm.chain_length(10) == sweep_warm.MIN_CHAIN
    assert sweep_warm.chain_length(1000) == 125
    assert sweep_warm.chain_length(1001) == 126


def test_rows_do_not_depend_on_the_split(
    car_sale: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sweep_warm, "MIN_CHAIN", 3)
    varies = [parse_vary("actors.dealer.reservation=0.3:0.5:9", file=car_sale.name)]
    serial = sweep(car_sale, varies, warm=True)
    with ThreadPoolExecutor(2) as pool:
        split = sweep(car_sale, varies, warm=True, executor=pool)
    assert split.to_dict() == serial.to_dict()
    cold = sweep(car_sale, varies, warm=False)
    for index in (0, 3, 6):  # each chain's first point is answered cold
        assert serial.rows[index].to_dict() == cold.rows[index].to_dict()


def test_warm_points_take_fewer_solver_calls(
    car_sale: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = [0]
    solve = Session.solve

    def counted(self: Session, **kwargs: float | None) -> object:
        calls[0] += 1
        return solve(self, **kwargs)

    monkeypatch.setattr(Session, "solve", counted)
    varies = [parse_vary("actors.buyer.reservation=0.1:0.3:21", file=car_sale.name)]
    sweep(car_sale, varies, warm=False)
    cold, calls[0] = calls[0], 0
    sweep(car_sale, varies, warm=True)
    assert calls[0] < 0.3 * cold  # measured: about 0.2
