"""The Reuters-21578 paragraphs that keep a line break after a safe `--fix`, by reason.

Every NORM body is fixed with the feed families (as tests/test_corpus_feeds.py does); each
paragraph of running text (no column gaps, no dot leaders) still on more than one line is
counted once, under the first reason that explains its first remaining break:

    .venv/bin/python bench/hard_wrap_report.py [--show REASON] [--n 20]

Issue 14 asked for this report: 857 such paragraphs were left before the headline-like first
line was judged from the paragraph's own shape.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter

import regex

from _common import REUTERS_GZ, need_shared

from wirefix.cleaner import Config, Document, fix
from wirefix.rules.whitespace._layout import wrap_joins

FEED = Config(select=("encoding", "whitespace", "WF35", "WF45", "WF46", "WF47", "WF303"))
_TABLE = regex.compile(r"\S\s{2,}\S|\.{4,}")
_FIGURES = regex.compile(r"^[\s\d.,/()%-]*(?:mln|billion|dlrs?|pct|cts|vs\.?|[\d.,/()%-])*[\s\d.,/()%-]*$")


def reason(doc: Document, i: int) -> str:
    """Why the break after line ``i`` stays."""
    line, nxt = doc.line_text(i).rstrip(), doc.line_text(i + 1).strip()
    for j in wrap_joins(doc):
        if doc.line_index(j.start) == i and not j.safe:
            return "suggested only: " + j.reason.split(":")[0]
    if regex.fullmatch(r"[.,;:)\"']+", nxt):
        return "the next line is a lone mark (the feed cut a line off)"
    if len(line.strip()) >= 70 and line[-1:].isalpha() and not nxt[:1].islower():
        return "a line cut off mid-sentence at the feed's width: text is missing"
    if line.endswith("-"):
        return "a line that ends in a hyphen"
    if nxt.startswith("(") and nxt.endswith(")") or nxt.lower().startswith("(corrects"):
        return "an editor's note on its own line"
    if line.endswith((":", ".", "!", "?", '"')):
        return "a line that ends a sentence before a short line (a list, a note)"
    if _FIGURES.match(nxt) or regex.search(r"\bvs\.?$", line):
        return "a line of figures (results, prices)"
    return "a short line the wrap test cannot prove (no width to measure, no mid-sentence stop)"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", help="print the paragraphs whose reason starts with this")
    ap.add_argument("--n", type=int, default=20)
    args = ap.parse_args(argv)
    need_shared()
    reasons: Counter = Counter()
    shown = 0
    with gzip.open(REUTERS_GZ, "rt", encoding="utf-8") as fh:
        for raw in fh:
            d = json.loads(raw)
            if d["text_type"] != "NORM":
                continue
            doc = Document(fix(d["body"], FEED).text)
            for p in doc.paragraphs:
                if p.line_count <= 1:
                    continue
                lines = range(p.first_line, p.last_line + 1)
                if any(_TABLE.search(doc.line_text(i)) for i in lines):
                    continue
                why = reason(doc, p.first_line)
                reasons[why] += 1
                if args.show and why.startswith(args.show) and shown < args.n:
                    shown += 1
                    print(d["newid"], " ⏎ ".join(doc.line_text(i).strip()[:90] for i in lines))
    print(f"{sum(reasons.values())} paragraphs of running text keep a line break after --fix:")
    for why, n in reasons.most_common():
        print(f"{n:6}  {why}")


if __name__ == "__main__":
    main()
