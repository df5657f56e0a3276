"""Hypothesis strategies for property tests of scenarios: zopa's public testing API.

    from hypothesis import given
    from zopa.testing import strategies as zst

    @given(zst.perturbed(zopa.load("scenarios/ukraine.yaml"), rel=0.1))
    def test_my_claim(variant): ...

Every scenario drawn is valid by construction and loaded through `zopa.loads`, so a test gets
a real `Scenario`, as `zopa.load` returns for a file. Composites are built by hand around a
*planted deal* (`zopa.testing._generate`), never by `st.builds` inference, which would ignore
the format's validators.

- `scenarios()`: random valid scenarios, with or without a ZOPA.
- `planted_deals()` / `feasible_scenarios()`: every rule, red line and reservation accepts
  the planted deal, so a ZOPA exists and contains it.
- `planted_conflicts()` / `infeasible_scenarios()`: a feasible scenario plus a conflict
  planted on a fresh issue; that pair is the only minimal conflict, and dropping either
  member alone opens a ZOPA (`PlantedConflict.witnesses` holds the deal that proves it).
- `perturbed(scenario, rel=0.1)`: a loaded scenario with its numbers moved, still valid.
- `positions(scenario, actor)`: one actor's red-line thresholds and reservation moved.
- `with_terms(strategy)`: scenarios of `strategy` with conditional utility terms added.
- `deals(scenario)`: deals of a scenario's deal space (in its ZOPA or not).
- `scenario_data()` / `scenario_texts()`: the plain data and YAML text behind `scenarios()`.

Shrinking goes towards fewer issues, actors and red lines, simpler expressions, and (for
`perturbed`) towards the unchanged scenario. Invalid arguments raise Hypothesis's
`InvalidArgument` when the strategy is created.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as _missing:  # pragma: no cover - exercised by a subprocess test
    raise ImportError(
        "zopa.testing.strategies needs the hypothesis package; install it with "
        "`pip install hypothesis` (zopa lists it among its dependencies)"
    ) from _missing

import math

import zopa
from zopa.format.schema import BooleanIssue, ChoiceIssue, IntegerIssue, NumberIssue
from zopa.format.values import Deal, Value
from zopa.scenario.scenario import Scenario
from zopa.testing import _draw, _perturb
from zopa.testing import _generate as gen
from zopa.testing._terms import with_terms
from zopa.testing.assertions import record_variation, recorded_base

__all__ = [
    "ISSUE_KINDS",
    "RESERVED_IDS",
    "PlantedConflict",
    "PlantedDeal",
    "deals",
    "feasible_scenarios",
    "infeasible_scenarios",
    "perturbed",
    "planted_conflicts",
    "planted_deals",
    "positions",
    "reproduce",
    "scenario_data",
    "scenario_texts",
    "scenarios",
    "with_terms",
]

ISSUE_KINDS = _draw.ISSUE_KINDS
"""The issue types of format 1, in the order FORMAT.md lists them."""

RESERVED_IDS = _draw.RESERVED_IDS
"""Words generated ids avoid: the expression keywords (`and or not in true false`) and the
solution names that `expect:` expressions use as scopes (`nash.territory`)."""


@dataclass(frozen=True, slots=True)
class PlantedDeal:
    """A scenario and a deal that every rule, red line and reservation of it accepts.

    `deal` maps every issue id (declared order) to its value: a float for a number, an int
    for an integer, an option for a choice, a bool, or a tuple of steps for a sequence.
    `utilities` holds each actor's exact utility of it; each positive reservation lies at
    least a tenth of that utility below it (a reservation of 0 always holds).
    """

    scenario: Scenario
    deal: Deal
    utilities: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class PlantedConflict:
    """A scenario with no ZOPA, and why: `conflict` names the two constraint groups
    (`ACTOR/ID` or `ACTOR/reservation`, in YAML order: actors in order, each actor's red
    lines before its reservation) that cannot hold together.

    Everything else accepts a common deal, so `conflict` is the scenario's only minimal
    conflict and its minimal relaxations are exactly `(a,)` and `(b,)`. `witnesses[ref]` is
    a deal that satisfies every rule and group except `ref`; `firmness[ref]` is the cost of
    dropping `ref` (1 for a reservation).
    """

    scenario: Scenario
    conflict: tuple[str, str]
    witnesses: Mapping[str, Deal]
    firmness: Mapping[str, float]


_GENERATED = "<hypothesis>"
"""The name of every scenario these strategies generate."""


def _load(text: str) -> Scenario:
    return zopa.loads(text, name=_GENERATED)


def reproduce(scenario: Scenario) -> str:
    """Python that rebuilds `scenario`: `zopa.loads(...)` of its YAML for a generated one,
    `zopa.load(...)` for a file, followed by the `.with_changes(set=...)` that `perturbed`
    or `positions` made. Hypothesis shows scenarios this way in failing examples (a
    scenario's own repr runs to pages)."""
    recorded = recorded_base(scenario)
    if recorded is not None:
        base, changes = recorded
        return f"{reproduce(base)}.with_changes(set={changes!r})"
    if scenario.name == _GENERATED or scenario.base_dir is None:
        return f"zopa.loads({gen.dump(scenario.raw)!r})"
    return f"zopa.load({scenario.name!r})"


def _pretty(scenario: Scenario, printer: Any, cycle: bool) -> None:
    printer.text(reproduce(scenario))


try:  # Hypothesis's (IPython-compatible) printer registry; without it, the plain repr shows
    from hypothesis.vendor.pretty import for_type_by_name

    for_type_by_name(Scenario.__module__, Scenario.__qualname__, _pretty)
except (ImportError, AttributeError):  # pragma: no cover - an older or newer Hypothesis
    pass


@st.composite
def _data(draw: st.DrawFn, limits: gen.Limits) -> dict[str, Any]:
    return gen.draw_draft(draw, limits, feasible=False).data()


def scenario_data(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[dict[str, Any]]:
    """Plain data of valid scenarios: what `yaml.safe_load` of a scenario file gives.

    Args:
        max_issues, max_actors: upper bounds (at least one of each is drawn).
        max_red_lines: per actor. max_rules: top-level rules (rules always accept the
            planted deal, so they alone never rule out every deal).
        kinds: the issue types to draw from, a subset of `ISSUE_KINDS`.
    """
    return _data(gen.limits(max_issues, max_actors, max_red_lines, max_rules, kinds))


def scenario_texts(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[str]:
    """YAML text of valid scenarios (arguments as for `scenario_data`)."""
    data = scenario_data(
        max_issues=max_issues,
        max_actors=max_actors,
        max_red_lines=max_red_lines,
        max_rules=max_rules,
        kinds=kinds,
    )
    return data.map(gen.dump)


def scenarios(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[Scenario]:
    """Random valid scenarios, with or without a ZOPA (arguments as for `scenario_data`).

    Example::

        @given(zst.scenarios(max_actors=2, kinds=["choice", "boolean"]))
        def test_something(scenario): ...
    """
    texts = scenario_texts(
        max_issues=max_issues,
        max_actors=max_actors,
        max_red_lines=max_red_lines,
        max_rules=max_rules,
        kinds=kinds,
    )
    return texts.map(_load)


@st.composite
def _planted_deal(draw: st.DrawFn, limits: gen.Limits) -> PlantedDeal:
    draft = gen.draw_draft(draw, limits, feasible=True)
    return PlantedDeal(_load(gen.dump(draft.data())), draft.deal(), draft.utilities())


def planted_deals(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[PlantedDeal]:
    """Scenarios with a ZOPA, each with a deal of it (arguments as for `scenario_data`)."""
    return _planted_deal(gen.limits(max_issues, max_actors, max_red_lines, max_rules, kinds))


def feasible_scenarios(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[Scenario]:
    """Scenarios that certainly have a ZOPA (see `planted_deals`)."""
    planted = planted_deals(
        max_issues=max_issues,
        max_actors=max_actors,
        max_red_lines=max_red_lines,
        max_rules=max_rules,
        kinds=kinds,
    )
    return planted.map(lambda p: p.scenario)


def _yaml_order(scenario: Scenario) -> list[str]:
    """Constraint groups in YAML order: each actor's red lines, then its reservation."""
    return [str(group) for group in scenario.groups]


@st.composite
def _planted_conflict(draw: st.DrawFn, limits: gen.Limits) -> PlantedConflict:
    drawn = gen.draw_conflict(draw, limits)
    scenario = _load(gen.dump(drawn.draft.data()))
    order = _yaml_order(scenario)
    first, second = sorted(drawn.refs, key=order.index)
    return PlantedConflict(scenario, (first, second), drawn.witnesses, drawn.firmness)


def planted_conflicts(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[PlantedConflict]:
    """Scenarios with no ZOPA and exactly one, known, minimal conflict.

    Arguments as for `scenario_data`; the conflict lives on one issue more than
    `max_issues`, of a kind drawn from `kinds`, and adds a red line to one or two actors
    (for a choice or boolean, sometimes a reservation demand instead of the first).
    """
    return _planted_conflict(gen.limits(max_issues, max_actors, max_red_lines, max_rules, kinds))


def infeasible_scenarios(
    *,
    max_issues: int = 4,
    max_actors: int = 3,
    max_red_lines: int = 3,
    max_rules: int = 1,
    kinds: Collection[str] = ISSUE_KINDS,
) -> st.SearchStrategy[Scenario]:
    """Scenarios that certainly have no ZOPA (see `planted_conflicts`)."""
    planted = planted_conflicts(
        max_issues=max_issues,
        max_actors=max_actors,
        max_red_lines=max_red_lines,
        max_rules=max_rules,
        kinds=kinds,
    )
    return planted.map(lambda p: p.scenario)


def _check_scenario(scenario: Any) -> Scenario:
    if not isinstance(scenario, Scenario):
        raise InvalidArgument(f"scenario={scenario!r} must be a zopa Scenario (zopa.load)")
    return scenario


def deals(scenario: Scenario) -> st.SearchStrategy[dict[str, Value]]:
    """Deals of `scenario`'s deal space, in declared issue order. They need not satisfy any
    rule, red line or reservation. Numbers are finite floats within [min, max]."""
    parts: dict[str, st.SearchStrategy[Value]] = {}
    for issue_id, issue in _check_scenario(scenario).model.issues.items():
        if isinstance(issue, NumberIssue):
            parts[issue_id] = st.floats(float(issue.min), float(issue.max))
        elif isinstance(issue, IntegerIssue):
            parts[issue_id] = st.integers(issue.min, issue.max)
        elif isinstance(issue, ChoiceIssue):
            parts[issue_id] = st.sampled_from(issue.options)
        elif isinstance(issue, BooleanIssue):
            parts[issue_id] = st.booleans()
        else:
            parts[issue_id] = st.permutations(issue.steps).map(tuple)
    order = list(parts)
    return st.fixed_dictionaries(parts).map(lambda deal: {k: deal[k] for k in order})


@dataclass(frozen=True, slots=True)
class _Plan:
    """What `perturbed` moves, checked once."""

    scenario: Scenario
    numbers: tuple[_perturb.Movable, ...]
    rel: float
    absolute: float


def _reach(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgument(f"{name}={value!r} must be a number >= 0")
    if not (0 <= value < math.inf):
        raise InvalidArgument(f"{name}={value!r} must be a finite number >= 0")
    return float(value)


def _selected(
    numbers: list[_perturb.Movable], paths: Iterable[str] | str | None, *, each_must_match: bool
) -> list[_perturb.Movable]:
    if paths is None:
        return numbers
    patterns = [paths] if isinstance(paths, str) else list(paths)
    if each_must_match:
        for pattern in patterns:
            if not any(_perturb.matches(n.path, [pattern]) for n in numbers):
                known = ", ".join(dict.fromkeys(n.path for n in numbers))
                raise InvalidArgument(
                    f"paths: {pattern!r} names no number of the scenario (a path names a "
                    f"number or everything under it; `*` stands for one key). Numbers: {known}"
                )
    return [n for n in numbers if _perturb.matches(n.path, patterns)]


@st.composite
def _perturb_draw(draw: st.DrawFn, plan: _Plan) -> Scenario:
    unit = st.floats(-1.0, 1.0)
    moves = {n: _perturb.moved(n, draw(unit), plan.rel, plan.absolute) for n in plan.numbers}
    changes = _perturb.changes(plan.scenario.raw, moves)
    if not changes:
        return plan.scenario
    variant = plan.scenario.with_changes(set={path: new for path, (_, new) in changes.items()})
    record_variation(variant, plan.scenario, changes)
    return variant


def _perturbation(
    scenario: Scenario,
    rel: float,
    absolute: float,
    paths: Iterable[str] | str | None,
    *,
    each_must_match: bool,
) -> st.SearchStrategy[Scenario]:
    _check_scenario(scenario)
    numbers = _selected(
        _perturb.movable_numbers(scenario.raw), paths, each_must_match=each_must_match
    )
    plan = _Plan(scenario, tuple(numbers), _reach("rel", rel), _reach("absolute", absolute))
    if not plan.numbers or (plan.rel == 0 and plan.absolute == 0):
        return st.just(scenario)
    return _perturb_draw(plan)


def perturbed(
    scenario: Scenario,
    *,
    rel: float = 0.1,
    absolute: float = 0.0,
    paths: Iterable[str] | str | None = None,
) -> st.SearchStrategy[Scenario]:
    """`scenario` with its numbers moved, each by up to `rel` times its size plus
    `absolute`, and kept valid.

    What moves: issue bounds and status quo; thresholds in the `require` and `when` of rules
    and red lines (a literal that scales a term, as in `2 * x`, stays); firmness; preference
    weights, curve points and values; reservations (an absent one counts as 0). What keeps
    them valid: reservations and preference values stay in [0, 1], weights and firmness
    positive, curve points in order, integers whole, each issue's `min <= max` (a pair that
    would cross stays put) with its status quo inside. Variants come from
    `scenario.with_changes(set=...)`; assertions in `zopa.testing` print what moved.

    Args:
        rel: the relative reach; 0.1 moves a number by up to 10% of its value.
        absolute: an absolute reach added to it; `rel=0, absolute=0.1` moves every number by
            up to ±0.1, zeros included.
        paths: only these dotted paths; a path names a number or everything under it, `*`
            stands for one key: `"actors.russia.reservation"`, `["actors.*.red_lines"]`.
            A path that names no number raises `InvalidArgument`.
    """
    return _perturbation(scenario, rel, absolute, paths, each_must_match=True)


def positions(
    scenario: Scenario, actor: str, *, rel: float = 0.1, absolute: float = 0.0
) -> st.SearchStrategy[Scenario]:
    """`scenario` with one actor's position moved: the thresholds in its red lines'
    `require`/`when` and its reservation, as `perturbed` moves them."""
    if actor not in _check_scenario(scenario).actors:
        known = ", ".join(scenario.actors)
        raise InvalidArgument(f"actor={actor!r} is not an actor of the scenario; actors: {known}")
    base = f"actors.{actor}"
    paths = [f"{base}.red_lines.*.require", f"{base}.red_lines.*.when", f"{base}.reservation"]
    return _perturbation(scenario, rel, absolute, paths, each_must_match=False)
