"""Every numerical tolerance of the engine, in one place, each with its reason (DESIGN
"Tolerances are explicit"). They are ordered from the solver's own outwards.
"""

from __future__ import annotations

# --- the solver --------------------------------------------------------------------------

SOLVER_TOL = 1e-7
"""HiGHS's primal feasibility tolerance (and, as zopa configures it, its integrality one)."""

# --- checking a deal ---------------------------------------------------------------------

DEFAULT_TOL = 1e-6
"""The default feasibility tolerance of plain evaluation: domains, comparisons and
reservations (`zopa.expr.evaluate`, `zopa.scenario.evaluate`)."""

CERTIFY_TOL = 1e-6
"""Feasibility tolerance of certification: ten times HiGHS's own (`SOLVER_TOL`), and the
default of plain evaluation (`DEFAULT_TOL`)."""

ORACLE_TOL = 1e-9
"""Tolerance of the brute-force oracle's checks: tighter than the solver's, so a deal the
oracle accepts is comfortably feasible for the model too."""

# --- expressions -------------------------------------------------------------------------

STRICT_GAP = 1e-5
"""`a < b` on real numbers means `a <= b - STRICT_GAP` (and `>` likewise).

Ten times the tolerance certification allows (1e-6), so that a strict comparison stays
strict when a deal is re-checked: with equal figures `x != 5` would pass at `x = 5`.

Where every term is integral (integer issues, step positions, integer coefficients and
constant), `a < b` means `a <= b - 1` instead, which is exact."""

FOLD_TOL = 1e-9
"""Tolerance used to decide comparisons of constants at check time."""

ZERO_COEF = 1e-12
"""Coefficients smaller than this in magnitude are dropped as floating-point noise."""

# --- bargaining --------------------------------------------------------------------------

POSITIVE_GAIN = 1e-6
"""The smallest gain that counts as positive (ten times the solver's tolerance)."""

NASH_GAP = 1e-9
"""Relative gap of the Nash product at which the outer approximation stops."""

NASH_TOL = 1e-6
"""How far below its optimum `sum(log g_i)` is fixed for the later stages (a relative
tolerance of about 1e-6 on the product)."""

SAME_TANGENT = 1e-12
"""Two tangent points of the Nash outer approximation closer than this are one."""

OPTIMUM_TOL = 1e-6
"""How far below its optimum a tie-break stage's objective is fixed for the next stage."""

SETTLE_TOL = 1e-9
"""The same for phase two (`Stages.settle`), an LP over the real numbers only."""

# --- the Pareto frontier -----------------------------------------------------------------

FRONTIER_STEP = 1e-5
"""The epsilon-constraint step on finite deal spaces (utility units)."""

SAME_UTILITY = 1e-9
"""Two certified utility vectors closer than this in every actor are the same point."""

UTILITY_BAND = 1e-6
"""Half-width of the band around a found utility vector inside which the canonical deal is
chosen."""

GRID = 1e-9
"""Utility vectors of the separable fast path are compared after rounding to multiples of
this."""

VALUE_TOL = 1e-9
"""Tolerance of the separable fast path's single-issue constraint checks (the brute-force
oracle's own)."""

# --- diagnosis ---------------------------------------------------------------------------

NEGLIGIBLE_MOVE = 1e-7
"""A move smaller than this (relative to max(1, |number|)) is the solver's tolerance, not a
give: the group was not really in the way, and no move is reported."""

# --- printing and importing --------------------------------------------------------------

ZERO_SNAP = 1e-12
"""Magnitudes below this print as 0: they are floating-point residue of the solver (a zone
minimum of 1.7e-18), never a meaningful value of a utility or an issue."""

ZERO_GAIN = 1e-9
"""A gain over the reservation smaller than this prints as `+0`."""

ZERO_EVALUATION = 1e-5
"""GENIUS treats an issue whose largest evaluation is below this as worth 0 everywhere."""

ACCEPT_TOL = 1e-6
"""A negotiation responder accepts an offer worth at least its demand (its reservation plus
its discounted continuation gain, or its aspiration) less this much: the offer was solved
for with the solver's feasibility tolerance of 1e-7 on a row that holds the demand exactly,
and is re-read by plain evaluation (the same slack as `CERTIFY_TOL`)."""

HORIZON_TOL = 1e-6
"""`zopa negotiate` without `--rounds` plays an equilibrium horizon long enough that round
1's gains are estimated to be within this much of the infinite-horizon limit."""

# --- what-if sweeps --------------------------------------------------------------------

BISECTION_TOL = 1e-9
"""Tipping points are refined until the bracketing interval is this narrow (or as narrow as
floating point allows at that magnitude). The solver's feasibility tolerance (1e-7) bounds
how exact the boundary itself can be."""

CEILING_TOL = 1e-9
"""A reservation this far above the actor's best utility still counts as reachable, as the
solver's own feasibility tolerance (1e-7) would accept it too."""
