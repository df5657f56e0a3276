"""`zopa.stability` on scenarios written by hand: the Prisoner's Dilemma in the format,
irreversible moves, rules, red lines ranked before utility, the status quo, and the errors
for issues that are not finite or not controlled."""

from __future__ import annotations

from pathlib import Path

import pytest

import zopa
from zopa.gmcr.build import build_graph
from zopa.gmcr.result import stability

DILEMMA = """zopa: 1
title: Prisoner's Dilemma
issues:
  a_defects: {type: boolean, controlled_by: a, status_quo: false}
  b_defects: {type: boolean, controlled_by: b, status_quo: false}
actors:
  a:
    preferences:
      a_defects: {weight: 1, values: {true: 1}}
      b_defects: {weight: 2, values: {false: 1}}
  b:
    preferences:
      b_defects: {weight: 1, values: {true: 1}}
      a_defects: {weight: 2, values: {false: 1}}
"""
CC, CD, DC, DD = 1, 2, 3, 4  # state numbers: a's choice varies slowest


def test_prisoners_dilemma_from_a_scenario() -> None:
    result = stability(zopa.loads(DILEMMA))
    assert [dict(s.deal) for s in result.states] == [
        {"a_defects": False, "b_defects": False},
        {"a_defects": False, "b_defects": True},
        {"a_defects": True, "b_defects": False},
        {"a_defects": True, "b_defects": True},
    ]
    assert result.equilibria == {"nash": (DD,), "gmr": (CC, DD), "smr": (CC, DD), "seq": (CC, DD)}
    assert result.states[CC - 1].stable["nash"] == ()
    assert result.states[CC - 1].stable["seq"] == ("a", "b")
    assert result.states[DC - 1].utilities["a"] == pytest.approx(1.0)
    assert result.status_quo is not None
    assert result.status_quo.state == CC
    assert result.status_quo.reaches == (CC, CD, DC, DD)
    assert result.status_quo.equilibria["nash"] == (DD,)
    assert result.status_quo.equilibria["gmr"] == (CC, DD)
    data = result.to_dict()
    assert data["equilibria"]["seq"] == [CC, DD]
    assert data["states"][0]["stable"]["gmr"] == ["a", "b"]


def test_irreversible_defection_removes_the_way_back() -> None:
    text = DILEMMA.replace(
        "a_defects: {type: boolean, controlled_by: a,",
        "a_defects: {type: boolean, controlled_by: a, direction: to_true,",
    )
    built = build_graph(zopa.loads(text))
    a, b = 0, 1
    assert built.graph.moves[a] == ((DC - 1,), (DD - 1,), (), ())
    assert built.graph.moves[b] == ((CD - 1,), (CC - 1,), (DD - 1,), (DC - 1,))
    # From DD, a cannot return to CD: SMR's escape check loses its target, nothing else moves.
    result = stability(zopa.loads(text))
    assert result.equilibria["nash"] == (DD,)


def test_rules_remove_states_and_red_lines_rank_before_utility() -> None:
    rule = '  - {id: no-both, require: "not (a_defects and b_defects)"}\n'
    line = "      - {id: never-sucker, require: not (b_defects == false and a_defects)}\n"
    text = DILEMMA.replace("actors:\n", f"rules:\n{rule}actors:\n").replace(
        "  b:\n    preferences:", f"  b:\n    red_lines:\n{line}    preferences:"
    )
    result = stability(zopa.loads(text))
    assert [s.number for s in result.states] == [1, 2, 3]
    assert result.states[2].broken["b"] == ("b/never-sucker",)
    built = build_graph(zopa.loads(text))
    b = 1
    # DC breaks b's red line: b ranks it below both others, whatever its utility.
    assert built.graph.ranks[b][2] < min(built.graph.ranks[b][0], built.graph.ranks[b][1])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "b_defects: {type: boolean, controlled_by: b, status_quo: false}",
            "b_defects: {type: boolean, status_quo: false}",
            "s.yaml:5:14: issues.b_defects: no actor controls 'b_defects'; add "
            "`controlled_by: ACTOR` (one of a, b) to say who may change it",
        ),
        (
            "actors:\n",
            "  level: {type: number, min: 0, max: 1, unit: share}\nactors:\n",
            "s.yaml:6:17: issues.level.type: stability needs finite issues, but "
            "'level' is a number; make it an integer, a choice or a boolean (e.g. a "
            "choice of a few levels)",
        ),
    ],
)
def test_issues_must_be_finite_and_controlled(old: str, new: str, message: str) -> None:
    scenario = zopa.loads(DILEMMA.replace(old, new), name="s.yaml")
    with pytest.raises(zopa.ScenarioError) as caught:
        stability(scenario)
    assert str(caught.value) == message


def test_no_status_quo_is_said() -> None:
    result = stability(zopa.loads(DILEMMA.replace(", status_quo: false}", "}")))
    assert result.status_quo is None
    assert result.status_quo_note == "no status_quo for a_defects, b_defects"


ROOT = Path(__file__).resolve().parents[2]


def test_the_worked_example_says_what_docs_stability_md_says() -> None:
    result = stability(zopa.load(ROOT / "scenarios" / "ukraine-stability.yaml"))
    assert len(result.states) == 24
    assert result.equilibria == {
        "nash": (1, 19),
        "gmr": (1, 2, 19),
        "smr": (1, 2, 19),
        "seq": (1, 19),
    }
    assert result.status_quo is not None
    assert result.status_quo.reaches == (1,)
    state_19 = result.states[18]
    assert dict(state_19.deal) == {
        "us_outreach": True,
        "dialogue_restored": True,
        "ceasefire": False,
        "nato_bid": "pursue",
    }
    assert state_19.broken["russia"] == ("russia/no-nato",)
    assert state_19.broken["us"] == ("us/end-war-quickly",)
    # State 2: Ukraine is GMR- but not SEQ-stable (the US threat is not an improvement for it).
    assert "ukraine" in result.states[1].stable["gmr"]
    assert "ukraine" not in result.states[1].stable["seq"]
    with_ceasefire = [s for s in result.states if s.deal["ceasefire"]]
    assert not any(s.number in result.equilibria["gmr"] for s in with_ceasefire)


def test_too_many_deals_is_bad_input_not_a_long_wait() -> None:
    issues = "".join(f"  b{i}: {{type: boolean, controlled_by: a}}\n" for i in range(13))
    scenario = zopa.loads(f"zopa: 1\nissues:\n{issues}actors:\n  a: {{}}\n", name="big.yaml")
    with pytest.raises(zopa.ScenarioError) as caught:
        stability(scenario)
    assert str(caught.value) == (
        "big.yaml:3:3: issues: the issues make 8192 deals; stability enumerates at most 4096: "
        "use fewer issues or options, or narrower integer ranges"
    )
