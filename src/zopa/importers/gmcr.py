"""GMCR+ / gmcr-py save files (`.gmcr`, JSON) as scenario data for `zopa stability`.

What is imported:
- `options` (each `{name, permittedDirection}`) become boolean issues, in file order, each
  controlled by the decision maker that lists it; `permittedDirection` `both` / `fwd` /
  `back` becomes `direction: both` / `to_true` / `to_false` (fwd: an option once taken
  stays taken; back: once dropped stays dropped).
- `decisionMakers` (each `{name, options, preferences}`) become actors, in file order.
- `infeasibles`: each condition (a list of `[option index, "Y" | "N"]`, or
  `{"compound": true, "members": [...]}` for an `or` of such lists) becomes a rule
  `not (CONDITION)`.
- Option prioritization: statement k (0-based) of a decision maker's n `preferences` becomes a
  term of weight 2^(n-k-1) on the statement's condition, so a state satisfying an earlier
  statement always outranks one that satisfies only later ones — GMCR+'s own payoff
  (`weightPreferences`), scaled by the sum of the weights, which changes no ranking.

What is not imported (the output's description says which were present): manual preference
rankings (`preferenceRanking` / `preferenceVector`, used when `useManualPreferenceRanking`
is true: zopa uses the prioritization statements instead), `coalitions` (every decision
maker moves alone), misperceptions and any other key. A GMCR+ file has no status quo.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from zopa.errors import Problem, ScenarioError
from zopa.importers.genius import _Dumper, _identifier, _unique

MAX_GMCR_BYTES = 4 << 20
DIRECTIONS = {"both": "both", "fwd": "to_true", "back": "to_false"}
"""GMCR+'s `permittedDirection` to zopa's `direction`."""


def _fail(path: Path, where: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(str(path), where, None, None, message)])


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_GMCR_BYTES + 1)
    except OSError as exc:
        raise _fail(path, "", f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_GMCR_BYTES:
        raise _fail(path, "", f"the file is larger than {MAX_GMCR_BYTES} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(
            path, "", f"not a GMCR+ save file: it is not JSON ({exc}); save it from GMCR+"
        ) from None


def _list(path: Path, value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, where, f"expected a list, got {type(value).__name__}")
    return value


class _Reader:
    """Turns the parsed JSON into scenario data, failing with the JSON path of each problem."""

    def __init__(self, path: Path, data: Any) -> None:
        if not isinstance(data, dict):
            raise _fail(path, "", "not a GMCR+ save file: expected a JSON object")
        for key in ("options", "decisionMakers"):
            if key not in data:
                raise _fail(path, "", f"not a GMCR+ save file: no {key!r} key")
        self.path = path
        self.data = data
        self.options = _list(path, data["options"], "options")
        self.ids: tuple[str, ...] = ()

    def option(self, value: Any, where: str) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(self.path, where, f"an option index must be a whole number, got {value!r}")
        if not 0 <= value < len(self.options):
            raise _fail(
                self.path, where, f"no option {value} (the file has {len(self.options)} options)"
            )
        return self.ids[value]

    def condition(self, value: Any, where: str) -> str:
        """A condition as an expression: a conjunction of taken / not-taken options, or
        (compound) a disjunction of those."""
        if isinstance(value, dict):
            if value.get("compound") is not True or "members" not in value:
                raise _fail(self.path, where, 'expected {"compound": true, "members": [...]}')
            members = _list(self.path, value["members"], f"{where}.members")
            parts = [self.condition(m, f"{where}.members.{i}") for i, m in enumerate(members)]
            return " or ".join(f"({p})" for p in parts) if parts else "false"
        atoms: list[str] = []
        for i, pair in enumerate(_list(self.path, value, where)):
            if not isinstance(pair, list) or len(pair) != 2 or pair[1] not in ("Y", "N"):
                raise _fail(
                    self.path, f"{where}.{i}", f'expected [OPTION, "Y" or "N"], got {pair!r}'
                )
            name = self.option(pair[0], f"{where}.{i}")
            atoms.append(name if pair[1] == "Y" else f"not {name}")
        return " and ".join(atoms) if atoms else "true"

    def scenario(self, title: str) -> dict[str, Any]:
        names = []
        for i, option in enumerate(self.options):
            if not isinstance(option, dict) or not isinstance(option.get("name"), str):
                raise _fail(self.path, f"options.{i}", "expected {name, permittedDirection}")
            if option.get("permittedDirection", "both") not in DIRECTIONS:
                raise _fail(
                    self.path,
                    f"options.{i}.permittedDirection",
                    f"{option.get('permittedDirection')!r} is not one of both, fwd, back",
                )
            names.append(option["name"])
        self.ids = _unique([_identifier(n, "option") for n in names])
        dms = _list(self.path, self.data["decisionMakers"], "decisionMakers")
        if not dms:
            raise _fail(self.path, "decisionMakers", "a conflict needs a decision maker")
        for i, dm in enumerate(dms):
            if not isinstance(dm, dict) or not isinstance(dm.get("name"), str):
                raise _fail(self.path, f"decisionMakers.{i}", "expected {name, options, ...}")
        actor_ids = _unique([_identifier(dm["name"], "actor") for dm in dms])
        owner: dict[int, str] = {}
        for i, dm in enumerate(dms):
            for j, index in enumerate(
                _list(self.path, dm.get("options", []), f"decisionMakers.{i}.options")
            ):
                where = f"decisionMakers.{i}.options.{j}"
                self.option(index, where)
                if index in owner:
                    raise _fail(
                        self.path, where, f"option {index} already belongs to {owner[index]}"
                    )
                owner[index] = actor_ids[i]
        issues: dict[str, Any] = {}
        for i, option in enumerate(self.options):
            if i not in owner:
                raise _fail(self.path, f"options.{i}", "no decision maker controls this option")
            issue: dict[str, Any] = {"type": "boolean", "controlled_by": owner[i]}
            direction = DIRECTIONS[option.get("permittedDirection", "both")]
            if direction != "both":
                issue["direction"] = direction
            issue["description"] = option["name"]
            issues[self.ids[i]] = issue
        rules = [
            {
                "id": f"infeasible-{k + 1}",
                "require": f"not ({self.condition(c, f'infeasibles.{k}')})",
            }
            for k, c in enumerate(_list(self.path, self.data.get("infeasibles", []), "infeasibles"))
        ]
        actors: dict[str, Any] = {}
        for i, dm in enumerate(dms):
            statements = _list(
                self.path, dm.get("preferences", []), f"decisionMakers.{i}.preferences"
            )
            n = len(statements)
            entry: dict[str, Any] = {"name": dm["name"]}
            if statements:
                entry["terms"] = [
                    {
                        "when": self.condition(s, f"decisionMakers.{i}.preferences.{k}"),
                        "weight": 2 ** (n - k - 1),
                    }
                    for k, s in enumerate(statements)
                ]
            actors[actor_ids[i]] = entry
        out: dict[str, Any] = {"zopa": 1, "title": title, "description": self.description()}
        out["issues"] = issues
        if rules:
            out["rules"] = rules
        out["actors"] = actors
        return out

    def description(self) -> str:
        text = f"Imported from the GMCR+ save file {self.path.name} by zopa import gmcr."
        left: list[str] = []
        if self.data.get("useManualPreferenceRanking") or self.data.get(
            "useManualPreferenceVectors"
        ):
            left.append(
                "the manual preference rankings (GMCR+ used them; zopa ranks by the option "
                "prioritization statements instead)"
            )
        if isinstance(self.data.get("coalitions"), list) and any(
            isinstance(c, list) for c in self.data["coalitions"]
        ):
            left.append("the coalitions (every decision maker moves alone here)")
        if left:
            text += " Not imported: " + "; ".join(left) + "."
        return text


def gmcr_data(path: str | Path, *, title: str | None = None) -> dict[str, Any]:
    """The scenario data of a GMCR+ save file (module docstring). Raises `ScenarioError`."""
    file = Path(path)
    reader = _Reader(file, _read(file))
    return reader.scenario(title or file.stem)


def gmcr_to_yaml(path: str | Path, *, title: str | None = None) -> str:
    """A GMCR+ save file as scenario YAML text; validated before it is returned, so a file
    zopa cannot represent fails here (exit 2), not later. Raises `ScenarioError`."""
    import zopa

    data = gmcr_data(path, title=title)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    text = (
        "# Imported from GMCR+ by zopa import gmcr (zopa.importers.gmcr). Re-import, don't edit.\n"
        + body
    )
    zopa.loads(text, name=f"{Path(path).name} (imported)")
    return text


__all__ = ["gmcr_data", "gmcr_to_yaml"]
