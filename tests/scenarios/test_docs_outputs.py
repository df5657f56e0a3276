"""The docs never drift: every command output they show equals what the command prints now
(`docs/regenerate.py` rewrites them), and every other `zopa` command in a README or docs code
block runs successfully."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMAND_DOCS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
_CODE_BLOCK = re.compile(r"^```(?:bash|sh|shell|console)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_ZOPA = re.compile(
    r"(?:^|&&|;|\$)\s*(?:\S*/)?(zopa (?:analyze|validate|check|sweep|schema|negotiate)\b[^&;|>#]*)"
)
_PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_]{2,}\b")


def _regenerate() -> ModuleType:
    path = ROOT / "docs" / "regenerate.py"
    spec = importlib.util.spec_from_file_location("docs_regenerate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


REGENERATE = _regenerate()


def _shown_blocks() -> list[tuple[str, Any]]:
    found = []
    for path in REGENERATE.DOCS:
        text = path.read_text(encoding="utf-8")
        for block in REGENERATE.blocks(text, name=path.name):
            line = text.count("\n", 0, block.start)
            found.append((f"{path.name}:{line}", block))
    return found


def _other_commands() -> list[tuple[str, str]]:
    """`zopa ...` commands in code blocks that are not marked output blocks, without
    placeholders (`FILE`, `PATH=VALUE`) and with every file they name present."""
    found: list[tuple[str, str]] = []
    for path in COMMAND_DOCS:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        shown = {block.start for block in REGENERATE.blocks(text, name=path.name)}
        for block in _CODE_BLOCK.finditer(text):
            if any(block.start(1) < start <= block.end(1) for start in shown):
                continue
            for line in block.group(1).splitlines():
                for match in _ZOPA.finditer(line):
                    command = match.group(1).strip()
                    if _PLACEHOLDER.search(command):
                        continue
                    found.append((f"{path.name}: {command}", command))
    return found


SHOWN = _shown_blocks()
OTHERS = _other_commands()


def test_the_docs_show_outputs() -> None:
    # The examples guide and the format guide's error section are made of shown outputs.
    assert len(SHOWN) >= 10
    assert {block.command.split()[1] for _, block in SHOWN} >= {"analyze", "validate"}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("block", [b for _, b in SHOWN], ids=[i for i, _ in SHOWN])
def test_shown_output_equals_a_fresh_one(block: Any) -> None:
    fresh = REGENERATE.render(block, runner=REGENERATE.run_in_process)
    assert fresh == block.shown, "the docs are out of date: run python docs/regenerate.py"


@pytest.mark.usefixtures("at_root")
def test_in_process_runs_print_what_the_command_line_prints() -> None:
    # The shown outputs are made with `python -m zopa`; the test above runs in-process.
    command = "zopa analyze scenarios/ukraine.yaml --drop ukraine/nato-path"
    assert REGENERATE.run_in_process(command) == REGENERATE.run(command)


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("command", [c for _, c in OTHERS], ids=[i for i, _ in OTHERS])
def test_every_other_documented_command_runs(command: str) -> None:
    for word in shlex.split(command):
        if word.endswith((".yaml", ".yml")):
            assert list(ROOT.glob(word)), f"{word} does not exist"
    result = REGENERATE.run_in_process(command)
    assert result.status == 0, result.stderr


def test_excerpt_keeps_whole_top_level_keys() -> None:
    text = '{\n  "a": 1,\n  "b": {\n    "c": [\n      1\n    ]\n  },\n  "d": null\n}\n'
    assert (
        REGENERATE.excerpt(text, ["b"])
        == '{\n  ...\n  "b": {\n    "c": [\n      1\n    ]\n  },\n  ...\n}\n'
    )
    with pytest.raises(REGENERATE.DocsError):
        REGENERATE.excerpt(text, ["missing"])


def test_the_documented_strict_gap_is_the_engines() -> None:
    from zopa.format.tolerances import STRICT_GAP

    guide = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    stated = re.search(r"`a < b` on real numbers means `a <= b - ([0-9.e+-]+)`", guide)
    assert stated is not None
    assert float(stated.group(1)) == STRICT_GAP
    changelog = " ".join((ROOT / "CHANGELOG.md").read_text(encoding="utf-8").split())
    stated = re.search(r"on real numbers mean at least ([0-9.e+-]+) apart", changelog)
    assert stated is not None
    assert float(stated.group(1)) == STRICT_GAP
