"""The lint hook, run by real pre-commit: `pre-commit try-repo` on this repository, in a
temporary git repo holding a damaged story and a clean one.

try-repo installs the hook's environment from the repository (pip install of wirefix and its
dependencies from the package registry) into a throwaway store on every call, so this file
makes two calls (about half a minute each): every hook on the damaged story, then every hook
on clean copy. A snapshot of the working tree is committed to a scratch repo first, so that
uncommitted work is tested too and the hook definitions are the ones in this tree."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.slow

DAMAGED = "Talks  with the the minister began on Monday.\n"
FIXED = "Talks with the minister began on Monday.\n"
CLEAN = "Talks with the minister began on Monday.\n"
PINNED = 'select = ["WF010", "WF201"]\n'
LOG = ('{"time": "2024-05-01T10:12:03.120Z", "fingerprint": "doubled-word:1a2b", "rule": '
       '"doubled-word", "code": "WF010", "before": "the the  minister", "after": "the minister", '
       '"decision": "rejected", "note": ""}\n')
SKIP = shutil.ignore_patterns(".venv", ".git", ".cache", "build", "dist", "*.egg-info",
                              "__pycache__", ".hypothesis", ".pytest_cache", "out", "*.wirefix.jsonl")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=tests@wirefix.invalid", "-c", "user.name=tests",
                    *args], cwd=cwd, check=True, capture_output=True)


def pre_commit(work: Path, snapshot: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("pre-commit")
    env = dict(os.environ, PRE_COMMIT_HOME=str(work.parent / "pre-commit-home"),
               PRE_COMMIT_COLOR="never", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return subprocess.run([str(exe), "try-repo", str(snapshot), *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    snap = tmp_path_factory.mktemp("pc") / "wirefix"
    shutil.copytree(ROOT, snap, ignore=SKIP)
    git(snap, "init", "-q")
    git(snap, "add", "-A")
    git(snap, "commit", "-q", "-m", "snapshot of the working tree")
    return snap


@pytest.fixture()
def newsroom(tmp_path) -> Path:
    work = tmp_path / "newsroom"
    work.mkdir()
    git(work, "init", "-q")
    (work / "wirefix.toml").write_text(PINNED)
    (work / "story.txt").write_text(DAMAGED)
    (work / "clean.txt").write_text(CLEAN)
    git(work, "add", "-A")  # staged, as in a real commit: pre-commit sees what a hook changes
    return work


def test_hook_definitions():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"wirefix", "wirefix-fix"}
    for h in hooks.values():
        assert h["language"] == "python" and h["types"] == ["text"]
        assert h["entry"].startswith("wirefix check")
    assert "--fix" in hooks["wirefix-fix"]["entry"] and "--fix" not in hooks["wirefix"]["entry"]


def test_hooks_fail_on_damage_and_pass_on_clean_copy(snapshot, newsroom):
    # every hook of the repository on the damaged story: the check hook fails with the
    # findings, the fix hook repairs the story in place (and so fails: files were modified)
    r = pre_commit(newsroom, snapshot, "--files", "story.txt", "--verbose")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "wirefix (check wire copy)" in out
    check_line = next(line for line in out.splitlines() if line.startswith("wirefix (check wire copy)"))
    assert check_line.endswith("Failed"), out
    assert "story.txt:1:6: WF201 [*] space-run" in out
    assert "story.txt:1:13: WF010 [*] doubled-word" in out
    fix_line = next(line for line in out.splitlines() if line.startswith("wirefix (fix wire copy)"))
    assert fix_line.endswith("Failed") and "files were modified by this hook" in out, out
    assert (newsroom / "story.txt").read_text() == FIXED

    # clean copy, and the story the fix hook repaired: both hooks pass; an editor's decision
    # log beside the story (its JSON would be "fixed") is neither checked nor touched
    log = newsroom / "story.txt.wirefix.jsonl"
    log.write_text(LOG)
    git(newsroom, "add", "-A")
    r = pre_commit(newsroom, snapshot, "--files", "clean.txt", "story.txt", log.name)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert log.read_text() == LOG
    for name in ("wirefix (check wire copy)", "wirefix (fix wire copy)"):
        line = next(x for x in out.splitlines() if x.startswith(name))
        assert line.endswith("Passed"), out
    assert (newsroom / "clean.txt").read_text() == CLEAN
