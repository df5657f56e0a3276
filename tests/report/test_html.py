"""The HTML report: self-contained (no scripts, nothing loaded), every quote of the
scenario shown and escaped, the diagnosis and the cheapest way out in words, the
expectations checked; golden bytes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pytest

import zopa
from zopa.report.html import build_report

UKRAINE = zopa.load("scenarios/ukraine.yaml")
UKRAINE_PAGE = build_report(UKRAINE, zopa.analyze(UKRAINE))


def test_the_page_is_self_contained() -> None:
    page = UKRAINE_PAGE
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "@import" not in page
    assert all(target.startswith("#") for target in re.findall(r"url\(([^)]*)\)", page))
    links = re.findall(r'(?:href|src)="([^"]*)"', page)
    inside = ("#", "data:image/png;base64,")  # ids in the page, or the cloud drawn inline
    assert all(link.startswith(inside) for link in links), links
    assert page.count("<svg") == 2  # the zone, and the frontier of the way out


def test_every_quote_and_source_is_shown() -> None:
    for line in UKRAINE.red_lines:
        assert line.quote is not None
        quote = " ".join(line.quote.split()).replace("“", "&quot;").replace("”", "&quot;")
        assert quote in UKRAINE_PAGE or " ".join(line.quote.split()) in UKRAINE_PAGE.replace(
            "&quot;", '"'
        ), line.ref
    assert "../seeds/lavrov-first-move.txt" in UKRAINE_PAGE


def test_the_diagnosis_and_the_cheapest_way_out() -> None:
    page = UKRAINE_PAGE
    assert "There is no zone of possible agreement" in page
    conflict = page.index("Conflict 1: these cannot all hold")
    assert "russia/no-nato" in page[conflict:] and "ukraine/nato-path" in page[conflict:]
    way_out = page.index("The cheapest way out")
    assert (
        "Give up Ukraine’s <code>ukraine/nato-path</code> (cost in firmness 0.6)" in page[way_out:]
    )
    assert "If the cheapest way out were taken" in page
    # the variant's Nash deal: nato neutral, as `zopa analyze --drop ukraine/nato-path` says
    variant = zopa.analyze(UKRAINE.with_changes(drop=["ukraine/nato-path"]))
    nash = variant.solutions["nash"]
    assert nash is not None and nash.deal["nato"] == "neutral"
    assert "seen by russia and ukraine" in page  # the two sides of the conflict


def test_expectations_are_checked() -> None:
    section = UKRAINE_PAGE[UKRAINE_PAGE.index("What the author expected") :]
    assert section.count('<span class="pass">holds</span>') == 2
    assert "fails" not in section


def test_text_from_the_yaml_is_escaped() -> None:
    text = """
zopa: 1
title: "<script>alert(1)</script> & co"
issues: {x: {type: integer, min: 0, max: 3, description: "a <b>bold</b> claim"}}
actors:
  a: {preferences: {x: {weight: 1, curve: [[0, 0], [3, 1]]}}}
  b:
    red_lines: [{id: low, require: x <= 1, description: "x < 2 & more"}]
    preferences: {x: {weight: 1, curve: [[0, 1], [3, 0]]}}
"""
    scenario = zopa.loads(text)
    page = build_report(scenario, zopa.analyze(scenario))
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "x &lt;= 1" in page and "x &lt; 2 &amp; more" in page
    assert "There is a zone of possible agreement" in page


def test_same_scenario_same_bytes() -> None:
    assert build_report(UKRAINE, zopa.analyze(UKRAINE)) == UKRAINE_PAGE


def test_report_html_golden(golden: Callable[[str, bytes], None]) -> None:
    coalition = zopa.load("scenarios/coalition.yaml")
    page = build_report(coalition, zopa.analyze(coalition))
    golden("report-coalition.html", page.encode("utf-8"))


def test_the_docs_report_is_fresh() -> None:
    """docs/report-ukraine.html (linked from the README) is what `zopa report` makes now;
    `python docs/regenerate.py` rewrites it. Pinned to the golden matplotlib version."""
    pinned = (Path(__file__).parents[1] / "golden" / "MATPLOTLIB_VERSION").read_text().strip()
    if matplotlib.__version__ != pinned:
        pytest.skip(f"docs drawn by matplotlib {pinned}, this is {matplotlib.__version__}")
    docs = Path(__file__).parents[2] / "docs" / "report-ukraine.html"
    assert docs.read_text(encoding="utf-8") == UKRAINE_PAGE, "run python docs/regenerate.py"
