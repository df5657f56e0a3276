"""GENIUS / ANAC negotiation domains (XML) → format-1 scenarios.

A GENIUS negotiation is a *domain* file (issues and their values) plus one *profile* file per
party (a linear-additive utility: one weight per issue, one evaluation per value, and a
reservation value). The importer reads them into typed records (`read_genius`), then writes the
equivalent scenario as plain data (`import_genius`) or YAML text (`genius_to_yaml`):

- a discrete issue becomes a `choice` whose options are the values as written; an integer issue
  becomes an `integer`; ids are the names made into identifiers (`External Monitor` →
  `external_monitor`), unique, with the original name kept in `description`;
- each profile becomes an actor: `values` are GENIUS's normalised evaluations (each divided by
  the largest evaluation of its issue; all 0 when that largest is below 1e-5, as GENIUS does),
  an integer issue's clamped linear evaluation `clamp(offset + slope·(x − lowerbound), 0, 1)`
  becomes a `curve`, `weight` is the profile's weight (zopa divides by the sum of weights, as
  GENIUS normalises them to sum 1; a zero weight drops the term), `reservation` is the profile's
  reservation value (0 when absent), and there are no red lines;
- the discount factor is ignored (zopa has no time); the scenario's description says so.

A zopa utility of an imported scenario therefore equals GENIUS's undiscounted utility of the
same outcome. Profiles are matched to the domain as GENIUS matches them: issues and weights by
`index`; an issue's name must agree with the domain's.

The XML is read with expat under a size cap; a document type declaration (and so any entity
declaration) is refused outright, so no entity is ever expanded or fetched. Every problem raises
`ScenarioError` naming the file and, where there is one, the line and column. Not supported
(each a clear error): real-valued issues, nested objectives, and non-linear profiles such as
ANAC 2014's `hyperRectangle` constraint utilities.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from zopa.errors import Problem, ScenarioError
from zopa.format import yaml12
from zopa.format.schema import ScenarioModel
from zopa.importers.genius_read import (
    DiscreteEvaluator,
    GeniusDomain,
    GeniusIssue,
    GeniusNegotiation,
    GeniusProfile,
    IssueKind,
    IssueTerm,
    read_genius,
)

_ID_MAX = 64
_RESERVED = frozenset({"and", "or", "not", "in", "true", "false"})
"""Words of the expression language that cannot name an issue or actor."""
# --------------------------------------------------------------------------- building scenarios


def _identifier(text: str, prefix: str) -> str:
    """`text` as an id `[a-z_][a-z0-9_]*` of at most 64 characters (accents dropped, runs of
    other characters become `_`); `prefix` names what it is when nothing usable is left."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ident = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or prefix
    if ident[0].isdigit():
        ident = f"{prefix}_{ident}"
    ident = ident[:_ID_MAX]
    return ident + "_" if ident in _RESERVED else ident


def _unique(idents: Sequence[str]) -> tuple[str, ...]:
    """The ids with `_2`, `_3`, … appended where one repeats an earlier one."""
    taken: set[str] = set()
    out: list[str] = []
    for ident in idents:
        candidate, n = ident, 2
        while candidate in taken:
            suffix = f"_{n}"
            candidate, n = ident[: _ID_MAX - len(suffix)] + suffix, n + 1
        taken.add(candidate)
        out.append(candidate)
    return tuple(out)


def _actor_ids(paths: Sequence[Path]) -> tuple[str, ...]:
    """Actor ids from profile file names, without the words all of them share:
    `laptop_buyer_utility.xml`, `laptop_seller_utility.xml` → `buyer`, `seller`."""
    words = [[w for w in re.split(r"[^0-9A-Za-z]+", p.stem) if w] or ["actor"] for p in paths]
    if len({"_".join(w).lower() for w in words}) > 1:
        while all(len(w) > 1 for w in words) and len({w[0].lower() for w in words}) == 1:
            words = [w[1:] for w in words]
        while all(len(w) > 1 for w in words) and len({w[-1].lower() for w in words}) == 1:
            words = [w[:-1] for w in words]
    return _unique([_identifier("_".join(w), "actor") for w in words])


def _issue_entry(issue: GeniusIssue) -> dict[str, Any]:
    if issue.kind is IssueKind.DISCRETE:
        return {"type": "choice", "options": list(issue.values), "description": issue.name}
    return {"type": "integer", "min": issue.lower, "max": issue.upper, "description": issue.name}


def _preference(issue: GeniusIssue, term: IssueTerm) -> dict[str, Any]:
    evaluator = term.evaluator
    if isinstance(evaluator, DiscreteEvaluator):
        return {
            "weight": term.weight,
            "values": dict(zip(issue.values, evaluator.normalised(), strict=True)),
        }
    if issue.lower is None or issue.upper is None:
        raise ValueError(f"integer issue {issue.name!r} without bounds")  # read_domain sets them
    points = evaluator.curve(issue.lower, issue.upper)
    return {"weight": term.weight, "curve": [[x, y] for x, y in points]}


def _actor_entry(
    domain: GeniusDomain, issue_ids: Sequence[str], profile: GeniusProfile
) -> dict[str, Any]:
    note = f"GENIUS profile {profile.file.path.name}"
    if profile.discount is not None:
        note += f"; its discount factor {profile.discount} is ignored"
    preferences = {
        ident: _preference(issue, term)
        for ident, issue, term in zip(issue_ids, domain.issues, profile.terms, strict=True)
        if term.weight > 0
    }
    return {
        "name": profile.file.path.stem,
        "description": note,
        "preferences": preferences,
        "reservation": profile.reservation,
    }


def _description(negotiation: GeniusNegotiation) -> str:
    domain = negotiation.domain
    return (
        f"Imported from the GENIUS domain {domain.file.path.name} "
        f"({len(domain.issues)} issues, {domain.outcome_count} outcomes) with "
        f"{len(negotiation.profiles)} profiles. Utilities are GENIUS's linear-additive ones: "
        "each issue's evaluations divided by that issue's largest, weighted by the profile's "
        "issue weights (normalised to sum 1); discount factors are ignored."
    )


def scenario_data(negotiation: GeniusNegotiation, *, title: str | None = None) -> dict[str, Any]:
    """The format-1 scenario (plain data, YAML order) of a negotiation that was read.

    Raises:
        ScenarioError: the result breaks a format limit (e.g. more than 1000 options), reported
            against the domain file.
    """
    domain = negotiation.domain
    issue_ids = _unique([_identifier(issue.name, "issue") for issue in domain.issues])
    actor_ids = _actor_ids([profile.file.path for profile in negotiation.profiles])
    raw: dict[str, Any] = {
        "zopa": 1,
        "title": title if title is not None else f"GENIUS domain {domain.file.path.stem}",
        "description": _description(negotiation),
        "issues": {
            ident: _issue_entry(i) for ident, i in zip(issue_ids, domain.issues, strict=True)
        },
        "actors": {
            ident: _actor_entry(domain, issue_ids, profile)
            for ident, profile in zip(actor_ids, negotiation.profiles, strict=True)
        },
    }
    _check_format(raw, domain.file.path)
    return raw


def _check_format(raw: Mapping[str, Any], path: Path) -> None:
    try:
        ScenarioModel.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(
                str(path),
                ".".join(str(part) for part in error["loc"]),
                None,
                None,
                f"the imported scenario breaks the format: {error['msg']}",
            )
            for error in exc.errors()
        ]
        raise ScenarioError(problems) from None


def import_genius(
    domain_path: str | Path, profile_paths: Sequence[str | Path], *, title: str | None = None
) -> dict[str, Any]:
    """A GENIUS domain and its profiles as a format-1 scenario (plain data, as YAML would
    load it). Actors follow the order of `profile_paths`. Raises `ScenarioError`."""
    return scenario_data(read_genius(domain_path, profile_paths), title=title)


# --------------------------------------------------------------------------- YAML text

_FLOW_WIDTH = 70
"""Longest list of scalars (in characters) written on one line."""


class _Dumper(yaml12.Dumper):
    """zopa's YAML 1.2 dumper (`zopa.format.yaml12`), with the layout of an imported file."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[Any, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    scalars = not any(isinstance(item, list | dict) for item in data)
    short = sum(len(str(item)) + 2 for item in data) <= _FLOW_WIDTH
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=scalars and short)


# Mappings in block style (one value a line); short lists of scalars in flow style ([a, b]),
# so that no option is ever folded across lines.
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def _header(negotiation: GeniusNegotiation, actor_ids: Sequence[str]) -> str:
    domain = negotiation.domain.file
    lines = [
        "# Imported from GENIUS (ANAC) negotiation files by zopa (zopa.importers.genius):",
        f"#   domain   {domain.path.name}  sha256 {domain.sha256[:16]}",
    ]
    for ident, profile in zip(actor_ids, negotiation.profiles, strict=True):
        lines.append(
            f"#   profile  {profile.file.path.name}  sha256 {profile.file.sha256[:16]}"
            f"  -> actor {ident}"
        )
    lines.append("# Utilities equal GENIUS's undiscounted ones. Generated: re-import, don't edit.")
    return "\n".join(lines) + "\n"


def genius_to_yaml(
    domain_path: str | Path, profile_paths: Sequence[str | Path], *, title: str | None = None
) -> str:
    """A GENIUS domain and its profiles as scenario YAML text: a header comment naming the
    files (with their SHA-256), then the scenario in YAML order. The same files always give
    the same bytes. Raises `ScenarioError`."""
    negotiation = read_genius(domain_path, profile_paths)
    raw = scenario_data(negotiation, title=title)
    body = yaml.dump(
        raw,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return _header(negotiation, list(raw["actors"])) + body
