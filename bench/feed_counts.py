"""Feed damage before and after `--fix`: artefact counts on AG News and Reuters-21578, the ftfy
peer suite, and the time the feed rules take against ftfy.fix_text on the same texts.

Each text is fixed in this process through the engine (cleaner.fix), with the feed-damage
families selected (encoding, whitespace, feed furniture, quote/dash/ellipsis style, and the
story-edge trimming), or with the whole default catalogue (--default). The artefact
patterns are the ones in ../shared/corpora/artefact_counts.json. Prints figures; asserts
nothing.

    .venv/bin/python bench/feed_counts.py [--default] [--limit N]
    .venv/bin/python bench/feed_counts.py --damage    # the damage generator's table (issue 14)
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter

import regex

from _common import AGNEWS, REUTERS_GZ, ROOT, SHARED, heading, need_shared

FEED_SELECT = ("encoding", "whitespace", "WF35", "WF45", "WF46", "WF47", "WF303")

ARTEFACTS = {
    "named entity (&lt; &amp; ...)": r"&(?:lt|gt|amp|quot|apos|nbsp);",
    "numeric reference (&#N;)": r"&#\d+;",
    "bare numeric entity (#39;)": r"(?<!&)#\d+;",
    "bare named entity (quot;)": r"(?<![&\w])(?:quot|amp|lt|gt|apos|nbsp);",
    "escaped HTML tag": r"(?i)&lt;/?(?:a|b|i|p|br|font|strong|em|span|div)\b[^&<>]{0,200}&gt;",
    "backslash": r"\\",
    "run of 2+ spaces": r" {2,}",
    "run of 2+ spaces mid-line": r"(?<=\S) {2,}(?=\S)",
    "space before , ; : ! ?": r"(?<=\S) [,;:!?](?=\s|$)",
    "tokenised clitic (do n't, it 's)": r"\w \b(?:n't|'s|'re|'ve|'ll|'d|'m)\b",
    "'--' between words": r"\w ?--(?!-) ?\w",
    "sign-off (Reuter ... &#3;)": r"\b(?:Reuter|REUTER|reuter|REUTERS|Reuters)\s*&#3;\s*\Z",
    "line break inside a paragraph": r"(?<=[^\n])\n(?=[^\s])",
    "white space at the edges (beyond one final line break)": r"\A\s|[^\S\n]\Z|\s\n\Z",
}
PATTERNS = {k: regex.compile(v) for k, v in ARTEFACTS.items()}


def counts(texts) -> Counter:
    c: Counter = Counter()
    for t in texts:
        for k, p in PATTERNS.items():
            c[k] += len(p.findall(t))
    return c


def run(name: str, texts: list[str], config, ftfy_fix) -> None:
    from wirefix.cleaner import fix

    cpu = time.process_time()
    results = [fix(t, config) for t in texts]
    wf = time.process_time() - cpu
    cpu = time.process_time()
    for t in texts:
        ftfy_fix(t)
    ft = time.process_time() - cpu
    before, after = counts(texts), counts(r.text for r in results)
    changed = sum(1 for t, r in zip(texts, results, strict=True) if r.text != t)
    edits = Counter()
    for r in results:
        edits.update(f"{e.code} {e.rule}" for e in r.plan.edits)
    heading(f"{name}: {len(texts):,} texts, {changed:,} changed, "
            f"{sum(not r.converged for r in results)} did not converge")
    print(f"{'artefact':56}{'before':>10}{'after':>10}")
    for k in ARTEFACTS:
        if before[k] or after[k]:
            print(f"{k:56}{before[k]:>10,}{after[k]:>10,}")
    print("\nrepairs applied, by rule:")
    for rule, n in edits.most_common():
        print(f"  {rule:44}{n:>10,}")
    left = Counter(f"{f.code} {f.rule} [{f.applicability.value}]" for r in results
                   for f in r.remaining)
    if left:
        print("findings left after --fix:")
        for rule, n in left.most_common(12):
            print(f"  {rule:52}{n:>8,}")
    print(f"\nCPU time: wirefix fix {wf:.1f} s, ftfy.fix_text {ft:.1f} s on the same texts "
          f"(ratio {wf / ft if ft else float('inf'):.1f}x)")


def peer(config) -> None:
    from wirefix.cleaner import fix

    quotes = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
    heading("ftfy peer suite (../shared/peer/ftfy-test-cases), `--select encoding`")
    for name in ("in-the-wild", "language-names", "synthetic", "negative", "known-failures"):
        cases = json.loads((SHARED / "peer" / "ftfy-test-cases" / f"{name}.json").read_text())
        ok = 0
        for c in cases:
            want = c.get("fixed-encoding", c["fixed"])
            ok += fix(c["original"], config).text.translate(quotes) == want.translate(quotes)
        print(f"  {name:16}{ok:>4} / {len(cases)} match ftfy's expected output "
              f"({cases[0]['expect']} cases)")


def damage_table() -> None:
    """The share of each feed damage kind (tests/feed_damage.py) that the safe fix undoes,
    on the project's own stories and on Reuters bodies (as tests/test_feed_damage.py
    measures it), with the whole default catalogue."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    import feed_damage as fd

    from wirefix.cleaner import Config, Document, fix

    config = Config()

    def fixed(text: str) -> str:
        return fix(text, config).text

    ours = [p.read_text(encoding="utf-8")
            for p in sorted((ROOT / "tests" / "data" / "feed_stories").glob("*.txt"))]
    with gzip.open(REUTERS_GZ, "rt", encoding="utf-8") as fh:
        bodies = [d["body"] for d in map(json.loads, fh) if d["text_type"] == "NORM"][::97]
    reuters = fd.clean_stories(bodies, fixed, Document)
    kinds = [*fd.KINDS, *fd.REPORTED_KINDS]
    heading(f"feed damage undone by the safe fix: {len(ours)} stories of ours, {len(reuters)} "
            f"Reuters stories, strengths {fd.STRENGTHS}")
    a, b = fd.measure(ours, kinds, fixed), fd.measure(reuters, kinds, fixed)
    print(f"{'kind':16}{'ours':>8}{'left/made':>14}{'Reuters':>9}{'left/made':>14}")
    for k in kinds:
        print(f"{k:16}{a[k]['undone']:>8.3f}{a[k]['left']:>7}/{a[k]['made']:<6}"
              f"{b[k]['undone']:>9.3f}{b[k]['left']:>7}/{b[k]['made']:<6}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--default", action="store_true",
                    help="the whole default catalogue instead of the feed families")
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts of each corpus")
    ap.add_argument("--damage", action="store_true",
                    help="only the damage generator's table: the share of each kind undone")
    args = ap.parse_args(argv)
    need_shared()
    if args.damage:
        damage_table()
        return
    import ftfy

    from wirefix.cleaner import Config

    config = Config() if args.default else Config(select=FEED_SELECT)
    print("configuration:", "default catalogue" if args.default else f"select {FEED_SELECT}")
    rows = [json.loads(line) for line in AGNEWS.open(encoding="utf-8")]
    ag = [r[f] for r in rows for f in ("title", "description")]
    with gzip.open(REUTERS_GZ, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    bodies = [d["body"] for d in docs if d["text_type"] == "NORM"]
    tables = [d["unproc_text"] for d in docs if d["text_type"] == "UNPROC"]
    if args.limit:
        ag, bodies, tables = ag[:args.limit], bodies[:args.limit], tables[:args.limit]
    run("AG News titles and descriptions", ag, config, ftfy.fix_text)
    run("Reuters-21578 NORM bodies", bodies, config, ftfy.fix_text)
    run("Reuters-21578 UNPROC tables", tables, config, ftfy.fix_text)
    peer(Config(select=("encoding",)))


if __name__ == "__main__":
    main()
