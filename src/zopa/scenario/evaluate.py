"""Plain evaluation of a deal against a scenario: utilities, domains, and which rules, red
lines and reservations it breaks. No solver and no numpy: this is the independent check
behind `certify` and the brute-force oracle.

A deal maps each issue id to its value (see `zopa.expr.evaluate`): a number for
`number`/`integer`, an option string for a `choice`, a `bool` for a `boolean`, a tuple of all
steps in order for a `sequence`.

Utility (FORMAT §1): `sum(weight * value) / sum(weight)` over the actor's preferences and
conditional terms (a term's value is 1 when its `when` holds, else 0). A curve
is linear between its points and flat beyond its ends; a preference on `SEQ.STEP` reads the
step's 1-based position; options of a choice (or `true`/`false` of a boolean) not listed in
`values` count 0. An actor with no preferences has utility 0.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from zopa.expr.evaluate import evaluate
from zopa.format.refs import reservation_text
from zopa.format.schema import (
    Actor,
    BooleanIssue,
    ChoiceIssue,
    IntegerIssue,
    Issue,
    NumberIssue,
    Preference,
    SequenceIssue,
)
from zopa.format.tolerances import DEFAULT_TOL
from zopa.format.values import Value
from zopa.scenario.scenario import CheckedConstraint, CheckedTerm, Scenario


def curve_value(curve: Sequence[tuple[float, float]], x: float) -> float:
    """The piecewise-linear `curve` (points sorted by x) at `x`, flat beyond its ends."""
    if x <= curve[0][0]:
        return float(curve[0][1])
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if x <= x1:
            return float(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return float(curve[-1][1])


def _position(deal: Mapping[str, Value], sequence: str, step: str) -> float:
    order = deal[sequence]
    if not isinstance(order, tuple | list) or step not in order:
        raise ValueError(f"sequence {sequence!r} has no step {step!r} in {order!r}")
    return float(list(order).index(step) + 1)


def _listed_value(pref: Preference, key: str, value: Value) -> float:
    if pref.values is None:
        raise ValueError(f"preference on {key!r} needs `values`, not a curve")
    if isinstance(value, bool):
        for candidate in (value, "true" if value else "false"):
            if candidate in pref.values:
                return float(pref.values[candidate])
        return 0.0
    if isinstance(value, str):
        return float(pref.values.get(value, 0.0))
    raise ValueError(f"issue {key!r} has {value!r}, not an option")


def _number_value(pref: Preference, key: str, x: float) -> float:
    if pref.curve is None:
        raise ValueError(f"preference on {key!r} needs a curve, not `values`")
    return curve_value(pref.curve, x)


def preference_value(
    key: str, pref: Preference, issues: Mapping[str, Issue], deal: Mapping[str, Value]
) -> float:
    """One preference term's value in [0, 1] (before weighting).

    Raises:
        KeyError: the preference names an issue that is not in `issues` or not in `deal`.
        ValueError: the preference's kind does not fit its issue, or the value its kind.
    """
    if "." in key:
        sequence, step = key.split(".", 1)
        if not isinstance(issues[sequence], SequenceIssue):
            raise ValueError(f"preference {key!r}: {sequence!r} is not a sequence")
        return _number_value(pref, key, _position(deal, sequence, step))
    issue = issues[key]
    value = deal[key]
    if isinstance(issue, NumberIssue | IntegerIssue):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"issue {key!r} has {value!r}, not a number")
        return _number_value(pref, key, float(value))
    if isinstance(issue, ChoiceIssue | BooleanIssue):
        return _listed_value(pref, key, value)
    raise ValueError(f"preference on sequence {key!r}: name a step, e.g. {key}.STEP")


def utility(
    actor: Actor,
    issues: Mapping[str, Issue],
    deal: Mapping[str, Value],
    *,
    terms: Sequence[CheckedTerm] | None = None,
) -> float:
    """`actor`'s utility of `deal`, in [0, 1] (module docstring).

    `terms` are the actor's checked conditional terms (`Scenario.terms_of`); each adds its
    weight when its `when` holds on `deal` (within `DEFAULT_TOL`), and every term's weight
    counts in the total.

    Raises:
        ValueError: the actor has terms but `terms` was not given (a caller that forgot them
            would compute a wrong utility silently).
    """
    if terms is None:
        if actor.terms:
            raise ValueError("this actor has conditional terms: pass terms=scenario.terms_of(id)")
        terms = ()
    total_weight = 0.0
    total = 0.0
    for key, pref in actor.preferences.items():
        total += pref.weight * preference_value(key, pref, issues, deal)
        total_weight += pref.weight
    for term in terms:
        if evaluate(term.when, deal, tol=DEFAULT_TOL):
            total += term.weight
        total_weight += term.weight
    return total / total_weight if total_weight > 0 else 0.0


def actor_utility(scenario: Scenario, actor: str, deal: Mapping[str, Value]) -> float:
    """The utility of `deal` to `actor` of `scenario`, its conditional terms included."""
    return utility(
        scenario.actors[actor], scenario.model.issues, deal, terms=scenario.terms_of(actor)
    )


# --- domains --------------------------------------------------------------------------------


def _number_problem(key: str, issue: NumberIssue | IntegerIssue, value: Value, tol: float) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return f"{key}: {value!r} is not a number"
    if value < issue.min - tol:
        return f"{key}: {value!r} is below its min {issue.min!r}"
    if value > issue.max + tol:
        return f"{key}: {value!r} is above its max {issue.max!r}"
    if isinstance(issue, IntegerIssue) and abs(value - round(value)) > tol:
        return f"{key}: {value!r} is not a whole number"
    return ""


def _value_problem(key: str, issue: Issue, value: Value, tol: float) -> str:
    if isinstance(issue, NumberIssue | IntegerIssue):
        return _number_problem(key, issue, value, tol)
    if isinstance(issue, ChoiceIssue):
        if not isinstance(value, str) or value not in issue.options:
            return f"{key}: {value!r} is not one of its options {list(issue.options)!r}"
        return ""
    if isinstance(issue, BooleanIssue):
        return "" if isinstance(value, bool) else f"{key}: {value!r} is not true or false"
    if not isinstance(value, tuple | list) or sorted(value) != sorted(issue.steps):
        return f"{key}: {value!r} is not an order of its steps {list(issue.steps)!r}"
    return ""


def in_domain(
    issues: Mapping[str, Issue], deal: Mapping[str, Value], *, tol: float = DEFAULT_TOL
) -> list[str]:
    """What is wrong with `deal` as a deal of `issues`: missing or unknown issues, values of
    the wrong kind, numbers out of range (by more than `tol`) or not whole. Empty if none."""
    problems: list[str] = []
    for key, issue in issues.items():
        if key not in deal:
            problems.append(f"{key}: no value")
            continue
        problem = _value_problem(key, issue, deal[key], tol)
        if problem:
            problems.append(problem)
    problems.extend(f"{key}: not an issue" for key in deal if key not in issues)
    return problems


# --- constraints ----------------------------------------------------------------------------


def constraint_holds(
    constraint: CheckedConstraint, deal: Mapping[str, Value], *, tol: float = DEFAULT_TOL
) -> bool:
    """Whether a rule or red line holds on `deal`: `require`, or `when -> require`."""
    if constraint.when is not None and evaluate(constraint.when, deal, tol=tol, negate=True):
        return True
    return evaluate(constraint.require, deal, tol=tol)


def reservation_holds(
    actor: Actor,
    issues: Mapping[str, Issue],
    deal: Mapping[str, Value],
    *,
    tol: float = DEFAULT_TOL,
    terms: Sequence[CheckedTerm] | None = None,
) -> bool:
    """Whether `actor`'s utility of `deal` reaches its reservation (less `tol`); `terms` as
    for `utility`."""
    return utility(actor, issues, deal, terms=terms) >= actor.reservation - tol


def violations(
    scenario: Scenario, deal: Mapping[str, Value], *, tol: float = DEFAULT_TOL
) -> list[str]:
    """Everything `deal` breaks, in this order: domain problems (`in_domain`), then the refs
    of broken rules (`rules/ID`) and red lines (`ACTOR/ID`) in scenario order, then
    `ACTOR/reservation` for each actor whose utility is below its reservation by more than
    `tol`. An empty list means the deal is in the ZOPA.

    A deal that lacks an issue or gives one a value of the wrong kind cannot be evaluated:
    only its domain problems are listed.
    """
    issues = scenario.model.issues
    problems = in_domain(issues, deal, tol=tol)
    if any(_unevaluable(issues, deal, key) for key in issues):
        return problems
    problems.extend(c.ref for c in scenario.constraints if not constraint_holds(c, deal, tol=tol))
    problems.extend(
        reservation_text(actor_id)
        for actor_id, actor in scenario.actors.items()
        if not reservation_holds(actor, issues, deal, tol=tol, terms=scenario.terms_of(actor_id))
    )
    return problems


def _unevaluable(issues: Mapping[str, Issue], deal: Mapping[str, Value], key: str) -> bool:
    """Whether `deal[key]` is missing or of a kind formulas and utilities cannot read."""
    if key not in deal:
        return True
    issue, value = issues[key], deal[key]
    if isinstance(issue, NumberIssue | IntegerIssue):
        return isinstance(value, bool) or not isinstance(value, int | float)
    if isinstance(issue, ChoiceIssue):
        return not isinstance(value, str)
    if isinstance(issue, BooleanIssue):
        return not isinstance(value, bool)
    return bool(_value_problem(key, issue, value, 0.0))
