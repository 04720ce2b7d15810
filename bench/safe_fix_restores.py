#!/usr/bin/env python3
"""Do wirefix's safe fixes restore what the damage took? Judged against the clean stories.

The story sets in tests/data (the 42 generalisation stories and the seven holdout sets) are
clean copy that tests/mt_damage.py damages. Every safe fix that the rules offer on a damaged
story can therefore be judged without a reader: applied alone, it must bring the story
closer to the clean original (fewer characters differ), never further from it and never
leave it as far. A safe fix that does not is a wrong safe fix, the error issue 12 rules out.

    python bench/safe_fix_restores.py                 # the MT families' safe fixes
    python bench/safe_fix_restores.py --all-rules     # every rule's safe fixes
    python bench/safe_fix_restores.py --show          # print each fix that does not help
    python bench/safe_fix_restores.py --unsafe        # the unsafe fixes' first options

Closeness is the number of characters outside the longest matching blocks of Python's
difflib (``SequenceMatcher`` without its junk heuristic), over the paragraph around the
fix and the clean text's paragraph that matches it best. The damage never moves text
between paragraphs far, so a window of the neighbouring paragraphs is enough.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import mt_damage  # noqa: E402

from wirefix.cleaner import Config, engine_for  # noqa: E402
from wirefix.cleaner.findings import Applicability  # noqa: E402
from wirefix.cleaner.plan import apply_edits  # noqa: E402
from wirefix.rules.base import Phase  # noqa: E402
from wirefix.rules.families import MT_FAMILIES  # noqa: E402
from wirefix.rules.registry import builtin_rules  # noqa: E402

MT_RULES = {r.code for r in builtin_rules() if r.family in MT_FAMILIES and r.phase is not Phase.RAW}


def distance(a: str, b: str) -> int:
    """Characters of ``a`` and ``b`` outside their matching blocks."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in sm.get_matching_blocks())
    return len(a) + len(b) - 2 * same


def window(text: str, at: int, reach: int = 1) -> tuple[int, int]:
    """The paragraph around ``at`` with ``reach`` paragraphs on each side."""
    lo = at
    for _ in range(reach + 1):
        lo = text.rfind("\n\n", 0, max(0, lo - 1))
        if lo < 0:
            lo = 0
            break
    hi = at
    for _ in range(reach + 1):
        nxt = text.find("\n\n", hi + 1)
        if nxt < 0:
            hi = len(text)
            break
        hi = nxt
    return lo, hi


def judge(clean: str, damaged: str, fix) -> str:
    """"restores", "neutral" or "harms": the fix alone against the clean story."""
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    fixed, _ = apply_edits(damaged, list(edits))
    lo, hi = window(damaged, edits[0].start)
    grown = len(fixed) - len(damaged)
    # the same stretch of the clean story: found by aligning the damaged window to it
    sm = difflib.SequenceMatcher(None, damaged, clean, autojunk=False)
    c_lo, c_hi = _map(sm, lo), _map(sm, hi)
    target = clean[c_lo:c_hi]
    before = distance(damaged[lo:hi], target)
    after = distance(fixed[lo:hi + grown], target)
    return "restores" if after < before else "neutral" if after == before else "harms"


def _map(sm: difflib.SequenceMatcher, pos: int) -> int:
    """The clean-story offset that the damaged offset ``pos`` aligns with."""
    best = 0
    for a, b, size in sm.get_matching_blocks():
        if a <= pos <= a + size:
            return b + (pos - a)
        if a + size <= pos:
            best = b + size
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all-rules", action="store_true", help="every rule's safe fixes")
    ap.add_argument("--show", action="store_true", help="print each fix that does not help")
    ap.add_argument("--unsafe", action="store_true",
                    help="judge the unsafe fixes (their first option) instead of the safe ones")
    args = ap.parse_args(argv)
    engine = engine_for(Config())
    verdicts: Counter[tuple[str, str]] = Counter()
    for which in mt_damage.SETS:
        for name, clean, damaged, _sites in mt_damage.damaged_set(which):
            for f in engine.lint(damaged):
                wanted = Applicability.UNSAFE if args.unsafe else Applicability.SAFE
                if f.applicability is not wanted or not f.fixes:
                    continue
                if not args.all_rules and f.code not in MT_RULES:
                    continue
                verdict = judge(clean, damaged, f.fixes[0])
                verdicts[f.code, verdict] += 1
                if args.show and verdict != "restores":
                    print(f"{verdict:<8} {which}/{name} {f.code} "
                          f"{damaged[max(0, f.start - 40):f.end + 40]!r}")
    codes = sorted({c for c, _ in verdicts})
    print(f"{'rule':<8}{'restores':>10}{'neutral':>9}{'harms':>7}")
    total = Counter()
    for code in codes:
        row = [verdicts[code, v] for v in ("restores", "neutral", "harms")]
        total.update(dict(zip(("restores", "neutral", "harms"), row, strict=True)))
        print(f"{code:<8}{row[0]:>10}{row[1]:>9}{row[2]:>7}")
    print(f"{'all':<8}{total['restores']:>10}{total['neutral']:>9}{total['harms']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
