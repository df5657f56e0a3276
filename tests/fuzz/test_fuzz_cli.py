"""Fuzzing through the command line: `zopa validate` on any file exits 0, or 2 with every
problem on stderr as `file:line:col: path: message` and no traceback; `zopa analyze --json`
on a valid file exits 0 with one JSON object. Files that are not UTF-8, missing or
directories are refused the same way."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zopa.cli.app import app
from zopa.testing import _fuzz
from zopa.testing import strategies as zst

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scenarios").rglob("*.yaml"))]
N = settings.default.max_examples


@settings(max_examples=max(10, N // 2))
@given(st.sampled_from(CORPUS), st.randoms(use_true_random=False))
def test_validate_on_mutated_files(
    tmp_path_factory: pytest.TempPathFactory, seed: str, rng: random.Random
) -> None:
    verdict = _fuzz.check_cli(_fuzz.mutate(seed, rng, CORPUS), tmp_path_factory.mktemp("cli"), app)
    assert verdict.failure is None, verdict.failure


@settings(max_examples=max(10, N // 4))
@given(zst.scenario_texts(max_issues=3, max_actors=3))
def test_analyze_json_on_valid_files(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("cli")
    verdict = _fuzz.check_cli(text, folder, app, analyze=True)
    assert verdict.failure is None, verdict.failure
    assert verdict.kind == "scenario"
    result = CliRunner().invoke(app, ["analyze", str(folder / "fuzz.yaml"), "--json"])
    assert json.loads(result.stdout)["format"] == 1


def _validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stderr


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("zopa: 1\ntitle: Übereinkunft\n".encode("latin-1"))
    code, stderr = _validate(path)
    assert code == 2
    assert stderr.startswith(f"{path}: the file is not UTF-8 text (invalid byte at offset 15)")


def test_a_lone_surrogate_written_to_a_file_is_refused(tmp_path: Path) -> None:
    verdict = _fuzz.check_cli(CORPUS[0].replace("title: ", "title: \ud800"), tmp_path, app)
    assert verdict.failure is None and verdict.kind == "error"


@pytest.mark.parametrize("make", ["missing", "directory", "empty"])
def test_files_that_are_not_scenarios(tmp_path: Path, make: str) -> None:
    path = tmp_path / "scenario.yaml"
    if make == "directory":
        path.mkdir()
    elif make == "empty":
        path.write_text("", encoding="utf-8")
    code, stderr = _validate(path)
    assert code == 2
    assert stderr.startswith(f"{path}")
