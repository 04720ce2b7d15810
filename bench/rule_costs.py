"""Where the engine's time goes on the Reuters bodies: the document views, the one scan that
finds every rule's candidates (cleaner.scan), each rule's check, and the engine's own work
(fingerprints, edit plans), as seconds and as a share of one lint pass. Run it after adding rules to see which ones are hot.

    .venv/bin/python bench/rule_costs.py [--limit N] [--top 15]
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict

from _common import heading, reuters_bodies


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)

    from wirefix.cleaner import Config, Document, engine_for

    bodies = reuters_bodies()
    if args.limit:
        bodies = bodies[:args.limit]
    engine = engine_for(Config())
    ctx = engine.context
    cost: dict[str, float] = defaultdict(float)
    fired: dict[str, int] = defaultdict(int)
    skipped: dict[str, int] = defaultdict(int)
    failed: dict[str, int] = defaultdict(int)
    views = ("lines", "paragraphs", "sentences", "tokens")
    perf = time.process_time   # CPU time: steady while other jobs share the machine
    built: dict[str, int] = defaultdict(int)

    from wirefix.cleaner.scan import Scanner

    scanner = Scanner(engine.rules)
    scanner.prepare()

    def run_rules(doc) -> None:
        hits = scanner.hits(doc.text)
        for i, rule in enumerate(engine.rules):
            if i in hits:
                try:
                    for _ in rule.check(doc, ctx):
                        pass
                except Exception:  # noqa: BLE001
                    pass

    for text in bodies:
        # which shared views do the rules build for this text? (an untimed dry run)
        scratch = Document(text)
        run_rules(scratch)
        needed = [v for v in views if v in scratch.__dict__]
        doc = Document(text)
        for v in needed:  # charged to the document, not to the first rule that asks
            built[v] += 1
            t = perf()
            getattr(doc, v)
            cost[f"document.{v}"] += perf() - t
        t = perf()
        hits = scanner.hits(text)
        cost["scan (every rule's candidates)"] += perf() - t
        for i, rule in enumerate(engine.rules):
            key = f"{rule.code} {rule.name}"
            if i not in hits:
                skipped[key] += 1
                continue
            t = perf()
            try:
                n = sum(1 for _ in rule.check(doc, ctx))
            except Exception:  # noqa: BLE001 - counted: a rule that raises is a bug
                n = 0
                failed[key] += 1
            cost[key] += perf() - t
            fired[key] += n
    t = perf()
    for text in bodies:
        engine.lint(text)
    lint_total = perf() - t
    in_rules = sum(cost.values())

    heading(f"rule costs: {len(bodies):,} Reuters bodies, one lint pass = {lint_total:.2f} s "
            f"(rules and views {in_rules:.2f} s, engine overhead "
            f"{max(0.0, lint_total - in_rules):.2f} s)")
    print("(a document view is counted for the bodies whose rules build it: "
          + ", ".join(f"{v} {built[v]:,}" for v in views) + "; all rules run on the text as "
          "given, where a real lint runs the prose rules on the raw-repaired copy)")
    print(f"{'':44}{'seconds':>8}{'share':>7}{'skipped':>9}{'findings':>9}{'raised':>8}")
    ranked = sorted(cost.items(), key=lambda kv: -kv[1])
    for key, secs in ranked[:args.top]:
        print(f"{key[:43]:44}{secs:8.2f}{secs / lint_total:7.0%}"
              f"{skipped.get(key, 0):9,}{fired.get(key, 0):9,}{failed.get(key, 0):8,}")
    return {"lint_s": lint_total, "top": ranked[:args.top]}


if __name__ == "__main__":
    main()
