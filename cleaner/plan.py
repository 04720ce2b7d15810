"""Edit plans: choosing the fixes that apply together in one pass, applying them, replay.

Overlap policy (one pass):
- Candidates are taken in priority order: the rule's place in the catalogue (raw repairs
  before prose rules, then by code), then position.
- A fix is accepted only if none of its edits overlaps or touches an accepted edit: there
  must be at least one untouched character between two edits (``spans.touching``). Two
  insertions at one offset, or an insertion at the edge of a replaced span, clash too.
  Two deletions that only touch do not: they delete the same text in either order
  (``spans.SpanSet``), so a feed story's sign-off and the control code after it go in
  one pass instead of two. A
  losing fix is not lost: the next pass lints the new text again and proposes it afresh if
  it still applies.
- A fix is taken whole or not at all; the accepted edits are applied in offset order in one
  sweep.
- A rule that reads what other rules repair (stripped-quotation-marks reads contractions
  as marks of speech: "Thats three weeks" is one once it is "That’s") waits: its fixes are
  taken only in a pass where no other fix applies, so it decides on the repaired story.

A ``FixPlan`` records the accepted edits of every pass, each in the coordinates of the text
at the start of its pass, so that it can be serialised and replayed (ftfy's apply_plan idea).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import AbstractSet, Iterable, NamedTuple, Sequence

from .findings import Edit, Finding, Fix
from .spans import OffsetMap, SpanSet, merged


class Choice(NamedTuple):
    """A finding and the fix chosen for it (its best one, an alternative, or an editor's)."""

    finding: Finding
    fix: Fix

    @property
    def priority(self) -> int:
        return self.finding.priority


def best_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Choice]:
    """What ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) would apply: each finding's
    best fix, where its applicability allows."""
    return [Choice(f, f.fixes[0]) for f in findings
            if f.fixes and f.fixes[0].applicability.allowed(unsafe)]


def select(choices: Iterable[Choice], patient: AbstractSet[str] = frozenset()) -> list[Choice]:
    """The choices whose fixes can apply together in one pass, in offset order. A choice of
    a ``patient`` rule (codes: a rule whose reading depends on words other rules repair) is
    taken only in a pass where no other fix applies, so that the rule reads the repaired
    story again before its fix is made."""
    ordered = sorted(choices, key=_by_priority)
    if patient:
        now = [c for c in ordered if c.finding.code not in patient]
        if now:
            return _take(now)
    return _take(ordered)


def _take(ordered: list[Choice]) -> list[Choice]:
    """The choices, in priority order, whose fixes touch no fix taken before them."""
    taken = SpanSet()
    clashes, add = taken.clashes, taken.add
    accepted: list[Choice] = []
    for c in ordered:
        edits = c.fix.edits
        if len(edits) == 1:   # most fixes: one edit, its own span (no list of spans)
            start, end, replacement = edits[0][:3]
            # a single edit that only deletes may touch another such edit
            deletion = not replacement and start < end
            if clashes(start, end, deletion):
                continue
            add(start, end, deletion)
        else:
            spans = _own_spans(edits)
            if spans is None:   # the fix's own edits overlap: it cannot be applied
                continue
            if any(clashes(s, e) for s, e in spans):
                continue
            for s, e in spans:
                add(s, e)
        accepted.append(c)
    accepted.sort(key=_by_position)
    return accepted


def select_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings whose best fixes ``--fix`` would apply together in one pass."""
    return [c.finding for c in select(best_fixes(findings, unsafe))]


def _by_priority(c: Choice) -> tuple[int, int, int]:
    f = c[0]
    return (f.priority, f.start, f.end)


def _by_position(c: Choice) -> tuple[int, int]:
    f = c[0]
    return (f.start, f.end)


def _own_spans(edits: Sequence[Edit]) -> list[tuple[int, int]] | None:
    """The spans one fix occupies, touching ones joined (so that accepted spans stay apart
    and sorted, which ``SpanSet`` relies on); None when its own edits overlap."""
    spans = sorted((e.start, e.end) for e in edits)
    if any(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False)):
        return None
    return merged(spans)


def edits_of(choices: Iterable[Choice]) -> list[Edit]:
    """All edits of the chosen fixes, in offset order, labelled with their rule, ready for
    ``apply_edits``."""
    out = [Edit(e.start, e.end, e.replacement, c.finding.rule, c.finding.code)
           for c in choices for e in c.fix.edits]
    out.sort(key=_edit_position)
    return out


def _edit_position(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-conflicting edits (sorted by start) in one sweep."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    pos = 0
    new_len = 0
    for start, end, replacement, _rule, _code in edits:   # (unpacked: an Edit is a tuple)
        if start < pos:
            raise ValueError(f"edits overlap at {start} (previous edit ends at {pos})")
        new_len += start - pos
        parts.append(text[pos:start])
        parts.append(replacement)
        _add_segment(segments, start, end, new_len, new_len + len(replacement))
        new_len += len(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(segments)


def _add_segment(segments: list[tuple[int, int, int, int]], old_start: int, old_end: int, new_start: int,
                 new_end: int) -> None:
    """Append one edit's segment; two deletions that touch (the only edits of one pass
    that may) become one, because an ``OffsetMap`` keeps its segments apart."""
    if segments and new_start == new_end:
        os_, oe, ns, ne = segments[-1]
        if oe == old_start and ns == ne == new_start:
            segments[-1] = (os_, old_end, ns, ne)
            return
    segments.append((old_start, old_end, new_start, new_end))


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
            maps.append(apply_edits_map(edits))
        return merged(spans)


def apply_edits_map(edits: Sequence[Edit]) -> OffsetMap:
    """The offset map ``apply_edits`` would return for these edits, without the text."""
    segments: list[tuple[int, int, int, int]] = []
    delta = 0
    for e in edits:
        ns = e.start + delta
        _add_segment(segments, e.start, e.end, ns, ns + len(e.replacement))
        delta += len(e.replacement) - (e.end - e.start)
    return OffsetMap(segments)


def apply_plan(text: str, plan: FixPlan) -> str:
    """Replay a plan on the text it was made from."""
    for edits in plan.passes:
        text, _ = apply_edits(text, edits)
    return text
