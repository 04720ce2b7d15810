"""The language server re-checks only the blocks a keystroke changed, with the rules in
``cleaner.lsp.incremental.LOCAL_CODES``. That is right only if those rules find in a block
alone exactly what they find in the whole story: checked here on every rule's examples
(joined into stories of many blocks) and on corpus stories nobody here wrote."""
from __future__ import annotations

import gzip
import json
import random
from collections import Counter

import pytest

from wirefix.cleaner.engine import Engine
from wirefix.cleaner.lsp.incremental import (LOCAL_CODES, BlockCache, carried, local_findings,
                                             provisional)
from wirefix.cleaner.lsp.text import changed_region, units
from wirefix.rules.registry import builtin_rules


def _key(f):
    return (f.code, f.start, f.end, f.message,
            tuple((fx.applicability, fx.title, tuple(fx.edits)) for fx in f.fixes))


def _mismatches(engine: Engine, docs: list[str]) -> tuple[Counter, Counter, int]:
    """Per local rule: findings only the whole-story lint has, only the block lint has,
    and how many local findings there were."""
    cache = BlockCache(engine)
    missed, invented, total = Counter(), Counter(), 0
    for doc in docs:
        whole = Counter(_key(f) for f in engine.lint_layers(doc).findings
                        if f.code in LOCAL_CODES)
        parts = Counter(_key(f) for f in local_findings(cache, doc))
        total += sum(whole.values())
        for k, n in (whole - parts).items():
            missed[k[0]] += n
        for k, n in (parts - whole).items():
            invented[k[0]] += n
    return missed, invented, total


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _example_stories(seed: int) -> list[str]:
    texts = [ex.text for cls in builtin_rules() for ex in getattr(cls, "examples", ())
             if not ex.options]
    rng = random.Random(seed)
    rng.shuffle(texts)
    return ["\n\n".join(t.strip("\n") for t in texts[i:i + 6]) for i in range(0, len(texts), 6)]


def test_local_rules_find_the_same_in_a_block_as_in_the_story_examples(engine):
    docs = _example_stories(1) + _example_stories(2)
    missed, invented, total = _mismatches(engine, docs)
    assert total > 50, total          # the examples do hold local damage
    assert not missed and not invented, (missed, invented)


@pytest.mark.shared
def test_local_rules_find_the_same_in_a_block_as_in_the_story_corpora(engine, shared):
    rng = random.Random(17)
    with gzip.open(shared / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        wmt = [json.loads(line)["text"] for line in fh]
    with gzip.open(shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        reuters = [b for b in (json.loads(line).get("body") for line in fh) if b]
    with open(shared / "corpora" / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
        ag = [json.loads(line)["description"] for line in fh]
    docs = rng.sample(wmt, 600)
    stories = rng.sample(reuters, 800)
    docs += ["\n\n".join(b.strip() for b in stories[i:i + 4]) for i in range(0, 800, 4)]
    items = rng.sample(ag, 800)
    docs += ["\n\n".join(items[i:i + 8]) for i in range(0, 800, 8)]
    missed, invented, total = _mismatches(engine, docs)
    assert total > 300, total
    assert not missed and not invented, (missed, invented)


def test_blocks_are_the_stretches_between_empty_lines():
    text = "one\ntwo\n\n\nthree  \n  \nfour\r\n\r\nfive"
    assert [text[a:b] for a, b in units(text)] == ["one\ntwo", "three  \n  \nfour", "five"]
    assert units("\n\n") == []


def test_changed_region_and_carrying_findings_past_it(engine):
    old = "The the cat sat.\n\nU.S. and US officials met."
    new = "A dog, the the cat sat.\n\nU.S. and US officials met."
    r = changed_region(old, new)
    assert (r.start, r.old_end, r.new_end) == (0, 1, 8)   # "T" became "A dog, t"
    found = engine.lint_layers(old).findings
    moved = carried(found, r)
    # the doubled word at the very start was touched by the insertion; the rest moved
    us = [f for f in moved if f.code == "WF931"]
    assert us and all(new[f.start:f.end] in ("US", "U.S.") for f in us)
    for f in us:
        for fx in f.fixes:
            for e in fx.edits:
                assert new[e.start:e.end] == old[e.start - 7:e.end - 7]


def test_provisional_findings_equal_a_full_lint_when_the_edit_is_local(engine):
    """An edit that changes no story-level finding: the provisional set (blocks + carried)
    is the full lint's set."""
    old = ("WASHINGTON (AP) — Officials said the the talks went well.\n\n"
           "The U.S. team and the US team met on Monday.\n\n"
           "Prices rose 5&amp;#37; in March -- the most in a year.\n")
    new = old.replace("went well", "went very well")
    cache = BlockCache(engine)
    base = engine.lint_layers(old).findings
    prov = engine.finish(new, provisional(cache, new, old, base), None)
    full = engine.lint(new)
    assert [_key(f) + (f.fingerprint,) for f in prov] == \
        [_key(f) + (f.fingerprint,) for f in full]
    lint_before = cache.linted
    provisional(cache, new.replace("March", "April"), old, base)
    assert cache.linted == lint_before + 1      # one block changed: one block linted


def test_the_stampers_fingerprints_are_the_engines(engine):
    """The server stamps fingerprints with a cache (cleaner.lsp.incremental.Stamper); they
    must be exactly Engine.finish's, repeats numbered alike, through a series of edits."""
    from wirefix.cleaner.lsp.incremental import Stamper, finish

    stamper = Stamper()
    text = "\n\n".join(_example_stories(3)[:12])
    # the same damage in the same words (40 characters either side): numbered fingerprints
    text += "\n\n" + "Tick tock, tick tock, tick tock, tick. The the end is near, so near.\n\n" * 4
    for i in range(6):
        want = engine.finish(text, engine.lint_layers(text).findings, None)
        got = finish(engine, stamper, text, engine.lint_layers(text).findings, None)
        assert [(f.code, f.start, f.fingerprint) for f in got] == \
            [(f.code, f.start, f.fingerprint) for f in want]
        assert any("." in f.fingerprint.split(":")[1] for f in got)
        at = len(text) * (i + 1) // 7
        text = text[:at] + " the the " + text[at:]
