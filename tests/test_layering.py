"""Layered linting: prose rules run on the text after the whole-text repairs, and their
offsets are mapped back to the text the user gave."""
from __future__ import annotations

from wirefix.cleaner import Config, lint
from wirefix.cleaner.plan import apply_edits
from wirefix.cleaner.findings import Edit


def test_finding_next_to_a_deleted_label_keeps_its_own_span():
    text = " date 2023-06-19 BEIJING (AP) U.S. Secretary Antony Blinken arrived.\n"
    found = {f.code: f for f in lint(text, Config())}
    # the scraper label and the leading space are the raw repairs ...
    assert text[found["WF302"].start:found["WF302"].end] == "date 2023-06-19 "
    # ... and the dateline rule, which ran on the repaired copy, points at the gap after (AP)
    dash = found["WF301"]
    assert text[dash.start:dash.end] == " " and text[:dash.start].endswith("(AP)")
    # nothing else stretches over the removed label
    for f in found.values():
        if f.code not in ("WF302", "WF303"):
            assert f.start >= text.index("BEIJING"), f


def test_offset_map_sides_around_a_deletion_and_a_replacement():
    old = "abXYcd"
    new, omap = apply_edits(old, [Edit(2, 4, "")])          # delete "XY"
    assert new == "abcd"
    assert omap.span_to_old(2, 4) == (4, 6)                   # "cd" starts after the deletion
    assert omap.span_to_old(0, 2) == (0, 2)                   # "ab" ends before it
    assert omap.span_to_old(2, 2) == (4, 4)                   # an insertion point after it
    new, omap = apply_edits(old, [Edit(2, 4, "Z")])          # replace "XY" with "Z"
    assert new == "abZcd"
    assert omap.span_to_old(2, 3) == (2, 4)                   # "Z" covers "XY"
    assert omap.span_to_old(3, 5) == (4, 6)
