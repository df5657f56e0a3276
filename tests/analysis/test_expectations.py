"""`expect:` blocks judged against analyses: each kind passes and fails for the right
reason, with the entry's position and what was found."""

from __future__ import annotations

import zopa
from zopa.analysis.expectations import check_expectations

BASE = """\
zopa: 1
issues:
  size: {type: integer, min: 0, max: 4}
  colour: {type: choice, options: [red, blue]}
actors:
  a:
    red_lines:
      - {id: big, require: size >= 2}
    preferences:
      size: {weight: 1, curve: [[0, 0], [4, 1]]}
  b:
    red_lines:
      - {id: small, require: size <= 3}
      - {id: blue, require: colour == "blue"}
    preferences:
      size: {weight: 1, curve: [[0, 1], [4, 0]]}
expect:
"""


def _report(expect: str) -> zopa.analysis.expectations.CheckReport:
    scenario = zopa.loads(BASE + expect, name="t.yaml")
    return check_expectations(scenario, zopa.analyze(scenario))


def test_existence_expectation_passes_and_fails() -> None:
    report = _report("  - zopa: exists\n  - zopa: none\n")
    assert [o.passed for o in report.outcomes] == [True, False]
    assert report.outcomes[1].detail == "a ZOPA exists"
    assert not report.passed
    first_entry_line = BASE.count("\n") + 1
    assert (report.outcomes[1].line, report.outcomes[1].column) == (first_entry_line + 1, 5)


def test_require_reads_solution_values() -> None:
    # size 2 or 3 are in the ZOPA; gains a: size/4, b: 1 - size/4; Nash product is
    # 2/4*2/4 = 0.25 at size 2 and 3/4*1/4 at size 3, so Nash picks size 2.
    report = _report(
        '  - require: nash.size == 2 and nash.colour == "blue"\n'
        "  - require: utilitarian.size >= 4\n"
    )
    first, second = report.outcomes
    assert first.passed
    assert first.detail == 'nash.size = 2, nash.colour = "blue"'
    assert not second.passed
    assert second.text == "require: utilitarian.size >= 4"


def test_require_on_a_missing_solution_fails_saying_why() -> None:
    scenario = zopa.loads(BASE + "  - require: nash.size == 2\n", name="t.yaml")
    variant = scenario.with_changes(set={"issues.size.max": 1})
    (outcome,) = check_expectations(variant, zopa.analyze(variant)).outcomes
    assert not outcome.passed
    assert outcome.detail == "no nash deal: there is no ZOPA"


def test_conflict_and_binding_expectations() -> None:
    scenario = zopa.loads(
        BASE + "  - conflict: [b/small, a/big]\n  - binding: b/blue\n  - binding: a/big\n",
        name="t.yaml",
    )
    variant = scenario.with_changes(set={"actors.b.red_lines.0.require": "size <= 1"})
    conflict, blue, _big = check_expectations(variant, zopa.analyze(variant)).outcomes
    assert conflict.passed, conflict.detail  # order in the file does not matter
    assert not blue.passed  # no ZOPA: nothing is binding
    original = check_expectations(scenario, zopa.analyze(scenario)).outcomes
    assert not original[0].passed
    assert original[0].detail == "conflicts found: none"
    assert original[1].passed and original[2].passed
    assert original[1].detail == "binding red lines: a/big, b/small, b/blue"


def test_report_json_shape() -> None:
    data = _report("  - zopa: exists\n").to_dict()
    assert data == {
        "file": "t.yaml",
        "passed": True,
        "expectations": [
            {
                "index": 0,
                "expectation": "zopa: exists",
                "passed": True,
                "detail": "a ZOPA exists",
                "line": BASE.count("\n") + 1,
                "column": 5,
            }
        ],
    }


def test_a_reservation_may_be_expected_binding() -> None:
    text = BASE.replace(
        "    preferences:\n      size: {weight: 1, curve: [[0, 0], [4, 1]]}",
        "    preferences:\n      size: {weight: 1, curve: [[0, 0], [4, 1]]}\n    reservation: 0.6",
    )
    scenario = zopa.loads(text + "  - binding: a/reservation\n", name="t.yaml")
    (outcome,) = check_expectations(scenario, zopa.analyze(scenario)).outcomes
    assert outcome.passed, outcome.detail
