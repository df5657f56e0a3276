"""`ukraine-deferred.yaml` is `ukraine.yaml` with one reading changed, and nothing else: the
variant's point is that this one interpretation decides whether a ZOPA exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import zopa

CHANGED = {
    "title",
    "description",
    "actors.russia.red_lines.4.require",
    "expect",
}


def _leaves(data: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list) and path != "expect":
        for index, value in enumerate(data):
            yield from _leaves(value, f"{path}.{index}")
    else:
        yield path, data


def test_variant_changes_only_the_nato_reading(root: Path) -> None:
    seed = dict(_leaves(zopa.load(root / "scenarios" / "ukraine.yaml").raw))
    variant = dict(_leaves(zopa.load(root / "scenarios" / "ukraine-deferred.yaml").raw))
    assert seed.keys() == variant.keys()
    differ = {path for path in seed if seed[path] != variant[path]}
    assert differ == CHANGED


def test_variant_reads_the_same_quote_weakly(root: Path) -> None:
    seed = zopa.load(root / "scenarios" / "ukraine.yaml").constraint("russia/no-nato")
    variant = zopa.load(root / "scenarios" / "ukraine-deferred.yaml").constraint("russia/no-nato")
    assert seed.quote == variant.quote
    assert (seed.require_text, variant.require_text) == ('nato == "neutral"', 'nato != "member"')
