"""Importers: negotiation data written for other tools, turned into format-1 scenarios.

`genius`: GENIUS / ANAC XML domains and linear-additive profiles (`import_genius`,
`genius_to_yaml`, `read_genius`).
"""

from __future__ import annotations

from zopa.importers.genius import genius_to_yaml, import_genius
from zopa.importers.genius_read import read_genius

__all__ = ["genius_to_yaml", "import_genius", "read_genius"]
