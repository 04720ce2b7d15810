#!/usr/bin/env python3
"""Build rules/data/context_counts.json: word-pair counts of human-written wire English.

The contraction and doubled-word rules decide from these counts, not from word lists:
"its a" against "it’s a"/"it is a", "its own" against "it is own", "as well be" against
"we will be", "filled in" (a phrasal verb, so "filled in in the" is legitimate).

Sources, all written by people (never machine-translation output), read from ../shared:
- Reuters-21578 NORM bodies,
- AG News test descriptions and titles,
- WMT22 human reference translations (sys refA and refB) only.

The table holds counts, not text, and only the pairs the rules ask about:
- ``next``: for each ambiguous word ("its", "were", "well", "hell", "shell", "ill", "wed",
  "id", "cant", "wont", "your") and each contraction it may stand for (pooled with the forms
  that continue the same way: "it’s" = "it's" + "it is" + "it has"; "’ll" = any "will"),
  how often each word follows it; ``next2`` the same for the two words that follow ("its
  time in" against "it’s time to");
- ``prev``: for each ambiguous word and each subject pronoun ("it", "we", "he", "she",
  "i", "you"), how often each word precedes it ("<s>" = the start of a sentence);
- ``total``: how often each of those keys occurs;
- ``unigram``: how often each word those tables mention occurs at all (``tokens`` in all),
  the background against which a rare key's neighbours are judged;
- ``doubled``: how often each word is written twice in a row in human copy ("had had",
  "nil nil"), with how often it occurs;
- ``particle``: for verbs followed by a particle ("filled in", "looked at"), the count of
  the pair and of the verb, where the particle follows the word at least 1 time in 8.
- ``comma_before``: for each conjunction ("and", "but", "although", ...), how often wire
  copy writes it between two words without a comma and how often with one (" and":
  51,516 against 4,637 ", and"): the stray-full-stop rule's choice between
  dropping a stray stop before the word and making it a comma.
Pairs seen fewer than ``--min-count`` times are dropped.

    .venv/bin/python scripts/build_context_counts.py            # writes the table
    .venv/bin/python scripts/build_context_counts.py --check    # exit 1 if it is stale
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "rules" / "data" / "context_counts.json"

# ambiguous word -> the contraction it may stand for
AMBIGUOUS = {
    "its": "it's", "were": "we're", "well": "we'll", "hell": "he'll", "shell": "she'll",
    "ill": "i'll", "wed": "we'd", "id": "i'd", "cant": "can't", "wont": "won't",
    "your": "you're",
}
# What follows each contraction is estimated from every form that continues the same way,
# pooled for numbers: "he’ll", "she’ll", "I’ll" are rare in wire copy, but whatever follows
# them follows "will" (any "will", any "’ll"); "we’re" is followed as "they are" is.
# key -> the token sequences whose next word is counted under it ("*'ll": any "’ll" token)
EXPANSIONS = {
    "it's": [("it's",), ("it", "is"), ("it", "has")],
    "'re": [("*'re",), ("we", "are"), ("they", "are"), ("you", "are")],
    "will": [("*'ll",), ("will",)],
    "would": [("*'d",), ("would",)],
    "can't": [("can't",), ("cannot",), ("can", "not"), ("can",)],
    "won't": [("won't",), ("will", "not"), ("will",)],
}
PRONOUNS = ("it", "we", "he", "she", "i", "you")
CONJUNCTIONS = ("and", "but", "or", "nor", "yet", "so", "while", "whereas", "although", "though",
                "because")
PARTICLES = frozenset("in on at up out off over down through about by for to with into from "
                      "around back away along across after".split())

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.!?;:,]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def texts():
    """Every human-written text of the three corpora."""
    with gzip.open(SHARED / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text_type") == "NORM" and rec.get("body"):
                yield rec["body"].replace("&lt;", "<").replace("&#3;", "")
    with open(SHARED / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield rec["title"]
            yield rec["description"].replace("\\", " ")
    with gzip.open(SHARED / "wmt22" / "wmt22-into-english.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["sys"] in ("refA", "refB"):
                yield rec["text"]


def tokens(text: str) -> list[str]:
    """Lower-case words and sentence punctuation, with "<s>" at each sentence start."""
    out = ["<s>"]
    for para in re.split(r"\n\s*\n", text):
        if out[-1] != "<s>":
            out.append("<s>")
        for tok in _TOKEN.findall(para.lower().translate(_APOSTROPHES)):
            out.append(tok)
            if tok in ".!?":
                out.append("<s>")
    return out


def build(min_count: int) -> dict:
    nxt: dict[str, Counter] = defaultdict(Counter)
    nxt2: dict[str, Counter] = defaultdict(Counter)
    prev: dict[str, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    doubled: Counter = Counter()
    unigram: Counter = Counter()
    pair: Counter = Counter()
    first_of = defaultdict(list)
    suffix_of = {}
    for key, forms in EXPANSIONS.items():
        for form in forms:
            if form[0].startswith("*"):
                suffix_of[form[0][1:]] = key
            else:
                first_of[form[0]].append((form, key))
    words = 0
    comma_before: dict[str, list[int]] = {w: [0, 0] for w in CONJUNCTIONS}
    for text in texts():
        toks = tokens(text)
        n = len(toks)
        words += sum(1 for t in toks if t[0].isalnum())
        for i, tok in enumerate(toks):
            unigram[tok] += 1
            after = toks[i + 1] if i + 1 < n else "<s>"
            before = toks[i - 1] if i else "<s>"
            if after in PARTICLES and tok[0].isalpha():
                pair[(tok, after)] += 1
            if after == tok and tok[0].isalpha():
                doubled[tok] += 1
            if tok in AMBIGUOUS:
                nxt[tok][after] += 1
                nxt2[tok][after + " " + (toks[i + 2] if i + 2 < n else "<s>")] += 1
                prev[tok][before] += 1
                total[tok] += 1
            if tok in comma_before and after[0].isalpha() and i >= 2:
                # a conjunction between two words, with or without a comma before it
                if before[0].isalpha():
                    comma_before[tok][0] += 1
                elif before == "," and toks[i - 2][0].isalpha():
                    comma_before[tok][1] += 1
            if tok in PRONOUNS:
                prev[tok][before] += 1
                total[tok] += 1
            for form, key in first_of.get(tok, ()):
                if tuple(toks[i:i + len(form)]) == form:
                    j = i + len(form)
                    follower = toks[j] if j < n else "<s>"
                    nxt[key][follower] += 1
                    nxt2[key][follower + " " + (toks[j + 1] if j + 1 < n else "<s>")] += 1
                    total[key] += 1
            if "'" in tok and tok[tok.index("'"):] in suffix_of:
                key = suffix_of[tok[tok.index("'"):]]
                nxt[key][after] += 1
                nxt2[key][after + " " + (toks[i + 2] if i + 2 < n else "<s>")] += 1
                total[key] += 1
    # the background frequency of every word the tables mention: what a word's neighbours
    # look like when nothing is known about the word (smoothing for rare keys such as "wed")
    mentioned = {w for table in (nxt, prev) for v in table.values()
                 for w, c in v.items() if c >= min_count}
    background = {w: unigram[w] for w in sorted(mentioned) if unigram[w] >= min_count}
    background["<s>"] = unigram["<s>"]
    particle = {}
    for (word, part), c in pair.items():
        if c >= 3 and c * 8 >= unigram[word]:
            particle.setdefault(word, {"n": unigram[word]})[part] = c

    def pruned(table: dict[str, Counter]) -> dict[str, dict[str, int]]:
        return {k: dict(sorted((w, c) for w, c in v.items() if c >= min_count))
                for k, v in sorted(table.items())}

    return {
        "about": "Word-pair counts of human-written wire English (Reuters-21578 bodies, AG News "
                 "test, WMT22 references), built by scripts/build_context_counts.py; counts only.",
        "words": words,
        "min_count": min_count,
        "total": dict(sorted(total.items())),
        # how many different words follow (precede) each key, singletons included: the
        # weight of the unseen in Witten-Bell smoothing (rules/_shared/evidence.py)
        "next_types": {k: len(v) for k, v in sorted(nxt.items())},
        "prev_types": {k: len(v) for k, v in sorted(prev.items())},
        "next": pruned(nxt),
        "next2": pruned(nxt2),
        "prev": pruned(prev),
        "unigram": background,
        "tokens": sum(unigram.values()),
        "doubled": {w: [c, unigram[w]] for w, c in sorted(doubled.items())},
        "particle": dict(sorted(particle.items())),
        "comma_before": comma_before,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="exit 1 when the table is stale")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 2
    table = build(args.min_count)
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    if args.check:
        old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        same = hashlib.sha256(old.encode()).digest() == hashlib.sha256(data.encode()).digest()
        print("up to date" if same else f"{OUT} is stale: run {Path(__file__).name}")
        return 0 if same else 1
    OUT.write_text(data, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(data):,} bytes from {table['words']:,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
