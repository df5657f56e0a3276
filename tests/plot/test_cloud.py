"""The cloud: every deal of a small finite scenario, checked against the brute-force oracle."""

from __future__ import annotations

import zopa
from zopa.plot.cloud import NUMBER_SAMPLES, deal_cloud
from zopa.scenario.evaluate import utility
from zopa.testing import oracle

LAPTOP = zopa.load("scenarios/genius/laptop.yaml")
CAR = zopa.load("scenarios/car-sale.yaml")


def test_a_finite_space_is_drawn_whole() -> None:
    cloud = deal_cloud(LAPTOP, ("buyer", "seller"))
    assert cloud is not None and not cloud.sampled
    assert len(cloud.x) == oracle.deal_count(LAPTOP) == 27  # no rules: every deal is drawn
    assert sum(cloud.in_zone) == len(oracle.zopa_deals(LAPTOP))
    issues = LAPTOP.model.issues
    expected = sorted(
        (utility(LAPTOP.actors["buyer"], issues, d), utility(LAPTOP.actors["seller"], issues, d))
        for d in oracle.enumerate_deals(LAPTOP)
    )
    assert sorted(zip(cloud.x, cloud.y, strict=True)) == expected  # same evaluator


def test_the_frontier_is_the_clouds_undominated_corner() -> None:
    """Two actors, finite space: the engine's frontier = the non-dominated cloud points."""
    cloud = deal_cloud(LAPTOP, ("buyer", "seller"))
    assert cloud is not None
    points = {
        (round(x, 9), round(y, 9))
        for x, y, z in zip(cloud.x, cloud.y, cloud.in_zone, strict=True)
        if z
    }
    front = {p for p in points if not any(q != p and q[0] >= p[0] and q[1] >= p[1] for q in points)}
    result = zopa.analyze(LAPTOP)
    engine = {
        (round(s.utilities["buyer"], 9), round(s.utilities["seller"], 9)) for s in result.pareto
    }
    assert engine == front


def test_numbers_are_sampled() -> None:
    cloud = deal_cloud(CAR, ("dealer", "buyer"))
    assert cloud is not None and cloud.sampled
    # price sampled at 11 values x warranty 3 options x delivery 0..30 x tyres 2; no rules
    assert len(cloud.x) == NUMBER_SAMPLES * 3 * 31 * 2
    assert 0 < sum(cloud.in_zone) < len(cloud.x)


def test_rules_take_deals_out_of_the_cloud() -> None:
    ukraine = zopa.load("scenarios/ukraine.yaml")  # no member NATO under a truce
    cloud = deal_cloud(ukraine, ("russia", "ukraine"))
    assert cloud is not None
    everything = NUMBER_SAMPLES * 3 * 3 * 2 * 24
    assert len(cloud.x) == everything - NUMBER_SAMPLES * 2 * 24  # member and truce
    assert not any(cloud.in_zone)  # no ZOPA


def test_too_large_a_space_has_no_cloud() -> None:
    assert deal_cloud(LAPTOP, ("buyer", "seller"), limit=26) is None
