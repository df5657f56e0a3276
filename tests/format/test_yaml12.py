"""The YAML 1.2 scalar rules: what either writer writes, zopa's reader reads back as written."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from zopa.errors import ScenarioError
from zopa.format import yaml12
from zopa.importers.genius import _Dumper as GeniusDumper
from zopa.scenario.source import parse_yaml
from zopa.testing._generate import dump

YAML12_NON_STRINGS = [
    "", "~", "null", "NULL", "true", "False", "08", "-12", "+3", "0o17", "0x1F",
    "1e3", ".5", "-2.5E-3", "1.", ".inf", "-.Inf", ".NaN",
]  # fmt: skip
YAML11_ONLY = ["yes", "no", "on", "off", "0b101", "1_000", "12:30"]


def _read(text: str) -> Any:
    return parse_yaml(text, name="t.yaml").data


def _genius_dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=GeniusDumper, sort_keys=False, allow_unicode=True, width=100)


WRITERS = [dump, _genius_dump]


@pytest.mark.parametrize("text", YAML12_NON_STRINGS)
def test_the_reader_and_the_rules_agree_on_non_strings(text: str) -> None:
    assert yaml12.reads_as_non_string(text)
    if text.lower().endswith(("inf", "nan")):
        with pytest.raises(ScenarioError, match="not a finite number"):
            _read(f"k: {text}\n")
    else:
        assert not isinstance(_read(f"k: {text}\n")["k"], str)


@pytest.mark.parametrize("text", YAML11_ONLY)
def test_yaml_11_only_words_are_strings(text: str) -> None:
    assert not yaml12.reads_as_non_string(text)
    assert _read(f"k: {text}\n") == {"k": text}


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize(
    "text", [*YAML12_NON_STRINGS, *YAML11_ONLY, "a\x85b", "a\u2028b", "a\u2029"]
)
def test_both_writers_quote_what_would_read_back_otherwise(write: Any, text: str) -> None:
    assert _read(write({"k": text})) == {"k": text}


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_both_writers_escape_unicode_line_breaks(write: Any, char: str) -> None:
    text = write({"k": f"x{char}y"})
    assert char not in text  # escaped as \N, \L, \P inside double quotes
    assert _read(text) == {"k": f"x{char}y"}


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12))
def test_every_string_round_trips_through_both_writers(text: str) -> None:
    for write in WRITERS:
        assert _read(write({"k": text})) == {"k": text}
