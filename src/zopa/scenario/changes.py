"""`--set`, `--drop` and `--without` (FORMAT §3), applied to a copy of the raw data before
validation.

- `--set PATH=VALUE`: PATH is dotted, list items by index (`actors.russia.red_lines.0.firmness`);
  every step of it must exist except the last key, which may be absent if its parent mapping
  exists (an optional value); so a typo'd actor or issue is an error with a did-you-mean, not a
  new entry. VALUE is a YAML 1.2 scalar or flow value (`0.3`, `neutral`, `[a, b]`).
- `--drop A/ID` removes red line ID of actor A. `--drop A/reservation` removes A's reservation
  (the key goes, so the default 0 applies; utilities lie in [0, 1], so a reservation of 0 is
  no constraint at all).
- `--without A` removes actor A; at least one actor must remain.

Sets apply first (list indices refer to the file as written), then drops, then removals.
`expect:` entries that name a dropped red line or a removed actor are removed with it, since
they could no longer be checked. The input is never modified.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zopa.errors import Problem, ScenarioError
from zopa.format.refs import RESERVATION, GroupRef, actor_of
from zopa.format.suggest import did_you_mean, one_of
from zopa.scenario.document import join_path, key_text
from zopa.scenario.positions import Segment, dotted
from zopa.scenario.source import parse_value


class ChangeKind(enum.Enum):
    SET = "set"
    DROP = "drop"
    WITHOUT = "without"


@dataclass(frozen=True, slots=True)
class Change:
    """One requested change. `label` is how the user wrote it (`--set a.b=1`), used in
    messages; `error` is set when the option itself could not be read."""

    kind: ChangeKind
    target: str
    value: Any = None
    label: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    """The changed data, and how its paths relate to the file's.

    `origins` maps a path prefix of the new data to the prefix it had in the file (list
    items after a dropped one move up); `overrides` maps each path a change set to the
    change's label (its value has no position in the file); `removed` lists path prefixes of
    the file that no longer exist.
    """

    data: Any
    origins: Mapping[str, str]
    overrides: Mapping[str, str]
    removed: tuple[str, ...]


def set_option(text: str) -> Change:
    """A `--set PATH=VALUE` option as a change (a malformed one carries its error)."""
    label = f"--set {text}"
    path, equals, value_text = text.partition("=")
    path = path.strip()
    if not equals or not path:
        return Change(ChangeKind.SET, path, None, label, "write --set PATH=VALUE")
    try:
        value = parse_value(value_text)
    except ValueError as error:
        return Change(ChangeKind.SET, path, None, label, f"VALUE is not valid YAML: {error}")
    return Change(ChangeKind.SET, path, value, label)


def set_value(path: str, value: Any) -> Change:
    """A change that sets `path` to the Python value `value` (the API's `set=`); tuples and
    other sequences become lists and mappings dicts, as if the value had been read from YAML."""
    return Change(ChangeKind.SET, path, _plain(value), f"set {path}={value!r}")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def drop_option(ref: str, *, label: str | None = None) -> Change:
    """A `--drop ACTOR/ID` option as a change."""
    return Change(ChangeKind.DROP, ref.strip(), None, label or f"--drop {ref}")


def without_option(actor: str, *, label: str | None = None) -> Change:
    """A `--without ACTOR` option as a change."""
    return Change(ChangeKind.WITHOUT, actor.strip(), None, label or f"--without {actor}")


def apply_changes(data: Any, changes: Iterable[Change], *, name: str) -> Applied:
    """Apply `changes` to a deep copy of `data`.

    Raises:
        ScenarioError: every change that names something that does not exist, or cannot be
            read; each problem has the file `name`, the option as its path, and no position.
    """
    state = _State(copy.deepcopy(data), name)
    ordered = sorted(changes, key=lambda c: list(ChangeKind).index(c.kind))
    for change in ordered:
        state.apply(change)
    if state.problems:
        raise ScenarioError(state.problems)
    return state.finish()


class _Fail(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _State:
    """The copy being changed, with the bookkeeping for paths."""

    def __init__(self, data: Any, name: str) -> None:
        self.data = data
        self.name = name
        self.problems: list[Problem] = []
        self.overrides: dict[str, str] = {}
        self.kept: dict[str, list[int]] = {}
        self.removed: list[str] = []

    def apply(self, change: Change) -> None:
        try:
            if change.error is not None:
                raise _Fail(change.error)
            if change.kind is ChangeKind.SET:
                self._set(change)
            elif change.kind is ChangeKind.DROP:
                self._drop(change.target)
            else:
                self._without(change.target)
        except _Fail as failure:
            self.problems.append(Problem(self.name, change.label, None, None, failure.message))

    def finish(self) -> Applied:
        origins: dict[str, str] = {}
        moved: dict[str, str | None] = {}
        for list_path, kept in self.kept.items():
            for new, old in enumerate(kept):
                if new != old:
                    origins[join_path(list_path, new)] = join_path(list_path, old)
                    moved[join_path(list_path, old)] = join_path(list_path, new)
        overrides: dict[str, str] = {}
        for path, label in self.overrides.items():
            target = _move(path, moved, self.removed)
            if target is not None:
                overrides[target] = label
        return Applied(self.data, origins, overrides, tuple(self.removed))

    # --set ------------------------------------------------------------------------------

    def _set(self, change: Change) -> None:
        parts = change.target.split(".")
        if any(part == "" for part in parts):
            raise _Fail("PATH has an empty part; write keys separated by single dots")
        parent, segments = self._walk(parts)
        last = segments[-1]
        if isinstance(parent, list) and isinstance(last, int):
            parent[last] = copy.deepcopy(change.value)
        elif isinstance(parent, dict):
            key = _existing_key(parent, str(last))
            parent[key if key is not None else last] = copy.deepcopy(change.value)
        self.overrides[dotted(segments)] = change.label

    def _walk(self, parts: list[str]) -> tuple[dict[Any, Any] | list[Any], tuple[Segment, ...]]:
        """The container holding the last step of `parts`, and the steps as segments."""
        node: Any = self.data
        segments: list[Segment] = []
        index = 0
        while True:
            where = dotted(tuple(segments))
            if isinstance(node, list):
                part = parts[index]
                if not (part.isascii() and part.isdigit()):
                    raise _Fail(f"{where} is a list; the next step must be an index, not {part!r}")
                item = int(part)
                if item >= len(node):
                    raise _Fail(_no_item(where, item, len(node)))
                segments.append(item)
                if index == len(parts) - 1:
                    return node, tuple(segments)
                node = node[item]
                index += 1
                continue
            if not isinstance(node, dict):
                raise _Fail(f"{where} is a single value, not a mapping; it has no {parts[index]!r}")
            used = _longest_key(node, parts, index)
            if used == 0:
                rest = ".".join(parts[index:])
                in_preferences = (
                    len(segments) == 3 and segments[0] == "actors" and segments[2] == "preferences"
                )
                last = len(parts) - index == 1 or (in_preferences and len(parts) - index == 2)
                if not last:
                    raise _Fail(_no_key(where, parts[index], node))
                segments.append(rest)
                return node, tuple(segments)
            key_part = ".".join(parts[index : index + used])
            key = _existing_key(node, key_part)
            segments.append(key_part)
            index += used
            if index == len(parts):
                return node, tuple(segments)
            node = node[key]

    # --drop / --without ----------------------------------------------------------------

    def _actor(self, actor: str, option: str) -> dict[Any, Any]:
        actors = self.data.get("actors") if isinstance(self.data, dict) else None
        if not isinstance(actors, dict):
            raise _Fail(f"the scenario has no actors to {option}")
        names = [k for k in actors if isinstance(k, str)]
        if actor not in actors:
            raise _Fail(f"no actor {actor!r}{did_you_mean(actor, names)}; actors: {one_of(names)}")
        body = actors[actor]
        if not isinstance(body, dict):
            raise _Fail(f"actor {actor!r} is not a mapping")
        return body

    def _drop(self, ref: str) -> None:
        group = GroupRef.parse(ref)
        if group is None:
            raise _Fail("write --drop ACTOR/ID, e.g. --drop russia/no-nato")
        actor, line_id = group.actor, group.id
        body = self._actor(actor, "drop from")
        if line_id == RESERVATION:
            body.pop(RESERVATION, None)
            return
        lines = body.get("red_lines")
        ids = [_dict_get(item, "id") for item in lines] if isinstance(lines, list) else []
        if line_id not in ids or not isinstance(lines, list):
            known = [i for i in ids if isinstance(i, str)] + [RESERVATION]
            raise _Fail(
                f"actor {actor!r} has no red line {line_id!r}{did_you_mean(line_id, known)}; "
                f"it has: {one_of(known)}"
            )
        position = ids.index(line_id)
        list_path = join_path(join_path("actors", actor), "red_lines")
        kept = self.kept.setdefault(list_path, list(range(len(lines))))
        self.removed.append(join_path(list_path, kept[position]))
        del kept[position]
        del lines[position]
        self._drop_expectations({str(group)}, actor=None)

    def _without(self, actor: str) -> None:
        self._actor(actor, "remove")
        actors = self.data["actors"]
        if len(actors) == 1:
            raise _Fail(f"removing {actor!r} would leave no actor; a scenario needs one")
        del actors[actor]
        self.removed.append(join_path("actors", actor))
        self._drop_expectations(set(), actor=actor)
        self._release_issues(actor)

    def _release_issues(self, actor: str) -> None:
        """Issues the removed actor controlled are controlled by no one (`zopa stability`
        then says so), rather than naming an actor that is gone."""
        issues = self.data.get("issues")
        for issue_id, body in issues.items() if isinstance(issues, dict) else ():
            if isinstance(body, dict) and body.get("controlled_by") == actor:
                del body["controlled_by"]
                self.removed.append(join_path(join_path("issues", issue_id), "controlled_by"))

    def _drop_expectations(self, refs: set[str], *, actor: str | None) -> None:
        expect = self.data.get("expect")
        if not isinstance(expect, list):
            return
        kept = self.kept.setdefault("expect", list(range(len(expect))))
        for position in range(len(expect) - 1, -1, -1):
            if _names(expect[position], refs, actor):
                self.removed.append(join_path("expect", kept[position]))
                del kept[position]
                del expect[position]


def _names(entry: Any, refs: set[str], actor: str | None) -> bool:
    """Whether an `expect:` entry names one of `refs` or a constraint of `actor`."""
    if not isinstance(entry, dict):
        return False
    named: list[Any] = []
    if isinstance(entry.get("conflict"), list):
        named.extend(entry["conflict"])
    named.append(entry.get("binding"))
    for ref in named:
        if not isinstance(ref, str):
            continue
        if ref in refs or (actor is not None and actor_of(ref) == actor):
            return True
    return False


def _dict_get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _existing_key(node: dict[Any, Any], text: str) -> Any:
    for key in node:
        if key_text(key) == text:
            return key
    return None


def _longest_key(node: dict[Any, Any], parts: list[str], index: int) -> int:
    """How many parts from `index` on form the longest key of `node` (0: none)."""
    keys = {key_text(key) for key in node}
    for end in range(len(parts), index, -1):
        if ".".join(parts[index:end]) in keys:
            return end - index
    return 0


_WHAT = {"actors": "actor", "issues": "issue", "sources": "source", "": "top-level key"}


def _no_key(where: str, part: str, node: dict[Any, Any]) -> str:
    keys = [key_text(k) for k in node]
    what = _WHAT.get(where)
    if what is None and where.endswith(".preferences"):
        what = "preference"
    if what is not None:
        return f"no {what} {part!r}{did_you_mean(part, keys)}; {what}s: {one_of(keys)}"
    return (
        f"{where} has no key {part!r}{did_you_mean(part, keys)}; it has: {one_of(keys)} "
        "(only the last key of PATH may be new)"
    )


def _no_item(where: str, item: int, length: int) -> str:
    if length == 0:
        return f"{where} is empty; it has no item {item}"
    return f"{where} has {length} item(s), numbered 0 to {length - 1}; there is no item {item}"


def _move(path: str, moved: Mapping[str, str | None], removed: list[str]) -> str | None:
    for prefix in removed:
        if path == prefix or path.startswith(prefix + "."):
            return None
    for old, new in moved.items():
        if new is not None and (path == old or path.startswith(old + ".")):
            return new + path[len(old) :]
    return path
