"""YAML → model → YAML: writing a loaded scenario back out and reading it again gives the
same scenario (same model, same checked expressions), for generated scenarios and for every
scenario shipped in `scenarios/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import zopa
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst
from zopa.testing._generate import dump

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))
N = settings.default.max_examples


def _plain(value: Any) -> Any:
    """A `model_dump` as YAML-ready data: tuples as lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _meaning(scenario: Scenario) -> tuple[Any, ...]:
    """What a scenario means, without where it was written: the model and each checked
    constraint's ref, formulas and firmness."""
    return (
        scenario.model,
        tuple((c.ref, c.require, c.when, c.firmness) for c in scenario.constraints),
    )


def _reloaded_from_raw(scenario: Scenario) -> Scenario:
    base = str(scenario.base_dir) if scenario.base_dir is not None else None
    return zopa.loads(dump(scenario.raw), name="<raw>", base_dir=base)


def _reloaded_from_model(scenario: Scenario) -> Scenario:
    data = _plain(scenario.model.model_dump(exclude_none=True))
    base = str(scenario.base_dir) if scenario.base_dir is not None else None
    return zopa.loads(dump(data), name="<model>", base_dir=base)


@settings(max_examples=max(10, N // 2))
@given(zst.scenarios())
def test_generated_scenarios_survive_the_round_trip(scenario: Scenario) -> None:
    again = _reloaded_from_raw(scenario)
    assert again.raw == scenario.raw
    assert _meaning(again) == _meaning(scenario)
    assert dump(again.raw) == dump(scenario.raw)
    assert _meaning(_reloaded_from_model(scenario)) == _meaning(scenario)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenarios_survive_the_round_trip(path: Path) -> None:
    scenario = zopa.load(path)
    assert _meaning(_reloaded_from_raw(scenario)) == _meaning(scenario)
    assert _meaning(_reloaded_from_model(scenario)) == _meaning(scenario)


def test_the_shipped_scenarios_were_found() -> None:
    assert {p.name for p in SHIPPED} >= {"ukraine.yaml", "ukraine-deferred.yaml"}
