"""``wirefix lsp``: a Language Server Protocol server over stdio, built on pygls.

What an editor gets:

- **Diagnostics** on open, on change (after ``debounceMs`` without a keystroke) and on save:
  the rule's code, a link to its page, the finding's message and severity, positions in the
  encoding agreed at start-up (UTF-16 code units unless the editor offers another).
  Changed blocks are re-checked at once and the whole story in a worker thread
  (``cleaner.lsp.incremental``); at rest the editor shows what ``wirefix check`` reports.
  With the grammar family configured, wirefix's own findings are published first and
  LanguageTool's when the server has answered: its latency never delays the others.
- **Code actions**: each safe fix (``quickfix``, preferred), each unsafe fix (``quickfix``,
  "unsafe" in its title), every edit of the fix in one workspace edit; "Fix all safe in
  file" (``source.fixAll.wirefix``), which runs the engine's fix loop as ``--fix`` does;
  "Ignore this finding", which writes a rejected decision to the story's audit log (the one
  the review app writes), so that ``wirefix check`` stays quiet about it too.
- **Hover** on a finding: the rule's documentation page.
- The config is found from each document's path (``wirefix.toml`` / ``[tool.wirefix]``,
  as for ``wirefix check``) and re-read when a config file or a house-style rules file
  changes: the server compares their stat signatures at each check, so no file watcher is
  needed (``workspace/didChangeWatchedFiles`` is honoured too).
- Bad input (binary or oversized text, a bad config, a rule that raises, a message that is
  not UTF-8) gets a diagnostic or a window message; the server keeps running.
"""
from __future__ import annotations

import asyncio
import getpass
import inspect
import json
import logging
import os
import threading
import time
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from wirefix import __version__

from ..config import CONFIG_NAMES, Config, ConfigError, ConfigResolver
from ..decisions import Decision, DecisionFilter, DecisionLog, Record
from ..engine import Engine
from ..findings import Applicability, Finding, Severity
from ..sidecar import log_path_for
from . import worker
from .incremental import BlockCache, Stamper, finish, provisional
from .markdown import markdown_config, with_ignored
from .settings import Settings
from .text import UTF16, LineIndex, apply_change, changed_region

log = logging.getLogger("wirefix.lsp")

SOURCE = "wirefix"
FIX_ALL_KIND = "source.fixAll.wirefix"
IGNORE_COMMAND = "wirefix.ignore"
# Diagnostics that are not findings: the document could not be checked at all.
PROBLEM_CODE = "wirefix"
# Sent after the whole-story findings of a version were published (see WirefixServer.publish).
CHECKED = "$/wirefix/checked"
# Seconds after the re-check of a keystroke, without another, before the whole story is
# linted again: while the editor types, the worker is not kept busy with stale texts.
STORY_IDLE = 0.4

_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}


@dataclass
class Doc:
    """One open document and what the server last found in it."""

    uri: str
    path: str | None
    language: str
    version: int
    text: str
    # the last whole-story lint: its text, its findings (unfinished) and its engine
    base_text: str | None = None
    base_findings: list[Finding] = field(default_factory=list)
    base_engine: Engine | None = None
    base_complete: bool = False       # False while LanguageTool's half is still to come
    # what the editor was last sent: the text, the findings (finished), the version
    shown_text: str | None = None
    shown: list[Finding] = field(default_factory=list)
    shown_index: LineIndex | None = None
    timer: asyncio.TimerHandle | None = None          # the re-check after a keystroke
    story_timer: asyncio.TimerHandle | None = None    # the whole-story lint after a pause
    story_running: bool = False
    story_wanted: bool = False
    problem: str | None = None        # why the document is not checked (binary, bad config)
    fix_cache: tuple[str, str] | None = None   # (text, fixed text) of the last fix-all
    sent: tuple[str, dict] = ("", {})          # the text and diagnostics last published


@dataclass
class Engines:
    """The engines for one document: ``story`` is ``wirefix check``'s, ``quick`` the same
    without the grammar family (for the typing path), and the block cache of ``quick``."""

    story: Engine
    quick: Engine
    blocks: BlockCache
    config: Config
    quick_config: Config
    key: tuple           # what else the engines depend on (rules files, LanguageTool URL)
    stamper: Stamper = field(default_factory=Stamper)

    @property
    def grammar(self) -> bool:
        return self.story is not self.quick


class WirefixProtocol(LanguageServerProtocol):
    """pygls's protocol, with the text of open documents kept by the server itself: pygls's
    workspace splits lines as Python does (at U+2028, U+0085, form feeds), not as the
    protocol does, and so would misplace changes after those characters (cleaner.lsp.text).
    The server's handlers of didOpen/didChange/didClose are called as usual."""

    _server: "WirefixServer"

    @lsp_method(T.INITIALIZE)
    def lsp_initialize(self, params: T.InitializeParams):
        """Positions in UTF-16 code units, the protocol's own default, whichever encodings
        the client also offers: every client supports it, and one encoding is one code path
        to get right (tests/test_lsp.py puts emoji and astral letters before findings)."""
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))

    @lsp_method(T.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: T.DidOpenTextDocumentParams):
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(T.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: T.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(T.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: T.DidCloseTextDocumentParams):
        if (handler := self.fm.features.get(T.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None

    def send_raw_notification(self, method: str, params: dict) -> None:
        """A notification whose params are already in wire form (plain JSON values): a
        story's thousands of diagnostics are built as dicts, not attrs objects, because
        unstructuring those costs more than the rest of a re-check (bench/lsp_latency.py),
        and written compactly (no spaces after separators: a fifth less to encode and send)."""
        if self.writer is None:
            return
        body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params},
                          separators=(",", ":"))          # ASCII: its length is its bytes
        res = self.writer.write(f"Content-Length: {len(body)}\r\n\r\n{body}".encode("ascii"))
        if inspect.isawaitable(res):
            asyncio.ensure_future(res)


class WirefixServer(LanguageServer):
    protocol: WirefixProtocol

    def __init__(self) -> None:
        super().__init__("wirefix", __version__, protocol_cls=WirefixProtocol,
                         text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.docs: dict[str, Doc] = {}
        self.encoding = UTF16
        self._resolver = ConfigResolver()
        self._signatures: dict[str, tuple] = {}       # folder -> stat signature of configs
        self._engines: dict[tuple, Engines] = {}
        self._decisions: dict[str, tuple[tuple, DecisionFilter | None]] = {}
        self._said: set[str] = set()                  # window messages already shown
        self._hrefs: dict[tuple, str | None] = {}
        self._pages: dict[str | None, dict[str, str]] = {}
        self._pool: worker.WorkerPool | None = None   # whole-story lints and fix-all
        self._lock = threading.Lock()                 # engine and config caches
        self.resolve_fix_all = False

    @property
    def pool(self) -> "worker.WorkerPool":
        if self._pool is None:
            self._pool = worker.WorkerPool()
        return self._pool

    # -- messages ---------------------------------------------------------------------------
    def say(self, message: str, kind: T.MessageType = T.MessageType.Warning,
            once: bool = True) -> None:
        if once:
            if message in self._said:
                return
            self._said.add(message)
        log.warning("%s", message)
        self.window_show_message(T.ShowMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        """Anything that escaped a handler (or a message that could not be read) is shown
        once, plainly, and the server carries on."""
        from pygls.exceptions import FeatureRequestError

        if source is FeatureRequestError:
            return
        cause = error.__cause__ or error.__context__ or error
        if isinstance(cause, UnicodeDecodeError) or isinstance(error, UnicodeDecodeError):
            text = ("wirefix: a message from the editor was not valid UTF-8 and was "
                    "skipped; reopen the document to check it again")
        else:
            text = f"wirefix: internal error ({type(error).__name__}: {error}); still running"
        self.say(text, T.MessageType.Error, once=False)

    # -- config and engines ----------------------------------------------------------------
    def _signature(self, path: str | None) -> tuple:
        """Stat of every file that can configure ``path``: each config name in each folder
        above it, and the house-style rules files of the config in force."""
        folder = Path(path).parent if path else Path.cwd()
        try:
            folder = folder.resolve()
        except OSError:
            pass
        sig = []
        for d in (folder, *folder.parents):
            for name in CONFIG_NAMES:
                try:
                    st = os.stat(d / name)
                    sig.append((str(d / name), st.st_mtime_ns, st.st_size))
                except OSError:
                    continue
        return tuple(sig)

    def engines_for(self, doc: Doc) -> Engines:
        """The engines for a document; raises ConfigError (or ValueError) for a config that
        cannot be used. Re-reads the config when any file that can configure it changed."""
        with self._lock:
            folder = str(Path(doc.path).parent) if doc.path else ""
            sig = self._signature(doc.path)
            if self._signatures.get(folder) != sig:
                if folder in self._signatures:
                    self._resolver = ConfigResolver()     # some config changed: read anew
                self._signatures[folder] = sig
            config = self._resolver.for_path(doc.path)
            rules_sig: list[tuple[str, int | None, int | None]] = []
            for f in config.rule_files():
                try:
                    st = f.stat()
                    rules_sig.append((str(f), st.st_mtime_ns, st.st_size))
                except OSError:
                    rules_sig.append((str(f), None, None))
            if self.settings.is_markdown(doc.language, doc.path):
                config = markdown_config(config)
            extra = (tuple(rules_sig), os.environ.get("WIREFIX_LANGUAGETOOL_URL"))
            key = (config, config.ignores_for(doc.path), extra)
            found = self._engines.get(key)
            if found is None:
                story = Engine(config, doc.path)
                quick, quick_config = story, config
                if any(r.family == "grammar" for r in story.rules):
                    quick_config = with_ignored(config, ("grammar",))
                    quick = Engine(quick_config, doc.path)
                if len(self._engines) > 32:
                    self._engines.clear()
                found = self._engines[key] = Engines(story, quick, BlockCache(quick), config,
                                                     quick_config, extra)
            return found

    def decisions_for(self, doc: Doc) -> DecisionFilter | None:
        """The story's audit log, as ``wirefix check`` reads it (re-read when it changed)."""
        if not doc.path:
            return None
        p = log_path_for(doc.path)
        try:
            st = p.stat()
        except OSError:
            return None
        sig = (st.st_mtime_ns, st.st_size)
        cached = self._decisions.get(doc.path)
        if cached is not None and cached[0] == sig:
            return cached[1]
        dlog = DecisionLog(p)
        flt = dlog.filter()
        for w in dlog.warnings:
            self.say(f"wirefix: {w}")
        self._decisions[doc.path] = (sig, flt)
        return flt

    # -- checking ----------------------------------------------------------------------------
    def _problem(self, doc: Doc, engines: Engines | None) -> str | None:
        """Why the document cannot be checked, or None."""
        text = doc.text
        if "\x00" in text:
            return (f"wirefix: {doc.path or doc.uri} holds binary data (NUL bytes), not a "
                    f"text story: not checked")
        limit = engines.config.max_file_size if engines else None
        if limit is not None and len(text) > limit // 4 and \
                len(text.encode("utf-8", "surrogatepass")) > limit:
            return (f"wirefix: {doc.path or doc.uri} is larger than max-file-size "
                    f"({limit:,} bytes): not checked")
        return None

    def check_now(self, doc: Doc) -> None:
        """Start a check of the document as it is (open, save, settings or config change)."""
        self._cancel_timers(doc)
        self._quick(doc.uri, story_now=True)

    def _cancel_timers(self, doc: Doc) -> None:
        for name in ("timer", "story_timer"):
            handle = getattr(doc, name)
            if handle is not None:
                handle.cancel()
                setattr(doc, name, None)

    def schedule(self, doc: Doc) -> None:
        """A check after the debounce delay (a keystroke); the whole-story lint waits for a
        pause in the typing (``STORY_IDLE``)."""
        self._cancel_timers(doc)
        loop = asyncio.get_running_loop()
        doc.timer = loop.call_later(self.settings.debounce_ms / 1000, self._quick, doc.uri)

    def _prepare(self, doc: Doc) -> Engines | None:
        """The engines, or None after publishing why the document cannot be checked."""
        try:
            engines = self.engines_for(doc)
        except (ConfigError, ValueError) as exc:
            msg = f"wirefix: the configuration cannot be used: {exc}"
            self.say(msg, T.MessageType.Error)
            self._publish_problem(doc, msg, T.DiagnosticSeverity.Error)
            return None
        problem = self._problem(doc, engines)
        if problem:
            self.say(problem)
            self._publish_problem(doc, problem, T.DiagnosticSeverity.Warning)
            return None
        if doc.problem:      # it was bad and is fine now: forget the old results
            doc.problem = None
            doc.base_text = None
        return engines

    def _quick(self, uri: str, story_now: bool = False) -> None:
        """The typing path: publish the provisional findings now; lint the whole story when
        the typing pauses. The first check of a document is a whole-story lint (nothing to
        carry yet)."""
        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.timer = None
        engines = self._prepare(doc)
        if engines is None:
            return
        if doc.base_text is not None and doc.base_engine in (engines.story, engines.quick) \
                and doc.shown_text != doc.text:
            try:
                t = time.perf_counter()
                found = self._provisional(doc, engines)
                log.info("provisional check of %s: %d findings in %.0f ms", uri, len(found),
                         (time.perf_counter() - t) * 1000)
            except Exception as exc:  # noqa: BLE001 - a failed check must not stop the server
                log.exception("quick check failed")
                self.say(f"wirefix: checking {doc.path or uri} failed: "
                         f"{type(exc).__name__}: {exc}", T.MessageType.Error)
            else:
                self.publish(doc, doc.text, found)
        if story_now or doc.base_text is None:
            self.request_story(doc, engines)
        else:
            doc.story_timer = asyncio.get_running_loop().call_later(
                STORY_IDLE, self._story_after_pause, uri)

    def _story_after_pause(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.story_timer = None
        engines = self._prepare(doc)
        if engines is not None:
            self.request_story(doc, engines)

    def _provisional(self, doc: Doc, engines: Engines) -> list[Finding]:
        base_engine = doc.base_engine or engines.story
        found = provisional(engines.blocks, doc.text, doc.base_text or "", doc.base_findings)
        return finish(base_engine, engines.stamper, doc.text, found, self.decisions_for(doc))

    def request_story(self, doc: Doc, engines: Engines) -> None:
        """A whole-story lint of the document as it is, in the worker process. One at a time
        per document: a request while one runs is remembered and served when it ends."""
        if doc.story_running:
            doc.story_wanted = True
            return
        doc.story_running = True
        doc.story_wanted = False
        asyncio.ensure_future(self._story(doc, engines, doc.text))

    async def _story(self, doc: Doc, engines: Engines, text: str) -> None:
        loop = asyncio.get_running_loop()
        # the first check of a document with LanguageTool: wirefix's own rules first
        stages = [(engines.story, engines.config)]
        if engines.grammar and (doc.base_text is None or doc.base_engine is not engines.story):
            stages.insert(0, (engines.quick, engines.quick_config))
        for i, (engine, config) in enumerate(stages):
            last = i == len(stages) - 1
            t = time.perf_counter()
            try:
                found, down = await loop.run_in_executor(
                    self.pool.executor, worker.lint_story, config, doc.path, engines.key, text)
            except BrokenExecutor as exc:
                self.pool.restart()
                self._story_done(doc.uri, text, engine, [], [], True, exc)
                return
            except Exception as exc:  # noqa: BLE001 - reported; the server carries on
                log.exception("story check failed")
                self._story_done(doc.uri, text, engine, [], [], True, exc)
                return
            log.info("story lint of %s: %d findings in %.0f ms", doc.uri, len(found),
                     (time.perf_counter() - t) * 1000)
            if engine is engines.quick:
                engines.blocks.seed(text, found)
            self._story_done(doc.uri, text, engine, found, down, last, None)

    def _story_done(self, uri: str, text: str, engine: Engine, found: list[Finding],
                    down: list[str], last: bool, error: Exception | None) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        if last:
            doc.story_running = False
        for message in down:
            self.say(f"wirefix: {message}")
        if error is not None:
            self.say(f"wirefix: checking {doc.path or uri} failed: {type(error).__name__}: "
                     f"{error}", T.MessageType.Error, once=False)
            return
        for f in found:
            if f.code == "WF000":
                self.say(f"wirefix: {f.message} (in {Path(doc.path or uri).name}); the other "
                         f"rules' findings are shown", T.MessageType.Error)
        doc.base_text, doc.base_findings, doc.base_engine = text, found, engine
        doc.base_complete = last
        if doc.problem:
            return
        try:
            if doc.text == text:
                stamper = self.engines_for(doc).stamper
                self.publish(doc, text, finish(engine, stamper, text, list(found),
                                               self.decisions_for(doc)), final=last)
            elif doc.timer is None:
                now = self._prepare(doc)
                if now is not None:
                    self.publish(doc, doc.text, self._provisional(doc, now))
        except Exception as exc:  # noqa: BLE001
            log.exception("publishing failed")
            self.say(f"wirefix: checking {doc.path or uri} failed: {type(exc).__name__}: {exc}",
                     T.MessageType.Error)
        if last and (doc.story_wanted or doc.text != text) and doc.timer is None \
                and doc.story_timer is None:
            engines = self._prepare(doc)
            if engines is not None:
                self.request_story(doc, engines)

    def current(self, doc: Doc) -> list[Finding]:
        """The findings for the document as it is now (computed here when the last published
        ones are for an older text)."""
        if doc.shown_text == doc.text:
            return doc.shown
        engines = self._prepare(doc)
        if engines is None:
            return []
        if doc.base_text is not None and doc.base_engine in (engines.story, engines.quick):
            found = self._provisional(doc, engines)
        else:
            found = engines.quick.lint(doc.text, self.decisions_for(doc))
        self.publish(doc, doc.text, found)
        return found

    # -- publishing --------------------------------------------------------------------------
    def index(self, doc: Doc, text: str) -> LineIndex:
        if doc.shown_index is not None and doc.shown_index.text is text:
            return doc.shown_index
        return LineIndex(text, self.encoding)

    def publish(self, doc: Doc, text: str, findings: list[Finding], final: bool = False) -> None:
        """Send the findings for ``text`` (the document as it is). ``final``: they are the
        whole-story lint's, with LanguageTool's when configured; a ``$/wirefix/checked``
        notification then says so (editors ignore it; tests and benchmarks wait for it)."""
        index = self.index(doc, text)
        doc.shown_text, doc.shown, doc.shown_index = text, findings, index
        t = time.perf_counter()
        # a finding that is the same object as in the last publish, wholly before the first
        # changed character, has the same diagnostic: reused (most of a long document)
        stable = changed_region(doc.sent[0], text).start if doc.sent[1] else 0
        old = doc.sent[1]
        sent: dict[int, tuple[Finding, dict]] = {}
        diags = []
        for f in findings:
            hit = old.get(id(f)) if f.end < stable else None
            d = hit[1] if hit is not None and hit[0] is f else self.diagnostic(f, index)
            sent[id(f)] = (f, d)
            diags.append(d)
        doc.sent = (text, sent)
        self.protocol.send_raw_notification(
            T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            {"uri": doc.uri, "version": doc.version, "diagnostics": diags})
        log.info("published %d diagnostics for %s v%s in %.0f ms", len(diags), doc.uri,
                 doc.version, (time.perf_counter() - t) * 1000)
        if final:
            self.checked(doc)

    def checked(self, doc: Doc) -> None:
        self.protocol.send_raw_notification(CHECKED, {"uri": doc.uri, "version": doc.version})

    def _publish_problem(self, doc: Doc, message: str, severity: T.DiagnosticSeverity) -> None:
        doc.problem = message
        doc.shown_text, doc.shown = doc.text, []
        diag = {"range": _range((0, 0), (0, 0)), "severity": int(severity), "code": PROBLEM_CODE,
                "source": SOURCE, "message": message}
        self.protocol.send_raw_notification(
            T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            {"uri": doc.uri, "version": doc.version, "diagnostics": [diag]})
        self.checked(doc)

    def doc_href(self, code: str) -> str | None:
        """The link to a code's rule page: ``<docsUrl>/docs/rules/<CODE>.md``."""
        key = (code, self.settings.docs_url)
        if key not in self._hrefs:
            page = _page_name(code)
            base = self.settings.base_url
            self._hrefs[key] = f"{base}/docs/rules/{page}.md" if page and base else None
        return self._hrefs[key]

    def diagnostic(self, f: Finding, index: LineIndex) -> dict:
        """One finding as an LSP Diagnostic in wire form (tests/test_lsp.py checks it equals
        lsprotocol's own serialisation of the same Diagnostic)."""
        d: dict[str, Any] = {
            "range": _range(index.position(f.start), index.position(f.end)),
            "message": f.message,
            "severity": _SEVERITY.get(f.severity, 2),
            "code": f.code,
            "source": SOURCE,
            "data": {"fingerprint": f.fingerprint},
        }
        href = self.doc_href(f.code)
        if href:
            d["codeDescription"] = {"href": href}
        return d

    # -- code actions ------------------------------------------------------------------------
    async def code_actions(self, doc: Doc, start: int, end: int,
                           only: list[str] | None) -> list[T.CodeAction]:
        findings = self.current(doc)
        index = self.index(doc, doc.text)
        want_quick = only is None or any(T.CodeActionKind.QuickFix.value.startswith(k) or
                                         k.startswith(T.CodeActionKind.QuickFix.value)
                                         for k in only)
        want_all = only is None or any(FIX_ALL_KIND.startswith(k) for k in only)
        out: list[T.CodeAction] = []
        if want_quick:
            for f in findings:
                if not (f.start <= end and f.end >= start):
                    continue
                diag = [self._diagnostic_object(f, index)]
                for i, fx in enumerate(f.fixes):
                    if fx.applicability is Applicability.DISPLAY:
                        continue
                    safe = fx.applicability is Applicability.SAFE
                    title = fx.title or "Apply the fix"
                    title = (f"{title} ({f.code})" if safe
                             else f"{title} ({f.code}, unsafe: check the meaning)")
                    out.append(T.CodeAction(
                        title=title, kind=T.CodeActionKind.QuickFix, diagnostics=diag,
                        is_preferred=safe and i == 0 or None,
                        edit=self._edit(doc, index, [(e.start, e.end, e.replacement)
                                                     for e in fx.edits])))
                if doc.path and f.fingerprint:
                    out.append(T.CodeAction(
                        title=f"Ignore this finding ({f.code}; recorded in "
                              f"{log_path_for(Path(doc.path).name)})",
                        kind=T.CodeActionKind.QuickFix, diagnostics=diag,
                        command=T.Command(title="Ignore this finding", command=IGNORE_COMMAND,
                                          arguments=[doc.uri, f.fingerprint])))
        if want_all and any(f.applies(False) for f in findings):
            action = T.CodeAction(title="Fix all safe in file (wirefix)", kind=FIX_ALL_KIND,
                                  data={"uri": doc.uri, "version": doc.version})
            if not self.resolve_fix_all:
                action = await self.resolve(action)
            out.append(action)
        return out

    async def resolve(self, action: T.CodeAction) -> T.CodeAction:
        """Fill in the edit of "Fix all safe in file": the engine's fix loop, as ``--fix``,
        in the worker process; the edit is for the version the request saw."""
        data = action.data if isinstance(action.data, dict) else {}
        doc = self.docs.get(str(data.get("uri", "")))
        if doc is None or action.kind != FIX_ALL_KIND:
            return action
        text, version = doc.text, doc.version
        fixed = await self.fix_all(doc, text)
        if fixed is None or fixed == text:
            return action
        r = changed_region(text, fixed)
        action.edit = self._edit(doc, LineIndex(text, self.encoding),
                                 [(r.start, r.old_end, fixed[r.start:r.new_end])], version)
        return action

    async def fix_all(self, doc: Doc, text: str) -> str | None:
        """``text`` with every fix ``wirefix check --fix`` would apply: the engine's one fix
        loop (``Engine.fix``), with the config's unsafe-fixes setting and the decisions."""
        if doc.fix_cache is not None and doc.fix_cache[0] == text:
            return doc.fix_cache[1]
        engines = self._prepare(doc)
        if engines is None:
            return None
        loop = asyncio.get_running_loop()
        try:
            fixed, converged, passes, cycling = await loop.run_in_executor(
                self.pool.executor, worker.fix_story, engines.config, doc.path, engines.key,
                text, engines.config.unsafe_fixes, self.decisions_for(doc))
        except BrokenExecutor:
            self.pool.restart()
            self.say("wirefix: the worker process stopped; try the fix again",
                     T.MessageType.Error, once=False)
            return None
        if not converged:
            self.say(f"wirefix: fixes did not settle after {passes} passes; rules still "
                     f"editing: {', '.join(cycling)}. Please report this as a wirefix bug.")
        doc.fix_cache = (text, fixed)
        return fixed

    def _edit(self, doc: Doc, index: LineIndex, edits: list[tuple[int, int, str]],
              version: int | None = None) -> T.WorkspaceEdit:
        text_edits: list[T.TextEdit | T.AnnotatedTextEdit | T.SnippetTextEdit] = [
            T.TextEdit(range=_range_object(index, a, b), new_text=new) for a, b, new in edits]
        return T.WorkspaceEdit(document_changes=[T.TextDocumentEdit(
            text_document=T.OptionalVersionedTextDocumentIdentifier(
                uri=doc.uri, version=doc.version if version is None else version),
            edits=text_edits)])

    def _diagnostic_object(self, f: Finding, index: LineIndex) -> T.Diagnostic:
        d = self.diagnostic(f, index)
        return T.Diagnostic(
            range=_range_object(index, f.start, f.end), message=d["message"],
            severity=T.DiagnosticSeverity(d["severity"]), code=d["code"], source=SOURCE,
            code_description=T.CodeDescription(href=d["codeDescription"]["href"])
            if "codeDescription" in d else None, data=d["data"])

    def ignore(self, uri: str, fingerprint: str) -> str:
        """Record "rejected" for the finding in the story's audit log, as the review app does."""
        doc = self.docs.get(uri)
        if doc is None or not doc.path:
            raise ValueError("wirefix: the document is not open, or has no file to log beside")
        f = next((g for g in self.current(doc) if g.fingerprint == fingerprint), None)
        if f is None:
            raise ValueError("wirefix: that finding is no longer in the document")
        line = LineIndex(doc.text).position(f.start)[0] + 1
        after = f.replacement_texts(doc.text)
        rec = Record(fingerprint=f.fingerprint, decision=Decision.REJECTED, rule=f.rule,
                     code=f.code, before=doc.text[f.start:f.end], after=after[0] if after else "",
                     note="ignored in the editor (wirefix lsp)", user=_user(), line=line)
        DecisionLog.for_story(doc.path).append([rec])
        self._decisions.pop(doc.path, None)
        kept = [g for g in doc.shown if g.fingerprint != fingerprint]
        self.publish(doc, doc.shown_text or doc.text, kept)
        return f"ignored {f.code} {f.rule}"

    # -- hover -------------------------------------------------------------------------------
    def hover(self, doc: Doc, offset: int) -> T.Hover | None:
        hits = [f for f in self.current(doc) if f.start <= offset <= f.end]
        if not hits:
            return None
        try:
            config = self.engines_for(doc).config
        except (ConfigError, ValueError):
            config = None
        pages = self.rule_pages(config)
        parts = []
        for f in hits:
            page = pages.get(f"{_page_name(f.code) or f.code}.md")
            head = f"**{f.code}** `{f.rule}`: {f.message}"
            parts.append(head + ("\n\n---\n\n" + page if page else ""))
        index = self.index(doc, doc.text)
        first = hits[0]
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown,
                                                value="\n\n---\n\n".join(parts)),
                       range=_range_object(index, first.start, first.end))

    def rule_pages(self, config: Config | None) -> dict[str, str]:
        source = config.source if config is not None and config.extend_rules else None
        pages = self._pages.get(source)
        if pages is None:
            from ..catalogue import all_entries, rule_pages

            try:
                pages = rule_pages(all_entries(source))
            except (ConfigError, ValueError):
                pages = rule_pages(all_entries())
            self._pages[source] = pages
        return pages

    # -- documents -----------------------------------------------------------------------------
    def open(self, item: T.TextDocumentItem) -> None:
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        if not self.settings.checks(item.language_id, path):
            return
        doc = Doc(item.uri, path, item.language_id, item.version, item.text)
        self.docs[item.uri] = doc
        if path:
            self._check_disk_bytes(path)
        self.check_now(doc)

    def _check_disk_bytes(self, path: str) -> None:
        """An editor shows a file it had to guess the encoding of; say what wirefix check
        will make of the same bytes."""
        from ..textio import InputError, decode

        try:
            with open(path, "rb") as fh:
                data = fh.read(16_000_000)
        except OSError:
            return
        try:
            story = decode(data, path)
        except InputError as exc:
            self.say(f"wirefix: {exc}")
            return
        if story.legacy_bytes:
            offset, byte = story.legacy_bytes[0]
            self.say(f"wirefix: {path} is not valid UTF-8 on disk (byte 0x{byte:02X}, and "
                     f"{len(story.legacy_bytes) - 1} more): `wirefix check` reads such bytes as "
                     f"cp1252; saving from the editor writes what the editor shows")

    def change(self, params: T.DidChangeTextDocumentParams) -> None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            return
        text = doc.text
        index: LineIndex | None = None
        for ch in params.content_changes:
            if isinstance(ch, T.TextDocumentContentChangePartial):
                index = index if index is not None and index.text is text else \
                    LineIndex(text, self.encoding)
                r = ch.range
                text = apply_change(text, index, (r.start.line, r.start.character),
                                    (r.end.line, r.end.character), ch.text)
            else:
                text = ch.text
        doc.text = text
        doc.version = params.text_document.version
        self.schedule(doc)

    def close(self, uri: str) -> None:
        doc = self.docs.pop(uri, None)
        if doc is None:
            return
        self._cancel_timers(doc)
        self.protocol.send_raw_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                            {"uri": uri, "diagnostics": []})

    def recheck_all(self) -> None:
        self._resolver = ConfigResolver()
        self._signatures.clear()
        self._decisions.clear()
        self._pages.clear()
        for doc in list(self.docs.values()):
            doc.base_text = None
            doc.shown_text = None
            doc.fix_cache = None
            self.check_now(doc)


def _page_name(code: str) -> str | None:
    """The rule page of a code: docs/rules/<CODE>.md (LanguageTool's codes share LT.md);
    None for a newsroom's own rules, which have no page in wirefix's docs."""
    if code.startswith("LT"):
        return "LT"
    return code if _builtin_codes().__contains__(code) else None


_CODES: frozenset[str] | None = None


def _builtin_codes() -> frozenset[str]:
    global _CODES
    if _CODES is None:
        from ..catalogue import all_entries

        _CODES = frozenset(e.code for e in all_entries())
    return _CODES


def _range(a: tuple[int, int], b: tuple[int, int]) -> dict:
    return {"start": {"line": a[0], "character": a[1]}, "end": {"line": b[0], "character": b[1]}}


def _range_object(index: LineIndex, start: int, end: int) -> T.Range:
    a, b = index.position(start), index.position(end)
    return T.Range(start=T.Position(line=a[0], character=a[1]),
                   end=T.Position(line=b[0], character=b[1]))


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return ""


def build() -> WirefixServer:
    """The server with its handlers registered."""
    ls = WirefixServer()

    @ls.feature(T.INITIALIZE)
    def initialize(ls: WirefixServer, params: T.InitializeParams) -> None:
        ls.encoding = UTF16      # see WirefixProtocol.lsp_initialize
        ls.settings, problems = ls.settings.updated(params.initialization_options)
        for p in problems:
            ls.say(p)
        cap = params.capabilities.text_document
        resolve = cap.code_action.resolve_support if cap and cap.code_action else None
        ls.resolve_fix_all = bool(resolve and "edit" in resolve.properties)

    @ls.feature(T.INITIALIZED)
    def initialized(ls: WirefixServer, params: T.InitializedParams) -> None:
        _ = ls.pool             # the worker process starts (and warms up) now
        asyncio.get_running_loop().run_in_executor(None, worker.warm)   # and this process
        ws = ls.client_capabilities.workspace
        watched = ws.did_change_watched_files if ws else None
        if watched and watched.dynamic_registration:
            watchers = [T.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            ls.client_register_capability(T.RegistrationParams(registrations=[T.Registration(
                id="wirefix-config", method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=T.DidChangeWatchedFilesRegistrationOptions(
                    watchers=watchers))]))

    @ls.feature(T.SHUTDOWN)
    def shutdown(ls: WirefixServer, params: None) -> None:
        if ls._pool is not None:
            ls._pool.shutdown()

    @ls.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WirefixServer, params: T.DidOpenTextDocumentParams) -> None:
        ls.open(params.text_document)

    @ls.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WirefixServer, params: T.DidChangeTextDocumentParams) -> None:
        ls.change(params)

    @ls.feature(T.TEXT_DOCUMENT_DID_SAVE, T.SaveOptions(include_text=False))
    def did_save(ls: WirefixServer, params: T.DidSaveTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is not None:
            if params.text is not None:
                doc.text = params.text
            doc.shown_text = None        # the decisions log or config may have changed
            ls.check_now(doc)

    @ls.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WirefixServer, params: T.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @ls.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: WirefixServer, params: T.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @ls.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: WirefixServer, params: T.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("wirefix"), dict):
            ls.settings, problems = ls.settings.updated(settings["wirefix"])
            for p in problems:
                ls.say(p)
            ls.recheck_all()

    @ls.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(
        code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL_KIND],
        resolve_provider=True))
    async def code_action(ls: WirefixServer,
                          params: T.CodeActionParams) -> list[T.CodeAction] | None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        index = LineIndex(doc.text, ls.encoding)
        r = params.range
        start = index.offset(r.start.line, r.start.character)
        end = index.offset(r.end.line, r.end.character)
        only = [getattr(k, "value", k) for k in params.context.only] if params.context.only \
            else None
        return await ls.code_actions(doc, start, end, only)

    @ls.feature(T.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: WirefixServer, action: T.CodeAction) -> T.CodeAction:
        return await ls.resolve(action)

    @ls.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls: WirefixServer, params: T.HoverParams) -> T.Hover | None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        p = params.position
        return ls.hover(doc, LineIndex(doc.text, ls.encoding).offset(p.line, p.character))

    @ls.command(IGNORE_COMMAND)
    def ignore(ls: WirefixServer, uri: str, fingerprint: str) -> str:
        return ls.ignore(uri, fingerprint)

    return ls


def serve(log_file: str | None = None, verbose: bool = False) -> None:
    """Run the server on stdin/stdout until the editor says exit."""
    if log_file:
        logging.basicConfig(filename=log_file, level=logging.DEBUG if verbose else logging.INFO,
                            format="%(asctime)s %(name)s %(levelname)s %(message)s")
    else:   # stdout carries the protocol: nothing else may be printed there
        logging.basicConfig(level=logging.WARNING, stream=__import__("sys").stderr)
    build().start_io()
