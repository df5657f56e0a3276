"""Helpers for the model tests: load scenario text, and ask whether one concrete deal is
feasible for the compiled model by fixing every issue column to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

import zopa
from zopa.model.compile import CompiledModel, compile_scenario
from zopa.model.session import Session
from zopa.model.solver import SolveStatus


def fix_deal(session: Session, compiled: CompiledModel, deal: Mapping[str, Any]) -> None:
    """Fix every issue column of `session` to `deal` (all issues must be given)."""
    for issue, vars_ in compiled.layout.issues.items():
        value = deal[issue]
        if vars_.kind in ("number", "integer") or vars_.kind == "boolean":
            session.set_bounds(vars_.cols[0], float(value), float(value))
        elif vars_.kind == "choice":
            for col, option in zip(vars_.cols, vars_.labels, strict=True):
                flag = 1.0 if option == value else 0.0
                session.set_bounds(col, flag, flag)
        else:
            positions = (
                value if isinstance(value, Mapping) else {s: i + 1 for i, s in enumerate(value)}
            )
            for col, step in zip(vars_.cols, vars_.labels, strict=True):
                session.set_bounds(col, float(positions[step]), float(positions[step]))


@pytest.fixture
def feasible() -> Callable[..., bool]:
    """`feasible(compiled, deal, drop=())`: whether the model admits exactly this deal."""

    def _feasible(
        compiled: CompiledModel, deal: Mapping[str, Any], drop: tuple[str, ...] = ()
    ) -> bool:
        session = compiled.session()
        for ref in drop:
            session.enforce(ref, False)
        fix_deal(session, compiled, deal)
        outcome = session.solve()
        assert outcome.status in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE), outcome
        return outcome.status is SolveStatus.OPTIMAL

    return _feasible


@pytest.fixture
def compile_text() -> Callable[[str], CompiledModel]:
    def _compile(text: str) -> CompiledModel:
        return compile_scenario(zopa.loads(text))

    return _compile


@pytest.fixture
def session_at() -> Callable[[CompiledModel, Mapping[str, Any]], Session]:
    """`session_at(compiled, deal)`: a fresh session with every issue fixed to `deal`."""

    def _at(compiled: CompiledModel, deal: Mapping[str, Any]) -> Session:
        session = compiled.session()
        fix_deal(session, compiled, deal)
        return session

    return _at
