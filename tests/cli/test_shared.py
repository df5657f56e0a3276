"""The console: colour only on a terminal, never with --no-color or NO_COLOR; 80 columns
when piped."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from zopa.cli import shared
from zopa.cli.app import app


@pytest.fixture(autouse=True)
def colour_back_on() -> Iterator[None]:
    yield
    shared.set_color(True)


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty, raising=False)


def test_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    on_a_terminal(monkeypatch, True)
    assert shared.color_allowed()
    assert shared.console().color_system is not None


def test_no_colour_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    on_a_terminal(monkeypatch, False)
    console = shared.console()
    assert console.color_system is None and console.width == shared.PIPED_WIDTH == 80


def test_no_color_env_and_option(monkeypatch: pytest.MonkeyPatch) -> None:
    on_a_terminal(monkeypatch, True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not shared.color_allowed() and shared.console().color_system is None
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert shared.color_allowed()
    shared.set_color(False)
    assert not shared.color_allowed() and shared.console().no_color


def test_the_no_color_option_reaches_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(shared, "set_color", seen.append)
    result = CliRunner().invoke(app, ["--no-color", "validate", "scenarios/car-sale.yaml"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["validate", "scenarios/car-sale.yaml"])
    assert seen == [False, True]
