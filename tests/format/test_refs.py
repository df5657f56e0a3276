"""`GroupRef`: the one parser and printer of `actor/id` and `actor/reservation`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.format.refs import RESERVATION, GroupRef, actor_of, group_text, reservation_text

NAMES = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(NAMES, NAMES)
def test_parse_reads_back_what_str_writes(actor: str, ident: str) -> None:
    ref = GroupRef(actor, ident)
    assert str(ref) == f"{actor}/{ident}" == group_text(actor, ident)
    assert GroupRef.parse(str(ref)) == ref
    assert actor_of(str(ref)) == actor


def test_reservation() -> None:
    ref = GroupRef.reservation("russia")
    assert ref == GroupRef("russia", RESERVATION)
    assert ref.is_reservation
    assert str(ref) == reservation_text("russia") == "russia/reservation"
    assert not GroupRef("russia", "no-nato").is_reservation


@pytest.mark.parametrize("text", ["", "russia", "/x", "russia/", "a/b/c", "/"])
def test_parse_refuses_what_is_not_one_slash_between_two_names(text: str) -> None:
    assert GroupRef.parse(text) is None


def test_refs_are_frozen_and_ordered() -> None:
    ref = GroupRef("a", "x")
    with pytest.raises(AttributeError):
        ref.actor = "b"  # type: ignore[misc]
    assert sorted([GroupRef("b", "a"), GroupRef("a", "z")]) == [
        GroupRef("a", "z"),
        GroupRef("b", "a"),
    ]
