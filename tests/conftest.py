"""Shared fixtures. ../shared (eval data, corpora, peer suites) sits beside the project root
in CI and on the developers' machines, but not in a user's clone: tests that need it skip
there with a reason, and fail instead when WIREFIX_REQUIRE_SHARED=1 (set by .ci/run)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_671eb16220e30160.txt"


def _wirefix_exe() -> str:
    exe = Path(sys.executable).with_name("wirefix")
    if exe.exists():
        return str(exe)
    found = shutil.which("wirefix")
    if found:
        return found
    pytest.fail("the wirefix console script is not installed (run `make test`)")


@pytest.fixture(scope="session")
def wirefix_exe() -> str:
    return _wirefix_exe()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; skip (or fail in CI) when it is not there."""
    if SHARED.is_dir() and (SHARED / "eval").is_dir():
        return SHARED
    if os.environ.get("WIREFIX_REQUIRE_SHARED") == "1":
        pytest.fail(f"{SHARED} is missing, but WIREFIX_REQUIRE_SHARED=1 makes it mandatory")
    pytest.skip(f"{SHARED} is not here (a user's clone); these tests run in CI")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run_cli(*args: str, input: bytes | str | None = None, cwd: str | Path | None = None,
            env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed `wirefix` as a user would, in a subprocess."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([_wirefix_exe(), *args], input=input, capture_output=True,
                          cwd=cwd, env=full_env, timeout=timeout)


# -- LanguageTool (the grammar family) -------------------------------------------------------
LANGUAGETOOL_ENV = "WIREFIX_LANGUAGETOOL_URL"
# `make test` runs the suite under `scripts/languagetool-server run`, which sets
# WIREFIX_LANGUAGETOOL_URL, and a server URL turns the grammar family on. It is taken out of
# the environment for the whole session (module fixtures and subprocesses included), so that
# no test's findings depend on the server, and given back only to tests marked `languagetool`.
# The URL is kept under another name too: the parallel test processes (pytest-xdist) start
# after this pop and inherit the environment without it.
_KEPT_ENV = "WIREFIX_TEST_LANGUAGETOOL_URL"
_LANGUAGETOOL_URL = os.environ.pop(LANGUAGETOOL_ENV, None) or os.environ.get(_KEPT_ENV)
if _LANGUAGETOOL_URL:
    os.environ[_KEPT_ENV] = _LANGUAGETOOL_URL


@pytest.fixture(autouse=True)
def _languagetool_only_where_marked(request, monkeypatch):
    """Tests marked `languagetool` get the server's URL; without one they skip, or fail when
    WIREFIX_REQUIRE_SHARED=1 (as in CI)."""
    if request.node.get_closest_marker("languagetool") is None:
        return
    if not _LANGUAGETOOL_URL:
        reason = (f"{LANGUAGETOOL_ENV} is not set: run the tests with "
                  f"`scripts/languagetool-server run -- .venv/bin/python -m pytest` (make test)")
        if os.environ.get("WIREFIX_REQUIRE_SHARED") == "1":
            pytest.fail(reason + "; WIREFIX_REQUIRE_SHARED=1 makes the LanguageTool tests mandatory")
        pytest.skip(reason)
    monkeypatch.setenv(LANGUAGETOOL_ENV, _LANGUAGETOOL_URL)


@pytest.fixture
def languagetool_url() -> str:
    """The URL of the real LanguageTool server (tests using it are marked `languagetool`)."""
    url = os.environ.get(LANGUAGETOOL_ENV, "")
    assert url, "mark the test `languagetool` (pytest.mark.languagetool)"
    return url.rstrip("/")
