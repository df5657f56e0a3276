"""`zopa.simulate` against answers computed independently: hand-derived probabilities in
exact mode, brute-force enumeration of small finite scenarios (the testing oracle) for
Monte Carlo runs, and `zopa.analyze` of the scenario with red lines kept or dropped."""

from __future__ import annotations

import itertools
import math
from concurrent.futures import ProcessPoolExecutor

import pytest

import zopa
from zopa.analysis.sampling import monte_carlo_block
from zopa.analysis.simulate import simulate
from zopa.model.compile import compile_scenario
from zopa.model.session import SolveStatus
from zopa.scenario.evaluate import utility
from zopa.testing.oracle import zopa_deals

CREDIBLE = """
zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
actors:
  p:
    red_lines:
      - {id: low, require: x <= 0.3, credibility: 0.6}
    preferences:
      x: {weight: 1, curve: [[0, 1], [1, 0]]}
  q:
    red_lines:
      - {id: high, require: x >= 0.5, credibility: 0.5, firmness: 2}
      - {id: mid, require: x >= 0.2, credibility: 0.9}
    preferences:
      x: {weight: 1, curve: [[0, 0], [1, 1]]}
"""

FINITE = """
zopa: 1
issues:
  deal: {type: choice, options: [a, b, c, d]}
  extra: {type: boolean}
actors:
  p:
    red_lines:
      - {id: not-a, require: deal != "a", credibility: 0.7}
      - {id: extra, require: extra, credibility: 0.4}
    preferences:
      deal: {weight: 2, values: {a: 1, b: 0.8, c: 0.3, d: 0}}
      extra: {weight: 1, values: {true: 0.2, false: 1}}
    reservation: {uniform: [0.2, 0.9]}
  q:
    red_lines:
      - {id: not-d, require: deal != "d", credibility: 0.5}
    preferences:
      deal: {weight: 1, values: {a: 0, b: 0.5, c: 0.9, d: 1}}
      extra: {weight: 1, values: {true: 1}}
    reservation: 0.3
"""


def test_exact_mode_equals_the_hand_computed_probabilities() -> None:
    # A ZOPA exists unless p/low (x <= 0.3) and q/high (x >= 0.5) are both real.
    result = simulate(zopa.loads(CREDIBLE))
    assert result.method == "exact"
    assert result.samples == 8
    assert result.p == pytest.approx(1 - 0.6 * 0.5, abs=1e-12)
    assert result.low == result.high == result.p
    assert result.red_lines["p/low"].kept == pytest.approx(0.6)
    assert result.red_lines["q/mid"].kept == pytest.approx(0.9)
    # Without a ZOPA both are real; dropping p/low (firmness 1) is cheaper than q/high (2).
    assert result.red_lines["p/low"].in_cheapest_relaxation == pytest.approx(1.0)
    assert result.red_lines["q/high"].in_cheapest_relaxation == pytest.approx(0.0)
    effects = {s.input: s.effect for s in result.sensitivity}
    # P(ZOPA | high real) = 1 - 0.6, P(ZOPA | high absent) = 1: effect -0.6; likewise -0.5.
    assert effects["actors.q.red_lines.0.credibility"] == pytest.approx(-0.6)
    assert effects["actors.p.red_lines.0.credibility"] == pytest.approx(-0.5)
    assert effects["actors.q.red_lines.1.credibility"] == pytest.approx(0.0)
    assert result.sensitivity[0].input == "actors.q.red_lines.0.credibility"


@pytest.mark.parametrize("p", [0, 1])
def test_credibility_zero_and_one_equal_dropping_and_keeping(p: int) -> None:
    text = CREDIBLE.replace("credibility: 0.6", f"credibility: {p}")
    for other in ("credibility: 0.5", "credibility: 0.9"):
        text = text.replace(other, "credibility: 1")
    scenario = zopa.loads(text)
    result = simulate(scenario)
    plain = scenario if p == 1 else scenario.with_changes(drop=["p/low"])
    analysed = zopa.analyze(plain)
    assert result.samples == 1
    assert result.p == (1.0 if analysed.zopa.exists else 0.0)
    assert result.red_lines["p/low"].kept == p
    if analysed.zopa.exists:
        nash = analysed.solutions["nash"]
        assert nash is not None and result.nash is not None
        assert result.nash.issues["x"].to_dict()["p50"] == pytest.approx(nash.deal["x"])
    else:
        assert result.nash is None
        relax = analysed.diagnosis.relaxations[0].drop
        for ref, stats in result.red_lines.items():
            assert stats.in_cheapest_relaxation == (1.0 if ref in relax else 0.0)


def _enumerated_probability(text: str) -> float:
    """P(ZOPA) of FINITE by enumeration: for each combination of real red lines, the ZOPA
    without p's reservation is listed by brute force, and p's uniform reservation on
    [0.2, 0.9] opens it exactly when it is at most p's best utility there."""
    scenario = zopa.loads(text)
    creds = scenario.uncertainty.credibilities
    total = 0.0
    for combo in itertools.product([True, False], repeat=len(creds)):
        weight = math.prod(c.p if real else 1 - c.p for c, real in zip(creds, combo, strict=True))
        absent = [c.ref for c, real in zip(creds, combo, strict=True) if not real]
        variant = scenario.with_changes(drop=[*absent, "p/reservation"])
        deals = zopa_deals(variant)
        if not deals:
            continue
        best = max(utility(variant.actors["p"], variant.model.issues, d) for d in deals)
        total += weight * min(1.0, max(0.0, (best - 0.2) / 0.7))
    return total


def test_monte_carlo_is_within_four_standard_errors_of_enumeration() -> None:
    exact = _enumerated_probability(FINITE)
    assert 0.05 < exact < 0.95  # the test would prove little at an extreme
    n = 2000
    result = simulate(zopa.loads(FINITE), n=n, seed=3, nash_samples=20)
    assert result.method == "monte-carlo"
    se = math.sqrt(exact * (1 - exact) / n)
    assert abs(result.p - exact) < 4 * se
    assert result.low <= result.p <= result.high
    kept = result.red_lines["p/not-a"].kept
    assert abs(kept - 0.7) < 4 * math.sqrt(0.7 * 0.3 / n)


def test_an_uncertain_option_value_is_sampled_through_a_fresh_validation() -> None:
    # Only option a is allowed; p accepts it when its value (uniform on [0, 1]) is at least
    # 0.5 (the reservation), so P(ZOPA) = 0.5.
    text = """
zopa: 1
issues:
  pick: {type: choice, options: [a, b]}
actors:
  p:
    red_lines: [{id: only-a, require: pick == "a"}]
    preferences:
      pick: {weight: 1, values: {a: {uniform: [0, 1]}, b: 1}}
    reservation: 0.5
"""
    n = 400
    result = simulate(zopa.loads(text), n=n, seed=1, nash_samples=10)
    assert abs(result.p - 0.5) < 4 * math.sqrt(0.25 / n)
    assert result.nash is not None
    assert result.nash.issues["pick"].shares == {"a": 1.0, "b": 0.0}
    (effect,) = result.sensitivity
    assert effect.input == "actors.p.preferences.pick.values.a"
    assert effect.effect == pytest.approx(1.0)  # above the median: always a ZOPA


def test_a_parameter_moves_every_expression_that_uses_it() -> None:
    text = """
zopa: 1
parameters:
  floor: {uniform: [0, 1]}
issues:
  x: {type: number, min: 0, max: 1}
actors:
  p:
    red_lines: [{id: at-least, require: x >= floor}]
  q:
    red_lines: [{id: at-most, require: x <= 0.25}]
"""
    n = 400
    result = simulate(zopa.loads(text), n=n, seed=2, nash_samples=5)
    assert abs(result.p - 0.25) < 4 * math.sqrt(0.25 * 0.75 / n)


def test_same_bytes_serially_and_on_a_process_pool() -> None:
    scenario = zopa.loads(FINITE)
    serial = simulate(scenario, n=600, seed=5, nash_samples=30).to_dict()
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = simulate(scenario, n=600, seed=5, nash_samples=30, executor=pool).to_dict()
    assert pooled == serial
    assert simulate(scenario, n=600, seed=6, nash_samples=30).to_dict() != serial


def test_same_bytes_on_a_dask_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    scenario = zopa.loads(FINITE)
    serial = simulate(scenario, n=300, seed=4, nash_samples=10).to_dict()
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = simulate(
            scenario, n=300, seed=4, nash_samples=10, executor=client.get_executor()
        ).to_dict()
    assert on_dask == serial


def test_progress_reports_every_sample_once_in_the_end() -> None:
    seen: list[tuple[int, int]] = []
    simulate(zopa.loads(FINITE), n=600, nash_samples=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (600, 600)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("options", [{"n": 0}, {"seed": -1}, {"nash_samples": 0}])
def test_bad_options_are_refused(options: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="at least"):
        simulate(zopa.loads(CREDIBLE), **options)


def test_subsets_come_cheapest_first_and_each_once() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from zopa.analysis.simulate_eval import by_cost

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.sampled_from([0.5, 0.6, 1.0, 0.25, 2.0]), max_size=7))
    def check(costs: list[float]) -> None:
        subsets = list(by_cost(costs))
        assert sorted(subsets) == sorted(
            c for k in range(len(costs) + 1) for c in itertools.combinations(range(len(costs)), k)
        )
        sums = [sum(costs[i] for i in s) for s in subsets]
        assert all(a <= b + 1e-12 for a, b in itertools.pairwise(sums))

    check()


def test_the_cached_relaxation_is_as_cheap_as_the_solvers() -> None:
    from zopa.analysis.simulate_eval import Evaluator, cheapest_relaxation

    scenario = zopa.load("scenarios/ukraine-uncertain.yaml")
    evaluator = Evaluator(scenario)
    checked = 0
    for draw in monte_carlo_block(scenario.uncertainty, 11, 0, 80):
        outcome = evaluator.evaluate(draw, want_nash=False)
        if outcome.exists:
            continue
        checked += 1
        absent = [r for r, real in zip(evaluator.refs, draw.kept, strict=True) if not real]
        moved = dict(zip(evaluator.paths, draw.values, strict=True))
        variant = scenario.with_changes(set=moved, drop=absent)
        compiled = compile_scenario(variant)
        solver = cheapest_relaxation(compiled)

        def cost(refs: tuple[str, ...], compiled: object = compiled) -> float:
            return sum(compiled.group(r).firmness for r in refs)  # type: ignore[attr-defined]

        assert cost(outcome.relaxation) == pytest.approx(cost(solver), abs=1e-9)
        opened = compile_scenario(variant.with_changes(drop=list(outcome.relaxation)))
        assert opened.session().solve().status is SolveStatus.OPTIMAL
    assert checked >= 10


def test_exact_mode_agrees_with_enumeration_on_random_scenarios() -> None:
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st

    from zopa.testing import strategies as zst

    @settings(max_examples=40, deadline=None)
    @given(
        zst.scenarios(max_issues=3, max_actors=2, max_red_lines=3, kinds=["choice", "boolean"]),
        st.lists(st.sampled_from([0.25, 0.5, 0.8]), min_size=4, max_size=4),
    )
    def check(scenario: zopa.Scenario, ps: list[float]) -> None:
        assume(scenario.red_lines)
        paths = [f"{line.path}.credibility" for line in scenario.red_lines][: len(ps)]
        uncertain = scenario.with_changes(set=dict(zip(paths, ps, strict=False)))
        result = simulate(uncertain)
        creds = uncertain.uncertainty.credibilities
        expected = 0.0
        for combo in itertools.product([True, False], repeat=len(creds)):
            weight = math.prod(
                c.p if real else 1 - c.p for c, real in zip(creds, combo, strict=True)
            )
            absent = [c.ref for c, real in zip(creds, combo, strict=True) if not real]
            if zopa_deals(uncertain.with_changes(drop=absent)):
                expected += weight
        assert result.method == "exact"
        assert result.p == pytest.approx(expected, abs=1e-9)
        for cred in creds:
            assert result.red_lines[cred.ref].kept == pytest.approx(cred.p)

    check()


def test_the_public_simulate_has_the_engines_defaults() -> None:
    import inspect

    public = inspect.signature(zopa.simulate).parameters
    engine = inspect.signature(simulate).parameters
    assert list(public) == list(engine)
    assert {k: p.default for k, p in public.items()} == {k: p.default for k, p in engine.items()}
