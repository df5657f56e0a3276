"""The `--json` output (FORMAT §4): one JSON object, keys sorted, floats rounded to 9
significant digits (by `Result.to_dict`), so the same input always prints the same bytes."""

from __future__ import annotations

import json

from zopa.analysis.result import Result


def dumps(result: Result) -> str:
    """`result` as the JSON text `zopa analyze --json` prints, with a final newline.

    Raises:
        ValueError: a value is not finite (NaN or infinity are never valid answers).
    """
    return (
        json.dumps(result.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )
