"""zopa: is there a deal every side could accept, where is it, and which deal is fair?

The public API: `load`, `loads`, `analyze`, `ScenarioError`, `SolverError`, `__version__`.
Heavy modules (numpy, highspy) are imported only when `analyze` is first called.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from zopa.errors import ScenarioError, SolverError, ZopaError

# A library logs, it never prints: without this, Python's last-resort handler would write
# the engine's warnings to stderr of every program that uses zopa.
logging.getLogger("zopa").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from zopa.analysis.result import Result
    from zopa.scenario.scenario import Scenario

__version__ = "0.1.0"
__all__ = [
    "Result",
    "Scenario",
    "ScenarioError",
    "SolverError",
    "ZopaError",
    "__version__",
    "analyze",
    "load",
    "loads",
]


def __getattr__(name: str) -> Any:
    """`zopa.Scenario` and `zopa.Result`, imported on first use (they pull in pydantic)."""
    if name == "Scenario":
        from zopa.scenario.scenario import Scenario

        return Scenario
    if name == "Result":
        from zopa.analysis.result import Result

        return Result
    raise AttributeError(f"module 'zopa' has no attribute {name!r}")


def load(path: str | Any) -> Scenario:
    """Read and validate a scenario file. Raises `ScenarioError`."""
    from zopa.scenario.load import load_file

    return load_file(path)


def loads(text: str, *, name: str = "<string>", base_dir: str | None = None) -> Scenario:
    """Validate scenario text; `name` is used in error messages. Raises `ScenarioError`."""
    from zopa.scenario.load import load_text

    return load_text(text, name=name, base_dir=base_dir)


def analyze(scenario: Scenario, **options: Any) -> Result:
    """Answer every question of the scenario: zone, solutions, frontier, diagnosis."""
    from zopa.analysis.run import analyze as _analyze

    return _analyze(scenario, **options)
