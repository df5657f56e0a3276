"""The negotiation report: JSON keys and rounding, the text's sections and elision."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

import zopa
from zopa.report.negotiation import MAX_ROUND_ROWS, dumps, render

SPLIT = """\
zopa: 1
title: Split
issues:
  share: {type: number, min: 0, max: 1}
actors:
  a:
    preferences: {share: {weight: 1, curve: [[0, 0], [1, 1]]}}
  b:
    preferences: {share: {weight: 1, curve: [[0, 1], [1, 0]]}}
"""


@pytest.fixture(scope="module")
def long_game() -> zopa.Scenario:
    return zopa.loads(SPLIT, name="split.yaml")


def _text(result: object) -> str:
    out = io.StringIO()
    render(result, Console(file=out, width=120, no_color=True))  # type: ignore[arg-type]
    return out.getvalue()


def test_json_is_sorted_and_rounded(long_game: zopa.Scenario) -> None:
    result = zopa.negotiate(long_game, discount={"a": 0.9, "b": 0.9})
    text = dumps(result)
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert set(data) == {
        "agreement", "auto_horizon", "by_first_proposer", "discount", "horizon", "method",
        "order", "reservations", "rounds", "tactics", "title",
    }  # fmt: skip
    share = data["agreement"]["deal"]["share"]
    assert len(repr(share).replace("0.", "", 1)) <= 10  # 9 significant digits
    assert text == dumps(zopa.negotiate(long_game, discount={"a": 0.9, "b": 0.9}))


def test_text_elides_the_middle_of_a_long_game(long_game: zopa.Scenario) -> None:
    result = zopa.negotiate(long_game, tactics={"a": "boulware", "b": "boulware"}, rounds=40)
    assert len(result.play.rounds) > MAX_ROUND_ROWS
    text = _text(result)
    assert "round 1: a offers share=1" in text
    assert f"round {len(result.play.rounds)}:" in text
    assert f"round {MAX_ROUND_ROWS // 2 + 1}:" not in text
    assert "rounds not shown (--json lists all)" in text
    assert "What moving first is worth" in text


def test_text_without_agreement_says_so() -> None:
    apart = SPLIT.replace(
        "curve: [[0, 0], [1, 1]]}}\n", "curve: [[0, 0], [1, 1]]}}\n    reservation: 0.8\n", 1
    )
    apart = apart + "    reservation: 0.8\n"
    scenario = zopa.loads(apart, name="apart.yaml")
    text = _text(zopa.negotiate(scenario, rounds=2))
    assert "No agreement in 2 rounds: everyone gets its reservation" in text
    assert "round 1: a makes no acceptable offer" in text
