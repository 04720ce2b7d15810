"""A sample of the safe fixes `wirefix check --fix` makes on Reuters-21578, AG News and the
WMT22 output (MT and human references), kept as references for a hand check (issue 14).

The sample lives in tests/data/safe_fix_sample.jsonl: one fix per line, as corpus, record
id, offsets into the record's text, rule, replacement, and the verdict with its reason. No
corpus text is stored; this script prints each fix in its context from ../shared.

    .venv/bin/python bench/safe_fix_sample.py --show            # every kept fix, in context
    .venv/bin/python bench/safe_fix_sample.py --draw 200 > new.jsonl   # draw a fresh sample

A drawn sample is stratified by corpus (Reuters 70, AG News 65, WMT22 65) and, inside each,
dealt round-robin over the rules that made safe fixes, so that rare rules are read too;
records are shuffled with a fixed seed. tests/test_safe_fix_sample.py checks that the kept
sample is still what the code does and that every verdict is "right".
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import defaultdict

from _common import AGNEWS, REUTERS_GZ, ROOT, SHARED

SAMPLE = ROOT / "tests" / "data" / "safe_fix_sample.jsonl"
WMT22 = SHARED / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz"
QUOTAS = {"reuters": 70, "agnews": 65, "wmt22": 65}


def records(corpus: str):
    """(record id, text) of a corpus: Reuters NORM bodies by NEWID, AG News titles and
    descriptions as "row:field" (rows from 1), WMT22 documents by their id."""
    if corpus == "reuters":
        with gzip.open(REUTERS_GZ, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["text_type"] == "NORM" and d["body"]:
                    yield str(d["newid"]), d["body"]
    elif corpus == "agnews":
        with open(AGNEWS, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                row = json.loads(line)
                for field in ("title", "description"):
                    yield f"{n}:{field}", row[field]
    else:
        with gzip.open(WMT22, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                yield d["id"], d["text"]


def record_text(corpus: str, record: str) -> str:
    for rid, text in records(corpus):
        if rid == record:
            return text
    raise KeyError(f"{corpus} has no record {record}")


def safe_fixes(text: str, config=None) -> list[dict]:
    """The edits the safe fix makes, each mapped back to offsets in ``text``."""
    from wirefix.cleaner import Config, fix
    from wirefix.cleaner.plan import apply_edits_map

    result = fix(text, config or Config())
    out = []
    maps: list = []
    for edits in result.plan.passes:
        for e in edits:
            s, t = e.start, e.end
            for m in reversed(maps):
                s, t = m.span_to_old(s, t)
            out.append({"start": s, "end": t, "code": e.code, "rule": e.rule,
                        "replacement": e.replacement})
        maps.append(apply_edits_map(edits))
    return out


def context(text: str, start: int, end: int, replacement: str, width: int = 110) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    show = (text[lo:start] + "⟦" + text[start:end] + " → " + replacement + "⟧" + text[end:hi])
    return show.replace("\r", "␍").replace("\n", "⏎")


def draw(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    scale = n / sum(QUOTAS.values())
    sample = []
    for corpus, quota in QUOTAS.items():
        recs = list(records(corpus))
        rng.shuffle(recs)
        by_rule: dict[str, list[dict]] = defaultdict(list)
        for rid, text in recs[:2500]:
            for f in safe_fixes(text):
                by_rule[f["code"]].append({"corpus": corpus, "record": rid, **f})
        for items in by_rule.values():
            rng.shuffle(items)
        want = round(quota * scale)
        taken: list[dict] = []
        while len(taken) < want and any(by_rule.values()):
            for code in sorted(by_rule):
                if by_rule[code] and len(taken) < want:
                    taken.append(by_rule[code].pop())
        sample.extend(taken)
    return sample


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draw", type=int, metavar="N", help="draw N fixes and print them as JSONL")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--show", action="store_true", help="print the kept sample in context")
    args = ap.parse_args(argv)
    if args.draw:
        for item in draw(args.draw, args.seed):
            print(json.dumps(item, ensure_ascii=False))
        return
    items = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    texts: dict[tuple[str, str], str] = {}
    wanted = {(i["corpus"], i["record"]) for i in items}
    for corpus in QUOTAS:
        for rid, text in records(corpus):
            if (corpus, rid) in wanted:
                texts[(corpus, rid)] = text
    for n, i in enumerate(items, 1):
        text = texts[(i["corpus"], i["record"])]
        print(f"{n:3} {i['corpus']} {i['record']} {i['code']} {i.get('verdict', '?')}: "
              f"{i.get('reason', '')}")
        print("    " + context(text, i["start"], i["end"], i["replacement"]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
