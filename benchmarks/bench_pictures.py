"""Benchmark: drawing pictures and the HTML report of the shipped scenarios.

    .venv/bin/python benchmarks/bench_pictures.py             # measure, print, update README.md
    .venv/bin/python benchmarks/bench_pictures.py --no-write  # print only

For each scenario: the analysis alone, then drawing each picture from that analysis (the
frontier with its cloud of deals, the zone) and writing it as SVG and PNG, and the whole
HTML report (which analyses again, and for a scenario without a ZOPA also analyses the
cheapest way out). Best of `--repeat` runs. The table replaces this script's section of
`benchmarks/README.md`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import best_of, cpu_name, markers, write_section

import zopa
from zopa.plot.cloud import deal_cloud
from zopa.plot.figure import figure_bytes
from zopa.plot.pareto import chosen_actors, pareto_figure
from zopa.plot.zone import zone_figure
from zopa.report.html import build_report

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = (
    "scenarios/ukraine.yaml",
    "scenarios/car-sale.yaml",
    "scenarios/coalition.yaml",
    "scenarios/genius/camera.yaml",
    "scenarios/genius/politics.yaml",
)


def _row(path: str, repeat: int) -> tuple[str, ...]:
    scenario = zopa.load(path)
    result = zopa.analyze(scenario)
    pair = chosen_actors(scenario, None)
    cloud = deal_cloud(scenario, pair)
    times = [
        best_of(repeat, lambda: zopa.analyze(scenario)),
        best_of(repeat, lambda: figure_bytes(pareto_figure(result, scenario, pair), "svg")),
        best_of(repeat, lambda: figure_bytes(pareto_figure(result, scenario, pair), "png")),
        best_of(repeat, lambda: figure_bytes(zone_figure(result, scenario), "svg")),
        best_of(repeat, lambda: build_report(scenario, zopa.analyze(scenario))),
    ]
    dots = "—" if cloud is None else str(len(cloud.x))
    return (path, dots, *(f"{t:.2f}" for t in times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)
    rows = [_row(path, args.repeat) for path in SCENARIOS]
    start, end = markers("pictures")
    lines = [
        start,
        "## Pictures and the HTML report (`bench_pictures.py`)",
        "",
        f"Seconds, best of {args.repeat}, on 2 cores ({cpu_name()}) shared with other work.",
        "",
        "| scenario | cloud dots | analyze | pareto SVG | pareto PNG | zone SVG | report |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows),
        "",
        end,
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        write_section("pictures", text)


if __name__ == "__main__":
    main()
