"""Shared setup of the shipped-scenario tests.

A test that takes `shipped` runs once per scenario file the project ships (imported ones
included); a test that takes `worked` runs once per hand-written scenario at the top of
`scenarios/`. The `root` fixture is the repository root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SHIPPED = tuple(sorted(SCENARIOS.rglob("*.yaml")))
WORKED = tuple(path for path in SHIPPED if path.parent == SCENARIOS)


def _ids(paths: tuple[Path, ...]) -> list[str]:
    return [path.relative_to(SCENARIOS).as_posix() for path in paths]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "shipped" in metafunc.fixturenames:
        metafunc.parametrize("shipped", SHIPPED, ids=_ids(SHIPPED))
    if "worked" in metafunc.fixturenames:
        metafunc.parametrize("worked", WORKED, ids=_ids(WORKED))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
