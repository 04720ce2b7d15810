"""Layout analysis shared by the whitespace rules: column layouts and hard wraps.

Everything here is a pure function of the document, computed once per document through
``Document.memo``; the rules only turn the answers into findings.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from cleaner.document import Document

# A gap between two columns.
_COLUMN_GAP = regex.compile(r"\S[ \t]{2,}\S")
_WIDE_GAP = regex.compile(r"\S[ \t]{3,}\S")
_DOT_LEADER = regex.compile(r"\.{4,}|(?:\. ){3,}")
# A rule line: "___" (the AP separator), "---", "***", "===", "###".
_RULE_LINE = regex.compile(r"[ \t]*([_\-=*#~])\1{2,}[ \t]*")
# A list item: "- item", "* item", "• item", "1. item", "(a) item".
_LIST_ITEM = regex.compile(r"[ \t]*(?:[-*•·+–—][ \t]|\(?(?:\d{1,3}|[a-z])[.)][ \t])")
# A line of feed furniture: control-code references, or nothing but them.
_FURNITURE_LINE = regex.compile(r"[ \t]*(?:&#\d{1,3};)+[ \t]*")
_FIRST_WORD = regex.compile(r"\S+")

# Hard-wrapped copy is wrapped at a terminal or typewriter width; longer lines are
# paragraphs that were never wrapped.
MIN_RULER, MAX_RULER = 40, 100
# A line this close to the ruler counts as full (evidence that the text is hard-wrapped).
NEAR_RULER = 12


def _has_gap(doc: Document, i: int) -> bool:
    if i < 0 or i >= len(doc.lines):
        return False
    ln = doc.lines[i]
    return _COLUMN_GAP.search(doc.text, ln.start, ln.end) is not None


def is_tabular(doc: Document, i: int) -> bool:
    """Column layouts keep their spacing: dot leaders, or gaps on this line and on a
    neighbouring line (columns run down the page; a lone gap in prose is damage)."""
    ln = doc.lines[i]
    if _DOT_LEADER.search(doc.text, ln.start, ln.end):
        return True
    if not _has_gap(doc, i):
        return False
    return _has_gap(doc, i - 1) or _has_gap(doc, i + 1)


def content_end(doc: Document, i: int) -> int:
    """Offset after the last non-blank character of line ``i``."""
    ln = doc.lines[i]
    end = ln.end
    text = doc.text
    while end > ln.start and text[end - 1] in " \t\u00a0":
        end -= 1
    return end


@dataclass(frozen=True)
class Join:
    """A line break inside a paragraph that a hard wrap put there."""

    start: int          # end of the first line's content (trailing spaces included in the span)
    end: int            # first character of the next line
    replacement: str    # " ", or "" after a hyphen
    safe: bool
    reason: str


def _line_blocks_join(doc: Document, i: int) -> bool:
    """Lines that never join their neighbour: tables, rules, list items, furniture."""
    ln = doc.lines[i]
    text = doc.text
    if is_tabular(doc, i) or _WIDE_GAP.search(text, ln.start, ln.end):
        return True
    return bool(_RULE_LINE.fullmatch(text, ln.start, ln.end)
                or _FURNITURE_LINE.fullmatch(text, ln.start, ln.end))


def _ruler(doc: Document, inner: list[int]) -> int | None:
    """The width the text was wrapped at, or None when it does not look hard-wrapped."""
    lengths = [content_end(doc, i) - doc.lines[i].start for i in inner]
    lengths = [n for n in lengths if n <= MAX_RULER]
    if not lengths:
        return None
    width = max(lengths)
    if width < MIN_RULER:
        return None
    full = [i for i in inner if width - NEAR_RULER <= content_end(doc, i) - doc.lines[i].start <= width]
    if len(full) >= 2:
        return width
    # one full line is enough when the next line plainly carries on the sentence
    if len(full) == 1:
        nxt = doc.lines[full[0] + 1]
        if doc.text[nxt.start:nxt.start + 1].islower():
            return width
    return None


def _is_headline(doc: Document, i: int) -> bool:
    line = doc.line_text(i)
    return any(c.isalpha() for c in line) and line.upper() == line


def _wrap_joins(doc: Document) -> list[Join]:
    text = doc.text
    candidates: list[tuple[int, int, int]] = []   # (paragraph first line, i, last line)
    for p in doc.paragraphs:
        for i in range(p.first_line, p.last_line):
            candidates.append((p.first_line, i, p.last_line))
    if not candidates:
        return []
    blocked = {i for _, i, _ in candidates if _line_blocks_join(doc, i)}
    blocked |= {i + 1 for _, i, _ in candidates if _line_blocks_join(doc, i + 1)}
    inner = [i for _, i, _ in candidates if i not in blocked and i + 1 not in blocked]
    width = _ruler(doc, inner)
    joins: list[Join] = []
    for first, i, last in candidates:
        if i in blocked or i + 1 in blocked:
            continue
        nxt = doc.lines[i + 1]
        if _LIST_ITEM.match(text, nxt.start, nxt.end):
            continue
        end = content_end(doc, i)
        line = text[doc.lines[i].start:end]
        if not line.strip():
            continue
        word = _FIRST_WORD.match(text, nxt.start, nxt.end)
        if word is None:
            continue
        # "orga-\nnise" or "English-\nlanguage": the hyphen may be a soft one; the editor decides
        if regex.search(r"\p{L}-$", line) and text[nxt.start].isalpha():
            joins.append(Join(end, nxt.start, "", False, "a line that ends in a hyphen"))
            continue
        if width is None:
            continue
        if _fills_line(doc, i, end, word, width):
            joins.append(Join(end, nxt.start, " ", True, f"wrapped at {width} characters"))
        elif i == first and i + 1 < last and not line.rstrip().endswith(":") \
                and not (_is_headline(doc, i) and not _is_headline(doc, i + 1)):
            # The first line of a paragraph is short when a dateline stood before it
            # ("SALVADOR, Feb 26 - Showers continued ... in"): it joins when the next line
            # is itself a full, wrapped line.
            nend = content_end(doc, i + 1)
            nword = _FIRST_WORD.match(text, doc.lines[i + 2].start, doc.lines[i + 2].end)
            if nword is not None and _fills_line(doc, i + 1, nend, nword, width):
                joins.append(Join(end, nxt.start, " ", True,
                                  "the first line of a wrapped paragraph"))
    return joins


def _fills_line(doc: Document, i: int, end: int, next_word, width: int) -> bool:
    """The wrap test: the next line's first word would not have fitted on this line."""
    length = end - doc.lines[i].start
    return length + 1 + (next_word.end() - next_word.start()) > width


def wrap_joins(doc: Document) -> list[Join]:
    """The hard-wrap line breaks of ``doc``, each with the span that joins the two lines."""
    return doc.memo("whitespace.wrap-joins", _wrap_joins)


def joined_line_ends(doc: Document) -> frozenset[int]:
    """Offsets where a safe join starts: trailing-whitespace leaves those to hard-wrap."""
    return doc.memo("whitespace.joined-ends",
                    lambda d: frozenset(j.start for j in wrap_joins(d) if j.safe))
