"""A user's test file, written against the public API only (`zopa`, `zopa.testing`,
`zopa.testing.strategies`, hypothesis), runs under a plain `pytest` outside this repository's
test tree and configuration: it passes where its claims hold, and where one does not the
output shows the variation and code that rebuilds the failing scenario."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

USER_TESTS = textwrap.dedent(
    '''
    """My own claims about the Ukraine scenarios."""
    import pathlib

    from hypothesis import given, settings

    import zopa
    from zopa.testing import assert_conflict, assert_solution, assert_zopa_exists
    from zopa.testing import strategies as zst

    SCENARIOS = pathlib.Path(r"{scenarios}")
    SEED = zopa.load(SCENARIOS / "ukraine.yaml")
    WEAK = zopa.load(SCENARIOS / "ukraine-deferred.yaml")


    @settings(max_examples=5, deadline=None)
    @given(zst.positions(SEED, "russia", rel=0, absolute=0.1))
    def test_the_nato_collision_does_not_depend_on_russias_reservation(variant):
        assert_conflict(variant, ["russia/no-nato", "ukraine/nato-path"])


    @settings(max_examples=5, deadline=None)
    @given(zst.perturbed(WEAK, rel=0, absolute=0.1, paths="actors.russia.reservation"))
    def test_nash_keeps_nato_membership_off_the_table(variant):
        assert_solution(variant, lambda deal: deal["nato"] != "member",
                        what="NATO membership stays off the table")


    @settings(max_examples=5, deadline=None)
    @given(zst.feasible_scenarios(max_issues=2, max_actors=2))
    def test_planted_zopas_are_found(scenario):
        assert_zopa_exists(scenario)
    '''
)

FAILING_USER_TEST = textwrap.dedent(
    """
    import pathlib

    from hypothesis import given, settings

    import zopa
    from zopa.testing import assert_zopa_exists
    from zopa.testing import strategies as zst

    WEAK = zopa.load(pathlib.Path(r"{scenarios}") / "ukraine-deferred.yaml")


    @settings(max_examples=50, deadline=None, derandomize=True)
    @given(zst.positions(WEAK, "russia", rel=0, absolute=0.5))
    def test_a_claim_that_is_false(variant):
        assert_zopa_exists(variant)
    """
)


def _run_pytest(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_mine.py").write_text(
        source.format(scenarios=ROOT / "scenarios"), encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_mine.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_users_test_file_passes(tmp_path: Path) -> None:
    run = _run_pytest(tmp_path, USER_TESTS)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


def test_a_users_failing_claim_shows_the_variation_and_how_to_rebuild_it(tmp_path: Path) -> None:
    run = _run_pytest(tmp_path, FAILING_USER_TEST)
    assert run.returncode == 1, run.stdout + run.stderr
    out = run.stdout
    assert "AssertionError: expected a ZOPA, but none exists" in out
    assert "variation: actors.russia.reservation: 0.5 -> " in out
    # Hypothesis prints the shrunk example as code that rebuilds it
    assert "ukraine-deferred.yaml').with_changes(set={'actors.russia.reservation': " in out
