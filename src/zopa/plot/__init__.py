"""Pictures of answers: one module per kind, each one function from a typed result to a
matplotlib `Figure` (`pareto.pareto_figure`, `zone.zone_figure`, `sweep.sweep_figure`,
`simulate.simulate_figure`, `negotiate.negotiate_figure`), and
`figure.save` / `figure.svg_text` to write one with the same bytes every time.

matplotlib is an optional extra (`pip install 'zopa[plot]'`) and is imported only inside
these functions; `figure.require_matplotlib` turns its absence into a `ScenarioError` that
says how to install it (exit 2 on the command line).
"""

from __future__ import annotations

KINDS = ("pareto", "zone", "sweep", "simulate", "negotiate")
"""The kinds `zopa plot --kind` draws."""
