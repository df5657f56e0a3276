"""`analyze`: every question of one scenario answered from one compiled model — the zone,
the bargaining solutions, the Pareto frontier and the diagnosis (FORMAT §4)."""

from __future__ import annotations

from zopa.analysis.bargaining import bargaining_solutions
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.pareto import DEFAULT_MAX_SOLVES, pareto_frontier, with_solutions
from zopa.analysis.result import ParetoInfo, Result, Solution
from zopa.analysis.zone import compute_zone
from zopa.format.solutions import SOLUTION_NAMES
from zopa.model.compile import compile_scenario
from zopa.scenario.scenario import Scenario


def analyze(
    scenario: Scenario,
    *,
    max_pareto: int = 1000,
    max_conflicts: int = 20,
    time_limit: float | None = None,
    max_pareto_solves: int = DEFAULT_MAX_SOLVES,
) -> Result:
    """The full analysis of `scenario`.

    Args:
        scenario: a validated scenario (`zopa.load`).
        max_pareto: the most Pareto points listed.
        max_conflicts: the most conflicts (and relaxations) listed.
        time_limit: seconds for the zone search (None: no limit); a limit hit before an
            answer is proven is a `SolverError`, never a guess.
        max_pareto_solves: solver calls the Pareto search may make (a count, so the answer
            stays deterministic); the frontier is marked incomplete where it stops.

    Raises:
        SolverError: the solver failed, or returned a deal that does not certify.
    """
    if max_pareto < 0 or max_conflicts < 0:
        raise ValueError(
            f"limits must not be negative: max_pareto={max_pareto!r}, "
            f"max_conflicts={max_conflicts!r}"
        )
    compiled = compile_scenario(scenario)
    zone = compute_zone(compiled, time_limit=time_limit)
    if not zone.exists:
        none: dict[str, Solution | None] = dict.fromkeys(SOLUTION_NAMES)
        return Result(
            title=scenario.title,
            zopa=zone,
            solutions=none,
            pareto=(),
            pareto_info=ParetoInfo(complete=True, method="no ZOPA"),
            diagnosis=diagnose(compiled, zone, max_conflicts=max_conflicts),
            uncertain=scenario.uncertainty.paths,
        )
    solutions = bargaining_solutions(compiled, zone)
    pareto, info = pareto_frontier(compiled, max_points=max_pareto, max_solves=max_pareto_solves)
    found = [sol for sol in solutions.values() if sol is not None]
    pareto = with_solutions(compiled, pareto, found) if pareto else pareto
    return Result(
        title=scenario.title,
        zopa=zone,
        solutions=solutions,
        pareto=pareto,
        pareto_info=info,
        diagnosis=diagnose(compiled, zone, max_conflicts=max_conflicts),
        uncertain=scenario.uncertainty.paths,
    )
