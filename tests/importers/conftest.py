"""Shared data for the GENIUS importer tests: the five shipped ANAC domains and their facts.

The facts (issue counts, values per issue, outcome counts, parties) are those of
`data/genius/PROVENANCE.md`'s "Domain facts" table, typed in here by hand so that the tests
compare the importer against that table, not against itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "genius"
SCENARIOS = ROOT / "scenarios" / "genius"


@dataclass(frozen=True, slots=True)
class Case:
    """One shipped domain: its folder under data/genius, domain and profile files, the
    scenario file generated from it, and PROVENANCE.md's facts."""

    folder: str
    domain: str
    profiles: tuple[str, ...]
    scenario: str
    sizes: tuple[int, ...]
    outcomes: int

    @property
    def domain_path(self) -> Path:
        return DATA / self.folder / self.domain

    @property
    def profile_paths(self) -> tuple[Path, ...]:
        return tuple(DATA / self.folder / p for p in self.profiles)

    @property
    def scenario_path(self) -> Path:
        return SCENARIOS / self.scenario


CASES: tuple[Case, ...] = (
    Case(
        "Laptop",
        "laptop_domain.xml",
        ("laptop_buyer_utility.xml", "laptop_seller_utility.xml"),
        "laptop.yaml",
        (3, 3, 3),
        27,
    ),
    Case(
        "ItexvsCypress",
        "ItexvsCypress_domain.xml",
        ("ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"),
        "itex-cypress.yaml",
        (5, 4, 3, 3),
        180,
    ),
    Case(
        "EnglandZimbabwe",
        "EnglandZimbabwe_domain.xml",
        ("England.xml", "Zimbabwe.xml"),
        "england-zimbabwe.yaml",
        (4, 4, 3, 3, 4),
        576,
    ),
    Case(
        "Camera",
        "camera_domain.xml",
        ("camera_buyer_utility.xml", "camera_seller_utility.xml"),
        "camera.yaml",
        (5, 4, 3, 3, 5, 4),
        3600,
    ),
    Case(
        "Politics",
        "Politics.xml",
        ("Politics_util1.xml", "Politics_util2.xml", "Politics_util3.xml"),
        "politics.yaml",
        (4, 3, 3, 4, 5, 2, 4, 4),
        23040,
    ),
)


@pytest.fixture(params=CASES, ids=[c.folder for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    """Each shipped GENIUS domain in turn."""
    result: Case = request.param
    return result


@pytest.fixture
def cases() -> tuple[Case, ...]:
    """All shipped GENIUS domains."""
    return CASES
