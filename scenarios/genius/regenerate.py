"""Regenerate the imported GENIUS / ANAC scenarios in this folder from `data/genius/`.

    .venv/bin/python scenarios/genius/regenerate.py          # rewrite the YAML files
    .venv/bin/python scenarios/genius/regenerate.py --check  # exit 1 if any file is stale

`DOMAINS` is the one list of what is imported; `tests/importers/` checks that every shipped
file equals a fresh import, so edit the XML or the importer and re-run this, never the YAML.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from zopa.importers.genius import genius_to_yaml

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "data" / "genius"


@dataclass(frozen=True, slots=True)
class Domain:
    """One imported negotiation: the output file name, its title, and the XML files under
    `data/genius/FOLDER` (domain first, then one profile per actor, in actor order)."""

    output: str
    title: str
    folder: str
    domain: str
    profiles: tuple[str, ...]

    def paths(self) -> tuple[Path, tuple[Path, ...]]:
        folder = DATA / self.folder
        return folder / self.domain, tuple(folder / p for p in self.profiles)


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "laptop.yaml",
        "Laptop purchase (ANAC 2011)",
        "Laptop",
        "laptop_domain.xml",
        ("laptop_buyer_utility.xml", "laptop_seller_utility.xml"),
    ),
    Domain(
        "itex-cypress.yaml",
        "Itex vs Cypress: a component supply deal (ANAC 2010)",
        "ItexvsCypress",
        "ItexvsCypress_domain.xml",
        ("ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"),
    ),
    Domain(
        "england-zimbabwe.yaml",
        "England vs Zimbabwe: an international health fund (ANAC 2010)",
        "EnglandZimbabwe",
        "EnglandZimbabwe_domain.xml",
        ("England.xml", "Zimbabwe.xml"),
    ),
    Domain(
        "camera.yaml",
        "Camera purchase (ANAC 2011)",
        "Camera",
        "camera_domain.xml",
        ("camera_buyer_utility.xml", "camera_seller_utility.xml"),
    ),
    Domain(
        "politics.yaml",
        "Politics: three parties agree a programme (ANAC 2015)",
        "Politics",
        "Politics.xml",
        ("Politics_util1.xml", "Politics_util2.xml", "Politics_util3.xml"),
    ),
)


def render(domain: Domain) -> str:
    """The YAML text of one imported domain."""
    domain_path, profile_paths = domain.paths()
    return genius_to_yaml(domain_path, profile_paths, title=domain.title)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale: list[str] = []
    for domain in DOMAINS:
        target = HERE / domain.output
        text = render(domain)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(domain.output)
        if not check:
            target.write_text(text, encoding="utf-8")
    verb = "stale" if check else "rewritten"
    print(f"{verb}: {', '.join(stale) if stale else 'none'}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
