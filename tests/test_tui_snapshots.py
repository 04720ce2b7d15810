"""Snapshot tests of the review app: SVG screenshots at a fixed terminal size (100×30) with
the cursor blink off, compared with the stored ones under tests/snapshots/.

The screenshots come from ``App.export_screenshot()`` inside ``run_test``, so they depend on
the Textual version: the dev extra pins it (pyproject.toml). After a deliberate change to the
app's look, regenerate them and review the SVGs in the diff::

    WIREFIX_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_tui_snapshots.py

A mismatch writes the new screenshot next to the test's tmp folder and names it in the
failure, so that it can be opened in a browser beside the stored one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from wirefix.cleaner.review import ReviewSession
from wirefix.tui.app import ReviewApp

from review_rules import review_engine

pytestmark = pytest.mark.asyncio
SNAPSHOTS = Path(__file__).parent / "snapshots"
SIZE = (100, 30)
STORY = ("They had teh talks on Monday, somewhat late. Officials said teh talks failed "
         "<<< and teh minister left [at once].\n\nTeh end.\n")


def compare(name: str, svg: str, tmp_path: Path) -> None:
    stored = SNAPSHOTS / f"{name}.svg"
    if os.environ.get("WIREFIX_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        stored.write_text(svg, encoding="utf-8")
        return
    assert stored.exists(), (f"no stored snapshot {stored}; create it with "
                             f"WIREFIX_UPDATE_SNAPSHOTS=1")
    if stored.read_text(encoding="utf-8") != svg:
        actual = tmp_path / f"{name}.actual.svg"
        actual.write_text(svg, encoding="utf-8")
        pytest.fail(f"the screen differs from {stored}; the new one is {actual} "
                    f"(regenerate with WIREFIX_UPDATE_SNAPSHOTS=1 if the change is wanted)")


async def shot(tmp_path: Path, keys: tuple[str, ...]) -> str:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(story), engine=review_engine()), cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=False) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        return app.export_screenshot(title="wirefix review")


@pytest.mark.parametrize("name, keys", [
    ("opened", ()),
    ("decided", ("y", "n", "m")),
    ("alternatives_chosen", ("2",)),
    ("help", ("question_mark",)),
    ("edit_modal", ("e",)),
    ("accept_all_confirm", ("A",)),
])
async def test_snapshot(name, keys, tmp_path):
    compare(name, await shot(tmp_path, keys), tmp_path)
