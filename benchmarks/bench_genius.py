"""Benchmark: full `zopa.analyze` on the imported GENIUS / ANAC domains.

    .venv/bin/python benchmarks/bench_genius.py             # measure, print, update README.md
    .venv/bin/python benchmarks/bench_genius.py --repeat 5  # best of 5 instead of 3
    .venv/bin/python benchmarks/bench_genius.py --no-write  # print only

For each scenario of `scenarios/genius/` (generated from `data/genius/` by its
`regenerate.py`): the outcome count, the time to import the XML (best of the runs), and the
wall time of one full analysis (zone, bargaining solutions, Pareto frontier, diagnosis; best
of the runs, each from a freshly loaded scenario), plus the general MILP frontier search on
its own, which `analyze` does not need on these separable domains but which any red line
coupling two issues would bring in. The table replaces the section between
this script's markers in `benchmarks/README.md`; other sections are left alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zopa
from zopa.importers.genius import genius_to_yaml
from zopa.testing.oracle import deal_count

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, cpu_name, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
START, END = markers("bench_genius")


def _domains() -> tuple[Any, ...]:
    """The imported domains, from the one list in `scenarios/genius/regenerate.py`."""
    path = ROOT / "scenarios" / "genius" / "regenerate.py"
    spec = importlib.util.spec_from_file_location("genius_regenerate", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass resolves annotations through sys.modules
    spec.loader.exec_module(module)
    return tuple(module.DOMAINS)


@dataclass(frozen=True, slots=True)
class Row:
    """One domain's figures."""

    name: str
    issues: int
    parties: int
    outcomes: int
    pareto_points: int
    pareto_method: str
    import_ms: float
    analyze_s: float
    milp_frontier_s: float | None


def measure(domain: Any, repeat: int) -> Row:
    """Figures for one `regenerate.Domain`."""
    path = ROOT / "scenarios" / "genius" / domain.output
    domain_path, profile_paths = domain.paths()
    import_s = best_of(repeat, lambda: genius_to_yaml(domain_path, profile_paths))
    scenario = zopa.load(path)
    result = zopa.analyze(scenario)  # warm-up: first solver start, lazy imports
    analyze_s = best_of(repeat, lambda: zopa.analyze(zopa.load(path)))
    return Row(
        name=domain.folder,
        issues=len(scenario.model.issues),
        parties=len(scenario.actors),
        outcomes=deal_count(scenario),
        pareto_points=len(result.pareto),
        pareto_method=result.pareto_info.method or "-",
        import_ms=import_s * 1000,
        analyze_s=analyze_s,
        milp_frontier_s=_milp_frontier(scenario, repeat),
    )


def _milp_frontier(scenario: Any, repeat: int) -> float | None:
    """Best time of the general MILP frontier search alone (which `analyze` skips on these
    separable scenarios), on one compiled model; None where the engine has no such entry."""
    try:
        from zopa.analysis.pareto import search_frontier
    except ImportError:
        return None
    from zopa.model.compile import compile_scenario

    compiled = compile_scenario(scenario)
    return best_of(repeat, lambda: search_frontier(compiled))


def section(rows: list[Row], repeat: int) -> str:
    lines = [
        START,
        "## GENIUS / ANAC domains (`bench_genius.py`)",
        "",
        "Full `zopa.analyze` (zone, bargaining solutions, Pareto frontier, diagnosis) on the "
        "scenarios imported from real negotiation domains (`scenarios/genius/`), best of "
        f"{repeat} runs, each loading the scenario afresh; import = reading the XML and writing "
        "the YAML. These domains have no red lines, so `analyze` takes the exact separable "
        "Pareto path; the last column times the general MILP frontier search (epsilon "
        "constraints) on the same model, which a red line coupling two issues would bring in. "
        "Both give the brute-force frontier (`tests/importers/test_genius_oracle.py`). "
        "Regenerate with `.venv/bin/python benchmarks/bench_genius.py`.",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu_name()}, Python {platform.python_version()}; "
        "wall-clock times, best of the runs to damp noise from other work on the machine.",
        "",
        "| domain | issues | parties | outcomes | Pareto points | Pareto method "
        "| import (ms) | analyze (s) | MILP frontier search (s) |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.issues} | {r.parties} | {r.outcomes} | {r.pareto_points} "
            f"| {r.pareto_method} | {r.import_ms:.1f} | {r.analyze_s:.3f} "
            f"| {'-' if r.milp_frontier_s is None else f'{r.milp_frontier_s:.2f}'} |"
        )
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    parser.add_argument("--no-write", action="store_true", help="print, leave README.md alone")
    args = parser.parse_args(argv)
    rows = [measure(domain, max(1, args.repeat)) for domain in _domains()]
    text = section(rows, max(1, args.repeat))
    print(text, end="")
    if not args.no_write:
        write_section("bench_genius", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
