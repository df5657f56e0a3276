"""One call from a scenario to a picture file: analyse (or sweep), then draw the kind."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zopa.plot.figure import save

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from zopa.scenario.scenario import Scenario


def figure_of(
    scenario: Scenario, kind: str, *, actors: str | None = None, vary: str | None = None
) -> Figure:
    """The picture of `kind` (`zopa.plot.KINDS`) for `scenario`; a sweep is refined, so its
    tipping points are exact. Raises `ScenarioError` for bad `actors` or `vary`."""
    import zopa

    if kind == "sweep":
        from zopa.analysis.whatif import parse_vary, sweep
        from zopa.plot.sweep import sweep_figure

        if vary is None:
            raise ValueError("a sweep picture needs vary")
        return sweep_figure(
            sweep(scenario, [parse_vary(vary, file=scenario.name)], refine=True), scenario
        )
    if kind == "zone":
        from zopa.plot.zone import zone_figure

        return zone_figure(zopa.analyze(scenario), scenario)
    if kind == "pareto":
        from zopa.plot.pareto import chosen_actors, pareto_figure

        pair = chosen_actors(scenario, actors)
        return pareto_figure(zopa.analyze(scenario), scenario, pair)
    raise ValueError(f"unknown kind of picture {kind!r}")


def draw(
    scenario: Scenario,
    kind: str,
    out: Path,
    *,
    actors: str | None = None,
    vary: str | None = None,
) -> None:
    """Write the picture of `kind` for `scenario` to `out` (`.png` or `.svg`)."""
    save(figure_of(scenario, kind, actors=actors, vary=vary), out)
