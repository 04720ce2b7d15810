"""The hand-checked sample of safe fixes (issue 14): 200 fixes that `wirefix check --fix`
makes on Reuters-21578, AG News and the WMT22 output, each read in its context and judged.

tests/data/safe_fix_sample.jsonl keeps references (corpus, record, offsets, rule, the
replacement, the verdict and its reason), never corpus text; `bench/safe_fix_sample.py
--show` prints each fix in context from ../shared. These tests hold the sample to the code:
every kept fix is one the safe fix still makes, and every verdict is "right".
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "safe_fix_sample.jsonl"


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]


def test_the_sample_is_200_judged_fixes_across_three_corpora(items):
    assert len(items) == 200
    corpora = Counter(i["corpus"] for i in items)
    assert set(corpora) == {"reuters", "agnews", "wmt22"} and min(corpora.values()) >= 60
    assert len({i["code"] for i in items}) >= 20          # rules beyond the common ones are read
    assert {i["verdict"] for i in items} == {"right"}, [i for i in items if i["verdict"] != "right"]
    assert all(len(i["reason"]) >= 20 for i in items)
    # references only: no stored field holds more than a replacement's worth of corpus text
    assert all(len(i["replacement"]) <= 12 for i in items)


@pytest.mark.shared
def test_every_kept_fix_is_still_made(items, shared):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import safe_fix_sample as sfs
    finally:
        sys.path.remove(str(ROOT / "bench"))
    wanted = defaultdict(list)
    for i in items:
        wanted[(i["corpus"], i["record"])].append(i)
    missing = []
    for corpus in ("reuters", "agnews", "wmt22"):
        for rid, text in sfs.records(corpus):
            kept = wanted.get((corpus, rid))
            if not kept:
                continue
            made = {(f["start"], f["end"], f["code"], f["replacement"]) for f in sfs.safe_fixes(text)}
            missing += [i for i in kept
                        if (i["start"], i["end"], i["code"], i["replacement"]) not in made]
    assert missing == [], missing
