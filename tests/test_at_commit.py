"""bench/at_commit.py scores a bench script with an older commit's rules. The trap it exists
for: from a plain git worktree, the editable install still serves this checkout's
`wirefix.rules`. The test runs a probe script through it and checks where the rules came
from, and that the worktree is gone afterwards."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = """\
import wirefix.rules, wirefix.cleaner
print("RULES", wirefix.rules.__file__)
print("ENGINE", wirefix.cleaner.__file__)
"""


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs a git checkout")
def test_the_older_commits_code_is_what_runs(tmp_path):
    # any commit will do: what matters is where its code is imported from
    older = _git("rev-parse", "HEAD").strip()
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    worktrees_before = _git("worktree", "list")
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "at_commit.py"), older,
                          str(probe)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    paths = dict(line.split(" ", 1) for line in run.stdout.splitlines()
                 if line.startswith(("RULES", "ENGINE")))
    for part in ("RULES", "ENGINE"):
        where = Path(paths[part]).resolve()
        assert not where.is_relative_to(ROOT.resolve()), f"{part} came from this checkout"
        assert "wirefix-at-" in str(where)
    assert _git("worktree", "list") == worktrees_before   # the worktree was removed
