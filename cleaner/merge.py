"""Merging findings from the two engines (wirefix rules and LanguageTool).

Where a wirefix rule and a LanguageTool match cover the same span, the wirefix finding is
kept (its fix is made for wire copy, and its applicability is wirefix's call) and notes the
agreement, e.g. "LanguageTool agrees (LT:MORFOLOGIK_RULE_EN_US)". An editor then sees one
finding with two witnesses instead of two findings for one piece of damage.

"The same span" allows for the engines cutting words differently: two spans agree when
their overlap is at least half of each ("Blinkens’" and "Blinkens"), and an insertion point
agrees with a span that it touches (a missing full stop after "unprofessional" and
LanguageTool's match on that word).

Some LanguageTool checks report the consequence of damage on the next word: after a stray
full stop ("Lloyd Austin. for a meeting") it asks for a capital on "for". Such a match that
starts right after a wirefix finding (at most one space between) is the same damage too; its
suggestion ("For") would be the wrong repair.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from .findings import Finding

LT_PREFIX = "LT:"
# LanguageTool checks that flag the word after the damage rather than the damage itself
CONSEQUENCES = frozenset({"LT:UPPERCASE_SENTENCE_START"})


def is_languagetool(f: Finding) -> bool:
    return f.code.startswith(LT_PREFIX)


def same_span(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return max(a.start, b.start) <= min(a.end, b.end)
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap > 0 and 2 * overlap >= a.end - a.start and 2 * overlap >= b.end - b.start


def follows(a: Finding, g: Finding) -> bool:
    """``g`` reports the consequence of ``a`` on the next word."""
    return g.code in CONSEQUENCES and a.end < a.start + 3 and a.end <= g.start <= a.end + 1


def _agreement_note(note: str, codes: list[str]) -> str:
    extra = f"LanguageTool agrees ({', '.join(dict.fromkeys(codes))})"
    return f"{note}; {extra}" if note else extra


def merge_agreeing(findings: list[Finding]) -> list[Finding]:
    """Drop each LanguageTool finding that a wirefix finding covers; note it on that one."""
    lt = [f for f in findings if is_languagetool(f)]
    if not lt:
        return findings
    own = sorted((f for f in findings if not is_languagetool(f)), key=lambda f: (f.start, f.end))
    witnesses_of = [i for i, f in enumerate(own) if f.family != "internal"]  # WF000 sits at 0..0
    if not witnesses_of:
        return findings
    starts = [own[i].start for i in witnesses_of]
    widest = max(own[i].end - own[i].start for i in witnesses_of)
    agreed: dict[int, list[str]] = {}
    kept_lt: list[Finding] = []
    for g in lt:
        # only wirefix findings that start near g can share its span
        lo = bisect.bisect_left(starts, g.start - widest - 1)
        hi = bisect.bisect_right(starts, g.end)
        witnesses = [witnesses_of[j] for j in range(lo, hi)
                     if same_span(own[witnesses_of[j]], g) or follows(own[witnesses_of[j]], g)]
        if not witnesses:
            kept_lt.append(g)
        for i in witnesses:
            agreed.setdefault(i, []).append(g.code)
    merged = [replace(f, note=_agreement_note(f.note, agreed[i])) if i in agreed else f
              for i, f in enumerate(own)]
    return merged + kept_lt
