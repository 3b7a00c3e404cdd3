"""A standard's values kept with an issued report (issue 17): read back as the same style, and a
damaged copy falls back to the standard's file instead of failing the print."""
from __future__ import annotations

import json
from types import SimpleNamespace

from tudanhgia.render.standards import standard_of, standards, style_from_values, style_values


def test_every_shipped_standard_reads_back_as_itself_through_json():
    for style in standards().all():
        kept = json.loads(json.dumps(style_values(style)))
        assert style_from_values(kept) == style, style.standard_id


def test_a_report_prints_in_the_kept_values_of_its_standard():
    hd05 = standards().get("hd05-vptw")
    kept = {**style_values(hd05), "body_pt": 13, "own": ""}
    report = SimpleNamespace(standard_id="hd05-vptw", issued_standard=kept)
    assert standard_of(report).body_pt == 13 and hd05.body_pt == 14
    # chosen another since (the kept values were another standard's): the file of the one chosen
    assert standard_of(SimpleNamespace(standard_id="nd30", issued_standard=kept)) == standards().get("nd30")


def test_damaged_kept_values_fall_back_to_the_standards_file(caplog):
    for damaged in ({"standard_id": "hd05-vptw"},                                      # no name
                    {**style_values(standards().get("hd05-vptw")), "body_pt": "to"},   # not a number
                    {**style_values(standards().get("hd05-vptw")), "margins_mm": [1, 2]}):
        report = SimpleNamespace(standard_id="hd05-vptw", issued_standard=damaged)
        assert standard_of(report) == standards().get("hd05-vptw")
    assert "unreadable" in caplog.text
