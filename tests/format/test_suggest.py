"""One did-you-mean for every message: scenario keys, options and expressions suggest alike."""

from __future__ import annotations

import pytest

import zopa
from zopa.format.suggest import closest, did_you_mean, one_of

ISSUES = ["territory", "sanctions", "security_guarantees"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Territory", "territory"), ("teritory", "territory"), ("sanction", "sanctions"), ("x", None)],
)
def test_closest(word: str, expected: str | None) -> None:
    assert closest(word, ISSUES) == expected


def test_did_you_mean_and_one_of() -> None:
    assert did_you_mean("teritory", ISSUES) == " (did you mean 'territory'?)"
    assert did_you_mean("territory", ISSUES) == ""
    assert did_you_mean("zzz", ISSUES) == ""
    assert one_of([f"n{i}" for i in range(14)], limit=12).endswith(", n11, … (2 more)")


@pytest.mark.parametrize("word", ["Territory", "teritory", "TERRITORY", "territroy"])
def test_an_expression_suggests_what_a_scenario_key_would(word: str) -> None:
    text = (
        "zopa: 1\nissues: {territory: {type: number, min: 0, max: 1}}\n"
        f"actors: {{a: {{red_lines: [{{id: r, require: {word} <= 0.5}}]}}}}\n"
    )
    with pytest.raises(zopa.ScenarioError) as caught:
        zopa.loads(text)
    assert did_you_mean(word, ["territory"]) in caught.value.message
    assert "(did you mean 'territory'?)" in caught.value.message
