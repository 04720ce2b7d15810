"""Property tests of the engine over arbitrary Unicode (hypothesis), with the whole default
catalogue: lint and fix never raise and never report an internal error, every offset is
valid, fix is idempotent and converges, and the fixed text differs from the input only inside
the spans the fix plan reports (FixPlan.original_spans), which also replays exactly.

The runs are derandomized (the same examples every time, so CI is reproducible) and moderate
in size; WIREFIX_HYPOTHESIS_EXAMPLES raises the count for a longer local hunt."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings, strategies as st

from wirefix import cleaner
from wirefix.cleaner import Config, FixPlan, apply_plan

EXAMPLES = int(os.environ.get("WIREFIX_HYPOTHESIS_EXAMPLES", "120"))
PROFILE = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, print_blob=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CONFIG = Config()

# Any code point, lone surrogates included (cleaner's API takes any str).
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
# Fragments of damaged wire copy, so that the rules actually fire and their fixes meet.
FRAGMENTS = [
    "the the ", "said said ", "  ", "   ", "\t", "\u00a0", "\r\n", "\n", "\n\n", "\r", " ",
    "Hell will ", "He'll ", "Blinkens’ ", "Blinken’s ", "its ", "do n’t ", "ca n't ", "weren’t ",
    "It’s ", "U.S. ", "U.S.-China ", "US ", "Corp. ", "Mr. ", "a.m. ", ". ", ".", "..", ",", ";",
    " .", "!", "?", "“", "”", "\"", "'", "‘", "’", "«", "(", ")", "-", "--", "—", "–", "…",
    "â€™", "â€œ", "Ã©", "&#39;", "#39;", "&amp;", "&lt;", "amp;", "quot;", "&apos;", "@-@",
    "@,@", "&#3;", "<unk>", "\\", "\\n", "date 2023-06-19 ", "BEIJING (AP) ", "WASHINGTON, ",
    "(Reuters) - ", " Reuter\n", "By Jane Doe\n", "Qin Gang ", "qin ", "Xi ", "Gates, ",
    "who was shot. ", "the war of Russia ", "he told reporters. ", "Blinken said on Friday. ",
    "x", "Talks", "minister", "1,000 ", "3.5 ", "2023 ", "\U0001F600", "e\u0301", "\u200b",
    "\u200d", "\u202e", "\ufeff", "\u2028", "\x00", "\x07", "\x1b", "\ud800", "\udfff", "漢字",
    "ß", "İ", "ﬁ",
]
WIRE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=3)),
                max_size=40).map("".join)
ANY_TEXT = st.text(ANY_CHAR, max_size=200)
TEXTS = st.one_of(WIRE, ANY_TEXT)

SEEDLIKE = ("date 2023-06-19 BEIJING (AP) U.S. Secretary of State Antony Blinken kicked off "
            "talks.\r\n\r\nHell will have additional talks with Qin. Despite Blinkens’ presence "
            "in the Chinese capital, the prospects are slim. the United States. who was shot."
            "\r\n")


def _valid_offsets(findings, text):
    for f in findings:
        assert f.code != "WF000", f"internal error: {f.message}"
        assert 0 <= f.start <= f.end <= len(text), f
        for fx in f.fixes:
            for e in fx.edits:
                assert 0 <= e.start <= e.end <= len(text), f
        assert f.fingerprint and f.rule and f.family and f.code


def _only_inside(original: str, fixed: str, spans) -> None:
    """``fixed`` is ``original`` with the text inside ``spans`` (original offsets) replaced,
    and nothing else: the parts outside the spans appear, in order, with only the replaced
    parts between them."""
    chunks, pos = [], 0
    for s, e in spans:
        assert pos <= s <= e <= len(original), spans
        chunks.append(original[pos:s])
        pos = e
    chunks.append(original[pos:])
    pattern = "(?s)" + "(.*?)".join(re.escape(c) for c in chunks)
    assert re.fullmatch(pattern, fixed), (original, fixed, spans)


@PROFILE
@given(TEXTS)
@example("")
@example(SEEDLIKE)
@example("\r\n\r\n")
@example("the the the the")
def test_lint_never_raises_and_offsets_are_valid(text):
    found = cleaner.lint(text, CONFIG)
    _valid_offsets(found, text)
    assert found == sorted(found, key=lambda f: (f.start, f.end))
    assert len({f.fingerprint for f in found}) == len(found)


@PROFILE
@given(TEXTS, st.booleans())
@example(SEEDLIKE, True)
@example(SEEDLIKE, False)
def test_fix_is_idempotent_and_changes_only_the_reported_spans(text, unsafe):
    res = cleaner.fix(text, CONFIG, unsafe=unsafe)
    assert res.converged, f"rules keep editing each other: {res.cycling_rules}"
    _valid_offsets(res.remaining, res.text)
    # the plan replays, also after a round trip through its JSON form
    assert apply_plan(text, res.plan) == res.text
    assert apply_plan(text, FixPlan.from_json(res.plan.to_json())) == res.text
    _only_inside(text, res.text, res.plan.original_spans())
    # idempotent: fixing the fixed text changes nothing
    again = cleaner.fix(res.text, CONFIG, unsafe=unsafe)
    assert again.text == res.text and again.applied == 0, again.plan.edits
    # and what remains applicable after a fix is nothing
    assert not cleaner.select_edits(res.remaining, unsafe)


@PROFILE
@given(WIRE)
def test_lf_and_crlf_copies_get_the_same_findings(text):
    """Offsets index the text as given: a CRLF copy of a story has the same findings, shifted
    by the extra CRs, and fixing it gives the CRLF copy of the fixed LF story."""
    lf = text.replace("\r", "")
    crlf = lf.replace("\n", "\r\n")
    a, b = cleaner.lint(lf, CONFIG), cleaner.lint(crlf, CONFIG)
    shift = lambda o: o + lf[:o].count("\n")  # noqa: E731
    assert [(f.code, shift(f.start), shift(f.end)) for f in a] == [
        (f.code, f.start, f.end) for f in b]
    assert cleaner.fix(crlf, CONFIG).text == cleaner.fix(lf, CONFIG).text.replace("\n", "\r\n")
