"""docs/testing.md is run, not just read: its Python blocks execute in order in one
namespace from the repository's root, and every `test_*` function they define passes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "testing.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
TESTS = [name for block in BLOCKS for name in re.findall(r"^def (test_\w+)", block, re.M)]


@pytest.fixture(scope="module")
def guide() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "docs_testing"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        for block in BLOCKS:
            exec(compile(block, str(GUIDE), "exec"), namespace)
    return namespace


def test_the_guide_has_runnable_examples() -> None:
    assert len(BLOCKS) >= 6
    assert len(TESTS) >= 6


@pytest.mark.parametrize("name", TESTS)
def test_the_guides_example_passes(
    guide: dict[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    guide[name]()
