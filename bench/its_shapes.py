#!/usr/bin/env python3
"""Two shapes after "its" that only "it’s" takes, counted in human-written copy: the
Reuters-21578 bodies, AG News and the WMT22 human references in ../shared.

1. "its" + a past participle + "by" ("its managed by the city"): a passive, which needs
   "it is"; a possessive needs a noun after the participle ("its managed funds").
2. "its" + an adverb ("now", "still", "already", ...) + an -ing form + an article, a
   pronoun or a preposition ("its now having the intended effect"): a progressive verb
   with its object, where a possessive would need a noun ("its still growing business").
3. "its" + a word that opens a clause ("where", "when", "because", ...): never a noun or
   an adjective a possessive could take ("Its where a director can take risks").

contraction-read-as-word (WF502) reads both as "it’s". This prints how often each shape is
written with "its" and with "it’s"/"it's"/"it is".

    python bench/its_shapes.py
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from _common import AGNEWS, need_shared, reuters_bodies

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirefix.rules.contraction.contraction_read_as_word import (  # noqa: E402
    its_passive_or_progressive)

WMT22 = ROOT.parent / "shared" / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz"


def texts():
    yield from reuters_bodies()
    with open(AGNEWS, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield f"{row.get('title') or ''}. {row.get('description') or row.get('text') or ''}"
    with gzip.open(WMT22, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row.get("sys", "")).startswith("ref"):
                yield row.get("text") or ""


def main() -> int:
    need_shared()
    import regex
    # "its", or the contraction written out, then the three words the rule reads
    head = regex.compile(r"(?i)(?<![\p{L}’'])(its|it[’']s|it is)\s+([\p{L}]+)(?![\p{L}-])"
                         r"(?:\s+([\p{L}]+))?(?:\s+([\p{L}]+))?")
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts():
        text = " ".join(text.split())
        for m in head.finditer(text):
            shape = its_passive_or_progressive(m.group(2), m.group(3) or "", m.group(4))
            if shape:
                form = "its" if m.group(1).lower() == "its" else "it’s / it is"
                counts[shape, form] += 1
    for shape in ("a participle and “by”", "an adverb, an -ing form and its object",
                  "a word that opens a clause"):
        print(f"{shape:<44} its {counts[shape, 'its']:>4}   it’s / it is "
              f"{counts[shape, 'it’s / it is']:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
