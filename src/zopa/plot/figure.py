"""Making and writing figures with the same bytes every time: a fixed style (DejaVu Sans,
a fixed SVG hash salt, text kept as text), no dates or version strings in the metadata.

No pyplot: figures are plain `matplotlib.figure.Figure` objects, so nothing global is
touched apart from the style, which is applied with `rc_context` around drawing and saving.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from zopa.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg")
"""The file types `save` writes, chosen by the file's suffix."""

STYLE: dict[str, Any] = {
    "svg.hashsalt": "zopa",  # ids of clip paths and the like, otherwise random
    "svg.fonttype": "none",  # text stays text: small, searchable, no glyph paths to drift
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same metrics everywhere
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "legend.fontsize": 9,
    "savefig.dpi": 110,
    "path.simplify": False,
}
"""The one look of every picture, and the settings that make the bytes reproducible."""

METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "png": {"Software": None},
}
"""What goes into the file besides the picture: nothing that changes between runs or
matplotlib versions (no date, no "Matplotlib v3.x" creator)."""

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
"""Colours of actors, in YAML order (repeating after seven)."""

IN_ZONE = "#2ca02c"
OUT_OF_ZONE = "#d62728"
BACKGROUND = "#d9d9d9"
INK = "#333333"
MUTED = "#888888"


def require_matplotlib() -> None:
    """Raise a `ScenarioError` saying how to install matplotlib when it is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ScenarioError(
            [
                Problem(
                    "zopa",
                    "",
                    None,
                    None,
                    "pictures need matplotlib, which is not installed: "
                    "pip install 'zopa[plot]' (or pip install matplotlib)",
                )
            ]
        ) from None


@contextmanager
def style() -> Iterator[None]:
    """Draw and save inside this block: the fixed style of `STYLE`."""
    require_matplotlib()
    import matplotlib

    with matplotlib.rc_context(cast(Any, STYLE)):  # its stubs list every key as a Literal
        yield


def new_figure(width: float, height: float) -> Figure:
    """An empty figure `width` x `height` inches, with a layout that avoids overlaps."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


TITLE_WIDTH = 64
"""Characters of a picture's title per line: a long scenario title wraps, not cut off."""


def title_text(title: str) -> str:
    """`title` wrapped to `TITLE_WIDTH` characters a line."""
    import textwrap

    return "\n".join(textwrap.wrap(title, TITLE_WIDTH)) or title


def actor_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def file_format(path: Path) -> str:
    """`png` or `svg` from the suffix of `path`; a `ScenarioError` for anything else."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ScenarioError(
            [
                Problem(
                    str(path),
                    "",
                    None,
                    None,
                    "the picture's file name must end in .png or .svg",
                )
            ]
        )
    return kind


def figure_bytes(figure: Figure, kind: str) -> bytes:
    """The figure as `png` or `svg` bytes: the same figure always gives the same bytes."""
    buffer = io.BytesIO()
    with style():
        figure.savefig(buffer, format=kind, metadata=METADATA[kind])
    return buffer.getvalue()


def svg_text(figure: Figure) -> str:
    """The figure as SVG text without the XML prologue, ready to inline in HTML."""
    text = figure_bytes(figure, "svg").decode("utf-8")
    start = text.index("<svg")
    return text[start:]


def save(figure: Figure, path: Path) -> None:
    """Write the figure to `path` (`.png` or `.svg`); a failure to write is bad input."""
    data = figure_bytes(figure, file_format(path))
    try:
        path.write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ScenarioError(
            [Problem(str(path), "", None, None, f"cannot write the file: {reason}")]
        ) from None
