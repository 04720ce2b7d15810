"""Do the feed rules scale linearly? Times one rule's lint on an adversarial input of size n
and of size 4n, and prints the ratio (issue 18: 4x the input must cost at most ~4.5x the
time). Prints figures; asserts nothing (a benchmark is not a test).

    .venv/bin/python bench/feed_scaling.py [--size 16000] [--repeat 3]

The inputs are the ones issue 18 found quadratic: 16 KB of written "\\n" escapes for
backslash-line-break (8.6 s before, 34 s for 32 KB), and a single line of "#39;" for
bare-entity, whose every finding asked waits_for_unwrap, which searched the whole text for a
line break each time (1 MB: 28 s). Each rule runs alone through the engine (lint with only
that rule selected), with other rules' costs kept out; the whole feed selection is timed too.
The garbage collector is off while a lint is timed (its pauses follow the number of live
objects, not the rule's work) and the fastest of --repeat runs counts: the machine is shared.
"""
from __future__ import annotations

import argparse
import gc
import time

import _common  # noqa: F401  (puts the project on sys.path)

CASES = {
    # rule (or selection) -> a unit repeated to make the input
    "WF207 backslash-line-break: written escapes": ("WF207", "\\n"),
    "WF207 backslash-line-break: AG line breaks": ("WF207", "word\\other "),
    "WF105 bare-entity: one line of #39;": ("WF105", "#39;"),
    "WF105 bare-entity: #39; in short lines": ("WF105", "it #39;s\n"),
    "WF201 space-run: double spaces in one line": ("WF201", "a  b "),
    "WF204 hard-wrap: a wrapped paragraph": ("WF204", "the talks went on in Vienna on Monday and\n"),
    "feed families: one line of #39; and quot;": (
        ("encoding", "whitespace", "WF35", "WF45", "WF46", "WF47", "WF303"), "x #39;s quot;y quot; "),
}


def _time(config, text: str, repeat: int) -> float:
    from wirefix.cleaner import lint

    best = float("inf")
    for _ in range(repeat):
        # the collector's pauses grow with every object alive in the process (tens of
        # thousands of findings here) and come and go from run to run: it is kept out
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            lint(text, config)
            best = min(best, time.process_time() - t)
        finally:
            gc.enable()
    return best


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=16_000, help="characters of the smaller input")
    ap.add_argument("--repeat", type=int, default=5, help="runs per size (the fastest counts)")
    args = ap.parse_args(argv)
    from wirefix.cleaner import Config

    print(f"{'case':48}{'n':>9}{'t(n) s':>9}{'t(4n) s':>9}{'ratio':>7}")
    ratios = {}
    for name, (select, unit) in CASES.items():
        config = Config(select=(select,) if isinstance(select, str) else select)
        small = unit * (args.size // len(unit))
        large = small * 4
        _time(config, unit * 10, 1)                 # imports and caches out of the timing
        t1 = _time(config, small, args.repeat)
        t4 = _time(config, large, args.repeat)
        ratios[name] = t4 / t1 if t1 else float("inf")
        print(f"{name:48}{len(small):>9,}{t1:>9.3f}{t4:>9.3f}{ratios[name]:>7.2f}", flush=True)
    worst = max(ratios.values())
    print(f"\nworst ratio {worst:.2f} (linear is 4.0; issue 18 allows about 4.5)")
    return ratios


if __name__ == "__main__":
    main()
