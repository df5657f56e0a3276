"""Benchmark of the bargaining solutions and the Pareto frontier on synthetic scenarios:
2 and 3 parties, 6 to 8 choice issues of 10 options each (10^6 to 10^8 deals).

Each case runs in a fresh subprocess (so peak memory is the case's own) and reports the
time of the zone, the four bargaining solutions, the frontier (fast path, and the MILP
search where it finishes in reasonable time) and the full `zopa.analyze`, plus the
process's peak resident memory (`resource.getrusage`, ru_maxrss). Scenarios are generated
from a fixed seed, so every run measures the same problems.

    .venv/bin/python benchmarks/bench_bargaining.py            # all cases, table to stdout
    .venv/bin/python benchmarks/bench_bargaining.py --write    # also record it in README.md

`--write` replaces this benchmark's own section of `benchmarks/README.md` (between its
markers) and leaves the other sections alone.

The scenarios: every actor weighs every issue (weights 1–5), values each option on a grid
of 0.01, and has a reservation of 0.3; each actor has one single-issue red line (one
option of one issue is unacceptable), so the separable fast path applies. The coupled
cases add a red line on two issues, which forces the MILP search.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import markers, write_section  # noqa: E402 - a sibling module

CASES: tuple[tuple[int, int, int, bool], ...] = (
    (2, 6, 10, False),
    (2, 7, 10, False),
    (2, 8, 10, False),
    (3, 6, 10, False),
    (3, 7, 10, False),
    (3, 8, 10, False),
    (2, 6, 10, True),
    (3, 6, 10, True),
)
"""(parties, issues, options per issue, a red line coupling two issues)."""

MILP_FRONTIER_CASES = frozenset({(2, 6, 10), (2, 7, 10), (2, 8, 10), (3, 6, 10)})
"""Cases where the MILP frontier search is timed too (it takes minutes beyond these)."""


def synthetic_yaml(
    parties: int, issues: int, options: int, *, seed: int = 7, coupled: bool = False
) -> str:
    """A scenario text: `parties` actors, `issues` choice issues of `options` options."""
    rng = random.Random(f"{seed}-{parties}-{issues}-{options}")
    lines = ["zopa: 1", f"title: synthetic {parties}x{issues}x{options}", "issues:"]
    for i in range(issues):
        opts = ", ".join(f"o{j}" for j in range(options))
        lines.append(f"  i{i}: {{type: choice, options: [{opts}]}}")
    lines.append("actors:")
    for a in range(parties):
        lines.append(f"  a{a}:")
        lines.append("    red_lines:")
        issue, option = rng.randrange(issues), rng.randrange(options)
        lines.append(f'      - {{id: no-{issue}-{option}, require: i{issue} != "o{option}"}}')
        if coupled and a == 0:
            lines.append('      - {id: coupled, require: not (i0 == "o0" and i1 == "o0")}')
        lines.append("    preferences:")
        for i in range(issues):
            values = ", ".join(f"o{j}: {rng.randrange(101) / 100}" for j in range(options))
            lines.append(f"      i{i}: {{weight: {rng.randrange(1, 6)}, values: {{{values}}}}}")
        lines.append("    reservation: 0.3")
    return "\n".join(lines) + "\n"


def run_case(
    parties: int, issues: int, options: int, *, milp: bool, coupled: bool
) -> dict[str, Any]:
    """Time one case in this process; returns the figures as plain data."""
    import zopa
    from zopa.analysis.bargaining import bargaining_solutions
    from zopa.analysis.pareto import pareto_frontier, search_frontier
    from zopa.analysis.zone import compute_zone
    from zopa.model.compile import compile_scenario

    scenario = zopa.loads(synthetic_yaml(parties, issues, options, coupled=coupled))
    figures: dict[str, Any] = {"parties": parties, "issues": issues, "options": options}
    figures["coupled"] = coupled
    figures["deals"] = options**issues
    t0 = time.perf_counter()
    compiled = compile_scenario(scenario)
    zone = compute_zone(compiled)
    figures["zone_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    bargaining_solutions(compiled, zone)
    figures["solutions_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    points, info = pareto_frontier(compiled)
    figures["frontier_s"] = time.perf_counter() - t0
    figures["frontier_points"] = len(points)
    figures["frontier_method"] = info.method
    figures["frontier_complete"] = info.complete
    if milp:
        t0 = time.perf_counter()
        milp_points, _ = search_frontier(compiled)
        figures["milp_frontier_s"] = time.perf_counter() - t0
        figures["milp_same"] = [p.to_dict() for p in milp_points] == [p.to_dict() for p in points]
    t0 = time.perf_counter()
    zopa.analyze(scenario)
    figures["analyze_s"] = time.perf_counter() - t0
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| parties × issues × options | deals | coupled | frontier points | zone (s) "
        "| solutions (s) | frontier (s), method | MILP frontier search (s) | analyze (s) "
        "| peak RSS (MB) |\n"
        "|---|---:|---|---:|---:|---:|---|---:|---:|---:|\n"
    )
    body = []
    for r in rows:
        milp = "—"
        if "milp_frontier_s" in r:
            same = "same answer" if r["milp_same"] else "DIFFERENT"
            milp = f"{r['milp_frontier_s']:.2f} ({same})"
        method = "separable" if r["frontier_method"].startswith("separable") else "MILP search"
        body.append(
            f"| {r['parties']} × {r['issues']} × {r['options']} | {r['deals']:.0e} "
            f"| {'yes' if r['coupled'] else 'no'} | {r['frontier_points']} "
            f"| {r['zone_s']:.2f} | {r['solutions_s']:.2f} | {r['frontier_s']:.2f}, {method} "
            f"| {milp} | {r['analyze_s']:.2f} | {r['peak_rss_mb']:.0f} |"
        )
    return head + "\n".join(body) + "\n"


START, END = markers("bench_bargaining")


def _section(table: str) -> str:
    machine = (
        f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    return (
        f"{START}\n## Bargaining solutions and the Pareto frontier (`bench_bargaining.py`)\n\n"
        "Synthetic scenarios (fixed seed): every actor weighs every choice issue (weights 1–5,"
        " option values on a 0.01 grid), has a reservation of 0.3 and one red line on a"
        " single issue, so `analyze` takes the exact separable frontier path; *coupled* adds a"
        " red line on two issues, which forces the MILP search everywhere. Each case runs in a"
        " fresh process, once; *MILP frontier search* times the general search on the same"
        " model and checks it returns the same JSON. Peak RSS is the process's (ru_maxrss)."
        " The search costs a few MILP solves per frontier point plus one per empty search"
        " region; with three actors proving regions empty takes most of its time, so it is"
        " the separable path that makes hundreds of three-party frontier points cheap."
        f" Regenerate with `.venv/bin/python benchmarks/bench_bargaining.py --write`.\n\n"
        f"Machine: {machine}; wall-clock times on a machine shared with other work.\n\n"
        f"{table}{END}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the table in README.md")
    parser.add_argument("--case", help="run one case P,I,O in this process (internal)")
    parser.add_argument("--milp", action="store_true", help="with --case: time the MILP search")
    parser.add_argument("--coupled", action="store_true", help="with --case: couple two issues")
    args = parser.parse_args()
    if args.case:
        p, i, o = (int(x) for x in args.case.split(","))
        print(json.dumps(run_case(p, i, o, milp=args.milp, coupled=args.coupled)))
        return
    rows = []
    for parties, issues, options, coupled in CASES:
        command = [sys.executable, __file__, "--case", f"{parties},{issues},{options}"]
        if (parties, issues, options) in MILP_FRONTIER_CASES and not coupled:
            command.append("--milp")
        if coupled:
            command.append("--coupled")
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out))
        print(_table(rows[-1:]).splitlines()[-1], flush=True)
    table = _table(rows)
    print(table)
    if args.write:
        write_section("bench_bargaining", _section(table))


if __name__ == "__main__":
    main()
