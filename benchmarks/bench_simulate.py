"""`zopa simulate` throughput: samples per second of scenarios/ukraine-uncertain.yaml
(uncertain reservations and credibilities) serially, on a process pool of 2 and through a
dask LocalCluster of 2 worker processes, against the wall time of one `zopa analyze` of the
same file (the issue's target: 10,000 samples within 10x of it).

Run: .venv/bin/python benchmarks/bench_simulate.py   (writes benchmarks/simulate.md)
"""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import best_of, cpu_name

import zopa
from zopa.analysis.simulate import DEFAULT_NASH_SAMPLES, simulate

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "ukraine-uncertain.yaml"
N = 10_000


def cli_seconds(*args: str) -> float:
    zopa_cli = Path(sys.executable).with_name("zopa")

    def run() -> None:
        subprocess.run([str(zopa_cli), *args], check=True, capture_output=True)

    return best_of(3, run)


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    scenario = zopa.load(SCENARIO)
    analyze = cli_seconds("analyze", str(SCENARIO))
    rows = []
    for nash in (DEFAULT_NASH_SAMPLES, 1):
        serial = timed(lambda nash=nash: simulate(scenario, n=N, nash_samples=nash))
        with ProcessPoolExecutor(max_workers=2) as pool:
            pooled = timed(
                lambda nash=nash, pool=pool: simulate(
                    scenario, n=N, nash_samples=nash, executor=pool
                )
            )
        from distributed import Client, LocalCluster

        with (
            LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
            Client(cluster) as client,
        ):
            client.submit(sum, [1]).result()  # workers up before the clock starts
            on_dask = timed(
                lambda nash=nash, client=client: simulate(
                    scenario, n=N, nash_samples=nash, executor=client.get_executor()
                )
            )
        rows.append((nash, serial, pooled, on_dask))
    cli = cli_seconds("simulate", str(SCENARIO), "--workers", "2", "--json")
    lines = [
        "# zopa simulate",
        "",
        f"{N:,} samples of `scenarios/ukraine-uncertain.yaml` (3 uncertain reservations, 6",
        f"credibilities), seed 0. Machine: {cpu_name()}, 2 cores, shared with other work while",
        "measured (figures are single runs; expect ±30%).",
        "",
        f"One `zopa analyze` of the file (CLI, fresh process, best of 3): {analyze:.2f} s;",
        f"the target is 10,000 samples within 10x of it, {10 * analyze:.1f} s.",
        "",
        "| Nash solved on about | 1 worker | process pool, 2 | dask LocalCluster, 2 |",
        "|---|---|---|---|",
    ]
    for nash, serial, pooled, on_dask in rows:
        cells = [
            f"{t:.1f} s ({N / t:,.0f}/s, {t / analyze:.0f}x analyze)"
            for t in (serial, pooled, on_dask)
        ]
        lines.append(f"| {nash} samples | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"`zopa simulate FILE --workers 2 --json` end to end (CLI, best of 3): {cli:.1f} s",
        f"({cli / analyze:.0f}x analyze).",
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "benchmarks" / "simulate.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
