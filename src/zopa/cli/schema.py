"""`zopa schema`: the JSON Schema of the scenario format."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the JSON Schema of the scenario format, for editors."""
    import json

    from zopa.format.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, sort_keys=True))
