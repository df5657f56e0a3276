"""Assertions for users' tests of their scenarios, with failure messages that say what varied.

Each helper analyses the scenario (or takes a `result=` already computed), checks one thing,
and returns the `Result` so a test can go on with it. A failure raises `AssertionError` with
a message that names the scenario, the variation under test (what `perturbed`/`positions`
moved, or what differs from a `baseline=`), and the analysis facts that explain the failure:

    expected a ZOPA, but none exists
      scenario: scenarios/ukraine.yaml
      variation: actors.russia.reservation: 0.5 -> 0.538
      conflicts: {russia/no-nato, ukraine/nato-path}
      cheapest relaxation: drop ukraine/nato-path (cost 0.6)

A ref that the scenario does not have (`"russia/no-nat"`) is a mistake in the test, not a
failed expectation: it raises `ValueError` naming the refs that exist.

`zopa.analyze` is imported when an assertion first runs, so importing this module stays
cheap and needs neither numpy nor a solver.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from zopa.scenario.scenario import Scenario

if TYPE_CHECKING:
    from zopa import Result
    from zopa.format.values import Deal

__all__ = [
    "assert_binding",
    "assert_conflict",
    "assert_no_zopa",
    "assert_not_binding",
    "assert_solution",
    "assert_zopa_exists",
    "describe_variation",
    "record_variation",
]

_REMEMBERED = 256
"""How many recent variants remember what moved (a bounded, most-recent-first record)."""

_variations: OrderedDict[int, tuple[Scenario, Scenario, tuple[tuple[str, Any, Any], ...]]] = (
    OrderedDict()
)


def record_variation(
    variant: Scenario, base: Scenario, changes: Mapping[str, tuple[Any, Any]]
) -> None:
    """Remember that `variant` is `base` with `changes` (path -> (old, new)) made, so that a
    failing assertion on `variant` can say so. `perturbed` and `positions` call this; call it
    yourself for variants you build with `with_changes`, or pass `baseline=` instead."""
    entry = (variant, base, tuple((p, old, new) for p, (old, new) in changes.items()))
    _variations[id(variant)] = entry  # the entry holds `variant`, so its id stays unique
    _variations.move_to_end(id(variant))
    while len(_variations) > _REMEMBERED:
        _variations.popitem(last=False)


def recorded_base(scenario: Scenario) -> tuple[Scenario, dict[str, Any]] | None:
    """The scenario `scenario` was derived from by `perturbed`/`positions`, and the `set=`
    that derived it; None if nothing was recorded."""
    entry = _variations.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        return None
    return entry[1], {path: new for path, _, new in entry[2]}


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, float):
        text = f"{value:.12g}"
    return text if len(text) <= 80 else text[:77] + "..."


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    """Where two raw scenario trees differ, as `path: old -> new` lines (file order)."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[str] = []
        for key in [*old, *(k for k in new if k not in old)]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in new:
                lines.append(f"{sub}: removed")
            elif key not in old:
                lines.append(f"{sub}: added {_short(new[key])}")
            else:
                lines.extend(_diff(old[key], new[key], sub))
        return lines
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            line
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for line in _diff(a, b, f"{path}.{i}")
        ]
    if old == new and type(old) is type(new):
        return []
    return [f"{path}: {_short(old)} -> {_short(new)}"]


def describe_variation(scenario: Scenario, *, baseline: Scenario | None = None) -> str | None:
    """What makes `scenario` a variant: its differences from `baseline` if given, else what
    `perturbed`/`positions` recorded for it; None if nothing is known."""
    if baseline is not None:
        lines = _diff(baseline.raw, scenario.raw)
        return "; ".join(lines) if lines else "none (same as the baseline)"
    entry = _variations.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        return None
    changes = entry[2]
    if not changes:
        return "none"
    return "; ".join(f"{path}: {_short(old)} -> {_short(new)}" for path, old, new in changes)


def _analyze(scenario: Scenario, result: Result | None, options: Mapping[str, Any]) -> Result:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"expected a zopa Scenario (zopa.load), got {type(scenario).__name__}")
    if result is not None:
        return result
    import zopa

    return zopa.analyze(scenario, **options)


def _refs(scenario: Scenario) -> list[str]:
    return [str(group) for group in scenario.groups]


def _check_ref(scenario: Scenario, ref: str) -> None:
    known = _refs(scenario)
    if ref not in known:
        raise ValueError(
            f"{ref!r} is not a red line or reservation of the scenario; it has: {', '.join(known)}"
        )


def _cost(value: float) -> str:
    return f"{value:.6g}"


def _facts(result: Result) -> list[str]:
    """The analysis facts that explain most failures, one line each."""
    diagnosis = result.diagnosis
    if not result.zopa.exists:
        lines = [
            "conflicts: "
            + ("; ".join("{" + ", ".join(c) + "}" for c in diagnosis.conflicts) or "none found")
        ]
        if diagnosis.relaxations:
            cheapest = diagnosis.relaxations[0]
            dropped = ", ".join(cheapest.drop)
            lines.append(f"cheapest relaxation: drop {dropped} (cost {_cost(cheapest.cost)})")
        if diagnosis.rules_infeasible:
            lines.append("the rules alone admit no deal")
        return lines
    lines = [
        "binding: " + (", ".join(diagnosis.binding) or "none"),
        "utility ranges: "
        + ", ".join(
            f"{a} {_cost(r.min)}..{_cost(r.max)}" for a, r in result.zopa.utilities.items()
        ),
    ]
    nash = result.solutions.get("nash")
    if nash is not None:
        lines.append(f"nash deal: {_deal_text(nash.deal)}")
    return lines


def _deal_text(deal: Deal) -> str:
    return ", ".join(f"{k}={_short(v)}" for k, v in deal.items())


def _fail(
    headline: str,
    scenario: Scenario,
    baseline: Scenario | None,
    details: Iterable[str],
) -> AssertionError:
    lines = [
        headline,
        f"  scenario: {scenario.name}" + (f" ({scenario.title})" if scenario.title else ""),
    ]
    variation = describe_variation(scenario, baseline=baseline)
    if variation is not None:
        lines.append(f"  variation: {variation}")
    lines.extend(f"  {line}" for line in details)
    return AssertionError("\n".join(lines))


def assert_zopa_exists(
    scenario: Scenario,
    *,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """Some deal satisfies every rule, red line and reservation. Returns the `Result`.

    Args:
        result: a `zopa.analyze(scenario)` already computed (else it is computed here).
        baseline: a scenario to show the differences from in the failure message.
        analyze_options: passed to `zopa.analyze` (e.g. `max_conflicts=5`).
    """
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    analysed = _analyze(scenario, result, analyze_options)
    if not analysed.zopa.exists:
        raise _fail("expected a ZOPA, but none exists", scenario, baseline, _facts(analysed))
    return analysed


def assert_no_zopa(
    scenario: Scenario,
    *,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """No deal satisfies every rule, red line and reservation. Returns the `Result`."""
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    analysed = _analyze(scenario, result, analyze_options)
    if analysed.zopa.exists:
        raise _fail("expected no ZOPA, but one exists", scenario, baseline, _facts(analysed))
    return analysed


def assert_binding(
    scenario: Scenario,
    ref: str,
    *,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """Red line or reservation `ref` (`"russia/no-nato"`) shapes the ZOPA: dropping it would
    enlarge it. Fails if there is no ZOPA. Returns the `Result`."""
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    _check_ref(scenario, ref)
    analysed = _analyze(scenario, result, analyze_options)
    if not analysed.zopa.exists:
        raise _fail(
            f"expected {ref} to be binding, but there is no ZOPA",
            scenario,
            baseline,
            _facts(analysed),
        )
    if ref not in analysed.diagnosis.binding:
        raise _fail(
            f"expected {ref} to be binding, but dropping it leaves the ZOPA as it is",
            scenario,
            baseline,
            _facts(analysed),
        )
    return analysed


def assert_not_binding(
    scenario: Scenario,
    ref: str,
    *,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """A ZOPA exists and `ref` does not shape it (dropping it changes nothing)."""
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    _check_ref(scenario, ref)
    analysed = _analyze(scenario, result, analyze_options)
    if not analysed.zopa.exists:
        raise _fail(
            f"expected {ref} not to be binding, but there is no ZOPA",
            scenario,
            baseline,
            _facts(analysed),
        )
    if ref in analysed.diagnosis.binding:
        raise _fail(
            f"expected {ref} not to be binding, but it shapes the ZOPA",
            scenario,
            baseline,
            _facts(analysed),
        )
    return analysed


def assert_conflict(
    scenario: Scenario,
    refs: Iterable[str],
    *,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """The constraint groups `refs` form one of the scenario's minimal conflicts (order does
    not matter). Returns the `Result`."""
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    wanted = list(refs)
    for ref in wanted:
        _check_ref(scenario, ref)
    analysed = _analyze(scenario, result, analyze_options)
    found = [set(c) for c in analysed.diagnosis.conflicts]
    if set(wanted) not in found:
        headline = (
            "expected the minimal conflict {"
            + ", ".join(wanted)
            + "}, but it is not among those found"
        )
        if analysed.zopa.exists:
            headline = (
                "expected the minimal conflict {" + ", ".join(wanted) + "}, but a ZOPA exists"
            )
        raise _fail(headline, scenario, baseline, _facts(analysed))
    return analysed


def assert_solution(
    scenario: Scenario,
    check: Callable[[Deal], bool],
    *,
    solution: str = "nash",
    what: str | None = None,
    result: Result | None = None,
    baseline: Scenario | None = None,
    **analyze_options: Any,
) -> Result:
    """The `solution` deal (`nash`, `kalai_smorodinsky`, `egalitarian`, `utilitarian`) exists
    and `check(deal)` is true. `what` says in words what `check` tests, for the message.

    Example::

        assert_solution(variant, lambda deal: deal["nato"] != "member",
                        what="NATO membership stays off the table")
    """
    __tracebackhide__ = True  # pytest shows the test's line, not this one
    analysed = _analyze(scenario, result, analyze_options)
    if solution not in analysed.solutions:
        raise ValueError(f"solution={solution!r} is not one of {', '.join(analysed.solutions)}")
    found = analysed.solutions[solution]
    described = what or getattr(check, "__name__", "the check")
    if found is None:
        raise _fail(
            f"expected a {solution} deal where {described}, but there is no ZOPA",
            scenario,
            baseline,
            _facts(analysed),
        )
    if not check(found.deal):
        utilities = ", ".join(f"{a} {_cost(u)}" for a, u in found.utilities.items())
        details = [
            f"{solution} deal: {_deal_text(found.deal)}",
            f"{solution} utilities: {utilities}",
        ]
        raise _fail(
            f"expected the {solution} deal to satisfy: {described}", scenario, baseline, details
        )
    return analysed
