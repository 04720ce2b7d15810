"""How fast `wirefix review` opens a long story with many suggestions, and how fast it
answers a key. The targets (issues 5 and 11): a 5,000-word story with 500 suggestions opens
in under 1 s, and a key answers in under 100 ms. Prints figures; asserts nothing.

The story is the seed's paragraphs repeated to 5,000 words, with damage the catalogue
finds (doubled words, runs of spaces) sprinkled in at fixed, seeded positions until the
review lists at least 500 changes. "Open" is measured as a user sees it: from reading the
file to the first full screen, with the app running headless in this process at 120×40
(ReviewSession.open + ReviewApp mount + list and detail drawn). The baseline, from the
same run, is `cleaner.lint` of the same story: what any front end must pay.

    .venv/bin/python bench/bench_review.py [--words 5000] [--changes 500] [--repeat 3]
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirefix.cleaner import Config, engine_for  # noqa: E402
from wirefix.cleaner.review import ReviewSession  # noqa: E402

SEED = ROOT / "seeds" / "000_671eb16220e30160.txt"


def make_story(words: int, changes: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    paragraphs = [p.split() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[list[str]] = []
    total = 0
    while total < words:
        for p in paragraphs:
            take = p[:max(0, words - total)]
            if take:
                out.append(list(take))
                total += len(take)
    engine = engine_for(Config())

    def join() -> str:
        return "\n\n".join(" ".join(p) for p in out) + "\n"

    text = join()
    # add damage in batches until the review lists enough changes
    while len(ReviewSession(text, engine=engine).changes) < changes:
        for _ in range(50):
            para = rng.choice([p for p in out if len(p) > 3])
            i = rng.randrange(1, len(para))
            if rng.random() < 0.5 and para[i].isalpha() and para[i].islower():
                para.insert(i, para[i])           # a doubled word
            elif not para[i].startswith(" "):
                para[i] = "  " + para[i]          # a run of spaces
        text = join()
    return text


async def _open_once(path: Path) -> tuple[float, int, float]:
    from wirefix.tui.app import ReviewApp

    t0 = time.perf_counter()
    session = ReviewSession.open(str(path))
    app = ReviewApp(session, cursor_blink=False, watch_disk=False)
    async with app.run_test(size=(120, 40), notifications=False) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - t0
        n = app.changes_list.option_count
        # responsiveness: what y (accept, log, move on, redraw the row, the header and the
        # detail) costs in the app, per key; Pilot's own pauses between keys are left out
        t1 = time.perf_counter()
        for _ in range(50):
            app.action_accept()
        await pilot.pause()
        per_key = (time.perf_counter() - t1) / 50
    return opened, n, per_key


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--changes", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    text = make_story(args.words, args.changes)
    engine = engine_for(Config())
    engine.lint(text)                             # warm the rule caches
    lint_times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        engine.lint(text)
        lint_times.append(time.perf_counter() - t)
    lint_s = statistics.median(lint_times)

    opens, keys = [], []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            story = Path(tmp) / f"story{i}.txt"       # a fresh story: no decisions log
            story.write_text(text, encoding="utf-8")
            opened, count, per_key = asyncio.run(_open_once(story))
            opens.append(opened)
            keys.append(per_key)
    open_s = statistics.median(opens)
    key_s = statistics.median(keys)
    words = len(text.split())
    print(f"story: {words:,} words, {len(text):,} characters, {count} changes listed")
    print(f"baseline cleaner.lint:        {lint_s * 1000:8.1f} ms (median of {args.repeat})")
    print(f"wirefix review opens in:      {open_s * 1000:8.1f} ms "
          f"({open_s / lint_s:.1f}× the lint; target < 1000 ms: "
          f"{'met' if open_s < 1 else 'MISSED'})")
    print(f"a key (y: accept, move on):   {key_s * 1000:8.1f} ms "
          f"({key_s / lint_s:.2f}× the lint; target < 100 ms: "
          f"{'met' if key_s < 0.1 else 'MISSED'})")
    return {"words": words, "changes": count, "lint_s": lint_s, "open_s": open_s,
            "key_s": key_s}


if __name__ == "__main__":
    main()
