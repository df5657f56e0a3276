"""Distributions: the uncertain numbers a scenario may hold in place of a number (the
format guide, "Uncertain positions") — their kinds, supports and medians. Pure Python (no
numpy or scipy), so that validation stays fast; drawing from them is
`zopa.analysis.sampling`."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any


class Kind(enum.Enum):
    UNIFORM = "uniform"
    TRIANGULAR = "triangular"
    NORMAL = "normal"
    BETA = "beta"


ARITY = {Kind.UNIFORM: 2, Kind.TRIANGULAR: 3, Kind.NORMAL: 2, Kind.BETA: 2}
SHAPES = {
    Kind.UNIFORM: "[lo, hi]",
    Kind.TRIANGULAR: "[lo, mode, hi]",
    Kind.NORMAL: "[mean, sd]",
    Kind.BETA: "[a, b]",
}


@dataclass(frozen=True, slots=True)
class Distribution:
    """One checked distribution: `args` as written, `clip` (normal only) or None."""

    kind: Kind
    args: tuple[float, ...]
    clip: tuple[float, float] | None = None

    @property
    def support(self) -> tuple[float, float]:
        """The smallest interval holding every draw."""
        if self.kind is Kind.UNIFORM:
            return self.args[0], self.args[1]
        if self.kind is Kind.TRIANGULAR:
            return self.args[0], self.args[2]
        if self.kind is Kind.BETA:
            return 0.0, 1.0
        return self.clip if self.clip is not None else (-math.inf, math.inf)

    def median(self) -> float:
        """The distribution's median (a clipped normal's is its clipped mean: clipping is
        monotone, so it keeps the median)."""
        if self.kind is Kind.UNIFORM:
            return (self.args[0] + self.args[1]) / 2
        if self.kind is Kind.TRIANGULAR:
            lo, mode, hi = self.args
            if hi == lo:
                return lo
            if mode >= (lo + hi) / 2:
                return lo + math.sqrt((hi - lo) * (mode - lo) / 2)
            return hi - math.sqrt((hi - lo) * (hi - mode) / 2)
        if self.kind is Kind.NORMAL:
            lo, hi = self.support
            return min(max(self.args[0], lo), hi)
        return beta_median(self.args[0], self.args[1])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {self.kind.value: list(self.args)}
        if self.clip is not None:
            out["clip"] = list(self.clip)
        return out


FORMS = (
    "{uniform: [lo, hi]}, {triangular: [lo, mode, hi]}, "
    "{normal: [mean, sd], clip: [lo, hi]}, {beta: [a, b]}"
)


# --- the median of a beta distribution, without scipy -------------------------------------


def beta_median(a: float, b: float) -> float:
    """The x with I_x(a, b) = 1/2, by bisection on the regularised incomplete beta."""
    if a == b:
        return 0.5
    lo, hi = 0.0, 1.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _betainc(a, b, mid) < 0.5:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) by its continued fraction (Lentz)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1.0 - x)
    return math.exp(log_front) * _fraction(a, b, x) / a


def _fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300

    def guard(v: float) -> float:
        return v if abs(v) > tiny else tiny

    c, d = 1.0, 1.0 / guard(1.0 - (a + b) * x / (a + 1))
    h = d
    for m in range(1, 300):
        for num in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 / guard(1.0 + num * d)
            c = guard(1.0 + num / c)
            h *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return h
