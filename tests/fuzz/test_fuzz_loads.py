"""Fuzzing `zopa.loads`: whatever the text, the outcome is a scenario or a `ScenarioError`
whose every problem names the file and (unless it is about the whole text) a line — never
another exception, a hang, or code execution.

Three sources of inputs: mutations of the shipped scenarios and of generated ones (text-level
damage, `zopa.testing._fuzz`), structural mutations of generated scenario data (keys dropped
or added, values of the wrong type), and a list of known traps. `scripts/fuzz_long.py` runs
the text mutations at scale (100 000+ inputs) outside CI.
"""

from __future__ import annotations

import copy
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zopa
from zopa.errors import ScenarioError
from zopa.testing import _fuzz
from zopa.testing import strategies as zst
from zopa.testing._generate import dump

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scenarios").rglob("*.yaml"))]
N = settings.default.max_examples


def _assert_handled(text: str) -> _fuzz.Verdict:
    verdict = _fuzz.check_loads(text)
    assert verdict.failure is None, verdict.failure
    return verdict


@settings(max_examples=N * 2)
@given(st.sampled_from(CORPUS), st.randoms(use_true_random=False))
def test_mutated_shipped_scenarios(seed: str, rng: random.Random) -> None:
    _assert_handled(_fuzz.mutate(seed, rng, CORPUS))


@settings(max_examples=N)
@given(zst.scenario_texts(), st.randoms(use_true_random=False))
def test_mutated_generated_scenarios(seed: str, rng: random.Random) -> None:
    _assert_handled(_fuzz.mutate(seed, rng, [seed, *CORPUS[:2]]))


_WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    1e308,
    "",
    "text",
    "x <= ",
    [],
    [1, "a"],
    {},
    {"a": 1},
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


def _structural(data: dict[str, Any], draw: st.DataObject) -> dict[str, Any]:
    """`data` with one node dropped, replaced by a wrong value, given an unknown key, or
    (for a list item) duplicated."""
    out = copy.deepcopy(data)
    path = draw.draw(st.sampled_from(_paths(out)[1:]))
    parent: Any = out
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = draw.draw(st.sampled_from(["drop", "wrong", "unknown", "duplicate"]))
    if action == "drop":
        del parent[last]
    elif action == "wrong":
        parent[last] = draw.draw(st.sampled_from(_WRONG_VALUES))
    elif action == "unknown" and isinstance(parent[last], dict):
        parent[last]["colour"] = "blue"
    elif isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    else:
        parent[last] = [parent[last], parent[last]]
    return out


@settings(max_examples=N)
@given(zst.scenario_data(), st.data())
def test_structurally_damaged_scenarios(data: dict[str, Any], draw: st.DataObject) -> None:
    text = dump(_structural(data, draw))
    verdict = _assert_handled(text)
    if verdict.kind == "error":
        with pytest.raises(ScenarioError) as caught:
            zopa.loads(text, name="fuzz.yaml")
        assert all(p.line is not None for p in caught.value.problems if p.path)


SEED = CORPUS[[p.name for p in sorted((ROOT / "scenarios").rglob("*.yaml"))].index("ukraine.yaml")]
DEEP = 100_000

TRAPS: dict[str, str] = {
    "empty": "",
    "only a comment": "# nothing here\n",
    "a list": "- zopa: 1\n",
    "a scalar": "just text",
    "a BOM": "\ufeff" + SEED,
    "a NUL": SEED.replace("zopa: 1", "zopa: 1\x00"),
    "tabs": SEED.replace("  ", "\t"),
    "CRLF": SEED.replace("\n", "\r\n"),
    "two documents": SEED + "\n---\n" + SEED,
    "version 2": SEED.replace("zopa: 1", "zopa: 2"),
    "python tag": f"zopa: !!python/object/apply:os.mkdir [{str(_fuzz.CANARY)!r}]\n",
    "local tag": "zopa: !local 1\n",
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + SEED,
    "deep flow nesting": "title: " + "[" * DEEP + "]" * DEEP + "\n" + SEED,
    "deep block nesting": "".join(" " * i + f"k{i}:\n" for i in range(200)) + "  x: 1\n",
    "over a mebibyte": SEED + "\n#" + "x" * (1 << 20),
    "nan": SEED.replace("reservation: 0.5", "reservation: .nan"),
    "infinite": SEED.replace("max: 0.27", "max: 1e999"),
    "huge int": SEED.replace("weight: 5", "weight: " + "9" * 5000),
    "import in an expression": SEED.replace(
        'require: nato == "neutral"', "require: __import__('os').getcwd() == 1"
    ),
    "deep expression": SEED.replace('require: nato == "neutral"', "require: " + "(" * 5000),
    "long expression": SEED.replace(
        'require: nato == "neutral"', "require: " + "x + " * 3000 + "1"
    ),
    "many nots": SEED.replace('require: nato == "neutral"', "require: " + "not " * 5000 + "x"),
    "many keys": "zopa: 1\n" + "".join(f"k{i}: {i}\n" for i in range(120_000)),
    "duplicate key": SEED.replace("zopa: 1", "zopa: 1\nzopa: 1"),
    "merge key": SEED.replace("zopa: 1", "zopa: 1\n<<: {title: x}"),
    "complex key": "? [a, b]\n: 1\n" + SEED,
    "binary": SEED.replace("title:", "title: !!binary aGVsbG8=\nx:"),
    "yaml 1.1 directive": "%YAML 1.1\n---\n" + SEED,
}


@pytest.mark.parametrize("name", list(TRAPS))
def test_known_traps_are_refused_with_a_position(name: str) -> None:
    start = time.perf_counter()
    verdict = _assert_handled(TRAPS[name])
    assert time.perf_counter() - start < 10
    assert not _fuzz.CANARY.exists()
    if name not in ("CRLF",):
        assert verdict.kind == "error", name


def _long_status_quo(steps: int) -> str:
    return (
        "zopa: 1\nissues:\n  moves:\n    type: sequence\n    steps: [a, b]\n    status_quo:\n"
        + "    - a\n" * steps
        + "actors:\n  x: {}\n"
    )


def _fastest_refusal(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        verdict = _assert_handled(text)
        best = min(best, time.perf_counter() - start)
        assert verdict.kind == "error"
    return best


def test_a_long_status_quo_is_refused_in_linear_time() -> None:
    """The work grows with the file, not with its square: four times the steps costs far less
    than sixteen times the time. A ratio, not a wall-clock limit, so a busy machine cannot
    fail it (speed itself is measured in benchmarks/)."""
    small = _fastest_refusal(_long_status_quo(15_000))
    large = _fastest_refusal(_long_status_quo(60_000))
    assert large < 9 * small + 0.05


def test_a_lone_surrogate_is_a_scenario_error() -> None:
    """Only possible through the Python API (a file is decoded as UTF-8 first)."""
    text = SEED.replace("title: ", "title: \ud800")
    with pytest.raises(zopa.ScenarioError) as caught:
        zopa.loads(text)
    line = text[: text.index("\ud800")].count("\n") + 1
    assert caught.value.line == line
    assert "lone surrogate" in caught.value.message
