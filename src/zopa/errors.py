"""zopa's exceptions, in one tree:

    ZopaError                      base of everything zopa raises on purpose
    ├── ScenarioError(ValueError)  invalid input: YAML, schema, expressions, --set/--drop;
    │                              carries every Problem found, each with file:line:col
    └── SolverError(RuntimeError)  the solver failed, or returned a deal that does not
                                   certify against the scenario (a bug report, never an answer)

"No ZOPA" is not an exception: it is an answer with a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do about it.

    `path` is the dotted YAML path (`actors.russia.red_lines.1.require`, list items by index),
    empty for the whole file; `line` and `column` are 1-based, None where no position exists
    (a missing file, an option on the command line).
    """

    file: str
    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = f"{where}: "
        if self.path:
            prefix += f"{self.path}: "
        return prefix + self.message


class ZopaError(Exception):
    """Base of the errors zopa raises on purpose."""


class ScenarioError(ZopaError, ValueError):
    """The input is not a valid scenario. `problems` lists every problem found, in file
    order; `path`, `line`, `column` and `message` describe the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            raise ValueError("ScenarioError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        self.file = first.file
        self.path = first.path
        self.line = first.line
        self.column = first.column
        self.message = first.message
        super().__init__("\n".join(str(p) for p in self.problems))


class SolverError(ZopaError, RuntimeError):
    """The solver failed, or a deal it returned does not satisfy the scenario."""
