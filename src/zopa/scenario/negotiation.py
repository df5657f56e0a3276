"""Cross-field checks of the `negotiation:` block: every actor it names exists, and every
tactic is a known name or a number beta > 0 (the schema checks ranges and types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zopa.format.suggest import did_you_mean
from zopa.format.tactics import tactic_beta
from zopa.scenario.document import join_path

Add = Callable[[str, str], None]
"""Reports a problem at a YAML path: `add(path, message)`."""


def check_negotiation(data: dict[Any, Any], add: Add, add_key: Add) -> None:
    """Report each unknown actor in `negotiation.order`, `.discount`, `.tactics` and each
    unknown tactic name, at its own YAML path."""
    block = data.get("negotiation")
    if not isinstance(block, dict):
        return
    actors_raw = data.get("actors")
    actors = [a for a in actors_raw if isinstance(a, str)] if isinstance(actors_raw, dict) else []

    def unknown(name: str) -> str:
        return f"no actor {name!r}{did_you_mean(name, actors)}; the actors are: {', '.join(actors)}"

    order = block.get("order")
    if isinstance(order, list):
        for index, name in enumerate(order):
            if isinstance(name, str) and name not in actors:
                add(join_path("negotiation.order", index), unknown(name))
    for key in ("discount", "tactics"):
        entries = block.get(key)
        if not isinstance(entries, dict):
            continue
        for name, value in entries.items():
            if not isinstance(name, str):
                continue
            path = join_path(f"negotiation.{key}", name)
            if name not in actors:
                add_key(path, unknown(name))
            elif key == "tactics" and isinstance(value, (str, int, float)):
                try:
                    tactic_beta(value)
                except ValueError as error:
                    add(path, str(error))
