#!/usr/bin/env python3
"""Precision of the machine-translation artefact families on human-written wire copy.

Reuters-21578 bodies were written and edited by people, so nearly every MT-family finding on
them is a false alarm. This prints findings per 1,000 words for each MT rule (the goal: under
0.2 for all MT families together), and optionally samples findings and safe fixes with their
context for a hand check.

    python bench/mt_precision.py                      # rates per rule
    python bench/mt_precision.py --show WF701 --n 20  # 20 findings of one rule, in context
    python bench/mt_precision.py --safe-sample 50     # 50 random safe MT fixes, in context
    python bench/mt_precision.py --corpus wmt22       # the WMT22 human references
    python bench/mt_precision.py --dump out.jsonl     # every MT finding, as references
    python bench/mt_precision.py --judged             # the hand-judged samples, re-checked

The hand-judged samples (tests/data/mt_judged.jsonl) hold references only: corpus, record
id, offsets, rule, applicability, the fix, the verdict and a reason; ``--judged`` re-prints
each one's context from ../shared, checks that wirefix still makes that finding, and
prints the share judged right per applicability.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirefix.cleaner import Config, engine_for  # noqa: E402
from wirefix.rules.base import Phase  # noqa: E402
from wirefix.rules.families import MT_FAMILIES  # noqa: E402
from wirefix.rules.registry import builtin_rules  # noqa: E402

# The MT-artefact rules: the prose rules of the MT families. Whole-text (raw-phase) repairs in
# those families, such as a typed "--" dash or a quote mark for an apostrophe, are feed
# damage, counted by bench/feed_counts.py instead.
MT_RULES = {r.code for r in builtin_rules() if r.family in MT_FAMILIES and r.phase is not Phase.RAW}

REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
AGNEWS = ROOT.parent / "shared" / "corpora" / "agnews" / "agnews_test.jsonl"
WMT22 = ROOT.parent / "shared" / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz"
SOURCES = {"reuters": REUTERS, "agnews": AGNEWS, "wmt22": WMT22, "wmt22-mt": WMT22}


def bodies(corpus: str = "reuters", limit: int | None = None):
    """(id, text) pairs: Reuters NORM bodies, AG News descriptions, the WMT22 human
    reference translations (sys refA and refB), or ("wmt22-mt") the WMT22 systems' output,
    where MT damage is real: the place to judge whether fixes are right, not to count
    false alarms."""
    n = 0
    if corpus in ("wmt22", "wmt22-mt"):
        human = corpus == "wmt22"
        with gzip.open(WMT22, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if (rec["sys"] in ("refA", "refB")) == human:
                    yield rec["id"], rec["text"]
                    n += 1
                    if limit and n >= limit:
                        return
        return
    if corpus == "agnews":
        with open(AGNEWS, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                yield i, json.loads(line)["description"]
                n += 1
                if limit and n >= limit:
                    return
        return
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text_type") == "NORM" and rec.get("body"):
                yield rec["newid"], rec["body"]
                n += 1
                if limit and n >= limit:
                    return


JUDGED = ROOT / "tests" / "data" / "mt_judged.jsonl"
# The rules issue 12 made decide from evidence (the others are other work's).
EVIDENCE_RULES = {"WF501", "WF502", "WF503", "WF504", "WF505", "WF601", "WF701", "WF702",
                  "WF801", "WF901", "WF931"}


# a fix this long is cited by a digest: the judged samples hold no long corpus text
LONGEST_FIX = 200


def fix_reference(fix: str | None) -> str | None:
    """A fix as the judged samples cite it: the text, or a digest of a long one."""
    if fix is None or len(fix) < LONGEST_FIX:
        return fix
    return "sha256:" + hashlib.sha256(fix.encode("utf-8")).hexdigest()[:16]


def best_fix(f, text: str) -> str | None:
    """What the finding's span becomes under its best fix (None: no fix, not even a hint),
    as the judged samples cite it."""
    return fix_reference(f.replacement_texts(text)[0]) if f.fixes else None


def reference(corpus: str, record, f, text: str) -> dict:
    """A finding as a reference to the corpus (no corpus text)."""
    return {"corpus": corpus, "id": record, "start": f.start, "end": f.end, "rule": f.code,
            "applicability": f.applicability.value, "fix": best_fix(f, text)}


def records(corpus: str) -> dict:
    return dict(bodies(corpus))


def judged_samples(path: Path = JUDGED) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def recheck(samples: list[dict]):
    """For each judged sample: its text, and whether wirefix still makes that finding with
    that fix (a judged finding the rules no longer make is reported, not counted)."""
    engine = engine_for(Config())
    texts = {c: records(c) for c in {s["corpus"] for s in samples}}
    out = []
    cache: dict = {}
    for s in samples:
        text = texts[s["corpus"]][s["id"]]
        key = (s["corpus"], s["id"])
        if key not in cache:
            cache[key] = {(f.code, f.start, f.end, f.applicability.value, best_fix(f, text))
                          for f in engine.lint(text)}
        still = (s["rule"], s["start"], s["end"], s["applicability"], s["fix"]) in cache[key]
        out.append((s, text, still))
    return out


def report_judged(path: Path) -> int:
    samples = judged_samples(path)
    rows = recheck(samples)
    for s, text, still in rows:
        mark = "" if still else "   (no longer made)"
        print(f"[{s['corpus']} {s['id']}] {s['rule']} {s['applicability']} → {s['fix']!r}: "
              f"{s['verdict'].upper()}{mark}\n    {context(text, s['start'], s['end'])}\n"
              f"    {s['reason']}")
    print()

    def share(rows_: list) -> str:
        n = len(rows_)
        ok = sum(s["verdict"] == "right" for s in rows_)
        return f"{ok:>4}/{n:<4} right ({100 * ok / max(n, 1):.0f}%)"

    kept = [s for s, _, still in rows if still]
    print("the samples (all MT rules; 'census' adds every other unsafe finding of issue 12's rules "
          "and their display findings on WMT22 system output):")
    for kind in ("safe", "unsafe", "display"):
        sample = [s for s in kept if s["sample"] == kind]
        mine = [s for s in sample if s["rule"] in EVIDENCE_RULES]
        print(f"  {kind:<8} all {share(sample)}   issue-12 rules {share(mine)}")
    for app in ("unsafe", "display"):
        census = [s for s in kept if s["sample"] in (app, "census") and s["applicability"] == app
                  and s["rule"] in EVIDENCE_RULES]
        print(f"  {app} of issue 12's rules, sample and census: {share(census)}")
    print("per rule:")
    per: dict = {}
    for s in kept:
        per.setdefault((s["rule"], s["applicability"]), []).append(s)
    for (rule, app), rows_ in sorted(per.items()):
        print(f"  {rule} {app:<8} {share(rows_)}")
    return 0


def context(text: str, start: int, end: int, width: int = 70) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return (text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi]).replace("\n", "⏎")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=sorted(SOURCES), default="reuters")
    ap.add_argument("--limit", type=int, help="only the first N bodies")
    ap.add_argument("--show", metavar="CODE", help="print findings of this rule in context")
    ap.add_argument("--only", metavar="CODES",
                    help="run only these rules (comma-separated codes): a quicker look at one")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--safe-sample", type=int, metavar="N", help="print N random safe MT fixes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump", metavar="PATH", help="write every MT finding as a JSON line")
    ap.add_argument("--judged", nargs="?", const=str(JUDGED), metavar="PATH",
                    help="re-check the hand-judged samples and print their figures")
    args = ap.parse_args()
    if args.judged:
        return report_judged(Path(args.judged))
    source = SOURCES[args.corpus]
    if not source.exists():
        print(f"no corpus at {source}", file=sys.stderr)
        return 2
    engine = engine_for(Config(select=tuple(args.only.split(","))) if args.only else Config())
    per_rule: Counter[str] = Counter()
    words = docs = 0
    shown = 0
    safe: list[tuple[int, str, str]] = []
    t0 = time.perf_counter()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for newid, body in bodies(args.corpus, args.limit):
        docs += 1
        words += len(body.split())
        for f in engine.lint(body):
            if f.code not in MT_RULES:
                continue
            if dump is not None:
                dump.write(json.dumps(reference(args.corpus, newid, f, body), ensure_ascii=False)
                           + "\n")
            per_rule[f"{f.code} {f.rule}"] += 1
            if args.show and f.code == args.show and shown < args.n:
                shown += 1
                print(f"[{newid}] {f.applicability.value}: {context(body, f.start, f.end)}")
                if f.fixes:
                    print(f"        → {f.replacement_texts(body)[0]!r}")
            if f.applicability.value == "safe" and f.fixes:
                safe.append((newid, context(body, f.start, f.end),
                             f"{f.code} → {f.replacement_texts(body)[0]!r}"))
    elapsed = time.perf_counter() - t0
    if dump is not None:
        dump.close()
    total = sum(per_rule.values())
    name = {"agnews": "AG News descriptions", "wmt22": "WMT22 human references",
            "wmt22-mt": "WMT22 machine translations",
            "reuters": "Reuters-21578 NORM bodies"}[args.corpus]
    print(f"\n{name}: {docs:,} stories, {words:,} words, linted in {elapsed:.1f}s")
    print(f"{'rule':<48} {'findings':>8} {'per 1k words':>13}")
    for rule, n in sorted(per_rule.items()):
        print(f"{rule:<48} {n:>8} {1000 * n / max(words, 1):>13.4f}")
    print(f"{'all MT-artefact rules':<48} {total:>8} {1000 * total / max(words, 1):>13.4f}  (goal < 0.2)")
    print(f"safe MT fixes: {len(safe)}")
    if args.safe_sample:
        rng = random.Random(args.seed)
        for newid, ctx, fix in rng.sample(safe, min(args.safe_sample, len(safe))):
            print(f"[{newid}] {fix}\n    {ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
