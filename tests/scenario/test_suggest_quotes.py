"""The did-you-mean helper and the quote comparison."""

from __future__ import annotations

import pytest

from zopa.format.suggest import closest, did_you_mean, one_of
from zopa.scenario.quotes import normalise, quote_occurs


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("teritory", ["territory", "nato"], "territory"),
        ("weigth", ["weight", "curve", "values"], "weight"),
        ("nubmer", ["number", "integer", "choice"], "number"),
        ("NATO", ["territory", "nato"], "nato"),
        ("rusia", ["russia", "us", "ukraine"], "russia"),
        ("xyz", ["territory", "nato"], None),
        ("a", [], None),
    ],
)
def test_closest(word: str, candidates: list[str], expected: str | None) -> None:
    assert closest(word, candidates) == expected


def test_ties_go_to_the_first_candidate() -> None:
    assert closest("abcd", ["abce", "abcf"]) == "abce"
    assert closest("abcd", ["abcf", "abce"]) == "abcf"


def test_did_you_mean_wording() -> None:
    assert did_you_mean("teritory", ["territory"]) == " (did you mean 'territory'?)"
    assert did_you_mean("territory", ["territory"]) == ""
    assert did_you_mean("zzz", ["territory"]) == ""


def test_one_of_elides_long_lists() -> None:
    assert one_of(["a", "b"]) == "a, b"
    assert one_of([str(i) for i in range(15)], limit=3) == "0, 1, 2, … (12 more)"


@pytest.mark.parametrize(
    ("quote", "document", "expected"),
    [
        ("a temporary truce", "not interested in a temporary truce but", True),
        ("a  temporary\ntruce", "in a temporary truce", True),
        ("Trump's incoming", "Donald Trump’s incoming administration", True),
        ("Trump’s incoming", "Donald Trump's incoming administration", True),
        ('"special military operation"', "Russia’s “special military operation” (war", True),
        ("a temporary truce", "a\u00a0temporary\n  truce", True),
        ("a Temporary truce", "a temporary truce", False),
        ("a temporary treaty", "a temporary truce", False),
        ("", "anything", False),
        ("   ", "anything", False),
    ],
)
def test_quote_occurs(quote: str, document: str, expected: bool) -> None:
    assert quote_occurs(quote, document) is expected


def test_normalise() -> None:
    assert normalise("  “a”\n\t‘b’  ") == "\"a\" 'b'"
