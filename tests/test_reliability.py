"""Issue 18: nothing lost and nothing slow, whatever the input, the config or the disk.

Each numbered case of the issue is reproduced here through the installed `wirefix`, as a user
(or a pre-commit hook, or a pipeline) meets it; the guarantees of docs/cli.md ("Guarantees")
are tested here too. The fault cases need a small disk: a 400 KB tmpfs, which needs root (CI
runs as root). Where the machine forbids the mount they skip with the reason, and fail
instead under WIREFIX_REQUIRE_SHARED=1, as CI can mount one."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DAMAGED = "Talks  with the the minister began.\n\nHe said no.\n"
FIXED = "Talks with the minister began.\n\nHe said no.\n"
PINNED = 'select = ["WF010", "WF201"]\n'


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("WIREFIX_REQUIRE_SHARED") == "1":
        pytest.fail(f"{reason}; CI runs as root and can mount a tmpfs, and "
                    f"WIREFIX_REQUIRE_SHARED=1 makes the fault tests mandatory")
    pytest.skip(reason)


@pytest.fixture
def small_disk(tmp_path):
    """A 400 KB tmpfs, unmounted after the test."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if shutil.which("mount") is None:
        _skip_or_fail("no `mount` command on this machine")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mnt)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        _skip_or_fail(f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not root'})")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def stories(folder: Path, n: int, size: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    line = "WASHINGTON (Reuters) - The the minister said on Friday that talks went on.\n"
    for i in range(n):
        (folder / f"s{i:02d}.txt").write_text(line * (size // len(line) + 1), encoding="utf-8")
    return folder


# -- 1. batch to a folder on a full disk -----------------------------------------------------
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_1_batch_to_a_folder_on_a_full_disk_is_an_error_and_leaves_nothing(tmp_path, small_disk,
                                                                           jobs):
    src = stories(tmp_path / "in", 40, 16_000)          # 640 KB of stories, a 400 KB disk
    out = small_disk / "out"
    proc = run_cli("batch", str(src), "-o", str(out), "-j", jobs)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "No space left on device" in err and "nothing was written" in err
    assert not out.exists()
    assert os.listdir(small_disk) == []          # no temporary folder left behind
    assert ".wirefix-tmp" not in err              # the message names the output, not a temp


def test_1_batch_to_a_folder_that_fits_the_disk_is_whole(tmp_path, small_disk):
    src = stories(tmp_path / "in", 10, 4_000)
    out = small_disk / "out"
    proc = run_cli("batch", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    for f in src.iterdir():
        got = (out / f.name).read_text(encoding="utf-8")
        assert got and "The the" not in got


def test_1_jsonl_batch_on_a_full_disk_is_an_error_too(tmp_path, small_disk):
    rows = [json.dumps({"text": "The the talks went on.  " * 200}) + "\n" for _ in range(200)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(rows), encoding="utf-8")
    out = small_disk / "out.jsonl"
    proc = run_cli("batch", str(src), "-o", str(out))
    assert proc.returncode == 2, proc.stderr.decode()
    assert not out.exists() and os.listdir(small_disk) == []


def test_1_check_fix_on_a_full_disk_keeps_the_story(tmp_path, small_disk):
    story = small_disk / "story.txt"
    text = DAMAGED * 3000                                # ~150 KB: two copies do not fit
    story.write_text(text, encoding="utf-8")
    (small_disk / "filler").write_bytes(b"x" * (400_000 - 2 * len(text) + 60_000))
    proc = run_cli("check", "--fix", "--select", "WF010,WF201", str(story))
    assert proc.returncode == 2, proc.stderr.decode()
    assert "could not write the fixed story" in proc.stderr.decode()
    assert story.read_text(encoding="utf-8") == text
    assert sorted(os.listdir(small_disk)) == ["filler", "story.txt"]
