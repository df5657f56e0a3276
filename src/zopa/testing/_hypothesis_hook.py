"""Registers `Scenario` with Hypothesis, so `st.from_type(Scenario)` draws `zst.scenarios()`.

Hypothesis calls `_hypothesis_setup_hook` through the `hypothesis` entry point when it is
imported. The strategy is built on first use, so the hook itself imports only the type.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from zopa.scenario.scenario import Scenario

    def _scenarios(_: type[Scenario]) -> st.SearchStrategy[Scenario]:
        from zopa.testing.strategies import scenarios

        return scenarios()

    st.register_type_strategy(Scenario, _scenarios)
