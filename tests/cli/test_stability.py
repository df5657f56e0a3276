"""`zopa stability` through the CLI: text and JSON output, exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zopa.cli.app import app

DILEMMA = """zopa: 1
title: Prisoner's Dilemma
issues:
  a_defects: {type: boolean, controlled_by: a, status_quo: false}
  b_defects: {type: boolean, controlled_by: b, status_quo: false}
actors:
  a:
    preferences:
      a_defects: {weight: 1, values: {true: 1}}
      b_defects: {weight: 2, values: {false: 1}}
  b:
    preferences:
      b_defects: {weight: 1, values: {true: 1}}
      a_defects: {weight: 2, values: {false: 1}}
"""


def _file(tmp_path: Path, text: str = DILEMMA) -> str:
    path = tmp_path / "pd.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_lists_states_equilibria_and_the_status_quo(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stability", _file(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["equilibria"] == {"nash": [4], "gmr": [1, 4], "smr": [1, 4], "seq": [1, 4]}
    assert data["states"][1] == {
        "state": 2,
        "deal": {"a_defects": False, "b_defects": True},
        "utilities": {"a": 0.0, "b": 1.0},
        "broken": {"a": [], "b": []},
        "stable": {"nash": ["b"], "gmr": ["b"], "smr": ["b"], "seq": ["b"]},
    }
    assert data["status_quo"] == {
        "state": 1,
        "reaches": [1, 2, 3, 4],
        "equilibria": {"nash": [4], "gmr": [1, 4], "smr": [1, 4], "seq": [1, 4]},
    }
    again = CliRunner().invoke(app, ["stability", _file(tmp_path), "--json"])
    assert again.stdout == result.stdout
    assert result.stdout == json.dumps(data, sort_keys=True, indent=2) + "\n"


def test_text_names_each_concepts_equilibria(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stability", _file(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "  Nash: 4\n" in result.stdout
    assert "  SEQ (sequential stability): 1, 4\n" in result.stdout
    assert "Status quo: state 1; by unilateral improvements it reaches" in result.stdout


def test_an_uncontrolled_issue_is_bad_input(tmp_path: Path) -> None:
    text = DILEMMA.replace("controlled_by: b, ", "")
    result = CliRunner().invoke(app, ["stability", _file(tmp_path, text)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pd.yaml:5:14: issues.b_defects: no actor controls 'b_defects'; add " in result.stderr
    assert "Traceback" not in result.stderr


def test_without_an_actor_leaves_its_issues_uncontrolled(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stability", _file(tmp_path), "--without", "b"])
    assert result.exit_code == 2
    assert "no actor controls 'b_defects'" in result.stderr
