"""Lexicographic stages on one solver session, and the canonical order of deals: how the
bargaining solutions and the Pareto frontier turn "some optimal deal" into one
deterministic deal.

A stage optimises one linear objective and then fixes it at its optimum less `OPTIMUM_TOL`
(well above HiGHS's feasibility tolerance of 1e-7, DESIGN "Tolerances are explicit"), so the
next stage chooses among (near-)optimal deals of the previous one. The last stage always
picks the *canonical deal*: the smallest deal in this order, which depends on the issues
only (never on the actors, so renaming or reordering actors cannot change it):

    issues in YAML order, compared one after another; within an issue, a choice by its
    option's position in `options`, a boolean false before true, an integer ascending, a
    sequence by its steps' positions taken in declared step order.

Real numbers take no part in the order: once the finite issues are fixed, phase two
(`Stages.settle`) puts them where the criteria want them, with a far tighter tolerance.

The separable fast path (`zopa.analysis.separable`) breaks ties in the same order, which is
what makes the two frontier paths agree deal for deal.

The canonical order is reached with few solves: consecutive "digits" of the order are
packed into one weighted objective whose weights are the mixed radix of the digits, as long
as the packed range stays below `CHUNK_LIMIT` (so integrality leaks of 1e-7 per column can
never reorder two keys that differ by at least 1).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.errors import SolverError
from zopa.format.schema import (
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    NumberIssue,
    SequenceIssue,
)
from zopa.format.tolerances import OPTIMUM_TOL, SETTLE_TOL

if TYPE_CHECKING:
    from zopa.format.values import Value
    from zopa.model.compile import CompiledModel
    from zopa.model.session import Outcome, Session
    from zopa.scenario.scenario import Scenario

log = logging.getLogger(__name__)


CHUNK_LIMIT = 10_000
"""The largest range of one packed tie-break objective (product of its digits' sizes)."""

MAX_SEPARATION_ROUNDS = 200
"""How often one stage may be re-solved after a separator rejected its point."""

Separator = Callable[[tuple[float, ...]], bool]
"""Checks a solver point against a constraint the session only approximates (the Nash
product's outer approximation): returns True to accept the point, or adds cuts that cut it
off and returns False."""


@dataclass(frozen=True, slots=True)
class Digit:
    """One position of the canonical deal order: `sum(coef * column) + constant`, a whole
    number in [0, size - 1]."""

    terms: tuple[tuple[int, float], ...]
    constant: float
    size: int


def deal_digits(compiled: CompiledModel) -> tuple[Digit, ...]:
    """The canonical deal order of `compiled`'s finite issues, most significant first."""
    digits: list[Digit] = []
    for issue, spec in compiled.scenario.model.issues.items():
        cols = compiled.issue_cols(issue)
        if isinstance(spec, NumberIssue):
            continue  # settled in phase two, not ordered
        if isinstance(spec, IntegerIssue):
            digits.append(Digit(((cols[0], 1.0),), -float(spec.min), spec.max - spec.min + 1))
        elif isinstance(spec, ChoiceIssue):
            terms = tuple((col, float(i)) for i, col in enumerate(cols) if i > 0)
            digits.append(Digit(terms, 0.0, len(cols)))
        elif isinstance(spec, BooleanIssue):
            digits.append(Digit(((cols[0], 1.0),), 0.0, 2))
        elif isinstance(spec, SequenceIssue):
            digits.extend(Digit(((col, 1.0),), -1.0, len(cols)) for col in cols)
        else:  # pragma: no cover - the schema has no other issue kind
            raise TypeError(f"no canonical order for issue kind {type(spec).__name__}")
    return tuple(digits)


def deal_key(scenario: Scenario, deal: Mapping[str, Value]) -> tuple[int, ...]:
    """A deal's place in the canonical order (module docstring), as a tuple to compare;
    real numbers take no part."""
    key: list[int] = []
    for name, spec in scenario.model.issues.items():
        value = deal[name]
        if isinstance(spec, ChoiceIssue):
            key.append(spec.options.index(str(value)))
        elif isinstance(spec, SequenceIssue) and isinstance(value, tuple):
            key.extend(value.index(step) for step in spec.steps)
        elif isinstance(spec, BooleanIssue | IntegerIssue) and isinstance(value, int | bool):
            key.append(int(value))
    return tuple(key)


def pack_digits(digits: Sequence[Digit]) -> tuple[tuple[Digit, ...], ...]:
    """Consecutive digits grouped so that each group's packed range stays within
    `CHUNK_LIMIT`; a digit wider than the limit stands alone."""
    chunks: list[tuple[Digit, ...]] = []
    current: list[Digit] = []
    span = 1
    for digit in digits:
        if digit.size > CHUNK_LIMIT:
            if current:
                chunks.append(tuple(current))
            chunks.append((digit,))
            current, span = [], 1
            continue
        if current and span * digit.size > CHUNK_LIMIT:
            chunks.append(tuple(current))
            current, span = [], 1
        current.append(digit)
        span *= digit.size
    if current:
        chunks.append(tuple(current))
    return tuple(chunks)


def _packed_objective(chunk: Sequence[Digit]) -> dict[int, float]:
    """sum(weight_k * digit_k) without constants, weights the mixed radix of the sizes."""
    coefs: dict[int, float] = {}
    weight = 1.0
    for digit in reversed(chunk):
        for col, coef in digit.terms:
            coefs[col] = coefs.get(col, 0.0) + weight * coef
        weight *= float(digit.size)
    return {col: coef for col, coef in coefs.items() if coef != 0.0}


Criteria = Callable[["Stages", float], "Outcome | None"]
"""Imposes a solution's criteria on a session, each optimised and then fixed within the
given tolerance, and returns the last point (None where the session is infeasible)."""


class Stages:
    """Lexicographic stages on one session. Every row added through `add_row` is remembered
    and freed by `release`, so one session can serve many searches (a frontier point each).

    A search runs in two phases. Phase one imposes its criteria with `OPTIMUM_TOL` and picks
    the canonical values of the finite issues (`canonical`). Phase two (`settle`), only when
    the scenario has real-number issues, fixes every integer column at its phase-one value,
    frees the phase-one rows and imposes the criteria again on what is left, an LP, with
    `SETTLE_TOL`: the numbers then sit where the criteria put them, not wherever phase one's
    tolerances let them drift.
    """

    def __init__(
        self,
        session: Session,
        compiled: CompiledModel,
        *,
        separator: Separator | None = None,
        what: str = "a solve",
    ) -> None:
        self.session = session
        self.compiled = compiled
        self.separator = separator
        self.what = what
        self.last: Outcome | None = None
        self._rows: list[int] = []
        self._integers: list[int] = []

    def add_row(self, coefs: Mapping[int, float], lo: float, hi: float) -> int:
        """A row that `release` frees again."""
        row = self.session.add_row(coefs, lo, hi)
        self._rows.append(row)
        return row

    def add_column(self, lo: float, hi: float, *, integer: bool = False, name: str = "") -> int:
        """A column of the session that `settle` knows about (it fixes integer ones)."""
        col = self.session.add_column(lo, hi, integer=integer, name=name)
        if integer:
            self._integers.append(col)
        return col

    def release(self) -> None:
        """Free every row added through this object."""
        if self._rows:
            self.session.remove_rows(self._rows)
            self._rows = []

    def optimize(self, objective: Mapping[int, float], *, maximize: bool) -> Outcome | None:
        """Optimise `objective`; None when the session is infeasible. A separator that
        rejects the point triggers a re-solve (its cuts are in place by then).

        Raises:
            SolverError: the solver failed or stopped at a limit.
        """
        from zopa.model.session import SolveStatus

        self.session.set_objective(dict(objective), maximize=maximize)
        for _ in range(MAX_SEPARATION_ROUNDS):
            outcome = self.session.solve()
            if outcome.status is SolveStatus.INFEASIBLE:
                return None
            if outcome.status is not SolveStatus.OPTIMAL or outcome.values is None:
                raise SolverError(f"{self.what}: the solver reported {outcome.status.value}")
            if self.separator is None or self.separator(outcome.values):
                self.last = outcome
                return outcome
        log.warning("%s: separation did not settle; the last point is used", self.what)
        self.last = outcome
        return outcome

    def optimize_and_fix(
        self, objective: Mapping[int, float], *, maximize: bool, tol: float = OPTIMUM_TOL
    ) -> Outcome:
        """Optimise `objective` and keep it within `tol` (relative to its size when that
        exceeds 1) of its optimum from now on.

        Raises:
            SolverError: the first stage is infeasible (the caller knows it is not), or the
                solver failed.
        """
        outcome = self.optimize(objective, maximize=maximize)
        if outcome is None:
            return self._previous()
        best = float(outcome.objective or 0.0)
        slack = tol * max(1.0, abs(best))
        if maximize:
            self.add_row(objective, best - slack, math.inf)
        else:
            self.add_row(objective, -math.inf, best + slack)
        return outcome

    def canonical(self) -> Outcome:
        """The smallest remaining deal in the canonical order (module docstring), as far as
        the finite issues go; real numbers are left to `settle`.

        Raises:
            SolverError: as `optimize_and_fix`.
        """
        outcome: Outcome | None = None
        for chunk in pack_digits(deal_digits(self.compiled)):
            objective = _packed_objective(chunk)
            if not objective:
                continue
            outcome = self.optimize(objective, maximize=False)
            if outcome is None:
                return self._previous()
            # Packed keys are whole numbers: a bound halfway to the next keeps just one.
            self.add_row(objective, -math.inf, round(float(outcome.objective or 0.0)) + 0.5)
        if outcome is not None:
            return outcome
        if self.last is None:
            raise SolverError(f"{self.what}: no stage ran before the canonical deal")
        return self.last  # no finite issue has two values: the last point is canonical

    def settle(self, criteria: Criteria) -> Outcome:
        """Phase two (class docstring): the criteria re-imposed with every integer column
        fixed at its value in the last point. Returns that last point itself when the
        scenario has no real-number issue, or when phase two fails numerically.

        Raises:
            SolverError: there is no last point.
        """
        base = self._previous() if self.last is None else self.last
        if not has_numbers(self.compiled) or base.values is None:
            return base
        saved: list[tuple[int, float, float]] = []
        for col in self._integer_columns():
            lo, hi = self.session.bounds(col)
            value = float(min(max(round(base.values[col]), lo), hi))
            saved.append((col, lo, hi))
            self.session.set_bounds(col, value, value)
        separator, self.separator = self.separator, None
        self.release()
        try:
            settled = criteria(self, SETTLE_TOL)
        except SolverError as error:
            log.warning("%s: phase two failed (%s); phase one's point is used", self.what, error)
            settled = None
        finally:
            self.release()
            for col, lo, hi in saved:
                self.session.set_bounds(col, lo, hi)
            self.separator = separator
        self.last = base if settled is None else settled
        return self.last

    def _integer_columns(self) -> list[int]:
        ir_columns = self.compiled.ir.columns
        fixed = [c for c, column in enumerate(ir_columns) if column.integer]
        return fixed + self._integers

    def _previous(self) -> Outcome:
        """The previous stage's point, when a stage that keeps it feasible came back
        infeasible: the solver's tolerance judged a point on the edge differently. That
        point is (near-)optimal for every earlier stage; certification still checks it.

        Raises:
            SolverError: there is no previous stage.
        """
        if self.last is None:
            raise SolverError(f"{self.what}: the solver found no deal where one exists")
        log.warning("%s: a tie-break stage lost its point; the previous one is used", self.what)
        return self.last


def has_numbers(compiled: CompiledModel) -> bool:
    """Whether the scenario has a real-number issue."""
    return compiled.scenario.has_real_numbers


def utility_objective(compiled: CompiledModel) -> dict[int, float]:
    """The sum of every actor's utility, as an objective."""
    objective: dict[int, float] = {}
    for actor in compiled.actors:
        col = compiled.utility_col[actor]
        objective[col] = objective.get(col, 0.0) + 1.0
    return objective
