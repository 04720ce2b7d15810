"""The client for the second engine: a LanguageTool server (the grammar family).

Built on language_tool_python with ``remote_server=``; wirefix never starts a server itself
(``scripts/languagetool-server`` does). What this module adds on top:

* **Exact offsets.** LanguageTool is Java: its offsets and lengths count UTF-16 code units,
  so every character outside the Basic Multilingual Plane (emoji, some CJK) counts twice.
  They are converted to Python code points here. A CRLF is two units in both, and the text
  is sent exactly as given, so line breaks need no translation.
* **Chunks.** A long story is sent in chunks of whole paragraphs (a paragraph longer than a
  chunk is split at sentence ends), and the offsets are mapped back to the story.
* **Concurrency.** At most ``threads`` requests are in flight per server (the server's
  ``maxCheckThreads``; ``WIREFIX_LANGUAGETOOL_THREADS``), shared by the chunks of one story
  and the stories that the CLI checks in parallel.
* **One clear failure.** A server that is down, slow or answers with an error raises
  ``LanguageToolUnavailable`` with a one-line reason; the server is then left alone for a
  short cool-down, so a batch over many stories fails fast instead of waiting on every one.
* **A cache** of answers per chunk text: ``--fix`` re-lints after each pass, and the review
  app after each decision, and most paragraphs have not changed.

Importing this module is cheap; language_tool_python is imported on the first check.
"""
from __future__ import annotations

import bisect
import os
import threading
import time
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import regex

from .document import Document
from .engine import ServiceUnavailable

ENV_URL = "WIREFIX_LANGUAGETOOL_URL"
ENV_THREADS = "WIREFIX_LANGUAGETOOL_THREADS"
ENV_TIMEOUT = "WIREFIX_LANGUAGETOOL_TIMEOUT"

LANGUAGE = "en-US"           # AP style is American English
CHUNK_CHARS = 6000           # characters per request, at most (a chunk is whole paragraphs)
DEFAULT_TIMEOUT = 60.0       # seconds per request; the first check with a new rule set
                             # builds a pipeline: 5-20 s on a busy 2-core machine
COOLDOWN = 30.0              # seconds a failed server is left alone before the next try
CACHE_ENTRIES = 4096
MAX_REPLACEMENTS = 5

NO_SERVER = ("the grammar family needs a LanguageTool server: start one with "
             "`scripts/languagetool-server start` and pass its URL with --languagetool URL, "
             "`languagetool = \"URL\"` in the config, or WIREFIX_LANGUAGETOOL_URL")


class LanguageToolUnavailable(ServiceUnavailable):
    """The LanguageTool server could not check the text (down, too slow, or an error)."""


# -- configuration -----------------------------------------------------------------------
def server_url(config: Any) -> str | None:
    """The server to use: ``--languagetool`` / the config key, else the environment."""
    url = getattr(config, "languagetool", None) or os.environ.get(ENV_URL) or ""
    url = url.strip()
    return url or None


def implied_selectors(config: Any) -> tuple[str, ...]:
    """Selectors a server URL adds: with a URL (option, config key or environment) the
    grammar family joins the default rule set. An explicit ``select`` still decides alone."""
    if getattr(config, "select", None) is None and server_url(config):
        return ("grammar",)
    return ()


def layered_selectors(config: Any,
                      path: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """(select, extend_select, ignore) of every layer: the config file's, then the command
    line's (``Config.cli``), plus the per-file ignores for ``path``."""
    select = list(config.select or ())
    extend = list(config.extend_select)
    ignore = list(config.ignores_for(path))
    cli = getattr(config, "cli", None)
    if cli is not None:
        select += list(cli[0] or ())
        extend += list(cli[1])
        ignore += list(cli[2])
    return select, extend, ignore


def explicitly_requested(rule: type, config: Any) -> bool:
    """Did the user name this rule, its code or its family (``--select grammar``)? Then its
    service failing is an error (exit 2); otherwise a warning."""
    from .selection import explicitly_selected

    select, extend, _ = layered_selectors(config)
    return explicitly_selected(rule, select, extend)


def thread_limit() -> int:
    """Requests to keep in flight: the server's thread limit when `run` told us, else a
    conservative guess (LanguageTool queues what it cannot run at once)."""
    raw = os.environ.get(ENV_THREADS, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, os.cpu_count() or 2))


def request_timeout() -> float:
    raw = os.environ.get(ENV_TIMEOUT, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def story_workers(config: Any, path: str | None = None) -> int:
    """How many stories the CLI should check at once: the thread limit when this
    configuration runs the grammar family (the work is waiting on the server), else 1."""
    from .engine import engine_for
    from wirefix.rules.base import Phase

    engine = engine_for(config, path)
    if any(r.phase is Phase.GRAMMAR for r in engine.rules):
        return thread_limit()
    return 1


# -- which LanguageTool rules run ----------------------------------------------------------
@dataclass(frozen=True)
class RulePolicy:
    """The LanguageTool rules a check asks for (rule ids and category ids as the server
    names them). Hashable: one client tool and one cache slot per policy."""

    enabled: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False


# -- offsets ---------------------------------------------------------------------------------
class Utf16Offsets:
    """Converts UTF-16 code-unit offsets in one string to code-point offsets."""

    __slots__ = ("starts",)

    def __init__(self, text: str):
        # UTF-16 offset of every astral character (each is a surrogate pair: two units)
        starts = []
        extra = 0
        for i, ch in enumerate(text):
            if ord(ch) > 0xFFFF:
                starts.append(i + extra)
                extra += 1
        self.starts = starts

    def start(self, unit: int) -> int:
        """Code point at UTF-16 offset ``unit`` (inside a pair: the astral character)."""
        return unit - bisect.bisect_left(self.starts, unit)

    def end(self, unit: int) -> int:
        """Code-point end for an exclusive UTF-16 end (inside a pair: after the character)."""
        cp = unit - bisect.bisect_left(self.starts, unit)
        i = bisect.bisect_left(self.starts, unit - 1)
        if i < len(self.starts) and self.starts[i] == unit - 1:
            cp += 1  # the end fell between the two halves of a pair
        return cp


_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


def utf16_converter(text: str) -> Utf16Offsets | None:
    """None when the text has no astral characters (then the offsets already agree)."""
    return Utf16Offsets(text) if _ASTRAL.search(text) else None


# -- chunks ----------------------------------------------------------------------------------
def _pack(spans: Iterable[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Group consecutive spans into chunks of at most ``limit`` characters (a longer span
    stays whole: the caller splits it first)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for s, e in spans:
        if start is not None and e - start > limit:
            out.append((start, end))
            start = None
        if start is None:
            start = s
        end = e
    if start is not None:
        out.append((start, end))
    return out


def _hard_split(text: str, s: int, e: int, limit: int) -> list[tuple[int, int]]:
    """A run-on "sentence" longer than a chunk: cut after the last space before the limit."""
    out = []
    while e - s > limit:
        cut = text.rfind(" ", s + limit // 2, s + limit)
        cut = cut + 1 if cut != -1 else s + limit
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def plan_chunks(doc: Document, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Spans of ``doc.text`` to send, each whole paragraphs where possible, in order."""
    text = doc.text
    if len(text) <= limit:
        return [(0, len(text))] if text.strip() else []
    spans: list[tuple[int, int]] = []
    sentences = doc.sentences
    for p in doc.paragraphs:
        if p.end - p.start <= limit:
            spans.append((p.start, p.end))
            continue
        # pieces run from one sentence's start to the next one's, so a chunk starts where
        # a sentence does and no character of the paragraph is left out
        cuts = [s.start for s in sentences if p.start < s.start < p.end]
        bounds = [p.start, *cuts, p.end]
        pieces: list[tuple[int, int]] = []
        for s, e in zip(bounds, bounds[1:], strict=False):
            pieces.extend(_hard_split(text, s, e, limit) if e - s > limit else [(s, e)])
        spans.extend(_pack(pieces, limit))
    return _pack(spans, limit)


# -- matches ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, with code-point offsets into the whole text."""

    start: int
    end: int
    rule_id: str
    category: str           # category id, e.g. GRAMMAR, TYPOS
    category_name: str      # e.g. "Possible Typo"
    issue_type: str         # e.g. misspelling, grammar, style
    message: str
    short_message: str
    description: str        # the rule's description
    replacements: tuple[str, ...]


def _convert(raw: dict, text: str, offsets: Utf16Offsets | None, base: int) -> list[LTMatch]:
    out = []
    for m in raw.get("matches", ()):
        unit_start, unit_end = int(m["offset"]), int(m["offset"]) + int(m["length"])
        if offsets is not None:
            start, end = offsets.start(unit_start), offsets.end(unit_end)
        else:
            start, end = unit_start, unit_end
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        rule = m.get("rule", {})
        category = rule.get("category", {})
        out.append(LTMatch(
            start=base + start, end=base + max(start, end),
            rule_id=str(rule.get("id", "UNKNOWN")),
            category=str(category.get("id", "")), category_name=str(category.get("name", "")),
            issue_type=str(rule.get("issueType", "")),
            message=str(m.get("message", "")).strip(),
            short_message=str(m.get("shortMessage", "") or "").strip(),
            description=str(rule.get("description", "")),
            replacements=tuple(str(r.get("value", "")) for r in m.get("replacements", ())
                               [:MAX_REPLACEMENTS]),
        ))
    return out


# -- the client --------------------------------------------------------------------------------
def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    if host == "localhost":
        return True
    try:
        import ipaddress  # here, not at import: `wirefix check` starts without the grammar code

        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(exc: BaseException, timeout: float) -> str:
    """A one-line reason for a failed request, without a traceback's worth of URL."""
    import requests

    cause = exc.__cause__ or exc.__context__ or exc
    if isinstance(cause, requests.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(cause, requests.ConnectionError):
        text = str(cause)
        if "refused" in text.lower():
            return "connection refused"
        return "cannot connect"
    text = " ".join(str(exc).split())
    if text.startswith("http") and ": " in text:
        text = text.split(": ", 1)[1]
    return (text[:200] + "…") if len(text) > 200 else (text or type(exc).__name__)


class LanguageToolClient:
    """Checks texts against one server. Thread-safe; get one with ``client_for(url)``."""

    def __init__(self, url: str, *, threads: int | None = None, timeout: float | None = None,
                 language: str = LANGUAGE):
        self.url = url.rstrip("/")
        self.threads = threads or thread_limit()
        self.timeout = timeout or request_timeout()
        self.language = language
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.threads)
        from concurrent.futures import ThreadPoolExecutor  # only with a server (cold start)

        self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="languagetool")
        self._tools: dict[RulePolicy, Any] = {}
        self._cache: OrderedDict[tuple[RulePolicy, str], tuple[LTMatch, ...]] = OrderedDict()
        self._down_reason: str | None = None
        self._down_until = 0.0

    # -- failure handling --------------------------------------------------------------
    def _unavailable(self, reason: str) -> LanguageToolUnavailable:
        return LanguageToolUnavailable(
            f"LanguageTool at {self.url} is unavailable ({reason}); the grammar family "
            f"(LT:*) was skipped and the other rules ran")

    def _check_up(self) -> None:
        with self._lock:
            if self._down_reason is not None and time.monotonic() < self._down_until:
                raise self._unavailable(self._down_reason)

    def _trip(self, reason: str) -> LanguageToolUnavailable:
        with self._lock:
            self._down_reason = reason
            self._down_until = time.monotonic() + COOLDOWN
        return self._unavailable(reason)

    def _recovered(self) -> None:
        if self._down_reason is not None:
            with self._lock:
                self._down_reason = None

    # -- language_tool_python ------------------------------------------------------------
    def _tool(self, policy: RulePolicy):
        with self._lock:
            tool = self._tools.get(policy)
        if tool is not None:
            return tool
        tool = _make_tool(self.url, self.language, self.timeout, policy)
        with self._lock:
            return self._tools.setdefault(policy, tool)

    def _check_chunk(self, policy: RulePolicy, text: str) -> tuple[LTMatch, ...]:
        """Matches in ``text`` (offsets relative to it), from the cache or the server."""
        key = (policy, text)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        self._check_up()
        from language_tool_python.exceptions import LanguageToolError

        try:
            with self._slots:
                tool = self._tool(policy)
                raw = tool.check_raw(text)
        except (LanguageToolError, OSError, ValueError) as exc:
            raise self._trip(_reason(exc, self.timeout)) from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("matches"), list):
            raise self._trip(f"unexpected answer: {str(raw)[:120]}")
        self._recovered()
        found = tuple(_convert(raw, text, utf16_converter(text), 0))
        with self._lock:
            self._cache[key] = found
            if len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return found

    def check(self, doc: Document | str, policy: RulePolicy = RulePolicy()) -> list[LTMatch]:
        """All matches in the document, offsets in code points into ``doc.text``."""
        if isinstance(doc, str):
            doc = Document(doc)
        text = doc.text
        chunks = plan_chunks(doc)
        if not chunks:
            return []
        self._check_up()

        def one(span: tuple[int, int]) -> list[LTMatch]:
            s, e = span
            return [_shift(m, s) for m in self._check_chunk(policy, text[s:e])]

        if len(chunks) == 1:
            results = [one(chunks[0])]
        else:
            results = list(self._pool.map(one, chunks))
        return [m for part in results for m in part]


def _shift(m: LTMatch, base: int) -> LTMatch:
    if base == 0:
        return m
    return LTMatch(m.start + base, m.end + base, m.rule_id, m.category, m.category_name,
                   m.issue_type, m.message, m.short_message, m.description, m.replacements)


def _make_tool(url: str, language: str, timeout: float, policy: RulePolicy):
    """A language_tool_python client for a remote server, with wirefix's rule policy.
    Its constructor asks the server for its languages: the first contact."""
    import language_tool_python

    class WireTool(language_tool_python.LanguageTool):
        def __init__(self) -> None:
            self._TIMEOUT = timeout  # type: ignore[assignment]  # library default 300 s
            # a proxy from the environment must not sit between us and a local server
            proxies = _no_proxies(url)
            super().__init__(language=language, remote_server=url, proxies=proxies)
            self.enabled_rules = set(policy.enabled)
            self.disabled_rules = set(policy.disabled)
            self.disabled_categories = set(policy.disabled_categories)
            self.enabled_rules_only = policy.enabled_only

        def _create_params(self, text: str) -> dict[str, str]:
            # sorted: the server caches a rule pipeline per exact list, and the library
            # joins Python sets, whose order changes from one process to the next
            params = super()._create_params(text)
            for key in ("enabledRules", "disabledRules", "enabledCategories", "disabledCategories"):
                if key in params:
                    params[key] = ",".join(sorted(params[key].split(",")))
            return params

        def check_raw(self, text: str) -> Any:
            """The server's JSON answer. ``LanguageTool.check`` would wrap each match in a
            ``Match`` that fixes offsets through a class-wide cache (not thread-safe) and
            leaves the length in UTF-16 units; the conversion is done here instead."""
            endpoint = urllib.parse.urljoin(self._url, "check")
            return self._query_server(endpoint, self._create_params(text), num_tries=1,
                                      method="post")

    return WireTool()


_CLIENTS: dict[str, LanguageToolClient] = {}
_CLIENTS_LOCK = threading.Lock()


def client_for(url: str) -> LanguageToolClient:
    """The shared client for this server URL (one per process)."""
    key = url.strip().rstrip("/")
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(key)
        if client is None:
            client = _CLIENTS[key] = LanguageToolClient(key)
        return client


def _no_proxies(url: str) -> Any:
    """requests' proxies setting that keeps the environment's proxy away from a server on
    this machine (None, "no setting", elsewhere)."""
    return {"http": None, "https": None} if _is_loopback(url) else None


def verify_rule_ids(url: str, ids: Sequence[str], language: str = LANGUAGE) -> list[str]:
    """The ids (rule ids or category ids) that the server does not know; for the tests and
    the curated configuration. Uses the server's /v2/configinfo listing."""
    import requests

    resp = requests.get(f"{url.rstrip('/')}/v2/configinfo", params={"language": language},
                        timeout=request_timeout() * 4, proxies=_no_proxies(url))
    resp.raise_for_status()
    rules = resp.json()["rules"]
    known = {r["ruleId"] for r in rules} | {r.get("categoryId", "") for r in rules}
    return [i for i in ids if i not in known]
