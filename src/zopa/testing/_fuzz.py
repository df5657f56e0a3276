"""Mutation fuzzing of the front door: any text handed to `zopa.loads` (or any file handed to
`zopa validate`) must end in a scenario or a `ScenarioError` whose problems say where — never
another exception, a hang, or code execution.

Mutators take a `random.Random`, so one set serves both Hypothesis (`st.randoms()`, whose
draws shrink) and the long local run (`scripts/fuzz_long.py`, a seeded `Random`). They work on
text, the way a person or a broken tool damages a file: lines deleted, duplicated, swapped
or re-indented; characters inserted or removed; scalars replaced with YAML's traps (`no`,
`017`, `.nan`, `1e999`, tags, anchors and aliases); expressions garbled; structure nested
deep; documents spliced together.

`check_loads` and `check_cli` return a `Verdict`: its `failure` is None when the outcome is
acceptable, else a one-line description; the caller decides whether to collect or fail.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zopa
from zopa.errors import ScenarioError

CANARY = Path(tempfile.gettempdir()) / "zopa-fuzz-canary"
"""A path that a payload in the fuzzed text tries to create; it must never appear. The name
is fixed (no process id) so that a seeded run mutates the same texts every time."""

_TRAPS: tuple[str, ...] = (
    "null",
    "~",
    "",
    "true",
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "-1e999",
    "1e-999",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "99999999999999999999999",
    "-0",
    "0.0",
    "-1",
    "1.5",
    "[]",
    "{}",
    "[1, 2",
    "{a: 1",
    '"unclosed',
    "'",
    "'it''s'",
    "2024-01-01",
    "12:30:00",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!python/object/apply:os.getcwd []",
    f"!!python/object/apply:os.mkdir [{str(CANARY)!r}]",
    f"!python/object/apply:os.mkdir [{str(CANARY)!r}]",
    "&anchor value",
    "*anchor",
    "<<: *anchor",
    "? complex key",
    "|\n  block\n  text",
    ">-\n  folded",
    "%YAML 1.1",
    "---",
    "...",
    "\t",
    "\x00",
    "\ufeff",
    "\u2028",
    "\ud800",  # a lone surrogate: only possible through the API, never from a file
    "é",
    "territory",
    "nato",
    "moves.ceasefire",
    "russia/no-nato",
    "x" * 300,
)
"""Scalars and fragments that YAML readers, schemas and people get wrong."""

_EXPRESSION_TRAPS: tuple[str, ...] = (
    "**",
    "(",
    ")",
    "[",
    "]",
    "f(x)",
    "__import__('os').mkdir('" + str(CANARY) + "')",
    "x[0]",
    "lambda: 1",
    " and ",
    " or ",
    " not ",
    " in ",
    "==",
    "<",
    ">=",
    "!=",
    "=",
    "&&",
    "||",
    "//",
    "%",
    "1e400",
    "-",
    "+",
    "*",
    "/",
    "/ 0",
    "* territory",
    ".",
    '"',
    "'",
    "\\",
    "true",
    "false",
    "None",
    "é",
    "0x10",
    "1_0",
    "((((((((((",
    "not " * 40,
)

_PUNCTUATION = ":-[]{}\"'#&*!|>%@`,? \t\n\\"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delete_line(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def _duplicate_line(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "\n".join(lines)


def _swap_lines(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _reindent(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    body = lines[i].lstrip(" ")
    lines[i] = " " * max(0, len(lines[i]) - len(body) + rng.choice((-4, -2, -1, 1, 2, 3))) + body
    return "\n".join(lines)


def _delete_span(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    if not text:
        return text
    start = rng.randrange(len(text))
    return text[:start] + text[start + rng.randint(1, 40) :]


def _insert_chars(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    at = rng.randrange(len(text) + 1)
    chars = "".join(rng.choice(_PUNCTUATION) for _ in range(rng.randint(1, 4)))
    return text[:at] + chars + text[at:]


_SCALAR = re.compile(r"(?m)(:[ \t]+|^[ \t]*-[ \t]+)([^\n#]*)")


def _replace_scalar(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    matches = list(_SCALAR.finditer(text))
    if not matches:
        return _insert_chars(text, rng, corpus)
    match = rng.choice(matches)
    return text[: match.start(2)] + rng.choice(_TRAPS) + text[match.end(2) :]


_EXPRESSION = re.compile(r"(?m)((?:require|when):[ \t]*)([^\n]*)")


def _garble_expression(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    matches = list(_EXPRESSION.finditer(text))
    if not matches:
        return _replace_scalar(text, rng, corpus)
    match = rng.choice(matches)
    body = match.group(2)
    at = rng.randint(0, len(body))
    garbled = body[:at] + rng.choice(_EXPRESSION_TRAPS) + body[at:]
    return text[: match.start(2)] + garbled + text[match.end(2) :]


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _swap_word(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    words = list(_WORD.finditer(text))
    donors: list[str] = _WORD.findall(rng.choice(corpus)) if corpus else []
    if not words or not donors:
        return _delete_span(text, rng, corpus)
    match = rng.choice(words)
    return text[: match.start()] + rng.choice(donors) + text[match.end() :]


def _splice(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    donor = _lines(rng.choice(corpus)) if corpus else _lines(text)
    lines = _lines(text)
    start = rng.randrange(len(donor))
    chunk = donor[start : start + rng.randint(1, 6)]
    at = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:at] + chunk + lines[at:])


def _nest(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    depth = rng.choice((10, 70, 1000, 20_000))
    deep = rng.choice(("[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth))
    lines = _lines(text)
    at = rng.randrange(len(lines) + 1)
    return "\n".join([*lines[:at], f"title: {deep}", *lines[at:]])


def _aliases(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    return rng.choice(
        (bomb + text, text + "\n" + bomb, text.replace("zopa: 1", "zopa: &v 1\nx: *v"))
    )


def _repeat(text: str, rng: random.Random, corpus: Sequence[str]) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    copies = rng.choice((20, 500, 5000, 60_000))  # 60 000 lines pass the 1 MiB cap
    return "\n".join(lines[: i + 1] + [lines[i]] * copies + lines[i + 1 :])


Mutator = Callable[[str, random.Random, Sequence[str]], str]

MUTATORS: tuple[tuple[Mutator, int], ...] = (
    (_delete_line, 4),
    (_duplicate_line, 4),
    (_swap_lines, 3),
    (_reindent, 3),
    (_delete_span, 4),
    (_insert_chars, 4),
    (_replace_scalar, 8),
    (_garble_expression, 8),
    (_swap_word, 4),
    (_splice, 3),
    (_nest, 1),
    (_aliases, 1),
    (_repeat, 1),
)
"""Every mutator with its weight: common damage is drawn often, the expensive kinds (huge
or deeply nested documents) rarely."""

_FUNCTIONS = tuple(m for m, _ in MUTATORS)
_WEIGHTS = tuple(w for _, w in MUTATORS)


def mutate(text: str, rng: random.Random, corpus: Sequence[str], *, steps: int = 0) -> str:
    """`text` after `steps` random mutations (1 to 4 when `steps` is 0)."""
    for _ in range(steps or rng.randint(1, 4)):
        text = rng.choices(_FUNCTIONS, _WEIGHTS)[0](text, rng, corpus)
    return text


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one input did: `failure` is None when the outcome is acceptable."""

    kind: str  # "scenario", "error" or "failure"
    seconds: float
    failure: str | None = None


def _problem_failure(error: ScenarioError, name: str) -> str | None:
    """Where a `ScenarioError` fails to say where: every problem names the file, has a
    message, and has a line unless it is about the whole text (empty path)."""
    for problem in error.problems:
        if problem.file != name:
            return f"problem names file {problem.file!r}, not {name!r}: {problem}"
        if not problem.message.strip():
            return f"problem without a message: {problem!r}"
        if problem.line is None and problem.path:
            return f"problem at {problem.path!r} without a line: {problem}"
    return None


def check_loads(text: str, *, name: str = "fuzz.yaml", slow: float = 10.0) -> Verdict:
    """Load `text` and judge the outcome (see the module docstring)."""
    start = time.perf_counter()
    try:
        zopa.loads(text, name=name)
    except ScenarioError as error:
        seconds = time.perf_counter() - start
        failure = _problem_failure(error, name)
        return Verdict("error" if failure is None else "failure", seconds, failure)
    except BaseException as error:  # the finding we are looking for; KeyboardInterrupt too
        if isinstance(error, KeyboardInterrupt):
            raise
        where = traceback.extract_tb(error.__traceback__)[-1]
        return Verdict(
            "failure",
            time.perf_counter() - start,
            f"{type(error).__name__}: {error} (at {where.filename}:{where.lineno})",
        )
    seconds = time.perf_counter() - start
    if CANARY.exists():
        return Verdict("failure", seconds, f"the input created {CANARY}: code was executed")
    if seconds > slow:
        return Verdict("failure", seconds, f"took {seconds:.1f} s (limit {slow} s)")
    return Verdict("scenario", seconds)


_PROBLEM_LINE = re.compile(r"^[^:\n]+(?::\d+(?::\d+)?)?: .+$")


def check_cli(text: str, folder: Path, app: Any, *, analyze: bool = False) -> Verdict:
    """Run `zopa validate` (or `zopa analyze --json`) on `text` written to a file in
    `folder`, through typer's runner on `app` (`zopa.cli.app`, passed in: nothing in the
    package imports the CLI). Acceptable: exit 0, or exit 2 with every stderr line a problem
    (`file:line:col: path: message`, continuation lines indented) and no traceback. An
    internal error (exit 3) is a failure."""
    from typer.testing import CliRunner

    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = ["analyze", str(path), "--json"] if analyze else ["validate", str(path)]
    start = time.perf_counter()
    result = CliRunner().invoke(app, args)
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return Verdict(
            "failure", seconds, f"exception {type(result.exception).__name__}: {result.exception}"
        )
    if "Traceback" in output:
        return Verdict("failure", seconds, "a traceback was printed")
    if result.exit_code == 0:
        return Verdict("scenario", seconds)
    if result.exit_code != 2:
        return Verdict(
            "failure", seconds, f"exit {result.exit_code}: {result.stderr.strip()[:300]}"
        )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    bad = [line for line in lines if not _PROBLEM_LINE.match(line) and not line.startswith("  ")]
    if not lines or bad:
        return Verdict(
            "failure", seconds, f"exit 2 without positioned problems: {bad[:2] or lines}"
        )
    return Verdict("error", seconds)
