"""Span arithmetic, in one place: when two edits clash or compete, and where an offset goes
when a text is edited.

A span is ``(start, end)`` in code points, end exclusive; ``start == end`` is an insertion
point. Three questions are asked of spans, and each has one answer here:

``touching``     May two edits be applied in the same pass? Not if they overlap or touch:
                 the fix loop keeps at least one untouched character between two edits, so
                 that no rule's repair is made against text another rule just changed. (The
                 loser is not lost: the next pass proposes it again if it still applies.)
                 One exception (``SpanSet``): two deletions that only touch ("\n Reuter"
                 and the "\n&#3;" after it) delete the same text in either order, so
                 they go in one pass, and a feed story needs one lint less.
``competing``    Are two edits alternatives for the same text? They are when they share a
                 character, when both insert at one point, or when one inserts strictly
                 inside the other's span. Edits that merely touch can both be accepted.
``reaches``      Does an edit reach a protected span (an ignore pattern's match)? A span
                 reaches it by sharing a character; an insertion by falling inside it or on
                 its edge.

``OffsetMap`` maps offsets through one sweep of edits, both ways: ``to_old`` (findings of the
edited text reported in the caller's coordinates) and ``to_new`` (a span of the old text
followed into the edited one).
"""
from __future__ import annotations

import bisect
from typing import Iterable, Sequence

Span = tuple[int, int]


def touching(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Closed-interval test: overlapping or touching spans clash within one pass."""
    return a_start <= b_end and b_start <= a_end


def competing(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Do two edits want the same text (so that at most one of them can be chosen)?"""
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def reaches(start: int, end: int, protected: Iterable[Span]) -> bool:
    """Does the edit ``[start, end)`` reach any protected span?"""
    for s, e in protected:
        if start == end and s <= start <= e:
            return True
        if start < e and s < end:
            return True
    return False


def merged(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with touching ones joined."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def self_overlapping(spans: Iterable[Span]) -> bool:
    """Do edits of one fix overlap each other (so that they cannot be applied together)?"""
    ordered = sorted(spans)
    return any(b[0] < a[1] for a, b in zip(ordered, ordered[1:], strict=False))


class SpanSet:
    """Spans accepted for one pass, kept sorted and apart, with a quick clash test. A span
    marked as a deletion may touch another deletion: deleting ``[a, b)`` and ``[b, c)``
    is deleting ``[a, c)`` whichever goes first, and no text is written between them that
    either rule did not see."""

    __slots__ = ("_starts", "_spans")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, bool]] = []

    def clashes(self, start: int, end: int, deletion: bool = False) -> bool:
        i = bisect.bisect_left(self._starts, start)
        for j in (i - 1, i):
            if 0 <= j < len(self._spans):
                s, e, other_deletes = self._spans[j]
                if touching(start, end, s, e) and not (
                        deletion and other_deletes and (start == e or end == s)):
                    return True
        return False

    def add(self, start: int, end: int, deletion: bool = False) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end, deletion and start < end))


class OffsetMap:
    """The offsets of one sweep of edits, as (old_start, old_end, new_start, new_end)
    segments, sorted and separated by at least one unchanged character."""

    __slots__ = ("segments", "_new_starts", "_old_starts")

    def __init__(self, segments: Sequence[tuple[int, int, int, int]]):
        self.segments = tuple(segments)
        self._new_starts = [s[2] for s in self.segments]
        self._old_starts: list[int] | None = None

    def to_old(self, new_offset: int, *, side: str = "start") -> int:
        """The old offset of ``new_offset``. Strictly inside a replaced region, ``side``
        chooses the region's old start or its old end. Where text was deleted, a span that
        starts there starts after the deleted text, and one that ends there ends before it,
        so a finding next to a removed scraper label does not swallow the label."""
        i = bisect.bisect_right(self._new_starts, new_offset) - 1
        if i < 0:
            return new_offset
        os_, oe, ns, ne = self.segments[i]
        if new_offset == ns:
            if ns == ne and side == "start":
                return oe
            return os_
        if new_offset >= ne:
            return oe + (new_offset - ne)
        return os_ if side == "start" else oe

    def span_to_old(self, start: int, end: int) -> Span:
        s = self.to_old(start, side="start")
        e = self.to_old(end, side="end") if end > start else s
        return s, max(s, e)

    def to_new(self, old_offset: int, *, side: str = "start") -> int:
        """Where ``old_offset`` lands in the edited text. Inside a replaced region a span's
        start goes to the region's new start and its end to the region's new end; at an
        insertion point a start stays before the inserted text and an end goes after it."""
        if self._old_starts is None:
            self._old_starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(self._old_starts, old_offset) - 1
        if i < 0:
            return old_offset
        os_, oe, ns, ne = self.segments[i]
        if old_offset >= oe and not (old_offset == os_ == oe and side == "start"):
            return ne + (old_offset - oe)
        if old_offset == os_:
            return ns
        return ns if side == "start" else ne

    def span_to_new(self, start: int, end: int) -> Span:
        s = self.to_new(start, side="start")
        e = self.to_new(end, side="end")
        return s, max(s, e)


class OffsetChain:
    """The maps of several passes, in order: spans of the latest text back to the first."""

    __slots__ = ("maps",)

    def __init__(self, maps: Iterable[OffsetMap] = ()):
        self.maps: list[OffsetMap] = list(maps)

    def add(self, omap: OffsetMap) -> None:
        self.maps.append(omap)

    def span_to_first(self, start: int, end: int) -> Span:
        for m in reversed(self.maps):
            start, end = m.span_to_old(start, end)
        return start, end

    def span_to_last(self, start: int, end: int) -> Span:
        for m in self.maps:
            start, end = m.span_to_new(start, end)
        return start, end
