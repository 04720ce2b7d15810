"""bench/safe_fix_restores.py judges a safe fix on a damaged story by whether it brings the
story closer to its clean original. The judge itself must tell a fix that restores from one
that does nothing or harms; and on a few stories of the set, every safe fix restores."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from wirefix.cleaner import Config, engine_for
from wirefix.cleaner.findings import Applicability, Edit, Fix

import mt_damage

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("safe_fix_restores",
                                               ROOT / "bench" / "safe_fix_restores.py")
restores = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(restores)

CLEAN = "The talks ended.\n\nIt’s the minimum, she said.\n\nOfficials left.\n"
DAMAGED = "The talks ended.\n\nIts the minimum, she said.\n\nOfficials left.\n"


def _fix(start: int, end: int, text: str) -> Fix:
    return Fix((Edit(start, end, text),), Applicability.SAFE, "")


def test_the_judge_tells_restoring_from_harming():
    at = DAMAGED.index("Its") + 2
    assert restores.judge(CLEAN, DAMAGED, _fix(at, at, "’")) == "restores"
    assert restores.judge(CLEAN, DAMAGED, _fix(at, at, "")) == "neutral"
    assert restores.judge(CLEAN, DAMAGED, _fix(at + 1, at + 2, "")) == "harms"
    # a wrong edit in another paragraph is seen too
    far = DAMAGED.index("left")
    assert restores.judge(CLEAN, DAMAGED, _fix(far, far + 4, "stayed")) == "harms"


def test_safe_fixes_on_damaged_stories_restore_them():
    engine = engine_for(Config())
    judged = 0
    for _name, clean, damaged, _sites in mt_damage.damaged_set("holdout7")[:4]:
        for f in engine.lint(damaged):
            if f.applicability is Applicability.SAFE and f.fixes:
                assert restores.judge(clean, damaged, f.fixes[0]) == "restores", f
                judged += 1
    assert judged >= 10
