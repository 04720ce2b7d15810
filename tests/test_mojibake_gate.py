"""The gate before ftfy (rules/encoding/_ftfy_repairs.py's ``may_hold_mojibake``) answers as
the marker set does, also when it skips building the set for a text whose only non-ASCII
characters are typography."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from wirefix.rules.encoding._ftfy_repairs import _TYPOGRAPHY, may_hold_mojibake, mojibake_markers


def _by_the_set(text: str) -> bool:
    return not text.isascii() and not mojibake_markers().isdisjoint(text)


def test_no_marker_is_ascii_or_typography():
    markers = mojibake_markers()
    assert len(markers) > 300
    assert not any(c.isascii() for c in markers) and not markers & _TYPOGRAPHY


_CHARS = st.sampled_from(sorted(_TYPOGRAPHY) + list("aZ .,'\"\n") + sorted(mojibake_markers())[:40]
                         + ["é", "ü", "€", "ж", "中", "\u2028", "\x85"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_CHARS, max_size=12).map("".join))
def test_the_gate_agrees_with_the_marker_set(text):
    assert may_hold_mojibake(text) == _by_the_set(text)


def test_typography_alone_is_no_mojibake_and_a_marker_is():
    assert not may_hold_mojibake("He said “no” — and left…")
    assert may_hold_mojibake("Assangeâ€™s lawyer")
    assert may_hold_mojibake("cafÃ©")
