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


def quote_message(quote: str, doc: str, text: str) -> str:
    """Says the quote is not in the document and how much of its start is."""
    words = normalise(quote).split(" ")
    haystack = normalised_document(text)
    matched = 0
    for count in range(1, len(words) + 1):
        if " ".join(words[:count]) in haystack:
            matched = count
        else:
            break
    hint = ""
    if 0 < matched < len(words):
        near = " ".join(words[max(0, matched - 4) : matched])
        hint = f"; the document matches it up to '…{near}' and then differs"
    return (
        f"this quote does not occur in source {doc!r}{hint}; copy the sentence exactly "
        "(line breaks and typographic quotes may differ)"
    )
