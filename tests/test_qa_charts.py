"""SVG charts: well-formed, described in words, with the target band and no inline style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from personalize.reports.qa_charts import Band, distribution, trend

NS = {"svg": "http://www.w3.org/2000/svg"}


def test_distribution_is_well_formed_svg_with_a_band_and_a_bar_per_grade():
    svg = distribution({2: 5, 7: 3, 12: 2}, Band(high=8), "Patient grades", "d")
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "Patient grades"
    assert "8 of 10 renditions within grade 8 or lower" in root.find("svg:desc", NS).text
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]
    assert len(bars) == 3
    assert [b.get("fill") for b in bars] == ["#0a5a8a", "#0a5a8a", "#b3261e"]
    assert any(r.get("class") == "band" for r in root.iter("{http://www.w3.org/2000/svg}rect"))
    assert "style=" not in svg  # the Content-Security-Policy forbids inline styles


def test_an_empty_distribution_still_draws():
    root = ET.fromstring(str(distribution({}, Band(), "None yet", "e")))
    assert "0 of 0 renditions" in root.find("svg:desc", NS).text


def test_trend_marks_each_score_and_escapes_labels():
    svg = trend([("r1", 5.0, True), ("r2 <lexicon>", 9.1, False)], Band(high=8), "T & T", "t")
    root = ET.fromstring(str(svg))
    circles = list(root.iter("{http://www.w3.org/2000/svg}circle"))
    assert [c.get("fill") for c in circles] == ["#0a5a8a", "#b3261e"]
    assert root.find("svg:title", NS).text == "T & T"
    assert "r2 <lexicon>: grade 9.1 (fail)" in root.find("svg:desc", NS).text


def test_a_trend_of_one_point_has_no_line():
    svg = trend([("r1", 5.0, True)], Band(high=8), "One", "o")
    assert "<polyline" not in svg and svg.count("<circle") == 1
