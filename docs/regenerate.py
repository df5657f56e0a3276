"""Regenerate the command outputs that the docs show, by running the real command line.

A shown output is a fenced block right after a marker comment:

    <!-- zopa-output -->
    ```console
    $ zopa analyze scenarios/car-sale.yaml
    ... (everything below the command line is replaced by this script)
    ```

The block's first line is the command exactly as a reader would type it, run from the
repository root; the rest is what it printed (stdout, then stderr). The marker may carry
options, separated by spaces:

- `exit=N`: the exit status the command must end with (default 0); any other status is an
  error, so a broken example cannot be pasted silently.
- `excerpt=KEY[,KEY...]`: the command prints JSON (`--json`); show only the lines of these
  top-level keys, with `...` for the lines left out. The shown lines are the real output's
  lines, unchanged.

Commands run as `python -m zopa` with the interpreter running this script, with a fixed
terminal width and colour off, so that the output is the same on every machine. (The test runs
them in-process through typer's test runner, which prints the same and starts faster; it also
checks that the two agree.)

Files the docs link to are made the same way, by the commands in `ARTIFACTS` (the seed
scenario's HTML report, the pictures of docs/pictures.md); they are written when the script
runs on all the docs, and compared byte for byte under `--check`.

Usage:
    python docs/regenerate.py            rewrite the shown outputs in README.md and docs/
    python docs/regenerate.py --check    report blocks that differ, exit 1 if any do
    python docs/regenerate.py FILE...    only these Markdown files

tests/scenarios/test_docs_outputs.py runs the same check, so the docs cannot drift.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = (
    ROOT / "README.md",
    ROOT / "docs" / "scenario-format.md",
    ROOT / "docs" / "examples.md",
    ROOT / "docs" / "simulate.md",
    ROOT / "docs" / "negotiate.md",
    ROOT / "docs" / "stability.md",
)
ENV = {"COLUMNS": "120", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}
"""The terminal the commands see (120 columns, no colour), so that tables wrap the same way
everywhere."""

ARTIFACTS: tuple[tuple[str, str], ...] = (
    ("docs/report-ukraine.html", "zopa report scenarios/ukraine.yaml -o {out}"),
    ("docs/img/pareto-car-sale.svg", "zopa plot scenarios/car-sale.yaml --kind pareto -o {out}"),
    ("docs/img/pareto-camera.svg", "zopa plot scenarios/genius/camera.yaml --kind pareto -o {out}"),
    ("docs/img/zone-coalition.svg", "zopa plot scenarios/coalition.yaml --kind zone -o {out}"),
    (
        "docs/img/sweep-car-sale.svg",
        "zopa plot scenarios/car-sale.yaml --kind sweep "
        "--vary actors.buyer.reservation=0:1:11 -o {out}",
    ),
)
"""Files the docs link to (path from the root, the command that writes it to `{out}`)."""

TIMEOUT = 120
"""Seconds one command may take before it counts as broken."""

_MARKER = re.compile(r"^<!-- zopa-output(?P<options>(?: [a-z]+=\S+)*) -->\n", re.MULTILINE)
_FENCE = re.compile(r"```console\n(?P<body>.*?)^```\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Block:
    """One shown output: where its body sits in the file, its command and options."""

    start: int
    end: int
    command: str
    shown: str
    exit: int
    excerpt: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """What a command printed and how it ended."""

    stdout: str
    stderr: str
    status: int


class DocsError(Exception):
    """A marked block is malformed, or its command did not end as the marker says."""


def blocks(text: str, *, name: str = "<text>") -> Iterator[Block]:
    """Every marked output block of a Markdown `text`, in order."""
    for marker in _MARKER.finditer(text):
        fence = _FENCE.match(text, marker.end())
        if fence is None:
            line = text.count("\n", 0, marker.start()) + 1
            raise DocsError(f"{name}:{line}: a zopa-output marker must precede a ```console block")
        body = fence.group("body")
        first, _, shown = body.partition("\n")
        if not first.startswith("$ zopa "):
            line = text.count("\n", 0, fence.start()) + 2
            raise DocsError(f"{name}:{line}: the block must start with `$ zopa ...`")
        options = dict(opt.split("=", 1) for opt in marker.group("options").split())
        unknown = sorted(set(options) - {"exit", "excerpt"})
        if unknown:
            line = text.count("\n", 0, marker.start()) + 1
            raise DocsError(f"{name}:{line}: unknown marker option(s): {', '.join(unknown)}")
        yield Block(
            start=fence.start("body") + len(first) + 1,
            end=fence.end("body"),
            command=first[2:],
            shown=shown,
            exit=int(options.get("exit", "0")),
            excerpt=tuple(options["excerpt"].split(",")) if "excerpt" in options else (),
        )


def _argv(command: str) -> list[str]:
    """The arguments after `zopa`, split and glob-expanded from the root as a shell would."""
    argv = shlex.split(command)
    if argv[:1] != ["zopa"]:
        raise DocsError(f"not a zopa command: {command}")
    out: list[str] = []
    for word in argv[1:]:
        matches = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(word)) if "*" in word else []
        out.extend(matches or [word])
    return out


def run(command: str) -> Run:
    """Run a `zopa ...` command line from the repository root, as `python -m zopa`."""
    env = dict(os.environ, **ENV)
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "zopa", *_argv(command)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    return Run(stdout=done.stdout, stderr=done.stderr, status=done.returncode)


def run_in_process(command: str) -> Run:
    """Run a `zopa ...` command line inside this process (typer's test runner), with the
    same environment as `run`: the same output, without starting Python for every command.
    Relative paths are resolved from the current directory, so call it from the root."""
    from typer.testing import CliRunner

    from zopa.cli.app import app

    result = CliRunner().invoke(app, _argv(command), env={**ENV, "FORCE_COLOR": None})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise DocsError(f"`{command}` raised {result.exception!r}")
    return Run(stdout=result.stdout, stderr=result.stderr, status=result.exit_code)


def excerpt(json_text: str, keys: Sequence[str]) -> str:
    """The lines of top-level `keys` in indented JSON text, `...` marking what is left out.

    Relies on the output being indented by two spaces: a top-level key starts a line with
    exactly two spaces and a quote, everything nested is indented further."""
    out: list[str] = []
    current = None
    lines = json_text.splitlines()
    for index, line in enumerate(lines):
        if line == "}":  # the end of the object: what follows is shown as it is
            out.extend(lines[index:])
            break
        if line == "{":
            out.append(line)
            continue
        top = re.match(r'^  "([^"]+)": ', line)
        if top is not None:
            current = top.group(1)
        if current in keys:
            out.append(line)
        elif out[-1] != "  ...":
            out.append("  ...")
    shown = {m.group(1) for m in (re.match(r'^  "([^"]+)": ', x) for x in out) if m}
    missing = [key for key in keys if key not in shown]
    if missing:
        raise DocsError(f"no top-level key(s) {', '.join(missing)} in the JSON output")
    return "\n".join(out) + "\n"


def render(block: Block, *, runner: Callable[[str], Run] = run) -> str:
    """The output a block should show, freshly made by `runner` (`run` or `run_in_process`).
    Raises DocsError if the command does not end with the status the marker expects."""
    result = runner(block.command)
    if result.status != block.exit:
        raise DocsError(
            f"`{block.command}` exited with status {result.status}, expected {block.exit}:\n"
            + result.stderr
        )
    shown = result.stdout if not block.excerpt else excerpt(result.stdout, block.excerpt)
    shown += result.stderr
    # the closing fence must start a line of its own
    return shown if shown.endswith("\n") or not shown else shown + "\n"


def regenerate(text: str, *, name: str = "<text>") -> str:
    """`text` with every marked block's output made afresh."""
    pieces: list[str] = []
    last = 0
    for block in blocks(text, name=name):
        pieces.append(text[last : block.start])
        pieces.append(render(block))
        last = block.end
    pieces.append(text[last:])
    return "".join(pieces)


def artifacts(*, check: bool) -> bool:
    """Make every file of `ARTIFACTS` afresh; write it (or, under `check`, only say that it
    differs). True if any differed."""
    import tempfile

    differ = False
    with tempfile.TemporaryDirectory() as scratch:
        for target, command in ARTIFACTS:
            fresh = Path(scratch) / Path(target).name
            done = run(command.format(out=fresh))
            if done.status != 0:
                raise DocsError(f"{command} ended with {done.status}: {done.stderr.strip()}")
            path = ROOT / target
            if path.exists() and path.read_bytes() == fresh.read_bytes():
                continue
            differ = True
            if check:
                print(f"{target} differs from what `{command}` makes now")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(fresh.read_bytes())
                print(f"updated {path}")
    return differ


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: docs)")
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    args = parser.parse_args(argv)
    files = args.files or list(DOCS)
    differ = False
    for path in files:
        old = path.read_text(encoding="utf-8")
        try:
            new = regenerate(old, name=str(path))
        except DocsError as error:
            print(f"{path}: {error}", file=sys.stderr)
            return 2
        if new == old:
            continue
        differ = True
        if args.check:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    fromfile=f"{path} (shown)",
                    tofile=f"{path} (fresh)",
                )
            )
        else:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path}")
    if not args.files:
        try:
            differ = artifacts(check=args.check) or differ
        except DocsError as error:
            print(error, file=sys.stderr)
            return 2
    return 1 if differ and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
