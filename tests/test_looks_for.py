"""What a rule declares it looks for (``Rule.looks_for``) never hides damage.

The engine runs a rule only on texts where one scan (``cleaner.scan``) finds the rule's
literals or patterns. Here every rule of the catalogue (default or not) is run on texts the
scan turned it away from, without the scan, and must find nothing there: over its own and
every other rule's examples (and their fixed texts), a sample of the corpora in ../shared,
and generated text. Both ways of scanning are checked (Hyperscan and the per-rule `regex`
way), since a story may meet either.

The corpora sample is every 40th text; ``WIREFIX_LOOKS_FOR_ALL=1`` runs the whole corpora
(Reuters-21578, AG News, WMT22: about 140,000 texts, some minutes).
"""
from __future__ import annotations

import gzip
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings

from wirefix.cleaner import Config, Document
from wirefix.cleaner.scan import Scanner
from wirefix.rules.base import RuleContext
from wirefix.rules.registry import builtin_rules

from test_properties import WIRE

WAYS = ("regex", "hyperscan")
EVERY = 1 if os.environ.get("WIREFIX_LOOKS_FOR_ALL") == "1" else 40
RULES = [cls() for cls in builtin_rules() if not cls.uses_service]
CONTEXT = RuleContext(style=Config().style_options, config=Config(),
                      enabled=frozenset(r.code for r in RULES))
SCANNERS = {way: Scanner(RULES, way=way) for way in WAYS}


def hidden(text: str, way: str) -> list[tuple[str, int, int]]:
    """Findings of rules that the scan turned away from ``text``: (code, start, end)."""
    hits = SCANNERS[way].hits(text)
    doc = Document(text)
    out = []
    for i, rule in enumerate(RULES):
        if i in hits:
            continue
        out.extend((f.code, f.start, f.end) for f in rule.check(doc, CONTEXT))
    return out


def _example_texts() -> list[str]:
    texts = []
    for cls in builtin_rules():
        for ex in cls.examples:
            texts.append(ex.text)
            if ex.fixed:
                texts.append(ex.fixed)
    return list(dict.fromkeys(texts))


@pytest.mark.parametrize("way", WAYS)
def test_examples_are_never_hidden(way):
    bad = {t[:60]: found for t in _example_texts() if (found := hidden(t, way))}
    assert not bad


@pytest.mark.parametrize("way", WAYS)
def test_every_rule_is_found_on_its_bad_examples(way):
    """The scan lets each rule see its own bad examples (the direct form of the property)."""
    for i, rule in enumerate(RULES):
        for ex in type(rule).examples:
            if ex.is_bad and not ex.options:
                assert i in SCANNERS[way].hits(ex.text), (rule.code, ex.text[:60])


def _corpus_texts(shared) -> list[str]:
    corpora = shared / "corpora"
    texts: list[str] = []
    with gzip.open(corpora / "reuters21578" / "reuters21578.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        texts.extend(body for line in fh if (body := json.loads(line).get("body")))
    with open(corpora / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
        for line in fh:
            texts.extend(v for v in json.loads(line).values() if isinstance(v, str))
    with gzip.open(corpora / "wmt22" / "wmt22-into-english.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        texts.extend(json.loads(line)["text"] for line in fh)
    return texts[::EVERY]


@pytest.mark.shared
@pytest.mark.parametrize("way", WAYS)
def test_corpora_are_never_hidden(shared, way):
    texts = _corpus_texts(shared)
    assert len(texts) > 800
    bad = {}
    for n, text in enumerate(texts):
        found = hidden(text, way)
        if found:
            bad[n] = (text[:80], found[:3])
    assert not bad, f"{len(bad)} of {len(texts)} texts: {list(bad.values())[:5]}"


@settings(max_examples=int(os.environ.get("WIREFIX_HYPOTHESIS_EXAMPLES", "300")),
          derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(WIRE)
def test_generated_text_is_never_hidden(text):
    for way in WAYS:
        assert not hidden(text, way), way


def test_both_ways_give_the_same_answers():
    """Hyperscan and the per-rule way agree on which rules a text gives work to: every
    pattern compiles exactly (no look-around left to Hyperscan's prefilter mode)."""
    assert not SCANNERS["hyperscan"].prefiltered()
    for text in _example_texts() + ["", "plain ASCII.", "lone \ud800 surrogate \\ its"]:
        assert SCANNERS["regex"].hits(text) == SCANNERS["hyperscan"].hits(text), text[:60]


def test_untranslated_text_looks_for_every_foreign_letter():
    """WF941 looks for a block range, its check for a script property: every code point the
    check can flag is in the range."""
    import sys

    import regex

    from wirefix.rules.translation._text import FOREIGN_LETTER, OUTSIDE_LATIN_BLOCKS

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    foreign = "".join(FOREIGN_LETTER.findall(every))
    assert len(foreign) > 100_000
    assert regex.sub(OUTSIDE_LATIN_BLOCKS, "", foreign) == ""


def test_a_cached_hyperscan_database_answers_as_a_compiled_one(tmp_path, monkeypatch):
    """The compiled database is kept in the user's cache (cleaner.cache): the next scanner
    loads it instead of compiling, and answers alike; a damaged file is compiled again."""
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path))
    texts = _example_texts() + ["", "plain ASCII.", "lone \ud800 surrogate \\ its"]
    built = Scanner(RULES, way="hyperscan")
    built.prepare()
    assert not built._hs.from_cache
    (db_file,) = tmp_path.glob("scan-*.hsdb")
    loaded = Scanner(RULES, way="hyperscan")
    loaded.prepare()
    assert loaded._hs.from_cache
    for text in texts:
        assert loaded.hits(text) == built.hits(text) == SCANNERS["regex"].hits(text), text[:60]
    # with the database in the cache, the default way loads it for the very first text
    first = Scanner(RULES)
    assert first.hits(texts[0]) == built.hits(texts[0]) and first.way == "hyperscan"
    db_file.write_bytes(db_file.read_bytes()[:5000])      # cut short: not believed
    again = Scanner(RULES, way="hyperscan")
    again.prepare()
    assert not again._hs.from_cache
    assert [again.hits(t) for t in texts] == [built.hits(t) for t in texts]
    # a different rule set is a different file
    fewer = Scanner(RULES[:10], way="hyperscan")
    fewer.prepare()
    assert not fewer._hs.from_cache and len(list(tmp_path.glob("scan-*.hsdb"))) == 2
