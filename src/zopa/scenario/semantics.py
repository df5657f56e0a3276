"""The rules of format 1 that span fields, each problem reported at its own YAML path.

pydantic (`format.schema`) checks shapes; this module checks what needs more than one
field: `min <= max`, a `status_quo` inside its issue, preferences on existing issues with the
right kind of term, unique constraint ids, sources that exist and quotes that occur in them,
expressions over the declared issues, and `expect:` entries. It reads the raw data
defensively, so that it can still report these problems while some other part of the file
has the wrong shape (pydantic reports those); expressions are checked only when every issue
is valid, since an expression over a broken issue would only repeat that problem.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from zopa.errors import Problem
from zopa.expr.errors import ExprError
from zopa.expr.tree import Formula
from zopa.format.refs import RESERVATION, GroupRef, group_text, reservation_text
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
    SequenceIssue,
)
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.suggest import did_you_mean, one_of
from zopa.scenario.cross_refs import check_controllers, check_parameter_names
from zopa.scenario.document import join_path, key_text
from zopa.scenario.negotiation import check_negotiation
from zopa.scenario.positions import Locator
from zopa.scenario.quotes import quote_message, quote_occurs
from zopa.scenario.suggest import permutation_problem

EXPECT_KEYS: tuple[str, ...] = ("zopa", "require", "conflict", "binding")
RESERVED_ACTOR_ID = "rules"
MAX_SOURCE_BYTES = 16 << 20
"""Largest source document read for quote checks."""

_ISSUE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Issue)
_ISSUE_KINDS = (NumberIssue, IntegerIssue, ChoiceIssue, BooleanIssue, SequenceIssue)
AnyIssue = NumberIssue | IntegerIssue | ChoiceIssue | BooleanIssue | SequenceIssue


@dataclass(frozen=True, slots=True)
class Checked:
    """What the semantic checks found: problems, the formula of every expression that
    checked (by the path of its text), and the text of every source document read."""

    problems: tuple[Problem, ...]
    formulas: Mapping[str, Formula]
    source_texts: Mapping[str, str]


def check_semantics(data: Any, locator: Locator, *, base_dir: Path | None) -> Checked:
    """Check the cross-field rules of the scenario `data` (plain data from the YAML).

    Args:
        data: the scenario as plain data (possibly partly malformed).
        locator: turns paths into problems with positions.
        base_dir: the directory `sources` paths are relative to (None: the working directory).
    """
    checker = _Checker(_dict(data), locator, base_dir)
    checker.run()
    return Checked(tuple(checker.problems), checker.formulas, checker.source_texts)


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Checker:
    """Runs every check over one scenario, collecting problems."""

    def __init__(self, data: dict[Any, Any], locator: Locator, base_dir: Path | None) -> None:
        self.data = data
        self.locator = locator
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self.formulas: dict[str, Formula] = {}
        self.source_texts: dict[str, str] = {}
        self.issues: dict[str, AnyIssue] = {}
        self.issues_complete = True
        self.source_ids: list[str] = [k for k in _dict(data.get("sources")) if isinstance(k, str)]
        self.parameters: dict[str, float] = {
            k: float(v)
            for k, v in _dict(data.get("parameters")).items()
            if isinstance(k, str) and _is_number(v)
        }

    def add(self, path: str, message: str) -> None:
        self.problems.append(self.locator.problem(path, message))

    def add_key(self, path: str, message: str) -> None:
        self.problems.append(self.locator.key_problem(path, message))

    def run(self) -> None:
        self._issues()
        check_parameter_names(self.parameters, self.issues, self.add_key)
        check_controllers(self.data, self.add)
        self._sources()
        self._rules()
        self._actors()
        self._expect()
        check_negotiation(self.data, self.add, self.add_key)

    # issues ---------------------------------------------------------------------------

    def _issues(self) -> None:
        raw = self.data.get("issues")
        if not isinstance(raw, dict):
            self.issues_complete = False
            return
        for issue_id, body in raw.items():
            try:
                issue = _ISSUE_ADAPTER.validate_python(body)
            except ValidationError:
                self.issues_complete = False
                continue
            if not isinstance(issue_id, str) or not isinstance(issue, _ISSUE_KINDS):
                self.issues_complete = False
                continue
            self.issues[issue_id] = issue
            self._issue(join_path("issues", issue_id), issue)

    def _issue(self, path: str, issue: AnyIssue) -> None:
        if isinstance(issue, (NumberIssue, IntegerIssue)):
            if issue.min > issue.max:
                self.add(
                    join_path(path, "max"),
                    f"max ({issue.max!r}) is below min ({issue.min!r}); swap them",
                )
            elif issue.status_quo is not None and not issue.min <= issue.status_quo <= issue.max:
                self.add(
                    join_path(path, "status_quo"),
                    f"status_quo {issue.status_quo!r} is outside [{issue.min!r}, {issue.max!r}]",
                )
        elif isinstance(issue, ChoiceIssue):
            quo = issue.status_quo
            if quo is not None and quo not in issue.options:
                self.add(
                    join_path(path, "status_quo"),
                    f"status_quo {quo!r} is not one of the options"
                    f"{did_you_mean(quo, issue.options)}; options: {one_of(issue.options)}",
                )
        elif isinstance(issue, SequenceIssue) and issue.status_quo is not None:
            message = permutation_problem(issue.status_quo, issue.steps)
            if message is not None:
                self.add(join_path(path, "status_quo"), message)

    # sources --------------------------------------------------------------------------

    def _sources(self) -> None:
        for doc_id, relative in _dict(self.data.get("sources")).items():
            if not isinstance(doc_id, str) or not isinstance(relative, str):
                continue
            path = join_path("sources", doc_id)
            text = self._read_source(path, relative)
            if text is not None:
                self.source_texts[doc_id] = text

    def _read_source(self, path: str, relative: str) -> str | None:
        base = self.base_dir if self.base_dir is not None else Path.cwd()
        file = base / relative
        try:
            if file.is_dir():
                self.add(path, f"{relative!r} is a directory; name a text file")
                return None
            if file.stat().st_size > MAX_SOURCE_BYTES:
                self.add(path, f"{relative!r} is larger than {MAX_SOURCE_BYTES} bytes")
                return None
            return file.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.add(path, f"no such file: {relative!r} (paths are relative to {base})")
        except UnicodeDecodeError:
            self.add(path, f"{relative!r} is not UTF-8 text; save it as UTF-8")
        except OSError as error:
            self.add(path, f"cannot read {relative!r}: {error.strerror}")
        return None

    def _source(self, path: str, raw: Any) -> None:
        source = _dict(raw)
        doc = source.get("doc")
        quote = source.get("quote")
        if not isinstance(doc, str):
            return
        if doc not in self.source_ids:
            where = f"; sources: {one_of(self.source_ids)}" if self.source_ids else ""
            hint = "" if self.source_ids else "; declare it under 'sources:' first"
            self.add(
                join_path(path, "doc"),
                f"no source {doc!r}{did_you_mean(doc, self.source_ids)}{where}{hint}",
            )
            return
        text = self.source_texts.get(doc)
        if text is None or not isinstance(quote, str) or not quote.strip():
            return
        if not quote_occurs(quote, text):
            self.add(join_path(path, "quote"), quote_message(quote, doc, text))

    # rules and red lines --------------------------------------------------------------

    def _rules(self) -> None:
        seen: dict[str, int] = {}
        for index, raw in enumerate(_list(self.data.get("rules"))):
            path = join_path("rules", index)
            self._constraint(path, _dict(raw), seen, index, "rule")

    def _constraint(
        self, path: str, body: dict[Any, Any], seen: dict[str, int], index: int, what: str
    ) -> None:
        constraint_id = body.get("id")
        if isinstance(constraint_id, str):
            if constraint_id in seen:
                first = seen[constraint_id]
                self.add(
                    join_path(path, "id"),
                    f"duplicate {what} id {constraint_id!r} (also item {first}); "
                    "ids must be unique",
                )
            else:
                seen[constraint_id] = index
            if what == "red line" and constraint_id == RESERVATION:
                self.add(
                    join_path(path, "id"),
                    f"{RESERVATION!r} is reserved for the actor's reservation "
                    "constraint; choose another id",
                )
        for key in ("when", "require"):
            text = body.get(key)
            if isinstance(text, str) and text.strip():
                self._expression(join_path(path, key), text, ())
        if "source" in body:
            self._source(join_path(path, "source"), body["source"])

    def _expression(self, path: str, text: str, scopes: tuple[str, ...]) -> None:
        if not self.issues_complete:
            return
        try:
            self.formulas[path] = _check(
                text, tuple(self.issues.items()), scopes, tuple(self.parameters.items())
            )
        except ExprError as error:
            self.problems.append(self.locator.expression_problem(path, error.offset, error.message))

    # actors ---------------------------------------------------------------------------

    def _actors(self) -> None:
        for actor_id, raw in _dict(self.data.get("actors")).items():
            if not isinstance(actor_id, str):
                continue
            path = join_path("actors", actor_id)
            if actor_id == RESERVED_ACTOR_ID:
                self.add_key(
                    path,
                    f"the actor id {RESERVED_ACTOR_ID!r} is reserved (rules are referred to "
                    "as rules/ID); choose another id",
                )
            actor = _dict(raw)
            seen: dict[str, int] = {}
            for index, line in enumerate(_list(actor.get("red_lines"))):
                line_path = join_path(join_path(path, "red_lines"), index)
                self._constraint(line_path, _dict(line), seen, index, "red line")
            for index, term in enumerate(_list(actor.get("terms"))):
                text = _dict(term).get("when")
                if isinstance(text, str) and text.strip():
                    term_path = join_path(join_path(join_path(path, "terms"), index), "when")
                    self._expression(term_path, text, ())
            for key, preference in _dict(actor.get("preferences")).items():
                if isinstance(key, str):
                    self._preference(
                        join_path(join_path(path, "preferences"), key), key, _dict(preference)
                    )

    def _preference(self, path: str, key: str, body: dict[Any, Any]) -> None:
        if not self.issues_complete:
            return
        target = self._preference_target(path, key)
        if target is None:
            return
        has_curve = body.get("curve") is not None
        has_values = body.get("values") is not None
        if has_curve and has_values:
            self.add(path, "give either a curve or values, not both")
            return
        if target == "number":
            if has_values:
                self.add_key(
                    join_path(path, "values"),
                    f"{key!r} is a number; describe it with a curve [[x, value], ...], not values",
                )
            elif not has_curve:
                self.add(path, "missing key 'curve'; a curve is [[x, value], ...]")
            return
        issue = self.issues[key]
        if has_curve:
            self.add_key(
                join_path(path, "curve"),
                f"{key!r} is a {issue.type}; give values for its "
                + ("options" if isinstance(issue, ChoiceIssue) else "true and false")
                + ", not a curve",
            )
        elif not has_values:
            self.add(path, "missing key 'values'")
        else:
            self._values(join_path(path, "values"), key, issue, _dict(body.get("values")))

    def _preference_target(self, path: str, key: str) -> str | None:
        """`'number'` for a curve target, `'values'` for a choice or boolean, None after a
        problem was reported."""
        issue = self.issues.get(key)
        if isinstance(issue, (NumberIssue, IntegerIssue)):
            return "number"
        if isinstance(issue, (ChoiceIssue, BooleanIssue)):
            return "values"
        if isinstance(issue, SequenceIssue):
            steps = one_of(f"{key}.{s}" for s in issue.steps)
            self.add_key(path, f"{key!r} is a sequence; a preference names one step: {steps}")
            return None
        head, dot, step = key.partition(".")
        sequence = self.issues.get(head)
        if dot and isinstance(sequence, SequenceIssue):
            if step in sequence.steps:
                return "number"
            self.add_key(
                path,
                f"no step {step!r} in sequence {head!r}{did_you_mean(step, sequence.steps)}; "
                f"steps: {one_of(sequence.steps)}",
            )
            return None
        names = list(self.issues) + [
            f"{i}.{s}"
            for i, v in self.issues.items()
            if isinstance(v, SequenceIssue)
            for s in v.steps
        ]
        self.add_key(
            path,
            f"no issue {key!r}{did_you_mean(key, names)}; issues: {one_of(self.issues)}",
        )
        return None

    def _values(self, path: str, key: str, issue: AnyIssue, values: dict[Any, Any]) -> None:
        if isinstance(issue, ChoiceIssue):
            for option in values:
                if option not in issue.options or not isinstance(option, str):
                    shown = key_text(option)
                    self.add_key(
                        join_path(path, shown),
                        f"{shown!r} is not an option of {key!r}"
                        f"{did_you_mean(shown, issue.options)}; "
                        f"options: {one_of(issue.options)}",
                    )
        elif isinstance(issue, BooleanIssue):
            for option in values:
                if not isinstance(option, bool):
                    shown = key_text(option)
                    self.add_key(
                        join_path(path, shown),
                        f"{key!r} is a boolean; its values are keyed true and false, "
                        f"not {option!r}",
                    )

    # expect ---------------------------------------------------------------------------

    def _expect(self) -> None:
        refs = self._refs()
        for index, raw in enumerate(_list(self.data.get("expect"))):
            path = join_path("expect", index)
            entry = _dict(raw)
            given = [k for k in EXPECT_KEYS if entry.get(k) is not None]
            if len(given) != 1:
                found = f"found {', '.join(given)}" if given else "found none"
                self.add(path, f"give exactly one of {', '.join(EXPECT_KEYS)} ({found})")
                continue
            key = given[0]
            value = entry[key]
            if key == "require" and isinstance(value, str) and value.strip():
                self._expression(join_path(path, "require"), value, SOLUTION_NAMES)
            elif key == "conflict" and isinstance(value, list):
                for item, ref in enumerate(value):
                    if isinstance(ref, str):
                        self._ref(join_path(join_path(path, "conflict"), item), ref, refs, True)
            elif key == "binding" and isinstance(value, str):
                # a reservation shapes the zone too, and diagnosis lists it as binding
                self._ref(join_path(path, "binding"), value, refs, True)

    def _refs(self) -> list[str]:
        """Every red-line ref `actor/id`, then every `actor/reservation`, in YAML order."""
        lines: list[str] = []
        reservations: list[str] = []
        for actor_id, raw in _dict(self.data.get("actors")).items():
            for line in _list(_dict(raw).get("red_lines")):
                line_id = _dict(line).get("id")
                if isinstance(line_id, str):
                    lines.append(group_text(actor_id, line_id))
            reservations.append(reservation_text(actor_id))
        return lines + reservations

    def _ref(self, path: str, ref: str, refs: list[str], reservation_ok: bool) -> None:
        allowed = refs if reservation_ok else [r for r in refs if not _is_reservation(r)]
        if ref not in allowed:
            what = "red line or reservation" if reservation_ok else "red line"
            self.add(
                path,
                f"no {what} {ref!r}{did_you_mean(ref, allowed)}; write ACTOR/ID, "
                f"e.g. {allowed[0] if allowed else 'russia/no-nato'}",
            )


@functools.lru_cache(maxsize=4096)
def _check(
    text: str,
    issues: tuple[tuple[str, AnyIssue], ...],
    scopes: tuple[str, ...],
    parameters: tuple[tuple[str, float], ...] = (),
) -> Formula:
    """`check_expression`, remembered: variants (`with_changes`, sweeps) re-validate the same
    expressions over the same issues many times, and parsing dominates validation. Issues are
    frozen models and formulas immutable, so a cached answer is the answer."""
    from zopa.expr.check import check_expression

    return check_expression(text, dict(issues), scopes=scopes, parameters=dict(parameters))


def _is_reservation(ref: str) -> bool:
    group = GroupRef.parse(ref)
    return group is not None and group.is_reservation
