"""`zopa report`: the page on stdout or in a file; bad input exits 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

CAR = "scenarios/car-sale.yaml"


def test_the_page_goes_to_a_file_or_stdout(tmp_path: Path) -> None:
    out = tmp_path / "car.html"
    to_file = CliRunner().invoke(app, ["report", CAR, "-o", str(out)])
    assert to_file.exit_code == 0, to_file.output
    assert to_file.stdout == ""
    to_stdout = CliRunner().invoke(app, ["report", CAR])
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == out.read_text(encoding="utf-8")
    assert "<h1>Used car sale</h1>" in to_stdout.stdout


def test_changes_apply(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", CAR, "--set", "actors.buyer.reservation=0.9"])
    assert result.exit_code == 0
    assert "There is no zone of possible agreement" in result.stdout


def test_bad_input_exits_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    unwritable = CliRunner().invoke(app, ["report", CAR, "-o", str(tmp_path / "no" / "x.html")])
    assert unwritable.exit_code == 2 and "cannot write the file" in unwritable.stderr


def test_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = CliRunner().invoke(app, ["report", CAR])
    assert result.exit_code == 2 and "pip install 'zopa[plot]'" in result.stderr
