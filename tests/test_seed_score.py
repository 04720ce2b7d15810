"""The seed story against its annotated damage, through the CLI's JSON contract, with the
scorer from ../shared/eval (as CI and the issue run it)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def score(shared, wirefix_exe):
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score_seed.py"),
                           "--wirefix", wirefix_exe, "--json"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_every_required_item_holds(score):
    code, res = score
    missed = [r["id"] for r in res["rows"] if not r["ok"]]
    assert missed == []
    assert res["required_ok"] == res["required"]
    assert code == 0


def test_protected_copy_is_untouched(score):
    _, res = score
    assert res["protected_touched"] == []
    assert res["protected_changed_by_fix"] == []


def test_fix_is_idempotent_and_findings_are_on_the_damage(score):
    _, res = score
    assert res["fix_is_idempotent"]
    assert res["unmatched_findings"] <= 3


def test_stretch_items_are_found(score):
    _, res = score
    assert res["stretch_detected"] == 2
