"""`actor/id` and `actor/reservation`: the name of one constraint group (a red line, or an
actor's reservation), as every report, `--drop` and `expect:` write it (FORMAT §2)."""

from __future__ import annotations

from dataclasses import dataclass

RESERVATION = "reservation"
"""The id that names an actor's reservation; no red line may use it."""


@dataclass(frozen=True, slots=True, order=True)
class GroupRef:
    """One constraint group: `actor`'s red line `id`, or its reservation when `id` is
    `RESERVATION`. `str()` is the `actor/id` text."""

    actor: str
    id: str

    @classmethod
    def reservation(cls, actor: str) -> GroupRef:
        return cls(actor, RESERVATION)

    @classmethod
    def parse(cls, text: str) -> GroupRef | None:
        """`actor/id` as a ref, or None when `text` is not one slash between two names."""
        actor, slash, ident = text.partition("/")
        if not slash or not actor or not ident or "/" in ident:
            return None
        return cls(actor, ident)

    @property
    def is_reservation(self) -> bool:
        return self.id == RESERVATION

    def __str__(self) -> str:
        return f"{self.actor}/{self.id}"


def group_text(actor: str, ident: str) -> str:
    """The `actor/id` text of a group."""
    return str(GroupRef(actor, ident))


def reservation_text(actor: str) -> str:
    """The `actor/reservation` text of an actor's reservation."""
    return str(GroupRef.reservation(actor))


def actor_of(ref: str) -> str:
    """The actor part of an `actor/id` text."""
    return ref.partition("/")[0]
