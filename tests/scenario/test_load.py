"""Loading scenarios: the Scenario built from valid input, and every problem of invalid input
reported at its own path and position, worded to say what to do."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

import zopa
from zopa.errors import Problem
from zopa.expr.tree import ChoiceIn, Compare, Not
from zopa.scenario.scenario import ConstraintKind

Problems = Callable[[str], list[Problem]]


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _col_of(text: str, fragment: str) -> int:
    index = text.index(fragment)
    return index - (text.rfind("\n", 0, index) + 1) + 1


# --- valid input --------------------------------------------------------------------------


def test_valid_scenario_builds_checked_constraints(base_text: str, base_dir: Path) -> None:
    scenario = zopa.loads(base_text, name="s.yaml", base_dir=base_dir)
    refs = [c.ref for c in scenario.constraints]
    assert refs == [
        "rules/one-status",
        "russia/lasting-deal",
        "russia/us-first",
        "russia/guarantees",
        "ukraine/keep-land",
    ]
    rule = scenario.constraint("rules/one-status")
    assert rule.kind is ConstraintKind.RULE and rule.actor is None
    assert math.isinf(rule.firmness)
    assert isinstance(rule.require, Not)
    line = scenario.constraint("russia/lasting-deal")
    assert line.kind is ConstraintKind.RED_LINE and line.actor == "russia"
    assert line.firmness == 0.9
    assert line.require == ChoiceIn("form", ("treaty",))
    assert line.path == "actors.russia.red_lines.0"
    assert line.position == (_line_of(base_text, "- id: lasting-deal"), 9)
    assert line.quote == "Russia is not interested in a temporary truce"
    guarantees = scenario.constraint("russia/guarantees")
    assert guarantees.when == ChoiceIn("nato", ("deferred", "neutral"))
    assert isinstance(guarantees.require, Compare)
    assert guarantees.when_text == 'nato != "member"'
    assert guarantees.firmness == 1.0
    assert scenario.source_texts["doc"].startswith("Lavrov stressed")
    assert scenario.name == "s.yaml" and scenario.base_dir == base_dir
    assert scenario.raw["actors"]["russia"]["reservation"] == 0.4
    assert scenario.positions["actors.russia.reservation"] == (
        _line_of(base_text, "reservation: 0.4"),
        18,
    )
    assert scenario.model.actors["russia"].preferences["dialogue"].values == {True: 1, False: 0}


def test_load_file_resolves_sources_next_to_the_file(base_text: str, base_dir: Path) -> None:
    path = base_dir / "s.yaml"
    path.write_text(base_text, encoding="utf-8")
    scenario = zopa.load(path)
    assert scenario.name == str(path)
    assert "doc" in scenario.source_texts


def test_seed_scenarios_load() -> None:
    root = Path(__file__).resolve().parents[2] / "scenarios"
    for path in sorted(root.glob("*.yaml")):
        scenario = zopa.load(path)
        # Every rule and red line of the file is loaded (a scoring game such as
        # new-recruit.yaml has none: its actors only score deals).
        raw = scenario.raw
        written = len(raw.get("rules", [])) + sum(
            len(actor.get("red_lines", [])) for actor in raw["actors"].values()
        )
        assert len(scenario.constraints) == written, path.name
        assert scenario.model.issues and scenario.model.actors


# --- files that cannot be read ------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(zopa.ScenarioError) as info:
        zopa.load(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: no such file"
    assert info.value.line is None


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(zopa.ScenarioError, match="is a directory"):
        zopa.load(tmp_path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(b"zopa: 1\n\xff\xfe\x00\x01")
    with pytest.raises(zopa.ScenarioError, match="not UTF-8"):
        zopa.load(path)


def test_root_must_be_a_mapping(problems: Problems) -> None:
    (problem,) = problems("- a\n- b\n")
    assert (problem.line, problem.column) == (1, 1)
    assert "a scenario is a mapping" in problem.message and "a list" in problem.message


# --- schema problems, placed and reworded -------------------------------------------------


def test_unknown_key_points_at_the_key_with_did_you_mean(
    problems: Problems, base_text: str
) -> None:
    text = base_text.replace("{weight: 3, values", "{weigth: 3, values")
    (problem,) = problems(text)
    assert problem.line == _line_of(text, "weigth")
    assert problem.column == _col_of(text, "weigth")
    assert problem.path == "actors.russia.preferences.nato"
    assert problem.message == (
        "unknown key 'weigth' (did you mean 'weight'?); allowed keys: weight, curve, values"
    )


def test_unknown_issue_type(problems: Problems, base_text: str) -> None:
    text = base_text.replace("troops: {type: integer", "troops: {type: nubmer")
    (problem,) = problems(text)
    assert problem.path == "issues.troops.type"
    assert problem.message == (
        "'nubmer' is not an issue type; use one of number, integer, choice, boolean, "
        "sequence (did you mean 'number'?)"
    )
    assert problem.column == _col_of(text, "nubmer")


def test_unknown_key_for_an_issue_kind(problems: Problems, base_text: str) -> None:
    text = base_text.replace("troops: {type: integer,", "troops: {type: integer, options: [a],")
    (problem,) = problems(text)
    assert problem.path == "issues.troops"
    assert problem.message == (
        "unknown key 'options' for an integer issue; allowed keys: type, min, max, unit, "
        "status_quo, description, controlled_by"
    )


def test_missing_key_points_at_the_parent(problems: Problems) -> None:
    text = "zopa: 1\nissues:\n  t:\n    type: number\n    min: 0\nactors: {a: {}}\n"
    (problem,) = problems(text)
    assert (problem.line, problem.column, problem.path) == (4, 5, "issues.t")
    assert problem.message == "missing key 'max'; a number issue needs type, min, max"


def test_missing_top_level_key(problems: Problems) -> None:
    (problem,) = problems("zopa: 1\nactors: {a: {}}\n")
    assert problem.path == "" and (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("missing key 'issues'")


def test_format_version(problems: Problems, base_text: str) -> None:
    (problem,) = problems(base_text.replace("zopa: 1", "zopa: 2"))
    assert (problem.line, problem.column, problem.path) == (1, 7, "zopa")
    assert problem.message == "this is zopa format 1; write 'zopa: 1' (got 2)"


def test_union_type_errors_merge_into_one(problems: Problems, base_text: str) -> None:
    (problem,) = problems(base_text.replace("reservation: 0.4", "reservation: high"))
    assert problem.path == "actors.russia.reservation"
    assert problem.message == "expected a number, got the string 'high'"


def test_integer_issue_rejects_fractions(problems: Problems, base_text: str) -> None:
    (problem,) = problems(base_text.replace("min: 0, max: 10", "min: 0, max: 10.5"))
    assert problem.path == "issues.troops.max"
    assert problem.message.startswith("expected a whole number, got 10.5")


@pytest.mark.parametrize(
    ("old", "new", "path", "fragment"),
    [
        ("reservation: 0.4", "reservation: 1.5", "actors.russia.reservation", "at most 1"),
        ("{weight: 5,", "{weight: 0,", "actors.russia.preferences.territory.weight", "greater"),
        ("firmness: 0.9", "firmness: -1", "actors.russia.red_lines[0].firmness", "greater"),
        (
            "[[0, 0], [0.2, 0.7], [0.3, 1]]",
            "[[0, 0], [0.3, 0.7], [0.2, 1]]",
            "actors.russia.preferences.territory.curve",
            "sorted",
        ),
        ("[member, deferred, neutral]}", "[member, member]}", "issues.nato.options", "twice"),
        ("- id: us-first", "- id: Us First", "actors.russia.red_lines[1].id", "not a valid id"),
        ("  troops: {", "  Troops: {", "issues", "not a valid id"),
    ],
)
def test_single_field_rules(
    problems: Problems, base_text: str, old: str, new: str, path: str, fragment: str
) -> None:
    text = base_text.replace(old, new, 1)
    found = problems(text)
    assert any(p.path == path and fragment in p.message for p in found), found


def test_null_value_explains_defaults(problems: Problems, base_text: str) -> None:
    (problem,) = problems(base_text.replace("reservation: 0.4", "reservation:"))
    assert (
        problem.message == "expected a number, got nothing (null); give a value or remove the key"
    )


# --- semantic problems --------------------------------------------------------------------


def test_expression_error_points_inside_the_string(problems: Problems, base_text: str) -> None:
    text = base_text.replace("require: territory >= 0.18", "require: teritory >= 0.18")
    (problem,) = problems(text)
    assert problem.path == "actors.russia.red_lines[2].require"
    assert (problem.line, problem.column) == (_line_of(text, "teritory"), 18)
    assert str(problem).startswith(
        f"s.yaml:{problem.line}:18: actors.russia.red_lines[2].require: unknown issue "
        "'teritory' (did you mean 'territory'?)"
    )


def test_expression_error_in_a_quoted_string(problems: Problems, base_text: str) -> None:
    text = base_text.replace(
        'require: not (nato == "member" and form == "truce")',
        'require: \'not (nato == "member" and form == "truse")\'',
    )
    (problem,) = problems(text)
    assert problem.column == _col_of(text, '"truse"')
    assert "'truse'" in problem.message or '"truse"' in problem.message


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ("territory * territory <= 0.1", "linear"),
        ("__import__('os')", "call"),
        ('nato > "member"', "ordered"),
        ('troops == "member"', "option"),
        ('nato == "nuetral"', "did you mean 'neutral'"),
    ],
)
def test_expression_errors(
    problems: Problems, base_text: str, expression: str, fragment: str
) -> None:
    text = base_text.replace("require: moves.outreach == 1", f"require: {json.dumps(expression)}")
    (problem,) = problems(text)
    assert problem.path == "actors.russia.red_lines[1].require"
    assert fragment in problem.message
    assert problem.line == _line_of(text, json.dumps(expression))


def test_min_above_max(problems: Problems, base_text: str) -> None:
    text = base_text.replace("min: 0, max: 10", "min: 10, max: 0")
    (problem,) = problems(text)
    assert problem.path == "issues.troops.max"
    assert problem.message == "max (0) is below min (10); swap them"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "status_quo: 0.2}",
            "status_quo: 0.5}",
            "issues.territory.status_quo",
            "status_quo 0.5 is outside [0, 0.3]",
        ),
        (
            "options: [member, deferred, neutral]}",
            "options: [member, deferred, neutral], status_quo: nuetral}",
            "issues.nato.status_quo",
            "status_quo 'nuetral' is not one of the options (did you mean 'neutral'?); "
            "options: member, deferred, neutral",
        ),
        (
            "steps: [outreach, response, ceasefire]}",
            "steps: [outreach, response, ceasefire], status_quo: [outreach, response]}",
            "issues.moves.status_quo",
            "status_quo must list every step exactly once (missing 'ceasefire'); "
            "steps: outreach, response, ceasefire",
        ),
    ],
)
def test_status_quo(
    problems: Problems, base_text: str, old: str, new: str, path: str, message: str
) -> None:
    (problem,) = problems(base_text.replace(old, new))
    assert (problem.path, problem.message) == (path, message)


def test_duplicate_red_line_id_is_reported_at_the_duplicate(
    problems: Problems, base_text: str
) -> None:
    text = base_text.replace("- id: us-first", "- id: lasting-deal")
    (problem,) = problems(text)
    assert problem.path == "actors.russia.red_lines[1].id"
    assert problem.line == _line_of(text, "- id: lasting-deal\n        require: moves")
    assert "duplicate red line id 'lasting-deal'" in problem.message


def test_same_red_line_id_in_two_actors_is_fine(base_text: str, base_dir: Path) -> None:
    text = base_text.replace("- id: keep-land", "- id: lasting-deal")
    scenario = zopa.loads(text, base_dir=base_dir)
    assert scenario.constraint("ukraine/lasting-deal").actor == "ukraine"


def test_reserved_ids(problems: Problems, base_text: str) -> None:
    text = base_text.replace("- id: us-first", "- id: reservation").replace(
        "  ukraine:", "  rules:"
    )
    found = problems(text)
    assert [p.path for p in found] == ["actors.russia.red_lines[1].id", "actors"]
    assert "reserved" in found[0].message and "reserved" in found[1].message


def test_duplicate_rule_id(problems: Problems, base_text: str) -> None:
    text = base_text.replace("rules:\n", "rules:\n  - {id: one-status, require: dialogue}\n", 1)
    (problem,) = problems(text)
    assert problem.path == "rules[1].id" and "duplicate rule id" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "path", "fragment"),
    [
        (
            "moves.outreach: {weight",
            "moves.outrech: {weight",
            "actors.russia.preferences",
            "no step 'outrech' in sequence 'moves' (did you mean 'outreach'?)",
        ),
        (
            "nato: {weight: 3,",
            "natoo: {weight: 3,",
            "actors.russia.preferences",
            "no issue 'natoo' (did you mean 'nato'?)",
        ),
        (
            "{member: 0, deferred",
            "{membr: 0, deferred",
            "actors.russia.preferences.nato.values",
            "'membr' is not an option of 'nato' (did you mean 'member'?)",
        ),
        (
            "{true: 1, false: 0}",
            "{'yes': 1, false: 0}",
            "actors.russia.preferences.dialogue.values",
            "keyed true and false",
        ),
        (
            "territory: {weight: 5, curve",
            "territory: {weight: 5, values: {a: 1}, curve",
            "actors.russia.preferences.territory",
            "either a curve or values",
        ),
    ],
)
def test_preferences(
    problems: Problems, base_text: str, old: str, new: str, path: str, fragment: str
) -> None:
    found = problems(base_text.replace(old, new))
    assert any(p.path == path and fragment in p.message for p in found), found


def test_curve_on_a_choice(problems: Problems, base_text: str) -> None:
    text = base_text.replace(
        "nato: {weight: 3, values: {member: 0, deferred: 0.6, neutral: 1}}",
        "nato: {weight: 3, curve: [[0, 1]]}",
    )
    (problem,) = problems(text)
    assert problem.column == _col_of(text, "curve: [[0, 1]]")
    assert "give values for its options, not a curve" in problem.message


def test_source_doc_must_be_declared(problems: Problems, base_text: str) -> None:
    (problem,) = problems(base_text.replace("{doc: doc, quote", "{doc: dok, quote"))
    assert problem.path == "actors.russia.red_lines[0].source.doc"
    assert "no source 'dok' (did you mean 'doc'?)" in problem.message


def test_quote_must_occur_in_the_document(problems: Problems, base_text: str) -> None:
    text = base_text.replace("a temporary truce", "a permanent truce")
    (problem,) = problems(text)
    assert problem.path == "actors.russia.red_lines[0].source.quote"
    assert problem.column == _col_of(text, '"Russia is not')
    assert "does not occur in source 'doc'" in problem.message
    assert "matches it up to '…not interested in a' and then differs" in problem.message


def test_quote_tolerates_whitespace_and_typographic_quotes(base_text: str, base_dir: Path) -> None:
    (base_dir / "doc.txt").write_text("He said: Russia’s  “line”\n is firm.", encoding="utf-8")
    text = base_text.replace(
        '"Russia is not interested in a temporary truce"', "'Russia''s \"line\" is firm.'"
    )
    scenario = zopa.loads(text, base_dir=base_dir)
    assert scenario.constraint("russia/lasting-deal").quote == 'Russia\'s "line" is firm.'


def test_missing_source_document(problems: Problems, base_text: str) -> None:
    text = base_text.replace("doc: doc.txt", "doc: missing.txt")
    (problem,) = problems(text)
    assert problem.path == "sources.doc"
    assert problem.message.startswith("no such file: 'missing.txt'")


def test_expect_entries(problems: Problems, base_text: str) -> None:
    text = base_text + (
        "expect:\n"
        "  - {zopa: exists}\n"
        "  - {require: nash.territory <= 0.2}\n"
        "  - {require: territory <= 0.2}\n"
        "  - {zopa: none, binding: russia/us-first}\n"
        "  - {conflict: [russia/us-first, ukraine/keep-lnd, ukraine/reservation]}\n"
        "  - {binding: russia/guarantes}\n"
    )
    found = problems(text)
    assert [p.path for p in found] == [
        "expect[2].require",
        "expect[3]",
        "expect[4].conflict[1]",
        "expect[5].binding",
    ]
    assert "nash" in found[0].message
    assert "exactly one of" in found[1].message
    assert "did you mean 'ukraine/keep-land'" in found[2].message
    assert "did you mean 'russia/guarantees'" in found[3].message


def test_all_problems_are_collected_in_file_order(problems: Problems, base_text: str) -> None:
    text = (
        base_text.replace("zopa: 1", "zopa: 3")
        .replace("require: territory >= 0.18", "require: teritory >= 0.18")
        .replace("reservation: 0.4", "reservation: 4")
        .replace("min: 0, max: 10", "min: 10, max: 0")
    )
    found = problems(text)
    assert len(found) >= 3
    lines = [p.line or 0 for p in found]
    assert lines == sorted(lines)
    assert found[0].path == "zopa"


# --- variants -----------------------------------------------------------------------------


def test_with_changes_builds_a_new_scenario(base_text: str, base_dir: Path) -> None:
    scenario = zopa.loads(base_text, name="s.yaml", base_dir=base_dir)
    variant = scenario.with_changes(
        set={"actors.russia.reservation": 0.3}, drop=["russia/us-first"], without=["ukraine"]
    )
    assert variant.model.actors["russia"].reservation == 0.3
    assert [c.ref for c in variant.constraints] == [
        "rules/one-status",
        "russia/lasting-deal",
        "russia/guarantees",
    ]
    moved = variant.constraint("russia/guarantees")
    assert moved.path == "actors.russia.red_lines.1"
    assert moved.position == scenario.constraint("russia/guarantees").position
    assert "actors.russia.reservation" not in variant.positions
    assert scenario.model.actors["russia"].reservation == 0.4
    assert "ukraine" in scenario.raw["actors"]


def test_variant_errors_name_the_change(base_text: str, base_dir: Path) -> None:
    scenario = zopa.loads(base_text, name="s.yaml", base_dir=base_dir)
    with pytest.raises(zopa.ScenarioError) as info:
        scenario.with_changes(set={"actors.russia.reservation": 2})
    (problem,) = info.value.problems
    assert problem.line is None
    assert problem.path == "actors.russia.reservation"
    assert problem.message == "must be at most 1 (got 2) (set by set actors.russia.reservation=2)"


def test_variant_expression_error_after_a_drop_points_at_the_file(
    base_text: str, base_dir: Path
) -> None:
    scenario = zopa.loads(base_text, name="s.yaml", base_dir=base_dir)
    with pytest.raises(zopa.ScenarioError) as info:
        scenario.with_changes(
            set={"issues.nato.options": ["member", "neutral"]}, drop=["russia/us-first"]
        )
    (values,) = info.value.problems
    assert values.path == "actors.russia.preferences.nato.values"
    assert values.message.startswith("'deferred' is not an option of 'nato'")
    assert values.line == _line_of(base_text, "{member: 0, deferred")


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "options: [member, deferred, neutral]}",
            "options: []}",
            "issues.nato.options",
            "needs at least 1 item(s)",
        ),
        (
            "title: Test",
            "title: " + "x" * 20_001,
            "title",
            "is too long (20001 characters; at most 20000)",
        ),
        (
            "[[0, 0], [0.2, 0.7], [0.3, 1]]",
            "[[0, 0], [0.2], [0.3, 1]]",
            "actors.russia.preferences.territory.curve[1]",
            "this point needs two numbers: [x, value]",
        ),
        (
            "nato: {type: choice,",
            "nato: {type: 7,",
            "issues.nato.type",
            "7 is not an issue type; use one of number, integer, choice, boolean, sequence",
        ),
        (
            "  dialogue: {type: boolean}",
            "  dialogue: [boolean]",
            "issues.dialogue",
            "expected a mapping, got a list",
        ),
        (
            "options: [member, deferred, neutral]}",
            "options: [member, deferred, 3]}",
            "issues.nato.options[2]",
            "expected a string, got 3; quote it if you mean the text: '3'",
        ),
    ],
)
def test_reworded_schema_messages(
    problems: Problems, base_text: str, old: str, new: str, path: str, message: str
) -> None:
    found = problems(base_text.replace(old, new, 1))
    assert any(p.path == path and p.message == message for p in found), found
