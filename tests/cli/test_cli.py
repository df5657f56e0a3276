"""The command line as a shell: what each command prints where, and its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import zopa
from zopa.cli.app import app
from zopa.errors import Problem, ScenarioError, SolverError
from zopa.format.schema import json_schema

HERE = Path(__file__).resolve().parent
VALID = HERE / "valid" / "talks.yaml"
REPO = HERE.parents[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_ok_files(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(VALID), str(VALID)])
    assert result.exit_code == 0
    assert result.stdout == f"ok {VALID}\nok {VALID}\n"
    assert result.stderr == ""


def test_validate_prints_every_problem_of_a_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(
        "zopa: 1\nissues:\n  t: {type: number, min: 1, max: 0}\nactors:\n  a: {reservation: 2}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:3:34: issues.t.max: max (0) is below min (1); swap them",
        f"{path}:5:20: actors.a.reservation: must be at most 1 (got 2)",
    ]


def test_validate_needs_a_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_schema_is_sorted_indented_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"zopa {zopa.__version__}\n"


# --- analyze, with the engine and the renderers replaced by fakes -------------------------


class _Recorder:
    def __init__(self, outcome: Any = "RESULT") -> None:
        self.outcome = outcome
        self.calls: list[tuple[Any, dict[str, Any]]] = []

    def __call__(self, scenario: Any, **options: Any) -> Any:
        self.calls.append((scenario, options))
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


@pytest.fixture
def fake_reports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace zopa.report.json/text with fakes; returns the log of what was rendered."""
    log: list[str] = []
    json_module = types.ModuleType("zopa.report.json")
    # Like the real dumps, the fake ends its text with a newline; the CLI adds none.
    json_module.dumps = lambda result: f'{{"fake": "{result}"}}\n'  # type: ignore[attr-defined]
    text_module = types.ModuleType("zopa.report.text")

    def render(result: Any, scenario: Any, console: Any) -> None:
        log.append(f"render {result} {scenario.title}")
        console.print("rendered")

    text_module.render = render  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zopa.report.json", json_module)
    monkeypatch.setitem(sys.modules, "zopa.report.text", text_module)
    return log


def test_analyze_json_calls_the_library_with_the_options(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fake_reports: list[str]
) -> None:
    engine = _Recorder()
    monkeypatch.setattr(zopa, "analyze", engine)
    result = runner.invoke(
        app,
        [
            "analyze",
            str(VALID),
            "--json",
            "--set",
            "actors.russia.reservation=0.25",
            "--drop",
            "russia/us-moves-first",
            "--without",
            "ukraine",
            "--max-pareto",
            "7",
            "--max-conflicts",
            "3",
            "--time-limit",
            "2.5",
            "--max-pareto-solves",
            "9",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"fake": "RESULT"}\n'
    ((scenario, options),) = engine.calls
    assert options == {
        "max_pareto": 7,
        "max_conflicts": 3,
        "time_limit": 2.5,
        "max_pareto_solves": 9,
    }
    assert scenario.model.actors["russia"].reservation == 0.25
    assert list(scenario.model.actors) == ["russia"]
    assert [c.ref for c in scenario.constraints] == ["russia/lasting-deal"]


def test_analyze_text_renders_to_stdout(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fake_reports: list[str]
) -> None:
    monkeypatch.setattr(zopa, "analyze", _Recorder())
    result = runner.invoke(app, ["analyze", str(VALID)])
    assert result.exit_code == 0
    assert fake_reports == ["render RESULT Corpus base scenario"]
    assert "rendered" in result.stdout


def test_analyze_defaults(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fake_reports: list[str]
) -> None:
    engine = _Recorder()
    monkeypatch.setattr(zopa, "analyze", engine)
    assert runner.invoke(app, ["analyze", str(VALID), "--json"]).exit_code == 0
    assert engine.calls[0][1] == {
        "max_pareto": 1000,
        "max_conflicts": 20,
        "time_limit": None,
        "max_pareto_solves": 500,
    }


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        (
            SolverError("HiGHS returned status 7"),
            "zopa: solver failure: HiGHS returned status 7",
        ),
        (
            ZeroDivisionError("division by zero"),
            "zopa: internal error: ZeroDivisionError: division by zero (please report this "
            "with the scenario file)",
        ),
        (
            RuntimeError("two\nlines"),
            "zopa: internal error: RuntimeError: two lines (please report this with the "
            "scenario file)",
        ),
    ],
)
def test_analyze_failures_exit_3_with_one_line(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    fake_reports: list[str],
    failure: Exception,
    line: str,
) -> None:
    monkeypatch.setattr(zopa, "analyze", _Recorder(failure))
    result = runner.invoke(app, ["analyze", str(VALID), "--json"])
    assert result.exit_code == 3
    assert result.stderr == line + "\n"
    assert result.stdout == ""


def test_scenario_error_from_the_engine_exits_2(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fake_reports: list[str]
) -> None:
    problem = Problem("talks.yaml", "expect[0]", 3, 4, "bad")
    monkeypatch.setattr(zopa, "analyze", _Recorder(ScenarioError([problem])))
    result = runner.invoke(app, ["analyze", str(VALID)])
    assert result.exit_code == 2
    assert result.stderr == "talks.yaml:3:4: expect[0]: bad\n"


def test_internal_error_while_loading_exits_3(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zopa.scenario.load as load

    def broken(*args: Any, **kwargs: Any) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(load, "load_file", broken)
    for args in (["validate", str(VALID)], ["analyze", str(VALID)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 3
        assert result.stderr.startswith("zopa: internal error: KeyError: 'boom'")
        assert "Traceback" not in result.stderr


# --- real processes -----------------------------------------------------------------------


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "zopa", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60)


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from zopa.cli.app import app\n"
        "heavy = [m for m in ('pydantic', 'numpy', 'highspy', 'scipy', 'yaml', 'matplotlib') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = _run(code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_python_m_zopa_help() -> None:
    done = _run("--help")
    assert done.returncode == 0
    for command in ("validate", "analyze", "schema"):
        assert command in done.stdout


def test_python_m_zopa_validate_seed_scenarios() -> None:
    files = sorted(str(p.relative_to(REPO)) for p in (REPO / "scenarios").glob("*.yaml"))
    done = _run("validate", *files)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"ok {f}" for f in files]


def test_real_analyze_json_of_the_seed_scenario() -> None:
    pytest.importorskip("zopa.report.json")
    done = _run("analyze", "scenarios/ukraine.yaml", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format"] == 1
    assert set(data) >= {"zopa", "solutions", "pareto", "diagnosis"}
