"""Benchmark: diagnosis of synthetic over-constrained scenarios (no ZOPA).

    .venv/bin/python benchmarks/bench_diagnosis.py             # measure, print, update README.md
    .venv/bin/python benchmarks/bench_diagnosis.py --repeat 5  # best of 5 instead of 3
    .venv/bin/python benchmarks/bench_diagnosis.py --no-write  # print only

Each scenario is generated from a fixed seed (`synthetic(...)`): number, integer, choice,
boolean and sequence issues; four actors whose red lines are random thresholds, option sets,
conditions (some with `or`, some with `when`) and sequence orders; each actor a reservation
over random preferences. Thresholds are drawn so that red lines of different actors collide:
every scenario measured has no ZOPA. For each: the groups, the conflicts and relaxations
found (at the default limit of 20), the solver calls, and the wall time of `diagnose` (best
of the runs, each on a freshly compiled model). The table replaces the section between this
script's markers in `benchmarks/README.md`; other sections are left alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import zopa
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.result import Diagnosis
from zopa.format.zone import Zone
from zopa.model.compile import compile_scenario
from zopa.model.session import Session, SolveStatus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, cpu_name, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
START, END = markers("bench_diagnosis")
ACTORS = ("north", "south", "east", "west")


@dataclass(frozen=True, slots=True)
class Size:
    """One benchmark scenario: issues, red lines in all, generator seed, and `style`:
    `positions` (each actor's red lines hold at its own ideal deal, so conflicts are between
    actors, as in a negotiation) or `random` (thresholds at random: densely over-constrained,
    a stress test)."""

    issues: int
    red_lines: int
    seed: int
    style: str = "positions"


SIZES = (
    Size(10, 40, 1),
    Size(10, 40, 2),
    Size(10, 40, 3),
    Size(5, 20, 1),
    Size(20, 80, 1),
    Size(10, 40, 1, "random"),
    Size(10, 40, 2, "random"),
)


def _issues(n: int, rng: random.Random) -> dict[str, dict[str, Any]]:
    kinds = ["number", "integer", "choice", "boolean", "sequence"]
    issues: dict[str, dict[str, Any]] = {}
    for i in range(n):
        kind = kinds[i % len(kinds)] if i < len(kinds) else rng.choice(kinds[:3])
        name = f"{kind[:3]}{i}"
        if kind == "number":
            issues[name] = {"type": "number", "min": 0, "max": 1}
        elif kind == "integer":
            issues[name] = {"type": "integer", "min": 0, "max": 10}
        elif kind == "choice":
            issues[name] = {"type": "choice", "options": ["a", "b", "c", "d"], "ordered": True}
        elif kind == "boolean":
            issues[name] = {"type": "boolean"}
        else:
            issues[name] = {"type": "sequence", "steps": ["s1", "s2", "s3", "s4"]}
    return issues


def _ideal(issues: dict[str, dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    """A random deal: the one an actor would like best."""
    deal: dict[str, Any] = {}
    for name, spec in issues.items():
        kind = spec["type"]
        if kind == "number":
            deal[name] = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9])
        elif kind == "integer":
            deal[name] = rng.randint(0, 10)
        elif kind == "choice":
            deal[name] = rng.randrange(len(spec["options"]))
        elif kind == "boolean":
            deal[name] = rng.random() < 0.5
        else:
            deal[name] = rng.sample(spec["steps"], len(spec["steps"]))
    return deal


def _atom(
    issues: dict[str, dict[str, Any]], ideal: dict[str, Any] | None, rng: random.Random
) -> str:
    """A condition on one issue: at random, or (given `ideal`) one that the ideal deal meets."""
    name = rng.choice(sorted(issues))
    spec = issues[name]
    kind = spec["type"]
    if kind == "number":
        if ideal is None:
            return f"{name} {rng.choice(['>=', '<='])} {rng.choice([0.2, 0.35, 0.5, 0.65, 0.8])}"
        if rng.random() < 0.5:
            return f"{name} >= {round(max(0.0, ideal[name] - rng.choice([0.1, 0.2])), 2)}"
        return f"{name} <= {round(min(1.0, ideal[name] + rng.choice([0.1, 0.2])), 2)}"
    if kind == "integer":
        if ideal is None:
            return f"{name} {rng.choice(['>=', '<='])} {rng.randint(2, 8)}"
        if rng.random() < 0.5:
            return f"{name} >= {max(0, ideal[name] - rng.randint(1, 3))}"
        return f"{name} <= {min(10, ideal[name] + rng.randint(1, 3))}"
    options = spec.get("options", [])
    if kind == "choice":
        if ideal is None:
            return f'{name} {rng.choice([">=", "<=", "=="])} "{rng.choice(options)}"'
        at = ideal[name]
        if rng.random() < 0.5:
            return f'{name} >= "{options[max(0, at - 1)]}"'
        return f'{name} <= "{options[min(len(options) - 1, at + 1)]}"'
    if kind == "boolean":
        value = rng.random() < 0.5 if ideal is None else ideal[name]
        return name if value else f"not {name}"
    a, b = rng.sample(spec["steps"], 2)
    if ideal is not None and ideal[name].index(a) > ideal[name].index(b):
        a, b = b, a
    return f"{name}.{a} < {name}.{b}"


def _red_line(
    k: int, issues: dict[str, dict[str, Any]], ideal: dict[str, Any] | None, rng: random.Random
) -> dict[str, Any]:
    if rng.random() < 0.15:
        require = f"({_atom(issues, ideal, rng)}) or ({_atom(issues, None, rng)})"
    else:
        require = _atom(issues, ideal, rng)
    line: dict[str, Any] = {"id": f"r{k}", "require": require}
    if rng.random() < 0.15:
        line["when"] = _atom(issues, None, rng)
    line["firmness"] = rng.choice([0.5, 1, 1.5, 2, 3])
    return line


def _preferences(issues: dict[str, dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    prefs: dict[str, Any] = {}
    for name, spec in issues.items():
        if spec["type"] in ("number", "integer") and rng.random() < 0.6:
            lo, hi = spec["min"], spec["max"]
            ends = [[lo, 0], [hi, 1]] if rng.random() < 0.5 else [[lo, 1], [hi, 0]]
            prefs[name] = {"weight": rng.randint(1, 5), "curve": ends}
        elif spec["type"] == "choice" and rng.random() < 0.6:
            values = {o: round(rng.random(), 2) for o in spec["options"]}
            prefs[name] = {"weight": rng.randint(1, 5), "values": values}
    return prefs


def synthetic(size: Size) -> str:
    """The YAML text of one benchmark scenario (deterministic in `size`)."""
    rng = random.Random(f"{size.style}/{size.issues}/{size.red_lines}/{size.seed}")
    issues = _issues(size.issues, rng)
    actors: dict[str, Any] = {}
    per_actor = size.red_lines // len(ACTORS)
    for a, actor in enumerate(ACTORS):
        ideal = _ideal(issues, rng) if size.style == "positions" else None
        count = per_actor + (1 if a < size.red_lines % len(ACTORS) else 0)
        actors[actor] = {
            "red_lines": [_red_line(k, issues, ideal, rng) for k in range(count)],
            "preferences": _preferences(issues, rng),
            "reservation": rng.choice([0.3, 0.4, 0.5, 0.6]),
        }
    doc = {
        "zopa": 1,
        "title": f"synthetic ({size.style}) {size.issues} issues, {size.red_lines} red lines, "
        f"seed {size.seed}",
        "issues": issues,
        "actors": actors,
    }
    return str(yaml.safe_dump(doc, sort_keys=False))


@contextmanager
def counting_solves() -> Iterator[list[int]]:
    """Counts `Session.solve` calls made inside the block (benchmark instrumentation only)."""
    counter = [0]
    original = Session.solve

    def solve(self: Session, *, time_limit: float | None = None) -> Any:
        counter[0] += 1
        return original(self, time_limit=time_limit)

    Session.solve = solve  # type: ignore[method-assign]
    try:
        yield counter
    finally:
        Session.solve = original  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Row:
    """One scenario's figures."""

    size: Size
    groups: int
    conflicts: int
    conflict_sizes: str
    relaxations: int
    moves: int
    truncated: bool
    solves: int
    compile_ms: float
    diagnose_s: float


def measure(size: Size, repeat: int) -> Row:
    scenario = zopa.loads(synthetic(size), name=f"synthetic-{size.seed}.yaml")
    compiled = compile_scenario(scenario)
    if compiled.session().solve().status is not SolveStatus.INFEASIBLE:
        raise RuntimeError(f"{size}: the synthetic scenario has a ZOPA; pick another seed")
    none = Zone(exists=False)
    with counting_solves() as solves:
        diagnosis: Diagnosis = diagnose(compiled, none)
    compile_s = best_of(repeat, lambda: compile_scenario(scenario))
    diagnose_s = best_of(repeat, lambda: diagnose(compile_scenario(scenario), none))
    sizes = sorted({len(c) for c in diagnosis.conflicts})
    return Row(
        size=size,
        groups=len(compiled.groups),
        conflicts=len(diagnosis.conflicts),
        conflict_sizes="–".join(str(s) for s in (sizes[0], sizes[-1])) if sizes else "-",
        relaxations=len(diagnosis.relaxations),
        moves=sum(len(r.moves) for r in diagnosis.relaxations),
        truncated=diagnosis.truncated,
        solves=solves[0],
        compile_ms=compile_s * 1000,
        diagnose_s=diagnose_s - compile_s,
    )


def section(rows: list[Row], repeat: int) -> str:
    lines = [
        START,
        "## Diagnosis of over-constrained scenarios (`bench_diagnosis.py`)",
        "",
        "`diagnose` on synthetic scenarios without a ZOPA (4 actors, random thresholds, option "
        "sets, `or`/`when` conditions and sequence orders; each actor a reservation): every "
        "minimal conflict and every minimal relaxation up to the default limit of 20, with "
        "the numeric moves of each relaxation. Groups = red lines + reservations. Solves = "
        "solves of the compiled model in one diagnosis (the hitting-set map's own tiny MILPs "
        "not counted); ms / solve = diagnose time / solves, so it includes everything else. "
        "Time: best of "
        f"{repeat} runs, each on a freshly compiled model, compile time subtracted. Regenerate "
        "with `.venv/bin/python benchmarks/bench_diagnosis.py`.",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu_name()}, Python {platform.python_version()}; "
        "wall-clock times on a machine shared with other work, so expect ±30 %.",
        "",
        "| style | issues | red lines | seed | groups | conflicts (sizes) | relaxations "
        "| moves | truncated | solves | compile (ms) | diagnose (s) | ms / solve |",
        "|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        per_solve = 1000 * r.diagnose_s / r.solves if r.solves else 0.0
        lines.append(
            f"| {r.size.style} | {r.size.issues} | {r.size.red_lines} | {r.size.seed} | {r.groups} "
            f"| {r.conflicts} ({r.conflict_sizes}) | {r.relaxations} | {r.moves} "
            f"| {'yes' if r.truncated else 'no'} | {r.solves} | {r.compile_ms:.1f} "
            f"| {r.diagnose_s:.2f} | {per_solve:.2f} |"
        )
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = [measure(size, args.repeat) for size in SIZES]
    text = section(rows, args.repeat)
    print(text)
    if not args.no_write:
        write_section("bench_diagnosis", text)


if __name__ == "__main__":
    main()
