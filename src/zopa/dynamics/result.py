"""The outcome of a negotiation game as typed frozen data, and its JSON form (keys sorted
by the writer, floats rounded to 9 significant digits)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zopa.format.numbers import round_float
from zopa.format.values import Deal, Value


def _value(value: Value) -> Any:
    if isinstance(value, float):
        return round_float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _numbers(values: Mapping[str, float]) -> dict[str, float]:
    return {k: round_float(v) for k, v in values.items()}


def deal_dict(deal: Deal) -> dict[str, Any]:
    return {k: _value(v) for k, v in deal.items()}


@dataclass(frozen=True, slots=True)
class Round:
    """One round played: the proposer's offer (None when it makes no acceptable offer, or
    has none), every actor's utility of it and every responder's answer (True: accept).
    `aspirations` holds each actor's aspiration in this round (tactics only)."""

    round: int
    proposer: str
    offer: Deal | None
    utilities: Mapping[str, float] | None
    answers: Mapping[str, bool]
    aspirations: Mapping[str, float] | None = None

    @property
    def agreed(self) -> bool:
        return self.offer is not None and all(self.answers.values())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "round": self.round,
            "proposer": self.proposer,
            "offer": None if self.offer is None else deal_dict(self.offer),
            "utilities": None if self.utilities is None else _numbers(self.utilities),
            "answers": {k: "accept" if v else "reject" for k, v in self.answers.items()},
            "agreed": self.agreed,
        }
        if self.aspirations is not None:
            data["aspirations"] = _numbers(self.aspirations)
        return data


@dataclass(frozen=True, slots=True)
class Agreement:
    """The agreed deal (certified by plain evaluation): its round and proposer, every
    actor's utility, and what it is worth after discounting, r + d^(round-1) (u - r)."""

    round: int
    proposer: str
    deal: Deal
    utilities: Mapping[str, float]
    worth: Mapping[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "proposer": self.proposer,
            "deal": deal_dict(self.deal),
            "utilities": _numbers(self.utilities),
            "worth": _numbers(self.worth),
        }


@dataclass(frozen=True, slots=True)
class Play:
    """One game played out: how (`equilibrium` or `tactics`), over which `horizon`, whether
    the horizon was chosen automatically (`auto_horizon`), the proposers' `order`, the
    agreement or None, and the rounds played (to the agreement, or all of them)."""

    method: str
    horizon: int
    auto_horizon: bool
    order: tuple[str, ...]
    agreement: Agreement | None
    rounds: tuple[Round, ...]

    def worth(self, actor: str, reservation: float) -> float:
        return reservation if self.agreement is None else self.agreement.worth[actor]

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "horizon": self.horizon,
            "auto_horizon": self.auto_horizon,
            "order": list(self.order),
            "agreement": None if self.agreement is None else self.agreement.to_dict(),
            "rounds": [r.to_dict() for r in self.rounds],
        }


@dataclass(frozen=True, slots=True)
class Negotiation:
    """`zopa negotiate`'s answer: the game as set (`play`), the discounts and tactics it
    used, and the same game with each actor proposing first (`by_first_proposer`, actor
    order; each entry without its rounds in JSON)."""

    title: str | None
    discount: Mapping[str, float]
    tactics: Mapping[str, float] | None
    reservations: Mapping[str, float]
    play: Play
    by_first_proposer: Mapping[str, Play]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "discount": _numbers(self.discount),
            "tactics": None if self.tactics is None else _numbers(self.tactics),
            "reservations": _numbers(self.reservations),
            **self.play.to_dict(),
            "by_first_proposer": {
                actor: {
                    "horizon": p.horizon,
                    "order": list(p.order),
                    "agreement": None if p.agreement is None else p.agreement.to_dict(),
                }
                for actor, p in self.by_first_proposer.items()
            },
        }
