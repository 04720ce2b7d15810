"""The language server's whole-story work, in a process of its own.

A whole-story lint of a 50,000-word document takes about a second of pure Python, and so
does "fix all". Run in a thread of the server, either would hold the interpreter lock
while the editor waits for the re-check of the block being typed; in a worker process they
run beside it. The worker builds its own engines from the same (picklable) config and
returns plain findings; the server finishes them (fingerprints, decisions) itself.

These functions also run in a thread when no process can be started (``WorkerPool``).
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from ..config import Config
from ..engine import Engine
from ..findings import Finding

log = logging.getLogger("wirefix.lsp")

_ENGINES: dict[tuple, Engine] = {}


def engine(config: Config, path: str | None, key: Any) -> Engine:
    """An engine for ``config`` at ``path``; ``key`` names everything else it depends on
    (the house-style rules files' stat signatures, the LanguageTool URL)."""
    k = (config, config.ignores_for(path), key)
    eng = _ENGINES.get(k)
    if eng is None:
        if len(_ENGINES) > 16:
            _ENGINES.clear()
        eng = _ENGINES[k] = Engine(config, path)
    return eng


def lint_story(config: Config, path: str | None, key: Any,
               text: str) -> tuple[list[Finding], list[str]]:
    """Every rule on the whole text (``Engine.lint_layers``), and the messages of services
    that could not answer (LanguageTool down)."""
    eng = engine(config, path, key)
    eng.take_unavailable()
    found = eng.lint_layers(text).findings
    return found, list(eng.take_unavailable().values())


def fix_story(config: Config, path: str | None, key: Any, text: str, unsafe: bool,
              decisions) -> tuple[str, bool, int, list[str]]:
    """The engine's fix loop on the text, as ``wirefix check --fix`` runs it."""
    res = engine(config, path, key).fix(text, unsafe=unsafe, decisions=decisions)
    return res.text, res.converged, res.passes, res.cycling_rules


def warm() -> int:
    """Import and exercise the rules once, so that the first real check is not cold."""
    from ..engine import engine_for
    from .. import catalogue  # noqa: F401  (the hover's pages)

    sample = ("date 2023-06-19 BEIJING (AP) U.S. Secretary Blinkens’ visit &amp;#39;s "
              "the the talks -- “I said.\n\nHell will have talks, said Qin. Two US envoys.\n")
    return len(engine_for().lint(sample))


class WorkerPool:
    """One worker process (spawned, so that no lock of the server's threads is inherited);
    a thread instead where processes cannot be started. Restarted after a crash."""

    def __init__(self) -> None:
        self.executor: Executor = self._start()

    def _start(self) -> Executor:
        try:
            ex: Executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            ex.submit(warm)
            return ex
        except (OSError, ValueError, NotImplementedError) as exc:  # no processes here
            log.warning("no worker process (%s): whole-story checks run in a thread", exc)
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirefix-story")

    def restart(self) -> None:
        try:
            self.executor.shutdown(wait=False, cancel_futures=True)
        except Exception:  # noqa: BLE001 - it is broken already
            pass
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
