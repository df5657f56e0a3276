"""The same input always prints the same bytes (FORMAT §4): twice in one process, and in
fresh processes whose string hashing differs (`PYTHONHASHSEED`), which is what exposes an
answer that depends on the iteration order of a set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.scenario.scenario import Scenario
from zopa.testing import strategies as zst
from zopa.testing._generate import dump

ROOT = Path(__file__).resolve().parents[2]
N = settings.default.max_examples

PRINT_ALL = """
import json, sys, zopa
for path in sys.argv[1:]:
    result = zopa.analyze(zopa.load(path))
    print(json.dumps(result.to_dict(), sort_keys=True))
"""


def _json(scenario: Scenario) -> str:
    return json.dumps(zopa.analyze(scenario).to_dict(), sort_keys=True)


@settings(max_examples=max(10, N // 4))
@given(zst.scenarios(max_issues=3, max_actors=3))
def test_the_same_scenario_gives_the_same_json_twice(scenario: Scenario) -> None:
    again = zopa.loads(dump(scenario.raw), name="<again>")
    assert _json(scenario) == _json(scenario) == _json(again)


def _run(seed: str, paths: list[Path]) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", PRINT_ALL, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=600,
    ).stdout


@settings(max_examples=2)
@given(texts=st.lists(zst.scenario_texts(max_issues=3, max_actors=3), min_size=6, max_size=6))
def test_fresh_processes_with_other_hash_seeds_print_the_same_bytes(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("determinism")
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"s{index}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    paths += sorted((ROOT / "scenarios").glob("*.yaml"))
    first, second = _run("1", paths), _run("4242", paths)
    assert first.count("\n") == len(paths)
    assert first == second


def test_the_cli_prints_the_seed_scenarios_answer_byte_for_byte_alike() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "zopa", "analyze", "scenarios/ukraine-deferred.yaml", "--json"],
            capture_output=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        ).stdout
        for seed in ("0", "977")
    }
    assert len(outputs) == 1
