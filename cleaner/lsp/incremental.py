"""Re-checking a long document as it is typed: changed blocks now, the whole story later.

A keystroke changes one block of a document (the text between two empty lines). Most rules
judge a piece of damage by the words around it ("&amp;#39;", "the the", "--"), and for them
linting the changed block alone gives exactly the findings a lint of the whole story gives
there. Many do not: they read the story as a whole. The possessive rule looks for the name
elsewhere in the story ("Blinkens’" is damage because "Blinken" occurs); the consistency
rules compare spellings across it ("Antony"/"Anthony", "U.S."/"US"); the dateline and scraper
rules read its first paragraph and the sign-off rule its last; hard-wrap and stray-indent
measure every line; several rules follow the story's own apostrophe, quote and spacing
habits. Linted one block at a time those would miss damage or invent it.

So a document is checked in two layers:

- **Blocks** (on the typing path): the rules in ``LOCAL_CODES`` run on each block that
  changed, by itself; the findings of unchanged blocks come from a cache keyed by the
  block's text. tests/test_lsp_locality.py checks, on every rule's examples and on corpus
  stories, that these rules find in a block alone exactly what they find in the story.
- **The story** (off the typing path, in a worker thread): every rule on the whole text,
  the same lint as ``wirefix check``. Until it comes back, the story-level findings of the
  previous one are carried over, moved past the edit (a finding the edit touched is
  dropped until the new result says whether it still stands). When it comes back for the
  text the editor still has, it is published as it is: at rest the editor shows exactly
  what ``wirefix check`` reports.

A rule missing from ``LOCAL_CODES`` is treated as story-level: a new rule is correct by
default, and only slower to update.
"""
from __future__ import annotations

import bisect
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING, Iterable

from ..findings import CONTEXT_CHARS, Edit, Finding, Fix, fingerprint
from .text import Region, units

if TYPE_CHECKING:
    from ..engine import Engine

# Rules whose findings in a block do not depend on the rest of the story (see above).
# Character- and entity-level damage, a word typed twice, escapes and "--": each is judged
# by the words beside it. Left out on purpose: rules that follow a story-wide habit (the
# story's apostrophe, quote or ellipsis style, spacing or tokenisation: WF112, WF201, WF205,
# WF206, WF207, WF402, WF404, WF450, WF501, WF961, whose fixes write the story's own marks),
# that read the story's edges (WF3xx, WF401) or its lines (WF202, WF203, WF204), and the MT
# rules that look for a name or a speaker elsewhere in the story or split it into sentences
# across blocks (WF7xx, WF801, WF9xx). WF112, WF402 and WF961 were local until their fixes
# began to follow the story's style; tests/test_lsp_locality.py noticed.
LOCAL_CODES = frozenset({
    "WF010",                                            # doubled-word
    "WF101", "WF102", "WF103", "WF104", "WF105", "WF106", "WF107", "WF108", "WF109",
    "WF110", "WF111", "WF120",                          # the encoding family, less WF112
    "WF208",                                            # backslash-escape
    "WF460",                                            # double-hyphen-dash
})


def is_local(code: str) -> bool:
    return code in LOCAL_CODES


def shifted(f: Finding, delta: int) -> Finding:
    """The finding moved ``delta`` code points, with every edit of every fix. (Built field by
    field: ``dataclasses.replace`` costs three times as much, over thousands of findings.)"""
    if not delta:
        return f
    fixes = tuple(Fix(tuple(Edit(e.start + delta, e.end + delta, e.replacement, e.rule, e.code)
                            for e in fx.edits), fx.applicability, fx.title) for fx in f.fixes)
    return _moved(f, f.start + delta, f.end + delta, fixes)


def _moved(f: Finding, start: int, end: int, fixes: tuple[Fix, ...]) -> Finding:
    return Finding(f.code, f.rule, f.family, start, end, f.message, fixes, f.severity,
                   f.fingerprint, f.note, f.priority)


def carried(findings: Iterable[Finding], region: Region) -> list[Finding]:
    """Findings of the old text that still stand in the new one, moved past the change;
    a finding is dropped when the change touches its span or any edit of its fixes."""
    out = []
    lo, hi, delta = region.start, region.old_end, region.delta
    for f in findings:
        first, last = f.start, f.end
        for fx in f.fixes:
            for e in fx.edits:
                if e.start < first:
                    first = e.start
                if e.end > last:
                    last = e.end
        if last < lo or (last == lo and first < last):     # wholly before the change
            out.append(f)
        elif first > hi or (first == hi and first < last):   # wholly after it: moved
            out.append(shifted(f, delta))
        # else: the change touches it (or an insertion point sits at it): dropped
    return out


class BlockCache:
    """The local rules' findings of each block, by the block's text (offsets into it)."""

    def __init__(self, engine: "Engine", size: int = 8192):
        self.engine = engine
        self.size = size
        self._cache: OrderedDict[str, list[Finding]] = OrderedDict()
        self._placed: dict[tuple[str, int], list[Finding]] = {}
        self.linted = 0   # blocks linted (not found in the cache), for tests and benchmarks

    def findings(self, block: str) -> list[Finding]:
        hit = self._cache.get(block)
        if hit is not None:
            self._cache.move_to_end(block)
            return hit
        self.linted += 1
        found = [f for f in self.engine.lint_layers(block).findings if f.code in LOCAL_CODES]
        self._cache[block] = found
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return found


    def placed(self, block: str, start: int) -> list[Finding]:
        """The block's findings moved to ``start``; the same objects while the block stays
        where it is (the blocks before an edit), so that later steps can tell them unchanged."""
        key = (block, start)
        hit = self._placed.get(key)
        if hit is None:
            found = self.findings(block)
            hit = self._placed[key] = [shifted(f, start) for f in found] if start else found
            if len(self._placed) > self.size:
                self._placed.clear()
        return hit

    def seed(self, text: str, findings: Iterable[Finding]) -> None:
        """Fill the cache from a whole-story lint of ``text``: its local findings inside a
        block are that block's (the property tests/test_lsp_locality.py checks), so the
        first keystroke after opening a long document lints one block, not all of them."""
        blocks = units(text)
        if not blocks:
            return
        starts = [a for a, _ in blocks]
        per: list[list[Finding]] = [[] for _ in blocks]
        for f in findings:
            if f.code not in LOCAL_CODES:
                continue
            i = bisect.bisect_right(starts, f.start) - 1
            if i < 0 or f.end > blocks[i][1]:
                return          # a local finding across blocks: leave the cache alone
            per[i].append(shifted(f, -blocks[i][0]))
        for (a, b), found in zip(blocks, per, strict=True):
            block = text[a:b]
            if block not in self._cache:
                self._cache[block] = found
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)


def local_findings(cache: BlockCache, text: str) -> list[Finding]:
    """The local rules' findings in ``text``, block by block (offsets into ``text``)."""
    out: list[Finding] = []
    for start, end in units(text):
        out.extend(cache.placed(text[start:end], start))
    return out


def provisional(cache: BlockCache, text: str, base_text: str,
                base_findings: list[Finding]) -> list[Finding]:
    """The findings to show for ``text`` before the whole-story lint comes back: the local
    rules' from the blocks, the others from the last whole-story lint (of ``base_text``),
    carried over the change. Unsorted and unfinished (``Engine.finish`` does the rest)."""
    story = [f for f in base_findings if f.code not in LOCAL_CODES]
    if base_text != text:
        from .text import changed_region
        story = carried(story, changed_region(base_text, text))
    return local_findings(cache, text) + story


class Stamper:
    """Fingerprints, as ``Engine.finish`` stamps them (``cleaner.findings.stamp_fingerprints``),
    each remembered by what it hashes: the rule, the words around the span and the best
    fix's text. A keystroke changes the words around a few findings; the other thousands of
    a long document keep their fingerprints without hashing again, and a finding that is the
    same object as last time, wholly before the first changed character (``stable``), keeps
    its stamped copy. tests/test_lsp_locality.py checks the result equals ``Engine.finish``'s."""

    def __init__(self, size: int = 65536):
        self.size = size
        self._cache: dict[tuple, str] = {}
        self._last: dict[int, tuple[Finding, Finding, str]] = {}
        self._text = ""

    def stamp(self, text: str, findings: list[Finding]) -> list[Finding]:
        from .text import changed_region

        stable = changed_region(self._text, text).start if self._last else 0
        self._text = text
        cache, last = self._cache, self._last
        now: dict[int, tuple[Finding, Finding, str]] = {}
        seen: Counter[str] = Counter()
        out = []
        for f in findings:
            hit = last.get(id(f)) if f.end + CONTEXT_CHARS < stable else None
            if hit is not None and hit[0] is f:
                base = hit[2]
            else:
                hit = None
                best = f.fixes[0].replacement_of(f.start, f.end, text) if f.fixes else ""
                lo = max(0, f.start - CONTEXT_CHARS)
                key = (f.rule, text[lo:f.end + CONTEXT_CHARS], f.start - lo, f.end - f.start,
                       best)
                known = cache.get(key)
                if known is None:
                    known = cache[key] = fingerprint(f.rule, text, f.start, f.end, best)
                base = known
            seen[base] += 1
            # the same damage in the same words: numbered as the engine numbers them
            fp = base if seen[base] == 1 else f"{base}.{seen[base]}"
            if hit is not None and hit[1].fingerprint == fp:
                g = hit[1]
            elif f.fingerprint == fp:
                g = f
            else:
                g = Finding(f.code, f.rule, f.family, f.start, f.end, f.message, f.fixes,
                            f.severity, fp, f.note, f.priority)
            now[id(f)] = (f, g, base)
            out.append(g)
        self._last = now
        if len(cache) > self.size:
            cache.clear()
        return out


def finish(engine: "Engine", stamper: Stamper, text: str, findings: list[Finding],
           decisions) -> list[Finding]:
    """``engine.finish(text, findings, decisions)``, with the fingerprints from ``stamper``."""
    done = stamper.stamp(text, engine.finish(text, findings, None, stamp=False))
    if decisions is not None:
        done = [f for f in done if not decisions.suppresses(f)]
    return done
