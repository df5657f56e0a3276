"""`zopa plot`: every kind into PNG and SVG, usage errors exit 2 with one line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

CAR = "scenarios/car-sale.yaml"


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("pareto", ["--actors", "buyer,dealer"]),
        ("zone", []),
        ("sweep", ["--vary", "actors.buyer.reservation=0:1:3"]),
        ("simulate", ["-n", "200"]),
        ("negotiate", []),
    ],
)
def test_every_kind_draws(tmp_path: Path, kind: str, extra: list[str]) -> None:
    file = {
        "simulate": "scenarios/ukraine-uncertain.yaml",
        "negotiate": "scenarios/ukraine-deferred.yaml",
    }.get(kind, CAR)
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        out = tmp_path / f"{kind}{suffix}"
        result = CliRunner().invoke(app, ["plot", file, "--kind", kind, *extra, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "sweep"], "--kind sweep needs --vary"),
        (["--kind", "zone", "--vary", "a=0:1:2"], "--vary goes with --kind sweep"),
        (["--kind", "zone", "--actors", "a,b"], "--actors goes with --kind pareto"),
        (["--kind", "pareto", "--actors", "buyer,nobody"], "two different actors"),
        (["--kind", "sweep", "--vary", "actors.nobody.reservation=0:1:2"], "no actor 'nobody'"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["plot", CAR, *args, "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_pdf_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plot", CAR, "--kind", "zone", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "must end in .png or .svg" in result.stderr


def test_without_matplotlib_the_message_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = CliRunner().invoke(app, ["plot", CAR, "--kind", "zone", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "pip install 'zopa[plot]'" in result.stderr
    assert not (tmp_path / "x.png").exists()
