"""The ZOPA itself: whether it exists, each issue's range (numbers), possible options
(choices), values (booleans) and step positions (sequences), and each actor's utility range.

Exact: every answer comes from solving the compiled MILP (compiled once, re-solved with
changed objectives and bounds in one session). Every bound reported is the value that a
certified deal of the ZOPA attains: each solver answer is decoded and certified
(`analysis.certify`), and the zone is read off the certified deals, never off solver
objectives. Deals already found prune later questions: an option, value, bound or position
that some certified deal already shows needs no solve of its own, and the solves that look
for options steer towards deals that show as many unseen options as possible (`_discover`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from zopa.analysis.certify import certified_solution
from zopa.analysis.result import Solution
from zopa.errors import SolverError
from zopa.format.zone import BoolSet, IssueRange, NumberRange, OptionSet, StepPositions, Zone
from zopa.model.compile import CompiledModel
from zopa.model.session import Session
from zopa.model.solver import SolveStatus
from zopa.model.variables import IssueVars


@dataclass(frozen=True, slots=True)
class ZoneSearch:
    """The zone and every certified deal found while computing it (in the order found):
    the argmin/argmax deals of each range among them. Later analyses may reuse them."""

    zone: Zone
    deals: tuple[Solution, ...]


class _Explorer:
    """Asks one session questions and keeps every certified deal it gets back."""

    def __init__(self, compiled: CompiledModel, time_limit: float | None) -> None:
        self.compiled = compiled
        self.session: Session = compiled.session()
        self.deals: list[Solution] = []
        self._deadline = None if time_limit is None else time.monotonic() + time_limit

    def _remaining(self, what: str) -> float | None:
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise SolverError(f"time limit reached before {what} was found")
        return left

    def ask(
        self, objective: Mapping[int, float], *, maximize: bool, what: str, exact: bool = True
    ) -> bool:
        """Solve with `objective`; record the certified deal; False if infeasible.

        With `exact=False` any deal of the ZOPA will do (the objective only steers the
        search), so a solution found at a limit is accepted.

        Raises:
            SolverError: the solver failed, or stopped at a limit before proving `what`.
        """
        self.session.set_objective(objective, maximize=maximize)
        outcome = self.session.solve(time_limit=self._remaining(what))
        if outcome.status is SolveStatus.INFEASIBLE:
            return False
        proven = outcome.status is SolveStatus.OPTIMAL or (
            outcome.status is SolveStatus.FEASIBLE and not exact
        )
        if not proven or outcome.values is None:
            raise SolverError(f"the solver stopped ({outcome.status.value}) before {what}")
        polished = self.session.polish(outcome)
        if polished.values is None:  # polish keeps values; this guards the type only
            raise SolverError(f"the solver lost its solution while finding {what}")
        self.deals.append(certified_solution(self.compiled, polished.values))
        return True


def _number(value: object, issue: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SolverError(f"issue {issue!r} decoded as {value!r}, not a number")
    return float(value)


def _number_range(ex: _Explorer, vars_: IssueVars) -> NumberRange:
    issue, col = vars_.issue, vars_.cols[0]
    lo, hi = ex.compiled.layout.bounds[issue]

    def values() -> list[float]:
        return [_number(s.deal[issue], issue) for s in ex.deals]

    if min(values()) > lo:
        ex.ask({col: 1.0}, maximize=False, what=f"the lowest {issue}")
    if max(values()) < hi:
        ex.ask({col: 1.0}, maximize=True, what=f"the highest {issue}")
    found = values()
    if vars_.kind == "integer":
        return NumberRange(int(min(found)), int(max(found)))
    return NumberRange(min(found), max(found))


@dataclass(frozen=True, slots=True)
class _Target:
    """One option of a choice or one value of a boolean: `coefs·x + constant` is 1 exactly
    when a deal takes it, 0 otherwise."""

    issue: str
    label: str | bool
    coefs: Mapping[int, float]
    constant: float


def _targets(vars_: IssueVars) -> tuple[_Target, ...]:
    if vars_.kind == "choice":
        return tuple(
            _Target(vars_.issue, option, {col: 1.0}, 0.0)
            for col, option in zip(vars_.cols, vars_.labels, strict=True)
        )
    if vars_.kind == "boolean":
        b = vars_.cols[0]
        return (
            _Target(vars_.issue, False, {b: -1.0}, 1.0),
            _Target(vars_.issue, True, {b: 1.0}, 0.0),
        )
    return ()


def _discover(ex: _Explorer, vars_: IssueVars, everything: tuple[_Target, ...]) -> None:
    """Find every option (value) of one issue that some deal of the ZOPA takes.

    Each solve requires an option not yet shown by any certified deal (`sum >= 1` over
    them), so an infeasible answer proves all of them impossible at once; and it maximises
    how many not-yet-shown options of *every* choice and boolean the deal takes, so one
    deal settles many questions (30 choices of 10 options: ~20 solves instead of ~200).
    """
    own = _targets(vars_)
    while True:
        shown = {(s_issue, v) for s in ex.deals for s_issue, v in s.deal.items()}
        missing = [t for t in own if (t.issue, t.label) not in shown]
        if not missing:
            return
        row: dict[int, float] = {}
        rhs = 1.0
        for target in missing:
            rhs -= target.constant
            for col, coef in target.coefs.items():
                row[col] = row.get(col, 0.0) + coef
        objective: dict[int, float] = {}
        for target in everything:
            if (target.issue, target.label) not in shown:
                for col, coef in target.coefs.items():
                    objective[col] = objective.get(col, 0.0) + coef
        added = ex.session.add_row(row, rhs, math.inf)
        try:
            labels = ", ".join(repr(t.label) for t in missing)
            found = ex.ask(
                objective, maximize=True, what=f"whether {vars_.issue} can be {labels}", exact=False
            )
        finally:
            ex.session.remove_rows([added])
        if not found:
            return


def _option_set(ex: _Explorer, vars_: IssueVars) -> OptionSet:
    shown = {s.deal[vars_.issue] for s in ex.deals}
    return OptionSet(tuple(o for o in vars_.labels if o in shown))


def _bool_set(ex: _Explorer, vars_: IssueVars) -> BoolSet:
    shown = {s.deal[vars_.issue] for s in ex.deals}
    return BoolSet(tuple(v for v in (False, True) if v in shown))


def _positions(ex: _Explorer, vars_: IssueVars) -> StepPositions:
    issue, m = vars_.issue, len(vars_.labels)
    out: list[tuple[str, int, int]] = []
    for col, step in zip(vars_.cols, vars_.labels, strict=True):

        def position(s: Solution, step: str = step) -> int:
            order = s.deal[issue]
            if not isinstance(order, tuple):
                raise SolverError(f"sequence {issue!r} decoded as {order!r}")
            return order.index(step) + 1

        if min(position(s) for s in ex.deals) > 1:
            ex.ask({col: 1.0}, maximize=False, what=f"the earliest position of {issue}.{step}")
        if max(position(s) for s in ex.deals) < m:
            ex.ask({col: 1.0}, maximize=True, what=f"the latest position of {issue}.{step}")
        found = [position(s) for s in ex.deals]
        out.append((step, min(found), max(found)))
    return StepPositions(tuple(out))


_RANGES: Mapping[str, Callable[[_Explorer, IssueVars], IssueRange]] = {
    "number": _number_range,
    "integer": _number_range,
    "choice": _option_set,
    "boolean": _bool_set,
    "sequence": _positions,
}


def _utility_range(ex: _Explorer, actor: str) -> NumberRange:
    col = ex.compiled.utility_col[actor]
    if min(s.utilities[actor] for s in ex.deals) > 0.0:
        ex.ask({col: 1.0}, maximize=False, what=f"the lowest utility of {actor}")
    if max(s.utilities[actor] for s in ex.deals) < 1.0:
        ex.ask({col: 1.0}, maximize=True, what=f"the highest utility of {actor}")
    found = [s.utilities[actor] for s in ex.deals]
    return NumberRange(min(found), max(found))


def search_zone(compiled: CompiledModel, *, time_limit: float | None = None) -> ZoneSearch:
    """The zone and the certified deals that attain its bounds.

    Args:
        compiled: the scenario's model.
        time_limit: seconds for the whole search (None: no limit).

    Raises:
        SolverError: the solver failed or hit the time limit before an answer was proven,
            or a deal it returned does not certify.
    """
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"time_limit must be a positive number of seconds, not {time_limit!r}")
    ex = _Explorer(compiled, time_limit)
    if not ex.ask({}, maximize=False, what="whether a ZOPA exists", exact=False):
        return ZoneSearch(Zone(exists=False), ())
    everything = tuple(t for v in compiled.layout.issues.values() for t in _targets(v))
    for vars_ in compiled.layout.issues.values():
        _discover(ex, vars_, everything)
    issues = {
        issue: _RANGES[vars_.kind](ex, vars_) for issue, vars_ in compiled.layout.issues.items()
    }
    utilities = {actor: _utility_range(ex, actor) for actor in compiled.actors}
    return ZoneSearch(Zone(True, issues, utilities), tuple(ex.deals))


def compute_zone(compiled: CompiledModel, *, time_limit: float | None = None) -> Zone:
    """Whether a ZOPA exists, and if so each issue's range and each actor's utility range
    over it (`analysis.result.Zone`). See `search_zone`."""
    return search_zone(compiled, time_limit=time_limit).zone
