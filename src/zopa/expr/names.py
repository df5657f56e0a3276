"""Resolving the names of an expression: an issue (`territory`), a sequence's step
(`moves.us_outreach`), and in `expect:` blocks a solution's scope first (`nash.territory`).
Unknown names are errors that say what is known and what was probably meant."""

from __future__ import annotations

from collections.abc import Mapping

from zopa.expr.errors import ExprError
from zopa.expr.syntax import (
    Name,
)
from zopa.expr.tree import (
    IssueRef,
    Op,
    StepRef,
)
from zopa.expr.values import BoolRefVal, ChoiceVal, Lin, Val, listing
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
    SequenceIssue,
)
from zopa.format.suggest import did_you_mean

_OPS: dict[str, Op] = {op.value: op for op in Op}
_FLIPPED: dict[str, str] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class NameResolver:
    """The name half of the checker (`zopa.expr.check`): `issues` and `scopes` are the
    checker's own."""

    issues: Mapping[str, Issue]
    scopes: tuple[str, ...]
    parameters: Mapping[str, float]
    """The scenario's `parameters:`: a bare name found here is that constant."""

    def _name(self, node: Name) -> Val:
        parts, offsets = node.parts, node.offsets
        value = self.parameters.get(parts[0]) if len(parts) == 1 else None
        if value is not None:
            return Lin((), float(value), node.start, node.end)
        scope: str | None = None
        if self.scopes:
            scope = self._scope(node)
            parts, offsets = parts[1:], offsets[1:]
        elif len(parts) > 2:
            raise ExprError(
                f"{node.text!r} has too many parts; a name is an issue or SEQUENCE.STEP",
                offsets[2] - 1,
            )
        issue_id = parts[0]
        issue = self.issues.get(issue_id)
        if issue is None:
            raise self._unknown_issue(issue_id, offsets[0])
        if len(parts) == 2:
            return self._step(issue_id, issue, parts[1], offsets[1], scope, node)
        return self._issue_value(issue_id, issue, scope, node)

    def _scope(self, node: Name) -> str:
        head = node.parts[0]
        if head in self.scopes and len(node.parts) > 1:
            return head
        solutions = ", ".join(self.scopes)
        if head in self.scopes:
            raise ExprError(
                f"{head!r} is a solution; name one of its issues, e.g. {head}.territory",
                node.start,
            )
        if head in self.issues:
            raise ExprError(
                f"name a solution before the issue, e.g. {self.scopes[0]}.{node.text}; "
                f"solutions: {solutions}",
                node.start,
            )
        raise ExprError(
            f"unknown solution {head!r}{did_you_mean(head, self.scopes)}; solutions: {solutions}",
            node.start,
        )

    def _unknown_issue(self, name: str, offset: int) -> ExprError:
        known = list(self.issues)
        if name in ("True", "False"):
            return ExprError(f"{name!r} is written in lowercase here: {name.lower()}", offset)
        params = list(self.parameters)
        also = f"; parameters: {listing(params)}" if params else ""
        hint = did_you_mean(name, known + params)
        what = "issue or parameter" if params else "issue"
        return ExprError(
            f"unknown {what} {name!r}{hint}; known issues: {listing(known)}{also}", offset
        )

    def _step(
        self,
        issue_id: str,
        issue: Issue,
        step: str,
        offset: int,
        scope: str | None,
        node: Name,
    ) -> Val:
        if not isinstance(issue, SequenceIssue):
            raise ExprError(
                f"{issue_id!r} is a {issue.type} issue and has no steps; only a sequence "
                "has steps (SEQUENCE.STEP)",
                offset - 1,
            )
        if step not in issue.steps:
            steps = list(issue.steps)
            raise ExprError(
                f"unknown step {step!r} of sequence {issue_id!r}{did_you_mean(step, steps)}; "
                f"steps: {listing(steps)}",
                offset,
            )
        ref = StepRef(issue_id, step, scope)
        return Lin(((ref, 1.0),), 0.0, node.start, node.end)

    def _issue_value(self, issue_id: str, issue: Issue, scope: str | None, node: Name) -> Val:
        if isinstance(issue, NumberIssue | IntegerIssue):
            return Lin(((IssueRef(issue_id, scope), 1.0),), 0.0, node.start, node.end)
        if isinstance(issue, ChoiceIssue):
            return ChoiceVal(issue_id, scope, issue, node.start, node.end)
        if isinstance(issue, BooleanIssue):
            return BoolRefVal(issue_id, scope, node.start, node.end)
        first = issue.steps[0]
        raise ExprError(
            f"{node.text!r} is a sequence, not a value; use {node.text}.STEP for a step's "
            f"position, e.g. {node.text}.{first} == 1",
            node.start,
        )
