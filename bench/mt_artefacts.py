#!/usr/bin/env python3
"""The artefacts of real machine translation (issue #13) on the WMT22 output in ../shared.

For each artefact kind, bench/mt_scanners.py counts its sites in the zh-en and ru-en MT
output; this script counts how many of them the expected rule finds (a finding of that rule
touching the site) and how many are gone after `--fix` (safe repairs) and after
`--unsafe-fixes`. It also prints the findings per 1,000 words of every default rule on the
human references, and the translation family's rate on Reuters-21578 and AG News.

    python bench/mt_artefacts.py                        # the kinds, the references, the family
    python bench/mt_artefacts.py --show "decoder loops"  # the sites of one kind, in context
    python bench/mt_artefacts.py --refs-rule WF403       # one rule's findings on the references
    python bench/mt_artefacts.py --safe-sample 60        # random safe fixes on the references
    python bench/mt_artefacts.py --json out.json         # the figures as JSON
    python bench/mt_artefacts.py --judged                # the hand-judged findings, in context

The hand-judged findings on the references are kept as references (record id, offsets, rule,
fix, verdict, reason), never as corpus text: the safe fixes in
tests/data/mt_refs_safe_fixes.jsonl, the unsafe and display findings in
tests/data/mt_refs_other_findings.jsonl. --judged prints each one's context from ../shared,
then the findings the rules make today on the references per 1,000 words, split into judged
right (real slips in the references), judged wrong (false alarms) and not judged.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from mt_scanners import KINDS  # noqa: E402

from wirefix.cleaner import Config, engine_for  # noqa: E402
from wirefix.rules._shared.evidence import english_zipf  # noqa: E402
from wirefix.rules.registry import builtin_rules  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
WMT = SHARED / "wmt22" / "wmt22-into-english.jsonl.gz"
REUTERS = SHARED / "reuters21578" / "reuters21578.jsonl.gz"
AGNEWS = SHARED / "agnews" / "agnews_test.jsonl"
FAMILY = "translation"
JUDGED = ROOT / "tests" / "data" / "mt_refs_safe_fixes.jsonl"
JUDGED_OTHER = ROOT / "tests" / "data" / "mt_refs_other_findings.jsonl"
# Rules added with the family in the whitespace family: their damage is not only MT's (feeds
# and typists leave it too), so their rate on human copy is reported on its own.
WHITESPACE_ADDITIONS = ("WF209", "WF210")


def common_word(word: str) -> bool:
    """Common in English (Zipf 3.5 or more): the name-variant scanner's test."""
    return english_zipf(word.lower()) >= 3.5


def wmt_records() -> list[dict]:
    with gzip.open(WMT, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def is_reference(rec: dict) -> bool:
    return rec["sys"].startswith("ref")


def sites_of(kind: str, text: str) -> list[tuple[int, int]]:
    scanner = KINDS[kind][0]
    return scanner(text, common_word) if kind == "name spelt two ways" else scanner(text)


def _touches(f, s: int, e: int) -> bool:
    """Does the finding's span, or one of the edits its fix makes with it, touch the site?"""
    for a, b in [(f.start, f.end)] + [(x.start, x.end) for x in f.edits()]:
        if (a == b and s <= a <= e) or (a < e and s < b):
            return True
    return False


def measure_kinds(records: list[dict], engine, repair: bool = True) -> dict[str, dict]:
    """Per kind: sites, found (a finding of the kind's rule touches the site), and the sites
    left after the safe fixes and after the unsafe ones too."""
    out = {k: Counter() for k in KINDS}
    missed: dict[str, list] = {k: [] for k in KINDS}
    for rec in records:
        text = rec["text"]
        per_kind = {k: sites_of(k, text) for k in KINDS}
        if not any(per_kind.values()):
            continue
        findings = engine.lint(text)
        for kind, sites in per_kind.items():
            code = KINDS[kind][1]
            own = [f for f in findings if f.code == code]
            for s, e in sites:
                out[kind]["sites"] += 1
                if any(_touches(f, s, e) for f in own):
                    out[kind]["found"] += 1
                else:
                    missed[kind].append((rec["id"], s, e))
        if repair:
            safe = engine.fix(text).text
            unsafe = engine.fix(text, unsafe=True).text
            for kind, sites in per_kind.items():
                if sites:
                    out[kind]["left after --fix"] += len(sites_of(kind, safe))
                    out[kind]["left after --unsafe-fixes"] += len(sites_of(kind, unsafe))
    return {k: dict(v, missed=missed[k]) for k, v in out.items()}


def rule_rates(texts, engine) -> tuple[Counter, Counter, int, list]:
    """Findings per rule, safe fixes per rule, words, and the safe fixes themselves
    (index of the text, finding)."""
    per_rule: Counter = Counter()
    safe: Counter = Counter()
    fixes = []
    words = 0
    for i, text in enumerate(texts):
        words += len(text.split())
        for f in engine.lint(text):
            key = f"{f.code} {f.rule}"
            per_rule[key] += 1
            if f.applicability.value == "safe" and f.fixes:
                safe[key] += 1
                fixes.append((i, f, f.replacement_texts(text)[0]))
    return per_rule, safe, words, fixes


def family_codes() -> set[str]:
    return {r.code for r in builtin_rules() if r.family == FAMILY}


def reuters_bodies() -> list[str]:
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        return [r["body"] for r in map(json.loads, fh)
                if r.get("text_type") == "NORM" and r.get("body")]


def agnews_texts() -> list[str]:
    with open(AGNEWS, encoding="utf-8") as fh:
        return [r["description"] for r in map(json.loads, fh)]


def family_rate(texts, engine, codes=None) -> tuple[int, int, Counter]:
    """Findings of the translation family (or of ``codes``), words, and the findings per
    rule."""
    codes = family_codes() if codes is None else set(codes)
    per_rule: Counter = Counter()
    words = 0
    for text in texts:
        words += len(text.split())
        for f in engine.lint(text):
            if f.code in codes:
                per_rule[f"{f.code} {f.rule}"] += 1
    return sum(per_rule.values()), words, per_rule


def load_judged(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def judged_key(rec_id: str, f, text: str) -> tuple:
    """What a verdict is kept under: the record, the span, the rule, how the fix applies and
    the fix itself (a changed finding is no longer the finding that was judged)."""
    fix = f.replacement_texts(text)[0] if f.fixes else None
    return (rec_id, f.start, f.end, f.code, f.applicability.value, fix)


def judged_index() -> dict[tuple, dict]:
    """Both verdict files by judged_key (the safe file's rows are safe fixes)."""
    out = {}
    for j in load_judged(JUDGED) + load_judged(JUDGED_OTHER):
        out[(j["id"], j["start"], j["end"], j["rule"], j.get("applicability", "safe"), j["fix"])] = j
    return out


def judged_rates(refs: list[dict], engine) -> dict:
    """Every finding the rules make today on the references, as judged right, judged wrong
    or not judged; per rule and per applicability (safe / unsafe / display)."""
    index = judged_index()
    per_rule: dict[str, Counter] = {}
    per_kind: dict[str, Counter] = {}
    words = 0
    for rec in refs:
        text = rec["text"]
        words += len(text.split())
        for f in engine.lint(text):
            j = index.get(judged_key(rec["id"], f, text))
            verdict = j["verdict"] if j else "not judged"
            per_rule.setdefault(f.code, Counter())[verdict] += 1
            per_kind.setdefault(f.applicability.value, Counter())[verdict] += 1
    return {"words": words, "per_rule": per_rule, "per_kind": per_kind}


def print_judged_rates(rates: dict) -> None:
    words = rates["words"]
    total = Counter()
    for c in rates["per_rule"].values():
        total.update(c)
    n = sum(total.values())
    print(f"\nFindings on the human references today ({words:,} words), by verdict")
    print(f"{'rule':<8} {'right':>6} {'wrong':>6} {'not judged':>11}")
    for code, c in sorted(rates["per_rule"].items()):
        print(f"{code:<8} {c['right']:>6} {c['wrong']:>6} {c['not judged']:>11}")
    for kind, c in sorted(rates["per_kind"].items()):
        print(f"{kind:<8} {c['right']:>6} {c['wrong']:>6} {c['not judged']:>11}")
    print(f"{'all':<8} {total['right']:>6} {total['wrong']:>6} {total['not judged']:>11}")
    per_k = {v: 1000 * total[v] / words for v in ("right", "wrong", "not judged")}
    print(f"per 1,000 words: {1000 * n / words:.3f} findings = {per_k['right']:.3f} judged right "
          f"(real slips in the references) + {per_k['wrong']:.3f} judged wrong (false alarms) + "
          f"{per_k['not judged']:.3f} not judged")
    print(f"false alarms: {total['wrong']} of {n} findings (safe, unsafe and display), "
          f"{per_k['wrong']:.3f} per 1,000 words")


def context(text: str, start: int, end: int, width: int = 60) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return (text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi]).replace("\n", "⏎")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", metavar="KIND", help="print the sites of one kind, found or missed")
    ap.add_argument("--missed", action="store_true", help="with --show: only the missed sites")
    ap.add_argument("--refs-rule", metavar="CODE", help="print one rule's findings on the references")
    ap.add_argument("--safe-sample", type=int, metavar="N", help="N random safe fixes on the references")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-corpora", action="store_true", help="skip Reuters and AG News")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--judged", action="store_true", help="print the hand-judged safe fixes in context")
    args = ap.parse_args()
    if not WMT.exists():
        print(f"no corpus at {WMT}", file=sys.stderr)
        return 2
    engine = engine_for(Config())
    records = wmt_records()
    mt = [r for r in records if not is_reference(r)]
    refs = [r for r in records if is_reference(r)]
    figures: dict = {}

    if args.judged:
        texts = {r["id"]: r["text"] for r in records}
        for j in load_judged(JUDGED) + load_judged(JUDGED_OTHER):
            print(f"{j['verdict'].upper():<5} {j['rule']} {j.get('applicability', 'safe')} {j['id']} "
                  f"{j['start']}-{j['end']} → {j['fix']!r}: {j['reason']}\n"
                  f"      {context(texts[j['id']], j['start'], j['end'])}")
        print_judged_rates(judged_rates(refs, engine))
        return 0

    if args.show:
        got = measure_kinds(mt, engine, repair=False)[args.show]
        missed = {(i, s, e) for i, s, e in got["missed"]}
        for rec in mt:
            for s, e in sites_of(args.show, rec["text"]):
                hit = (rec["id"], s, e) not in missed
                if args.missed and hit:
                    continue
                print(f"{'found ' if hit else 'MISSED'} {rec['id'][:48]:<48} {context(rec['text'], s, e)}")
        print(f"{args.show}: {got['found']}/{got['sites']} found")
        return 0

    if args.refs_rule or args.safe_sample:
        texts = [r["text"] for r in refs]
        _, _, _, fixes = rule_rates(texts, engine)
        if args.refs_rule:
            for rec in refs:
                for f in engine.lint(rec["text"]):
                    if f.code == args.refs_rule:
                        print(f"{rec['id']} {f.start}-{f.end} {f.applicability.value} "
                              f"{f.replacement_texts(rec['text'])[:1]}\n"
                              f"    {context(rec['text'], f.start, f.end)}")
        if args.safe_sample:
            rng = random.Random(args.seed)
            for i, f, fix in rng.sample(fixes, min(args.safe_sample, len(fixes))):
                rec = refs[i]
                print(f"{rec['id']} {f.start} {f.end} {f.code} → {fix!r}\n"
                      f"    {context(rec['text'], f.start, f.end)}")
        return 0

    t0 = time.perf_counter()
    kinds = measure_kinds(mt, engine)
    mt_words = sum(len(r["text"].split()) for r in mt)
    print(f"WMT22 zh-en and ru-en MT output: {len(mt):,} documents, {mt_words:,} words "
          f"({time.perf_counter() - t0:.1f}s)")
    print(f"{'artefact kind':<34} {'rule':<6} {'sites':>6} {'found':>6} {'rate':>6} "
          f"{'left --fix':>11} {'left --unsafe':>14}  repair")
    figures["kinds"] = {}
    for kind, got in kinds.items():
        sites, found = got.get("sites", 0), got.get("found", 0)
        rate = found / sites if sites else 1.0
        code, repair = KINDS[kind][1], KINDS[kind][2]
        print(f"{kind:<34} {code:<6} {sites:>6} {found:>6} {rate:>6.2f} "
              f"{got.get('left after --fix', 0):>11} {got.get('left after --unsafe-fixes', 0):>14}  {repair}")
        figures["kinds"][kind] = {k: v for k, v in got.items() if k != "missed"} | {"rule": code}

    texts = [r["text"] for r in refs]
    per_rule, safe, words, fixes = rule_rates(texts, engine)
    total = sum(per_rule.values())
    print(f"\nHuman references (refA, refB): {len(refs):,} documents, {words:,} words; every default rule")
    print(f"{'rule':<48} {'findings':>8} {'per 1k':>8} {'safe':>5}")
    for rule, n in per_rule.most_common():
        print(f"{rule:<48} {n:>8} {1000 * n / words:>8.3f} {safe[rule]:>5}")
    print(f"{'all rules':<48} {total:>8} {1000 * total / words:>8.3f} {sum(safe.values()):>5}  (goal < 1.0)")
    figures["references"] = {"words": words, "findings": total, "per_rule": dict(per_rule),
                             "safe_fixes": dict(safe)}

    if not args.no_corpora and REUTERS.exists():
        figures["family"] = {}
        for name, texts in (("Reuters-21578 NORM bodies", reuters_bodies()),
                            ("AG News descriptions", agnews_texts())):
            n, words, rules = family_rate(texts, engine)
            print(f"\n{name}: translation family {n} findings in {words:,} words, "
                  f"{1000 * n / words:.4f} per 1,000 (goal < 0.05)")
            for rule, k in rules.most_common():
                print(f"    {rule:<44} {k}")
            n2, _, rules2 = family_rate(texts, engine, WHITESPACE_ADDITIONS)
            print(f"  and WF209/WF210 (whitespace): {n2} findings, {1000 * n2 / words:.4f} per 1,000")
            for rule, k in rules2.most_common():
                print(f"    {rule:<44} {k}")
            figures["family"][name] = {"findings": n, "words": words, "per_rule": dict(rules),
                                       "whitespace_additions": dict(rules2)}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
