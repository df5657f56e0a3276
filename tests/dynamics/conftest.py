"""Scenario texts for the negotiation tests: one number split between actors."""

from __future__ import annotations

import pytest

import zopa
from zopa.scenario.scenario import Scenario

SPLIT = """\
zopa: 1
title: Split one number
issues:
  share: {type: number, min: 0, max: 1}
actors:
  a:
    preferences:
      share: {weight: 1, curve: [[0, 0], [1, 1]]}
    reservation: 0
  b:
    preferences:
      share: {weight: 1, curve: [[0, 1], [1, 0]]}
    reservation: 0
"""

THREE = """\
zopa: 1
title: Three actors split one number
issues:
  xa: {type: number, min: 0, max: 1}
  xb: {type: number, min: 0, max: 1}
  xc: {type: number, min: 0, max: 1}
rules:
  - id: one-pie
    require: xa + xb + xc <= 1
actors:
  a:
    preferences: {xa: {weight: 1, curve: [[0, 0], [1, 1]]}}
  b:
    preferences: {xb: {weight: 1, curve: [[0, 0], [1, 1]]}}
  c:
    preferences: {xc: {weight: 1, curve: [[0, 0], [1, 1]]}}
"""


@pytest.fixture(scope="session")
def split() -> Scenario:
    return zopa.loads(SPLIT, name="split.yaml")


@pytest.fixture(scope="session")
def three() -> Scenario:
    return zopa.loads(THREE, name="three.yaml")
