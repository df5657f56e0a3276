"""Tools for testing scenarios and zopa itself: hypothesis strategies (`strategies`),
assertions with messages that show what varied (`assertions`, re-exported here), and a
brute-force oracle for small finite scenarios (`oracle`).

    from zopa.testing import strategies as zst, assert_zopa_exists

`strategies` needs hypothesis and is imported only when asked for; the assertions and the
oracle need neither numpy nor a solver until an assertion analyses a scenario.
"""

from zopa.testing.assertions import (
    assert_binding,
    assert_conflict,
    assert_no_zopa,
    assert_not_binding,
    assert_solution,
    assert_zopa_exists,
    describe_variation,
    record_variation,
)

__all__ = [
    "assert_binding",
    "assert_conflict",
    "assert_no_zopa",
    "assert_not_binding",
    "assert_solution",
    "assert_zopa_exists",
    "describe_variation",
    "record_variation",
]
