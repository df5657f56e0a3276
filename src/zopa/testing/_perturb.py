"""The numbers of a loaded scenario that `perturbed` may move, and how a move stays valid.

A scenario's raw data is read for every number a user could mean by "the scenario's
numbers": issue bounds and status quo, thresholds inside `require`/`when` text, firmness,
preference weights, curve points and values, reservations (an absent one counts as 0). Each
comes with its dotted path (what `Scenario.with_changes(set=...)` takes) and the bounds that
keep it valid. `changes` turns drawn moves into `set=` entries and keeps the couplings that a
single bound cannot: an issue's `min <= max` and its status quo inside.

No Hypothesis here: the strategy in `strategies.py` draws one number in [-1, 1] per entry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zopa.testing._draw import decimal_text

Bounds = tuple[float, float]

_UNIT: Bounds = (0.0, 1.0)
_FREE: Bounds = (-math.inf, math.inf)
_POSITIVE: Bounds = (0.0, math.inf)


@dataclass(frozen=True, slots=True)
class Movable:
    """A number of the scenario that may move.

    `path` is the dotted path `with_changes(set=...)` takes; for a threshold inside an
    expression it names the expression, and `span` the literal's characters in the text.
    `whole`: the number must stay an integer. `positive`: it must stay above 0.
    """

    path: str
    value: float
    bounds: Bounds
    whole: bool = False
    span: tuple[int, int] | None = None
    positive: bool = False


_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
      |(?P<other>\S)""",
    re.VERBOSE,
)
"""The expression language's tokens, as far as finding number literals needs (parse.py)."""


def _thresholds(path: str, text: str) -> list[Movable]:
    """The number literals of an expression that are thresholds or offsets, not factors:
    a literal next to `*` or `/` scales a term and stays put."""
    tokens = [(m.lastgroup, m.group(), m.span()) for m in _TOKEN.finditer(text)]
    out: list[Movable] = []
    for i, (kind, literal, span) in enumerate(tokens):
        if kind != "number":
            continue
        neighbours = {tokens[j][1] for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
        if neighbours & {"*", "/"}:
            continue
        whole = not any(ch in literal for ch in ".eE")
        out.append(Movable(path, float(literal), _POSITIVE, whole, span))
    return out


def movable_numbers(raw: Any) -> list[Movable]:
    """Every movable number of a scenario's raw data, in file order."""
    if not isinstance(raw, dict):
        return []
    out: list[Movable] = []
    for issue_id, issue in _items(raw.get("issues")):
        out.extend(_issue_numbers(f"issues.{issue_id}", issue))
    for index, rule in enumerate(_list(raw.get("rules"))):
        out.extend(_constraint_numbers(f"rules.{index}", rule))
    for actor_id, actor in _items(raw.get("actors")):
        out.extend(_actor_numbers(f"actors.{actor_id}", actor))
    return out


def key_text(key: Any) -> str:
    """A mapping key as a path names it (`true` for the boolean key True)."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _items(node: Any) -> list[tuple[str, Any]]:
    return [(key_text(k), v) for k, v in node.items()] if isinstance(node, dict) else []


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _issue_numbers(path: str, issue: Any) -> list[Movable]:
    if not isinstance(issue, dict) or issue.get("type") not in ("number", "integer"):
        return []
    whole = issue.get("type") == "integer"
    return [
        Movable(f"{path}.{key}", float(issue[key]), _FREE, whole)
        for key in ("min", "max", "status_quo")
        if is_number(issue.get(key))
    ]


def _constraint_numbers(path: str, body: Any) -> list[Movable]:
    if not isinstance(body, dict):
        return []
    out: list[Movable] = []
    for key in ("when", "require"):
        if isinstance(body.get(key), str):
            out.extend(_thresholds(f"{path}.{key}", body[key]))
    if is_number(body.get("firmness")):
        out.append(Movable(f"{path}.firmness", float(body["firmness"]), _POSITIVE, positive=True))
    return out


def _actor_numbers(path: str, actor: Any) -> list[Movable]:
    if not isinstance(actor, dict):
        return []
    out: list[Movable] = []
    for index, line in enumerate(_list(actor.get("red_lines"))):
        out.extend(_constraint_numbers(f"{path}.red_lines.{index}", line))
    for key, pref in _items(actor.get("preferences")):
        out.extend(_preference_numbers(f"{path}.preferences.{key}", pref))
    reservation = actor.get("reservation", 0)
    if is_number(reservation):
        out.append(Movable(f"{path}.reservation", float(reservation), _UNIT))
    return out


def _preference_numbers(path: str, pref: Any) -> list[Movable]:
    if not isinstance(pref, dict):
        return []
    out: list[Movable] = []
    if is_number(pref.get("weight")):
        out.append(Movable(f"{path}.weight", float(pref["weight"]), _POSITIVE, positive=True))
    curve = _list(pref.get("curve"))
    points = [p for p in curve if isinstance(p, list) and len(p) == 2 and all(map(is_number, p))]
    if len(points) == len(curve):  # a curve zopa accepted; anything else stays as it is
        xs = [float(p[0]) for p in points]
        for index, (x, y) in enumerate(points):
            out.append(Movable(f"{path}.curve.{index}.0", float(x), _between(xs, index)))
            out.append(Movable(f"{path}.curve.{index}.1", float(y), _UNIT))
    for key, value in _items(pref.get("values")):
        # A label with an empty dotted part ("." or "a..b") has no `--set` path: left alone.
        if is_number(value) and "" not in str(key).split("."):
            out.append(Movable(f"{path}.values.{key}", float(value), _UNIT))
    return out


def _between(xs: Sequence[float], index: int) -> Bounds:
    """Where a curve point's x may move and keep the points strictly increasing: less than
    halfway to each neighbour, so neighbours moving towards each other never meet."""
    x = xs[index]
    low = x - 0.45 * (x - xs[index - 1]) if index > 0 else -math.inf
    high = x + 0.45 * (xs[index + 1] - x) if index + 1 < len(xs) else math.inf
    return (low, high)


def matches(path: str, patterns: Iterable[str]) -> bool:
    """A pattern names a path or a prefix of it; `*` stands for one key."""
    for pattern in patterns:
        regex = "[^.]+".join(re.escape(part) for part in pattern.split("*"))
        if re.fullmatch(rf"{regex}(?:\..*)?", path):
            return True
    return False


def moved(number: Movable, u: float, rel: float, absolute: float) -> float:
    """`number` moved by `u` (in [-1, 1]) times its reach `rel * |value| + absolute`, kept
    within its bounds (positive numbers above 0, whole numbers whole)."""
    reach = rel * abs(number.value) + absolute
    low, high = number.bounds
    new = min(max(number.value + u * reach, low), high)
    if not math.isfinite(new):  # a number near the float limit: moving it would overflow
        return number.value
    if number.positive and new <= 0:
        new = number.value / 2
    if number.whole:
        new = float(round(new))
        if not low <= new <= high:
            new = number.value
    return new


def changes(raw: Any, moves: Mapping[Movable, float]) -> dict[str, tuple[Any, Any]]:
    """The `set=` entries (path -> (old, new)) that make `moves`, in file order; moves that
    change nothing are left out."""
    values: dict[str, Any] = {}
    texts: dict[str, list[tuple[Movable, float]]] = {}
    for number, new in moves.items():
        if new == number.value:
            continue
        if number.span is None:
            values[number.path] = int(new) if number.whole else new
        else:
            texts.setdefault(number.path, []).append((number, new))
    _keep_ranges(raw, values)
    out: dict[str, tuple[Any, Any]] = {}
    for path, new in values.items():
        out[path] = (value_at(raw, path), new)
    for path, edits in texts.items():
        old_text = value_at(raw, path)
        if not isinstance(old_text, str):
            continue
        new_text = _rewrite(old_text, edits)
        if new_text != old_text:
            out[path] = (old_text, new_text)
    return out


def _keep_ranges(raw: Any, values: dict[str, Any]) -> None:
    """An issue whose moved `min` and `max` would cross (or meet, where they differed) keeps
    both; its moved or unmoved status quo is clamped into the range."""
    for issue_id, issue in _items(raw.get("issues") if isinstance(raw, dict) else None):
        if not isinstance(issue, dict):
            continue
        base = f"issues.{issue_id}"
        lo: Any = values.get(f"{base}.min", issue.get("min"))
        hi: Any = values.get(f"{base}.max", issue.get("max"))
        if not (is_number(lo) and is_number(hi)):
            continue
        if lo > hi or (lo == hi and issue.get("min") != issue.get("max")):
            values.pop(f"{base}.min", None)
            values.pop(f"{base}.max", None)
            lo, hi = issue["min"], issue["max"]
        quo: Any = values.get(f"{base}.status_quo", issue.get("status_quo"))
        if is_number(quo) and not lo <= quo <= hi:
            values[f"{base}.status_quo"] = min(max(quo, lo), hi)


def value_at(raw: Any, path: str) -> Any:
    """The value at a dotted path (dotted preference keys read as one key); None if absent."""
    node = raw
    parts = path.split(".")
    i = 0
    while i < len(parts):
        if isinstance(node, list):
            index = int(parts[i]) if parts[i].isdigit() else len(node)
            if index >= len(node):
                return None
            node, i = node[index], i + 1
            continue
        if not isinstance(node, dict):
            return None
        keys = {key_text(k): k for k in node}
        end = next((e for e in range(len(parts), i, -1) if ".".join(parts[i:e]) in keys), None)
        if end is None:
            return None
        node, i = node[keys[".".join(parts[i:end])]], end
    return node


def _rewrite(text: str, edits: Sequence[tuple[Movable, float]]) -> str:
    """`text` with each threshold literal replaced by its new value, right to left so the
    spans stay valid."""
    out = text
    for number, new in sorted(edits, key=lambda e: e[0].span or (0, 0), reverse=True):
        if number.span is None or new == number.value:
            continue
        start, end = number.span
        literal = str(int(new)) if number.whole else decimal_text(new)
        if not number.whole and not any(ch in literal for ch in ".eE"):
            literal += ".0"  # a real literal stays real: `<` keeps its real meaning
        out = out[:start] + literal + out[end:]
    return out
