"""End-to-end `zopa analyze` (CLI, fresh process, as a user runs it) on the large synthetic
scenarios of bench_zone.py and on the shipped scenarios.

Run: .venv/bin/python benchmarks/bench_analyze.py   (writes benchmarks/analyze.md)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_zone

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> tuple[float, dict[str, object]]:
    zopa_cli = Path(sys.executable).with_name("zopa")
    start = time.perf_counter()
    done = subprocess.run(
        [str(zopa_cli), "analyze", str(path), "--json"], check=True, capture_output=True
    )
    return time.perf_counter() - start, json.loads(done.stdout)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [
            ROOT / "scenarios" / n for n in ("ukraine.yaml", "car-sale.yaml", "coalition.yaml")
        ]
        paths.append(ROOT / "scenarios" / "genius" / "politics.yaml")
        for case in bench_zone.CASES[:2]:
            path = Path(tmp) / (case.name.replace(" ", "-") + ".yaml")
            path.write_text(bench_zone.scenario_text(case), encoding="utf-8")
            paths.append(path)
        for path in paths:
            seconds, data = run(path)
            info = data["pareto_info"]
            assert isinstance(info, dict)
            rows.append(
                f"| {path.name} | {data['zopa']['exists']} | {len(data['pareto'])} "  # type: ignore[index]
                f"| {info['complete']} | {seconds:.2f} |"
            )
    lines = [
        "# End-to-end `zopa analyze --json` (fresh process each)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. One run each, wall "
        "time including interpreter start-up and imports (about 0.6 s).",
        "",
        "| scenario | ZOPA | Pareto points | frontier complete | seconds |",
        "|---|---|---:|---|---:|",
        *rows,
    ]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "analyze.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
