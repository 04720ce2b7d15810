"""`wirefix lsp` in a real editor: a headless Neovim (Debian's package; `make neovim`, part of
`make test`, installs it) opens the seed with the language server started as docs/editor.md
says, and lists the diagnostics it shows; they are the findings of `wirefix check`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEED, run_cli

SCRIPT = Path(__file__).parent / "data" / "nvim" / "list_diagnostics.lua"


@pytest.fixture
def nvim() -> str:
    exe = shutil.which("nvim")
    if exe is None:
        if os.environ.get("WIREFIX_REQUIRE_SHARED") == "1":
            pytest.fail("Neovim is missing; `make neovim` installs it")
        pytest.skip("Neovim is not installed (`make neovim` installs it)")
    return exe


def test_neovim_lists_the_seeds_diagnostics(nvim, wirefix_exe, tmp_path):
    story = tmp_path / "story.txt"
    shutil.copy(SEED, story)
    want = json.loads(run_cli("check", "--format", "json", "-q", str(story)).stdout)
    out = tmp_path / "diagnostics.json"
    env = dict(os.environ, WIREFIX_EXE=wirefix_exe, WIREFIX_NVIM_OUT=str(out),
               WIREFIX_NVIM_WANT=str(len(want)), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    r = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {SCRIPT}", "story.txt"],
                       cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["ok"] is True, got
    shown = sorted((d["lnum"], d["code"], d["message"]) for d in got["diagnostics"])
    assert shown == sorted((f["line"] - 1, f["code"], f["message"]) for f in want)
    assert all(d["source"] == "wirefix" for d in got["diagnostics"])
    # Neovim turns the UTF-16 columns back into byte columns of its buffer
    text = story.read_text(encoding="utf-8").split("\n")
    cols = sorted((d["lnum"], d["code"], d["col"]) for d in got["diagnostics"])
    assert cols == sorted((f["line"] - 1, f["code"],
                           len(text[f["line"] - 1][:f["column"] - 1].encode("utf-8")))
                          for f in want)
