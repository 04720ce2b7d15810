"""Edit plans: choosing which edits apply together, applying them, mapping offsets, replay.

Overlap policy (one pass):
- Candidates are taken in priority order: the rule's place in the catalogue (raw repairs
  before prose rules, then by code), then position.
- An edit is accepted only if it neither overlaps nor touches an accepted edit: there must be
  at least one untouched character between two edits. Two insertions at one offset, or an
  insertion at the edge of a replaced span, conflict too. A losing edit is not lost: the
  next pass lints the new text again and proposes it afresh if it still applies.
- Accepted edits are applied in offset order in one sweep.

A ``FixPlan`` records the accepted edits of every pass, each in the coordinates of the text
at the start of its pass, so that it can be serialised and replayed (ftfy's apply_plan idea).
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .findings import Edit, Finding


def conflicts(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Closed-interval test: overlapping or touching spans conflict."""
    return a_start <= b_end and b_start <= a_end


def select_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings whose fixes can apply together in one pass, in offset order.

    A finding with extra edits is taken whole or not at all."""
    candidates = [f for f in findings if f.replacements and f.applicability.allowed(unsafe)]
    if not candidates:
        return []
    candidates.sort(key=_by_priority)
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    accepted: list[Finding] = []
    for f in candidates:
        own = _own_spans(f) if f.extra_edits else ((f.start, f.end),)
        if own is None:  # the fix's own edits overlap: it cannot be applied
            continue
        if _clashes_any(own, starts, spans):
            continue
        for s, e in own:
            i = bisect.bisect_left(starts, s)
            starts.insert(i, s)
            spans.insert(i, (s, e))
        accepted.append(f)
    accepted.sort(key=_by_position)
    return accepted


def _by_priority(f: Finding) -> tuple[int, int, int]:
    return (f.priority, f.start, f.end)


def _by_position(f: Finding) -> tuple[int, int]:
    return (f.start, f.end)


def _own_spans(f: Finding) -> list[tuple[int, int]] | None:
    """The spans one fix occupies, touching ones merged (so that accepted spans stay apart
    and sorted, which ``_clashes`` relies on); None when its own edits overlap."""
    if not f.extra_edits:
        return [(f.start, f.end)]
    merged: list[tuple[int, int]] = []
    for s, e in sorted([(f.start, f.end)] + [(x.start, x.end) for x in f.extra_edits]):
        if merged and s < merged[-1][1]:
            return None
        if merged and s == merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _clashes_any(own, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    for s, e in own:   # (a loop, not any(generator): this runs for every candidate)
        if _clashes(s, e, starts, spans):
            return True
    return False


def _clashes(start: int, end: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(starts, start)
    for j in (i - 1, i):
        if 0 <= j < len(spans) and conflicts(start, end, *spans[j]):
            return True
    return False


def edits_of(findings: Iterable[Finding]) -> list[Edit]:
    """All edits of the chosen findings, in offset order, ready for ``apply_edits``."""
    findings = list(findings)
    if not any(f.extra_edits for f in findings):
        # one edit per finding: already in offset order when the findings are
        out = [f.edit() for f in findings]
        if any((a.start, a.end) > (b.start, b.end) for a, b in zip(out, out[1:], strict=False)):
            out.sort(key=_edit_position)
        return out
    return sorted((e for f in findings for e in f.edits()), key=_edit_position)


def _edit_position(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)


class OffsetMap:
    """Maps offsets of an edited text back to the text before the edits.

    ``segments`` are the applied edits as (old_start, old_end, new_start, new_end), sorted
    and separated by at least one unchanged character.
    """

    __slots__ = ("segments", "_new_starts")

    def __init__(self, segments: Sequence[tuple[int, int, int, int]]):
        self.segments = tuple(segments)
        self._new_starts = [s[2] for s in self.segments]

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

    def span_to_old(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_old(start, side="start")
        e = self.to_old(end, side="end") if end > start else s
        return s, max(s, e)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-conflicting edits (sorted by start) in one sweep."""
    parts: list[str] = []
    segments = []
    pos = 0
    new_len = 0
    for start, end, replacement, _rule, _code in edits:   # (unpacked: an Edit is a tuple)
        if start < pos:
            raise ValueError(f"edits overlap at {start} (previous edit ends at {pos})")
        new_len += start - pos
        parts.append(text[pos:start])
        parts.append(replacement)
        segments.append((start, end, new_len, new_len + len(replacement)))
        new_len += len(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(segments)


@dataclass
class FixPlan:
    """The edits applied by a fix, pass by pass, replayable on the original text."""

    passes: list[list[Edit]] = field(default_factory=list)

    def add_pass(self, edits: Sequence[Edit]) -> None:
        self.passes.append(list(edits))

    @property
    def edits(self) -> list[Edit]:
        return [e for p in self.passes for e in p]

    def __len__(self) -> int:
        return sum(len(p) for p in self.passes)

    def to_json(self) -> str:
        return json.dumps({"version": 1, "passes": [[e.to_dict() for e in p] for p in self.passes]},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> "FixPlan":
        obj = json.loads(data)
        if obj.get("version") != 1:
            raise ValueError("unknown fix plan version")
        return cls([[Edit.from_dict(e) for e in p] for p in obj["passes"]])

    def original_spans(self) -> list[tuple[int, int]]:
        """Where in the original text the plan changed something, as merged spans."""
        spans: list[tuple[int, int]] = []
        maps: list[OffsetMap] = []
        for edits in self.passes:
            for e in edits:
                s, t = e.start, e.end
                for m in reversed(maps):
                    s, t = m.span_to_old(s, t)
                spans.append((s, t))
            maps.append(OffsetMap(list(_segments_of(edits))))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for s, t in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(t, merged[-1][1]))
            else:
                merged.append((s, t))
        return merged


def _segments_of(edits: Sequence[Edit]):
    new_len_delta = 0
    for e in edits:
        ns = e.start + new_len_delta
        ne = ns + len(e.replacement)
        yield (e.start, e.end, ns, ne)
        new_len_delta += len(e.replacement) - (e.end - e.start)


def apply_plan(text: str, plan: FixPlan) -> str:
    """Replay a plan on the text it was made from."""
    for edits in plan.passes:
        text, _ = apply_edits(text, edits)
    return text
