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

from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from ..findings import Finding
from .text import Region, units

if TYPE_CHECKING:
    from ..engine import Engine

# Rules whose findings in a block do not depend on the rest of the story (see above).
# Character- and entity-level damage, a word typed twice, runs of spaces, escapes, doubled
# punctuation, "--" and the "of" genitive calque: each is judged by the words beside it. Left out on purpose: rules that follow a story-wide habit
# (the story's apostrophe, quote style, spacing or tokenisation: WF201, WF205, WF206, WF207,
# WF404, WF450, WF501), that read the story's edges (WF3xx, WF401, WF303) or its lines (WF202, WF203,
# WF204), and the MT rules that look for a name or a speaker elsewhere in the story or
# split it into sentences across blocks (WF7xx, WF801, WF9xx).
LOCAL_CODES = frozenset({
    "WF010",                                            # doubled-word
    "WF101", "WF102", "WF103", "WF104", "WF105", "WF106", "WF107", "WF108", "WF109",
    "WF110", "WF111", "WF112", "WF120",                 # the encoding family
    "WF208",                                            # backslash-escape
    "WF402",                                            # doubled-punctuation
    "WF460",                                            # double-hyphen-dash
    "WF961",                                            # of-genitive-calque
})


def is_local(code: str) -> bool:
    return code in LOCAL_CODES


def shifted(f: Finding, delta: int) -> Finding:
    """The finding moved ``delta`` code points, with every edit of every fix."""
    if not delta:
        return f
    fixes = tuple(fx.moved([e._replace(start=e.start + delta, end=e.end + delta)
                            for e in fx.edits]) for fx in f.fixes)
    return replace(f, start=f.start + delta, end=f.end + delta, fixes=fixes)


def carried(findings: Iterable[Finding], region: Region) -> list[Finding]:
    """Findings of the old text that still stand in the new one, moved past the change;
    a finding is dropped when the change touches its span or any edit of its fixes."""
    out = []
    for f in findings:
        span = region.maps(f.start, f.end)
        if span is None:
            continue
        if span[0] == f.start:
            touched = any(region.maps(e.start, e.end) != (e.start, e.end)
                          for fx in f.fixes for e in fx.edits)
            if not touched:
                out.append(f)
            continue
        fixes = []
        for fx in f.fixes:
            edits = [region.maps(e.start, e.end) for e in fx.edits]
            if any(e is None for e in edits):
                break
            fixes.append(fx.moved([e._replace(start=s, end=t)
                                   for e, (s, t) in zip(fx.edits, edits, strict=True)]))
        else:
            out.append(replace(f, start=span[0], end=span[1], fixes=tuple(fixes)))
    return out


class BlockCache:
    """The local rules' findings of each block, by the block's text (offsets into it)."""

    def __init__(self, engine: "Engine", size: int = 8192):
        self.engine = engine
        self.size = size
        self._cache: OrderedDict[str, list[Finding]] = OrderedDict()
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


def local_findings(cache: BlockCache, text: str) -> list[Finding]:
    """The local rules' findings in ``text``, block by block (offsets into ``text``)."""
    out: list[Finding] = []
    for start, end in units(text):
        found = cache.findings(text[start:end])
        out.extend(shifted(f, start) for f in found) if start else out.extend(found)
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
