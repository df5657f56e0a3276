"""The diagnosis section of the terminal report (`zopa.report.diagnosis`): what a reader sees
for each kind of answer, checked line by line on a plain, fixed-width console."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

import zopa
from zopa.analysis.diagnosis import diagnose
from zopa.analysis.result import Diagnosis, Relaxation, Result
from zopa.format.zone import Zone
from zopa.model.compile import compile_scenario
from zopa.model.session import SolveStatus
from zopa.report.diagnosis import render_diagnosis
from zopa.scenario.scenario import Scenario

SEED = (
    "Moscow demands that Kyiv abandon its NATO membership ambitions [sic].\n"
    "Kyiv insists that Ukraine's NATO membership is achievable.\n"
)

NATO = """
zopa: 1
sources:
  seed: seed.txt
issues:
  nato: {type: choice, options: [member, deferred, neutral]}
  territory: {type: number, min: 0, max: 0.27}
actors:
  russia:
    red_lines:
      - id: no-nato
        require: nato != "member"
        source: {doc: seed, quote: "abandon its NATO membership ambitions [sic]"}
      - id: no-territorial-concessions
        require: territory >= 0.2
        firmness: 0.9
  ukraine:
    red_lines:
      - id: nato-path
        require: nato == "member"
        firmness: 0.6
        source: {doc: seed, quote: "Ukraine's NATO membership is achievable"}
      - id: at-most-the-line
        require: territory <= 0.15
        firmness: 0.6
"""


def _scenario(tmp_path: Path, text: str) -> Scenario:
    (tmp_path / "seed.txt").write_text(SEED, encoding="utf-8")
    return zopa.loads(text, name="talks.yaml", base_dir=str(tmp_path))


def _render(
    scenario: Scenario, diagnosis: Diagnosis | None = None, *, width: int = 160, **options: int
) -> str:
    compiled = compile_scenario(scenario)
    zone = Zone(exists=compiled.session().solve().status is SolveStatus.OPTIMAL)
    if diagnosis is None:
        diagnosis = diagnose(compiled, zone, **options)
    result = Result(title=scenario.title, zopa=zone, solutions={}, diagnosis=diagnosis)
    console = Console(
        file=io.StringIO(), record=True, width=width, color_system=None, force_terminal=False
    )
    render_diagnosis(result, scenario, console)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_conflicts_show_expression_position_and_quote(tmp_path: Path) -> None:
    out = _render(_scenario(tmp_path, NATO)).splitlines()
    assert out == [
        "No deal satisfies every red line and reservation. These cannot hold together:",
        '  1. russia/no-nato                     nato != "member"',
        '       talks.yaml:11:9: "abandon its NATO membership ambitions [sic]"',
        '     ukraine/nato-path                  nato == "member"',
        '       talks.yaml:19:9: "Ukraine\'s NATO membership is achievable"',
        "  2. russia/no-territorial-concessions  territory >= 0.2",
        "       talks.yaml:14:9",
        "     ukraine/at-most-the-line           territory <= 0.15",
        "       talks.yaml:23:9",
        "Cheapest way out: drop ukraine/nato-path and ukraine/at-most-the-line "
        "(firmness 0.6 + 0.6 = 1.2).",
        "  or drop ukraine/nato-path and move ukraine/at-most-the-line: "
        "territory <= 0.15 → territory <= 0.2 instead",
        "Other ways out:",
        "  drop russia/no-territorial-concessions and ukraine/nato-path (firmness 0.9 + 0.6 = 1.5)",
        "    or drop ukraine/nato-path and move russia/no-territorial-concessions: "
        "territory >= 0.2 → territory >= 0.15 instead",
        "  drop russia/no-nato and ukraine/at-most-the-line (firmness 1 + 0.6 = 1.6)",
        "    or drop russia/no-nato and move ukraine/at-most-the-line: "
        "territory <= 0.15 → territory <= 0.2 instead",
        "  drop russia/no-nato and russia/no-territorial-concessions (firmness 1 + 0.9 = 1.9)",
        "    or drop russia/no-nato and move russia/no-territorial-concessions: "
        "territory >= 0.2 → territory >= 0.15 instead",
    ]


def test_a_long_quote_wraps_under_itself_in_a_narrow_terminal(tmp_path: Path) -> None:
    out = _render(_scenario(tmp_path, NATO), width=60).splitlines()
    assert out[2:5] == [
        '  1. russia/no-nato                     nato != "member"',
        '       talks.yaml:11:9: "abandon its NATO membership',
        '       ambitions [sic]"',
    ]


def test_a_single_way_out_with_a_reservation(tmp_path: Path) -> None:
    text = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 100}
actors:
  seller:
    preferences: {price: {weight: 1, curve: [[0, 0], [100, 1]]}}
    reservation: 0.8
  buyer:
    red_lines:
      - {id: budget, require: price <= 50, firmness: 2}
"""
    out = _render(_scenario(tmp_path, text)).splitlines()
    assert out[1:5] == [
        "  1. seller/reservation  utility >= 0.8",
        "       talks.yaml:8:18",
        "     buyer/budget        price <= 50",
        "       talks.yaml:11:9",
    ]
    assert out[5:] == [
        "Cheapest way out: drop seller/reservation (firmness 1).",
        "  or move seller/reservation: 0.8 → 0.5 instead",
        "Other ways out:",
        "  drop buyer/budget (firmness 2)",
        "    or move buyer/budget: price <= 50 → price <= 80 instead",
    ]


def test_a_truncated_diagnosis_says_how_to_see_more(tmp_path: Path) -> None:
    out = _render(_scenario(tmp_path, NATO), max_conflicts=1)
    assert out.splitlines()[-1] == (
        "More conflicts or ways out exist than are listed here; raise --max-conflicts to see them."
    )
    assert "2." not in out


def test_rules_that_admit_no_deal_are_listed_instead_of_red_lines(tmp_path: Path) -> None:
    text = """
zopa: 1
issues:
  x: {type: integer, min: 0, max: 1}
rules:
  - {id: impossible, require: x >= 2}
actors:
  a:
    red_lines:
      - {id: one, require: x == 1}
"""
    out = _render(_scenario(tmp_path, text)).splitlines()
    assert out[0].startswith("No deal satisfies the rules alone")
    assert out[-1] == "  rules/impossible  x >= 2  talks.yaml:6:5"
    assert "a/one" not in "\n".join(out)


def test_binding_red_lines_when_a_zopa_exists(tmp_path: Path) -> None:
    text = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 100}
actors:
  seller:
    red_lines:
      - {id: floor, require: price >= 40, when: price <= 99}
  buyer:
    red_lines:
      - {id: cap, require: price <= 90}
      - {id: ceiling, require: price <= 95}
"""
    out = _render(_scenario(tmp_path, text)).splitlines()
    assert out == [
        "These shape the zone (dropping any one of them would enlarge it):",
        "  seller/floor  when price <= 99: price >= 40",
        "    talks.yaml:8:9",
        "  buyer/cap     price <= 90",
        "    talks.yaml:11:9",
    ]


def test_nothing_binding(tmp_path: Path) -> None:
    text = """
zopa: 1
issues:
  x: {type: boolean}
actors:
  a: {name: A}
"""
    out = _render(_scenario(tmp_path, text))
    assert out == (
        "No red line or reservation shapes the zone: dropping any one of them alone would "
        "not enlarge it."
    )


def test_no_zopa_without_conflicts_listed(tmp_path: Path) -> None:
    """A limit of 0 lists nothing: the reader still learns there is no deal and more exist."""
    diagnosis = Diagnosis(relaxations=(Relaxation(("ukraine/nato-path",), 0.6),), truncated=True)
    out = _render(_scenario(tmp_path, NATO), diagnosis).splitlines()
    assert out[0] == "No deal satisfies every red line and reservation."
    assert out[1] == "Cheapest way out: drop ukraine/nato-path (firmness 0.6)."
