"""From GENIUS records to format-1 scenarios: ids, YAML text that zopa reads back exactly,
integer curves, GENIUS's edge cases, and the shipped scenario files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

import zopa
from zopa.importers.genius import genius_to_yaml, import_genius
from zopa.importers.genius_read import LinearEvaluator
from zopa.scenario.evaluate import utility


def _domain(issues: list[tuple[str, list[str]]]) -> str:
    body = "".join(
        f'<issue index="{i}" name="{name}" type="discrete">'
        + "".join(f'<item value="{v}"/>' for v in values)
        + "</issue>\n"
        for i, (name, values) in enumerate(issues, start=1)
    )
    return (
        f'<negotiation_template><utility_space><objective index="0" name="root">\n{body}'
        "</objective></utility_space></negotiation_template>\n"
    )


def _profile(issues: list[tuple[str, list[tuple[str, float]], float]]) -> str:
    body = ""
    weights = ""
    for i, (name, evaluations, weight) in enumerate(issues, start=1):
        items = "".join(f'<item value="{v}" evaluation="{e}"/>' for v, e in evaluations)
        body += f'<issue index="{i}" name="{name}" type="discrete">{items}</issue>\n'
        weights += f'<weight index="{i}" value="{weight}"/>\n'
    return (
        f'<utility_space><objective index="0" name="root">\n{body}{weights}'
        "</objective></utility_space>\n"
    )


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- ids ------------------------------------------------------------------------------------


def test_issue_ids_are_identifiers_unique_and_keep_the_name(tmp_path: Path) -> None:
    names = ["External Monitor", "in", "2nd round", "Café", "a-b", "A b", "???"]
    domain = _write(tmp_path, "d.xml", _domain([(n, ["x"]) for n in names]))
    profile = _write(tmp_path, "p.xml", _profile([(n, [("x", 1)], 1) for n in names]))
    raw = import_genius(domain, [profile])
    assert list(raw["issues"]) == [
        "external_monitor",
        "in_",
        "issue_2nd_round",
        "cafe",
        "a_b",
        "a_b_2",
        "issue",
    ]
    assert [i["description"] for i in raw["issues"].values()] == names
    assert list(raw["actors"]["p"]["preferences"]) == list(raw["issues"])
    zopa.loads(genius_to_yaml(domain, [profile]))


def test_actor_ids_drop_the_words_all_profile_names_share(tmp_path: Path) -> None:
    domain = _write(tmp_path, "d.xml", _domain([("x", ["a"])]))
    text = _profile([("x", [("a", 1)], 1)])
    files = ["deal_buyer_utility.xml", "deal_seller_utility.xml", "deal_Big Boss_utility.xml"]
    profiles = [_write(tmp_path, f, text) for f in files]
    raw = import_genius(domain, profiles)
    assert list(raw["actors"]) == ["buyer", "seller", "big_boss"]
    assert [a["name"] for a in raw["actors"].values()] == [Path(f).stem for f in files]

    twice = import_genius(domain, [profiles[0], profiles[0]])
    assert list(twice["actors"]) == ["deal_buyer_utility", "deal_buyer_utility_2"]


# --- YAML text ------------------------------------------------------------------------------


def test_option_strings_survive_yaml_1_2_exactly(tmp_path: Path) -> None:
    """Values that YAML would read as numbers, booleans or null stay strings."""
    tricky = ["1e3", "0o17", "0x1F", "12", "no", "true", "null", "~", "-.5", ".inf", "a: b", "#1"]
    domain = _write(tmp_path, "d.xml", _domain([("v", tricky)]))
    evaluations = [(v, i) for i, v in enumerate(tricky)]
    profile = _write(tmp_path, "p.xml", _profile([("v", evaluations, 1)]))
    scenario = zopa.loads(genius_to_yaml(domain, [profile]))
    issue = scenario.model.issues["v"]
    assert issue.type == "choice"
    assert issue.options == tuple(tricky)
    preference = scenario.actors["p"].preferences["v"]
    assert preference.values is not None
    assert list(preference.values) == tricky
    assert preference.values["a: b"] == pytest.approx(10 / 11)


def test_loaded_yaml_equals_the_imported_data(case: Any) -> None:
    raw = import_genius(case.domain_path, case.profile_paths)
    text = genius_to_yaml(case.domain_path, case.profile_paths)
    assert zopa.loads(text).raw == raw


def test_output_is_deterministic_and_names_its_sources(case: Any) -> None:
    first = genius_to_yaml(case.domain_path, case.profile_paths, title="T")
    second = genius_to_yaml(case.domain_path, case.profile_paths, title="T")
    assert first == second
    header = first.split("zopa: 1")[0]
    assert case.domain in header
    assert all(p in header for p in case.profiles)
    assert "sha256" in header


# --- the shipped scenario files -------------------------------------------------------------


def _regenerate_module() -> Any:
    path = Path(__file__).resolve().parents[2] / "scenarios" / "genius" / "regenerate.py"
    spec = importlib.util.spec_from_file_location("genius_regenerate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass resolves annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_shipped_scenarios_equal_a_fresh_import(cases: Any) -> None:
    regenerate = _regenerate_module()
    outputs = [d.output for d in regenerate.DOMAINS]
    assert outputs == [c.scenario for c in cases]
    for domain, case in zip(regenerate.DOMAINS, cases, strict=True):
        assert domain.paths() == (case.domain_path, case.profile_paths)
        shipped = case.scenario_path.read_text(encoding="utf-8")
        assert shipped == regenerate.render(domain), f"{case.scenario} is stale: regenerate"


def test_shipped_scenarios_load(case: Any) -> None:
    scenario = zopa.load(case.scenario_path)
    issues = scenario.model.issues
    assert tuple(len(i.options) for i in issues.values()) == case.sizes  # type: ignore[union-attr]
    assert len(scenario.actors) == len(case.profiles)
    for actor in scenario.actors.values():
        assert actor.red_lines == ()
        assert actor.reservation == 0.0
        assert list(actor.preferences) == list(issues)


# --- GENIUS's edge cases --------------------------------------------------------------------


def test_zero_weight_drops_the_term_and_zero_evaluations_give_zero(tmp_path: Path) -> None:
    """GENIUS: an issue whose largest evaluation is below 1e-5 is worth 0 everywhere; a zero
    weight contributes nothing (zopa's preference weights must be positive)."""
    domain = _write(tmp_path, "d.xml", _domain([("a", ["x", "y"]), ("b", ["u", "v"])]))
    profile = _write(
        tmp_path,
        "p.xml",
        _profile([("a", [("x", 0), ("y", 0)], 0.5), ("b", [("u", 3), ("v", 6)], 0)]),
    )
    raw = import_genius(domain, [profile])
    assert raw["actors"]["p"]["preferences"] == {
        "a": {"weight": 0.5, "values": {"x": 0.0, "y": 0.0}}
    }


INTEGER_DOMAIN = """<negotiation_template><utility_space><objective index="0" name="root">
<issue index="1" name="Units" type="integer" etype="integer" lowerbound="0" upperbound="10"/>
<issue index="2" name="Colour" type="discrete"><item value="red"/><item value="blue"/></issue>
</objective></utility_space></negotiation_template>
"""

INTEGER_PROFILE = """<utility_space><objective index="0" name="root">
<issue index="1" name="Units" type="integer" etype="integer" lowerbound="0" upperbound="10">
  <evaluator ftype="linear" slope="0.2" offset="-0.4"/>
</issue>
<issue index="2" name="Colour" type="discrete">
  <item value="red" evaluation="1"/><item value="blue" evaluation="3"/>
</issue>
<weight index="1" value="3"/>
<weight index="2" value="1"/>
</objective></utility_space>
"""


def test_integer_issue_becomes_an_exact_curve(tmp_path: Path) -> None:
    """f(x) = clamp(-0.4 + 0.2 x, 0, 1) on 0..10: 0 up to x = 2, 1 from x = 7."""
    domain = _write(tmp_path, "d.xml", INTEGER_DOMAIN)
    profile = _write(tmp_path, "p.xml", INTEGER_PROFILE)
    raw = import_genius(domain, [profile])
    assert raw["issues"]["units"] == {
        "type": "integer",
        "min": 0,
        "max": 10,
        "description": "Units",
    }
    curve = raw["actors"]["p"]["preferences"]["units"]["curve"]
    assert [x for x, _ in curve] == pytest.approx([0, 2, 7, 10])
    assert [y for _, y in curve] == pytest.approx([0, 0, 1, 1], abs=1e-12)

    scenario = zopa.loads(genius_to_yaml(domain, [profile]))
    actor = scenario.actors["p"]
    for units in range(11):
        for colour, value in (("red", 1 / 3), ("blue", 1.0)):
            expected = (3 * min(1.0, max(0.0, -0.4 + 0.2 * units)) + 1 * value) / 4
            deal = {"units": units, "colour": colour}
            assert utility(actor, scenario.model.issues, deal) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("slope", "offset", "points"),
    [
        (0.1, 0.0, [(0, 0.0), (10, 1.0)]),  # inside [0, 1] all along: just the ends
        (-0.25, 1.5, [(0, 1.0), (2, 1.0), (6, 0.0), (10, 0.0)]),  # falling, clamped twice
        (0.0, 0.3, [(0, 0.3), (10, 0.3)]),  # constant
        (2.0, 0.5, [(0, 0.5), (0.25, 1.0), (10, 1.0)]),  # kink between integers
    ],
)
def test_linear_evaluator_curve(
    slope: float, offset: float, points: list[tuple[float, float]]
) -> None:
    curve = LinearEvaluator(lower=0, slope=slope, offset=offset).curve(0, 10)
    assert [x for x, _ in curve] == pytest.approx([x for x, _ in points])
    assert [y for _, y in curve] == pytest.approx([y for _, y in points])


def test_integer_evaluator_uses_the_profiles_lower_bound(tmp_path: Path) -> None:
    """GENIUS evaluates slope·(x − lowerbound) + offset with the profile's own lowerbound."""
    domain = _write(tmp_path, "d.xml", INTEGER_DOMAIN)
    shifted = INTEGER_PROFILE.replace(
        'lowerbound="0" upperbound="10">', 'lowerbound="5" upperbound="10">'
    ).replace('slope="0.2" offset="-0.4"', 'slope="0.2" offset="0"')
    profile = _write(tmp_path, "p.xml", shifted)
    curve = import_genius(domain, [profile])["actors"]["p"]["preferences"]["units"]["curve"]
    assert curve == [[0, 0.0], [5.0, 0.0], [10, pytest.approx(1.0)]]


def test_integer_issue_needs_a_linear_evaluator(tmp_path: Path) -> None:
    domain = _write(tmp_path, "d.xml", INTEGER_DOMAIN)
    no_evaluator = INTEGER_PROFILE.replace(
        '<evaluator ftype="linear" slope="0.2" offset="-0.4"/>', ""
    )
    with pytest.raises(zopa.ScenarioError, match='has no <evaluator ftype="linear"'):
        import_genius(domain, [_write(tmp_path, "p.xml", no_evaluator)])
    triangular = INTEGER_PROFILE.replace('ftype="linear"', 'ftype="triangular"')
    with pytest.raises(zopa.ScenarioError, match="only linear evaluators"):
        import_genius(domain, [_write(tmp_path, "q.xml", triangular)])


def test_importing_pulls_in_no_numerics(cases: Any) -> None:
    """`zopa import genius` stays as light as `zopa validate`: no numpy, scipy or highspy."""
    import subprocess

    case = cases[0]
    code = (
        "import sys\n"
        "from zopa.importers import genius_to_yaml\n"
        f"genius_to_yaml({str(case.domain_path)!r}, {[str(p) for p in case.profile_paths]!r})\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'highspy') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
