"""Shared fixtures of the expression tests: one issue set covering every issue kind."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from zopa.format.schema import Issue, ScenarioModel

ISSUES_DATA = {
    "territory": {"type": "number", "min": 0, "max": 0.27},
    "troops": {"type": "integer", "min": 0, "max": 10},
    "nato": {"type": "choice", "options": ["member", "deferred", "neutral"]},
    "form": {"type": "choice", "options": ["truce", "armistice", "treaty"], "ordered": True},
    "dialogue_restored": {"type": "boolean"},
    "amnesty": {"type": "boolean"},
    "moves": {"type": "sequence", "steps": ["us_outreach", "russia_response", "ceasefire"]},
}


@pytest.fixture(scope="session")
def issues() -> Mapping[str, Issue]:
    model = ScenarioModel.model_validate({"zopa": 1, "issues": ISSUES_DATA, "actors": {"a": {}}})
    return model.issues
