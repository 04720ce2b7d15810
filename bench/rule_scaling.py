#!/usr/bin/env python3
"""Does a rule's cost grow linearly with the story? (issue #18: name-spelling-variant was
quadratic: 1 MB of joined Reuters bodies took 23 s, 4 MB 481 s.)

Joins Reuters-21578 bodies into one story of 256 KB, 1 MB and 4 MB, lints each with only
the selected rules (best of --repeat runs, in this process), and prints the time of each
size and the ratio of the 4 MB time to the 1 MB one. Linear is 4x; the goal is at most 4.5x.

    python bench/rule_scaling.py                         # WF932 and the translation family
    python bench/rule_scaling.py --select WF932 --select WF947
"""
from __future__ import annotations

import argparse
import sys
import time

from _common import heading, reuters_bodies

from wirefix.cleaner import Config, Engine

SIZES = (256 * 1024, 1024 * 1024, 4 * 1024 * 1024)
GOAL = 4.5


def joined(bodies: list[str], size: int) -> str:
    """Bodies joined by blank lines until the story has ``size`` characters."""
    parts, n = [], 0
    for body in bodies * (1 + size // max(1, sum(map(len, bodies)))):
        parts.append(body)
        n += len(body) + 2
        if n >= size:
            break
    return "\n\n".join(parts)[:size]


def time_lint(engine: Engine, text: str, repeat: int) -> float:
    best = float("inf")
    for i in range(repeat):
        # a different text each time: the engine remembers the last text's prose findings
        variant = f"{text}\n\nRun {i}."
        t = time.perf_counter()
        engine.lint(variant)
        best = min(best, time.perf_counter() - t)
    return best


def scaling(select: tuple[str, ...], bodies: list[str], repeat: int = 2) -> dict[int, float]:
    engine = Engine(Config(select=select))
    engine.lint(joined(bodies, 4096))  # warm up: imports, word lists
    return {size: time_lint(engine, joined(bodies, size), repeat) for size in SIZES}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--select", action="append", help="rules or families (repeatable)")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    selections = [(s,) for s in (args.select or ["WF932", "translation"])]
    bodies = reuters_bodies()
    worst = 0.0
    for select in selections:
        heading(f"check --select {','.join(select)} on joined Reuters bodies")
        times = scaling(select, bodies, args.repeat)
        for size, secs in times.items():
            print(f"  {size // 1024:>5} KB  {secs:8.3f} s")
        ratio = times[SIZES[2]] / max(times[SIZES[1]], 1e-9)
        worst = max(worst, ratio)
        print(f"  4 MB / 1 MB = {ratio:.2f}x  (linear 4x, goal <= {GOAL}x)")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
