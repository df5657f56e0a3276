"""Names that must not collide or must point at something elsewhere in the file: an issue's
`controlled_by` names an actor, a parameter is not named like an issue. Each problem at its
own YAML path."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from zopa.format.suggest import did_you_mean, one_of
from zopa.scenario.document import join_path

Add = Callable[[str, str], None]


def check_controllers(data: dict[Any, Any], add: Add) -> None:
    """Every `issues.X.controlled_by` is one of the file's actors."""
    raw_actors = data.get("actors")
    actors = [k for k in raw_actors if isinstance(k, str)] if isinstance(raw_actors, dict) else []
    issues = data.get("issues")
    for issue_id, body in issues.items() if isinstance(issues, dict) else ():
        actor = body.get("controlled_by") if isinstance(body, dict) else None
        if isinstance(actor, str) and actors and actor not in actors:
            add(
                join_path(join_path("issues", str(issue_id)), "controlled_by"),
                f"no actor {actor!r}{did_you_mean(actor, actors)}; actors: {one_of(actors)}",
            )


def check_parameter_names(parameters: Iterable[str], issues: Collection[str], add_key: Add) -> None:
    """No parameter has the name of an issue (an expression could not tell them apart)."""
    for name in parameters:
        if name in issues:
            add_key(
                join_path("parameters", name),
                f"parameter {name!r} has the name of an issue; rename one of them",
            )
