"""Coupled finite scenarios: the Pareto frontier by the constraint-graph dynamic program,
timed as whole `zopa analyze` processes, with peak memory, frontier size and method; and
NegMAS's brute-force enumeration of the same frontier where it is installed and fits.

Scenarios are generated from a seed: `parties` actors, `issues` choice issues of `options`
options, and per actor `red_lines` red lines of the form `i_a in [...] or i_b != "o_c"`.

    .venv/bin/python benchmarks/bench_coupled.py            # all cases, README section
    .venv/bin/python benchmarks/bench_coupled.py 3 7 10 3   # one case, printed
"""

from __future__ import annotations

import itertools
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import cpu_name, markers, write_section

CASES = ((3, 6, 10, 3), (3, 7, 10, 3), (3, 8, 10, 3), (3, 12, 10, 4), (4, 8, 10, 4), (2, 20, 10, 5))
NEGMAS_MAX_DEALS = 10**7
"""The largest deal space enumerated for NegMAS (deals are streamed; those in the ZOPA are kept
in memory for its `pareto_frontier`)."""


Clause = tuple[int, frozenset[str], int, str]
"""A red line `i_a in [...] or i_b != "o_c"` as (a, the options listed, b, o_c)."""


def coupled_yaml(parties: int, issues: int, options: int, red_lines: int, *, seed: int = 12) -> str:
    """A scenario text with red lines that couple pairs of issues (module docstring)."""
    return coupled_case(parties, issues, options, red_lines, seed=seed)[0]


def coupled_case(
    parties: int, issues: int, options: int, red_lines: int, *, seed: int = 12
) -> tuple[str, list[Clause]]:
    """`coupled_yaml`'s text and its red lines as data (for the enumeration)."""
    clauses: list[Clause] = []
    rng = random.Random(f"{seed}-{parties}-{issues}-{options}-{red_lines}")
    lines = ["zopa: 1", f"title: coupled {parties}x{issues}x{options} R={red_lines}", "issues:"]
    opts = ", ".join(f"o{j}" for j in range(options))
    lines += [f"  i{i}: {{type: choice, options: [{opts}]}}" for i in range(issues)]
    lines.append("actors:")
    for a in range(parties):
        lines += [f"  a{a}:", "    reservation: 0.3", "    red_lines:"]
        for r in range(red_lines):
            i_a, i_b = rng.sample(range(issues), 2)
            listed = sorted(rng.sample(range(options), 3))
            allowed = ", ".join(f'"o{j}"' for j in listed)
            other = rng.randrange(options)
            body = f'i{i_a} in [{allowed}] or i{i_b} != "o{other}"'
            clauses.append((i_a, frozenset(f"o{j}" for j in listed), i_b, f"o{other}"))
            lines.append(f"      - {{id: c{r}, require: '{body}'}}")
        lines.append("    preferences:")
        for i in range(issues):
            values = ", ".join(f"o{j}: {rng.randrange(101) / 100}" for j in range(options))
            lines.append(f"      i{i}: {{weight: {rng.randrange(1, 6)}, values: {{{values}}}}}")
    return "\n".join(lines) + "\n", clauses


def zopa_process(path: Path) -> dict[str, Any]:
    """One whole `zopa analyze --json` process: wall time, peak memory (max RSS), answer."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "out = subprocess.run([sys.argv[1], 'analyze', sys.argv[2], '--json'],"
        " capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(dt, rss); print(out.stdout)\n"
    )
    zopa = Path(sys.executable).with_name("zopa")
    run = subprocess.run(
        [sys.executable, "-c", script, str(zopa), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    head, body = run.stdout.split("\n", 1)
    seconds, rss = head.split()
    result = json.loads(body)
    nash = result["solutions"].get("nash")
    return {
        "seconds": float(seconds),
        "peak_mb": int(rss) / 1024,
        "points": len(result["pareto"]),
        "method": result["pareto_info"]["method"],
        "complete": result["pareto_info"]["complete"],
        "nash": None if nash is None else nash["utilities"],
    }


def negmas_frontier(text: str, clauses: list[Clause]) -> dict[str, Any] | None:
    """NegMAS's enumeration of the same frontier (None without NegMAS): every deal
    enumerated, the red lines and reservations checked, NegMAS linear-additive utilities and
    `pareto_frontier` over the deals that are left. Seconds and frontier size."""
    try:
        from negmas import LinearAdditiveUtilityFunction, make_issue
        from negmas.preferences.ops import pareto_frontier
    except ImportError:
        return None
    import zopa

    scenario = zopa.loads(text)
    start = time.perf_counter()
    keys = list(scenario.model.issues)
    issues = [make_issue(list(scenario.model.issues[k].options), name=k) for k in keys]
    ufuns = []
    for actor in scenario.actors.values():
        total = sum(p.weight for p in actor.preferences.values())
        values = {k: dict(actor.preferences[k].values) for k in keys}
        weights = {k: actor.preferences[k].weight / total for k in keys}
        ufuns.append(LinearAdditiveUtilityFunction(values=values, weights=weights, issues=issues))
    reservations = [a.reservation for a in scenario.actors.values()]
    outcomes = [
        o
        for o in itertools.product(*(issue.all for issue in issues))
        if all(o[a] in listed or o[b] != other for a, listed, b, other in clauses)
        and all(float(u(o)) >= r - 1e-9 for u, r in zip(ufuns, reservations, strict=True))
    ]
    front, _ = pareto_frontier(ufuns, outcomes)
    seconds = time.perf_counter() - start
    nash = max(
        (math.prod(u - r for u, r in zip(point, reservations, strict=True)) for point in front),
        default=None,
    )
    return {"seconds": seconds, "points": len(set(front)), "nash_product": nash}


def run_case(parties: int, issues: int, options: int, red_lines: int) -> dict[str, Any]:
    import zopa

    text, clauses = coupled_case(parties, issues, options, red_lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "coupled.yaml"
        path.write_text(text, encoding="utf-8")
        figures = {"case": f"{parties}x{issues}x{options} R={red_lines}", "deals": options**issues}
        figures.update(zopa_process(path))
    if figures["nash"] is not None:
        scenario = zopa.loads(text)
        figures["nash_product"] = math.prod(
            figures["nash"][a] - actor.reservation for a, actor in scenario.actors.items()
        )
    if options**issues <= NEGMAS_MAX_DEALS:
        figures["negmas"] = negmas_frontier(text, clauses)
    return figures


def main() -> None:
    if len(sys.argv) == 5:
        print(json.dumps(run_case(*map(int, sys.argv[1:])), indent=2))
        return
    rows = [run_case(*case) for case in CASES]
    start, end = markers("coupled")
    lines = [
        start,
        "## Coupled red lines: the constraint-graph dynamic program",
        "",
        f"`benchmarks/bench_coupled.py`, {cpu_name()}, 2 cores, shared with other work. Whole",
        "`zopa analyze --json` processes; peak memory is the process's max RSS.",
        "",
        "| case | deals | zopa s | peak MB | points | complete | method | Nash product |"
        " NegMAS s (points, best Nash product) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        neg = r.get("negmas")
        if neg is not None:
            neg_text = f"{neg['seconds']:.1f} ({neg['points']}, {neg['nash_product']:.9g})"
        else:
            neg_text = "not installed" if "negmas" in r else "too large"
        product = r.get("nash_product")
        lines.append(
            f"| {r['case']} | {r['deals']:.0e} | {r['seconds']:.2f} | {r['peak_mb']:.0f} "
            f"| {r['points']} | {'yes' if r['complete'] else 'no'} | {r['method']} "
            f"| {'-' if product is None else f'{product:.9g}'} | {neg_text} |"
        )
    lines.append(end)
    write_section("coupled", "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
