"""The YAML reader: YAML 1.2 scalars, positions, and everything it refuses to read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from zopa.errors import ScenarioError
from zopa.scenario import source
from zopa.scenario.source import parse_value, parse_yaml


def _problem(text: str) -> tuple[int | None, int | None, str, str]:
    with pytest.raises(ScenarioError) as info:
        parse_yaml(text, name="f.yaml")
    error = info.value
    assert error.file == "f.yaml"
    return error.line, error.column, error.path, error.message


# --- YAML 1.2 core-schema scalars ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("017", 17),
        ("-017", -17),
        ("+5", 5),
        ("0o17", 15),
        ("0x1f", 31),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("-2.5e-3", -0.0025),
        ("1e3", 1000.0),
        ("12:30", "12:30"),
        ("2024-01-01", "2024-01-01"),
        ('"017"', "017"),
        ("'true'", "true"),
        ("!!str 5", "5"),
        ("!!float 1", 1.0),
        ("!!int 0x10", 16),
        ("!!bool true", True),
        ("!!null null", None),
        ("! 5", "5"),
    ],
)
def test_scalars_follow_yaml_1_2_core_schema(text: str, expected: object) -> None:
    data = parse_yaml(f"v: {text}\n").data
    assert data == {"v": expected}
    assert type(data["v"]) is type(expected)


def test_nato_no_stays_a_string() -> None:
    data = parse_yaml("nato: no\nform: yes\n").data
    assert data == {"nato": "no", "form": "yes"}


@pytest.mark.parametrize("text", [".inf", "-.inf", ".NaN", ".nan", "1e400"])
def test_non_finite_numbers_are_rejected(text: str) -> None:
    line, column, path, message = _problem(f"a:\n  b: {text}\n")
    assert (line, column, path) == (2, 6, "a.b")
    assert "finite" in message or "too large" in message


def test_boolean_keys_resolve_to_bool() -> None:
    data = parse_yaml("values: {true: 1, false: 0}\n").data
    assert data == {"values": {True: 1, False: 0}}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("v: !!int abc\n", "not a valid !!int"),
        ("v: !!bool 1\n", "not a valid !!bool"),
        ("v: !!map [1]\n", "does not fit"),
    ],
)
def test_wrong_core_tags_are_errors(text: str, fragment: str) -> None:
    line, column, _, message = _problem(text)
    assert (line, column) == (1, 4)
    assert fragment in message


# --- positions ----------------------------------------------------------------------------

NESTED = """\
zopa: 1
actors:
  russia:
    red_lines:
      - id: a
        require: territory >= 0.18
      - {id: b, require: "nato != 'member'"}
"""


def test_positions_of_nested_values_and_keys() -> None:
    doc = parse_yaml(NESTED)
    assert doc.positions[""] == (1, 1)
    assert doc.positions["zopa"] == (1, 7)
    assert doc.positions["actors.russia.red_lines.0.require"] == (6, 18)
    assert doc.positions["actors.russia.red_lines.0"] == (5, 9)
    assert doc.positions["actors.russia.red_lines.1.id"] == (7, 14)
    assert doc.positions["actors.russia.red_lines.1.require"] == (7, 26)
    assert doc.key_positions["actors.russia.red_lines.0.require"] == (6, 9)
    assert doc.key_positions["actors.russia"] == (3, 3)
    assert "actors.russia.red_lines.0" not in doc.key_positions


def test_positions_count_characters_not_bytes() -> None:
    doc = parse_yaml('title: "Russia–US–Ukraine"\nx: 1\ny: [é, ü]\n')
    assert doc.positions["x"] == (2, 4)
    assert doc.positions["y.1"] == (3, 8)


# --- columns inside strings (expressions) -------------------------------------------------


def _column_of(text: str, path: str, word: str) -> tuple[int, int] | None:
    doc = parse_yaml(text)
    value = doc.scalars[path].value
    return doc.offset_position(path, value.index(word))


def _where(text: str, word: str, occurrence: int = 0) -> tuple[int, int]:
    """The (line, column) of `word` in `text`, found by hand."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(word, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@pytest.mark.parametrize(
    "text",
    [
        "r: teritory >= 0.1\n",
        'r: "nato == 1 and teritory >= 0.1"\n',
        "r: 'nato == ''x'' and teritory >= 0.1'\n",
        "r: !!str teritory >= 0.1\n",
        "r: |\n  nato == 'x' and\n    teritory >= 0.1\n",
        "r: >-\n  nato == 'x' and\n  teritory >= 0.1\n",
        "r: nato == 'x' and\n  teritory >= 0.1\n",
        'r: "a and\n  teritory >= 0.1"\n',
        "list:\n  - r: [1, 2]\n    s: |2\n        teritory > 0\n",
    ],
)
def test_offsets_inside_strings_map_to_file_columns(text: str) -> None:
    doc = parse_yaml(text)
    path = next(p for p in doc.scalars if doc.scalars[p].value.find("teritory") >= 0)
    offset = doc.scalars[path].value.index("teritory")
    assert doc.offset_position(path, offset) == _where(text, "teritory")


def test_offset_of_a_later_token_in_a_quoted_string() -> None:
    text = 'r: "a == 1 and b == 2"\n'
    doc = parse_yaml(text)
    assert doc.offset_position("r", 11) == _where(text, "b ==")
    assert doc.offset_position("r", 16) == _where(text, "2")
    assert doc.offset_position("r", 0) == (1, 5)


# --- what is refused ----------------------------------------------------------------------


def test_duplicate_key_points_at_the_second() -> None:
    line, column, path, message = _problem("a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert (line, column, path) == (4, 3, "a.b")
    assert "duplicate key 'b'" in message and "line 2" in message


def test_duplicate_boolean_keys_are_caught_after_resolution() -> None:
    line, _, _, message = _problem("v: {true: 1, True: 2}\n")
    assert line == 1 and "duplicate key 'true'" in message


def test_alias_is_rejected_at_its_position() -> None:
    line, column, path, message = _problem("a: &x 1\nb: *x\n")
    assert (line, column, path) == (2, 4, "b")
    assert "aliases are not supported" in message


def test_anchor_without_alias_is_harmless() -> None:
    assert parse_yaml("a: &x 1\n").data == {"a": 1}


def test_billion_laughs_is_rejected_fast() -> None:
    lines = ['lol0: &a0 ["lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    start = time.perf_counter()
    line, _, _, message = _problem("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 0.5
    assert line == 2 and "aliases are not supported" in message


def test_python_tag_is_rejected_and_never_executed(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    text = f'zopa: !!python/object/apply:os.system ["touch {target}"]\n'
    line, column, path, message = _problem(text)
    assert (line, column, path) == (1, 7, "zopa")
    assert "'!!python/object/apply:os.system' is not supported" in message
    assert not target.exists()


@pytest.mark.parametrize("tag", ["!foo", "!!set", "!!timestamp", "!<tag:example.com:x>"])
def test_other_tags_are_rejected(tag: str) -> None:
    _, _, _, message = _problem(f"v: {tag} x\n")
    assert "is not supported" in message


def test_complex_keys_are_rejected() -> None:
    _, _, _, message = _problem("? [a, b]\n: 1\n")
    assert "a mapping key must be a plain value" in message


def test_nesting_deeper_than_the_cap_is_rejected() -> None:
    depth = source.MAX_DEPTH + 1
    line, _, _, message = _problem("v: " + "[" * depth + "]" * depth + "\n")
    assert line == 1 and f"deeper than {source.MAX_DEPTH}" in message
    ok = source.MAX_DEPTH - 1
    assert parse_yaml("v: " + "[" * ok + "]" * ok + "\n").data is not None


def test_files_larger_than_the_cap_are_rejected_before_parsing() -> None:
    text = "a: " + "x" * source.MAX_BYTES + "\n"
    line, _, _, message = _problem(text)
    assert line is None and "at most" in message


def test_node_count_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_NODES", 10)
    _, _, _, message = _problem("v: [" + ", ".join(["1"] * 20) + "]\n")
    assert "more than 10 values" in message


def test_multiple_documents_are_rejected() -> None:
    line, _, _, message = _problem("a: 1\n---\nb: 2\n")
    assert line == 2 and "more than one YAML document" in message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_a_clear_error(text: str) -> None:
    line, _, _, message = _problem(text)
    assert line is None and "the file is empty" in message


def test_syntax_error_reports_the_parser_mark() -> None:
    line, column, _, message = _problem("a: [1, 2\nb: 3\n")
    assert line == 2 and column is not None
    assert message.startswith("invalid YAML: ")


def test_bad_indentation_error() -> None:
    line, column, _, message = _problem("a:\n  b: 1\n c: 2\n")
    assert (line, column) == (3, 2)
    assert "invalid YAML" in message


# --- single values (--set VALUE) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.3", 0.3),
        ("no", "no"),
        ("[a, b]", ["a", "b"]),
        ("{weight: 2, curve: [[0, 0], [1, 1]]}", {"weight": 2, "curve": [[0, 0], [1, 1]]}),
        ("", None),
        ('"017"', "017"),
    ],
)
def test_parse_value(text: str, expected: object) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["[", "*x", "!!python/name:os.system", ".inf"])
def test_parse_value_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text)
