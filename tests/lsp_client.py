"""Helpers for driving ``wirefix lsp`` over stdio with pytest-lsp's client, as an editor does:
start the real server process, initialise, open documents, wait for the whole-story check
of a version, apply workspace edits. Positions are converted here independently of the
server's own code (cleaner.lsp.text), so that a conversion bug cannot hide in both."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

CHECKED = "$/wirefix/checked"
SERVER = [sys.executable, "-m", "wirefix", "lsp"]


def _converter():
    """lsprotocol's converter, with one hook fixed: lsprotocol reads any code action that
    carries a ``command`` (as "Ignore this finding" does) as a bare Command, stringifying
    the command object. A bare Command's ``command`` is a string; a CodeAction's is not."""
    from typing import Union

    from pygls.protocol import default_converter

    conv = default_converter()

    def hook(obj, _):
        if isinstance(obj.get("command"), str):
            return conv.structure(obj, T.Command)
        return conv.structure(obj, T.CodeAction)

    conv.register_structure_hook(Union[T.Command, T.CodeAction], hook)
    return conv


def _client() -> LanguageClient:
    from pytest_lsp.client import register_lsp_features

    client = LanguageClient(converter_factory=_converter)
    register_lsp_features(client)
    return client


def config(env: dict | None = None) -> ClientServerConfig:
    import os

    full = dict(os.environ)
    full.update(env or {})
    return ClientServerConfig(server_command=SERVER, server_env=full, client_factory=_client)


async def start(client: LanguageClient, options: dict | None = None,
                capabilities: str = "neovim") -> T.InitializeResult:
    client.checked = []                       # (uri, version) of every whole-story check

    @client.feature(CHECKED)
    def _checked(ls, params):
        get = params.get if isinstance(params, dict) else lambda k: getattr(params, k)
        ls.checked.append((get("uri"), get("version")))

    return await client.initialize_session(T.InitializeParams(
        capabilities=client_capabilities(capabilities),
        initialization_options={"debounceMs": 20, **(options or {})}))


async def until(predicate, timeout: float = 60.0, what: str = "the server") -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


class Editor:
    """One open document in the test client: its text and version, kept as an editor does."""

    def __init__(self, client: LanguageClient, path: Path, language: str = "plaintext",
                 text: str | None = None):
        self.client = client
        self.path = path
        self.uri = path.resolve().as_uri()
        self.text = path.read_text(encoding="utf-8") if text is None else text
        self.version = 1
        self.language = language

    def open(self) -> None:
        self.client.text_document_did_open(T.DidOpenTextDocumentParams(
            text_document=T.TextDocumentItem(uri=self.uri, language_id=self.language,
                                             version=self.version, text=self.text)))

    async def checked(self, timeout: float = 60.0) -> list[T.Diagnostic]:
        """The diagnostics once the whole-story check of the current version was published."""
        await until(lambda: (self.uri, self.version) in self.client.checked, timeout,
                    f"the check of version {self.version}")
        return list(self.client.diagnostics.get(self.uri, []))

    def replace(self, start: int, end: int, new: str) -> None:
        """An incremental change, as an editor sends it (UTF-16 positions)."""
        a, b = position(self.text, start), position(self.text, end)
        self.text = self.text[:start] + new + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[T.TextDocumentContentChangePartial(
                range=T.Range(start=T.Position(*a), end=T.Position(*b)), text=new)]))

    def apply(self, edit: T.WorkspaceEdit) -> None:
        """Apply a workspace edit: every text edit of it, at once, as an editor does."""
        edits = []
        for change in edit.document_changes or []:
            assert change.text_document.uri == self.uri
            assert change.text_document.version == self.version, "a stale edit"
            edits.extend(change.edits)
        for uri, more in (edit.changes or {}).items():
            assert uri == self.uri
            edits.extend(more)
        spans = sorted(((offset(self.text, e.range.start), offset(self.text, e.range.end),
                         e.new_text) for e in edits), reverse=True)
        text = self.text
        for a, b, new in spans:
            text = text[:a] + new + text[b:]
        # sent as one full-text change
        self.version += 1
        self.text = text
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, start: int = 0, end: int | None = None,
                      only: list[str] | None = None) -> list[T.CodeAction]:
        end = len(self.text) if end is None else end
        a, b = position(self.text, start), position(self.text, end)
        got = await self.client.text_document_code_action_async(T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(uri=self.uri),
            range=T.Range(start=T.Position(*a), end=T.Position(*b)),
            context=T.CodeActionContext(diagnostics=[], only=only)))
        return [a for a in got or [] if isinstance(a, T.CodeAction)]


def _lines(text: str) -> list[int]:
    """Offsets where lines start: after "\\n", "\\r\\n" or a lone "\\r" (and nothing else)."""
    starts = [0]
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\r" and text[i + 1:i + 2] == "\n":
            i += 1
            starts.append(i + 1)
        elif c in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def position(text: str, off: int) -> tuple[int, int]:
    """(line, UTF-16 code units) of a code-point offset."""
    starts = _lines(text)
    line = max(i for i, s in enumerate(starts) if s <= off)
    units = len(text[starts[line]:off].encode("utf-16-le", "surrogatepass")) // 2
    return line, units


def offset(text: str, pos: T.Position) -> int:
    starts = _lines(text)
    start = starts[pos.line]
    units = 0
    i = start
    while units < pos.character:
        units += len(text[i].encode("utf-16-le", "surrogatepass")) // 2
        i += 1
    return i
