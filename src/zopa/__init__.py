"""zopa: is there a deal every side could accept, where is it, and which deal is fair?

The public API: `load`, `loads`, `analyze`, `simulate`, `negotiate`, `stability`,
`ScenarioError`, `SolverError`, `__version__`. Heavy modules (numpy, highspy) are imported only
when one of the engine's functions is first called.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError, SolverError, ZopaError

# A library logs, it never prints: without this, Python's last-resort handler would write
# the engine's warnings to stderr of every program that uses zopa.
logging.getLogger("zopa").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Executor

    from zopa.analysis.result import Result
    from zopa.analysis.simulate_stats import Simulation
    from zopa.dynamics.result import Negotiation
    from zopa.gmcr.result import StabilityResult
    from zopa.scenario.scenario import Scenario

__version__ = "0.1.0"
__all__ = [
    "Result",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "SolverError",
    "ZopaError",
    "__version__",
    "analyze",
    "load",
    "loads",
    "negotiate",
    "simulate",
    "stability",
]


def __getattr__(name: str) -> Any:
    """`zopa.Scenario` and `zopa.Result`, imported on first use (they pull in pydantic)."""
    if name == "Scenario":
        from zopa.scenario.scenario import Scenario

        return Scenario
    if name == "Simulation":
        from zopa.analysis.simulate_stats import Simulation

        return Simulation
    if name == "Result":
        from zopa.analysis.result import Result

        return Result
    raise AttributeError(f"module 'zopa' has no attribute {name!r}")


def load(path: str | Any) -> Scenario:
    """Read and validate a scenario file. Raises `ScenarioError`."""
    from zopa.scenario.load import load_file

    return load_file(path)


def loads(text: str, *, name: str = "<string>", base_dir: str | None = None) -> Scenario:
    """Validate scenario text; `name` is used in error messages. Raises `ScenarioError`."""
    from zopa.scenario.load import load_text

    return load_text(text, name=name, base_dir=base_dir)


def analyze(
    scenario: Scenario,
    *,
    max_pareto: int = 1000,
    max_conflicts: int = 20,
    time_limit: float | None = None,
    max_pareto_solves: int = 500,
) -> Result:
    """Answer every question of the scenario: zone, solutions, frontier, diagnosis.

    `max_pareto` is the most Pareto points listed, `max_conflicts` the most conflicts and
    relaxations; `time_limit` the seconds allowed for the zone search (None: no limit; a
    limit hit before an answer is proven is a `SolverError`); `max_pareto_solves` the solver
    calls the Pareto search may make (a count: answers stay deterministic). The defaults are
    `zopa.analysis.run.analyze`'s, spelled out so that `import zopa` stays light (a test
    checks that they agree). Raises `SolverError`.
    """
    from zopa.analysis.run import analyze as _analyze

    return _analyze(
        scenario,
        max_pareto=max_pareto,
        max_conflicts=max_conflicts,
        time_limit=time_limit,
        max_pareto_solves=max_pareto_solves,
    )


def simulate(
    scenario: Scenario,
    *,
    n: int = 10_000,
    seed: int = 0,
    executor: Executor | None = None,
    nash_samples: int = 100,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Sample the scenario's distributions and credibilities: how likely a ZOPA is, which
    red lines stand in the way, where the Nash deal lies (`zopa.analysis.simulate.simulate`,
    whose defaults these are; a test checks that they agree). Raises `SolverError`."""
    from zopa.analysis.simulate import simulate as _simulate

    return _simulate(
        scenario,
        n=n,
        seed=seed,
        executor=executor,
        nash_samples=nash_samples,
        progress=progress,
    )


def negotiate(
    scenario: Scenario,
    *,
    first: str | None = None,
    order: Sequence[str] | None = None,
    discount: Mapping[str, float] | None = None,
    tactics: Mapping[str, str | float] | None = None,
    rounds: int | None = None,
    equilibrium: bool = False,
) -> Negotiation:
    """Play the negotiation out: the agreement, every round, and what moving first is worth.

    The arguments override the scenario's `negotiation:` block: `first` the actor proposing
    in round 1, `order` the proposers cycling, `discount` per-round discounts in (0, 1],
    `tactics` boulware | linear | conceder | a beta > 0 by actor, `rounds` the horizon,
    `equilibrium` to ignore the block's tactics (`zopa.dynamics.run.negotiate`). Raises
    `ScenarioError` for a bad setting, `SolverError` for a solver failure.
    """
    from zopa.dynamics.run import negotiate as _negotiate

    return _negotiate(
        scenario,
        first=first,
        order=order,
        discount=discount,
        tactics=tactics,
        rounds=rounds,
        equilibrium=equilibrium,
    )


def stability(scenario: Scenario) -> StabilityResult:
    """Which outcomes last: Nash, GMR, SMR and SEQ stability of every state (graph model for
    conflict resolution). Every issue must be finite and have `controlled_by`; raises
    `ScenarioError` otherwise."""
    from zopa.gmcr.result import stability as _stability

    return _stability(scenario)
