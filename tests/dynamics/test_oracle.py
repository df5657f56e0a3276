"""Both games against brute force on small finite scenarios: every deal enumerated
(`zopa.testing.oracle`), the rules of issue 14 applied by plain evaluation, no solver."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

import zopa
from zopa.dynamics.equilibrium import plan
from zopa.dynamics.run import negotiate
from zopa.dynamics.settings import NegotiationSettings, settings_for
from zopa.format.values import Deal
from zopa.model.compile import compile_scenario
from zopa.scenario.evaluate import constraint_holds, utility
from zopa.scenario.scenario import Scenario
from zopa.testing import oracle

TOL = 1e-6
GRID = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
RED_LINES = ['c != "x"', "i <= 1", "flag or i >= 1", 'c == "z" or not flag']


@st.composite
def small_scenarios(draw: st.DrawFn) -> Scenario:
    actors: dict[str, Any] = {}
    for name in ["p", "q", "s"][: draw(st.integers(2, 3))]:
        prefs = {
            "i": {"weight": draw(st.integers(1, 3)), "curve": [[0, draw(GRID)], [2, draw(GRID)]]},
            "c": {
                "weight": draw(st.integers(1, 3)),
                "values": {o: draw(GRID) for o in ("x", "y", "z")},
            },
            "flag": {"weight": draw(st.integers(1, 3)), "values": {True: draw(GRID)}},
        }
        lines = draw(st.lists(st.sampled_from(RED_LINES), max_size=1, unique=True))
        actors[name] = {
            "preferences": prefs,
            "red_lines": [{"id": f"l{k}", "require": text} for k, text in enumerate(lines)],
            "reservation": draw(st.sampled_from([0.0, 0.2, 0.4])),
        }
    data = {
        "zopa": 1,
        "issues": {
            "i": {"type": "integer", "min": 0, "max": 2},
            "c": {"type": "choice", "options": ["x", "y", "z"]},
            "flag": {"type": "boolean"},
        },
        "actors": actors,
    }
    return zopa.loads(yaml.safe_dump(data, sort_keys=False), name="small.yaml")


def _utilities(scenario: Scenario, deal: Mapping[str, Any]) -> dict[str, float]:
    issues = scenario.model.issues
    return {a: float(utility(spec, issues, deal)) for a, spec in scenario.actors.items()}


def _lines_hold(scenario: Scenario, actor: str, deal: Mapping[str, Any]) -> bool:
    return all(
        constraint_holds(line, deal, tol=1e-9) for line in scenario.red_lines if line.actor == actor
    )


def _brute_plan(scenario: Scenario, game: NegotiationSettings) -> list[Deal | None]:
    """Backward induction over every ZOPA deal; the plan of each round, last round first."""
    zone = oracle.zopa_deals(scenario)
    table = [(deal, _utilities(scenario, deal)) for deal in zone]
    r = {a: float(spec.reservation) for a, spec in scenario.actors.items()}
    d = game.discount
    assert game.rounds is not None
    later = dict.fromkeys(scenario.actors, 0.0)
    offers: list[Deal | None] = []
    for k in range(1, game.rounds + 1):
        p = game.proposer(game.rounds - k + 1)
        delayed = {a: d[a] * later[a] for a in scenario.actors}
        ok = [
            (index, deal, u)
            for index, (deal, u) in enumerate(table)
            if all(u[j] - r[j] >= delayed[j] - TOL for j in u if j != p)
        ]
        if not ok:
            offers.append(None)
            later = delayed
            continue
        _, deal, u = min(
            ok, key=lambda e: (-round(e[2][p], 9), -round(sum(e[2].values()) - e[2][p], 9), e[0])
        )
        if u[p] - r[p] < delayed[p] - TOL:
            offers.append(None)
            later = delayed
        else:
            offers.append(deal)
            later = {a: u[a] - r[a] for a in u}
    return offers


@settings(max_examples=40)
@given(
    scenario=small_scenarios(),
    rounds=st.sampled_from([1, 3, 4]),
    discounts=st.lists(st.sampled_from([0.5, 0.8, 1.0]), min_size=3, max_size=3),
)
def test_equilibrium_matches_brute_force(
    scenario: Scenario, rounds: int, discounts: Sequence[float]
) -> None:
    compiled = compile_scenario(scenario)
    game = settings_for(
        compiled.actors, discount=dict(zip(compiled.actors, discounts, strict=False)), rounds=rounds
    )
    steps, _ = plan(compiled, game)
    expected = _brute_plan(scenario, game)
    assert [s.offer for s in steps] == expected
    event(f"{sum(o is not None for o in expected)} of {rounds} rounds plan an agreement")


def _brute_tactics(scenario: Scenario, game: NegotiationSettings) -> tuple[int | None, Deal | None]:
    deals = list(oracle.enumerate_deals(scenario))
    rules = list(scenario.rules)
    legal = [x for x in deals if all(constraint_holds(c, x, tol=1e-9) for c in rules)]
    u_of = [_utilities(scenario, x) for x in legal]
    r = {a: float(spec.reservation) for a, spec in scenario.actors.items()}
    assert game.rounds is not None and game.tactics is not None
    horizon = game.rounds
    top = {
        a: max(u[a] for x, u in zip(legal, u_of, strict=True) if _lines_hold(scenario, a, x))
        for a in scenario.actors
    }
    for t in range(1, horizon + 1):
        level = {}
        for a in scenario.actors:
            al = 1.0 if horizon == 1 else ((t - 1) / (horizon - 1)) ** (1 / game.tactics[a])
            level[a] = top[a] - al * (top[a] - r[a])
        p = game.proposer(t)
        others = [a for a in scenario.actors if a != p]
        options = [
            (index, x, u)
            for index, (x, u) in enumerate(zip(legal, u_of, strict=True))
            if _lines_hold(scenario, p, x) and u[p] >= max(level[p], r[p]) - 1e-9
        ]
        if not options:
            continue
        _, x, u = min(
            options,
            key=lambda e: (
                -round(min(e[2][j] for j in others), 9),
                -round(sum(e[2][j] for j in others), 9),
                e[0],
            ),
        )
        if all(_lines_hold(scenario, j, x) and u[j] >= max(level[j], r[j]) - TOL for j in others):
            return t, x
    return None, None


@settings(max_examples=30)
@given(
    scenario=small_scenarios(),
    rounds=st.sampled_from([1, 3, 5]),
    tactics=st.lists(st.sampled_from(["boulware", "linear", "conceder", 2.0]), min_size=3),
)
def test_tactics_match_brute_force(
    scenario: Scenario, rounds: int, tactics: Sequence[str | float]
) -> None:
    names = list(scenario.actors)
    try:
        result = negotiate(scenario, tactics=dict(zip(names, tactics, strict=False)), rounds=rounds)
    except zopa.ScenarioError as error:
        assert "has no deal" in str(error)
        return
    game = settings_for(names, tactics=dict(zip(names, tactics, strict=False)), rounds=rounds)
    round_, deal = _brute_tactics(scenario, game)
    agreement = result.play.agreement
    assert (None if agreement is None else agreement.round) == round_
    assert (None if agreement is None else dict(agreement.deal)) == deal
    event(f"agreed in round {round_}")
