"""What-if sweep speed: compile once and move only the numbers, against one analysis.

Run: .venv/bin/python benchmarks/bench_whatif.py   (writes benchmarks/whatif.md)

Figures are best-of-N wall-clock times in this process (warm imports), plus the wall time
of the CLI commands as a user runs them (cold process each).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import zopa
from zopa.analysis.whatif import parse_vary, sweep

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "ukraine.yaml"
CAR = ROOT / "scenarios" / "car-sale.yaml"


def cli_seconds(*args: str) -> float:
    zopa_cli = Path(sys.executable).with_name("zopa")
    start = time.perf_counter()
    subprocess.run([str(zopa_cli), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    seed = zopa.load(SEED)
    opened = seed.with_changes(drop=["ukraine/nato-path"])
    car = zopa.load(CAR)
    rows: list[tuple[str, float, str]] = []

    one = best_of(5, lambda: zopa.analyze(seed))
    rows.append(("one analysis: seed (no ZOPA)", one, ""))
    res = parse_vary("actors.russia.reservation=0:1:1000", file=seed.name)
    t = best_of(3, lambda: sweep(seed, [res]))
    rows.append(
        ("1,000-point sweep of russia's reservation: seed", t, f"{t / one:.1f}x one analysis")
    )

    one_open = best_of(5, lambda: zopa.analyze(opened))
    rows.append(("one analysis: seed --drop ukraine/nato-path (a ZOPA)", one_open, ""))
    t = best_of(1, lambda: sweep(opened, [res]))
    rows.append(
        (
            "1,000-point sweep of russia's reservation: seed --drop ukraine/nato-path",
            t,
            f"{t / one_open:.1f}x one analysis; {t / 1000 * 1e3:.1f} ms a point "
            "(zone + Nash where a ZOPA exists)",
        )
    )
    bound = parse_vary("issues.territory.max=0.2:0.27:100", file=opened.name)
    t = best_of(1, lambda: sweep(opened, [bound]))
    rows.append(
        (
            "100-point sweep of issues.territory.max (rebuild each point): "
            "seed --drop ukraine/nato-path",
            t,
            f"{t / 100 * 1e3:.1f} ms a point",
        )
    )
    one_car = best_of(5, lambda: zopa.analyze(car))
    rows.append(("one analysis: car-sale", one_car, ""))
    buyer = parse_vary("actors.buyer.reservation=0:1:1000", file=car.name)
    t = best_of(1, lambda: sweep(car, [buyer]))
    rows.append(
        (
            "1,000-point sweep of buyer's reservation: car-sale",
            t,
            f"{t / one_car:.1f}x one analysis",
        )
    )

    cli_rows: list[tuple[str, float, str]] = []
    if Path(sys.executable).with_name("zopa").exists():
        a = min(cli_seconds("analyze", str(SEED), "--json") for _ in range(3))
        s = min(
            cli_seconds(
                "sweep", str(SEED), "--vary", "actors.russia.reservation=0:1:1000", "--json"
            )
            for _ in range(3)
        )
        cli_rows = [
            ("CLI: zopa analyze seed --json", a, ""),
            (
                "CLI: zopa sweep seed --vary actors.russia.reservation=0:1:1000 --json",
                s,
                f"{s / a:.1f}x zopa analyze",
            ),
        ]

    lines = [
        "# What-if sweeps",
        "",
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. "
        "Best-of-N wall time; in-process rows have warm imports.",
        "",
        "| what | seconds | note |",
        "|---|---:|---|",
    ]
    lines += [f"| {what} | {sec:.3f} | {note} |" for what, sec, note in rows + cli_rows]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "whatif.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
