"""The document text as the Language Server Protocol sees it: lines, positions, changes.

LSP positions are (line, character) pairs. Lines end at "\\n", "\\r\\n" or "\\r" and at
nothing else (not at U+2028, U+0085 or a form feed, which Python's ``str.splitlines`` also
breaks at: an editor's line 7 would be Python's line 9). Characters are counted in the
encoding the client and server agreed on at initialisation: UTF-16 code units unless the
client offers another, so an emoji or any character beyond U+FFFF counts two. wirefix's
findings count code points; this module converts between the two.

A document is kept here rather than in pygls's workspace, which splits lines with
``str.splitlines`` and so misplaces every incremental change after one of those characters.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LF = re.compile(r"\n")
_WIDE = re.compile(r"[\U00010000-\U0010FFFF]")   # two UTF-16 code units each

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


class LineIndex:
    """Offsets of line starts in one text, for converting offsets to positions and back."""

    __slots__ = ("text", "starts", "encoding")

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        # a literal pattern is searched at C speed; the alternation only where "\r" occurs
        self.starts.extend(m.end() for m in (_LINE_BREAK if "\r" in text else _LF).finditer(text))

    def _line_end(self, line: int) -> int:
        """The offset where ``line``'s content ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            if end > self.starts[line] and self.text[end - 1:end + 1] == "\r\n":
                end -= 1
            return end
        return len(self.text)

    def _units(self, s: str) -> int:
        if self.encoding == UTF32 or s.isascii():
            return len(s)
        if self.encoding == UTF8:
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s) + len(_WIDE.findall(s))

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        # an offset between "\r" and "\n" belongs to the line the pair ends
        start = self.starts[line]
        return line, self._units(self.text[start:offset])

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a position; a position past a line's end is its end, a
        line past the last is the end of the text (as the protocol asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self._line_end(line)
        content = self.text[start:end]
        if self.encoding == UTF32 or content.isascii():
            return start + max(0, min(character, len(content)))
        units = 0
        for i, ch in enumerate(content):
            if units >= character:
                return start + i
            units += (len(ch.encode("utf-8", "surrogatepass")) if self.encoding == UTF8
                      else 2 if ord(ch) > 0xFFFF else 1)
        return end


def apply_change(text: str, index: LineIndex | None, start: tuple[int, int] | None,
                 end: tuple[int, int] | None, new: str) -> str:
    """``text`` with one content change applied (no range: the whole text is replaced)."""
    if start is None or end is None:
        return new
    index = index or LineIndex(text)
    a = index.offset(*start)
    b = index.offset(*end)
    if b < a:
        a, b = b, a
    return text[:a] + new + text[b:]


@dataclass(frozen=True)
class Region:
    """Where two texts differ: ``old[start:old_end]`` became ``new[start:new_end]``."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        return self.new_end - self.old_end

    def maps(self, a: int, b: int) -> tuple[int, int] | None:
        """Span ``[a, b)`` of the old text in the new text, or None when the change touches
        it. A span that ends where the change starts, or starts where it ends, is kept; an
        empty span (an insertion point) at the change is not."""
        if b <= self.start and not a == b == self.start:
            return a, b
        if a >= self.old_end and not a == b == self.old_end:
            return a + self.delta, b + self.delta
        return None


def changed_region(old: str, new: str) -> Region:
    """The one region in which ``old`` and ``new`` differ (a common prefix and suffix
    around it), found by halving: slices compare at C speed, so a 300 KB story costs a few
    dozen comparisons, not a Python loop over every character."""
    n = min(len(old), len(new))
    lo, hi = 0, n                      # the common prefix is at least lo, less than hi + 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, n - prefix             # the common suffix, not overlapping the prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    suffix = lo
    return Region(prefix, len(old) - suffix, len(new) - suffix)


_UNIT_BREAK = re.compile(r"(?:\r\n|\r|\n){2,}")
_UNIT_BREAK_LF = re.compile(r"\n\n+")


def units(text: str) -> list[tuple[int, int]]:
    """The text's blocks: stretches between runs of empty lines (a line holding spaces is
    not empty and stays inside its block), as (start, end) offsets, none empty."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in (_UNIT_BREAK if "\r" in text else _UNIT_BREAK_LF).finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out
