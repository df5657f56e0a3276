"""The bargaining solutions the engine computes, in the order every report lists them; an
`expect:` expression may name each (`nash.price`, FORMAT §4)."""

from __future__ import annotations

SOLUTION_NAMES: tuple[str, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")

SOLUTION_TITLES: dict[str, str] = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}
"""How people read each solution's name (table headings, legends), in `SOLUTION_NAMES` order."""
