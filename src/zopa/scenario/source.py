"""YAML text → plain data plus where every value sits in the file.

The parser is PyYAML's event stream (libyaml when available); this module composes the events
into plain Python data itself, so nothing the file says is ever constructed or executed, and so
it can enforce what a scenario file may contain:

- YAML 1.2 core-schema scalars: `no`, `yes`, `on` stay strings; `017` is 17; `0o17`, `0x1f`
  are octal and hex; `1_000` is a string; `.inf` and `.nan` are rejected (a scenario needs
  finite numbers);
- no aliases (so no billion-laughs expansion), no tags beyond the core ones (`!!str`, `!!int`,
  `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`), no complex or duplicate mapping keys,
  exactly one document;
- caps on file size, node count and nesting depth.

Paths are dotted, list items by index (`actors.russia.red_lines.1.require`); the root is the
empty string. Positions are 1-based (line, column) in characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import yaml

from zopa.errors import Problem, ScenarioError
from zopa.format import yaml12
from zopa.scenario.document import (
    ScalarSpan,
    YamlDocument,
    end_position,
    join_path,
    key_text,
    line_starts,
)

MAX_BYTES = 1 << 20
"""Largest scenario file accepted (1 MiB); real scenarios are a few kilobytes."""

MAX_NODES = 100_000
"""Most YAML nodes (scalars, mappings, sequences) in one file."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences; format 1 needs fewer than 10 levels."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = ("str", "int", "float", "bool", "null", "map", "seq")


def _refuse_lone_surrogates(text: str, name: str) -> None:
    """A str from the Python API may hold a lone surrogate (no file can: it is not UTF-8),
    which the YAML parser cannot encode; say where it is instead."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        before = text[: error.start]
        line = before.count("\n") + 1
        column = error.start - (before.rfind("\n") + 1) + 1
        message = (
            f"character U+{ord(text[error.start]):04X} is a lone surrogate, not text; "
            "pass the scenario as valid Unicode"
        )
        raise ScenarioError([Problem(name, "", line, column, message)]) from None


def parse_yaml(text: str, *, name: str = "<string>") -> YamlDocument:
    """Parse `text` as one YAML document of plain data.

    Args:
        text: the file's contents.
        name: the file name used in problems.

    Raises:
        ScenarioError: invalid YAML, an unsupported construct, a cap exceeded, an empty file.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:
        raise ScenarioError(
            [
                Problem(
                    name,
                    "",
                    None,
                    None,
                    f"the file is {size} bytes; scenario files may be at most {MAX_BYTES} bytes",
                )
            ]
        )
    _refuse_lone_surrogates(text, name)
    composer = _Composer(text, name)
    composer.run()
    if composer.problems:
        raise ScenarioError(sorted(composer.problems, key=_problem_order))
    if not composer.has_document or composer.root is None:
        raise ScenarioError(
            [Problem(name, "", None, None, "the file is empty; a scenario starts with 'zopa: 1'")]
        )
    return YamlDocument(
        data=composer.root,
        text=text,
        positions=composer.positions,
        key_positions=composer.key_positions,
        scalars=composer.scalars,
        _line_starts=line_starts(text),
    )


def parse_value(text: str) -> Any:
    """A YAML 1.2 scalar or flow value (`0.3`, `no`, `[a, b]`, `{weight: 2}`) as plain data,
    with the same rules as a scenario file. Raises `ValueError` with a short message."""
    composer = _Composer(text, "<value>")
    composer.run()
    if composer.problems:
        raise ValueError(composer.problems[0].message.removeprefix("invalid YAML: "))
    return composer.root if composer.has_document else None


def _problem_order(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being composed."""

    container: dict[Any, Any] | list[Any]
    path: str
    depth: int
    key: Any = None
    key_path: str | None = None
    key_position: tuple[int, int] | None = None


class _Composer:
    """Turns the parser's events into plain data, recording positions and problems."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.root: Any = None
        self.has_document = False
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.scalars: dict[str, ScalarSpan] = {}
        self.problems: list[Problem] = []
        self._stack: list[_Frame] = []
        self._nodes = 0
        self._documents = 0

    def run(self) -> None:
        loader = _LOADER(self.text)
        try:
            while loader.check_event():
                self._handle(loader.get_event())
        except yaml.MarkedYAMLError as error:
            self._fail_marked(error)
        except yaml.YAMLError as error:
            self._fail(None, f"invalid YAML: {error}")
        except _Stop:
            pass
        finally:
            loader.dispose()

    def _fail_marked(self, error: yaml.MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        message = str(error.problem or error.context or "invalid YAML")
        if error.context and error.problem:
            message = f"{error.context}, {error.problem}"
        position = (mark.line + 1, mark.column + 1) if mark is not None else None
        if mark is not None and mark.index >= len(self.text.rstrip("\n")):
            message += " (at the end of the file)"
            position = end_position(self.text)
        if mark is not None and self.text[mark.index : mark.index + 1] == "\t":
            message += " (a tab; YAML indents with spaces only)"
        self._fail(position, f"invalid YAML: {message}")

    def _fail(self, position: tuple[int, int] | None, message: str, path: str = "") -> None:
        line, column = position if position is not None else (None, None)
        self.problems.append(Problem(self.name, self._display(path), line, column, message))

    def _display(self, path: str) -> str:
        """`path` as messages show it (`red_lines[1]`), told apart by the open containers."""
        out = ""
        for index, frame in enumerate(self._stack):
            if path == frame.path:
                return out
            after = self._stack[index + 1].path if index + 1 < len(self._stack) else path
            if not (path == after or path.startswith(after + ".")):
                after = path
            segment = after if frame.path == "" else after[len(frame.path) + 1 :]
            if isinstance(frame.container, list):
                out += f"[{segment}]"
            else:
                out = segment if out == "" else f"{out}.{segment}"
            if after == path:
                return out
        return path

    def _stop(self, position: tuple[int, int] | None, message: str, path: str = "") -> None:
        self._fail(position, message, path)
        raise _Stop

    def _handle(self, event: Any) -> None:
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                self._stop(
                    position,
                    "the file holds more than one YAML document; put one scenario per file",
                )
            self.has_document = True
        elif isinstance(event, yaml.AliasEvent):
            self._stop(
                position,
                f"aliases are not supported (*{event.anchor}); write the value out in full",
                self._child_path_or_key(),
            )
        elif isinstance(event, yaml.ScalarEvent):
            self._count(position)
            self._scalar(event, position)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._count(position)
            self._start(event, position)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self._stack.pop()
            self._attach(frame.container)

    def _count(self, position: tuple[int, int]) -> None:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            self._stop(
                position, f"the file has more than {MAX_NODES} values; scenario files are smaller"
            )

    def _child_path_or_key(self) -> str:
        if not self._stack:
            return ""
        frame = self._stack[-1]
        if isinstance(frame.container, dict):
            return frame.key_path if frame.key_path is not None else frame.path
        return join_path(frame.path, len(frame.container))

    def _expecting_key(self) -> bool:
        return (
            bool(self._stack)
            and isinstance(self._stack[-1].container, dict)
            and (self._stack[-1].key_path is None)
        )

    def _start(self, event: Any, position: tuple[int, int]) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        if self._expecting_key():
            self._stop(
                position,
                "a mapping key must be a plain value, not a " + ("mapping" if is_map else "list"),
                self._stack[-1].path,
            )
        path = self._child_path_or_key()
        expected = "map" if is_map else "seq"
        self._check_tag(event.tag, expected, position, path)
        depth = (self._stack[-1].depth + 1) if self._stack else 1
        if depth > MAX_DEPTH:
            self._stop(position, f"the file nests deeper than {MAX_DEPTH} levels; flatten it", path)
        self._record(path, position)
        container: dict[Any, Any] | list[Any] = {} if is_map else []
        self._stack.append(_Frame(container, path, depth))

    def _record(self, path: str, position: tuple[int, int]) -> None:
        self.positions[path] = position
        if self._stack and isinstance(self._stack[-1].container, dict):
            key_position = self._stack[-1].key_position
            if key_position is not None:
                self.key_positions[path] = key_position

    def _check_tag(
        self, tag: str | None, expected: str, position: tuple[int, int], path: str
    ) -> str | None:
        """The core tag's short name (`int`…) or None when the node has no explicit tag."""
        if tag is None or tag == "!":
            return None
        short = tag[len(_CORE) :] if tag.startswith(_CORE) else None
        shown = f"!!{short}" if short is not None else tag
        if short not in _ALLOWED_TAGS:
            self._fail(
                position,
                f"the tag {shown!r} is not supported; zopa reads plain data only (remove the tag)",
                path,
            )
            return "str"
        if expected in ("map", "seq") and short != expected:
            self._fail(position, f"the tag {shown!r} does not fit a {expected}", path)
        if expected == "scalar" and short in ("map", "seq"):
            self._fail(position, f"the tag {shown!r} does not fit a single value", path)
            return "str"
        return short

    def _scalar(self, event: Any, position: tuple[int, int]) -> None:
        expecting_key = self._expecting_key()
        path = self._stack[-1].path if expecting_key else self._child_path_or_key()
        tag = self._check_tag(event.tag, "scalar", position, path)
        value = self._resolve(event, tag, position, path)
        if expecting_key:
            self._key(value, position)
            return
        self._record(path, position)
        if isinstance(value, str):
            self.scalars[path] = ScalarSpan(
                event.style or "", event.start_mark.index, event.end_mark.index, event.value
            )
        self._attach(value)

    def _key(self, key: Any, position: tuple[int, int]) -> None:
        frame = self._stack[-1]
        path = join_path(frame.path, key_text(key))
        if key in frame.container:
            first = self.key_positions.get(path)
            where = f" (first at line {first[0]})" if first is not None else ""
            self._fail(
                position,
                f"duplicate key {key_text(key)!r}{where}; each key may appear once",
                path,
            )
        frame.key = key
        frame.key_path = path
        frame.key_position = position

    def _attach(self, value: Any) -> None:
        if not self._stack:
            self.root = value
            return
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.key not in frame.container:
            frame.container[frame.key] = value
        frame.key = None
        frame.key_path = None
        frame.key_position = None

    def _resolve(self, event: Any, tag: str | None, position: tuple[int, int], path: str) -> Any:
        text: str = event.value
        if event.tag == "!":
            return text
        plain = event.style in (None, "") and event.implicit[0]
        if tag is None:
            return _resolve_plain(text, self, position, path) if plain else text
        if tag == "str":
            return text
        value = _resolve_plain(text, self, position, path)
        kinds: dict[str, tuple[type, ...]] = {
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "null": (type(None),),
        }
        if (isinstance(value, bool) and tag != "bool") or not isinstance(value, kinds[tag]):
            self._fail(position, f"{text!r} is not a valid !!{tag}", path)
            return text
        if tag == "float" and isinstance(value, int):
            return float(value)
        return value


class _Stop(Exception):
    """Raised inside the composer to end parsing after a fatal problem."""


def _resolve_plain(text: str, composer: _Composer, position: tuple[int, int], path: str) -> Any:
    """A plain scalar under the YAML 1.2 core schema."""
    if yaml12.NULL.match(text):
        return None
    if yaml12.TRUE.match(text):
        return True
    if yaml12.FALSE.match(text):
        return False
    try:
        if yaml12.INT_DEC.match(text):
            return int(text, 10)
        if yaml12.INT_OCT.match(text):
            return int(text[2:], 8)
        if yaml12.INT_HEX.match(text):
            return int(text[2:], 16)
    except ValueError:
        composer._fail(position, f"the number {text[:20]!r}… has too many digits", path)
        return text
    if yaml12.FLOAT.match(text):
        number = float(text)
        if math.isfinite(number):
            return number
        composer._fail(position, f"{text!r} is too large for a number", path)
        return text
    if yaml12.INF.match(text) or yaml12.NAN.match(text):
        composer._fail(
            position, f"{text!r} is not a finite number; scenario numbers must be finite", path
        )
        return text
    return text
