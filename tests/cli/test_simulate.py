"""`zopa simulate` through the command line: the JSON contract, the same bytes on one or two
workers, the uncertainty note of the other commands, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zopa
from zopa.cli.app import app

REPO = Path(__file__).resolve().parents[2]
UNCERTAIN = REPO / "scenarios" / "ukraine-uncertain.yaml"
SEED = REPO / "scenarios" / "ukraine.yaml"

SMALL = """zopa: 1
issues:
  x: {type: number, min: 0, max: 1}
actors:
  p:
    red_lines: [{id: low, require: x <= 0.3, credibility: 0.6}]
    preferences: {x: {weight: 1, curve: [[0, 1], [1, 0]]}}
    reservation: {uniform: [0.1, 0.9]}
  q:
    red_lines: [{id: high, require: x >= 0.5, credibility: 0.5}]
    preferences: {x: {weight: 1, curve: [[0, 0], [1, 1]]}}
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_json_has_every_key_of_the_contract(runner: CliRunner, small: Path) -> None:
    result = runner.invoke(app, ["simulate", str(small), "-n", "300", "--seed", "7", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["samples"] == 300 and data["seed"] == 7
    assert data["method"] == "monte-carlo"
    assert data["zopa"]["low"] <= data["zopa"]["p"] <= data["zopa"]["high"]
    assert set(data["red_lines"]) == {"p/low", "q/high"}
    assert set(data["red_lines"]["p/low"]) == {"kept", "in_cheapest_relaxation"}
    nash = data["solutions"]["nash"]
    assert set(nash["issues"]["x"]) == {"mean", "p5", "p50", "p95"}
    assert set(nash["utilities"]) == {"p", "q"}
    effects = [abs(s["effect"]) for s in data["sensitivity"]]
    assert effects == sorted(effects, reverse=True)
    assert {s["input"] for s in data["sensitivity"]} == set(data["uncertain"])


def test_one_and_two_workers_print_the_same_bytes(runner: CliRunner, small: Path) -> None:
    args = ["simulate", str(small), "-n", "1200", "--json", "--nash-samples", "20"]
    one = runner.invoke(app, args)
    two = runner.invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_credibility_only_is_exact(runner: CliRunner, small: Path) -> None:
    small.write_text(SMALL.replace("{uniform: [0.1, 0.9]}", "0"), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["simulate", str(small), "--json"]).stdout)
    assert data["method"] == "exact"
    assert data["zopa"] == {"p": 0.7, "low": 0.7, "high": 0.7}


def test_text_output_leads_with_the_probability(runner: CliRunner, small: Path) -> None:
    result = runner.invoke(app, ["simulate", str(small), "-n", "200"])
    assert result.exit_code == 0
    assert result.stdout.startswith("P(ZOPA) = ")
    assert "95% interval" in result.stdout and "p/low" in result.stdout


def test_other_commands_say_they_fixed_the_uncertainty(runner: CliRunner) -> None:
    analysed = runner.invoke(app, ["analyze", str(UNCERTAIN)])
    words = " ".join(analysed.stdout.split())  # the note may wrap at 80 columns
    assert "3 distributions at their medians, 6 credible red lines kept" in words
    checked = runner.invoke(app, ["check", str(UNCERTAIN)])
    assert "credible red lines kept" in checked.stdout
    plain = runner.invoke(app, ["analyze", str(SEED)])
    assert "medians" not in plain.stdout
    assert "uncertain" not in json.loads(
        runner.invoke(app, ["analyze", str(SEED), "--json"]).stdout
    )


def test_bad_distribution_is_exit_2_with_its_position(runner: CliRunner, small: Path) -> None:
    small.write_text(SMALL.replace("[0.1, 0.9]", "[0.9, 0.1]"), encoding="utf-8")
    result = runner.invoke(app, ["simulate", str(small)])
    assert result.exit_code == 2
    assert f"{small}:8:28: actors.p.reservation.uniform: lo 0.9 is above hi 0.1" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("option", [["-n", "0"], ["--seed", "-1"], ["--workers", "0"]])
def test_bad_options_are_exit_2(runner: CliRunner, small: Path, option: list[str]) -> None:
    assert runner.invoke(app, ["simulate", str(small), *option]).exit_code == 2


def test_scheduler_without_dask_says_how_to_install_it(
    runner: CliRunner, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = runner.invoke(app, ["simulate", str(small), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "pip install 'zopa[dask]'" in result.stderr


def test_sweep_and_set_reach_parameters(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        SMALL.replace("zopa: 1\n", "zopa: 1\nparameters: {cap: 0.3}\n").replace(
            "x <= 0.3", "x <= cap"
        ),
        encoding="utf-8",
    )
    swept = runner.invoke(app, ["sweep", str(path), "--vary", "parameters.cap=0.2:0.6:3", "--json"])
    assert swept.exit_code == 0, swept.output
    assert [row["exists"] for row in json.loads(swept.stdout)["rows"]] == [False, False, True]
    moved = runner.invoke(app, ["analyze", str(path), "--set", "parameters.cap=0.7", "--json"])
    assert json.loads(moved.stdout)["zopa"]["exists"] is True


def test_check_sweep_and_compare_json_list_what_they_fixed(runner: CliRunner) -> None:
    paths = list(zopa.load(UNCERTAIN).uncertainty.paths)
    checked = json.loads(runner.invoke(app, ["check", str(UNCERTAIN), "--json"]).stdout)
    assert checked["files"][0]["uncertain"] == paths
    swept = runner.invoke(
        app, ["sweep", str(UNCERTAIN), "--vary", "actors.us.reservation=0.2:0.3:2", "--json"]
    )
    assert json.loads(swept.stdout)["uncertain"] == [p for p in paths if "us.reservation" not in p]
    compared = runner.invoke(
        app, ["compare", str(UNCERTAIN), "--drop", "ukraine/nato-path", "--json"]
    )
    assert json.loads(compared.stdout)["uncertain"] == paths
    plain = json.loads(runner.invoke(app, ["check", str(SEED), "--json"]).stdout)
    assert "uncertain" not in plain["files"][0]
