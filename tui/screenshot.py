"""Make the README's screenshot: the review app on a story, as an SVG exported by Textual.

    .venv/bin/python -m tui.screenshot docs/review.svg [STORY] [--keys y,y,y]

The story is copied to a temporary folder first, so that no decisions log is written next
to it. The app runs headless at 120×36 with the cursor blink off."""
from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

from wirefix.cleaner.review import ReviewSession

from .app import ReviewApp

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_671eb16220e30160.txt"


async def _shoot(story: Path, keys: list[str], size: tuple[int, int]) -> str:
    app = ReviewApp(ReviewSession.open(str(story)), cursor_blink=False)
    async with app.run_test(size=size, notifications=False) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        return app.export_screenshot(title="wirefix review")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output")
    ap.add_argument("story", nargs="?", default=str(SEED))
    ap.add_argument("--keys", default="y,y,y", help="keys to press first, comma-separated")
    ap.add_argument("--size", default="120x36")
    args = ap.parse_args(argv)
    width, height = (int(x) for x in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / Path(args.story).name
        shutil.copyfile(args.story, copy)
        keys = [k for k in args.keys.split(",") if k]
        svg = asyncio.run(_shoot(copy, keys, (width, height)))
    Path(args.output).write_text(svg, encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
