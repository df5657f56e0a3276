"""The game's settings: the block merged with overrides, rotations, option texts."""

from __future__ import annotations

import pytest

from zopa.dynamics.settings import (
    DEFAULT_TACTIC_ROUNDS,
    discounts_of,
    order_of,
    pairs,
    settings_for,
)
from zopa.format.tactics import tactic_beta

ACTORS = ("us", "russia", "ukraine")


def test_defaults_are_actor_order_no_discount_and_the_equilibrium() -> None:
    game = settings_for(ACTORS)
    assert game.order == ACTORS and game.discount == dict.fromkeys(ACTORS, 1.0)
    assert game.tactics is None and game.rounds is None
    assert [game.proposer(t) for t in range(1, 5)] == ["us", "russia", "ukraine", "us"]


def test_overrides_replace_single_entries_of_the_block() -> None:
    game = settings_for(
        ACTORS,
        block_discount={"us": 0.8, "russia": 0.9},
        block_tactics={"russia": "boulware"},
        discount={"us": 0.5},
        tactics={"ukraine": "3"},
    )
    assert game.discount == {"us": 0.5, "russia": 0.9, "ukraine": 1.0}
    assert game.tactics == {"us": 1.0, "russia": 0.25, "ukraine": 3.0}
    assert game.rounds == DEFAULT_TACTIC_ROUNDS


def test_equilibrium_ignores_the_block_tactics() -> None:
    game = settings_for(ACTORS, block_tactics={"russia": "boulware"}, equilibrium=True)
    assert game.tactics is None
    with pytest.raises(ValueError, match="either tactics or the equilibrium"):
        settings_for(ACTORS, tactics={"russia": "linear"}, equilibrium=True)


def test_first_rotates_the_order_or_goes_in_front() -> None:
    assert settings_for(ACTORS, first="ukraine").order == ("ukraine", "us", "russia")
    game = settings_for(ACTORS, order=["russia", "us"], first="ukraine")
    assert game.order == ("ukraine", "russia", "us")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"order": ["uk"]}, "order: unknown actor 'uk'"),
        ({"order": []}, "at least one proposer"),
        ({"discount": {"us": 0.0}}, "must be in \\(0, 1\\]"),
        ({"discount": {"us": 1.01}}, "must be in \\(0, 1\\]"),
        ({"tactics": {"us": "fast"}}, "unknown tactic 'fast'"),
        ({"rounds": 0}, "rounds must be a whole number >= 1"),
        ({"first": "eu"}, "first: unknown actor 'eu'"),
    ],
)
def test_bad_settings_say_what_is_wrong(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        settings_for(ACTORS, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "beta"),
    [("boulware", 0.25), ("Linear", 1.0), ("conceder", 4.0), ("0.5", 0.5), (2, 2.0)],
)
def test_tactic_beta(text: str | float, beta: float) -> None:
    assert tactic_beta(text) == beta


@pytest.mark.parametrize("text", ["0", "-1", "inf", "nan", "quick", True])
def test_bad_tactics(text: str | bool) -> None:
    with pytest.raises(ValueError, match="unknown tactic"):
        tactic_beta(text)


def test_option_texts() -> None:
    assert pairs(["us=boulware", " russia = 2 "], "--tactic", "x=linear") == {
        "us": "boulware",
        "russia": "2",
    }
    assert discounts_of(["us=0.9"]) == {"us": 0.9}
    assert order_of("us, russia") == ("us", "russia")
    with pytest.raises(ValueError, match="given twice"):
        pairs(["us=1", "us=2"], "--discount", "us=0.9")
    with pytest.raises(ValueError, match="must be a number"):
        discounts_of(["us=fast"])
