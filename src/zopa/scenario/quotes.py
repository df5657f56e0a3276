"""Checking that a quoted sentence occurs in its source document.

The comparison forgives what copying text between documents changes without changing the
words: runs of whitespace (line breaks, non-breaking spaces) count as one space, typographic
quotes and apostrophes (’ ‘ “ ” „ ‚ ′ ″ and the like) count as their ASCII forms, and the text
is compared in Unicode NFC form. Everything else (case, punctuation, dashes) must match.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """`text` with whitespace runs collapsed to one space, typographic quotes made ASCII,
    in NFC form, and stripped at both ends."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def quote_occurs(quote: str, document: str) -> bool:
    """Whether `quote` occurs in `document`, up to whitespace and typographic quotes."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_document(document)


@functools.lru_cache(maxsize=32)
def normalised_document(document: str) -> str:
    """`normalise(document)`, remembered: a document is cited by many quotes, and validated
    again for every variant of a scenario."""
    return normalise(document)
