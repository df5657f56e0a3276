"""pydantic's validation errors → `Problem`s that point at the YAML and say what to do.

pydantic locates an error by a tuple of keys, indices and union-member labels
(`('issues', 'territory', 'number', 'min', 'int')`); this module walks that tuple along the
data to find the real path, places the problem (a missing key at its parent mapping, an
unknown key at the key itself), rewrites the message for people, and merges the one-per-
union-member errors pydantic reports for a single wrong value.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from zopa.errors import Problem
from zopa.format.schema import CONSTRAINT_ID_PATTERN, ISSUE_KINDS, ScenarioModel
from zopa.format.suggest import closest, did_you_mean, one_of
from zopa.scenario.document import key_text
from zopa.scenario.positions import Locator, Segment, dotted

_TYPE_WORDS: dict[str, str] = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
}
_ISSUE_TYPES = tuple(
    str(typing.get_args(k.model_fields["type"].annotation)[0]) for k in ISSUE_KINDS
)
_SECONDARY = ("too_short", "too_long")
"""Errors pydantic adds about a list whose items already failed; reported only alone."""


@dataclass(frozen=True, slots=True)
class _Error:
    """One pydantic error, located in the data."""

    segments: tuple[Segment, ...]
    key: str | None
    kind: str
    value: Any
    context: dict[str, Any]
    message: str
    bad_key: bool


def schema_problems(error: ValidationError, data: Any, locator: Locator) -> list[Problem]:
    """Every problem of `error`, one per wrong value, worded for people."""
    located = [_locate(item, data) for item in error.errors(include_url=False)]
    located = [item for item in located if not _explained(item, located)]
    deeper = {e.segments[:n] for e in located for n in range(len(e.segments))}
    problems: list[Problem] = []
    merged: dict[tuple[Segment, ...], list[_Error]] = {}
    for item in located:
        if item.kind in _SECONDARY and item.segments in deeper:
            continue
        if item.kind in _TYPE_WORDS and item.key is None and not item.bad_key:
            merged.setdefault(item.segments, []).append(item)
            continue
        problems.append(_problem(item, data, locator))
    for segments, items in merged.items():
        path = dotted(segments)
        problems.append(locator.problem(path, _type_message(items, segments, data)))
    return problems


def _explained(item: _Error, located: list[_Error]) -> bool:
    """A missing key that a misspelt key next to it explains (`weigth` for `weight`)."""
    if item.kind != "missing" or item.key is None:
        return False
    return any(
        other.kind == "extra_forbidden"
        and other.segments == item.segments
        and other.key is not None
        and closest(other.key, [item.key]) == item.key
        for other in located
    )


def _locate(raw: Any, data: Any) -> _Error:
    loc: Sequence[Any] = raw["loc"]
    kind: str = raw["type"]
    key_kinds = ("missing", "extra_forbidden")
    segments: list[Segment] = []
    node = data
    skipped_tag = False
    key: str | None = None
    bad_key = False
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if part == "[key]":
            bad_key = True
            break
        if isinstance(node, dict) and not skipped_tag and node.get("type") == part:
            skipped_tag = True
            continue
        if last and kind in key_kinds and isinstance(part, str):
            key = part
            break
        if isinstance(node, dict):
            match = _dict_key(node, part)
            if match is not None:
                segments.append(key_text(match))
                node = node[match]
                skipped_tag = False
                continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            segments.append(part)
            node = node[part]
            skipped_tag = False
            continue
    context = dict(raw.get("ctx") or {})
    message = str(raw["msg"]).removeprefix("Value error, ")
    return _Error(tuple(segments), key, kind, raw.get("input"), context, message, bad_key)


def _dict_key(node: dict[Any, Any], part: Any) -> Any:
    if part in node and not (isinstance(part, bool) ^ any(k is part for k in node)):
        return part
    for key in node:
        if key_text(key) == str(part) or key == part:
            return key
    return None


def _problem(item: _Error, data: Any, locator: Locator) -> Problem:
    path = dotted(item.segments)
    if item.kind == "extra_forbidden" and item.key is not None:
        model = _model_at(item.segments, data)
        allowed = list(model.model_fields) if model is not None else []
        what = _what(model)
        message = (
            f"unknown key {item.key!r}{what}{did_you_mean(item.key, allowed)}; "
            f"allowed keys: {one_of(allowed)}"
        )
        return locator.key_problem(_join(path, item.key), message)
    if item.kind == "missing" and item.key is not None:
        model = _model_at(item.segments, data)
        required = [n for n, f in model.model_fields.items() if f.is_required()] if model else []
        need = f"; {_article(model)} needs {one_of(required)}" if len(required) > 1 else ""
        return locator.problem(path, f"missing key {item.key!r}{need}")
    if item.bad_key:
        return locator.key_problem(path, _key_message(item))
    if item.kind == "union_tag_invalid":
        path = _join(path, "type")
    return locator.problem(path, _value_message(item, path))


def _join(path: str, key: str) -> str:
    return key if path == "" else f"{path}.{key}"


def _what(model: type[BaseModel] | None) -> str:
    if model is not None and model in ISSUE_KINDS:
        return f" for {_a(str(_tag(model)))} issue"
    return ""


def _article(model: type[BaseModel] | None) -> str:
    if model is not None and model in ISSUE_KINDS:
        return f"{_a(str(_tag(model)))} issue"
    if model is ScenarioModel:
        return "a scenario"
    name = model.__name__ if model is not None else "this"
    words = "".join(" " + c.lower() if c.isupper() else c for c in name).strip()
    return _a(words)


def _a(words: str) -> str:
    return f"an {words}" if words[:1] in ("a", "e", "i", "o", "u") else f"a {words}"


def _key_message(item: _Error) -> str:
    if item.kind == "string_pattern_mismatch":
        return _id_message(item.value, str(item.context.get("pattern", "")))
    return f"the key {item.value!r} is not allowed here: {item.message}"


def _id_message(value: Any, pattern: str) -> str:
    if pattern == CONSTRAINT_ID_PATTERN:
        return (
            f"{value!r} is not a valid id; use lowercase letters, digits, '_' and '-' "
            "(not starting with '-')"
        )
    return (
        f"{value!r} is not a valid id; use lowercase letters, digits and '_', "
        "starting with a letter or '_'"
    )


def _value_message(item: _Error, path: str) -> str:
    """The message for a wrong value, from the registry of pydantic error kinds; kinds not
    in the registry keep pydantic's own wording."""
    rewrite = _VALUE_MESSAGES.get(item.kind)
    return rewrite(item, path) if rewrite is not None else item.message


def _tag_invalid(item: _Error, path: str) -> str:
    tag = item.value.get("type") if isinstance(item.value, dict) else item.context.get("tag")
    return (
        f"{tag!r} is not an issue type; use one of {', '.join(_ISSUE_TYPES)}"
        f"{did_you_mean(str(tag), _ISSUE_TYPES)}"
    )


def _tag_not_found(item: _Error, path: str) -> str:
    if isinstance(item.value, dict):
        return f"missing key 'type'; use one of {', '.join(_ISSUE_TYPES)}"
    return f"expected a mapping with a 'type' key, got {_describe(item.value)}"


def _literal(item: _Error, path: str) -> str:
    if path == "zopa":
        return f"this is zopa format 1; write 'zopa: 1' (got {_describe(item.value)})"
    return f"{_describe(item.value)} is not allowed here; use {item.context.get('expected')}"


def _bound(item: _Error, path: str) -> str:
    words = {
        "greater_than": ("gt", "greater than"),
        "greater_than_equal": ("ge", "at least"),
        "less_than": ("lt", "less than"),
        "less_than_equal": ("le", "at most"),
    }
    key, text = words[item.kind]
    return f"must be {text} {item.context.get(key)} (got {_describe(item.value)})"


def _missing_item(item: _Error, path: str) -> str:
    return "this point needs two numbers: [x, value]" if ".curve." in path else "missing"


_VALUE_MESSAGES: dict[str, Callable[[_Error, str], str]] = {
    "union_tag_invalid": _tag_invalid,
    "union_tag_not_found": _tag_not_found,
    "literal_error": _literal,
    "string_pattern_mismatch": lambda e, _: _id_message(e.value, str(e.context.get("pattern"))),
    "string_too_short": lambda e, _: "must not be empty",
    "string_too_long": lambda e, _: (
        f"is too long ({len(str(e.value))} characters; at most {e.context.get('max_length')})"
    ),
    "too_short": lambda e, _: f"needs at least {e.context.get('min_length')} item(s)",
    "too_long": lambda e, _: f"has too many items (at most {e.context.get('max_length')})",
    "greater_than": _bound,
    "greater_than_equal": _bound,
    "less_than": _bound,
    "less_than_equal": _bound,
    "missing": _missing_item,
}
"""pydantic error kind → message for people; `_TYPE_WORDS` covers the type errors."""


def _type_message(items: list[_Error], segments: tuple[Segment, ...], data: Any) -> str:
    wanted = list(dict.fromkeys(_TYPE_WORDS[item.kind] for item in items))
    if "a number" in wanted and "a whole number" in wanted:
        wanted.remove("a whole number")
    value = items[0].value
    message = f"expected {' or '.join(wanted)}, got {_describe(value)}"
    if value is None:
        return message + "; give a value or remove the key"
    if wanted == ["a string"] and not isinstance(value, (dict, list)):
        shown = "true" if value is True else "false" if value is False else str(value)
        return message + f"; quote it if you mean the text: '{shown}'"
    if wanted == ["a whole number"] and isinstance(value, float):
        return message + f"; an integer issue takes whole numbers such as {round(value)}"
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _model_at(segments: tuple[Segment, ...], data: Any) -> type[BaseModel] | None:
    """The format model that validates the mapping at `segments`, if any."""
    annotation: Any = ScenarioModel
    node = data
    for segment in segments:
        annotation = _child(_unwrap(annotation, node), segment)
        if annotation is None:
            return None
        node = _get(node, segment)
    found = _unwrap(annotation, node)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _get(node: Any, segment: Segment) -> Any:
    if isinstance(node, list) and isinstance(segment, int) and segment < len(node):
        return node[segment]
    if isinstance(node, dict):
        key = _dict_key(node, segment)
        return node[key] if key is not None else None
    return None


def _unwrap(annotation: Any, node: Any) -> Any:
    """Strip `Annotated` and unions down to one type, picking an issue kind by its `type`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin is typing.Union or origin is types.UnionType:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            if len(models) > 1 and isinstance(node, dict):
                chosen = [m for m in models if _tag(m) == node.get("type")]
                annotation = chosen[0] if chosen else None
            elif models:
                annotation = models[0]
            else:
                annotation = members[0] if len(members) == 1 else None
            continue
        return annotation


def _tag(model: type[BaseModel]) -> Any:
    field = model.model_fields.get("type")
    if field is None:
        return None
    args = typing.get_args(field.annotation)
    return args[0] if args else None


def _child(annotation: Any, segment: Segment) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(segment))
        return field.annotation if field is not None else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in (tuple, list) and args:
        if (len(args) == 2 and args[1] is Ellipsis) or origin is list:
            return args[0]
        if isinstance(segment, int) and segment < len(args):
            return args[segment]
    return None
