"""Benchmark: `zopa.stability` (GMCR: Nash, GMR, SMR, SEQ of every state) on synthetic
conflicts of growing size, and on the shipped worked example.

Each synthetic conflict (fixed seed): N actors, each controlling K boolean options (so 2^(N·K)
states), with random preference weights over every option and one conditional term per actor
on two random options. Time: best of 3 runs of the whole `zopa.stability` (graph building,
the four concepts for every actor and state, status quo). Regenerate with
`.venv/bin/python benchmarks/bench_stability.py --write`.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
from pathlib import Path

import zopa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, cpu_name, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
CASES = [(2, 2), (2, 3), (3, 2), (2, 4), (3, 3), (4, 2), (2, 5), (3, 4)]
"""(actors, options per actor)."""


def conflict(actors: int, options: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    names = [f"o{a}_{k}" for a in range(actors) for k in range(options)]
    lines = ["zopa: 1", f"title: {actors} actors x {options} options", "issues:"]
    for a in range(actors):
        for k in range(options):
            lines.append(f"  o{a}_{k}: {{type: boolean, controlled_by: d{a}, status_quo: false}}")
    lines.append("actors:")
    for a in range(actors):
        lines.append(f"  d{a}:")
        lines.append("    preferences:")
        for name in names:
            value = rng.choice(["true", "false"])
            lines.append(f"      {name}: {{weight: {rng.randint(1, 5)}, values: {{{value}: 1}}}}")
        first, second = rng.sample(names, 2)
        lines.append(
            f"    terms: [{{when: {first} and not {second}, weight: {rng.randint(1, 5)}}}]"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the README section")
    args = parser.parse_args()
    rows = []
    for actors, options in CASES:
        scenario = zopa.loads(conflict(actors, options))
        seconds = best_of(3, lambda s=scenario: zopa.stability(s))
        result = zopa.stability(scenario)
        nash, gmr, seq = (len(result.equilibria[c]) for c in ("nash", "gmr", "seq"))
        rows.append(
            f"| {actors} × {options} | {len(result.states)} | {nash} | {gmr} | {seq} | "
            f"{seconds:.3f} |"
        )
        print(rows[-1], flush=True)
    example = zopa.load(ROOT / "scenarios" / "ukraine-stability.yaml")
    example_s = best_of(3, lambda: zopa.stability(example))
    start, end = markers("bench_stability")
    text = "\n".join(
        [
            start,
            "## Stability (`bench_stability.py`)",
            "",
            (__doc__ or "").split("\n\n", 1)[1].replace("\n", " ").strip(),
            "",
            f"Machine: 2 cores, {cpu_name()}, Python {platform.python_version()}; wall-clock "
            "times on a machine shared with other work.",
            "",
            "| actors × options | states | Nash | GMR | SEQ | stability (s) |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"`scenarios/ukraine-stability.yaml` (24 states, 3 actors): {example_s:.3f} s.",
            end,
            "",
        ]
    )
    print(text)
    if args.write:
        write_section("bench_stability", text)


if __name__ == "__main__":
    main()
