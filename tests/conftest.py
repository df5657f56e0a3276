"""Hypothesis profiles for the whole suite, and the `golden` fixture (bytes against a stored
file, tests/golden/).

`ci` (the default) makes every property test reproducible: examples are derived from the test
itself (`derandomize=True`) and no per-example deadline fails a test on a busy 2-core runner.
`long` is the same with ten times the examples and fresh randomness, for local runs:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/property tests/fuzz

Tests that need fewer examples than the profile scale `settings.default.max_examples` down
rather than fixing a number, so that `long` lengthens every test.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
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


# --- golden files ----------------------------------------------------------------------
# Golden files: compare bytes with a stored file, or rewrite it with ZOPA_GOLDEN=write.
#
# SVG and HTML bytes depend on the matplotlib version that drew them (its SVG writer and
# layout engine change between releases), so the golden files are pinned to the version named
# in `golden/MATPLOTLIB_VERSION`: under any other version the comparison is skipped with that
# reason, while the version-independent checks (same bytes twice, no dates) still run.
# Regenerate with: ZOPA_GOLDEN=write .venv/bin/python -m pytest tests/plot tests/report -q

GOLDEN = Path(__file__).resolve().parent / "golden"
VERSION_FILE = GOLDEN / "MATPLOTLIB_VERSION"


def _check_golden(name: str, data: bytes) -> None:
    """Assert `data` equals the golden file `name` byte for byte (or write it)."""
    import matplotlib

    path = GOLDEN / name
    if os.environ.get("ZOPA_GOLDEN") == "write":
        path.write_bytes(data)
        VERSION_FILE.write_text(matplotlib.__version__ + "\n", encoding="utf-8")
        return
    pinned = VERSION_FILE.read_text(encoding="utf-8").strip()
    if matplotlib.__version__ != pinned:
        pytest.skip(
            f"golden bytes were drawn by matplotlib {pinned}, this is {matplotlib.__version__}"
        )
    assert data == path.read_bytes(), f"{name} changed: look at it, then ZOPA_GOLDEN=write"


@pytest.fixture
def golden() -> Callable[[str, bytes], None]:
    """`golden(name, data)`: assert `data` equals tests/golden/NAME (module comment above)."""
    return _check_golden
