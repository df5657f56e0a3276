"""The strategies keep their promises: valid scenarios, planted deals that every group
accepts, planted conflicts that are the only minimal conflict (checked against plain
evaluation and the brute-force oracle, not against the solver), perturbations that stay in
reach and in bounds."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import zopa
from zopa.scenario.evaluate import in_domain, utility, violations
from zopa.scenario.scenario import Scenario
from zopa.scenario.source import parse_yaml
from zopa.testing import _perturb, describe_variation, oracle
from zopa.testing import strategies as zst
from zopa.testing._generate import dump

ROOT = Path(__file__).resolve().parents[2]
SEED = zopa.load(ROOT / "scenarios" / "ukraine.yaml")
FINITE = ("integer", "choice", "boolean", "sequence")
N = settings.default.max_examples


def _examples(share: float) -> settings:
    return settings(max_examples=max(5, int(N * share)))


# --- scenarios() and its raw forms --------------------------------------------------------------


@_examples(0.5)
@given(zst.scenario_data())
def test_scenario_data_loads_back_as_written(data: dict[str, object]) -> None:
    scenario = zopa.loads(dump(data))
    assert scenario.raw == data


@_examples(0.3)
@given(st.data())
def test_kinds_and_sizes_are_respected(data: st.DataObject) -> None:
    kinds = data.draw(st.lists(st.sampled_from(zst.ISSUE_KINDS), min_size=1, unique=True))
    scenario = data.draw(zst.scenarios(max_issues=2, max_actors=2, max_red_lines=1, kinds=kinds))
    assert 1 <= len(scenario.model.issues) <= 2
    assert 1 <= len(scenario.actors) <= 2
    assert all(len(a.red_lines) <= 1 for a in scenario.actors.values())
    assert {issue.type for issue in scenario.model.issues.values()} <= set(kinds)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"max_issues": 0}, "max_issues=0"),
        ({"max_actors": True}, "max_actors=True"),
        ({"kinds": ["number", "money"]}, "kinds="),
        ({"kinds": "number"}, "kinds="),
        ({"kinds": []}, "kinds="),
        ({"max_red_lines": -1}, "max_red_lines=-1"),
    ],
)
def test_bad_limits_are_refused_when_the_strategy_is_made(
    kwargs: dict[str, object], fragment: str
) -> None:
    with pytest.raises(InvalidArgument, match=fragment):
        zst.scenarios(**kwargs)  # type: ignore[arg-type]


@_examples(0.2)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20))
def test_any_string_survives_the_yaml_round_trip(text: str) -> None:
    """The dumper quotes what YAML 1.2 would read as a number, boolean or null (`08`)."""
    assert parse_yaml(dump({"title": text}), name="t").data == {"title": text}


@pytest.mark.parametrize(
    "text",
    ["08", "1_0", "true", "True", "null", "~", ".5", "0x1F", "0o7", "-.inf", "", "\x85", "\u2028"],
)
def test_strings_that_yaml_1_2_reads_as_values_are_quoted(text: str) -> None:
    assert parse_yaml(dump({"title": text}), name="t").data == {"title": text}


# --- planted deals --------------------------------------------------------------------------------


@_examples(0.5)
@given(zst.planted_deals())
def test_the_planted_deal_satisfies_everything(planted: zst.PlantedDeal) -> None:
    scenario = planted.scenario
    assert violations(scenario, planted.deal, tol=1e-9) == []
    for actor_id, actor in scenario.actors.items():
        exact = planted.utilities[actor_id]
        assert utility(actor, scenario.model.issues, planted.deal) == pytest.approx(
            exact, abs=1e-12
        )
        if actor.reservation > 0:
            assert exact - actor.reservation >= exact / 10 - 1e-12


@_examples(0.3)
@given(zst.planted_deals(kinds=FINITE, max_issues=3))
def test_the_planted_deal_is_in_the_brute_force_zone(planted: zst.PlantedDeal) -> None:
    assert planted.deal in oracle.zopa_deals(planted.scenario)


# --- planted conflicts ----------------------------------------------------------------------------


@_examples(0.5)
@given(zst.planted_conflicts())
def test_each_witness_breaks_only_its_own_member(planted: zst.PlantedConflict) -> None:
    for ref in planted.conflict:
        assert violations(planted.scenario, planted.witnesses[ref], tol=1e-9) == [ref]
    order = oracle.group_refs(planted.scenario)
    assert list(planted.conflict) == sorted(planted.conflict, key=order.index)
    for ref, cost in planted.firmness.items():
        assert cost == oracle.firmness_of(planted.scenario, ref)


@_examples(0.3)
@given(zst.planted_conflicts(kinds=FINITE, max_issues=2, max_actors=2, max_red_lines=2))
def test_the_planted_conflict_is_the_only_one_by_brute_force(planted: zst.PlantedConflict) -> None:
    scenario = planted.scenario
    assert oracle.zopa_deals(scenario) == []
    assert oracle.minimal_conflicts(scenario) == [planted.conflict]
    relaxations = {drop for drop, _ in oracle.minimal_relaxations(scenario)}
    assert relaxations == {(planted.conflict[0],), (planted.conflict[1],)}


@_examples(0.2)
@given(zst.infeasible_scenarios(kinds=["boolean"], max_issues=1))
def test_infeasible_scenarios_have_no_deal(scenario: Scenario) -> None:
    assert oracle.zopa_deals(scenario) == []


@_examples(0.2)
@given(zst.feasible_scenarios(kinds=["choice", "integer"], max_issues=2))
def test_feasible_scenarios_have_a_deal(scenario: Scenario) -> None:
    assert oracle.zopa_deals(scenario) != []


# --- deals ----------------------------------------------------------------------------------------


@_examples(0.2)
@given(st.data())
def test_deals_lie_in_the_deal_space(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios(max_actors=1))
    deal = data.draw(zst.deals(scenario))
    assert list(deal) == list(scenario.model.issues)
    assert in_domain(scenario.model.issues, deal, tol=0.0) == []


# --- perturbed and positions ----------------------------------------------------------------------


def _numbers_by_path(scenario: Scenario) -> dict[str, float]:
    out: dict[str, float] = {}
    for number in _perturb.movable_numbers(scenario.raw):
        key = number.path if number.span is None else f"{number.path}@{number.span[0]}"
        out[key] = number.value
    return out


def _threshold_values(scenario: Scenario, path: str) -> list[float]:
    return [n.value for n in _perturb.movable_numbers(scenario.raw) if n.path == path]


@_examples(0.3)
@given(zst.perturbed(SEED, rel=0.1))
def test_perturbed_moves_every_number_within_reach(variant: Scenario) -> None:
    before = _perturb.movable_numbers(SEED.raw)
    after = _perturb.movable_numbers(variant.raw)
    assert [n.path for n in after] == [n.path for n in before]
    for old, new in zip(before, after, strict=True):
        reach = 0.1 * abs(old.value)
        if old.whole:
            reach = max(reach, 0.5)
        assert abs(new.value - old.value) <= reach + 1e-9, (old.path, old.value, new.value)
        low, high = old.bounds
        assert low - 1e-12 <= new.value <= high + 1e-12
    territory = variant.model.issues["territory"]
    assert territory.min <= territory.status_quo <= territory.max  # type: ignore[union-attr, operator]


@_examples(0.3)
@given(zst.perturbed(SEED, rel=0, absolute=0.1, paths=["actors.russia.reservation"]))
def test_perturbed_paths_and_absolute_reach(variant: Scenario) -> None:
    moved = {
        path
        for path, value in _numbers_by_path(variant).items()
        if value != _numbers_by_path(SEED)[path]
    }
    assert moved <= {"actors.russia.reservation"}
    assert abs(variant.actors["russia"].reservation - 0.5) <= 0.1 + 1e-12
    if moved:
        assert describe_variation(variant) == (
            f"actors.russia.reservation: 0.5 -> {variant.actors['russia'].reservation:.12g}"
        )


@_examples(0.3)
@given(zst.positions(SEED, "russia", rel=0.3, absolute=0.05))
def test_positions_move_only_that_actors_thresholds_and_reservation(variant: Scenario) -> None:
    before, after = _numbers_by_path(SEED), _numbers_by_path(variant)
    assert after.keys() == before.keys()
    for path, value in after.items():
        if value != before[path]:
            assert path.startswith("actors.russia."), path
            assert path == "actors.russia.reservation" or ".require@" in path or ".when@" in path
    # whole literals stay whole: 1 moved by at most 0.35 rounds back to 1
    assert variant.actors["russia"].red_lines[0].require == "moves.us_outreach == 1"


@_examples(0.3)
@given(zst.perturbed(SEED, rel=0.3, paths="actors.*.preferences"))
def test_perturbed_curves_stay_sorted_and_values_in_unit(variant: Scenario) -> None:
    for actor in variant.actors.values():
        for pref in actor.preferences.values():
            assert pref.weight > 0
            if pref.curve is not None:
                xs = [x for x, _ in pref.curve]
                assert xs == sorted(xs) and len(set(xs)) == len(xs)
                assert all(0 <= y <= 1 for _, y in pref.curve)
            if pref.values is not None:
                assert all(0 <= v <= 1 for v in pref.values.values())


@_examples(0.3)
@given(st.data())
def test_perturbing_any_generated_scenario_stays_valid(data: st.DataObject) -> None:
    scenario = data.draw(zst.scenarios())
    variant = data.draw(zst.perturbed(scenario, rel=0.5, absolute=0.2))
    assert isinstance(variant, Scenario)  # with_changes validated it; nothing raised
    assert list(variant.model.issues) == list(scenario.model.issues)


DOTTED = """
zopa: 1
issues:
  a: {type: choice, options: ["0", ".", "x.y"]}
actors:
  a:
    preferences:
      a: {weight: 0.5, values: {"0": 0, ".": 0.5, "x.y": 1}}
"""


@_examples(0.1)
@given(st.data())
def test_a_label_without_a_set_path_is_left_alone(data: st.DataObject) -> None:
    """Found by the test above: an option named "." made the path `values..`."""
    scenario = zopa.loads(DOTTED)
    variant = data.draw(zst.perturbed(scenario, rel=0.5, absolute=0.2))
    values = variant.model.actors["a"].preferences["a"].values
    assert values is not None and values["."] == 0.5


SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_perturbing_every_shipped_scenario_stays_valid(path: Path) -> None:
    scenario = zopa.load(path)

    @settings(max_examples=5)
    @given(zst.perturbed(scenario, rel=1.0, absolute=0.5))
    def check(variant: Scenario) -> None:
        assert variant.actors.keys() == scenario.actors.keys()

    check()


@given(zst.perturbed(SEED, rel=0.0))
@settings(max_examples=3)
def test_no_reach_gives_the_scenario_itself(variant: Scenario) -> None:
    assert variant is SEED


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"rel": -0.1}, "rel=-0.1"),
        ({"rel": math.inf}, "rel=inf"),
        ({"absolute": "0.1"}, "absolute='0.1'"),
        ({"paths": ["actors.rusia.reservation"]}, "actors.rusia.reservation"),
    ],
)
def test_perturbed_refuses_bad_arguments(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InvalidArgument, match=fragment):
        zst.perturbed(SEED, **kwargs)  # type: ignore[arg-type]


def test_positions_refuses_an_unknown_actor() -> None:
    with pytest.raises(InvalidArgument, match="actors: russia, us, ukraine"):
        zst.positions(SEED, "rusia")


def test_perturbed_refuses_what_is_not_a_scenario() -> None:
    with pytest.raises(InvalidArgument, match="must be a zopa Scenario"):
        zst.perturbed(SEED.raw)  # type: ignore[arg-type]


# --- the number finder under perturbed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "literals"),
    [
        ("territory >= 0.18", ["0.18"]),
        ("2 * x + y / 4 <= 3", ["3"]),
        ("x * 2 - 1.5 > -0.25", ["1.5", "0.25"]),
        ('nato == "member 2" and moves.a1 < 3', ["3"]),
        ("0.1 <= t <= 0.2e1", ["0.1", "0.2e1"]),
        ("not d", []),
    ],
)
def test_thresholds_are_the_literals_that_scale_nothing(text: str, literals: list[str]) -> None:
    found = _perturb._thresholds("p", text)
    assert [text[n.span[0] : n.span[1]] for n in found if n.span] == literals


def test_value_at_reads_dotted_preference_keys_and_boolean_keys() -> None:
    raw = {"actors": {"a": {"preferences": {"moves.x": {"weight": 2, "values": {True: 0.5}}}}}}
    assert _perturb.value_at(raw, "actors.a.preferences.moves.x.weight") == 2
    assert _perturb.value_at(raw, "actors.a.preferences.moves.x.values.true") == 0.5
    assert _perturb.value_at(raw, "actors.a.reservation") is None


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("actors.russia.reservation", ["actors.russia"], True),
        ("actors.russia.reservation", ["actors.*.reservation"], True),
        ("actors.russian.reservation", ["actors.russia"], False),
        ("actors.russia.red_lines.0.require", ["actors.*.red_lines.*.require"], True),
        ("issues.territory.max", ["issues.*.min"], False),
    ],
)
def test_path_patterns(path: str, patterns: list[str], expected: bool) -> None:
    assert _perturb.matches(path, patterns) is expected


def test_crossing_bounds_stay_put_and_the_status_quo_follows() -> None:
    raw = {"issues": {"t": {"type": "number", "min": 0, "max": 1, "status_quo": 0.9}}}
    numbers = {n.path: n for n in _perturb.movable_numbers(raw)}
    crossed = _perturb.changes(raw, {numbers["issues.t.min"]: 2.0, numbers["issues.t.max"]: 1.5})
    assert crossed == {}
    narrowed = _perturb.changes(raw, {numbers["issues.t.max"]: 0.8})
    assert narrowed == {"issues.t.max": (1, 0.8), "issues.t.status_quo": (0.9, 0.8)}


# --- the import guard and the hypothesis hook ---------------------------------------------------


def test_a_missing_hypothesis_gives_a_clear_message() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import zopa.testing.strategies\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "needs the hypothesis package" in out.stdout
    assert "pip install hypothesis" in out.stdout


def test_the_hook_registers_scenario_with_from_type() -> None:
    from zopa.testing._hypothesis_hook import _hypothesis_setup_hook

    _hypothesis_setup_hook()

    @settings(max_examples=3)
    @given(st.from_type(Scenario))
    def check(scenario: Scenario) -> None:
        assert isinstance(scenario, Scenario)

    check()


def test_the_dumper_writes_block_yaml_a_person_can_read() -> None:
    text = dump({"zopa": 1, "issues": {"x": {"type": "choice", "options": ["08", "a"]}}})
    assert yaml.safe_load(text) == {
        "zopa": 1,
        "issues": {"x": {"type": "choice", "options": ["08", "a"]}},
    }
    assert "options:\n    - '08'\n    - a\n" in text


ENTRY_POINT_CHECK = """
import hypothesis
from hypothesis import strategies as st
from zopa.scenario.scenario import Scenario
print(type(st.from_type(Scenario).example()).__name__)
"""


def test_the_entry_point_line_for_pyproject_registers_the_hook(tmp_path: Path) -> None:
    """What the pyproject lines `[project.entry-points.hypothesis]` and
    `_ = "zopa.testing._hypothesis_hook:_hypothesis_setup_hook"` install, done by hand: a
    distribution whose entry point Hypothesis runs when it is imported."""
    info = tmp_path / "zopa_hook_check-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zopa-hook-check\nVersion: 0\n")
    (info / "entry_points.txt").write_text(
        "[hypothesis]\n_ = zopa.testing._hypothesis_hook:_hypothesis_setup_hook\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    out = subprocess.run(
        [sys.executable, "-c", ENTRY_POINT_CHECK], capture_output=True, text=True, env=env
    )
    assert out.stdout.strip() == "Scenario", out.stderr
