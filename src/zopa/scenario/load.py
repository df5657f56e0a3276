"""Reading a scenario: file or text → validated `Scenario`, and variants of a loaded one.

The stages are: `source.parse_yaml` (YAML → plain data and positions), the pydantic models of
`schema` (shape), `semantics` (rules that span fields, expressions), and finally the checked
constraints that later stages compile. Every problem found on the way is collected and raised
as one `ScenarioError`, in file order.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zopa.errors import Problem, ScenarioError
from zopa.expr.tree import Formula
from zopa.scenario.scenario import CheckedConstraint, ConstraintKind, Scenario
from zopa.scenario.schema import ScenarioModel
from zopa.scenario.source import join_path, parse_yaml


def load_file(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate the scenario file at `path`. Raises `ScenarioError`."""
    name = os.fspath(path)
    text = _read(Path(name), name)
    return load_text(text, name=name, base_dir=Path(name).parent)


def load_text(
    text: str, *, name: str = "<string>", base_dir: str | os.PathLike[str] | None = None
) -> Scenario:
    """Validate scenario `text`; `name` is used in messages, `base_dir` resolves `sources`."""
    document = parse_yaml(text, name=name)
    base = Path(base_dir) if base_dir is not None else None
    return _validate(document.data, name=name, base_dir=base, positions=document.positions)


def _read(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Problem(name, "", None, None, "no such file")]) from None
    except IsADirectoryError:
        raise ScenarioError(
            [Problem(name, "", None, None, "is a directory, not a scenario file")]
        ) from None
    except OSError as error:
        raise ScenarioError(
            [Problem(name, "", None, None, f"cannot read the file: {error.strerror}")]
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            [
                Problem(
                    name,
                    "",
                    None,
                    None,
                    f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8",
                )
            ]
        ) from None


def _validate(
    data: Any, *, name: str, base_dir: Path | None, positions: Mapping[str, tuple[int, int]]
) -> Scenario:
    try:
        model = ScenarioModel.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(name, ".".join(str(p) for p in e["loc"]), None, None, e["msg"])
            for e in error.errors()
        ]
        raise ScenarioError(problems) from None
    constraints = _constraints(model, positions)
    return Scenario(
        model=model,
        constraints=constraints,
        raw=data,
        positions=positions,
        name=name,
        base_dir=base_dir,
        source_texts={},
    )


def _constraints(
    model: ScenarioModel, positions: Mapping[str, tuple[int, int]]
) -> tuple[CheckedConstraint, ...]:
    from zopa.expr.check import check_expression  # type: ignore[import-not-found,unused-ignore]

    def formula(text: str) -> Formula:
        result: Formula = check_expression(text, model.issues)
        return result

    out: list[CheckedConstraint] = []
    for index, rule in enumerate(model.rules):
        path = join_path("rules", index)
        out.append(
            CheckedConstraint(
                ref=f"rules/{rule.id}",
                kind=ConstraintKind.RULE,
                actor=None,
                id=rule.id,
                require=formula(rule.require),
                when=formula(rule.when) if rule.when is not None else None,
                require_text=rule.require,
                when_text=rule.when,
                firmness=float("inf"),
                path=path,
                position=positions.get(path),
                quote=rule.source.quote if rule.source is not None else None,
            )
        )
    for actor_id, actor in model.actors.items():
        for index, line in enumerate(actor.red_lines):
            path = join_path(join_path(join_path("actors", actor_id), "red_lines"), index)
            out.append(
                CheckedConstraint(
                    ref=f"{actor_id}/{line.id}",
                    kind=ConstraintKind.RED_LINE,
                    actor=actor_id,
                    id=line.id,
                    require=formula(line.require),
                    when=formula(line.when) if line.when is not None else None,
                    require_text=line.require,
                    when_text=line.when,
                    firmness=float(line.firmness),
                    path=path,
                    position=positions.get(path),
                    quote=line.source.quote if line.source is not None else None,
                )
            )
    return tuple(out)
