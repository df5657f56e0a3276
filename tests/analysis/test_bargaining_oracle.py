"""The bargaining solutions against brute force on random finite scenarios, and their
invariants: each criterion equals the best over every enumerated ZOPA deal, ties go to the
highest sum of utilities and then to the canonical deal; every solution is in the ZOPA and
on the frontier; renaming or reordering actors, or scaling an actor's weights, changes
nothing (solutions and frontier)."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml
from hypothesis import given, settings

import zopa
from zopa.analysis.bargaining import bargaining_solutions
from zopa.analysis.pareto import pareto_frontier
from zopa.analysis.result import Solution
from zopa.analysis.zone import compute_zone
from zopa.format.schema import BooleanIssue, ChoiceIssue, IntegerIssue, SequenceIssue
from zopa.format.tolerances import POSITIVE_GAIN
from zopa.format.values import Value
from zopa.model.compile import compile_scenario
from zopa.scenario.evaluate import utility, violations
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle
from zopa.testing import strategies as zst

FINITE = ("integer", "choice", "boolean", "sequence")
TOL = 1e-6
"""The stage tolerance of the solutions (`tiebreak.OPTIMUM_TOL`)."""

EXAMPLES = settings(max_examples=max(5, settings.default.max_examples // 4))

Deal = Mapping[str, Value]


def solutions_of(scenario: Scenario) -> dict[str, Solution]:
    compiled = compile_scenario(scenario)
    out = bargaining_solutions(compiled, compute_zone(compiled))
    return {name: s for name, s in out.items() if s is not None}


def canonical_key(scenario: Scenario, deal: Deal) -> tuple[int, ...]:
    """The canonical deal order (tiebreak): issues in order; option index, false < true,
    integers ascending, a sequence's step positions in declared step order."""
    key: list[int] = []
    for name, issue in scenario.model.issues.items():
        value = deal[name]
        if isinstance(issue, ChoiceIssue):
            key.append(issue.options.index(str(value)))
        elif isinstance(issue, BooleanIssue | IntegerIssue):
            key.append(int(value))  # type: ignore[arg-type]
        elif isinstance(issue, SequenceIssue):
            assert isinstance(value, tuple)
            key.extend(value.index(step) for step in issue.steps)
    return tuple(key)


class Brute:
    """Every ZOPA deal with its utilities and gains, and the documented selection rules."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.actors = tuple(scenario.actors)
        issues = scenario.model.issues
        self.deals = oracle.zopa_deals(scenario)
        self.utilities = [
            {a: utility(actor, issues, d) for a, actor in scenario.actors.items()}
            for d in self.deals
        ]
        reservation = {a: float(actor.reservation) for a, actor in scenario.actors.items()}
        self.gains = [{a: u[a] - reservation[a] for a in self.actors} for u in self.utilities]
        ideal = {a: max(g[a] for g in self.gains) for a in self.actors}
        self.ideal = ideal
        self.counted = [a for a in self.actors if ideal[a] > POSITIVE_GAIN]

    def pick(self, stages: Sequence[Callable[[int], float]]) -> Deal:
        """Each stage (higher is better) kept within TOL of its best, then the highest sum
        of utilities, then the canonical deal."""
        alive = list(range(len(self.deals)))
        for stage in [*stages, self.total]:
            best = max(stage(i) for i in alive)
            slack = TOL * max(1.0, abs(best)) if best > -math.inf else 0.0
            alive = [i for i in alive if stage(i) >= best - slack]
        return self.deals[min(alive, key=lambda i: canonical_key(self.scenario, self.deals[i]))]

    def total(self, i: int) -> float:
        return sum(self.utilities[i].values())

    def positives(self, i: int) -> list[float]:
        return [self.gains[i][a] for a in self.counted if self.gains[i][a] >= POSITIVE_GAIN]

    def nash(self) -> Deal:
        most = max(len(self.positives(i)) for i in range(len(self.deals)))

        def log_product(i: int) -> float:
            gains = self.positives(i)
            return sum(map(math.log, gains)) if len(gains) == most else -math.inf

        return self.pick([log_product])

    def kalai_smorodinsky(self) -> Deal:
        def share(i: int) -> float:
            return min((self.gains[i][a] / self.ideal[a] for a in self.counted), default=0.0)

        return self.pick([share])

    def egalitarian(self) -> Deal:
        def smallest(k: int) -> Callable[[int], float]:
            return lambda i: sum(sorted(self.gains[i][a] for a in self.counted)[:k])

        return self.pick([smallest(k) for k in range(1, len(self.counted))])

    def utilitarian(self) -> Deal:
        return self.pick([])

    def frontier(self) -> set[tuple[float, ...]]:
        vectors = {tuple(round(u[a], 9) for a in self.actors) for u in self.utilities}
        return {
            v
            for v in vectors
            if not any(w != v and all(x >= y for x, y in zip(w, v, strict=True)) for w in vectors)
        }


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_each_solution_is_the_brute_force_choice(scenario: Scenario) -> None:
    brute = Brute(scenario)
    solutions = solutions_of(scenario)
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        expect = getattr(brute, name)()
        assert dict(solutions[name].deal) == dict(expect), name


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_every_solution_is_in_the_zopa_and_on_the_frontier(scenario: Scenario) -> None:
    brute = Brute(scenario)
    frontier = brute.frontier()
    for name, solution in solutions_of(scenario).items():
        assert violations(scenario, solution.deal, tol=1e-9) == [], name
        vector = tuple(round(solution.utilities[a], 9) for a in brute.actors)
        assert vector in frontier, name


class _Quoting(yaml.SafeDumper):
    """Every string double-quoted, so YAML 1.2 reads back exactly what was written (a plain
    `08` would come back as the number 8)."""


_Quoting.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def renamed(scenario: Scenario, scale: float = 1.0) -> tuple[Scenario, dict[str, str]]:
    """The scenario with every actor renamed and their order reversed; the last actor's
    preference weights multiplied by `scale`."""
    raw: dict[str, Any] = copy.deepcopy(scenario.raw)
    raw.pop("expect", None)
    names = {a: f"r_{a}" for a in raw["actors"]}
    order = list(reversed(list(raw["actors"])))
    raw["actors"] = {names[a]: raw["actors"][a] for a in order}
    for pref in raw["actors"][names[order[0]]].get("preferences", {}).values():
        pref["weight"] = pref["weight"] * scale
    return zopa.loads(yaml.dump(raw, Dumper=_Quoting, sort_keys=False)), names


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_renaming_and_reordering_actors_changes_nothing(scenario: Scenario) -> None:
    other, names = renamed(scenario)
    before, after = solutions_of(scenario), solutions_of(other)
    for name, solution in before.items():
        assert dict(after[name].deal) == dict(solution.deal), name
        assert {a: after[name].utilities[names[a]] for a in names} == dict(solution.utilities)


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_scaling_an_actors_weights_changes_nothing(scenario: Scenario) -> None:
    base, names = renamed(scenario)
    scaled, _ = renamed(scenario, scale=3.0)
    before, after = solutions_of(base), solutions_of(scaled)
    for name, solution in before.items():
        assert dict(after[name].deal) == dict(solution.deal), name
        for actor in names.values():
            assert math.isclose(
                after[name].utilities[actor], solution.utilities[actor], abs_tol=1e-12
            )


@EXAMPLES
@given(zst.feasible_scenarios(max_issues=3, max_actors=3, max_red_lines=3, kinds=FINITE))
def test_renaming_and_reordering_actors_keeps_the_frontier(scenario: Scenario) -> None:
    """The same deals with the same utilities (listed in another order: the first actor
    leads the order)."""
    other, names = renamed(scenario)

    def points(s: Scenario, rename: Mapping[str, str]) -> list[tuple[str, str]]:
        found, _ = pareto_frontier(compile_scenario(s))
        return sorted(
            (repr(dict(p.deal)), repr(sorted((rename[a], u) for a, u in p.utilities.items())))
            for p in found
        )

    same = {n: n for n in names.values()}
    assert points(scenario, names) == points(other, same)
