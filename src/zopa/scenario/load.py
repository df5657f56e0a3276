"""Reading a scenario: file or text → validated `Scenario`, and variants of a loaded one.

The stages are: `source.parse_yaml` (YAML → plain data and positions), `changes` (`--set`,
`--drop`, `--without` on a copy), the pydantic models of `schema` (shape), `semantics` (rules
that span fields, expressions), and finally the checked constraints later stages compile.
Every problem found on the way is collected and raised as one `ScenarioError`, in file order
(problems with options, which have no position, first).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zopa.errors import Problem, ScenarioError
from zopa.expr.tree import Formula
from zopa.format.refs import group_text
from zopa.format.schema import Constraint, ScenarioModel
from zopa.scenario.changes import (
    Applied,
    Change,
    apply_changes,
    drop_option,
    set_value,
    without_option,
)
from zopa.scenario.document import YamlDocument, join_path
from zopa.scenario.positions import Locator
from zopa.scenario.scenario import CheckedConstraint, CheckedTerm, ConstraintKind, Scenario
from zopa.scenario.schema_errors import schema_problems
from zopa.scenario.semantics import check_semantics
from zopa.scenario.source import parse_yaml
from zopa.scenario.uncertain import split as split_uncertainty

MAX_FILE_BYTES = 1 << 20
"""Largest scenario file read (the YAML reader enforces the same cap on text)."""


def load_file(path: str | os.PathLike[str], *, changes: Iterable[Change] = ()) -> Scenario:
    """Read and validate the scenario file at `path`, with `changes` applied first.

    Messages name the file as `path` was given; `sources` are relative to its directory.

    Raises:
        ScenarioError: the file is missing, unreadable, not UTF-8, or not a valid scenario.
    """
    name = os.fspath(path)
    text = _read(Path(name), name)
    return load_text(text, name=name, base_dir=Path(name).parent, changes=changes)


def load_text(
    text: str,
    *,
    name: str = "<string>",
    base_dir: str | os.PathLike[str] | None = None,
    changes: Iterable[Change] = (),
) -> Scenario:
    """Validate scenario `text`; `name` is used in messages, `base_dir` resolves `sources`
    (None: the working directory). Raises `ScenarioError`."""
    document = parse_yaml(text, name=name)
    base = Path(base_dir) if base_dir is not None else None
    return _build(
        document.data,
        name=name,
        base_dir=base,
        positions=document.positions,
        document=document,
        changes=tuple(changes),
    )


def build_variant(
    scenario: Scenario,
    *,
    set: Mapping[str, Any],
    drop: Iterable[str],
    without: Iterable[str],
) -> Scenario:
    """`scenario`'s raw data with values set, red lines or reservations dropped and actors
    removed, validated afresh (`Scenario.with_changes`). Raises `ScenarioError`."""
    changes = [set_value(path, value) for path, value in set.items()]
    changes += [drop_option(ref, label=f"drop {ref}") for ref in drop]
    changes += [without_option(actor, label=f"without {actor}") for actor in without]
    return apply_to(scenario, changes)


def apply_to(scenario: Scenario, changes: Iterable[Change]) -> Scenario:
    """`scenario`'s raw data with `changes` applied, validated afresh; problems name each
    change by its label (`--vary actors.a.reservation=0:2:3`). Raises `ScenarioError`."""
    return _build(
        scenario.raw,
        name=scenario.name,
        base_dir=scenario.base_dir,
        positions=scenario.positions,
        document=None,
        changes=tuple(changes),
    )


def _read(path: Path, name: str) -> str:
    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem(name, "", None, None, message)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a scenario file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise fail(f"the file is larger than {MAX_FILE_BYTES} bytes; scenario files are small")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(
            f"the file is not UTF-8 text (invalid byte at offset {error.start}); "
            "scenario files are UTF-8 YAML"
        ) from None


def _build(
    data: Any,
    *,
    name: str,
    base_dir: Path | None,
    positions: Mapping[str, tuple[int, int]],
    document: YamlDocument | None,
    changes: tuple[Change, ...],
) -> Scenario:
    applied = apply_changes(data, changes, name=name) if changes else Applied(data, {}, {}, ())
    locator = Locator(
        name=name,
        data=applied.data,
        positions=positions,
        document=document,
        origins=applied.origins,
        overrides=applied.overrides,
    )
    if not isinstance(applied.data, dict):
        raise ScenarioError([locator.problem("", _not_a_mapping(applied.data))])
    uncertain = split_uncertainty(applied.data, locator)
    median = uncertain.data
    problems: list[Problem] = list(uncertain.problems)
    model: ScenarioModel | None = None
    try:
        model = ScenarioModel.model_validate(median)
    except ValidationError as error:
        problems.extend(schema_problems(error, median, locator))
    checked = check_semantics(median, locator, base_dir=base_dir)
    problems.extend(checked.problems)
    if problems or model is None:
        raise ScenarioError(_in_order(problems))
    return Scenario(
        model=model,
        constraints=_constraints(model, checked.formulas, locator),
        raw=applied.data,
        positions=_variant_positions(positions, applied),
        name=name,
        base_dir=base_dir,
        source_texts=dict(checked.source_texts),
        variants=build_variant,
        uncertainty=uncertain.uncertainty,
        terms=_terms(model, checked.formulas),
    )


def _terms(
    model: ScenarioModel, formulas: Mapping[str, Formula]
) -> dict[str, tuple[CheckedTerm, ...]]:
    """Every actor's conditional terms, in YAML order, with checked formulas."""
    out: dict[str, tuple[CheckedTerm, ...]] = {}
    for actor_id, actor in model.actors.items():
        items: list[CheckedTerm] = []
        for index, term in enumerate(actor.terms):
            path = join_path(join_path(join_path("actors", actor_id), "terms"), index)
            when = formulas.get(join_path(path, "when"))
            if when is None:
                raise RuntimeError(f"the expression of {path} was not checked")
            items.append(CheckedTerm(actor_id, when, term.when, float(term.weight), path))
        if items:
            out[actor_id] = tuple(items)
    return out


def _not_a_mapping(data: Any) -> str:
    found = "a list" if isinstance(data, list) else f"the single value {data!r}"
    return f"a scenario is a mapping of keys (zopa, issues, actors, …), but the file holds {found}"


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Problems without a line (options) first, then by line and column; duplicates once."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is not None, p.line or 0, p.column or 0))


def _variant_positions(
    positions: Mapping[str, tuple[int, int]], applied: Applied
) -> dict[str, tuple[int, int]]:
    """The file's positions keyed by the changed data's paths: removed items left out,
    moved list items under their new index, values set by options left out."""
    if not (applied.origins or applied.overrides or applied.removed):
        return dict(positions)
    moved = {old: new for new, old in applied.origins.items()}
    out: dict[str, tuple[int, int]] = {}
    for path, position in positions.items():
        if any(_under(path, prefix) for prefix in applied.removed):
            continue
        target = path
        for old, new in moved.items():
            if _under(path, old):
                target = new + path[len(old) :]
                break
        if not any(_under(target, prefix) for prefix in applied.overrides):
            out[target] = position
    return out


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".")


def _constraints(
    model: ScenarioModel, formulas: Mapping[str, Formula], locator: Locator
) -> tuple[CheckedConstraint, ...]:
    """Every rule, then every actor's red lines, in YAML order, with checked formulas."""
    items: list[tuple[str, str | None, Constraint, float, str]] = [
        (f"rules/{rule.id}", None, rule, float("inf"), join_path("rules", index))
        for index, rule in enumerate(model.rules)
    ]
    for actor_id, actor in model.actors.items():
        lines = join_path(join_path("actors", actor_id), "red_lines")
        items.extend(
            (
                group_text(actor_id, line.id),
                actor_id,
                line,
                float(line.firmness),
                join_path(lines, i),
            )
            for i, line in enumerate(actor.red_lines)
        )
    return tuple(
        _checked(ref, actor, body, firmness, path, formulas, locator.position(path))
        for ref, actor, body, firmness, path in items
    )


def _checked(
    ref: str,
    actor: str | None,
    body: Constraint,
    firmness: float,
    path: str,
    formulas: Mapping[str, Formula],
    position: tuple[int, int] | None,
) -> CheckedConstraint:
    require = formulas.get(join_path(path, "require"))
    when = formulas.get(join_path(path, "when")) if body.when is not None else None
    if require is None or (body.when is not None and when is None):
        # semantics checks every expression of a valid model; a gap is a bug, not bad input
        raise RuntimeError(f"the expressions of {ref} were not checked")
    return CheckedConstraint(
        ref=ref,
        kind=ConstraintKind.RULE if actor is None else ConstraintKind.RED_LINE,
        actor=actor,
        id=body.id,
        require=require,
        when=when,
        require_text=body.require,
        when_text=body.when,
        firmness=firmness,
        path=path,
        position=position,
        quote=body.source.quote if body.source is not None else None,
    )
