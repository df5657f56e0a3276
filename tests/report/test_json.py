"""`report.json.dumps`: the FORMAT §4 object, sorted keys, rounded floats, no NaN, and the
same bytes on every run (checked across fresh processes)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zopa
from zopa.analysis.result import Diagnosis, Result, Solution
from zopa.format.solutions import SOLUTION_NAMES
from zopa.format.zone import BoolSet, NumberRange, OptionSet, StepPositions, Zone
from zopa.report.json import dumps

ROOT = Path(__file__).resolve().parents[2]


def sample() -> Result:
    zone = Zone(
        True,
        {
            "territory": NumberRange(0.18, 0.2000000000004),
            "nato": OptionSet(("deferred", "neutral")),
            "talks": BoolSet((True,)),
            "moves": StepPositions((("us", 1, 1), ("ceasefire", 2, 4))),
        },
        {"russia": NumberRange(1 / 3, 0.8)},
    )
    nash = Solution(
        {"territory": 0.2, "nato": "neutral", "moves": ("us", "ceasefire")}, {"russia": 0.61}
    )
    solutions = dict.fromkeys(SOLUTION_NAMES)
    solutions["nash"] = nash
    return Result(
        "Talks – winter", zone, solutions, (nash,), diagnosis=Diagnosis(binding=("russia/x",))
    )


def test_the_format_4_object() -> None:
    text = dumps(sample())
    data = json.loads(text)
    assert data["format"] == 1
    assert data["title"] == "Talks – winter"  # not escaped: ensure_ascii=False
    assert "–" in text
    assert data["zopa"]["issues"] == {
        "territory": {"min": 0.18, "max": 0.2},
        "nato": {"options": ["deferred", "neutral"]},
        "talks": {"values": [True]},
        "moves": {"positions": {"us": [1, 1], "ceasefire": [2, 4]}},
    }
    assert data["zopa"]["utilities"] == {"russia": {"min": 0.333333333, "max": 0.8}}
    assert data["solutions"]["nash"]["deal"]["moves"] == ["us", "ceasefire"]
    assert data["solutions"]["egalitarian"] is None
    assert data["diagnosis"]["binding"] == ["russia/x"]
    assert text.endswith("}\n")


def test_keys_are_sorted_at_every_level() -> None:
    def check(node: object) -> None:
        if isinstance(node, dict):
            assert list(node) == sorted(node)
            for value in node.values():
                check(value)
        elif isinstance(node, list):
            for value in node:
                check(value)

    check(json.loads(dumps(sample())))
    assert dumps(sample()).index('"diagnosis"') < dumps(sample()).index('"zopa"')


def test_nan_is_refused() -> None:
    bad = Result(None, Zone(True, {"x": NumberRange(math.nan, 1.0)}), {})
    with pytest.raises(ValueError):
        dumps(bad)


def test_analysis_json_is_byte_identical_across_processes() -> None:
    code = (
        "import sys, zopa\n"
        "from zopa.report.json import dumps\n"
        "s = zopa.load(sys.argv[1])\n"
        "sys.stdout.write(dumps(zopa.analyze(s)))\n"
    )
    scenario = ROOT / "scenarios" / "car-sale.yaml"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(scenario)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    data = json.loads(runs[0])
    assert data["zopa"]["exists"] is True
    # By hand: the bank caps the price at 450 * 48 = 21600; the dealer's reservation 0.436
    # needs a price term of 4.36 - 4 (best warranty, delivery, tyres) = 0.36 of weight 6,
    # so price >= 18500 + 0.06 * 5500 = 18830.
    assert data["zopa"]["issues"]["price"] == {"min": 18830.0, "max": 21600.0}


def test_no_zopa_json_has_no_solutions_and_a_diagnosis() -> None:
    """The seed scenario: Russia's `nato == "neutral"` and Ukraine's
    `nato in ["member", "deferred"]` cannot both hold, so there is no ZOPA."""
    scenario = zopa.load(ROOT / "scenarios" / "ukraine.yaml")
    data = json.loads(dumps(zopa.analyze(scenario, max_pareto=10)))
    assert data["zopa"] == {"exists": False, "issues": {}, "utilities": {}}
    assert data["solutions"] == dict.fromkeys(SOLUTION_NAMES)
    assert data["pareto"] == []
    assert ["russia/no-nato", "ukraine/nato-path"] in data["diagnosis"]["conflicts"]
    assert data["diagnosis"]["binding"] == []


def test_analyze_rejects_negative_limits() -> None:
    scenario = zopa.load(ROOT / "scenarios" / "ukraine.yaml")
    with pytest.raises(ValueError, match="max_pareto"):
        zopa.analyze(scenario, max_pareto=-1)
