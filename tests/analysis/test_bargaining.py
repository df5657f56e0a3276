"""The bargaining solutions on textbook problems whose answers are derived by hand here:
Nash's (1950) barter between Bill and Jack, Kalai and Smorodinsky's (1975) example where
the two solutions part ways, a split of a pie with a concave utility, and the documented
rules for actors left out, gains that cannot all be positive, ties and no ZOPA."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import pytest

import zopa
from zopa.analysis.bargaining import bargaining_solutions
from zopa.analysis.result import Solution
from zopa.analysis.zone import compute_zone
from zopa.format.solutions import SOLUTION_NAMES
from zopa.model.compile import compile_scenario


def solve(text: str) -> dict[str, Solution | None]:
    compiled = compile_scenario(zopa.loads(text))
    return bargaining_solutions(compiled, compute_zone(compiled))


def solved(text: str) -> dict[str, Solution]:
    out = solve(text)
    assert all(s is not None for s in out.values())
    return {k: s for k, s in out.items() if s is not None}


def number(solution: Solution, issue: str) -> float:
    value = solution.deal[issue]
    assert isinstance(value, float)
    return value


# --- Nash (1950): Bill and Jack ---------------------------------------------------------------

BILL = {
    "book": 2,
    "whip": 2,
    "ball": 2,
    "bat": 2,
    "box": 4,
    "pen": 10,
    "toy": 4,
    "knife": 6,
    "hat": 2,
}
JACK = {
    "book": 4,
    "whip": 2,
    "ball": 1,
    "bat": 2,
    "box": 1,
    "pen": 1,
    "toy": 1,
    "knife": 2,
    "hat": 2,
}
BILLS_GOODS = ("book", "whip", "ball", "bat", "box")


def barter_yaml() -> str:
    """Each good goes to Bill or to Jack. A utility is the value of what one ends up with,
    scaled by the total (34 for Bill, 16 for Jack); the reservation is what one holds now
    (Bill 12 of 34, Jack 6 of 16), so gains are the paper's utility changes, scaled."""
    lines = ["zopa: 1", "issues:"]
    lines += [f"  {g}: {{type: choice, options: [bill, jack]}}" for g in BILL]
    lines.append("actors:")
    for name, table, total, held in (("bill", BILL, 34, 12), ("jack", JACK, 16, 6)):
        lines += [f"  {name}:", "    preferences:"]
        lines += [f"      {g}: {{weight: {w}, values: {{{name}: 1}}}}" for g, w in table.items()]
        lines.append(f"    reservation: {held / total!r}")
    return "\n".join(lines) + "\n"


def test_nash_barter_matches_the_paper() -> None:
    """Nash's answer: Bill gives Jack book, whip, ball and bat; Jack gives Bill pen, toy and
    knife. Gains in the paper's units: Bill 20 - 8 = 12, Jack 9 - 4 = 5, product 60."""
    nash = solved(barter_yaml())["nash"]
    assert dict(nash.deal) == {
        "book": "jack", "whip": "jack", "ball": "jack", "bat": "jack", "box": "bill",
        "pen": "bill", "toy": "bill", "knife": "bill", "hat": "jack",
    }  # fmt: skip
    assert nash.utilities["bill"] == pytest.approx((12 + 12) / 34, abs=1e-12)
    assert nash.utilities["jack"] == pytest.approx((6 + 5) / 16, abs=1e-12)


def test_nash_barter_is_the_best_product_of_the_utility_possibility_set() -> None:
    """The utility-possibility set of the 2^9 pure trades, from the paper's tables: the
    product 60 at (12, 5) is the unique maximum among the trades both accept."""
    gains: dict[tuple[int, int], int] = {}
    for owners in itertools.product(("bill", "jack"), repeat=len(BILL)):
        bill = sum(BILL[g] for g, o in zip(BILL, owners, strict=True) if o == "bill") - 12
        jack = sum(JACK[g] for g, o in zip(JACK, owners, strict=True) if o == "jack") - 6
        if bill >= 0 and jack >= 0:
            gains[(bill, jack)] = gains.get((bill, jack), 0) + 1
    best = max(gains, key=lambda g: g[0] * g[1])
    assert best == (12, 5)
    assert gains[best] == 1
    assert sorted(g[0] * g[1] for g in gains)[-2] == 56  # (14, 4): the runner-up
    nash = solved(barter_yaml())["nash"]
    product = (nash.utilities["bill"] * 34 - 12) * (nash.utilities["jack"] * 16 - 6)
    assert product == pytest.approx(60, abs=1e-9)


def test_every_solution_of_the_barter_is_nashs_trade() -> None:
    """Ideal gains are 18 (Bill) and 8 (Jack). At (12, 5): KS ratio min(12/18, 5/8) = 0.625,
    smallest scaled gain 5/16, sum 12/34 + 5/16 = 0.6654; the runners-up (10, 5), (14, 4)
    and (6, 7) do worse on each, so all four solutions agree here."""
    solutions = solved(barter_yaml())
    deals = {name: dict(s.deal) for name, s in solutions.items()}
    assert all(deal == deals["nash"] for deal in deals.values())


# --- Kalai and Smorodinsky (1975) ----------------------------------------------------------

KS_S1 = """
zopa: 1
issues: {x: {type: number, min: 0, max: 2}}
actors:
  one: {preferences: {x: {weight: 1, curve: [[0, 0], [1, 0.75], [2, 1]]}}}
  two: {preferences: {x: {weight: 1, curve: [[0, 1], [1, 0.75], [2, 0]]}}}
"""
KS_S2 = """
zopa: 1
issues: {x: {type: number, min: 0, max: 1}}
actors:
  one: {preferences: {x: {weight: 1, curve: [[0, 0], [1, 1]]}}}
  two: {preferences: {x: {weight: 1, curve: [[0, 1], [1, 0.7]]}}}
"""


def test_kalai_smorodinsky_example_s1() -> None:
    """S1: frontier (0, 1) - (3/4, 3/4) - (1, 0). Symmetric, so Nash = KS = (3/4, 3/4):
    on the first edge (3t/4, 1 - t/4) the product's derivative 3/4 (1 - t/2) > 0 up to
    t = 1; on the second edge it decreases from there."""
    solutions = solved(KS_S1)
    for name in ("nash", "kalai_smorodinsky", "egalitarian"):
        assert number(solutions[name], "x") == pytest.approx(1.0, abs=1e-7)
        assert solutions[name].utilities["two"] == pytest.approx(0.75, abs=1e-7)


def test_kalai_smorodinsky_example_s2_parts_the_solutions() -> None:
    """S2 ⊇ S1 with frontier (0, 1) - (1, 0.7). Nash: x (1 - 0.3x) rises on [0, 1], so
    x = 1 and player two gets 0.7 < 0.75 (not monotone). KS: ideals (1, 1), so
    x = 1 - 0.3x, x = 10/13, and player two gets 10/13 > 0.75."""
    solutions = solved(KS_S2)
    assert number(solutions["nash"], "x") == pytest.approx(1.0, abs=1e-9)
    assert solutions["nash"].utilities["two"] == pytest.approx(0.7, abs=1e-9)
    ks = solutions["kalai_smorodinsky"]
    assert number(ks, "x") == pytest.approx(10 / 13, abs=1e-8)
    assert ks.utilities["one"] == pytest.approx(10 / 13, abs=1e-8)
    assert ks.utilities["two"] == pytest.approx(10 / 13, abs=1e-8)
    assert number(solutions["utilitarian"], "x") == pytest.approx(1.0, abs=1e-9)


def test_kalai_smorodinsky_is_not_egalitarian_when_ideals_differ() -> None:
    """Player two's curve halved: ideals (1, 0.5). KS keeps x = 10/13 (it ignores scale):
    utilities (10/13, 5/13). Egalitarian equalises gains: x = 0.5 - 0.15x, x = 10/23."""
    text = KS_S2.replace("[[0, 1], [1, 0.7]]", "[[0, 0.5], [1, 0.35]]")
    solutions = solved(text)
    ks, egal = solutions["kalai_smorodinsky"], solutions["egalitarian"]
    assert number(ks, "x") == pytest.approx(10 / 13, abs=1e-8)
    assert ks.utilities["two"] == pytest.approx(5 / 13, abs=1e-8)
    assert number(egal, "x") == pytest.approx(10 / 23, abs=1e-8)
    assert egal.utilities["one"] == pytest.approx(egal.utilities["two"], abs=1e-8)
    assert number(solutions["nash"], "x") == pytest.approx(1.0, abs=1e-9)  # scale-free


# --- splitting a pie with a concave utility --------------------------------------------------

GRID = 100
"""Breakpoints of the piecewise-linear sqrt(1 - x)."""


def pie_yaml(reservation: float = 0.0) -> str:
    points = ", ".join(f"[{k / GRID!r}, {math.sqrt(1 - k / GRID)!r}]" for k in range(GRID + 1))
    return f"""
zopa: 1
issues: {{x: {{type: number, min: 0, max: 1}}}}
actors:
  one: {{preferences: {{x: {{weight: 1, curve: [[0, 0], [1, 1]]}}}}}}
  two:
    preferences: {{x: {{weight: 1, curve: [{points}]}}}}
    reservation: {reservation!r}
"""


def pl_sqrt(x: float) -> float:
    k = min(int(x * GRID), GRID - 1)
    x0, x1 = k / GRID, (k + 1) / GRID
    y0, y1 = math.sqrt(1 - x0), math.sqrt(1 - x1)
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def pl_nash() -> float:
    """The exact maximiser of x · f(x) for the piecewise-linear f: on each segment
    f = p + q·x, so the product p·x + q·x² peaks at -p / (2q), clipped to the segment."""
    best_x, best = 0.0, -1.0
    for k in range(GRID):
        x0, x1 = k / GRID, (k + 1) / GRID
        q = (math.sqrt(1 - x1) - math.sqrt(1 - x0)) / (x1 - x0)
        p = math.sqrt(1 - x0) - q * x0
        for x in (x0, x1, min(max(-p / (2 * q), x0), x1)):
            if x * pl_sqrt(x) > best:
                best_x, best = x, x * pl_sqrt(x)
    return best_x


def pl_root(g: float = 0.0) -> float:
    """x with x = f(x) - g for the piecewise-linear f (bisection; x - f(x) rises)."""
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mid < pl_sqrt(mid) - g else (lo, mid)
    return lo


def test_pie_nash_against_the_analytic_answer() -> None:
    """max x·sqrt(1 - x): sqrt(1 - x) = x / (2 sqrt(1 - x)), so x = 2/3, utilities
    (2/3, 1/sqrt(3)). The curve is piecewise linear (101 points). The product matches its
    own maximum to the promised relative gap (1e-9); the product is flat at the top
    (log-curvature about 4.5), so x itself is as close as sqrt(2 * 1e-9 / 4.5) = 2e-5."""
    nash = solved(pie_yaml())["nash"]
    x = number(nash, "x")
    best = pl_nash() * pl_sqrt(pl_nash())
    assert x * nash.utilities["two"] == pytest.approx(best, rel=2e-9)
    assert x == pytest.approx(pl_nash(), abs=5e-5)
    # The piecewise-linear curve moves the flat top itself by about 8e-4.
    assert x == pytest.approx(2 / 3, abs=1e-3)
    assert nash.utilities["two"] == pytest.approx(1 / math.sqrt(3), abs=1e-3)
    assert x * nash.utilities["two"] == pytest.approx(2 / 3 / math.sqrt(3), abs=1e-5)


def test_pie_kalai_smorodinsky_egalitarian_and_utilitarian() -> None:
    """KS and egalitarian (ideals 1 and 1, reservations 0): x = sqrt(1 - x), the golden
    ratio's (sqrt(5) - 1)/2 = 0.618. Utilitarian: max x + sqrt(1 - x) at 1/(2 sqrt(1 - x))
    = 1, x = 3/4 — a breakpoint of the curve, so exactly (3/4, 1/2)."""
    solutions = solved(pie_yaml())
    golden = (math.sqrt(5) - 1) / 2
    for name in ("kalai_smorodinsky", "egalitarian"):
        assert number(solutions[name], "x") == pytest.approx(pl_root(), abs=1e-7)
        assert number(solutions[name], "x") == pytest.approx(golden, abs=1e-4)
    utilitarian = solutions["utilitarian"]
    assert number(utilitarian, "x") == pytest.approx(0.75, abs=1e-12)
    assert utilitarian.utilities["two"] == pytest.approx(0.5, abs=1e-12)


def test_pie_with_a_reservation_counts_gains_above_it() -> None:
    """Player two's reservation 0.2: egalitarian equalises gains, x = f(x) - 0.2; KS uses
    ideals 0.96 (x up to 1 - 0.2^2) and 0.8."""
    solutions = solved(pie_yaml(0.2))
    egal, ks = solutions["egalitarian"], solutions["kalai_smorodinsky"]
    assert number(egal, "x") == pytest.approx(pl_root(0.2), abs=1e-7)
    assert egal.utilities["two"] - 0.2 == pytest.approx(egal.utilities["one"], abs=1e-7)
    ratio_one = ks.utilities["one"] / 0.96
    ratio_two = (ks.utilities["two"] - 0.2) / 0.8
    assert ratio_one == pytest.approx(ratio_two, abs=1e-6)


# --- the documented rules ------------------------------------------------------------------


def test_no_zopa_gives_no_solutions() -> None:
    text = """
zopa: 1
issues: {x: {type: boolean}}
actors:
  a: {red_lines: [{id: yes, require: x}]}
  b: {red_lines: [{id: no, require: not x}]}
"""
    assert solve(text) == dict.fromkeys(SOLUTION_NAMES)


def test_an_actor_with_no_possible_gain_is_left_out() -> None:
    """An observer with no preferences gains 0 in every deal: the product over everyone
    would be 0 everywhere; left out, the Nash deal is the one of the other two."""
    two = KS_S2
    three = KS_S2 + "  observer: {name: Observer}\n"
    for name in SOLUTION_NAMES:
        with_observer = solved(three)[name]
        assert dict(with_observer.deal) == pytest.approx(dict(solved(two)[name].deal))
        assert with_observer.utilities["observer"] == 0.0


def test_when_no_deal_gives_everyone_a_gain_the_most_gainers_come_first() -> None:
    """One winner of three; the side issue helps b (x) or c (y). Deals by positive gains:
    (a, x): a 1, b 1/4 — two gain, product 1/4; (a, y): a 1, c 1/2 — two, 1/2;
    (b, y): b 3/4, c 1/2 — two, 3/8; (c, x): b 1/4, c 1/2 — two, 1/8; (b, x) and (c, y)
    give one gainer. Two is the most, and (a, y) the best product among those."""
    text = """
zopa: 1
issues:
  winner: {type: choice, options: [a, b, c]}
  side: {type: choice, options: [x, y]}
actors:
  a: {preferences: {winner: {weight: 1, values: {a: 1}}}}
  b: {preferences: {winner: {weight: 3, values: {b: 1}}, side: {weight: 1, values: {x: 1}}}}
  c: {preferences: {winner: {weight: 1, values: {c: 1}}, side: {weight: 1, values: {y: 1}}}}
"""
    nash = solved(text)["nash"]
    assert dict(nash.deal) == {"winner": "a", "side": "y"}


def test_ties_go_to_the_canonical_deal() -> None:
    """(0.6, 0.4) and (0.4, 0.6) tie on every criterion and on the sum; the flag matters to
    nobody. The canonical order takes the first option and false: whatever the actors are
    called or in which order they come."""
    text = """
zopa: 1
issues:
  split: {type: choice, options: [more_for_b, more_for_a]}
  flag: {type: boolean}
actors:
  a: {preferences: {split: {weight: 1, values: {more_for_a: 0.6, more_for_b: 0.4}}}}
  b: {preferences: {split: {weight: 1, values: {more_for_a: 0.4, more_for_b: 0.6}}}}
"""
    swapped = (
        text.replace("  a: {", "  z: {").replace("  b: {", "  a: {").replace("  z: {", "  b: {")
    )
    for version in (text, swapped):
        for solution in solved(version).values():
            assert dict(solution.deal) == {"split": "more_for_b", "flag": False}


def test_utilities_are_the_certified_ones() -> None:
    """Utilities come from plain evaluation of the deal, not from the solver."""
    scenario = zopa.loads(pie_yaml())
    compiled = compile_scenario(scenario)
    from zopa.scenario.evaluate import utility

    for solution in bargaining_solutions(compiled, compute_zone(compiled)).values():
        assert solution is not None
        expect: Mapping[str, float] = {
            name: utility(actor, scenario.model.issues, solution.deal)
            for name, actor in scenario.actors.items()
        }
        assert dict(solution.utilities) == expect


def test_real_numbers_settle_at_the_criterion_not_at_a_tolerance() -> None:
    """Sum of utilities: 4(w - 12)/15 + 2(15 - w)/9 plus 1/5 for lead x or 1/3 for lead y.
    It rises in w (4/15 > 2/9), so the wage is the cap 13.5 exactly (phase two re-optimises
    the numbers with the finite choices fixed), not 13.5 less a stage tolerance; lead y."""
    text = """
zopa: 1
issues:
  wage: {type: number, min: 12, max: 15}
  lead: {type: choice, options: [x, y]}
actors:
  union:
    red_lines: [{id: floor, require: wage >= 13}]
    preferences: {wage: {weight: 4, curve: [[12, 0], [15, 1]]}, lead: {weight: 1, values: {x: 1}}}
  firm:
    red_lines: [{id: cap, require: wage <= 13.5}]
    preferences: {wage: {weight: 2, curve: [[12, 1], [15, 0]]}, lead: {weight: 1, values: {y: 1}}}
"""
    solutions = solved(text)
    assert solutions["utilitarian"].deal["wage"] == 13.5
    assert solutions["utilitarian"].deal["lead"] == "y"
