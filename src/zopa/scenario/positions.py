"""Where a problem is: dotted paths over plain data, and turning a path into a `Problem`
with the file, line and column people need to find it.

Paths are dotted, list items by index (`actors.russia.red_lines.1.require`), as `--set`
takes them. A key may itself contain a dot (the preference `moves.us_outreach`); splitting a
path against the data prefers the longest key that exists. Messages show list items the way
people read them: `actors.russia.red_lines[1].require`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zopa.errors import Problem
from zopa.scenario.document import YamlDocument, join_path, key_text

Segment = str | int
"""One step of a path: a mapping key (as spelt in paths) or a list index."""


def split_path(path: str, data: Any) -> tuple[Segment, ...]:
    """`path` as steps through `data`: keys, and list indices as ints.

    Where the data runs out (a key that does not exist yet), the rest splits on dots, and
    all-digit parts count as list indices.
    """
    if path == "":
        return ()
    parts = path.split(".")
    segments: list[Segment] = []
    node = data
    index = 0
    while index < len(parts):
        found = _step(parts, index, node)
        if found is None:
            segments.extend(_plain(part) for part in parts[index:])
            break
        segment, used, node = found
        segments.append(segment)
        index += used
    return tuple(segments)


def _step(parts: list[str], index: int, node: Any) -> tuple[Segment, int, Any] | None:
    if isinstance(node, list):
        part = parts[index]
        if part.isascii() and part.isdigit() and int(part) < len(node):
            return int(part), 1, node[int(part)]
        return None
    if isinstance(node, dict):
        keys = {key_text(key): key for key in node}
        for end in range(len(parts), index, -1):
            candidate = ".".join(parts[index:end])
            if candidate in keys:
                return candidate, end - index, node[keys[candidate]]
    return None


def _plain(part: str) -> Segment:
    return int(part) if part.isascii() and part.isdigit() else part


def show_segments(segments: tuple[Segment, ...]) -> str:
    """Segments as people read them: `actors.russia.red_lines[1].require`."""
    out = ""
    for segment in segments:
        if isinstance(segment, int):
            out += f"[{segment}]"
        else:
            out += segment if out == "" else f".{segment}"
    return out


def display_path(path: str, data: Any = None) -> str:
    """A dotted path as people read it, list items in brackets (`red_lines[1]`)."""
    return show_segments(split_path(path, data))


def dotted(segments: tuple[Segment, ...]) -> str:
    """Segments as a dotted path (`actors.russia.red_lines.1`)."""
    out = ""
    for segment in segments:
        out = join_path(out, segment)
    return out


@dataclass(frozen=True, slots=True)
class Locator:
    """Turns paths in the data being validated into `Problem`s with positions.

    `origins` maps a path prefix of the data to the path it had in the file (a dropped red
    line shifts the ones after it); `overrides` maps a path prefix to the command-line option
    that set it (such values have no position in the file); `document` gives columns inside
    strings and the positions of keys, when the text is at hand.
    """

    name: str
    data: Any
    positions: Mapping[str, tuple[int, int]]
    document: YamlDocument | None = None
    origins: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, str] = field(default_factory=dict)

    def file_path(self, path: str) -> str | None:
        """The path in the file that `path` of the data came from (None: from an option)."""
        if _under_any(path, self.overrides) is not None:
            return None
        prefix = _under_any(path, self.origins)
        if prefix is None:
            return path
        return self.origins[prefix] + path[len(prefix) :]

    def position(self, path: str) -> tuple[int, int] | None:
        """The (line, column) of the value at `path`, or of its nearest written ancestor."""
        origin = self.file_path(path)
        if origin is None:
            return None
        while True:
            found = self.positions.get(origin)
            if found is not None or origin == "":
                return found
            origin = origin.rpartition(".")[0]

    def problem(self, path: str, message: str) -> Problem:
        """A problem with the value at `path`."""
        return self._make(path, self.position(path), message)

    def key_problem(self, path: str, message: str) -> Problem:
        """A problem with the key that introduces `path` (an unknown or misspelt key)."""
        origin = self.file_path(path)
        position = None
        if origin is not None and self.document is not None:
            position = self.document.key_positions.get(origin)
        if position is None:
            position = self.position(path)
        parent = dotted(split_path(path, self.data)[:-1])
        return self._make(parent, position, message, origin=path)

    def expression_problem(self, path: str, offset: int, message: str) -> Problem:
        """A problem at character `offset` of the string at `path` (an expression)."""
        origin = self.file_path(path)
        position = None
        if origin is not None and self.document is not None:
            value = _value_at(self.data, path)
            span = self.document.scalars.get(origin)
            if span is not None and span.value == value:
                position = self.document.offset_position(origin, offset)
        if position is None:
            position = self.position(path)
        return self._make(path, position, message)

    def _make(
        self, path: str, position: tuple[int, int] | None, message: str, *, origin: str = ""
    ) -> Problem:
        prefix = _under_any(origin or path, self.overrides)
        if prefix is not None:
            message = f"{message} (set by {self.overrides[prefix]})"
        else:
            # a neighbour's new value can break a value the file got right (`max` set
            # below the file's `status_quo`): name the change next to the file's position
            near = [label for p, label in self.overrides.items() if _neighbours(p, path)]
            if near:
                message = f"{message} (with {', '.join(near)})"
        line, column = position if position is not None else (None, None)
        return Problem(self.name, display_path(path, self.data), line, column, message)


def _neighbours(changed: str, path: str) -> bool:
    """Whether `path` lies under the mapping that holds `changed` (the same issue, actor or
    red line)."""
    parent = changed.rpartition(".")[0]
    return parent != "" and (path == parent or path.startswith(parent + "."))


def _under_any(path: str, prefixes: Mapping[str, str]) -> str | None:
    """The longest prefix in `prefixes` that `path` equals or lies under."""
    best: str | None = None
    for prefix in prefixes:
        inside = prefix == "" or path == prefix or path.startswith(prefix + ".")
        if inside and (best is None or len(prefix) > len(best)):
            best = prefix
    return best


def _value_at(data: Any, path: str) -> Any:
    node = data
    for segment in split_path(path, data):
        if isinstance(node, list) and isinstance(segment, int) and segment < len(node):
            node = node[segment]
        elif isinstance(node, dict):
            keys = {key_text(key): key for key in node}
            if str(segment) not in keys:
                return None
            node = node[keys[str(segment)]]
        else:
            return None
    return node
