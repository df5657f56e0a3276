"""The concession tactics a `negotiation:` block may name, and how a tactic's text reads."""

from __future__ import annotations

from collections.abc import Mapping

TACTIC_BETAS: Mapping[str, float] = {"boulware": 0.25, "linear": 1.0, "conceder": 4.0}
"""The named concession tactics and their beta (Faratin et al. 1998, polynomial family):
beta < 1 concedes late (Boulware), beta > 1 concedes early (Conceder)."""


def tactic_beta(text: str | float) -> float:
    """A tactic's beta: a name of `TACTIC_BETAS` or a number > 0.

    Raises:
        ValueError: neither a known name nor a positive finite number.
    """
    if isinstance(text, bool):
        raise ValueError(_TACTIC_HELP.format(text=text))
    if isinstance(text, (int, float)):
        beta = float(text)
    elif text.strip().lower() in TACTIC_BETAS:
        return TACTIC_BETAS[text.strip().lower()]
    else:
        try:
            beta = float(text)
        except ValueError:
            raise ValueError(_TACTIC_HELP.format(text=text)) from None
    if not (beta > 0.0 and beta < float("inf")):
        raise ValueError(_TACTIC_HELP.format(text=text))
    return beta


_TACTIC_HELP = (
    "unknown tactic {text!r}: use boulware (beta 0.25), linear (1), conceder (4) "
    "or a number beta > 0"
)
