"""Issue 17: the New Recruit scoring game. The perturbed case that made `zopa analyze` exit 3
(a HiGHS self-check failure in a Nash round) analyses cleanly, with the Nash deal checked
against every one of its 5^8 deals; the unperturbed exercise (`scenarios/new-recruit.yaml`)
reaches the joint maximum derived by hand from the published point tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import zopa
from zopa.analysis.certify import certify
from zopa.analysis.result import Solution
from zopa.cli.app import app
from zopa.scenario.evaluate import utility
from zopa.testing import oracle

DATA = Path(__file__).parent / "data"
CASE = DATA / "new-recruit-nash-solver-error.yaml"
SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "new-recruit.yaml"
TOL = 1e-6
"""The stage tolerance of the solutions (`tiebreak.OPTIMUM_TOL`)."""

POINTS = {
    # issue: (recruiter's points, candidate's points), options in file order (MIT OCW slides)
    "salary": ((-6000, -4500, -3000, -1500, 0), (0, -1500, -3000, -4500, -6000)),
    "signing_bonus": ((0, 1000, 2000, 3000, 4000), (4000, 3000, 2000, 1000, 0)),
    "job_assignment": ((0, -600, -1200, -1800, -2400), (0, -600, -1200, -1800, -2400)),
    "company_car": ((1200, 900, 600, 300, 0), (1200, 900, 600, 300, 0)),
    "starting_date": ((1600, 1200, 800, 400, 0), (0, 1000, 2000, 3000, 4000)),
    "vacation_days": ((0, 1000, 2000, 3000, 4000), (1600, 1200, 800, 400, 0)),
    "moving_expenses": ((0, 200, 400, 600, 800), (3200, 2400, 1600, 800, 0)),
    "insurance": ((0, 800, 1600, 2400, 3200), (800, 600, 400, 200, 0)),
}


def points(scenario: zopa.Scenario, actor: str, deal: dict[str, object]) -> int:
    index = {name: scenario.model.issues[name].options.index(str(deal[name])) for name in POINTS}
    side = 0 if actor == "recruiter" else 1
    return sum(POINTS[name][side][i] for name, i in index.items())


def assert_certified(scenario: zopa.Scenario, solution: Solution) -> None:
    expected = certify(scenario, dict(solution.deal))
    assert dict(solution.utilities) == expected


def test_the_case_analyses_with_exit_0() -> None:
    result = CliRunner().invoke(app, ["analyze", "--json", str(CASE)])
    assert result.exit_code == 0, result.output
    assert "solver failure" not in result.output


def test_the_case_has_certified_solutions_and_the_brute_force_nash_deal() -> None:
    scenario = zopa.load(CASE)
    result = zopa.analyze(scenario)
    solutions = {name: s for name, s in result.solutions.items() if s is not None}
    assert set(solutions) == {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}
    for solution in solutions.values():
        assert_certified(scenario, solution)

    nash = solutions["nash"]
    assert dict(nash.deal) == brute_force_nash(scenario)
    # The utilitarian deal's sum is the largest of all (utilities are sums over issues).
    tables = contributions(scenario)
    best_sum = sum(float((t[0] + t[1]).max()) for t in tables.values())
    assert sum(solutions["utilitarian"].utilities.values()) == pytest.approx(best_sum, abs=TOL)


def contributions(scenario: zopa.Scenario) -> dict[str, np.ndarray]:
    """Each issue's share of each actor's utility, per option (shape actors x options), by
    plain evaluation of deals that differ from the first one in that issue only."""
    issues = scenario.model.issues
    actors = list(scenario.actors.values())
    base = next(oracle.enumerate_deals(scenario, limit=5**8))
    at_base = np.array([utility(a, issues, base) for a in actors])
    tables = {}
    for name, issue in issues.items():
        rows = [[utility(a, issues, {**base, name: o}) for a in actors] for o in issue.options]
        tables[name] = (np.array(rows) - at_base).T
    tables[next(iter(issues))] += at_base[:, None]
    return tables


def brute_force_nash(scenario: zopa.Scenario) -> dict[str, object]:
    """The Nash deal over all 5^8 deals by the documented rule: the largest log product
    (within TOL), then the largest sum, then the canonical (first enumerated) deal.

    Utilities are sums over issues (FORMAT: weighted preferences), so all deals are scored
    at once from per-issue tables; the sum rule itself is checked first against plain
    evaluation on every 997th enumerated deal of the oracle."""
    issues = scenario.model.issues
    actors = list(scenario.actors.values())
    tables = contributions(scenario)
    names = list(issues)
    grids = np.meshgrid(*[np.arange(len(issues[n].options)) for n in names], indexing="ij")
    flat = [g.ravel() for g in grids]  # enumeration order: the last issue varies fastest
    us = sum(tables[n][:, idx] for n, idx in zip(names, flat, strict=True))
    for k, deal in enumerate(oracle.enumerate_deals(scenario, limit=5**8)):
        if k % 997 == 0:
            plain = [utility(a, issues, deal) for a in actors]
            assert us[:, k] == pytest.approx(plain, abs=1e-12)
    with np.errstate(divide="ignore"):
        log_product = np.log(np.clip(us, 0.0, None)).sum(axis=0)
    near = log_product >= log_product.max() - TOL
    total = us.sum(axis=0)
    best_total = total[near].max()
    pick = int(np.flatnonzero(near & (total >= best_total - TOL * max(1.0, best_total)))[0])
    return {n: issues[n].options[int(idx[pick])] for n, idx in zip(names, flat, strict=True)}


def test_the_unperturbed_exercise_reaches_the_joint_maximum_of_its_tables() -> None:
    scenario = zopa.load(SCENARIO)
    # The file encodes the tables: points = 23 200 * utility - 8 400 for both sides.
    for name, actor in scenario.actors.items():
        issues = scenario.model.issues
        for deal in [
            {issue: issues[issue].options[(k + j) % 5] for j, issue in enumerate(POINTS)}
            for k in range(5)
        ]:
            assert 23200 * utility(actor, issues, deal) - 8400 == pytest.approx(
                points(scenario, name, deal), abs=1e-6
            )
    # Joint points are a sum over issues: the maximum is the sum of each issue's best.
    joint_max = sum(max(r + c for r, c in zip(*pair, strict=True)) for pair in POINTS.values())
    assert joint_max == 14800
    result = zopa.analyze(scenario)
    utilitarian = result.solutions["utilitarian"]
    assert utilitarian is not None
    assert_certified(scenario, utilitarian)
    deal = dict(utilitarian.deal)
    assert points(scenario, "recruiter", deal) + points(scenario, "candidate", deal) == joint_max
    # Nash: u_r * u_c <= ((u_r + u_c) / 2)^2, so equal shares of the joint maximum are best,
    # 7 400 points each, reached by meeting halfway on salary and bonus.
    nash = result.solutions["nash"]
    assert nash is not None
    assert_certified(scenario, nash)
    shares = [points(scenario, a, dict(nash.deal)) for a in ("recruiter", "candidate")]
    assert shares == [7400, 7400]
