"""A finite scenario as a constraint graph: issues are variables with their values in
canonical order, each rule or red line is a factor (a table of allowed value combinations)
over the issues it names, `when` included; and a min-fill elimination order over the graph.
The exact frontier dynamic program (`zopa.analysis.frontier_dp`) runs on it.

Each issue's values are reduced first: a value no factor allows is dropped, and among values
that every factor treats alike (the same allowed combinations of the other issues) only the
non-dominated ones are kept, the first of equal ones (a deal using a dominated value gets a
better, or equally good and canonically smaller, deal by swapping in its dominator: the
swap keeps every constraint). Kept values stay in canonical order.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zopa.analysis.separable import domain_of, formula_issues, frontier_order, issue_gains
from zopa.format.tolerances import VALUE_TOL
from zopa.format.values import Value
from zopa.scenario.evaluate import constraint_holds
from zopa.scenario.scenario import CheckedConstraint, Scenario

MAX_FACTOR_CELLS = 50_000
"""The largest table of one rule or red line (product of its issues' value counts): each cell
is one plain evaluation of the constraint (about 20 µs)."""

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Factor:
    """One constraint (or several over the same issues, and-ed): `allowed[v_1, ..., v_k]`
    for the issues `scope` (indices, ascending), value indices into `Graph.values`."""

    scope: tuple[int, ...]
    allowed: Bools


@dataclass(frozen=True, slots=True)
class Graph:
    """Issues in YAML order; per issue its kept values (canonical order), their original
    positions in the full domain, and `gains[k][i, a]`; the factors over two or more
    issues; `infeasible` when some constraint can hold on no deal at all."""

    issues: tuple[str, ...]
    values: tuple[tuple[Value, ...], ...]
    gains: tuple[Floats, ...]
    factors: tuple[Factor, ...]
    infeasible: bool

    def sizes(self) -> tuple[int, ...]:
        return tuple(len(v) for v in self.values)


def build_graph(scenario: Scenario) -> Graph | str:
    """The scenario's constraint graph, or the reason it has none (an issue is not finite
    or too large, a preference does not fit, a constraint's table is too large)."""
    issues = tuple(scenario.model.issues)
    index = {key: k for k, key in enumerate(issues)}
    domains: list[tuple[Value, ...]] = []
    for key, issue in scenario.model.issues.items():
        domain = domain_of(issue)
        if domain is None:
            return f"issue {key} is a real number or has too many values"
        domains.append(tuple(domain))
    scopes: dict[tuple[int, ...], list[CheckedConstraint]] = {}
    for constraint in scenario.constraints:
        named = formula_issues(constraint.require)
        if constraint.when is not None:
            named |= formula_issues(constraint.when)
        scopes.setdefault(tuple(sorted(index[n] for n in named)), []).append(constraint)
    factors: list[Factor] = []
    for scope, constraints in scopes.items():
        cells = math.prod(len(domains[k]) for k in scope)
        if cells > MAX_FACTOR_CELLS:
            names = ", ".join(issues[k] for k in scope)
            return f"a rule or red line over {names} has {cells} value combinations"
        factors.append(_table(issues, domains, scope, constraints))
    gains: list[Floats] = []
    for key, values in zip(issues, domains, strict=True):
        table = issue_gains(scenario, key, values)
        if table is None:
            return f"a preference on {key} does not fit the issue"
        gains.append(table)
    return _reduce(issues, domains, gains, factors)


def _table(
    issues: Sequence[str],
    domains: Sequence[tuple[Value, ...]],
    scope: tuple[int, ...],
    constraints: Sequence[CheckedConstraint],
) -> Factor:
    shape = tuple(len(domains[k]) for k in scope)
    allowed = np.zeros(math.prod(shape), dtype=bool)
    for cell, combo in enumerate(itertools.product(*(domains[k] for k in scope))):
        deal = {issues[k]: v for k, v in zip(scope, combo, strict=True)}
        allowed[cell] = all(constraint_holds(c, deal, tol=VALUE_TOL) for c in constraints)
    return Factor(scope, allowed.reshape(shape))


def _reduce(
    issues: tuple[str, ...],
    domains: Sequence[tuple[Value, ...]],
    gains: Sequence[Floats],
    factors: Sequence[Factor],
) -> Graph:
    """Drop values no factor allows and values dominated within their class (module
    docstring); constant and one-issue factors are used up here."""
    if any(f.scope == () and not bool(f.allowed) for f in factors):
        return Graph(issues, tuple(() for _ in issues), tuple(g[:0] for g in gains), (), True)
    coupling = [f for f in factors if len(f.scope) > 1]
    keep: list[list[int]] = []
    for k in range(len(issues)):
        ok = np.ones(len(domains[k]), dtype=bool)
        for f in factors:
            if f.scope == (k,):
                ok &= f.allowed
        slices = [_slices(f, k) for f in coupling if k in f.scope]
        for s in slices:
            ok &= s.any(axis=1)
        classes: dict[bytes, list[int]] = {}
        for i in np.flatnonzero(ok).tolist():
            classes.setdefault(b"".join(s[i].tobytes() for s in slices), []).append(i)
        kept: list[int] = []
        for members in classes.values():
            rows = np.array(members, dtype=np.int64)
            best = frontier_order(gains[k][rows], rows[:, None])
            kept += rows[best].tolist()
        keep.append(sorted(kept))
    infeasible = any(not kept for kept in keep)
    reduced = [
        Factor(f.scope, f.allowed[np.ix_(*(np.array(keep[k], dtype=np.int64) for k in f.scope))])
        for f in coupling
    ]
    return Graph(
        issues,
        tuple(tuple(domains[k][i] for i in kept) for k, kept in enumerate(keep)),
        tuple(gains[k][np.array(kept, dtype=np.int64)] for k, kept in enumerate(keep)),
        tuple(reduced),
        infeasible,
    )


def _slices(factor: Factor, k: int) -> Bools:
    """`factor.allowed` with issue k's axis first, the rest flattened."""
    axis = factor.scope.index(k)
    moved = np.moveaxis(factor.allowed, axis, 0)
    return moved.reshape(moved.shape[0], -1)


def elimination_order(graph: Graph) -> tuple[tuple[int, ...], int]:
    """A min-fill order of the issues (ties: fewer neighbours, then YAML order) and its
    induced width (the largest number of neighbours an issue has when eliminated)."""
    neighbours: dict[int, set[int]] = {k: set() for k in range(len(graph.issues))}
    for f in graph.factors:
        for a in f.scope:
            neighbours[a] |= set(f.scope) - {a}
    order: list[int] = []
    width = 0
    while neighbours:

        def cost(k: int) -> tuple[int, int, int]:
            near = sorted(neighbours[k])
            fill = sum(
                1 for i, a in enumerate(near) for b in near[i + 1 :] if b not in neighbours[a]
            )
            return fill, len(near), k

        k = min(neighbours, key=cost)
        near = neighbours.pop(k)
        width = max(width, len(near))
        for a in near:
            neighbours[a] |= near - {a}
            neighbours[a].discard(k)
        order.append(k)
    return tuple(order), width


__all__ = ["MAX_FACTOR_CELLS", "Factor", "Graph", "build_graph", "elimination_order"]
