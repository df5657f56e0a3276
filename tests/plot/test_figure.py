"""Same figure, same bytes: no dates or versions in the files; a clear error without
matplotlib; only .png and .svg."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zopa
from zopa.errors import ScenarioError
from zopa.plot.figure import figure_bytes, file_format, require_matplotlib, save, svg_text
from zopa.plot.zone import zone_figure

CAR = zopa.load("scenarios/car-sale.yaml")
RESULT = zopa.analyze(CAR)

DRAW = """
import sys, zopa
from zopa.plot.figure import figure_bytes
from zopa.plot.zone import zone_figure
s = zopa.load("scenarios/car-sale.yaml")
sys.stdout.buffer.write(figure_bytes(zone_figure(zopa.analyze(s), s), sys.argv[1]))
"""


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_two_processes_write_the_same_bytes(kind: str) -> None:
    """Ids in SVG are random unless `svg.hashsalt` is fixed: compare across processes."""
    runs = [
        subprocess.run([sys.executable, "-c", DRAW, kind], capture_output=True, check=True).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0] == figure_bytes(zone_figure(RESULT, CAR), kind)


def test_no_date_or_version_in_the_files() -> None:
    import matplotlib

    svg = figure_bytes(zone_figure(RESULT, CAR), "svg")
    png = figure_bytes(zone_figure(RESULT, CAR), "png")
    for data in (svg, png):
        assert b"Matplotlib" not in data and matplotlib.__version__.encode() not in data
        assert b"dc:date" not in data and b"Software" not in data
    assert b"<text" in svg  # text kept as text (svg.fonttype none), not glyph paths


def test_svg_text_is_ready_to_inline() -> None:
    text = svg_text(zone_figure(RESULT, CAR))
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")


def test_the_file_type_comes_from_the_suffix(tmp_path: Path) -> None:
    assert file_format(Path("a.SVG")) == "svg" and file_format(Path("b.png")) == "png"
    with pytest.raises(ScenarioError, match=r"must end in \.png or \.svg"):
        file_format(Path("c.pdf"))
    save(zone_figure(RESULT, CAR), tmp_path / "zone.png")
    assert (tmp_path / "zone.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ScenarioError, match="cannot write the file"):
        save(zone_figure(RESULT, CAR), tmp_path / "missing" / "zone.svg")


def test_missing_matplotlib_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(ScenarioError, match=r"pip install 'zopa\[plot\]'"):
        require_matplotlib()
