"""Safe XML reading for the GENIUS importer: expat under a size, element and depth cap; a
document type declaration (and so any entity) is refused outright, so no entity is ever
expanded or fetched. Problems raise `ScenarioError` with the file, line and column."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from zopa.errors import Problem, ScenarioError

MAX_XML_BYTES = 8 << 20
"""Largest XML file read (8 MiB); the biggest ANAC domains are a few hundred kilobytes."""

MAX_ELEMENTS = 200_000
"""Most elements in one XML file."""

MAX_DEPTH = 32
"""Deepest element nesting; GENIUS files need five levels."""

Where = tuple[int, int] | None


# --------------------------------------------------------------------------- safe XML reading


@dataclass(frozen=True, slots=True)
class XmlElement:
    """One element of a parsed file: tag, attributes in file order, children, and the 1-based
    (line, column) of its start tag. Text content is dropped: GENIUS keeps all in attributes."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    children: tuple[XmlElement, ...]
    line: int
    column: int

    @property
    def where(self) -> tuple[int, int]:
        return (self.line, self.column)

    def get(self, name: str) -> str | None:
        """The attribute `name`, or None."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    def find_all(self, tag: str) -> tuple[XmlElement, ...]:
        """The direct children with this tag, in file order."""
        return tuple(child for child in self.children if child.tag == tag)

    def iter(self) -> list[XmlElement]:
        """This element and all below it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.iter())
        return out


@dataclass(frozen=True, slots=True)
class XmlFile:
    """A parsed XML file: where it came from, its root element and the SHA-256 of its bytes."""

    path: Path
    root: XmlElement
    sha256: str


def error_at(path: Path, where: Where, message: str) -> ScenarioError:
    line, column = where if where is not None else (None, None)
    return ScenarioError([Problem(str(path), "", line, column, message)])


class _TreeBuilder:
    """expat callbacks that build `XmlElement`s and refuse anything but plain elements."""

    def __init__(self, parser: Any, path: Path) -> None:
        self._parser = parser
        self._path = path
        self._stack: list[tuple[str, tuple[tuple[str, str], ...], list[XmlElement], int, int]] = []
        self._count = 0
        self.root: XmlElement | None = None

    def _here(self) -> tuple[int, int]:
        return (self._parser.CurrentLineNumber, self._parser.CurrentColumnNumber + 1)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self._count += 1
        if self._count > MAX_ELEMENTS:
            raise error_at(self._path, self._here(), f"more than {MAX_ELEMENTS} XML elements")
        if len(self._stack) >= MAX_DEPTH:
            raise error_at(self._path, self._here(), f"XML nested deeper than {MAX_DEPTH} levels")
        line, column = self._here()
        self._stack.append((tag, tuple(attributes.items()), [], line, column))

    def end(self, tag: str) -> None:
        name, attributes, children, line, column = self._stack.pop()
        element = XmlElement(name, attributes, tuple(children), line, column)
        if self._stack:
            self._stack[-1][2].append(element)
        else:
            self.root = element

    def refuse_doctype(self, *args: object) -> None:
        raise error_at(
            self._path,
            self._here(),
            "document type declarations (<!DOCTYPE ...>) are not accepted: GENIUS files "
            "have none, and refusing them keeps entities from being expanded or fetched",
        )

    def refuse_entity(self, *args: object) -> int:
        raise error_at(self._path, self._here(), "entity references to outside files are refused")


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except OSError as exc:
        raise error_at(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_XML_BYTES:
        raise error_at(path, None, f"the file is larger than {MAX_XML_BYTES} bytes")
    return data


def read_xml(path: str | Path) -> XmlFile:
    """Parse one XML file safely (size and depth caps, no DTDs, no entities).

    Raises:
        ScenarioError: the file cannot be read, is too large, or is not well-formed XML
            (with the line and column expat reports).
    """
    path = Path(path)
    data = _read_bytes(path)
    parser = expat.ParserCreate()
    builder = _TreeBuilder(parser, path)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.StartDoctypeDeclHandler = builder.refuse_doctype
    parser.EntityDeclHandler = builder.refuse_entity
    parser.ExternalEntityRefHandler = builder.refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.ErrorString(exc.code)}"
        raise error_at(path, (exc.lineno, exc.offset + 1), message) from None
    if builder.root is None:  # expat reports an empty document itself; kept for the type
        raise error_at(path, None, "the file holds no XML element")
    return XmlFile(path, builder.root, hashlib.sha256(data).hexdigest())
