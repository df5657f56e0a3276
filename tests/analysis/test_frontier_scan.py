"""Reservation sweeps of finite deal spaces answered by scanning one frontier: every row is
the row of a fresh analysis of the edited scenario, byte for byte (random scenarios, several
actors varied at once, a hand-derived case), and the scan steps aside where it must."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.analysis.frontier_dp import DpFrontier, frontier_dp
from zopa.analysis.sweep_grid import SweepResult
from zopa.analysis.whatif import PointEvaluator, parse_vary, sweep
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FINITE = ["choice", "boolean", "integer", "sequence"]


def assert_rows_are_fresh_analyses(scenario: Scenario, result: SweepResult) -> None:
    for row in result.rows:
        fresh = zopa.analyze(scenario.with_changes(set=dict(row.set)))
        assert row.exists == fresh.zopa.exists, row.set
        expected = fresh.solutions["nash"]
        got = None if row.nash is None else row.nash.to_dict()
        assert got == (None if expected is None else expected.to_dict()), row.set


@settings(max_examples=40, deadline=None)
@given(
    zst.scenarios(max_issues=3, max_actors=3, max_red_lines=2, kinds=FINITE),
    st.data(),
)
def test_scanned_rows_are_fresh_analyses(scenario: Scenario, data: st.DataObject) -> None:
    actor = data.draw(st.sampled_from(list(scenario.actors)))
    low = data.draw(st.sampled_from([0.0, 0.1, 0.3]))
    vary = parse_vary(f"actors.{actor}.reservation={low}:1:5", file=scenario.name)
    if isinstance(frontier_dp(scenario, max_points=10), DpFrontier):
        assert PointEvaluator(scenario, [vary.path], lowest=[low]).scans
    assert_rows_are_fresh_analyses(scenario, sweep(scenario, [vary]))


@settings(max_examples=15, deadline=None)
@given(zst.scenarios(max_issues=3, max_actors=3, max_red_lines=1, kinds=FINITE))
def test_two_reservations_at_once_are_fresh_analyses(scenario: Scenario) -> None:
    first, second = (list(scenario.actors) * 2)[:2]
    if first == second:
        return  # one actor: nothing to vary jointly
    varies = [
        parse_vary(f"actors.{first}.reservation=0:0.8:3", file=scenario.name),
        parse_vary(f"actors.{second}.reservation=0.2:0.6:3", file=scenario.name),
    ]
    assert_rows_are_fresh_analyses(scenario, sweep(scenario, varies))


TRADE = """
zopa: 1
issues:
  split: {type: choice, options: [all_a, even, all_b]}
actors:
  a:
    preferences:
      split: {weight: 1, values: {all_a: 1, even: 0.6, all_b: 0}}
  b:
    preferences:
      split: {weight: 1, values: {all_a: 0, even: 0.6, all_b: 1}}
"""


def test_hand_derived_rows() -> None:
    """Products of gains at r_a = 0: all_a 0, even 0.36, all_b 0, so `even`. At 0.7 only
    all_a clears a's reservation; b's best gain there is 0, so b is not counted and the
    deal is all_a. Above 1 nothing clears."""
    scenario = zopa.loads(TRADE)
    vary = parse_vary("actors.a.reservation=0:1:11", file=scenario.name)
    assert PointEvaluator(scenario, [vary.path], lowest=[0.0]).scans
    rows = sweep(scenario, [vary]).rows
    deals = [None if r.nash is None else r.nash.deal["split"] for r in rows]
    assert deals == ["even"] * 7 + ["all_a"] * 4
    assert all(r.exists for r in rows)
    assert_rows_are_fresh_analyses(scenario, sweep(scenario, [vary]))


def test_a_shipped_finite_scenario_is_scanned_and_matches() -> None:
    scenario = zopa.load(SCENARIOS / "genius" / "camera.yaml")
    vary = parse_vary("actors.seller.reservation=0.2:0.9:4", file=scenario.name)
    assert PointEvaluator(scenario, [vary.path], lowest=[0.2]).scans
    assert_rows_are_fresh_analyses(scenario, sweep(scenario, [vary], refine=True))


def test_real_numbers_and_other_paths_are_not_scanned() -> None:
    car = zopa.load(SCENARIOS / "car-sale.yaml")
    assert not PointEvaluator(car, ["actors.buyer.reservation"], lowest=[0.0]).scans
    trade = zopa.loads(TRADE)
    assert not PointEvaluator(trade, ["actors.a.weight"], lowest=[0.0]).scans
    assert not PointEvaluator(trade, ["actors.a.reservation"]).scans  # no lowest given


class _RefusingExecutor(ThreadPoolExecutor):
    def submit(self, *args: object, **kwargs: object) -> Future[object]:  # type: ignore[override]
        raise AssertionError("a scanned sweep needs no workers")


def test_a_scanned_sweep_answers_every_point_in_this_process() -> None:
    """Workers would each rebuild the frontier; the scan answers in microseconds."""
    scenario = zopa.load(SCENARIOS / "genius" / "camera.yaml")
    varies = [parse_vary("actors.seller.reservation=0:1:9", file=scenario.name)]
    with _RefusingExecutor(1) as pool:
        spread = sweep(scenario, varies, executor=pool)
    assert spread.to_dict() == sweep(scenario, varies).to_dict()
