"""`expect:` blocks: the assertions a scenario makes about its own analysis (`zopa check`).

Each entry holds one key:
- `zopa: exists` / `zopa: none` — whether a ZOPA exists;
- `require: EXPR` — an expression over solutions' deals (`nash.territory <= 0.2`,
  `utilitarian.nato == "neutral"`); it fails, saying so, when a solution it names is absent
  because there is no ZOPA;
- `conflict: [a/x, b/y]` — this set (in any order) is one of the minimal conflicts;
- `binding: a/x` — this red line is binding (removing it enlarges the ZOPA).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zopa.analysis.result import Result
from zopa.expr.check import check_expression
from zopa.expr.evaluate import evaluate
from zopa.expr.tree import And, BoolIs, ChoiceIn, Compare, Formula, IssueRef, Not, Or, StepRef
from zopa.format.numbers import plain as _plain
from zopa.format.schema import Expectation
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.values import Value
from zopa.scenario.scenario import Scenario


@dataclass(frozen=True, slots=True)
class ExpectationOutcome:
    """One expectation checked: `text` is how it reads in the file, `detail` what was
    found (why it failed, or what made it pass); `line`/`column` locate the entry."""

    index: int
    text: str
    passed: bool
    detail: str
    line: int | None
    column: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "expectation": self.text,
            "passed": self.passed,
            "detail": self.detail,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every expectation of one file, in file order."""

    file: str
    outcomes: tuple[ExpectationOutcome, ...]
    uncertain: tuple[str, ...] = ()
    """The analysis's fixed uncertain values (`Result.uncertain`); in the JSON only if any."""

    @property
    def passed(self) -> bool:
        return all(o.passed for o in self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        extra = {"uncertain": list(self.uncertain)} if self.uncertain else {}
        return extra | {
            "file": self.file,
            "passed": self.passed,
            "expectations": [o.to_dict() for o in self.outcomes],
        }


def check_expectations(scenario: Scenario, result: Result) -> CheckReport:
    """Each `expect:` entry of `scenario` judged against `result` (its analysis)."""
    outcomes = []
    for index, entry in enumerate(scenario.model.expect):
        line, column = scenario.positions.get(f"expect.{index}", (None, None))
        text, passed, detail = _judge(scenario, result, entry)
        outcomes.append(ExpectationOutcome(index, text, passed, detail, line, column))
    return CheckReport(scenario.name, tuple(outcomes), result.uncertain)


def _judge(scenario: Scenario, result: Result, entry: Expectation) -> tuple[str, bool, str]:
    if entry.zopa is not None:
        wanted = entry.zopa == "exists"
        found = "a ZOPA exists" if result.zopa.exists else "there is no ZOPA"
        return f"zopa: {entry.zopa}", result.zopa.exists == wanted, found
    if entry.require is not None:
        return (f"require: {entry.require}", *_judge_require(scenario, result, entry.require))
    if entry.conflict is not None:
        wanted_set = set(entry.conflict)
        found_sets = [set(c) for c in result.diagnosis.conflicts]
        listing = "; ".join(", ".join(c) for c in result.diagnosis.conflicts) or "none"
        text = f"conflict: [{', '.join(entry.conflict)}]"
        return text, wanted_set in found_sets, f"conflicts found: {listing}"
    if entry.binding is not None:
        listing = ", ".join(result.diagnosis.binding) or "none"
        return (
            f"binding: {entry.binding}",
            entry.binding in result.diagnosis.binding,
            f"binding red lines: {listing}",
        )
    return "(empty)", False, "an expectation needs one of zopa, require, conflict, binding"


def _judge_require(scenario: Scenario, result: Result, text: str) -> tuple[bool, str]:
    formula = check_expression(text, scenario.model.issues, scopes=SOLUTION_NAMES)
    refs = list(dict.fromkeys(_refs(formula)))
    missing = sorted({scope for scope, _ in refs if result.solutions.get(scope) is None})
    if missing:
        return False, f"no {' or '.join(missing)} deal: there is no ZOPA"
    deals = {name: sol.deal for name, sol in result.solutions.items() if sol is not None}
    holds = evaluate(formula, {}, scope_deals=deals)
    values = ", ".join(
        f"{scope}.{name} = {_show(_lookup(deals[scope], name))}" for scope, name in refs
    )
    return holds, values


def _refs(formula: Formula) -> Iterator[tuple[str, str]]:
    """(scope, name) of every solution value the formula reads, in reading order."""
    if isinstance(formula, Compare):
        for ref, _ in formula.expr.terms:
            if isinstance(ref, IssueRef) and ref.scope is not None:
                yield ref.scope, ref.issue
            elif isinstance(ref, StepRef) and ref.scope is not None:
                yield ref.scope, f"{ref.issue}.{ref.step}"
    elif isinstance(formula, ChoiceIn | BoolIs) and formula.scope is not None:
        yield formula.scope, formula.issue
    elif isinstance(formula, Not):
        yield from _refs(formula.arg)
    elif isinstance(formula, And | Or):
        for arg in formula.args:
            yield from _refs(arg)


def _lookup(deal: Any, name: str) -> Value:
    issue, _, step = name.partition(".")
    value: Value = deal[issue]
    if step and isinstance(value, tuple):
        return value.index(step) + 1
    return value


def _show(value: Value) -> str:
    plain = _plain(value)
    if isinstance(plain, bool):
        return "true" if plain else "false"
    if isinstance(plain, str):
        return f'"{plain}"'
    return str(plain)
