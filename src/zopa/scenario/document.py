"""A YAML document as plain data plus where every value sits in the file: dotted paths (list
items by index, the root is the empty string), 1-based (line, column) positions in
characters, and the character offsets of scalars (`zopa.scenario.source` builds them)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ScalarSpan:
    """A scalar's text in the file: its YAML style (`''` plain, `'`, `"`, `|`, `>`), the
    character span of the node (tag and quotes included) and the string it stands for."""

    style: str
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """One parsed YAML document: plain data and where each piece of it was written.

    `positions` maps a value's path to its (line, column); `key_positions` maps the same path
    to the position of the key that introduced it (absent for list items and the root);
    `scalars` keeps each scalar's span so a column inside a string can be located.
    """

    data: Any
    text: str
    positions: Mapping[str, tuple[int, int]]
    key_positions: Mapping[str, tuple[int, int]]
    scalars: Mapping[str, ScalarSpan]
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def offset_position(self, path: str, offset: int) -> tuple[int, int] | None:
        """The (line, column) of character `offset` of the string at `path`.

        Exact for plain, quoted and block scalars without escapes; with escapes or folded
        lines the column may be off by the escape's length but stays on the right token.
        """
        span = self.scalars.get(path)
        if span is None:
            return self.positions.get(path)
        index = align(span, self.text, offset)
        return line_col(self._line_starts, index)


def join_path(parent: str, segment: str | int) -> str:
    """The path of `segment` (a key or a list index) inside `parent`."""
    text = str(segment)
    return text if parent == "" else f"{parent}.{text}"


def key_text(key: Any) -> str:
    """A mapping key as it appears in a path: booleans and null spelled the YAML way."""
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    return str(key)


def end_position(text: str) -> tuple[int, int]:
    """The (line, column) just after the last character of the last line."""
    lines = text.rstrip("\n").split("\n")
    return (len(lines), len(lines[-1]) + 1)


def line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return tuple(starts)


def line_col(line_starts: tuple[int, ...], index: int) -> tuple[int, int]:
    line = bisect.bisect_right(line_starts, index) - 1
    return (line + 1, index - line_starts[line] + 1)


def align(span: ScalarSpan, text: str, offset: int) -> int:
    """The index in `text` of character `offset` of the scalar's value: skip the node's tag or
    anchor, its quote or block header, then match the value's characters against the source
    (whitespace in the value may stand for a folded line break and indentation)."""
    cur = span.start
    end = span.end
    while cur < end and text[cur] in "!&":
        while cur < end and text[cur] not in " \t\n":
            cur += 1
        while cur < end and text[cur] in " \t\n":
            cur += 1
    if span.style in ("'", '"'):
        cur += 1
    elif span.style in ("|", ">"):
        newline = text.find("\n", cur, end)
        cur = end if newline < 0 else newline + 1
    start = cur
    for index, char in enumerate(span.value):
        if index >= offset:
            break
        if char in " \t\n":
            if cur < end and text[cur] in " \t\r\n":
                cur += 1
            continue
        while cur < end and text[cur] != char:
            cur += 1
        if cur >= end:
            return min(start + offset, max(start, end - 1))
        cur += 1
    if offset < len(span.value) and span.value[offset] not in " \t\n":
        target = span.value[offset]
        probe = cur
        while probe < end and text[probe] != target:
            probe += 1
        if probe < end:
            return probe
    return cur
