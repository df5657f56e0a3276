"""The public API in `zopa/__init__.py`: `zopa.analyze` has its real signature."""

from __future__ import annotations

import inspect

import pytest

import zopa
from zopa.analysis.run import analyze as engine_analyze


def test_analyze_has_the_engines_keyword_only_signature() -> None:
    public = inspect.signature(zopa.analyze)
    engine = inspect.signature(engine_analyze)
    assert [(p.name, p.kind, p.default) for p in public.parameters.values()] == [
        (p.name, p.kind, p.default) for p in engine.parameters.values()
    ]
    assert all(
        p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(public.parameters.values())[1:]
    )


def test_analyze_refuses_unknown_options() -> None:
    scenario = zopa.loads(
        "zopa: 1\nissues: {x: {type: number, min: 0, max: 1}}\n"
        "actors: {a: {preferences: {x: {weight: 1, curve: [[0, 0], [1, 1]]}}}}\n"
    )
    with pytest.raises(TypeError, match="max_paretos"):
        zopa.analyze(scenario, max_paretos=3)  # type: ignore[call-arg]
    result = zopa.analyze(scenario, max_pareto=3, max_conflicts=1)
    assert result.zopa.exists
    assert result.solutions["nash"] is not None
    assert result.solutions["nash"].deal["x"] == pytest.approx(1.0, abs=1e-6)


def test_negotiate_has_the_engines_keyword_only_signature() -> None:
    from zopa.dynamics.run import negotiate as engine_negotiate

    public = inspect.signature(zopa.negotiate)
    engine = inspect.signature(engine_negotiate)
    assert [(p.name, p.kind, p.default) for p in public.parameters.values()] == [
        (p.name, p.kind, p.default) for p in engine.parameters.values()
    ]
