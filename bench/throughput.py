"""Throughput of wirefix (default families, safe fixes) against ftfy.fix_text alone, on the
same Reuters-21578 bodies in the same run, reported as MB/s, words/s and a time ratio.

Both run in this process after a warm-up, alternating, and each figure is the median of
--repeat passes over all bodies. Times are CPU seconds of this process (time.process_time):
the developers' machine is shared, and CPU time stays steady while other jobs run, where
wall time does not; both are single-threaded, so on an idle machine the two agree (the wall
times are printed too). wirefix is timed through the engine the CLI and the batch
mode use: engine_for(Config()).fix(text). Prints figures; asserts nothing.

    .venv/bin/python bench/throughput.py [--repeat 3] [--limit N]
"""
from __future__ import annotations

import argparse
import time

from _common import heading, median, reuters_bodies, utf8_bytes, words


def _time(fn, texts) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to run ``fn`` over ``texts``."""
    c, w = time.process_time(), time.perf_counter()
    for x in texts:
        fn(x)
    return time.process_time() - c, time.perf_counter() - w


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N bodies")
    args = ap.parse_args(argv)

    import ftfy

    from wirefix.cleaner import Config, engine_for

    bodies = reuters_bodies()
    if args.limit:
        bodies = bodies[:args.limit]
    mb = utf8_bytes(bodies) / 1e6
    nwords = words(bodies)
    engine = engine_for(Config())
    wirefix_fix = engine.fix
    wirefix_lint = engine.lint
    # warm-up: caches, lazily built data, the first call of every rule
    for x in bodies[:200]:
        ftfy.fix_text(x)
        wirefix_fix(x)

    runs: dict[str, list[tuple[float, float]]] = {"ftfy": [], "fix": [], "lint": []}
    for _ in range(args.repeat):
        runs["ftfy"].append(_time(ftfy.fix_text, bodies))
        runs["fix"].append(_time(wirefix_fix, bodies))
        runs["lint"].append(_time(wirefix_lint, bodies))
    cpu = {k: median([c for c, _ in v]) for k, v in runs.items()}
    wall = {k: median([w for _, w in v]) for k, v in runs.items()}
    f, w, li = cpu["ftfy"], cpu["fix"], cpu["lint"]

    heading(f"throughput: {len(bodies):,} Reuters bodies, {mb:.2f} MB, {nwords:,} words "
            f"({len(engine.rules)} rules enabled; median of {args.repeat})")
    print(f"{'':28}{'CPU s':>8}{'MB/s':>8}{'words/s':>11}{'wall s':>9}")
    for name, key in (("ftfy.fix_text", "ftfy"), ("wirefix fix (default)", "fix"),
                      ("wirefix lint only", "lint")):
        t = cpu[key]
        print(f"{name:28}{t:8.2f}{mb / t:8.2f}{nwords / t:11,.0f}{wall[key]:9.2f}")
    ratio = w / f
    print(f"time ratio wirefix fix / ftfy.fix_text: {ratio:.2f} CPU, "
          f"{wall['fix'] / wall['ftfy']:.2f} wall  (target <= 2.0)")
    return {"ftfy_s": f, "wirefix_s": w, "lint_s": li, "mb": mb, "words": nwords,
            "ratio": ratio, "wall_ratio": wall["fix"] / wall["ftfy"], "rules": len(engine.rules)}


if __name__ == "__main__":
    main()
