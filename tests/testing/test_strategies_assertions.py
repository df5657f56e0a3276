"""The assertions for users: they pass where the analysis agrees, and their failure messages
name the scenario, the variation under test and the facts that explain the failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import zopa
from zopa.analysis.result import Result
from zopa.scenario.scenario import Scenario
from zopa.testing import (
    assert_binding,
    assert_conflict,
    assert_no_zopa,
    assert_not_binding,
    assert_solution,
    assert_zopa_exists,
    describe_variation,
    record_variation,
)
from zopa.testing import strategies as zst

ROOT = Path(__file__).resolve().parents[2]
SEED = zopa.load(ROOT / "scenarios" / "ukraine.yaml")
WEAK = zopa.load(ROOT / "scenarios" / "ukraine-deferred.yaml")
SEED_RESULT = zopa.analyze(SEED)
WEAK_RESULT = zopa.analyze(WEAK)


def _message(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(AssertionError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def test_a_zopa_that_exists_passes_and_returns_the_result() -> None:
    result = assert_zopa_exists(WEAK)
    assert isinstance(result, Result) and result.zopa.exists
    assert assert_no_zopa(SEED, result=SEED_RESULT) is SEED_RESULT


def test_no_zopa_says_which_positions_collide_and_the_way_out() -> None:
    message = _message(assert_zopa_exists, SEED, result=SEED_RESULT)
    assert message.splitlines() == [
        "expected a ZOPA, but none exists",
        f"  scenario: {SEED.name} (Russia–US–Ukraine talks, winter 2024/25)",
        "  conflicts: {russia/no-nato, ukraine/nato-path}",
        "  cheapest relaxation: drop ukraine/nato-path (cost 0.6)",
    ]


def test_an_unexpected_zopa_lists_binding_lines_utilities_and_the_nash_deal() -> None:
    message = _message(assert_no_zopa, WEAK, result=WEAK_RESULT)
    lines = message.splitlines()
    assert lines[0] == "expected no ZOPA, but one exists"
    assert lines[2].startswith("  binding: russia/us-moves-first, ")
    assert lines[3].startswith("  utility ranges: russia 0.5423")
    assert lines[4].startswith("  nash deal: territory=0.2146") and "nato=deferred" in lines[4]


def test_a_baseline_shows_the_variation() -> None:
    variant = SEED.with_changes(set={"actors.russia.reservation": 0.9}, drop=["us/end-war-quickly"])
    message = _message(assert_zopa_exists, variant, baseline=SEED)
    assert "  variation: actors.russia.reservation: 0.5 -> 0.9" in message
    assert "actors.us.red_lines.0: removed" not in message  # lists shrink: shown as a change
    assert "actors.us.red_lines: [{'id': 'end-war-quickly'" in message


def test_a_recorded_variation_is_shown_without_a_baseline() -> None:
    variant = SEED.with_changes(set={"actors.ukraine.reservation": 0.3})
    record_variation(variant, SEED, {"actors.ukraine.reservation": (0.35, 0.3)})
    assert describe_variation(variant) == "actors.ukraine.reservation: 0.35 -> 0.3"
    message = _message(assert_zopa_exists, variant)
    assert "  variation: actors.ukraine.reservation: 0.35 -> 0.3" in message


def test_an_unrecorded_scenario_has_no_variation_line() -> None:
    assert describe_variation(SEED) is None
    assert describe_variation(SEED, baseline=SEED) == "none (same as the baseline)"
    assert "variation:" not in _message(assert_zopa_exists, SEED, result=SEED_RESULT)


@settings(max_examples=5)
@given(zst.positions(SEED, "russia", rel=0.0, absolute=0.1))
def test_the_seed_collision_survives_any_russian_reservation_within_a_tenth(
    variant: Scenario,
) -> None:
    assert_conflict(variant, ["ukraine/nato-path", "russia/no-nato"])


def test_binding_and_not_binding() -> None:
    assert_binding(WEAK, "russia/no-nato", result=WEAK_RESULT)
    # no-truce (form > "truce") is implied by lasting-deal (form == "treaty")
    assert_not_binding(WEAK, "russia/no-truce", result=WEAK_RESULT)
    message = _message(assert_binding, WEAK, "russia/no-truce", result=WEAK_RESULT)
    assert message.startswith(
        "expected russia/no-truce to be binding, but dropping it leaves the ZOPA as it is"
    )
    message = _message(assert_not_binding, WEAK, "russia/no-nato", result=WEAK_RESULT)
    assert message.startswith("expected russia/no-nato not to be binding, but it shapes the ZOPA")
    message = _message(assert_binding, SEED, "russia/no-nato", result=SEED_RESULT)
    assert message.startswith("expected russia/no-nato to be binding, but there is no ZOPA")


def test_a_ref_the_scenario_lacks_is_a_mistake_in_the_test() -> None:
    with pytest.raises(ValueError, match="'russia/no-nat' is not a red line or reservation"):
        assert_binding(WEAK, "russia/no-nat", result=WEAK_RESULT)
    with pytest.raises(ValueError, match="ukraine/nato-path, ukraine/reservation"):
        assert_conflict(SEED, ["russia/no-nato", "ukraine/nato"], result=SEED_RESULT)


def test_conflicts_compare_as_sets() -> None:
    assert_conflict(SEED, ("ukraine/nato-path", "russia/no-nato"), result=SEED_RESULT)
    message = _message(assert_conflict, SEED, ["russia/no-nato"], result=SEED_RESULT)
    assert message.startswith("expected the minimal conflict {russia/no-nato}, but it is not")
    message = _message(assert_conflict, WEAK, ["russia/no-nato"], result=WEAK_RESULT)
    assert message.startswith("expected the minimal conflict {russia/no-nato}, but a ZOPA exists")


def test_solution_checks_show_the_deal_and_utilities() -> None:
    assert_solution(WEAK, lambda deal: deal["nato"] != "member", result=WEAK_RESULT)
    message = _message(
        assert_solution,
        WEAK,
        lambda deal: deal["territory"] <= 0.2,
        what="Russia gains no territory",
        solution="kalai_smorodinsky",
        result=WEAK_RESULT,
    )
    lines = message.splitlines()
    assert lines[0] == "expected the kalai_smorodinsky deal to satisfy: Russia gains no territory"
    assert lines[2].startswith("  kalai_smorodinsky deal: territory=0.226531")
    assert lines[3].startswith("  kalai_smorodinsky utilities: russia 0.6642")
    message = _message(
        assert_solution, SEED, lambda deal: True, what="anything", result=SEED_RESULT
    )
    assert message.startswith("expected a nash deal where anything, but there is no ZOPA")
    with pytest.raises(ValueError, match="solution='nsah' is not one of nash, "):
        assert_solution(WEAK, lambda deal: True, solution="nsah", result=WEAK_RESULT)


def test_a_given_result_is_used_as_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Result:
        raise RuntimeError("analyze must not run when result= is given")

    monkeypatch.setattr(zopa, "analyze", refuse)
    assert_zopa_exists(WEAK, result=WEAK_RESULT)
    with pytest.raises(RuntimeError):
        assert_zopa_exists(WEAK)


def test_options_reach_analyze() -> None:
    result = assert_no_zopa(SEED, max_conflicts=1)
    assert len(result.diagnosis.relaxations) == 1 and result.diagnosis.truncated


def test_what_is_not_a_scenario_is_refused() -> None:
    with pytest.raises(TypeError, match="expected a zopa Scenario"):
        assert_zopa_exists(SEED.raw)
