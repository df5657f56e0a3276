"""`simulate`: how likely a ZOPA is, given what the scenario leaves uncertain.

Samples go in batches of `BATCH` (the last one shorter); batch `b` draws from
`SeedSequence(seed, spawn_key=(b,))`, and its evaluator (compiled models, caches) lives for
that batch only. So a batch's answers depend on the seed, `n` and `b` alone, never on the
worker that ran it, and the statistics, folded in batch order, are the same bytes serially,
on a process pool or on a dask cluster.

Where the only uncertainty is credibility on at most `EXACT_LIMIT` red lines, every
combination of real and absent red lines is evaluated once, weighted by its probability
(`method="exact"`).

The Nash solution is the costly part of a sample (tens of solves where existence takes one
or none), so solutions are summarised over every `stride`-th sample, `stride =
ceil(n / nash_samples)` (every sample in exact mode); which samples those are depends on `n`
and `nash_samples` only.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass

from zopa.analysis.sampling import Draw, exact_combinations, exact_count, monte_carlo_block
from zopa.analysis.simulate_eval import Evaluator, SampleOutcome
from zopa.analysis.simulate_stats import Simulation, summarise
from zopa.scenario.scenario import Scenario

BATCH = 1000
"""Samples per task: enough to amortise compiling and to let the caches work, few enough
to spread 10 000 samples over a handful of workers."""

EXACT_LIMIT = 12
"""Most red lines with a credibility for which every combination is enumerated."""

DEFAULT_SAMPLES = 10_000
DEFAULT_NASH_SAMPLES = 100

Progress = Callable[[int, int], None]
"""Called with (samples done, samples in all) as batches finish."""


@dataclass(frozen=True, slots=True)
class Task:
    """One batch: samples `start` up to `stop` of the run (in exact mode, combinations)."""

    scenario: Scenario
    exact: bool
    seed: int
    index: int
    start: int
    stop: int
    stride: int
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class BatchResult:
    draws: tuple[Draw, ...]
    outcomes: tuple[SampleOutcome, ...]


def run_task(task: Task) -> BatchResult:
    """Evaluate one batch (a module-level function, so process pools and dask can ship it)."""
    found = task.scenario.uncertainty
    if task.exact:
        combos = list(exact_combinations(found))[task.start : task.stop]
    else:
        combos = monte_carlo_block(found, task.seed, task.index, task.stop - task.start)
    evaluator = Evaluator(task.scenario, fingerprint=task.fingerprint)
    outcomes = tuple(
        evaluator.evaluate(d, want_nash=(task.start + k) % task.stride == 0)
        for k, d in enumerate(combos)
    )
    return BatchResult(tuple(combos), outcomes)


def is_exact(scenario: Scenario) -> bool:
    """Whether `simulate` enumerates (only credibilities, at most `EXACT_LIMIT` of them)."""
    found = scenario.uncertainty
    return not found.inputs and len(found.credibilities) <= EXACT_LIMIT


def simulate(
    scenario: Scenario,
    *,
    n: int = DEFAULT_SAMPLES,
    seed: int = 0,
    executor: Executor | None = None,
    nash_samples: int = DEFAULT_NASH_SAMPLES,
    progress: Progress | None = None,
) -> Simulation:
    """Sample the scenario's uncertain values and credibilities and summarise the answers.

    Args:
        scenario: a validated scenario (`zopa.load`).
        n: Monte Carlo samples (ignored in exact mode).
        seed: the run's seed (a non-negative integer).
        executor: any `concurrent.futures.Executor` (a process pool, a dask client's
            `get_executor()`); None runs the batches here, one after another.
        nash_samples: about how many samples are solved for the Nash solution.
        progress: called as batches finish (never from the library's own output).

    Raises:
        ValueError: `n`, `seed` or `nash_samples` out of range.
        SolverError: the solver failed.
    """
    if n < 1 or seed < 0 or nash_samples < 1:
        raise ValueError(
            f"n and nash_samples must be at least 1 and seed at least 0: n={n!r}, "
            f"seed={seed!r}, nash_samples={nash_samples!r}"
        )
    exact = is_exact(scenario)
    total = exact_count(scenario.uncertainty) if exact else n
    stride = 1 if exact else max(1, math.ceil(n / nash_samples))
    fingerprint = hashlib.sha256(repr((scenario.name, scenario.raw)).encode()).hexdigest()
    tasks = [
        Task(scenario, exact, seed, b, start, min(start + BATCH, total), stride, fingerprint)
        for b, start in enumerate(range(0, total, BATCH))
    ]
    results = _run(tasks, executor, progress, total)
    draws = [d for r in results for d in r.draws]
    outcomes = [o for r in results for o in r.outcomes]
    return summarise(
        scenario, draws, outcomes, method="exact" if exact else "monte-carlo", seed=seed
    )


def _run(
    tasks: Sequence[Task], executor: Executor | None, progress: Progress | None, total: int
) -> list[BatchResult]:
    done = 0
    if executor is None:
        results = []
        for task in tasks:
            results.append(run_task(task))
            done += task.stop - task.start
            if progress is not None:
                progress(done, total)
        return results
    futures: dict[Future[BatchResult], int] = {
        executor.submit(run_task, task): k for k, task in enumerate(tasks)
    }
    ordered: list[BatchResult | None] = [None] * len(tasks)
    for future in as_completed(futures):
        k = futures[future]
        ordered[k] = future.result()
        done += tasks[k].stop - tasks[k].start
        if progress is not None:
            progress(done, total)
    return [r for r in ordered if r is not None]
