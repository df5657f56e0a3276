"""Hypothesis profiles for the whole suite.

`ci` (the default) makes every property test reproducible: examples are derived from the test
itself (`derandomize=True`) and no per-example deadline fails a test on a busy 2-core runner.
`long` is the same with ten times the examples and fresh randomness, for local runs:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/property tests/fuzz

Tests that need fewer examples than the profile scale `settings.default.max_examples` down
rather than fixing a number, so that `long` lengthens every test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    parent=settings.get_profile("ci"),
    derandomize=False,
    max_examples=1000,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
