"""The grammar family's own logic, without a server: UTF-16 offsets, chunk planning, the
merge of the two engines, LT:<RULE_ID> selectors and turning the family on.

Everything that talks to LanguageTool is in tests/test_languagetool.py (real server)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirefix import cleaner  # noqa: F401  (import order: the engine before the rule modules)
from wirefix.cleaner import Config, Document, Finding, lint
from wirefix.cleaner import languagetool as lt
from wirefix.cleaner.engine import Engine
from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.merge import merge_agreeing
from wirefix.rules.grammar import _curated as curated
from wirefix.rules.grammar.languagetool import LanguageToolGrammar, policy_for

# -- UTF-16 offsets -----------------------------------------------------------------------------


def _units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_utf16_offsets_of_astral_characters():
    text = "😀😀 He ate a apple. 𝒜 x"
    conv = lt.utf16_converter(text)
    assert conv is not None
    a = text.index(" a ") + 1
    unit = _units(text[:a])
    assert unit == a + 2  # two emoji before it, two units each
    assert conv.start(unit) == a and conv.end(unit + 1) == a + 1
    script_a = text.index("𝒜")
    u = _units(text[:script_a])
    assert conv.start(u) == script_a and conv.end(u + 2) == script_a + 1
    # an end that falls between the halves of a pair still covers the whole character
    assert conv.end(u + 1) == script_a + 1
    assert lt.utf16_converter("plain text, é and — but no astral") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60, alphabet=st.sampled_from(
    ["a", " ", "é", "\r", "\n", "😀", "𝒜", "中", "\u0301"])))
def test_utf16_offsets_round_trip(text):
    conv = lt.utf16_converter(text)
    for i in range(len(text) + 1):
        unit = _units(text[:i])
        got_start = conv.start(unit) if conv else unit
        got_end = conv.end(unit) if conv else unit
        assert got_start == i and got_end == i


# -- chunks ---------------------------------------------------------------------------------------

def _story(paragraphs: int, sentence: str = "The minister met the envoy in the capital on Monday. ",
           per_paragraph: int = 8, newline: str = "\n") -> str:
    return (newline * 2).join((sentence * per_paragraph).strip() for _ in range(paragraphs))


def test_short_story_is_one_chunk():
    doc = Document("One paragraph.\n\nTwo paragraphs.")
    assert lt.plan_chunks(doc) == [(0, len(doc.text))]
    assert lt.plan_chunks(Document("  \n\n ")) == []


def test_chunks_are_whole_paragraphs_in_order_and_within_the_limit():
    doc = Document(_story(60, newline="\r\n"))
    chunks = lt.plan_chunks(doc, limit=2000)
    assert len(chunks) > 5
    assert all(e - s <= 2000 for s, e in chunks)
    assert all(a[1] <= b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    starts = {p.start for p in doc.paragraphs}
    ends = {p.end for p in doc.paragraphs}
    assert all(s in starts and e in ends for s, e in chunks)
    covered = [p for p in doc.paragraphs if any(s <= p.start and p.end <= e for s, e in chunks)]
    assert covered == doc.paragraphs


def test_a_paragraph_longer_than_a_chunk_is_split_at_sentence_ends():
    text = _story(1, per_paragraph=120) + "\n\nA short last paragraph."
    doc = Document(text)
    chunks = lt.plan_chunks(doc, limit=1500)
    assert all(e - s <= 1500 for s, e in chunks)
    # every cut is after a full stop and its space, never inside a sentence
    for s, _ in chunks[1:]:
        assert text[s - 2:s] in (". ", "\n\n") or text[s - 1] == "\n"
    joined_words = " ".join(text[s:e] for s, e in chunks).split()
    assert joined_words == text.split()


def test_a_run_on_text_without_sentence_ends_is_cut_at_spaces():
    text = "word " * 3000
    doc = Document(text)
    chunks = lt.plan_chunks(doc, limit=1000)
    assert all(e - s <= 1000 for s, e in chunks)
    assert all(text[s - 1] == " " for s, _ in chunks[1:])


# -- the merge --------------------------------------------------------------------------------

def _f(code: str, start: int, end: int, note: str = "") -> Finding:
    family = "grammar" if code.startswith("LT:") else "whitespace"
    return Finding(code=code, rule="r", family=family, start=start, end=end, message="m", note=note)


def test_a_languagetool_match_on_the_same_span_is_merged_into_the_wirefix_finding():
    own = _f("WF601", 10, 19)            # "Blinkens’"
    lt_match = _f("LT:MORFOLOGIK_RULE_EN_US", 10, 18)   # "Blinkens"
    other = _f("LT:EN_A_VS_AN", 40, 41)
    out = merge_agreeing([own, lt_match, other])
    assert [f.code for f in out] == ["WF601", "LT:EN_A_VS_AN"]
    assert out[0].note == "LanguageTool agrees (LT:MORFOLOGIK_RULE_EN_US)"


def test_an_insertion_point_agrees_with_the_word_it_follows():
    own = _f("WF401", 20, 20, note="paragraph end")
    lt_match = _f("LT:PUNCTUATION_PARAGRAPH_END2", 6, 20)
    out = merge_agreeing([own, lt_match])
    assert len(out) == 1
    assert out[0].note == "paragraph end; LanguageTool agrees (LT:PUNCTUATION_PARAGRAPH_END2)"


def test_the_capital_after_a_stray_full_stop_is_the_same_damage():
    stop = _f("WF701", 30, 31)                       # "Austin. for"
    cap = _f("LT:UPPERCASE_SENTENCE_START", 32, 35)  # "for"
    assert [f.code for f in merge_agreeing([stop, cap])] == ["WF701"]
    far = _f("LT:UPPERCASE_SENTENCE_START", 40, 43)
    assert len(merge_agreeing([stop, far])) == 2


def test_a_small_overlap_is_not_agreement():
    sentence = _f("WF702", 0, 40)
    word = _f("LT:EN_A_VS_AN", 10, 11)
    assert len(merge_agreeing([sentence, word])) == 2
    internal = Finding(code="WF000", rule="internal-error", family="internal", start=0, end=0,
                       message="x")
    at_start = _f("LT:UPPERCASE_SENTENCE_START", 0, 4)
    assert len(merge_agreeing([internal, at_start])) == 2


def test_merge_keeps_findings_without_languagetool_untouched():
    findings = [_f("WF201", 1, 3), _f("WF401", 9, 9)]
    assert merge_agreeing(findings) is findings


# -- selection and turning it on --------------------------------------------------------------

def _codes(config: Config) -> set[str]:
    return {r.code for r in Engine(config).rules}


def test_grammar_is_off_by_default_and_on_when_selected_or_a_server_is_named(monkeypatch):
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    assert "LT" not in _codes(Config())
    assert "LT" in _codes(Config(select=("grammar",)))
    assert "LT" in _codes(Config(extend_select=("grammar",)))
    assert "LT" in _codes(Config(extend_select=("LT:EN_A_VS_AN",)))
    assert "LT" in _codes(Config(languagetool="http://127.0.0.1:9"))
    assert "LT" not in _codes(Config(languagetool="http://127.0.0.1:9", select=("WF2",)))
    assert "LT" not in _codes(Config(languagetool="http://127.0.0.1:9", ignore=("grammar",)))
    monkeypatch.setenv(lt.ENV_URL, "http://127.0.0.1:9")
    assert "LT" in _codes(Config())


def test_subcheck_selectors_shape_the_languagetool_request(monkeypatch):
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    only = policy_for(Config(select=("LT:EN_A_VS_AN",)), None, LanguageToolGrammar)
    assert only.enabled_only and only.enabled == ("EN_A_VS_AN",)
    whole = policy_for(Config(select=("grammar",), ignore=("LT:EN_A_VS_AN",)), None,
                       LanguageToolGrammar)
    assert not whole.enabled_only
    assert "EN_A_VS_AN" in whole.disabled and set(curated.ENABLE) <= set(whole.enabled)
    revived = policy_for(Config(select=("grammar", "LT:SERIAL_COMMA_ON")), None,
                         LanguageToolGrammar)
    assert "SERIAL_COMMA_ON" in revived.enabled and "SERIAL_COMMA_ON" not in revived.disabled


def test_no_server_configured_is_one_clear_message_not_an_internal_error(monkeypatch):
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    engine = Engine(Config(extend_select=("grammar",)))
    findings = engine.lint("He said said it\n")
    assert not [f for f in findings if f.family == "internal"]
    assert [f.code for f in findings if f.code.startswith("WF")]  # the other rules ran
    failed = engine.take_unavailable()
    assert [r.code for r in failed] == ["LT"]
    assert "needs a LanguageTool server" in failed[LanguageToolGrammar]
    assert engine.take_unavailable() == {}


def test_grammar_findings_are_never_safe():
    assert LanguageToolGrammar.applicability is Applicability.DISPLAY
    assert LanguageToolGrammar.default_enabled is False
    assert not set(curated.UNSAFE_RULES) & set(curated.DISABLE)


def test_lint_without_a_server_still_reports_other_families(monkeypatch):
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    found = lint("Talks  on Monday.", Config(extend_select=("grammar",)))
    assert [f.code for f in found] == ["WF201"]
