"""The entry point: a reader that stops early ends the run quietly with exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def closed_pipe_run(*args: str) -> tuple[int, str]:
    """Run `zopa ARGS` with its stdout a pipe whose reader has already gone."""
    process = subprocess.Popen(
        [sys.executable, "-m", "zopa", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # nobody reads: the first write meets EPIPE
    stderr = process.stderr.read().decode()
    return process.wait(timeout=60), stderr


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "scenarios/car-sale.yaml"),  # rich console output
        ("analyze", "scenarios/car-sale.yaml", "--json"),  # plain echo output
        ("schema",),
    ],
    ids=["text", "json", "schema"],
)
def test_a_closed_pipe_ends_quietly_with_exit_0(args: tuple[str, ...]) -> None:
    code, stderr = closed_pipe_run(*args)
    assert code == 0
    assert stderr == ""


def test_head_gets_the_first_line_and_the_pipeline_succeeds() -> None:
    shell = f"set -o pipefail; {sys.executable} -m zopa analyze scenarios/ukraine.yaml | head -1"
    done = subprocess.run(
        ["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Russia–US–Ukraine talks, winter 2024/25\n"
    assert done.stderr == ""
