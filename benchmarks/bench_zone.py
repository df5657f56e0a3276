"""Benchmark: compiling a scenario to one MILP and computing its zone exactly, on synthetic
scenarios far too large to enumerate (30 issues of 10 options each: 10^30 deals).

    .venv/bin/python benchmarks/bench_zone.py             # measure, print, update README.md
    .venv/bin/python benchmarks/bench_zone.py --repeat 5  # best of 5 instead of 3
    .venv/bin/python benchmarks/bench_zone.py --no-write  # print only

Scenarios are generated from a fixed seed: choice issues (half of them ordered), three
actors with additive preferences over every issue, red lines that couple pairs of issues
(`in` sets, `or`, `when`, ordered comparisons) and reservations; the "mixed" rows add
numbers with curves, integers, booleans and sequences. For each: the columns and rows of the
MILP, the compile time, the zone time and how many solves it took (best of the runs, each
from a freshly compiled model), then one run each of the other analyses on the same model:
the four bargaining solutions, the diagnosis (binding red lines) and the first
`PARETO_POINTS` points of the Pareto frontier. The table replaces the section between this
script's markers in `benchmarks/README.md`; other sections are left alone.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import zopa
from zopa.analysis.bargaining import bargaining_solutions
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.pareto import pareto_frontier
from zopa.analysis.zone import compute_zone
from zopa.model.compile import compile_scenario
from zopa.model.session import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, cpu_name, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
START, END = markers("bench_zone")
PARETO_POINTS = 100


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    choices: int
    options: int
    mixed: bool = False
    actors: int = 3
    seed: int = 7


CASES = (
    Case("choices 10 x 10", 10, 10),
    Case("choices 30 x 10", 30, 10),
    Case("choices 50 x 10", 50, 10),
    Case("choices 30 x 10, 5 actors", 30, 10, actors=5),
    Case("mixed 30 issues", 20, 10, mixed=True),
)


def _choice_atom(rng: random.Random, spec: dict[str, Any], issue: str) -> str:
    options = spec[issue]["options"]
    if spec[issue].get("ordered") and rng.random() < 0.4:
        return f'{issue} {rng.choice([">=", "<="])} "{rng.choice(options[2:-2])}"'
    allowed = rng.sample(options, k=max(1, int(len(options) * 0.7)))
    listed = ", ".join(f'"{o}"' for o in sorted(allowed, key=options.index))
    return f"{issue} in [{listed}]"


def _red_line(
    rng: random.Random, spec: dict[str, Any], choices: list[str], k: int
) -> dict[str, Any]:
    a, b = rng.sample(choices, 2)
    shape = k % 3
    if shape == 0:
        return {"id": f"rl{k}", "require": _choice_atom(rng, spec, a)}
    if shape == 1:
        return {
            "id": f"rl{k}",
            "require": f"({_choice_atom(rng, spec, a)}) or ({_choice_atom(rng, spec, b)})",
        }
    return {
        "id": f"rl{k}",
        "when": _choice_atom(rng, spec, a),
        "require": _choice_atom(rng, spec, b),
    }


def _mixed_issues(rng: random.Random, spec: dict[str, Any]) -> None:
    for i in range(4):
        spec[f"x{i}"] = {"type": "number", "min": 0, "max": 100}
    for i in range(2):
        spec[f"n{i}"] = {"type": "integer", "min": 0, "max": 50}
    for i in range(2):
        spec[f"b{i}"] = {"type": "boolean"}
    for i in range(2):
        spec[f"s{i}"] = {"type": "sequence", "steps": [f"t{k}" for k in range(5)]}


def _preferences(rng: random.Random, spec: dict[str, Any]) -> dict[str, Any]:
    prefs: dict[str, Any] = {}
    for issue, item in spec.items():
        weight = rng.randint(1, 5)
        kind = item["type"]
        if kind == "choice":
            prefs[issue] = {
                "weight": weight,
                "values": {o: round(rng.random(), 2) for o in item["options"]},
            }
        elif kind == "boolean":
            prefs[issue] = {"weight": weight, "values": {True: round(rng.random(), 2)}}
        elif kind in ("number", "integer"):
            top = item["max"]
            xs = sorted(rng.sample(range(1, top), 3))
            prefs[issue] = {
                "weight": weight,
                "curve": [[0, 0], *([x, round(rng.random(), 2)] for x in xs), [top, 1]],
            }
        else:
            step = rng.choice(item["steps"])
            prefs[f"{issue}.{step}"] = {"weight": weight, "curve": [[1, 1], [5, 0]]}
    return prefs


def scenario_text(case: Case) -> str:
    rng = random.Random(case.seed)
    spec: dict[str, Any] = {}
    for i in range(case.choices):
        spec[f"i{i:02d}"] = {
            "type": "choice",
            "options": [f"o{k}" for k in range(case.options)],
            "ordered": i % 2 == 0,
        }
    if case.mixed:
        _mixed_issues(rng, spec)
    choices = [k for k, v in spec.items() if v["type"] == "choice"]
    actors: dict[str, Any] = {}
    for a in range(case.actors):
        lines = [_red_line(rng, spec, choices, k) for k in range(6)]
        if case.mixed:
            lines.append({"id": "mix", "require": f"x0 + x1 <= 150 or n0 >= {rng.randint(10, 40)}"})
            lines.append({"id": "order", "require": f"s0.t{a % 5} <= 3", "when": "b0"})
        actors[f"a{a}"] = {
            "red_lines": lines,
            "preferences": _preferences(rng, spec),
            "reservation": 0.4,
        }
    data = {"zopa": 1, "title": case.name, "issues": spec, "actors": actors}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    issues: int
    deals: str
    columns: int
    rows: int
    exists: bool
    compile_ms: float
    zone_s: float
    solves: int
    bargaining_s: float
    diagnosis_s: float
    pareto_s: float
    pareto_points: int


class _Counter:
    """Counts `Session.solve` calls (wraps the method for the duration of one measurement)."""

    def __init__(self) -> None:
        self.calls = 0
        self._original = Session.solve

    def __enter__(self) -> _Counter:
        original = self._original

        def counting(session: Session, *, time_limit: float | None = None) -> Any:
            self.calls += 1
            return original(session, time_limit=time_limit)

        Session.solve = counting  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        Session.solve = self._original  # type: ignore[method-assign]


def _deal_count(scenario: Any) -> str:
    digits = 0.0
    for issue in scenario.model.issues.values():
        if issue.type == "number":
            return "infinite"
        if issue.type == "integer":
            digits += math.log10(issue.max - issue.min + 1)
        elif issue.type == "choice":
            digits += math.log10(len(issue.options))
        elif issue.type == "boolean":
            digits += math.log10(2)
        else:
            digits += math.log10(math.factorial(len(issue.steps)))
    return f"10^{digits:.0f}"


def measure(case: Case, repeat: int) -> Row:
    scenario = zopa.loads(scenario_text(case), name=f"{case.name}.yaml")
    compiled = compile_scenario(scenario)
    compile_s = best_of(repeat, lambda: compile_scenario(scenario))
    with _Counter() as counter:
        zone = compute_zone(compile_scenario(scenario))
    zone_s = best_of(repeat, lambda: compute_zone(compile_scenario(scenario)))
    start = time.perf_counter()
    bargaining_solutions(compiled, zone)
    bargaining_s = time.perf_counter() - start
    start = time.perf_counter()
    diagnose(compiled, zone)
    diagnosis_s = time.perf_counter() - start
    start = time.perf_counter()
    points, _ = pareto_frontier(compiled, max_points=PARETO_POINTS)
    pareto_s = time.perf_counter() - start
    return Row(
        name=case.name,
        issues=len(scenario.model.issues),
        deals=_deal_count(scenario),
        columns=compiled.ir.num_columns,
        rows=compiled.ir.num_rows,
        exists=zone.exists,
        compile_ms=compile_s * 1000,
        zone_s=zone_s,
        solves=counter.calls,
        bargaining_s=bargaining_s,
        diagnosis_s=diagnosis_s,
        pareto_s=pareto_s,
        pareto_points=len(points),
    )


def section(rows: list[Row], repeat: int) -> str:
    lines = [
        START,
        "## Zone on large synthetic scenarios (`bench_zone.py`)",
        "",
        "Compile = scenario to one MILP; zone = existence, every issue's range or options, "
        "every step's positions and every actor's utility range, exactly, each bound attained "
        "by a certified deal (compile + zone, from a fresh model). Best of "
        f"{repeat} runs. Then, once each on the same model: the four bargaining solutions, "
        "the diagnosis (binding red lines), and the Pareto frontier cut at "
        f"{PARETO_POINTS} points. Seeded generator in the script; regenerate with "
        "`.venv/bin/python benchmarks/bench_zone.py`.",
        "",
        f"Machine: {os.cpu_count()} cores (`nproc`), {cpu_name()}, Python "
        f"{platform.python_version()}; HiGHS with threads=1. The 2 cores were shared with other "
        "work while measuring: treat the times as upper bounds.",
        "",
        "| scenario | issues | deals | columns | rows | ZOPA | compile (ms) | zone (s) "
        "| zone solves | bargaining (s) | diagnosis (s) | Pareto points | Pareto (s) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.issues} | {r.deals} | {r.columns} | {r.rows} "
            f"| {'yes' if r.exists else 'no'} | {r.compile_ms:.1f} | {r.zone_s:.3f} "
            f"| {r.solves} | {r.bargaining_s:.2f} | {r.diagnosis_s:.2f} | {r.pareto_points} "
            f"| {r.pareto_s:.1f} |"
        )
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    parser.add_argument("--no-write", action="store_true", help="print, leave README.md alone")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if args.only in c.name]
    rows = []
    for case in cases:
        rows.append(measure(case, max(1, args.repeat)))
        print(rows[-1], file=sys.stderr)
    text = section(rows, max(1, args.repeat))
    print(text, end="")
    if not args.no_write:
        write_section("bench_zone", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
