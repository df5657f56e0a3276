"""Shared fixtures for the scenario tests: a small valid scenario and a problem collector."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import zopa
from zopa.errors import Problem

BASE = """\
zopa: 1
title: Test
sources:
  doc: doc.txt
issues:
  territory: {type: number, min: 0, max: 0.3, status_quo: 0.2}
  troops: {type: integer, min: 0, max: 10}
  nato: {type: choice, options: [member, deferred, neutral]}
  form: {type: choice, options: [truce, armistice, treaty], ordered: true}
  dialogue: {type: boolean}
  moves: {type: sequence, steps: [outreach, response, ceasefire]}
rules:
  - id: one-status
    require: not (nato == "member" and form == "truce")
actors:
  russia:
    red_lines:
      - id: lasting-deal
        require: form == "treaty"
        firmness: 0.9
        source: {doc: doc, quote: "Russia is not interested in a temporary truce"}
      - id: us-first
        require: moves.outreach == 1
      - id: guarantees
        when: nato != "member"
        require: territory >= 0.18
    preferences:
      territory: {weight: 5, curve: [[0, 0], [0.2, 0.7], [0.3, 1]]}
      nato: {weight: 3, values: {member: 0, deferred: 0.6, neutral: 1}}
      moves.outreach: {weight: 1, curve: [[1, 1], [3, 0]]}
      dialogue: {weight: 1, values: {true: 1, false: 0}}
    reservation: 0.4
  ukraine:
    red_lines:
      - id: keep-land
        require: territory <= 0.2
    preferences:
      territory: {weight: 1, curve: [[0, 1], [0.3, 0]]}
"""

DOC = "Lavrov stressed that Russia is not interested in a temporary\ntruce but seeks peace.\n"


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    """A directory holding the source document `doc.txt` that BASE cites."""
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    return tmp_path


@pytest.fixture
def base_text() -> str:
    return BASE


@pytest.fixture
def problems(base_dir: Path) -> Callable[[str], list[Problem]]:
    """Validate text (next to doc.txt) and return its problems; fails if it is valid."""

    def collect(text: str) -> list[Problem]:
        with pytest.raises(zopa.ScenarioError) as info:
            zopa.loads(text, name="s.yaml", base_dir=base_dir)
        return list(info.value.problems)

    return collect
