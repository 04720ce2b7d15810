"""`wirefix review` end to end in a real terminal: tmux runs the installed command, the test
types keys with send-keys and reads the screen with capture-pane.

tmux comes from the project's set-up (`make tmux`, part of `make test`). Each test uses its
own tmux server (-L) and stops only that server."""
from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from wirefix.cleaner.decisions import Decision, DecisionLog
from wirefix.cleaner.review import ReviewSession

from conftest import SEED, run_cli

WIDTH, HEIGHT = 120, 40


@pytest.fixture()
def tmux(tmp_path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing; `make tmux` installs it")
        pytest.skip("tmux is not installed (`make tmux` installs it)")
    term = Terminal(f"wirefix-test-{os.getpid()}-{tmp_path.name}", tmp_path)
    yield term
    term.stop()


class Terminal:
    """One tmux server with one window at a time."""

    def __init__(self, socket: str, folder: Path):
        self.socket = socket
        self.folder = folder
        self.session = None

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=check, timeout=30)

    def start(self, command: list[str], name: str) -> None:
        env = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}
        marker = self.folder / f"{name}.exit"
        # COLUMNS/LINES from the test runner would override the window's real size
        line = ("env -u COLUMNS -u LINES " + " ".join(f"{k}={v}" for k, v in env.items()) + " "
                + " ".join(shlex.quote(c) for c in command)
                + f"; echo $? > {shlex.quote(str(marker))}")
        self.tmux("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
                  "-c", str(self.folder), line)
        self.session = name

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session, check=False).stdout

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear on the screen:\n{shown}")

    def keys(self, *keys: str) -> None:
        for k in keys:
            self.tmux("send-keys", "-t", self.session, k)
            time.sleep(0.15)

    def wait_exit(self, name: str, timeout: float = 60) -> int:
        marker = self.folder / f"{name}.exit"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text())
            time.sleep(0.2)
        raise AssertionError(f"the review did not exit:\n{self.screen()}")

    def app_pid(self) -> int:
        """The wirefix process in the window (a child of the window's shell)."""
        pane = int(self.tmux("display-message", "-p", "-t", self.session,
                             "#{pane_pid}").stdout.strip())
        todo = [pane]
        while todo:
            pid = todo.pop()
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except FileNotFoundError:
                continue
            if any(b"wirefix" in c for c in cmd) and b"review" in cmd:
                return pid
            children = Path(f"/proc/{pid}/task/{pid}/children")
            if children.exists():
                todo.extend(int(c) for c in children.read_text().split())
        raise AssertionError("no wirefix process in the tmux window")

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def _expected(tmp_path: Path, text: str) -> str:
    reference = tmp_path / "reference.txt"
    reference.write_text(text, encoding="utf-8")
    run_cli("check", "--fix", "--unsafe-fixes", "--quiet", str(reference))
    expected = reference.read_text(encoding="utf-8")
    assert expected != text, "the catalogue fixes nothing in the story"
    return expected


def test_y_on_every_change_then_w_and_q_equals_fix_unsafe_fixes(tmux, tmp_path, wirefix_exe):
    """Issue 11.4 as an editor does it: y on every change (j past the flags, which have no
    fix to accept), w, q."""
    seed = SEED.read_text(encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(seed, encoding="utf-8")
    expected = _expected(tmp_path, seed)
    keys = ["y" if c.has_fix else "j" for c in ReviewSession(seed).changes]
    tmux.start([wirefix_exe, "review", str(story)], "accept")
    tmux.wait_for("pending")
    tmux.keys(*keys)
    fixes = keys.count("y")
    tmux.wait_for(f"{fixes} accepted")
    tmux.keys("w")
    tmux.wait_for("Saved story.txt")
    tmux.keys("q")
    assert tmux.wait_exit("accept") == 0
    assert story.read_text(encoding="utf-8") == expected


def test_accept_all_on_a_5000_word_story_equals_fix_unsafe_fixes(tmux, tmp_path, wirefix_exe):
    from test_review_model import _long_story
    text = _long_story()
    assert len(text.split()) >= 5000
    story = tmp_path / "long.txt"
    story.write_text(text, encoding="utf-8")
    expected = _expected(tmp_path, text)
    tmux.start([wirefix_exe, "review", str(story)], "long")
    tmux.wait_for("pending")
    tmux.keys("A")
    tmux.wait_for("that the list shows?")
    tmux.keys("y")
    shown = tmux.wait_for("● unsaved")
    assert " 0 accepted" not in shown
    tmux.keys("w")
    tmux.wait_for("Saved long.txt", timeout=120)
    tmux.keys("q")
    assert tmux.wait_exit("long") == 0
    assert story.read_text(encoding="utf-8") == expected


def test_picking_one_option_of_a_change_saves_only_that_edit(tmux, tmp_path, wirefix_exe):
    seed = SEED.read_text(encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(seed, encoding="utf-8")
    changes = ReviewSession(seed).changes
    target = next(c for c in changes if len(c.options) > 1 and not c.is_flag)
    tmux.start([wirefix_exe, "review", str(story)], "pick")
    tmux.wait_for("pending")
    tmux.keys(*["J"] * target.index, "2")
    tmux.wait_for("1 accepted")
    tmux.keys("w")
    tmux.wait_for("Saved story.txt")
    tmux.keys("q")
    assert tmux.wait_exit("pick") == 0
    want = seed
    for place in sorted(target.options[1].places, key=lambda p: -p.start):
        want = want[:place.start] + place.after + want[place.end:]
    assert story.read_text(encoding="utf-8") == want


def test_a_stripped_quotation_is_repaired_with_e(tmux, tmp_path, wirefix_exe):
    seed = SEED.read_text(encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(seed, encoding="utf-8")
    session = ReviewSession(seed)
    flag = next(c for c in session.changes if c.is_flag and c.rule == "stripped-quotation-marks")
    start, end, text = session.edit_region(flag.index)
    tmux.start([wirefix_exe, "review", str(story)], "quote")
    tmux.wait_for("pending")
    tmux.keys(*["J"] * flag.index, "e")
    tmux.wait_for("Edit the text around this flag")
    # to the start of the paragraph: page up until the top, with pages to spare (a page
    # pressed before the edit box has its height moves nothing: CI under load lost one)
    tmux.keys(*["PPage"] * 8, "Home")
    tmux.tmux("send-keys", "-t", tmux.session, "-l", "“")
    tmux.keys("Enter")
    tmux.wait_for("by hand")
    tmux.keys("w")
    tmux.wait_for("Saved story.txt")
    tmux.keys("q")
    assert tmux.wait_exit("quote") == 0
    assert story.read_text(encoding="utf-8") == seed[:start] + "“" + text + seed[end:]


def test_kill_the_app_mid_review_and_reopen(tmux, tmp_path, wirefix_exe):
    story = tmp_path / "story.txt"
    story.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    tmux.start([wirefix_exe, "review", str(story)], "first")
    tmux.wait_for("pending")
    tmux.keys("y", "n", "m")
    tmux.wait_for("a note for the desk")
    tmux.keys("Enter")
    tmux.wait_for("1 accepted · 1 rejected · 1 deferred")
    os.kill(tmux.app_pid(), signal.SIGKILL)
    tmux.wait_exit("first")
    assert story.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")

    # the log on disk has the three decisions ...
    s = ReviewSession.open(str(story))
    assert [c.decision for c in s.changes[:3]] == [Decision.ACCEPTED, Decision.REJECTED,
                                                   Decision.DEFERRED]
    assert len([r for r in DecisionLog.for_story(story).records()]) >= 3
    # ... and the app shows them when the story is opened again
    tmux.start([wirefix_exe, "review", str(story)], "second")
    tmux.wait_for("1 accepted · 1 rejected · 1 deferred")
    tmux.keys("q")
    tmux.wait_for("not saved")               # an accepted change is not in the story yet
    tmux.keys("q")
    assert tmux.wait_exit("second") == 0
