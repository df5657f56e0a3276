"""Distributions, parameters and credibility in the scenario format: medians, where errors
point, parameters in expressions and `--set`, and analyze's `uncertain` list."""

from __future__ import annotations

import json

import pytest

import zopa
from zopa.format.schema import json_schema
from zopa.report.json import dumps

BASE = """
zopa: 1
parameters:
  floor: {{uniform: [0.1, 0.3]}}
  cap: 0.9
issues:
  x: {{type: number, min: 0, max: 1}}
actors:
  p:
    red_lines:
      - {{id: low, require: x <= cap, credibility: 0.6}}
    preferences:
      x: {{weight: {weight}, curve: [[0, 1], [1, 0]]}}
    reservation: {reservation}
  q:
    red_lines:
      - {{id: high, require: x >= floor}}
    preferences:
      x: {{weight: 1, curve: [[0, 0], [1, 1]]}}
"""


def _text(weight: str = "{triangular: [1, 2, 4]}", reservation: str = "0.2") -> str:
    return BASE.format(weight=weight, reservation=reservation)


def _errors(text: str) -> list[str]:
    with pytest.raises(zopa.ScenarioError) as info:
        zopa.loads(text, name="s.yaml")
    return str(info.value).splitlines()


def test_the_scenario_holds_medians_and_lists_what_is_uncertain() -> None:
    scenario = zopa.loads(_text())
    assert scenario.model.parameters == {"floor": pytest.approx(0.2), "cap": 0.9}
    weight = scenario.actors["p"].preferences["x"].weight
    assert weight == pytest.approx(4 - 3**0.5)  # median of triangular(1, 2, 4)
    assert scenario.uncertainty.paths == (
        "parameters.floor",
        "actors.p.preferences.x.weight",
        "actors.p.red_lines.0.credibility",
    )
    assert scenario.constraint("p/low").require is not None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"reservation": "{uniform: [0.2, 1.4]}"},
            "s.yaml:14:18: actors.p.reservation: this value must be in [0, 1], "
            "but the distribution can draw [0.2, 1.4]",
        ),
        (
            {"reservation": "{normal: [0.3, 0.1]}"},
            "s.yaml:14:18: actors.p.reservation: this value must be in [0, 1], but the "
            "distribution can draw [-inf, inf] (add clip: [lo, hi])",
        ),
        (
            {"weight": "{uniform: [3, 1]}"},
            "s.yaml:13:29: actors.p.preferences.x.weight.uniform: lo 3 is above hi 1; "
            "write [lo, hi]",
        ),
        (
            {"weight": "{normal: [1, 0], clip: [0.5, 2]}"},
            "s.yaml:13:28: actors.p.preferences.x.weight.normal: the standard deviation "
            "must be greater than 0, got 0",
        ),
        (
            {"weight": "{beta: [2, 2]}"},
            "s.yaml:13:19: actors.p.preferences.x.weight: this value must be greater than 0, "
            "but the distribution can draw [0, 1]",
        ),
        (
            {"weight": "{gauss: [1, 2]}"},
            "s.yaml:13:27: actors.p.preferences.x.weight.gauss: unknown key 'gauss'",
        ),
    ],
)
def test_a_bad_distribution_is_reported_once_where_it_is(
    change: dict[str, str], message: str
) -> None:
    errors = _errors(_text(**change))
    assert len(errors) == 1
    assert errors[0].startswith(message)


def test_credibility_outside_zero_one_and_unknown_parameters_are_errors() -> None:
    text = (
        _text().replace("credibility: 0.6", "credibility: 1.5").replace("x >= floor", "x >= flor")
    )
    errors = _errors(text)
    assert any("credibility: must be at most 1" in e for e in errors)
    assert any(
        "require: unknown issue or parameter 'flor' (did you mean 'floor'?)" in e
        and e.startswith("s.yaml:17:34:")
        for e in errors
    )


def test_a_parameter_named_like_an_issue_is_an_error() -> None:
    errors = _errors(_text().replace("  cap: 0.9", "  x: 0.9"))
    assert any(
        e.startswith("s.yaml:5:3:") and "parameter 'x' has the name of an issue" in e
        for e in errors
    )


def test_set_and_sweep_paths_reach_parameters() -> None:
    scenario = zopa.loads(_text())
    tight = scenario.with_changes(set={"parameters.cap": 0.1, "parameters.floor": 0.2})
    assert not zopa.analyze(tight).zopa.exists
    assert zopa.analyze(scenario).zopa.exists
    assert tight.uncertainty.paths == (
        "actors.p.preferences.x.weight",
        "actors.p.red_lines.0.credibility",
    )


def test_analyze_lists_uncertain_paths_only_when_there_are_any() -> None:
    uncertain = json.loads(dumps(zopa.analyze(zopa.loads(_text()))))
    assert uncertain["uncertain"] == list(zopa.loads(_text()).uncertainty.paths)
    plain_text = (
        _text(weight="2").replace(", credibility: 0.6", "").replace("{uniform: [0.1, 0.3]}", "0.2")
    )
    assert "uncertain" not in json.loads(dumps(zopa.analyze(zopa.loads(plain_text))))


def test_the_json_schema_accepts_distributions_and_refuses_malformed_ones() -> None:
    import jsonschema
    import yaml

    schema = json_schema()
    jsonschema.validate(yaml.safe_load(_text()), schema)
    bad = yaml.safe_load(_text(weight="{uniform: [1]}"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
