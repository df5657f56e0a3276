"""`sweep`, `check`, `compare` and `import genius` through the command line: output
formats, exit codes, and `--set` agreeing with an edited file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zopa.cli.app import app

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"
CAR = SCENARIOS / "car-sale.yaml"
SEED = SCENARIOS / "ukraine.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_sweep_json_rows_in_grid_order(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["sweep", str(CAR), "--vary", "actors.buyer.reservation=0:1:5", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [row["set"] for row in data["rows"]] == [
        {"actors.buyer.reservation": v} for v in (0.0, 0.25, 0.5, 0.75, 1.0)
    ]
    assert [row["exists"] for row in data["rows"]] == [True, True, True, False, False]
    assert data["rows"][-1]["nash"] is None
    assert data["tipping_points"][0]["between"] == [0.5, 0.75]


def test_sweep_csv_has_a_header_and_a_line_per_row(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["sweep", str(CAR), "--vary", "actors.buyer.reservation=0:1:3", "--csv"]
    )
    assert result.exit_code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0][:3] == ["actors.buyer.reservation", "exists", "nash.price"]
    assert [line[1] for line in table[1:]] == ["true", "true", "false"]
    assert table[-1][2:] == [""] * (len(table[0]) - 2)


def test_sweep_json_equals_fresh_analyze_json(runner: CliRunner) -> None:
    sweep = runner.invoke(
        app, ["sweep", str(CAR), "--vary", "actors.dealer.reservation=0.2:0.4:2", "--json"]
    )
    rows = json.loads(sweep.stdout)["rows"]
    for row in rows:
        ((path, value),) = row["set"].items()
        fresh = runner.invoke(app, ["analyze", str(CAR), "--json", "--set", f"{path}={value}"])
        assert json.loads(fresh.stdout)["solutions"]["nash"] == row["nash"]


def test_sweep_refine_prints_the_tipping_value(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["sweep", str(CAR), "--vary", "actors.buyer.reservation=0:1:3", "--refine"]
    )
    assert result.exit_code == 0, result.stderr
    assert "the ZOPA closes at actors.buyer.reservation = 0.50067" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--vary", "actors.bu.reservation=0:1:3"],
            "--vary actors.bu.reservation=0:1:3: no actor 'bu'",
        ),
        (["--vary", "actors.buyer.reservation=0:1"], "write --vary PATH=START:STOP:STEPS"),
        (
            ["--vary", "actors.buyer.reservation=0:1:3", "--json", "--csv"],
            "choose one of --json and --csv",
        ),
        (["--vary", "actors.buyer.reservation=0:1:3", "--drop", "buyer/nope"], "buyer/nope"),
    ],
)
def test_sweep_bad_input_exits_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sweep", str(CAR), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_set_equals_editing_the_file(runner: CliRunner, tmp_path: Path) -> None:
    edited = tmp_path / "car-sale.yaml"
    text = CAR.read_text(encoding="utf-8")
    assert "reservation: 0.28" in text
    edited.write_text(text.replace("reservation: 0.28", "reservation: 0.4"), encoding="utf-8")
    by_option = runner.invoke(
        app, ["analyze", str(CAR), "--json", "--set", "actors.buyer.reservation=0.4"]
    )
    by_edit = runner.invoke(app, ["analyze", str(edited), "--json"])
    assert by_option.exit_code == by_edit.exit_code == 0
    assert by_option.stdout == by_edit.stdout


def test_dropping_the_cheapest_relaxation_opens_a_zopa(runner: CliRunner) -> None:
    first = json.loads(runner.invoke(app, ["analyze", str(SEED), "--json"]).stdout)
    assert first["zopa"]["exists"] is False
    cheapest = first["diagnosis"]["relaxations"][0]["drop"]
    drops = [arg for ref in cheapest for arg in ("--drop", ref)]
    second = json.loads(runner.invoke(app, ["analyze", str(SEED), "--json", *drops]).stdout)
    assert second["zopa"]["exists"] is True


def test_check_passes_the_shipped_scenarios(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(SCENARIOS)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert result.stdout.count("PASS") >= 5


def test_check_exits_1_on_a_failed_expectation(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "seed.yaml"
    shutil.copy(SEED, path)
    shutil.copytree(REPO / "seeds", tmp_path.parent / "seeds", dirs_exist_ok=True)
    path.write_text(
        path.read_text(encoding="utf-8").replace("- zopa: none", "- zopa: exists"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["passed"] is False
    first = data["files"][0]["expectations"][0]
    assert (first["expectation"], first["passed"], first["detail"]) == (
        "zopa: exists",
        False,
        "there is no ZOPA",
    )


def test_check_exits_2_on_a_broken_file(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("zopa: 1\nissues: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(CAR), str(broken)])
    assert result.exit_code == 2
    assert str(broken) in result.stderr
    assert "PASS" in result.stdout  # the good file is still checked


def test_compare_a_file_with_its_variant(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", str(SEED), "--drop", "ukraine/nato-path", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["after"] == f"{SEED} --drop ukraine/nato-path"
    assert data["differences"][0] == {"path": "zopa.exists", "before": False, "after": True}
    assert data["conflicts"]["removed"] == [["russia/no-nato", "ukraine/nato-path"]]


def test_compare_two_identical_files_finds_nothing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", str(CAR), str(CAR)])
    assert result.exit_code == 0
    assert "No difference" in result.stdout


def test_import_genius_prints_a_loadable_scenario(runner: CliRunner, tmp_path: Path) -> None:
    data = REPO / "data" / "genius" / "Laptop"
    out = tmp_path / "laptop.yaml"
    result = runner.invoke(
        app,
        [
            "import",
            "genius",
            str(data / "laptop_domain.xml"),
            str(data / "laptop_buyer_utility.xml"),
            str(data / "laptop_seller_utility.xml"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    validated = runner.invoke(app, ["validate", str(out)])
    assert validated.exit_code == 0, validated.stderr


def test_import_genius_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["import", "genius", str(tmp_path / "nope.xml"), str(tmp_path / "p.xml")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_the_cli_pareto_work_limit_defaults_to_the_library_one() -> None:
    """The CLI spells the default out (importing the engine at start-up would slow --help)."""
    import inspect

    from zopa.analysis.pareto import DEFAULT_MAX_SOLVES
    from zopa.cli.analyze import analyze

    default = inspect.signature(analyze).parameters["max_pareto_solves"].default
    assert default == DEFAULT_MAX_SOLVES


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        (
            "actors.buyer.reservation=0:2:3",
            "actors.buyer.reservation: must be at most 1 (got 2) "
            "(set by --vary actors.buyer.reservation=0:2:3)",
        ),
        (
            "issues.delivery_days.max=10:20:4",
            "--vary issues.delivery_days.max=10:20:4: issues.delivery_days.max takes whole "
            "numbers, but this grid steps by 3.33333",
        ),
    ],
)
def test_vary_problems_name_the_option(runner: CliRunner, vary: str, message: str) -> None:
    result = runner.invoke(app, ["sweep", str(CAR), "--vary", vary])
    assert result.exit_code == 2
    assert message in result.stderr


def test_csv_sweep_puts_tipping_points_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["sweep", str(CAR), "--vary", "actors.buyer.reservation=0:1:3", "--csv", "--refine"]
    )
    assert result.exit_code == 0
    assert "the ZOPA closes at actors.buyer.reservation = 0.50067" in result.stderr
    assert "ZOPA closes" not in result.stdout


def test_a_zero_time_limit_is_bad_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", str(CAR), "--time-limit", "0"])
    assert result.exit_code == 2
    assert "--time-limit must be a positive number of seconds" in result.stderr


def test_check_of_a_folder_without_scenarios_is_bad_input(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "no scenario files" in result.stderr


def test_check_ends_with_a_count(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(CAR)])
    assert result.stdout.splitlines()[-1] == "3 expectations in 1 files: 3 passed, 0 failed"


def test_compare_with_nothing_to_compare_is_bad_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", str(CAR)])
    assert result.exit_code == 2
    assert "give a second file" in result.stderr


def test_a_change_that_breaks_a_neighbour_is_named(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", str(CAR), "--set", "issues.price.max=20000"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{CAR}:")
    assert "status_quo 22900 is outside [15000, 20000] (with --set issues.price.max=20000)" in (
        result.stderr
    )


def test_sweep_warm_flag_agrees_with_cold_within_the_nash_tolerance(runner: CliRunner) -> None:
    args = ["sweep", str(CAR), "--vary", "actors.buyer.reservation=0.1:0.3:5", "--json"]
    cold = json.loads(runner.invoke(app, [*args, "--cold"]).stdout)["rows"]
    assert cold == json.loads(runner.invoke(app, args).stdout)["rows"]  # real numbers: cold
    warm = json.loads(runner.invoke(app, [*args, "--warm"]).stdout)["rows"]
    for w, c in zip(warm, cold, strict=True):
        assert w["exists"] == c["exists"]
        assert w["nash"]["deal"]["warranty"] == c["nash"]["deal"]["warranty"]
        for actor, utility in c["nash"]["utilities"].items():
            assert w["nash"]["utilities"][actor] == pytest.approx(utility, abs=1e-4)


def test_a_grid_too_large_is_refused_before_it_is_built(runner: CliRunner) -> None:
    big = "actors.buyer.reservation=0:1:1000000"
    result = runner.invoke(
        app, ["sweep", str(CAR), "--vary", big, "--vary", big.replace("buyer", "dealer")]
    )
    assert result.exit_code == 2
    assert "the grid has 1,000,000,000,000 points" in result.stderr
    assert "use fewer STEPS" in result.stderr


def test_warm_on_a_rebuilt_grid_says_it_does_not_apply(runner: CliRunner) -> None:
    args = ["sweep", str(CAR), "--vary", "issues.price.min=15000:20000:2", "--json"]
    warm = runner.invoke(app, [*args, "--warm"])
    assert warm.exit_code == 0
    assert "--warm applies to sweeps of reservations only" in warm.stderr
    assert warm.stdout == runner.invoke(app, args).stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--drop", "buyer/reservation"], "the drop removes the reservation the sweep varies"),
        (["--set", "actors.buyer.reservation=0.3"], "is both --set and --vary"),
    ],
)
def test_varying_what_the_variant_fixes_is_refused(
    runner: CliRunner, extra: list[str], message: str
) -> None:
    """`analyze` applies --set before --drop, a sweep its grid after both: the two would
    answer differently, so the combination is a usage error (found by a fresh-clone trial)."""
    vary = ["--vary", "actors.buyer.reservation=0:0.5:3", *extra]
    sweep = ["sweep", str(CAR), *vary]
    plot = ["plot", str(CAR), "--kind", "sweep", "-o", "never-written.svg", *vary]
    for command in (sweep, plot):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.stdout
        assert message in result.stderr
