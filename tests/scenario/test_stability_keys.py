"""The format keys of issue 15: `controlled_by` and `direction` on issues, `terms` on actors;
their validation errors name file, line and column; plain evaluation counts terms."""

from __future__ import annotations

import pytest

import zopa
from zopa.scenario.evaluate import actor_utility

BASE = """zopa: 1
issues:
  ceasefire: {type: boolean, controlled_by: kyiv, direction: to_true}
  zone: {type: choice, options: [a, b], controlled_by: moscow}
actors:
  kyiv:
    preferences:
      zone: {weight: 1, values: {b: 1}}
    terms:
      - {when: ceasefire and zone == "a", weight: 3}
  moscow: {}
"""


def test_keys_are_read_and_terms_checked() -> None:
    scenario = zopa.loads(BASE)
    issues = scenario.model.issues
    assert issues["ceasefire"].controlled_by == "kyiv"  # type: ignore[union-attr]
    assert issues["ceasefire"].direction == "to_true"  # type: ignore[union-attr]
    assert issues["zone"].controlled_by == "moscow"  # type: ignore[union-attr]
    (term,) = scenario.terms_of("kyiv")
    assert (term.weight, term.path) == (3.0, "actors.kyiv.terms.0")
    assert term.when_text == 'ceasefire and zone == "a"'
    assert scenario.terms_of("moscow") == ()
    assert scenario.has_terms


@pytest.mark.parametrize(
    ("deal", "expected"),
    [
        ({"ceasefire": True, "zone": "a"}, 3 / 4),
        ({"ceasefire": True, "zone": "b"}, 1 / 4),
        ({"ceasefire": False, "zone": "a"}, 0.0),
    ],
)
def test_utility_counts_each_term_weight_in_the_total(
    deal: dict[str, object], expected: float
) -> None:
    assert actor_utility(zopa.loads(BASE), "kyiv", deal) == pytest.approx(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "controlled_by: moscow",
            "controlled_by: mosow",
            "s.yaml:4:56: issues.zone.controlled_by: no actor 'mosow' (did you mean "
            "'moscow'?); actors: kyiv, moscow",
        ),
        (
            "weight: 3",
            "weight: 0",
            "s.yaml:10:51: actors.kyiv.terms[0].weight: must be greater than 0 (got 0)",
        ),
        (
            'zone == "a"',
            'zone == "c"',
            "s.yaml:10:38: actors.kyiv.terms[0].when: \"c\" is not an option of 'zone'; "
            'options: "a", "b"',
        ),
        (
            "direction: to_true",
            "direction: forward",
            "s.yaml:3:62: issues.ceasefire.direction: the string 'forward' is not allowed "
            "here; use 'both', 'to_true' or 'to_false'",
        ),
        (
            "options: [a, b], controlled_by",
            "options: [a, b], direction: to_true, controlled_by",
            "s.yaml:4:41: issues.zone: unknown key 'direction' for a choice issue (did you "
            "mean 'description'?); allowed keys: type, options, ordered, status_quo, "
            "description, controlled_by",
        ),
    ],
)
def test_bad_keys_are_reported_where_they_are(old: str, new: str, message: str) -> None:
    assert old in BASE
    with pytest.raises(zopa.ScenarioError) as caught:
        zopa.loads(BASE.replace(old, new), name="s.yaml")
    assert str(caught.value) == message


def test_without_an_actor_releases_the_issues_it_controlled() -> None:
    variant = zopa.loads(BASE).with_changes(without=["moscow"])
    assert variant.model.issues["zone"].controlled_by is None  # type: ignore[union-attr]
    assert variant.model.issues["ceasefire"].controlled_by == "kyiv"  # type: ignore[union-attr]
