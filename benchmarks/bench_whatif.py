"""What-if sweep speed: a 1,000-point sweep against one analysis, for each way a sweep
answers its points (issue 12).

Run: .venv/bin/python benchmarks/bench_whatif.py   (writes benchmarks/whatif.md)

- finite deal spaces (new-recruit, the GENIUS camera and politics domains): one exact
  frontier, then every point is a scan of it (`zopa.analysis.frontier_scan`), no solver;
- real numbers, `--cold` (the default there): each point runs the zone and the Nash search
  afresh on the compiled model, exactly as `zopa analyze` would;
- real numbers, `--warm`: each point's Nash search starts next to its neighbour's
  (`zopa.analysis.sweep_warm`), about a sixth of the solver calls.

Figures are best-of-N wall-clock times: in-process rows have warm imports; CLI rows are
whole processes as a user runs them (cold start included), the issue's yardstick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import zopa
from zopa.analysis.whatif import parse_vary, sweep
from zopa.scenario.scenario import Scenario

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SEED = SCENARIOS / "ukraine.yaml"
CAR = SCENARIOS / "car-sale.yaml"
RECRUIT = SCENARIOS / "new-recruit.yaml"
CAMERA = SCENARIOS / "genius" / "camera.yaml"
POLITICS = SCENARIOS / "genius" / "politics.yaml"

Row = tuple[str, float, str]


def cli_seconds(*args: str) -> float:
    zopa_cli = Path(sys.executable).with_name("zopa")
    start = time.perf_counter()
    subprocess.run([str(zopa_cli), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def in_process(label: str, scenario: Scenario, varies: list[str], **options: object) -> Row:
    """One analysis against a sweep of `varies`, in this process."""
    one = best_of(3, lambda: zopa.analyze(scenario))
    parsed = [parse_vary(v, file=scenario.name) for v in varies]
    result = sweep(scenario, parsed, **options)  # type: ignore[arg-type]
    seconds = best_of(1, lambda: sweep(scenario, parsed, **options))  # type: ignore[arg-type]
    points = len(result.rows)
    found = sum(row.exists for row in result.rows)
    note = (
        f"{points} points ({found} with a ZOPA): {seconds / one:.1f}x one analysis "
        f"({one:.3f} s), {seconds / points * 1e3:.2f} ms a point"
    )
    return (label, seconds, note)


def on_the_cli(label: str, path: Path, vary: str, *flags: str) -> Row:
    analyze = min(cli_seconds("analyze", str(path), "--json") for _ in range(3))
    swept = min(cli_seconds("sweep", str(path), "--vary", vary, "--json", *flags) for _ in range(2))
    return (label, swept, f"{swept / analyze:.1f}x `zopa analyze --json` ({analyze:.2f} s)")


def main() -> None:
    car = zopa.load(CAR)
    seed = zopa.load(SEED)
    opened = seed.with_changes(drop=["ukraine/nato-path"])
    rows: list[Row] = [
        in_process(
            "recruit: candidate's reservation",
            zopa.load(RECRUIT),
            ["actors.candidate.reservation=0:1:1000"],
        ),
        in_process(
            "camera: seller's reservation",
            zopa.load(CAMERA),
            ["actors.seller.reservation=0:1:1000"],
        ),
        in_process(
            "politics (3 actors): two reservations, 32 x 32",
            zopa.load(POLITICS),
            [
                "actors.util1.reservation=0:0.9:32",
                "actors.util2.reservation=0:0.9:32",
            ],
        ),
        in_process(
            "seed: russia's reservation (no ZOPA)", seed, ["actors.russia.reservation=0:1:1000"]
        ),
        in_process(
            "seed --drop ukraine/nato-path: russia's reservation, --cold",
            opened,
            ["actors.russia.reservation=0:1:1000"],
            warm=False,
        ),
        in_process(
            "seed --drop ukraine/nato-path: russia's reservation, --warm",
            opened,
            ["actors.russia.reservation=0:1:1000"],
            warm=True,
        ),
        in_process(
            "car-sale: buyer's reservation, --cold",
            car,
            ["actors.buyer.reservation=0:1:1000"],
            warm=False,
        ),
        in_process(
            "car-sale: buyer's reservation, --warm",
            car,
            ["actors.buyer.reservation=0:1:1000"],
            warm=True,
        ),
        in_process(
            "car-sale: buyer's reservation, --warm --workers 2",
            car,
            ["actors.buyer.reservation=0:1:1000"],
            warm=True,
            workers=2,
        ),
    ]
    vary_car = "actors.buyer.reservation=0:1:1000"
    cli_rows: list[Row] = []
    if Path(sys.executable).with_name("zopa").exists():
        cli_rows = [
            on_the_cli(
                "CLI: recruit, 1,000 points", RECRUIT, "actors.candidate.reservation=0:1:1000"
            ),
            on_the_cli("CLI: camera, 1,000 points", CAMERA, "actors.seller.reservation=0:1:1000"),
            on_the_cli("CLI: car-sale, 1,000 points (--cold)", CAR, vary_car),
            on_the_cli("CLI: car-sale, 1,000 points, --warm", CAR, vary_car, "--warm"),
            on_the_cli(
                "CLI: car-sale, 1,000 points, --warm --workers 2",
                CAR,
                vary_car,
                "--warm",
                "--workers",
                "2",
            ),
        ]
    lines = [
        "# What-if sweeps",
        "",
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. "
        "Best-of-N wall time; in-process rows have warm imports, CLI rows are whole processes.",
        "",
        "| what | seconds | note |",
        "|---|---:|---|",
    ]
    lines += [f"| {what} | {sec:.3f} | {note} |" for what, sec, note in rows + cli_rows]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "whatif.md").write_text(text, encoding="utf-8")
    start, end = markers("whatif")
    section = text.replace("# What-if sweeps", "## What-if sweeps (`bench_whatif.py`)", 1)
    write_section("whatif", f"{start}\n{section}{end}\n")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
