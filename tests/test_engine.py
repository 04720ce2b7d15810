"""The engine (cleaner/engine.py, document.py, findings.py): the document model, findings and
fingerprints, lint and the fixed-point fix loop, ignore patterns, per-file ignores and the
decisions filter. Conflicting rules are built here on purpose with Engine(extra_rules=...)."""
from __future__ import annotations

import regex
import pytest

from wirefix import cleaner
from wirefix.cleaner import Config, Document, Engine, MAX_PASSES, apply_plan, engine_for, fingerprint
from wirefix.cleaner.document import TokenKind
from wirefix.cleaner.findings import Applicability, Edit, Severity
from wirefix.rules.base import Example, Phase, Rule
from wirefix.rules.declarative import load_rules_text
from wirefix.rules.registry import builtin_rules


# -- test rules ------------------------------------------------------------------------------
class _Swap(Rule):
    """Test rule: replace one word with another everywhere."""

    family = "whitespace"
    applicability = Applicability.SAFE
    message = "swap"
    src = dst = ""

    def check(self, doc, ctx):
        for m in regex.finditer(rf"\b{self.src}\b", doc.text):
            yield self.finding(m.start(), m.end(), [self.dst])


class AlphaToBeta(_Swap):
    code, name, src, dst = "WT901", "alpha-to-beta", "alpha", "beta"


class BetaToAlpha(_Swap):
    code, name, src, dst = "WT902", "beta-to-alpha", "beta", "alpha"


class Grow(Rule):
    """Test rule that never settles: it always wants one more '!' at the end."""

    code, name, family = "WT903", "grow", "whitespace"
    applicability = Applicability.SAFE
    message = "grow"

    def check(self, doc, ctx):
        yield self.finding(len(doc.text), len(doc.text), ["!"])


class Broken(Rule):
    """Test rule that raises."""

    code, name, family = "WT904", "broken", "whitespace"
    message = "never"

    def check(self, doc, ctx):
        raise RuntimeError("boom")


class OutOfRange(Rule):
    """Test rule that reports a span past the end of the text."""

    code, name, family = "WT905", "out-of-range", "whitespace"
    message = "bad span"

    def check(self, doc, ctx):
        yield self.finding(0, len(doc.text) + 5, ["x"])


class RawJunk(Rule):
    """Raw-phase test rule: delete '##' debris (safe), like a feed-furniture repair."""

    code, name, family = "WT906", "raw-junk", "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "junk"

    def check(self, doc, ctx):
        for m in regex.finditer(r"##", doc.text):
            yield self.finding(m.start(), m.end(), [""])


class ProseCaps(Rule):
    """Prose test rule: flag the word 'nasa' (offsets must map back through raw repairs)."""

    code, name, family = "WT907", "prose-caps", "capitalization"
    applicability = Applicability.UNSAFE
    message = "caps"

    def check(self, doc, ctx):
        for m in regex.finditer(r"\bnasa\b", doc.text):
            yield self.finding(m.start(), m.end(), ["NASA"])


class QuotePair(Rule):
    """Multi-edit test rule: wrap the word 'said:' speech in quotes, both marks or none."""

    code, name, family = "WT908", "quote-pair", "quotation"
    applicability = Applicability.SAFE
    message = "quote"

    def check(self, doc, ctx):
        for m in regex.finditer(r"said: (\w+ \w+)\.", doc.text):
            yield self.finding(m.start(1), m.start(1), ["“"],
                               extra_edits=[Edit(m.end(1), m.end(1), "”")])


class SelfOverlap(Rule):
    """Test rule whose one fix has overlapping edits (a rule bug the engine must catch)."""

    code, name, family = "WT909", "self-overlap", "whitespace"
    applicability = Applicability.SAFE
    message = "overlap"

    def check(self, doc, ctx):
        if len(doc.text) >= 6:
            yield self.finding(0, 4, ["a"], extra_edits=[Edit(2, 6, "b")])


def only(*rules, **kw) -> Engine:
    return Engine(Config(select=tuple(r.code for r in rules), **kw), extra_rules=rules)


# -- Document ----------------------------------------------------------------------------------
CRLF_TEXT = ("First line of para one.\r\nSecond line. U.S. officials met Mr. Smith.\r\n"
             "\r\n    An indented paragraph? Yes! Next one.\r\nLast line")


def test_document_lines_keep_crlf_as_two_characters():
    doc = Document(CRLF_TEXT)
    assert len(doc.lines) == 5
    first = doc.lines[0]
    assert CRLF_TEXT[first.start:first.end] == "First line of para one."
    assert CRLF_TEXT[first.end:first.next] == "\r\n"
    assert doc.line_text(4) == "Last line" and not doc.lines[4].has_break
    assert doc.is_blank_line(2)
    assert doc.newline == "\r\n"
    assert Document("a\nb").newline == "\n" and Document("ab").newline == "\n"


def test_document_line_and_column_are_one_based_code_points():
    doc = Document(CRLF_TEXT)
    second = CRLF_TEXT.index("Second")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(second) == (2, 1)
    assert doc.line_col(second - 1) == (1, 25)   # the "\n" of the CRLF belongs to line 1
    astral = Document("a\U0001F600b\nc")
    assert astral.line_col(2) == (1, 3) and astral.line_col(4) == (2, 1)
    lone_cr = Document("a\rb")
    assert lone_cr.line_col(2) == (2, 1)


def test_document_paragraphs_split_at_blank_and_indented_lines():
    doc = Document(CRLF_TEXT)
    paras = [doc.paragraph_text(p) for p in doc.paragraphs]
    assert paras == ["First line of para one.\r\nSecond line. U.S. officials met Mr. Smith.",
                     "An indented paragraph? Yes! Next one.\r\nLast line"]
    assert doc.paragraphs[1].line_count == 2
    assert doc.paragraph_at(CRLF_TEXT.index("Yes")) == doc.paragraphs[1]
    assert doc.paragraph_at(CRLF_TEXT.index("\r\n\r\n") + 3) is None
    reuters = Document("Showers continued\nthrough the week.\n    The dry period means.\n")
    assert [reuters.paragraph_text(p) for p in reuters.paragraphs] == [
        "Showers continued\nthrough the week.", "The dry period means."]


def test_document_sentences_respect_abbreviations():
    doc = Document(CRLF_TEXT)
    sents = [CRLF_TEXT[s.start:s.end] for s in doc.sentences]
    assert sents == ["First line of para one.", "Second line.",
                     "U.S. officials met Mr. Smith.",
                     "An indented paragraph?", "Yes!", "Next one.", "Last line"]
    s = Document("He met Microsoft Corp. co-founder Bill Gates. J. Smith said so.").sentences
    assert len(s) == 2
    assert len(Document("It fell. then it rose.").sentences) == 1
    assert doc.sentence_at(CRLF_TEXT.index("Smith")).start == CRLF_TEXT.index("U.S.")
    assert CRLF_TEXT.index("U.S.") in doc.sentence_initial_offsets


def test_document_tokens():
    text = "Blinken’s U.S.-China talks don’t cost 1,000.5 #39; ok"
    doc = Document(text)
    toks = [(t.text, t.kind) for t in doc.tokens]
    assert toks[:6] == [("Blinken’s", TokenKind.WORD), ("U.S.", TokenKind.WORD),
                        ("-", TokenKind.PUNCT), ("China", TokenKind.WORD),
                        ("talks", TokenKind.WORD), ("don’t", TokenKind.WORD)]
    assert ("1,000.5", TokenKind.NUMBER) in toks and ("#", TokenKind.PUNCT) in toks
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
    assert [t.text for t in doc.tokens_between(text.index("talks"), text.index("cost"))] == [
        "talks", "don’t"]
    assert doc.word_counts["talks"] == 1
    assert doc.tokens[0].is_capitalised and not doc.tokens[4].is_capitalised


def test_document_of_empty_and_blank_text():
    for text in ("", "\n", "\r\n\r\n", "   "):
        doc = Document(text)
        assert doc.paragraphs == [] and doc.sentences == [] and doc.tokens == []
        assert doc.line_col(len(text))[0] == len(doc.lines)


def test_whitespace_only_lines_of_any_kind_never_make_an_empty_paragraph():
    for space in ("\u2028", "\u2029", "\u3000", "\x1c", "\x85", "\u00a0", "\t \u2003"):
        doc = Document(f"One.\n{space}\nTwo.")
        assert [doc.paragraph_text(p) for p in doc.paragraphs] == ["One.", "Two."], repr(space)
        assert Document(space).paragraphs == []


@pytest.mark.parametrize("first", ["wirefix", "wirefix.rules", "wirefix.rules.registry", "wirefix.rules.base",
                                   "wirefix.rules.declarative", "wirefix.cleaner",
                                   "wirefix.cleaner.engine", "wirefix.cleaner.cli",
                                   "wirefix.cleaner.findings"])
def test_any_module_can_be_imported_first(first):
    import subprocess
    import sys

    code = f"import {first}; from wirefix.rules.registry import builtin_rules; print(len(builtin_rules()))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) >= 2


def test_document_memo_builds_once():
    doc = Document("x")
    calls = []
    build = lambda d: calls.append(1) or len(d.text)  # noqa: E731
    assert doc.memo("k", build) == 1 and doc.memo("k", build) == 1
    assert calls == [1]


# -- findings and fingerprints -------------------------------------------------------------------
def test_fingerprint_is_stable_and_ignores_whitespace_layout():
    text = "The talks with the the minister went on."
    s = text.index("the the")
    fp = fingerprint("doubled-word", text, s, s + 7, "the")
    assert fp.startswith("doubled-word:") and len(fp.split(":")[1]) == 16
    assert fp == fingerprint("doubled-word", text, s, s + 7, "the")
    rewrapped = text.replace("talks with", "talks\n  with")
    s2 = rewrapped.index("the the")
    assert fingerprint("doubled-word", rewrapped, s2, s2 + 7, "the") == fp


def test_fingerprint_changes_with_the_words_rule_or_replacement():
    text = "The talks with the the minister went on."
    s = text.index("the the")
    fp = fingerprint("doubled-word", text, s, s + 7, "the")
    edited = text.replace("minister", "envoy")
    assert fingerprint("doubled-word", edited, s, s + 7, "the") != fp
    assert fingerprint("other-rule", text, s, s + 7, "the") != fp
    assert fingerprint("doubled-word", text, s, s + 7, "The") != fp


def test_lint_stamps_fingerprints_and_numbers_repeats():
    # a periodic text: the middle copies have the same 40 characters of context either side
    text = "Then the the end came. " * 8
    found = cleaner.lint(text, Config(select=("WF010",)))
    assert len(found) == 8
    fps = [f.fingerprint for f in found]
    assert all(fp.startswith("doubled-word:") for fp in fps)
    assert len(set(fps)) == 8
    # copies 3..6 sit at least 40 characters from both ends
    base = fps[2]
    assert fps[3:6] == [base + ".2", base + ".3", base + ".4"]


def test_finding_edits_and_applicability():
    from wirefix.cleaner.findings import Fix, span_fix
    best = span_fix(2, 4, "x", Applicability.UNSAFE, "Write x", extra=[Edit(0, 0, "<")])
    f = cleaner.Finding("WT1", "r", "whitespace", 2, 4, "m",
                        (best, span_fix(2, 4, "y", Applicability.SAFE)))
    assert [(e.start, e.end, e.replacement, e.code) for e in f.edits()] == [
        (0, 0, "<", "WT1"), (2, 4, "x", "WT1")]
    # safety belongs to each fix; the finding's is its best fix's
    assert f.applicability is Applicability.UNSAFE and f.fix_title == "Write x"
    assert f.fixable and not f.applies(False) and f.applies(True)
    assert f.replacement_texts("ab..cd") == ["x", "y"]
    display = cleaner.Finding("WT1", "r", "whitespace", 2, 4, "m",
                              (Fix((Edit(2, 4, "x"),), Applicability.DISPLAY),))
    assert not display.fixable and not display.applies(True)
    assert cleaner.Finding("WT1", "r", "whitespace", 2, 4, "m").applicability is \
        Applicability.DISPLAY


def test_a_long_edit_is_cut_to_the_words_it_changes():
    """A rule that rewrites a whole quotation gets two insertions: the same text, but the
    fix no longer clashes with a fix inside the quotation."""
    from wirefix.cleaner.findings import span_fix, tighten
    text = "He said I believe in US ties, he told them."
    s, e = 8, 29
    quoted = "“" + text[s:e] + "”"
    f = cleaner.Finding("WT2", "r", "quotation", s, e, "m",
                        (span_fix(s, e, quoted, Applicability.UNSAFE),))
    t = tighten(f, text)
    assert [(x.start, x.end, x.replacement) for x in t.fixes[0].edits] == [
        (8, 8, "“"), (29, 29, "”")]
    assert t.replacement_texts(text) == f.replacement_texts(text) == [quoted]
    # short edits stay whole
    g = cleaner.Finding("WT2", "r", "quotation", 0, 2, "m",
                        (span_fix(0, 2, "Him", Applicability.SAFE),))
    assert tighten(g, text) is g


# -- lint ----------------------------------------------------------------------------------------
def test_lint_findings_are_sorted_with_valid_offsets():
    text = "Talks  with the the minister.\n\nHe said said no. Then  left."
    found = cleaner.lint(text)
    assert found == sorted(found, key=lambda f: (f.start, f.end))
    assert {f.code for f in found} >= {"WF201", "WF010"}
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.family and f.rule and f.message and f.fingerprint


def test_a_broken_rule_is_reported_as_wf000_and_the_others_still_run():
    eng = Engine(Config(select=("WT904", "WF201")), extra_rules=[Broken])
    found = eng.lint("a  b")
    codes = [f.code for f in found]
    assert "WF201" in codes and "WF000" in codes
    err = next(f for f in found if f.code == "WF000")
    assert "WT904" in err.message and "boom" in err.message and err.severity is Severity.ERROR
    assert eng.fix("a  b").text == "a b"


def test_a_span_outside_the_text_is_an_internal_error_not_a_crash():
    found = only(OutOfRange).lint("abc")
    assert [f.code for f in found] == ["WF000"]
    assert "outside the text" in found[0].message


def test_overlapping_edits_of_one_fix_are_an_internal_error_not_a_crash():
    eng = only(SelfOverlap)
    assert [f.code for f in eng.lint("abcdefgh")] == ["WF000"]
    assert eng.fix("abcdefgh").text == "abcdefgh"


def test_prose_rules_see_raw_repairs_but_offsets_index_the_input():
    text = "Officials at na##sa said so."
    eng = only(RawJunk, ProseCaps)
    found = eng.lint(text)
    caps = next(f for f in found if f.code == "WT907")
    assert text[caps.start:caps.end] == "na##sa"
    junk = next(f for f in found if f.code == "WT906")
    assert text[junk.start:junk.end] == "##"
    assert eng.fix(text).text == "Officials at nasa said so."
    assert eng.fix(text, unsafe=True).text == "Officials at NASA said so."


def test_select_extend_select_and_ignore_in_the_engine():
    eng = Engine(Config(select=("whitespace",)))
    assert {r.family for r in eng.rules} == {"whitespace"}
    eng = Engine(Config(select=("WF201",), extend_select=("doubled-word",)))
    assert {r.code for r in eng.rules} == {"WF201", "WF010"}
    eng = Engine(Config(ignore=("WF2",)))
    assert "WF201" not in {r.code for r in eng.rules}
    # the most specific selector wins: ignore the family, select one rule of it
    eng = Engine(Config(select=("WF201",), ignore=("whitespace",)))
    assert {r.code for r in eng.rules} == {"WF201"}
    with pytest.raises(ValueError, match="unknown rule selector"):
        Engine(Config(select=("no-such-rule",)))


# -- fix: the fixed-point loop ---------------------------------------------------------------
def test_fix_repeats_until_nothing_changes():
    text = "a   the the  the b"
    res = cleaner.fix(text, Config(select=("WF201", "WF010")))
    assert res.text == "a the b"
    assert res.converged and res.passes >= 2
    assert apply_plan(text, res.plan) == res.text
    assert cleaner.fix(res.text, Config(select=("WF201", "WF010"))).applied == 0


def test_fix_of_clean_text_is_zero_passes():
    res = cleaner.fix("Nothing to do here.")
    assert res.text == "Nothing to do here." and res.passes == 0 and res.applied == 0
    assert res.converged and res.remaining == []


def test_fix_respects_applicability():
    text = "He said said no to the the plan."
    safe = cleaner.fix(text, Config(select=("WF010",)))
    assert safe.text == "He said said no to the plan."
    assert [f.rule for f in safe.remaining] == ["doubled-word"]
    assert cleaner.fix(text, Config(select=("WF010",)), unsafe=True).text == "He said no to the plan."


def test_rules_that_undo_each_other_are_reported_as_cycling():
    eng = only(AlphaToBeta, BetaToAlpha)
    res = eng.fix("The alpha test.")
    assert not res.converged
    assert res.cycling_rules == ["WT901 alpha-to-beta", "WT902 beta-to-alpha"]
    assert res.passes < MAX_PASSES
    assert apply_plan("The alpha test.", res.plan) == res.text


def test_a_rule_that_never_settles_hits_the_pass_cap():
    eng = only(Grow)
    res = eng.fix("Go")
    assert not res.converged
    assert res.passes == MAX_PASSES and res.text == "Go" + "!" * MAX_PASSES
    assert res.cycling_rules == ["WT903 grow"]
    assert eng.fix("Go", max_passes=3).text == "Go!!!"


def test_multi_edit_fix_applies_both_marks():
    eng = only(QuotePair)
    res = eng.fix("He said: we agree.")
    assert res.text == "He said: “we agree”."
    assert res.converged and len(res.plan) == 2


def test_overlapping_rules_priority_follows_the_catalogue_order():
    class LongSwap(_Swap):
        code, name, src, dst = "WT910", "long-swap", "alpha beta", "gamma"

    eng = only(AlphaToBeta, LongSwap)
    res = eng.fix("x alpha beta y")
    # WT901 comes first in the catalogue: its edit wins the first pass
    assert res.plan.passes[0][0].code == "WT901"
    assert res.text == "x beta beta y"


def test_stripped_quotes_are_restored_after_the_contractions_inside_them():
    """stripped-quotation-marks reads "That’s" as a mark of speech, "Thats" not: it waits
    for the pass after the apostrophe's repair, so the quote's rest runs to the sentence
    that has it (in the same pass it stopped before it)."""
    text = ("SINGAPORE (Reuters) - Rates rose.\n\nThere’s simply not enough capacity, Rajesh "
            "Menon said in an interview. Ships are now taking 13 weeks. Thats three weeks of "
            "capacity gone from every vessel.\n")
    res = engine_for(Config()).fix(text, unsafe=True)
    assert res.text.endswith("“There’s simply not enough capacity,” Rajesh Menon said in an "
                             "interview. “Ships are now taking 13 weeks. That’s three weeks of "
                             "capacity gone from every vessel.”\n")
    wf801 = [k for k, p in enumerate(res.plan.passes, 1) if any(e.code == "WF801" for e in p)]
    wf501 = [k for k, p in enumerate(res.plan.passes, 1) if any(e.code == "WF501" for e in p)]
    assert wf501 and wf801 and max(wf501) < min(wf801)


# -- ignore patterns, per-file ignores, decisions ----------------------------------------------
def test_ignore_patterns_protect_their_matches():
    text = "SLUG:  talks  here\n\nThe  talks went on.\n"
    cfg = Config(select=("WF201",), ignore_patterns=(r"^SLUG:.*$",))
    found = cleaner.lint(text, cfg)
    assert [text[f.start:f.end] for f in found] == ["  "]
    assert found[0].start > text.index("\n")
    fixed = cleaner.fix(text, cfg)
    assert fixed.text == "SLUG:  talks  here\n\nThe talks went on.\n"


def test_ignore_patterns_block_insertions_at_their_edges_and_multi_edit_parts():
    eng = Engine(Config(select=("WT908",), ignore_patterns=(r"agree",)), extra_rules=[QuotePair])
    # the closing mark would touch the protected word: the whole fix is dropped
    assert eng.lint("He said: we agree.") == []
    assert eng.fix("He said: we agree.").text == "He said: we agree."


def test_per_file_ignores_match_globs_relative_to_the_config_root(tmp_path):
    cfg = Config(per_file_ignores=(("briefs/*.txt", ("repetition",)),), root=str(tmp_path))
    text = "with the the minister"
    inside = str(tmp_path / "briefs" / "a.txt")
    outside = str(tmp_path / "news" / "a.txt")
    assert cleaner.lint(text, cfg, path=inside) == []
    assert [f.code for f in cleaner.lint(text, cfg, path=outside)] == ["WF010"]
    assert engine_for(cfg, inside) is engine_for(cfg, inside)
    assert engine_for(cfg, inside) is not engine_for(cfg, outside)
    by_name = Config(per_file_ignores=(("*.brief", ("WF010",)),), root=str(tmp_path))
    assert cleaner.lint(text, by_name, path="/elsewhere/x.brief") == []


class _Rejected:
    """A decisions filter (cleaner.engine.DecisionFilter): suppress these fingerprints."""

    def __init__(self, fingerprints):
        self.fingerprints = set(fingerprints)

    def suppresses(self, finding) -> bool:
        return finding.fingerprint in self.fingerprints


def test_decisions_filter_suppresses_settled_findings_in_lint_and_fix():
    text = "Talks with the the minister.\n\nA  gap."
    cfg = Config(select=("WF010", "WF201"))
    found = cleaner.lint(text, cfg)
    doubled = next(f for f in found if f.code == "WF010")
    settled = _Rejected([doubled.fingerprint])
    assert [f.code for f in cleaner.lint(text, cfg, decisions=settled)] == ["WF201"]
    res = cleaner.fix(text, cfg, decisions=settled)
    assert res.text == "Talks with the the minister.\n\nA gap."
    assert res.remaining == []


def test_a_decision_stops_matching_when_the_words_around_it_change():
    cfg = Config(select=("WF010",))
    text = "Talks with the the minister."
    settled = _Rejected([f.fingerprint for f in cleaner.lint(text, cfg)])
    assert cleaner.lint(text, cfg, decisions=settled) == []
    edited = "Talks with the the new minister."
    assert [f.code for f in cleaner.lint(edited, cfg, decisions=settled)] == ["WF010"]


# -- declarative TOML rules through the engine ---------------------------------------------------
HOUSE = '''
[[rule]]
type = "substitution"
code = "HT001"
name = "towards-spelling"
family = "house-style"
message = "Use “{replacement}”"
applicability = "safe"
ignore-case = true
swap = { towards = "toward" }
doc = """Towards.

## What it does
x
## Why it happens in wire copy
x
## Example
x
## Fix safety
x
## Known false positives
x
"""
[[rule]]
type = "substitution"
code = "HT002"
name = "toward-spelling"
family = "house-style"
message = "Use “{replacement}”"
applicability = "safe"
swap = { toward = "towards" }
doc = "The opposite house style, to make the two rules fight."
'''


def test_declarative_rules_that_fight_are_reported_as_cycling():
    rules = load_rules_text(HOUSE, "house.toml")
    eng = Engine(Config(select=("house-style",)), extra_rules=rules)
    res = eng.fix("They moved towards peace.")
    assert not res.converged
    assert res.cycling_rules == ["HT001 towards-spelling", "HT002 toward-spelling"]


def test_declarative_substitution_keeps_case():
    rules = load_rules_text(HOUSE, "house.toml")[:1]
    eng = Engine(Config(select=("HT001",)), extra_rules=rules)
    assert eng.fix("Towards peace, TOWARDS war.").text == "Toward peace, TOWARD war."


def test_example_records_what_a_rule_promises():
    bad = Example.bad("a  b", flagged=["  "], fixed="a b")
    assert bad.is_bad and not Example.good("a b").is_bad
    with pytest.raises(ValueError):
        Example.bad("a  b", flagged=[])


@pytest.mark.parametrize("config", [
    Config(),
    Config(select=("WF201",), extend_select=("repetition",)),
    Config(select=("whitespace",)).merged(ignore=("WF201",)),
    Config(ignore=("WF010",)).merged(select=("ALL",), extend_select=None, ignore=("grammar",)),
    Config(select=("WF010", "WF201"), per_file_ignores=(("*.brief", ("repetition",)),)),
])
def test_resolve_config_agrees_with_the_engine(config):
    from wirefix.cleaner.languagetool import implied_selectors
    from wirefix.cleaner.selection import resolve_config
    from wirefix.rules.registry import builtin_rules

    for path in (None, "x.brief", "x.txt"):
        eng = Engine(config, path)
        assert [type(r) for r in eng.rules] == resolve_config(
            builtin_rules(), config, path, implied_selectors(config))


# -- the fix loop's shortcuts ------------------------------------------------------------------
def _plain_fix(eng: Engine, text: str, unsafe: bool) -> tuple[str, int]:
    """The fix loop without its shortcut: lint, choose, apply, until nothing applies."""
    from wirefix.cleaner.plan import apply_edits, best_fixes, edits_of, select
    for n in range(MAX_PASSES):
        chosen = select(best_fixes(eng.lint(text, stamp=False), unsafe), eng.patient)
        if not chosen:
            return text, n
        text, _ = apply_edits(text, edits_of(chosen))
    return text, MAX_PASSES


def _feed_and_mt_stories() -> list[str]:
    from pathlib import Path
    data = Path(__file__).parent / "data"
    stories = [p.read_text(encoding="utf-8") for p in sorted(data.glob("*.txt"))]
    # every incorrect example of the catalogue, as a story of its own and all in one
    bad = [ex.text for cls in builtin_rules() for ex in cls.examples
           if ex.is_bad and not ex.options]
    return stories + bad + ["\n\n".join(bad)]


@pytest.mark.parametrize("unsafe", [False, True])
def test_the_fix_loop_reusing_the_lints_repaired_copy_ends_where_the_plain_loop_ends(unsafe):
    """Engine.fix takes the lint's own repaired copy when it would choose the same edits
    (cleaner/engine.py, _same_choice); the text and the number of passes must be those of the
    plain loop."""
    eng = engine_for(Config())
    for text in _feed_and_mt_stories():
        res = eng.fix(text, unsafe=unsafe)
        assert (res.text, res.passes) == _plain_fix(eng, text, unsafe), text[:80]


# -- the per-rule time budget ------------------------------------------------------------------
class Runaway(Rule):
    """Test rule that never finishes on text with "loop" in it (a rule bug)."""

    code, name, family = "WT910", "runaway", "whitespace"
    applicability = Applicability.SAFE
    message = "never"

    def check(self, doc, ctx):
        if "loop" in doc.text:
            yield self.finding(0, 1, ["x"])      # found before it ran away: not reported
            while True:
                pass


class Backtracking(Rule):
    """Test rule with a pattern that backtracks catastrophically in the stdlib engine."""

    code, name, family = "WT911", "backtracking", "whitespace"
    applicability = Applicability.SAFE
    message = "slow"

    def check(self, doc, ctx):
        import re
        if re.search(r"(a+)+$", doc.text):
            yield self.finding(0, 0, ["!"])


def test_a_rule_that_runs_away_becomes_a_wf000_finding_and_the_others_stand():
    eng = Engine(Config(select=("WT910", "WT911", "WF010"), rule_time_budget=0.3),
                 extra_rules=(Runaway, Backtracking))
    text = "They loop the the talks " + "a" * 40 + "b"
    found = eng.lint(text)
    internal = [f for f in found if f.code == "WF000"]
    assert len(internal) == 2, found
    assert all("over its time budget" in f.message for f in internal)
    assert {m for f in internal for m in ("WT910", "WT911") if m in f.message} == {"WT910",
                                                                                  "WT911"}
    assert [f.code for f in found if f.code != "WF000"] == ["WF010"]    # the doubled word
    # the engine stays usable, and the next text gets the whole budget again
    assert [f.code for f in eng.lint("the the end")] == ["WF010"]
    res = eng.fix(text)
    assert "the the" not in res.text and res.text.startswith("They loop the talks")


def test_the_time_budget_is_a_positive_number_of_seconds_in_the_config(tmp_path):
    from wirefix.cleaner.config import ConfigError, load_file
    cfg = tmp_path / "wirefix.toml"
    cfg.write_text("rule-time-budget = 2.5\n")
    assert load_file(str(cfg)).rule_time_budget == 2.5
    for bad in ("0", "-1", "true", '"fast"'):
        cfg.write_text(f"rule-time-budget = {bad}\n")
        with pytest.raises(ConfigError, match="rule-time-budget"):
            load_file(str(cfg))


def test_a_stretch_wrapped_in_marks_is_cut_to_two_insertions_as_the_diff_would():
    """The linear path for a repair that puts marks around a stretch gives the edits the
    word-level diff gives, and leaves every other case to the diff."""
    import random
    from difflib import SequenceMatcher

    from wirefix.cleaner.findings import _TOKENS, _minimal_edits

    def by_diff(old, new, at):
        a, b = _TOKENS.findall(old), _TOKENS.findall(new)
        pos = [0]
        for t in a:
            pos.append(pos[-1] + len(t))
        out = []
        for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            start, end, repl = at + pos[i1], at + pos[i2], "".join(b[j1:j2])
            if out and out[-1][1] == start:
                last = out.pop()
                out.append((last[0], end, last[2] + repl))
            else:
                out.append((start, end, repl))
        return out

    quote = "I believe the foundation lies with the people,"
    assert [tuple(e)[:3] for e in _minimal_edits(quote, f"“{quote}”", 10)] == \
        [(10, 10, "“"), (10 + len(quote), 10 + len(quote), "”")]
    rng = random.Random(7)
    parts = ["we", "I", "said", " ", ",", ".", "“", "”", "x", "xx", "'"]
    for _ in range(3000):
        old = "".join(rng.choice(parts) for _ in range(rng.randint(1, 10)))
        new = "".join(rng.choice(parts) for _ in range(rng.randint(0, 3))) + old + \
            "".join(rng.choice(parts) for _ in range(rng.randint(0, 3)))
        assert [tuple(e)[:3] for e in _minimal_edits(old, new, 3)] == by_diff(old, new, 3), (old, new)


def test_an_insertion_where_raw_repairs_deleted_text_goes_with_the_word_it_touches():
    # prose rules read the scratch copy; an insertion after a paragraph's last word, where
    # "\n Reuter\n&#3;" was deleted, belongs before the deleted text in the caller's text,
    # and one before a word after a deleted label belongs after it
    from wirefix.cleaner.engine import _span_to_old
    from wirefix.cleaner.plan import apply_edits
    text = "since the summe\n Reuter\n&#3;"
    scratch, omap = apply_edits(text, [Edit(15, 23, ""), Edit(23, 28, "")])
    assert scratch == "since the summe"
    assert _span_to_old(omap, scratch, 15, 15) == (15, 15)
    text = "date 2023-06-19 The talks"
    scratch, omap = apply_edits(text, [Edit(0, 16, "")])
    assert scratch == "The talks"
    assert _span_to_old(omap, scratch, 0, 0) == (16, 16)
    # spans that are not insertions map as before
    assert _span_to_old(omap, scratch, 0, 3) == (16, 19)
