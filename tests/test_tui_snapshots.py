"""Snapshot tests of the review app: SVG screenshots at fixed terminal sizes with the cursor
blink off, compared with the stored ones under tests/snapshots/. The small test story (the
test rules of tests/review_rules.py) at 100×30, and the seed with the real catalogue at
80×24 and 120×40: the first screen, a restored quotation's diff, and the edit box.

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

from conftest import SEED
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


async def shot(tmp_path: Path, keys: tuple[str, ...], *, text: str = STORY, engine=None,
               size: tuple[int, int] = SIZE) -> str:
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(story), engine=engine or review_engine()),
                    cursor_blink=False, watch_disk=False)
    async with app.run_test(size=size, notifications=False) as pilot:
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


def _seed_keys(what: str) -> tuple[str, ...]:
    changes = ReviewSession(SEED.read_text(encoding="utf-8")).changes
    if what == "opened":
        return ()
    if what == "quotation":
        quote = next(c for c in changes if c.rule == "stripped-quotation-marks" and not c.is_flag)
        return ("J",) * quote.index
    flag = next(c for c in changes if c.is_flag and c.rule == "stripped-quotation-marks")
    return ("J",) * flag.index + ("e",)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("what", ["opened", "quotation", "edit_box"])
async def test_seed_snapshot(what, size, tmp_path):
    from wirefix.cleaner import Config, engine_for
    svg = await shot(tmp_path, _seed_keys(what), text=SEED.read_text(encoding="utf-8"),
                     engine=engine_for(Config()), size=size)
    compare(f"seed_{what}_{size[0]}x{size[1]}", svg, tmp_path)
