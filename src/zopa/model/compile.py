"""A validated scenario compiled into one MILP (`CompiledModel`), built once and asked many
questions through sessions.

Order of the IR (YAML order throughout): issue columns; rules; per actor, its utility, then
its red lines, then its reservation. Every red line and every reservation is a *group* with
one indicator binary (`Group.indicator`): fixed to 1 in the IR, so the IR's feasible set is
exactly the ZOPA; `Session.enforce(ref, False)` frees it. Group rows always use the big-M
form (never plain rows), so that freeing the indicator really drops the group; presolve
removes the big-M terms while the indicator is fixed. Rules are not groups: their atoms are
plain rows under a permanently fixed indicator.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zopa.expr.tree import Formula, Linear, Not, Or
from zopa.format.refs import reservation_text
from zopa.format.values import Deal
from zopa.model.constraints import Context, compile_formula
from zopa.model.ir import IRBuilder, MilpIR, Origin, OriginKind
from zopa.model.utilities import compile_utility
from zopa.model.variables import IssueVars, Layout, compile_issue
from zopa.scenario.scenario import ConstraintKind, Scenario

if TYPE_CHECKING:
    from zopa.model.session import Session


class GroupKind(enum.Enum):
    RED_LINE = "red_line"
    RESERVATION = "reservation"


@dataclass(frozen=True, slots=True)
class Group:
    """A droppable constraint: a red line (`russia/lasting-deal`) or a reservation
    (`russia/reservation`). `indicator` is the column whose value 1 means the group holds."""

    ref: str
    actor: str
    kind: GroupKind
    firmness: float
    indicator: int
    path: str


@dataclass(frozen=True, slots=True)
class CompiledModel:
    """One scenario as a MILP plus everything needed to read answers back in YAML terms."""

    scenario: Scenario
    ir: MilpIR
    actors: tuple[str, ...]
    utility_col: Mapping[str, int]
    groups: tuple[Group, ...]
    layout: Layout
    rule_indicators: Mapping[str, int]
    formulas: Mapping[str, Formula]

    def decode(self, values: tuple[float, ...] | list[float]) -> Deal:
        """Column values to a deal ({issue: value}, YAML issue order)."""
        return self.layout.decode(values)

    def group(self, ref: str) -> Group:
        for group in self.groups:
            if group.ref == ref:
                return group
        raise KeyError(ref)

    def formula_of(self, ref: str) -> Formula:
        """The formula of a red line (`Or(Not(when), require)` when it has a `when`) or a
        rule. A reservation has no formula over issues (it bounds a utility column):
        KeyError, as for an unknown ref; use `utility_col[actor] >= reservation` instead."""
        return self.formulas[ref]

    def linear_terms(self, linear: Linear) -> tuple[dict[int, float], float]:
        """A `tree.Linear` as ({column: coef}, constant)."""
        return self.layout.linear_terms(linear)

    def issue_cols(self, issue: str) -> tuple[int, ...]:
        """number/integer/boolean: (col,); choice: one-hot cols in option order; sequence:
        position cols in step order."""
        return self.layout.issues[issue].cols

    def reservation(self, actor: str) -> float:
        return float(self.scenario.actors[actor].reservation)

    def session(self) -> Session:
        """A fresh persistent solver model with every group enforced."""
        from zopa.model.session import Session

        return Session(self)


def group_formula(require: Formula, when: Formula | None) -> Formula:
    """`when -> require` as a formula."""
    return require if when is None else Or((Not(when), require))


def _compile_issues(scenario: Scenario, builder: IRBuilder) -> Layout:
    issues: dict[str, IssueVars] = {}
    bounds: dict[str, tuple[float, float]] = {}
    for issue, spec in scenario.model.issues.items():
        issues[issue] = compile_issue(issue, spec, builder)
        if issues[issue].kind in ("number", "integer"):
            bounds[issue] = builder.column_bounds(issues[issue].cols[0])
    return Layout(issues, bounds)


def _compile_rules(
    scenario: Scenario, layout: Layout, builder: IRBuilder, formulas: dict[str, Formula]
) -> dict[str, int]:
    indicators: dict[str, int] = {}
    for rule in scenario.rules:
        origin = Origin(OriginKind.RULE, rule.ref, None, rule.path)
        z = builder.add_column(1.0, 1.0, integer=True, name=rule.ref, origin=origin)
        formula = group_formula(rule.require, rule.when)
        compile_formula(formula, z, hard=True, ctx=Context(builder, layout, origin))
        indicators[rule.ref] = z
        formulas[rule.ref] = formula
    return indicators


def _compile_actor(
    scenario: Scenario,
    actor: str,
    layout: Layout,
    builder: IRBuilder,
    formulas: dict[str, Formula],
) -> tuple[int, list[Group]]:
    spec = scenario.actors[actor]
    u = compile_utility(actor, spec, layout, builder, terms=scenario.terms_of(actor))
    groups: list[Group] = []
    for line in scenario.red_lines:
        if line.actor != actor or line.kind is not ConstraintKind.RED_LINE:
            continue
        origin = Origin(OriginKind.RED_LINE, line.ref, actor, line.path)
        z = builder.add_column(1.0, 1.0, integer=True, name=line.ref, origin=origin)
        formula = group_formula(line.require, line.when)
        compile_formula(formula, z, hard=False, ctx=Context(builder, layout, origin))
        formulas[line.ref] = formula
        groups.append(Group(line.ref, actor, GroupKind.RED_LINE, line.firmness, z, line.path))
    ref = reservation_text(actor)
    path = f"actors.{actor}.reservation"
    origin = Origin(OriginKind.RESERVATION, ref, actor, path)
    z = builder.add_column(1.0, 1.0, integer=True, name=ref, origin=origin)
    r = float(spec.reservation)
    # u >= r when z = 1; u >= 0 always, so the big-M form is u - r·z >= 0.
    builder.add_row({u: 1.0, z: -r}, 0.0, float("inf"), name=ref, origin=origin)
    groups.append(Group(ref, actor, GroupKind.RESERVATION, 1.0, z, path))
    return u, groups


def compile_scenario(scenario: Scenario) -> CompiledModel:
    """Compile `scenario` into one MILP whose feasible set is its ZOPA."""
    builder = IRBuilder()
    layout = _compile_issues(scenario, builder)
    formulas: dict[str, Formula] = {}
    rule_indicators = _compile_rules(scenario, layout, builder, formulas)
    utility_col: dict[str, int] = {}
    groups: list[Group] = []
    for actor in scenario.actors:
        utility_col[actor], actor_groups = _compile_actor(
            scenario, actor, layout, builder, formulas
        )
        groups.extend(actor_groups)
    return CompiledModel(
        scenario=scenario,
        ir=builder.freeze(),
        actors=tuple(scenario.actors),
        utility_col=utility_col,
        groups=tuple(groups),
        layout=layout,
        rule_indicators=rule_indicators,
        formulas=formulas,
    )


__all__ = [
    "CompiledModel",
    "Group",
    "GroupKind",
    "compile_scenario",
    "group_formula",
]
