"""The corpus of broken scenarios (tests/cli/broken/): each one through the command line.

Every case must exit 2, print `file:line:col: path: message` (or `file: message` where no
position exists) on stderr, name what to do, print no traceback, and execute nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"
VALID = HERE / "valid" / "talks.yaml"
PWNED = Path("/tmp/zopa-corpus-pwned")

# (file, first line of stderr starts with, further fragments of stderr)
CASES: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "01_bad_yaml.yaml",
        "01_bad_yaml.yaml:3:47: invalid YAML: while parsing a flow sequence",
        ("expected ',' or ']'",),
    ),
    (
        "02_unknown_key.yaml",
        "02_unknown_key.yaml:8:9: actors.russia.preferences.territory: unknown key 'weigth' "
        "(did you mean 'weight'?); allowed keys: weight, curve, values",
        (),
    ),
    (
        "03_typo_issue_in_expression.yaml",
        "03_typo_issue_in_expression.yaml:11:18: actors.russia.red_lines[1].require: "
        "unknown issue 'teritory' (did you mean 'territory'?)",
        (),
    ),
    (
        "04_option_not_in_choice.yaml",
        "04_option_not_in_choice.yaml:9:26: actors.russia.red_lines[0].require: ",
        ("nuetral", "did you mean 'neutral'"),
    ),
    (
        "05_unsorted_curve.yaml",
        "05_unsorted_curve.yaml:7:37: actors.russia.preferences.territory.curve: curve points "
        "must be sorted by strictly increasing x, but x=0.2 follows x=0.27",
        (),
    ),
    (
        "06_duplicate_red_line_id.yaml",
        "06_duplicate_red_line_id.yaml:10:13: actors.russia.red_lines[1].id: duplicate red "
        "line id 'no-nato' (also item 0); ids must be unique",
        (),
    ),
    (
        "07_quote_not_in_document.yaml",
        "07_quote_not_in_document.yaml:13:18: actors.russia.red_lines[0].source.quote: this "
        "quote does not occur in source 'seed'",
        ("…not interested in a",),
    ),
    (
        "08_nonlinear_expression.yaml",
        "08_nonlinear_expression.yaml:9:",
        ("actors.russia.red_lines[0].require: ", "linear"),
    ),
    (
        "09_python_tag.yaml",
        "09_python_tag.yaml:2:8: title: the tag '!!python/object/apply:os.system' is not supported",
        (),
    ),
    (
        "10_import_in_expression.yaml",
        "10_import_in_expression.yaml:9:",
        ("actors.russia.red_lines[0].require: ", "not allowed"),
    ),
    (
        "11_alias_bomb.yaml",
        "11_alias_bomb.yaml:2:8: b[0]: aliases are not supported (*a)",
        (),
    ),
    ("12_empty.yaml", "12_empty.yaml: the file is empty; a scenario starts with 'zopa: 1'", ()),
    ("13_binary.yaml", "13_binary.yaml: the file is not UTF-8 text", ()),
    (
        "14_format_version_2.yaml",
        "14_format_version_2.yaml:1:7: zopa: this is zopa format 1; write 'zopa: 1' (got 2)",
        (),
    ),
    (
        "15_missing_issues.yaml",
        "15_missing_issues.yaml:1:1: missing key 'issues'; a scenario needs zopa, issues, actors",
        (),
    ),
    (
        "16_weight_not_positive.yaml",
        "16_weight_not_positive.yaml:7:27: actors.russia.preferences.territory.weight: must be "
        "greater than 0 (got 0)",
        (),
    ),
    (
        "17_reservation_above_one.yaml",
        "17_reservation_above_one.yaml:6:18: actors.russia.reservation: must be at most 1 "
        "(got 1.5)",
        (),
    ),
    (
        "18_status_quo_out_of_range.yaml",
        "18_status_quo_out_of_range.yaml:7:17: issues.territory.status_quo: status_quo 0.3 is "
        "outside [0, 0.27]",
        (),
    ),
    (
        "19_order_on_unordered_choice.yaml",
        "19_order_on_unordered_choice.yaml:9:",
        ("actors.russia.red_lines[0].require: ", "ordered"),
    ),
    (
        "20_number_compared_with_option.yaml",
        "20_number_compared_with_option.yaml:9:",
        ("actors.russia.red_lines[0].require: ", "'territory' is a number"),
    ),
    (
        "21_duplicate_key.yaml",
        "21_duplicate_key.yaml:6:3: actors.russia: duplicate key 'russia' (first at line 5)",
        (),
    ),
    (
        "22_unknown_issue_type.yaml",
        "22_unknown_issue_type.yaml:4:11: issues.territory.type: 'nubmer' is not an issue type; "
        "use one of number, integer, choice, boolean, sequence (did you mean 'number'?)",
        (),
    ),
    (
        "23_preference_on_unknown_issue.yaml",
        "23_preference_on_unknown_issue.yaml:7:7: actors.russia.preferences: no issue "
        "'teritory' (did you mean 'territory'?)",
        (),
    ),
    (
        "24_undeclared_source.yaml",
        "24_undeclared_source.yaml:10:23: actors.russia.red_lines[0].source.doc: no source "
        "'seed'; declare it under 'sources:' first",
        (),
    ),
    (
        "25_min_above_max.yaml",
        "25_min_above_max.yaml:3:41: issues.troops.max: max (0) is below min (10); swap them",
        (),
    ),
    (
        "26_two_documents.yaml",
        "26_two_documents.yaml:4:1: the file holds more than one YAML document",
        (),
    ),
    (
        "27_unknown_step.yaml",
        "27_unknown_step.yaml:8:24: actors.russia.red_lines[0].require: ",
        ("us_outrech", "did you mean 'us_outreach'"),
    ),
    (
        "28_tab_indentation.yaml",
        "28_tab_indentation.yaml:3:1: invalid YAML: ",
        ("a tab; YAML indents with spaces only",),
    ),
    (
        "29_not_a_mapping.yaml",
        "29_not_a_mapping.yaml:1:1: a scenario is a mapping of keys",
        (),
    ),
    (
        "30_block_expression_option_typo.yaml",
        "30_block_expression_option_typo.yaml:11:34: actors.russia.red_lines[0].require: ",
        ("nuetral", "did you mean 'neutral'"),
    ),
]

# (arguments after `zopa`, stderr starts with, further fragments); run from tests/cli/
OPTION_CASES: list[tuple[list[str], str, tuple[str, ...]]] = [
    (["validate", "broken"], "broken: is a directory, not a scenario file", ()),
    (["validate", "broken/nope.yaml"], "broken/nope.yaml: no such file", ()),
    (
        ["analyze", "valid/talks.yaml", "--set", "actors.rusia.reservation=0.3"],
        "valid/talks.yaml: --set actors.rusia.reservation=0.3: no actor 'rusia' (did you mean "
        "'russia'?)",
        (),
    ),
    (
        ["analyze", "valid/talks.yaml", "--set", "issues.territory.mx=1"],
        "valid/talks.yaml: issues.territory: unknown key 'mx' for a number issue (did you "
        "mean 'max'?); allowed keys: type, min, max, unit, status_quo, description",
        ("(set by --set issues.territory.mx=1)",),
    ),
    (
        ["analyze", "valid/talks.yaml", "--set", "actors.russia.reservation=high"],
        "valid/talks.yaml: actors.russia.reservation: expected a number, got the string 'high' "
        "(set by --set actors.russia.reservation=high)",
        (),
    ),
    (
        ["analyze", "valid/talks.yaml", "--set", "actors.russia.reservation=[0.3"],
        "valid/talks.yaml: --set actors.russia.reservation=[0.3: VALUE is not valid YAML",
        (),
    ),
    (
        ["analyze", "valid/talks.yaml", "--set", "actors.russia.red_lines.0.require=nato >= 1"],
        "valid/talks.yaml: actors.russia.red_lines[0].require: ",
        ("(set by --set actors.russia.red_lines.0.require=nato >= 1)",),
    ),
    (
        ["analyze", "valid/talks.yaml", "--drop", "rusia/lasting-deal"],
        "valid/talks.yaml: --drop rusia/lasting-deal: no actor 'rusia' (did you mean 'russia'?)",
        (),
    ),
    (
        ["analyze", "valid/talks.yaml", "--drop", "russia/lasting-dea"],
        "valid/talks.yaml: --drop russia/lasting-dea: actor 'russia' has no red line "
        "'lasting-dea' (did you mean 'lasting-deal'?)",
        (),
    ),
    (
        ["analyze", "valid/talks.yaml", "--without", "russia", "--without", "ukraine"],
        "valid/talks.yaml: --without ukraine: removing 'ukraine' would leave no actor",
        (),
    ),
    (["analyze", "valid/talks.yaml", "--max-pareto", "-1"], "Usage: zopa analyze", ()),
    (["frobnicate"], "Usage: zopa", ()),
]


@pytest.fixture(autouse=True)
def _in_cli_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    PWNED.unlink(missing_ok=True)


def _check(code: int, stdout: str, stderr: str, first: str, fragments: tuple[str, ...]) -> None:
    assert code == 2, (stdout, stderr)
    assert stderr.splitlines()[0].startswith(first), stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    assert "Traceback" not in stdout + stderr
    assert not stdout.startswith("ok")
    assert not PWNED.exists()


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(c[0] for c in CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize(("name", "first", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_broken_file(name: str, first: str, fragments: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, ["validate", f"broken/{name}"])
    _check(result.exit_code, result.stdout, result.stderr, f"broken/{first}", fragments)


@pytest.mark.parametrize(("args", "first", "fragments"), OPTION_CASES, ids=str)
def test_broken_invocation(args: list[str], first: str, fragments: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, args)
    _check(result.exit_code, result.stdout, result.stderr, first, fragments)


def test_validate_reports_every_file_and_fails_if_any_failed() -> None:
    result = CliRunner().invoke(
        app, ["validate", "valid/talks.yaml", "broken/14_format_version_2.yaml"]
    )
    assert result.exit_code == 2
    assert result.stdout == "ok valid/talks.yaml\n"
    assert result.stderr.startswith("broken/14_format_version_2.yaml:1:7: zopa: ")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "zopa", *args],
        capture_output=True,
        text=True,
        cwd=HERE,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "name",
    ["03_typo_issue_in_expression.yaml", "09_python_tag.yaml", "11_alias_bomb.yaml"],
)
def test_real_subprocess(name: str) -> None:
    first, fragments = next((c[1], c[2]) for c in CASES if c[0] == name)
    done = _run("validate", f"broken/{name}")
    _check(done.returncode, done.stdout, done.stderr, f"broken/{first}", fragments)


def test_real_subprocess_import_in_expression_runs_nothing() -> None:
    done = _run("validate", "broken/10_import_in_expression.yaml", "broken/13_binary.yaml")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 2
    assert "Traceback" not in done.stderr
    assert not PWNED.exists()
