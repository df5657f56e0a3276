"""`zopa negotiate` through the command line: text and JSON, overrides, bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

HERE = Path(__file__).resolve().parent
SPLIT = HERE / "valid" / "split.yaml"
REPO = HERE.parents[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_json_has_the_agreement_rounds_and_first_movers(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["negotiate", str(SPLIT), "--discount", "a=0.5", "--discount", "b=0.5", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "equilibrium" and data["auto_horizon"] is True
    assert data["agreement"]["round"] == 1
    assert data["agreement"]["utilities"]["a"] == pytest.approx(2 / 3, abs=1e-6)
    assert [r["round"] for r in data["rounds"]] == [1]
    assert data["rounds"][0]["answers"] == {"b": "accept"}
    assert set(data["by_first_proposer"]) == {"a", "b"}
    assert data["by_first_proposer"]["b"]["agreement"]["proposer"] == "b"
    assert (
        result.stdout
        == runner.invoke(
            app, ["negotiate", str(SPLIT), "--discount", "a=0.5", "--discount", "b=0.5", "--json"]
        ).stdout
    )


def test_first_rounds_and_tactics(runner: CliRunner) -> None:
    args = ["negotiate", str(SPLIT), "--first", "b", "--rounds", "6", "--json"]
    args += ["--tactic", "a=conceder", "--tactic", "b=0.5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "tactics" and data["horizon"] == 6
    assert data["order"] == ["b", "a"]
    assert data["tactics"] == {"a": 4.0, "b": 0.5}
    assert all("aspirations" in r for r in data["rounds"])


def test_text_names_the_horizon(runner: CliRunner) -> None:
    result = runner.invoke(app, ["negotiate", str(SPLIT), "--discount", "a=0.9"])
    assert result.exit_code == 0, result.output
    assert "subgame-perfect equilibrium" in result.stdout
    assert "infinite-horizon limit" in result.stdout
    assert "Agreement in round 1, proposed by a" in result.stdout
    assert "What moving first is worth" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--discount", "a=2"], "<command line>: discount of 'a' must be in (0, 1]"),
        (["--discount", "a"], "<command line>: --discount 'a': write ACTOR=VALUE"),
        (["--discount", "zz=0.5"], "<command line>: discount: unknown actor 'zz'"),
        (["--order", "a,,b"], "<command line>: --order 'a,,b': list actor ids"),
        (["--first", "c"], "<command line>: first: unknown actor 'c'"),
        (["--tactic", "a=slow"], "<command line>: unknown tactic 'slow'"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["negotiate", str(SPLIT), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_rounds_below_one_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["negotiate", str(SPLIT), "--rounds", "0"])
    assert result.exit_code == 2
