"""`report.solutions`: the solutions side by side and the frontier table, rendered into a
plain console, on results built by hand (no solver) and on one real analysis."""

from __future__ import annotations

import io

from rich.console import Console

import zopa
from zopa.analysis.result import ParetoInfo, Result, Solution
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.zone import Zone
from zopa.report.solutions import gain_text, render_solutions, shown_rows, value_text

TEXT = """
zopa: 1
issues:
  price: {type: number, min: 0, max: 100, unit: EUR}
  tag: {type: choice, options: ["[draft]", final]}
  fee: {type: boolean}
  order: {type: sequence, steps: [pay, ship]}
actors:
  buyer: {reservation: 0.2}
  seller: {}
"""


def deal(price: float, tag: str = "final") -> dict[str, object]:
    return {"price": price, "tag": tag, "fee": False, "order": ("pay", "ship")}


def point(price: float, tag: str = "final") -> Solution:
    return Solution(deal(price, tag), {"buyer": 1 - price / 100, "seller": price / 100})  # type: ignore[arg-type]


def render(result: Result) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None, force_terminal=False)
    render_solutions(result, zopa.loads(TEXT), console)
    return buffer.getvalue()


def result_with(pareto: tuple[Solution, ...], info: ParetoInfo | None = None) -> Result:
    solutions: dict[str, Solution | None] = {
        "nash": point(50.0),
        "kalai_smorodinsky": point(40.0, "[draft]"),
        "egalitarian": point(40.0, "[draft]"),
        "utilitarian": point(60.0),
    }
    return Result(None, Zone(True), solutions, pareto, info or ParetoInfo(True, "test"))


def test_solutions_side_by_side() -> None:
    text = render(result_with(()))
    header = next(line for line in text.splitlines() if "Nash" in line)
    assert header.index("Nash") < header.index("egalitarian") < header.index("utilitarian")
    lines = text.splitlines()
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if "│" in line]
    first = [row[0] for row in cells]
    assert first[first.index("price") + 1] == "(EUR)"  # the unit under its issue
    assert "[draft]" in text  # printed as written, not eaten as markup
    order = [row[1] for row in cells[first.index("order") :][:2]]
    assert order == ["pay", "ship"] and "false" in text  # a sequence one step a line
    buyer = first.index("utility of buyer")
    nash = [row[1] for row in cells[buyer : buyer + 2]]
    assert nash == ["0.5", "+0.3"]  # the buyer's utility and gain over 0.2 at price 50
    seller = first.index("utility of seller")
    assert [row[4] for row in cells[seller : seller + 2]] == ["0.6", "+0.6"]  # at price 60
    assert max(len(line) for line in lines) <= 80


def test_the_frontier_table_marks_the_solutions() -> None:
    text = render(result_with((point(40.0, "[draft]"), point(50.0), point(60.0))))
    assert "Pareto frontier: 3 deals" in text
    rows = [line for line in text.splitlines() if line.startswith("│")]
    assert any("KS, E" in r and "[draft]" in r for r in rows)
    assert any("0.5" in r and r.rstrip("│ ").endswith("N") for r in rows)
    assert "The same in every frontier deal: fee = false, order = pay → ship." in text
    assert "Showing" not in text


def test_a_long_frontier_is_sampled_with_a_note() -> None:
    many = tuple(point(float(k)) for k in range(100))
    info = ParetoInfo(False, "test", "stopped after 100 points (the limit); more exist")
    text = render(result_with(many, info))
    assert "Pareto frontier: 100 deals" in text
    assert "Showing 20 of 100 deals, evenly spaced" in text
    assert "Note: stopped after 100 points" in text
    numbers = [line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│ ")]
    frontier_numbers = [n for n in numbers if n.isdigit()]
    assert frontier_numbers[0] == "1" and frontier_numbers[-1] == "100"
    assert len(frontier_numbers) == 20


def test_nothing_without_solutions() -> None:
    empty = Result(None, Zone(False), dict.fromkeys(SOLUTION_NAMES))
    assert render(empty) == ""


def test_helpers() -> None:
    assert shown_rows(5) == [0, 1, 2, 3, 4]
    assert shown_rows(100, 5) == [0, 25, 50, 74, 99]
    assert value_text(True) == "true" and value_text(-0.0) == "0"
    assert value_text(("a", "b")) == "a → b" and value_text(1 / 3) == "0.3333"
    assert gain_text(-1.6e-16) == "+0" and gain_text(0.10155) == "+0.102"


def test_a_real_analysis_renders() -> None:
    scenario = zopa.loads(
        """
zopa: 1
issues:
  split: {type: choice, options: [a, half, b]}
actors:
  x: {preferences: {split: {weight: 1, values: {a: 1, half: 0.6}}}}
  y: {preferences: {split: {weight: 1, values: {b: 1, half: 0.6}}}}
"""
    )
    result = zopa.analyze(scenario)
    buffer = io.StringIO()
    render_solutions(result, scenario, Console(file=buffer, width=100, color_system=None))
    text = buffer.getvalue()
    assert "Pareto frontier: 3 deals" in text
    assert any("N, KS, E, U" in line and "half" in line for line in text.splitlines())
