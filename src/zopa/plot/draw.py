"""One call from a scenario to a picture file: analyse (or sweep, simulate, negotiate), then
draw the kind."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zopa.plot.figure import save

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from zopa.scenario.scenario import Scenario


def figure_of(
    scenario: Scenario,
    kind: str,
    *,
    actors: str | None = None,
    vary: str | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> Figure:
    """The picture of `kind` (`zopa.plot.KINDS`) for `scenario`; a sweep is refined, so its
    tipping points are exact; a simulation draws `samples` with `seed`; a negotiation is
    played as the scenario's `negotiation:` block says. Raises `ScenarioError` for bad
    `actors` or `vary`."""
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
    if kind == "simulate":
        from zopa.plot.simulate import simulate_figure

        return simulate_figure(zopa.simulate(scenario, n=samples, seed=seed), scenario)
    if kind == "negotiate":
        from zopa.plot.negotiate import negotiate_figure

        return negotiate_figure(zopa.negotiate(scenario), scenario)
    raise ValueError(f"unknown kind of picture {kind!r}")


def draw(
    scenario: Scenario,
    kind: str,
    out: Path,
    *,
    actors: str | None = None,
    vary: str | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> None:
    """Write the picture of `kind` for `scenario` to `out` (`.png` or `.svg`)."""
    figure = figure_of(scenario, kind, actors=actors, vary=vary, samples=samples, seed=seed)
    save(figure, out)
