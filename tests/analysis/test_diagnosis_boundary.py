"""A reservation a hair above the best utility it can get (within the solver's tolerance):
the zone says no ZOPA, and the diagnosis must agree — no "drop nothing" relaxation, every
relaxation confirmed by the same check that decides the zone. Found by a fresh user at the
tipping point `zopa sweep --refine` reported (tests/analysis/data/water.yaml, their file)."""

from __future__ import annotations

from pathlib import Path

import pytest

import zopa

WATER = Path(__file__).resolve().parent / "data" / "water.yaml"


@pytest.fixture(scope="module")
def best_upstream_utility() -> float:
    scenario = zopa.load(WATER)
    opened = zopa.analyze(scenario.with_changes(drop=["upstream/reservation"]))
    return opened.zopa.utilities["upstream"].max


@pytest.mark.parametrize("above", [7e-10, 1.7e-9, 1e-8, 1e-6])
def test_just_above_the_best_utility_the_diagnosis_agrees(
    best_upstream_utility: float, above: float
) -> None:
    scenario = zopa.load(WATER).with_changes(
        set={"actors.upstream.reservation": best_upstream_utility + above}
    )
    result = zopa.analyze(scenario)
    assert not result.zopa.exists
    relaxations = result.diagnosis.relaxations
    assert relaxations and all(r.drop for r in relaxations)
    assert ("upstream/reservation",) in [r.drop for r in relaxations]
    for relaxation in relaxations:
        assert zopa.analyze(scenario.with_changes(drop=relaxation.drop)).zopa.exists
