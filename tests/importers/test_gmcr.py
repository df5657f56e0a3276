"""`zopa import gmcr`: real GMCR+ save files (tests/importers/data/gmcr/SOURCE.md) and
hand-made ones, what becomes of each part, and clear errors for broken files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import zopa
from zopa.cli.app import app
from zopa.importers.gmcr import gmcr_data, gmcr_to_yaml

DATA = Path(__file__).parent / "data" / "gmcr"


def test_prisoners_dilemma_from_gmcr_plus() -> None:
    text = gmcr_to_yaml(DATA / "Prisoners.gmcr")
    scenario = zopa.loads(text)
    assert list(scenario.model.issues) == ["cooperate_with_2", "cooperate_with_one"]
    assert scenario.model.issues["cooperate_with_2"].controlled_by == "prisoner_one"  # type: ignore[union-attr]
    (first, second) = scenario.terms_of("prisoner_one")
    assert (first.when_text, first.weight) == ("cooperate_with_one", 2.0)
    assert (second.when_text, second.weight) == ("not cooperate_with_2", 1.0)
    result = zopa.stability(scenario)
    # States: (prisoner one cooperates, prisoner two cooperates) = FF, FT, TF, TT.
    assert result.equilibria["nash"] == (1,)
    assert result.equilibria["gmr"] == (1, 4)
    assert result.equilibria["seq"] == (1, 4)


def test_elmira_directions_infeasibles_and_compound_statements() -> None:
    data = gmcr_data(DATA / "Elmira.gmcr")
    issues = data["issues"]
    assert list(issues) == ["modify", "delay", "accept", "abandon", "insist"]
    assert issues["modify"] == {
        "type": "boolean",
        "controlled_by": "moe",
        "direction": "to_true",
        "description": "Modify",
    }
    assert issues["delay"]["direction"] == "to_false"
    assert "direction" not in issues["accept"]
    assert [r["require"] for r in data["rules"]] == [
        "not (delay and accept)",
        "not (delay and abandon)",
        "not (accept and abandon)",
        "not (not delay and not accept and not abandon)",
    ]
    moe = data["actors"]["moe"]["terms"]
    assert [t["weight"] for t in moe] == [8, 4, 2, 1]
    assert moe[3]["when"] == "(not modify and insist) or (modify and not insist)"
    local = data["actors"]["local_government"]["terms"]
    assert [t["weight"] for t in local] == [32, 16, 8, 4, 2, 1]
    assert "Not imported: the manual preference rankings" in data["description"]
    scenario = zopa.loads(gmcr_to_yaml(DATA / "Elmira.gmcr"))
    result = zopa.stability(scenario)
    assert len(result.states) == 12  # exactly one of delay, accept, abandon: 2 x 3 x 2
    nash = set(result.equilibria["nash"])
    assert nash <= set(result.equilibria["seq"]) <= set(result.equilibria["gmr"])


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "bad.gmcr"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD: dict[str, Any] = {
    "options": [{"name": "Go", "permittedDirection": "both"}],
    "decisionMakers": [{"name": "A", "options": [0], "preferences": [[[0, "Y"]]]}],
    "infeasibles": [],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("{not json", "not a GMCR+ save file: it is not JSON"),
        ({"options": []}, "not a GMCR+ save file: no 'decisionMakers' key"),
        (
            {
                **GOOD,
                "decisionMakers": [{"name": "A", "options": [0], "preferences": [[[3, "Y"]]]}],
            },
            "decisionMakers.0.preferences.0.0: no option 3 (the file has 1 options)",
        ),
        (
            {**GOOD, "decisionMakers": [{"name": "A", "options": [], "preferences": []}]},
            "options.0: no decision maker controls this option",
        ),
        (
            {**GOOD, "options": [{"name": "Go", "permittedDirection": "sideways"}]},
            "options.0.permittedDirection: 'sideways' is not one of both, fwd, back",
        ),
        (
            {**GOOD, "infeasibles": [[[0, "Maybe"]]]},
            'infeasibles.0.0: expected [OPTION, "Y" or "N"], got [0, \'Maybe\']',
        ),
    ],
)
def test_broken_files_exit_2_with_a_clear_message(
    tmp_path: Path, change: Any, message: str
) -> None:
    path = _write(tmp_path, change)
    result = CliRunner().invoke(app, ["import", "gmcr", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.startswith(str(path))
    assert "Traceback" not in result.stderr


def test_cli_writes_the_yaml_that_stability_reads(tmp_path: Path) -> None:
    out = tmp_path / "pd.yaml"
    result = CliRunner().invoke(
        app, ["import", "gmcr", str(DATA / "Prisoners.gmcr"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == gmcr_to_yaml(DATA / "Prisoners.gmcr")
    shown = CliRunner().invoke(app, ["stability", str(out), "--json"])
    assert json.loads(shown.stdout)["equilibria"]["nash"] == [1]
