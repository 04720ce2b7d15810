#!/usr/bin/env python3
"""A shape after "its" that only "it’s" takes, counted in human-written copy: the
Reuters-21578 bodies, AG News and the WMT22 human references in ../shared.

"Its" that opens a sentence before a word that opens a clause ("where", "when", "why",
"how", "because") and the start of that clause's subject ("Its where a director can take
risks"): a possessive takes no such word. contraction-read-as-word (WF502) reads it as
"It’s" with the same test this counts with, on grammar: a possessive takes a noun. The
count shows how rare the shape is in edited copy (it opens no sentence there in either
spelling), so the reading rests on grammar, not on counts. (Later in a sentence those
words can be nouns: "its why", "its where clause".)

Two wider shapes were tried and withdrawn after a review: "its" + a participle + "by"
("its managed by us" reads as "its won by selling dollars", "its wounded by helicopter")
and "its" + an adverb + an -ing form + its object ("its already existing in-house team").

It also counts "well" straight before a bare verb whose participle is another word, where
WF502 reads it as "we’ll" (a clause's subject slot, no modal or degree word before it), and
prints each: the adverb only comes before a bare verb after a modal ("may well see").

    python bench/its_shapes.py
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from _common import AGNEWS, need_shared, reuters_bodies, wmt22_references

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirefix.rules.contraction.contraction_read_as_word import (  # noqa: E402
    _MODALS, _well_before_bare_verb, its_opens_clause, previous_token)

def texts():
    yield from reuters_bodies()
    with open(AGNEWS, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield f"{row.get('title') or ''}. {row.get('description') or row.get('text') or ''}"
    yield from wmt22_references()


def main() -> int:
    need_shared()
    import regex
    # a sentence's start, "its" or the contraction written out, and the two words after
    head = regex.compile(r"(?:^|[.!?:]\s+|[“\"]\s*)(its|it[’']s|it is)\s+([\p{L}]+)(?![\p{L}-])"
                         r"\s+([\p{L}]+)", regex.IGNORECASE)
    counts: Counter[str] = Counter()
    for text in texts():
        for m in head.finditer(" ".join(text.split())):
            if its_opens_clause(m.group(2), m.group(3)):
                counts["its" if m.group(1).lower() == "its" else "it’s / it is"] += 1
    print(f"a sentence's “its” + a clause's opening word + a subject: "
          f"its {counts['its']}, it’s / it is {counts['it’s / it is']}")
    well = regex.compile(r"(?<![\p{L}’'-])([Ww]ell)\s+([a-z]+)(?![\p{L}’'-])")
    seen = read = 0
    for text in texts():
        flat = " ".join(text.split())
        for m in well.finditer(flat):
            prev = previous_token(flat, m.start(1))
            if prev in _MODALS:
                continue
            if _well_before_bare_verb(m.group(1), prev, m.group(2)) is not None:
                read += 1
                print("   ", flat[max(0, m.start() - 50):m.end() + 30])
            seen += 1
    print(f"“well” + a word, no modal before: {seen}; read as “we’ll” by WF502: {read}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
