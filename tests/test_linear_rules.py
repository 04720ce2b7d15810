"""Rules stay linear on text built to make them re-read it: a long run without spaces that
holds thousands of marks. Counted in calls, not timed (a timed test fails on a busy machine
and passes on a quadratic rule that a fast one hides)."""
from __future__ import annotations

from wirefix.rules.whitespace import missing_space_after_punctuation as wf209


def test_missing_space_reads_a_run_without_spaces_once(monkeypatch):
    """"a.a(" repeated: each "a.a" is a token of its own, but the run of visible characters
    around every mark is the whole text. What that run says of itself (markup, a squeezed
    list) is decided once; it was decided once per token, and 64 KB took 77 s (stopped by
    the rule's time budget, so the story got no finding of it at all)."""
    reads: list[int] = []
    squeezed = wf209._SQUEEZED

    class CountingSqueezed:
        def findall(self, text):
            reads.append(len(text))
            return squeezed.findall(text)

    monkeypatch.setattr(wf209, "_SQUEEZED", CountingSqueezed())
    text = "a.a(" * 4000
    spans = wf209._Tokens(text)
    verdicts = {wf209.judge(text, at, spans) for at in range(1, len(text), 4)}
    assert verdicts == {None}          # a squeezed run is no prose: nothing to insert
    assert reads == [len(text)]

