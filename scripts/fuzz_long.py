"""The long local fuzz run of zopa's front door (not part of CI).

    .venv/bin/python scripts/fuzz_long.py --inputs 100000 --workers 2

Every input is a scenario text (a shipped scenario or one drawn by `zopa.testing.strategies`)
damaged by one to four mutations (`zopa.testing._fuzz`), loaded in-process with
`zopa.loads`; every `--cli-every`th input also goes through `zopa validate` (and, when it is
a valid scenario, `zopa analyze --json`) with typer's runner. An input passes when it ends in
a scenario or a `ScenarioError` whose problems say where (exit 0 or 2 on the command line);
anything else (another exception, exit 3, a traceback, more than `--slow` seconds, a file the
input tried to create) is a failure, saved under `--failures` for replay.

The run is reproducible: the same `--seed`, `--inputs` and `--workers` try the same inputs.
It prints a summary and writes it as JSON to `--report` (the slowest input, loading plus
command line, beside it as `<report>-slowest.yaml`); the exit code is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass(slots=True)
class Tally:
    """What one worker saw."""

    inputs: int = 0
    cli_inputs: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)
    slowest: float = 0.0
    slowest_text: str = ""
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.cli_inputs += other.cli_inputs
        self.kinds.update(other.kinds)
        self.failures.extend(other.failures)
        if other.slowest > self.slowest:
            self.slowest, self.slowest_text = other.slowest, other.slowest_text


def generated_corpus(count: int, seed: int) -> list[str]:
    """`count` scenario texts from `zst.scenario_texts()`, the same ones for the same seed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed

    from zopa.testing import strategies as zst

    texts: list[str] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(zst.scenario_texts())
    def collect(text: str) -> None:
        texts.append(text)

    collect()
    return texts


class _Hang(BaseException):
    """Raised by the alarm; not an `Exception`, so the CLI's own handler cannot report it as
    an internal error (exit 3) and hide that the input hung."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def _run_worker(job: tuple[int, int, list[str], dict[str, Any]]) -> Tally:
    index, count, corpus, options = job
    from zopa.cli.app import app
    from zopa.testing import _fuzz

    rng = random.Random(options["seed"] * 1000 + index)
    tally = Tally()
    folder = Path(tempfile.mkdtemp(prefix=f"zopa-fuzz-{index}-"))
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    for number in range(count):
        seed_text = rng.choice(corpus)
        text = seed_text if rng.random() < 0.02 else _fuzz.mutate(seed_text, rng, corpus)
        use_cli = options["cli_every"] and number % options["cli_every"] == 0
        signal.alarm(options["hang"])
        cli_seconds = 0.0
        try:
            verdict = _fuzz.check_loads(text, slow=options["slow"])
            if use_cli and verdict.failure is None:
                tally.cli_inputs += 1
                cli = _fuzz.check_cli(text, folder, app, analyze=verdict.kind == "scenario")
                cli_seconds = cli.seconds
                verdict = cli if cli.failure is not None else verdict
        except _Hang:
            verdict = _fuzz.Verdict("failure", options["hang"], f"no answer in {options['hang']} s")
        finally:
            signal.alarm(0)
        tally.inputs += 1
        tally.kinds[verdict.kind] += 1
        seconds = verdict.seconds + (cli_seconds if use_cli else 0.0)
        if seconds > tally.slowest:
            tally.slowest, tally.slowest_text = seconds, text
        if verdict.failure is not None:
            tally.failures.append(
                {"worker": index, "input": number, "failure": verdict.failure, "text": text}
            )
        if options["progress"] and tally.inputs % 5000 == 0:
            print(f"worker {index}: {tally.inputs}/{count}", file=sys.stderr, flush=True)
    tally.seconds = time.perf_counter() - start
    return tally


def _save_failures(failures: list[dict[str, Any]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, failure in enumerate(failures):
        name = f"failure-{failure['worker']}-{failure['input']}"
        (folder / f"{name}.yaml").write_text(
            failure["text"], encoding="utf-8", errors="surrogatepass"
        )
        (folder / f"{name}.txt").write_text(failure["failure"] + "\n", encoding="utf-8")
        if n >= 200:
            break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs to try in all")
    parser.add_argument("--seed", type=int, default=1, help="seed of the whole run")
    parser.add_argument("--workers", type=int, default=1, help="processes (each a share)")
    parser.add_argument(
        "--generated", type=int, default=200, help="generated scenarios in the corpus"
    )
    parser.add_argument(
        "--cli-every", type=int, default=100, help="every Nth input also via the CLI (0: never)"
    )
    parser.add_argument(
        "--slow", type=float, default=10.0, help="seconds after which an answer counts as a hang"
    )
    parser.add_argument("--report", type=Path, default=Path("fuzz-report.json"))
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scenarios").rglob("*.yaml"))]
    corpus += generated_corpus(args.generated, args.seed)
    options = {
        "seed": args.seed,
        "cli_every": args.cli_every,
        "slow": args.slow,
        "hang": int(max(args.slow * 3, 30)),
        "progress": not args.quiet,
    }
    shares = [
        args.inputs // args.workers + (i < args.inputs % args.workers) for i in range(args.workers)
    ]
    jobs = [(i, share, corpus, options) for i, share in enumerate(shares)]
    total = Tally()
    if args.workers == 1:
        total.add(_run_worker(jobs[0]))
    else:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            for tally in pool.imap_unordered(_run_worker, jobs):
                total.add(tally)
    elapsed = time.perf_counter() - started
    summary = {
        "inputs": total.inputs,
        "cli_inputs": total.cli_inputs,
        "outcomes": dict(sorted(total.kinds.items())),
        "failures": len(total.failures),
        "slowest_seconds": round(total.slowest, 3),
        "elapsed_seconds": round(elapsed, 1),
        "seed": args.seed,
        "workers": args.workers,
        "corpus": len(corpus),
    }
    if total.slowest_text:
        slowest = args.report.with_name(args.report.stem + "-slowest.yaml")
        slowest.write_text(total.slowest_text, encoding="utf-8", errors="surrogatepass")
        summary["slowest_input"] = str(slowest)
    args.report.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if total.failures:
        _save_failures(total.failures, args.failures)
        for failure in total.failures[:10]:
            print(f"FAILURE: {failure['failure']}", file=sys.stderr)
    print(json.dumps(summary, sort_keys=True))
    return 1 if total.failures else 0


if __name__ == "__main__":
    sys.exit(main())
