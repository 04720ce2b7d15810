"""Profile the hot path (engine.fix over Reuters bodies) with pyinstrument and print the
call tree, so that the slow frames are plain to see. Not a timing: pyinstrument's sampling
adds overhead; use bench/throughput.py for figures.

    .venv/bin/python bench/profile_hot_path.py [--limit 4000] [--html bench/out/profile.html]
"""
from __future__ import annotations

import argparse

from _common import OUT, heading, reuters_bodies


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=4000)
    ap.add_argument("--html", help="also write an HTML report here")
    ap.add_argument("--lint", action="store_true", help="profile lint instead of fix")
    args = ap.parse_args(argv)

    from pyinstrument import Profiler

    from wirefix.cleaner import Config, engine_for

    bodies = reuters_bodies()[:args.limit]
    engine = engine_for(Config())
    run = engine.lint if args.lint else engine.fix
    for x in bodies[:50]:
        run(x)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for x in bodies:
        run(x)
    profiler.stop()
    heading(f"pyinstrument: engine.{'lint' if args.lint else 'fix'} over {len(bodies):,} "
            f"Reuters bodies")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        OUT.mkdir(parents=True, exist_ok=True)
        with open(args.html, "w", encoding="utf-8") as fh:
            fh.write(profiler.output_html())
        print(f"HTML report: {args.html}")


if __name__ == "__main__":
    main()
