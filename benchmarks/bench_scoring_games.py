"""Benchmark of random scoring games shaped like New Recruit (issue 17): two actors, eight
choice issues of five options, random integer point tables (-10 000 to 10 000) turned into
weights (an issue's range of points, perturbed within 5 %) and values (points rescaled to
[0, 1]), each actor's reservation 0 or random in [0, 0.7]. Games come from a fixed seed, so
every run measures the same problems.

For each game: the zone and the four bargaining solutions, timed; how many HiGHS solves ended
in an error and were solved again with `zopa.model.solver.RETRIES`; and, with `--no-retry`,
how many games end in a solver failure when the retries are switched off (the behaviour
before issue 17 was fixed, but for the ambiguous-status retry, which is rare).

    .venv/bin/python benchmarks/bench_scoring_games.py                # 100 games, to stdout
    .venv/bin/python benchmarks/bench_scoring_games.py --write        # also into README.md
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import cpu_name, markers, write_section

import zopa
import zopa.model.solver as solver
from zopa.analysis.bargaining import bargaining_solutions
from zopa.analysis.zone import compute_zone
from zopa.errors import SolverError
from zopa.model.compile import compile_scenario

START, END = markers("bench_scoring_games")
OPTIONS = ("a", "b", "c", "d", "e")


def game(rng: random.Random, issues: int = 8) -> zopa.Scenario:
    """One random game (module docstring)."""
    names = [f"issue{i}" for i in range(issues)]
    actors: dict[str, Any] = {}
    for actor in ("recruiter", "candidate"):
        preferences = {}
        for name in names:
            table = rng.sample(range(-10_000, 10_001), len(OPTIONS))
            low, span = min(table), max(table) - min(table)
            preferences[name] = {
                "weight": span * rng.uniform(0.95, 1.05),
                "values": {o: (p - low) / span for o, p in zip(OPTIONS, table, strict=True)},
            }
        reservation = rng.choice([0.0, rng.uniform(0.0, 0.7)])
        actors[actor] = {"preferences": preferences, "reservation": reservation}
    issues_yaml = {n: {"type": "choice", "options": list(OPTIONS)} for n in names}
    text = yaml.safe_dump({"zopa": 1, "issues": issues_yaml, "actors": actors}, sort_keys=False)
    return zopa.loads(text, name="<scoring game>")


class RetryCounter:
    """Counts the solves that `LinearModel.solve` retried (wraps `_run_with`)."""

    def __init__(self) -> None:
        self.count = 0
        original = solver.LinearModel._run_with

        def counted(model: solver.LinearModel, options: Any) -> Any:
            self.count += 1
            return original(model, options)

        solver.LinearModel._run_with = counted  # type: ignore[method-assign,assignment]


def run(games: int, seed: int, *, retry: bool) -> dict[str, Any]:
    if not retry:
        solver.RETRIES = ()
    counter = RetryCounter()
    rng = random.Random(seed)
    zone_times: list[float] = []
    times: list[float] = []
    failures = 0
    retried_games = 0
    for _ in range(games):
        scenario = game(rng)
        before = counter.count
        start = time.perf_counter()
        compiled = compile_scenario(scenario)
        zone = compute_zone(compiled)
        zone_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        try:
            bargaining_solutions(compiled, zone)
        except SolverError:
            failures += 1
        times.append(time.perf_counter() - start)
        retried_games += counter.count > before
    times.sort()
    zone_times.sort()
    return {
        "zone_median_s": zone_times[len(zone_times) // 2],
        "zone_max_s": zone_times[-1],
        "games": games,
        "failures": failures,
        "retried_games": retried_games,
        "retries": counter.count,
        "median_s": times[len(times) // 2],
        "p95_s": times[int(len(times) * 0.95)],
        "max_s": times[-1],
        "total_s": sum(times),
    }


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    lines = [
        "| retries | games | solver failures | games with a retried solve | retried solves "
        "| zone: median (s) | zone: slowest (s) | solutions: median (s) "
        "| solutions: 95th percentile (s) | solutions: slowest (s) | solutions: total (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['games']} | {r['failures']} | {r['retried_games']} | "
            f"{r['retries']} | {r['zone_median_s']:.2f} | {r['zone_max_s']:.2f} | "
            f"{r['median_s']:.2f} | {r['p95_s']:.2f} | {r['max_s']:.2f} | "
            f"{r['total_s']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--no-retry", action="store_true", help="only the run without retries")
    parser.add_argument("--write", action="store_true", help="record it in README.md")
    args = parser.parse_args()
    rows: list[tuple[str, dict[str, Any]]] = []
    if not args.no_retry:
        rows.append(("on", run(args.games, args.seed, retry=True)))
    rows.append(("off", run(args.games, args.seed, retry=False)))
    text = "\n".join(
        [
            START,
            "## Scoring games like New Recruit (`bench_scoring_games.py`)",
            "",
            f"{args.games} random two-actor games of 8 choice issues × 5 options (seed "
            f"{args.seed}): random integer point tables as weights and values, weights perturbed "
            "within 5 %, random reservations. Per game: the zone (an input, timed apart: "
            "with random reservations its MILP is sometimes hard for HiGHS), then the four "
            "bargaining solutions, where issue 17 failed. *off* switches the solver's retries "
            "off (`RETRIES = ()`): what a HiGHS self-check failure cost before issue 17 was "
            "fixed. The failure is rare (about 1 in 200 games of the property test's "
            "distribution, `tests/property/test_scoring_games.py`), so a run of a few dozen "
            "games may meet none; the zone's MILP is what such games cost. Regenerate with "
            "`.venv/bin/python benchmarks/bench_scoring_games.py --write`.",
            "",
            f"Machine: 2 cores, {cpu_name()}, Python {platform.python_version()}; wall-clock "
            "times on a machine shared with other work.",
            "",
            table(rows),
            END,
            "",
        ]
    )
    print(text)
    if args.write:
        write_section("bench_scoring_games", text)


if __name__ == "__main__":
    main()
