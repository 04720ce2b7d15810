"""One scan of a text tells which rules have something to look at.

Every rule declares what it looks for (``Rule.looks_for``: literals, patterns, or always).
Most rules find nothing in most stories, so the engine asks the ``Scanner`` of a phase's
rules first, and runs only the rules whose literals or patterns occur in the text. What a
rule declares must be a superset of what it can flag: the scan may say yes for nothing,
never no for damage (tests/test_looks_for.py checks it on every rule's examples, the corpora
and generated text, by running each rule without the scan).

Two ways to scan, with the same answers:

``hyperscan``  every pattern and literal of every rule compiled into one Hyperscan database
               and matched in one pass over the UTF-8 text (a pattern Hyperscan cannot
               compile exactly, such as one with a look-behind, is compiled in its prefilter
               mode, which matches a superset). Compiling takes a few tenths of a second, so
               a scanner starts with the per-rule way and builds the database only once it
               has scanned ``WARM`` texts: a `wirefix check` of one story never pays for it.
               The compiled database is kept in the user's cache (``cleaner.cache``), so
               the next run loads it instead (about a millisecond), from its first text:
               loading it costs a cold check less than compiling the per-rule patterns.
``regex``      each rule's literals tested with ``in`` and its patterns searched with one
               ``regex`` pattern per rule, compiled when a text first needs it: the way for a few
               texts, a text Hyperscan cannot read (lone surrogates), and a machine without
               Hyperscan's wheel.

A rule's few short ASCII literals ("\\n", "  ", "(") are tested with ``in`` in both ways:
they occur in most stories, and a substring test finds them faster than the scan reports
each match to Python. Longer lists of characters become one character class.

``WIREFIX_SCAN=regex`` or ``=hyperscan`` forces one way (bench/ and tests/ compare them).
"""
from __future__ import annotations

import json
import os
import threading
from typing import TYPE_CHECKING, Sequence

from . import cache

if TYPE_CHECKING:
    from wirefix.rules.base import Rule

# Texts scanned the per-rule way before the database is built (see the module docstring).
WARM = 24
# A rule's short ASCII literals ("\n", "  ", "--") are tested one `in` each when it has at
# most _FEW of them: they are common, and `in` finds them faster than the scan reports every
# match. Longer lists of characters become one character class in the scan.
_SHORT = 2
_FEW = 3


class Scanner:
    """The rules of one phase, and which of them a text gives something to look at."""

    def __init__(self, rules: Sequence["Rule"], way: str | None = None):
        """``way``: "regex", "hyperscan", or None for the default (``WIREFIX_SCAN``, else
        per rule for the first ``WARM`` texts and Hyperscan after them)."""
        self.rules = list(rules)
        self.always = frozenset(i for i, r in enumerate(self.rules) if r.looks_for.always)
        # a few short ASCII literals: tested with `in` by both ways
        self._chars: list[tuple[str, int]] = []
        # everything else, per rule: (longer literals, characters for a class, patterns)
        self._rest: list[tuple[int, tuple[str, ...], str, tuple[str, ...]]] = []
        for i, r in enumerate(self.rules):
            lf = r.looks_for
            if lf.always:
                continue
            plain = [x for x in lf.literals if x.isascii() and len(x) <= _SHORT]
            if len(plain) > _FEW:
                plain = []
            self._chars.extend((x, i) for x in plain)
            rest = [x for x in lf.literals if x not in plain]
            classed = "".join(c for c in rest if len(c) == 1)
            longer = tuple(x for x in rest if len(x) > 1)
            if longer or classed or lf.patterns:
                self._rest.append((i, longer, classed, lf.patterns))
        self._regex: list[tuple[int, tuple[str, ...], object]] | None = None
        self._hs: _Hyperscan | None = None
        self._seen = 0
        self._cached: bool | None = None   # is there a compiled database in the cache?
        self._source_list: list[tuple[int, str]] | None = None
        self._mode = way if way is not None else os.environ.get("WIREFIX_SCAN", "")
        self._lock = threading.Lock()

    # -- the scan ---------------------------------------------------------------------
    def hits(self, text: str) -> set[int]:
        """Indices (into ``rules``) of the rules that may find something in ``text``."""
        found = set(self.always)
        for c, i in self._chars:
            if i not in found and c in text:
                found.add(i)
        if not self._rest:
            return found
        hs = self._hyperscan()
        if hs is not None and hs.scan(text, found):
            return found
        self._scan_regex(text, found)
        return found

    def _scan_regex(self, text: str, found: set[int]) -> None:
        for i, literals, pattern in self._regex_parts():
            if i in found:
                continue
            for lit in literals:
                if lit in text:
                    found.add(i)
                    break
            else:
                if pattern is not None and pattern.search(text) is not None:
                    found.add(i)

    def _sources(self) -> list[tuple[int, str]]:
        """The database's expressions (``_sources``), worked out once: the cache file's name
        and the database both need them."""
        if self._source_list is None:
            self._source_list = _sources(self._rest)
        return self._source_list

    def _regex_parts(self):
        parts = self._regex
        if parts is None:
            import regex

            from .patterns import lazy_regex
            parts = self._regex = []
            for i, literals, classed, patterns in self._rest:
                sources = [f"(?:{p})" for p in patterns]
                if classed:
                    sources.append("[" + "".join(map(regex.escape, classed)) + "]")
                # compiled when a text first needs it (its rule's literals were not found):
                # a `wirefix check` of one story compiles only those
                parts.append((i, literals, lazy_regex("|".join(sources)) if sources else None))
        return parts

    def _hyperscan(self) -> "_Hyperscan | None":
        hs = self._hs
        if hs is not None:
            return hs
        mode = self._mode
        if mode == "regex":
            return None
        self._seen += 1
        if mode != "hyperscan" and self._seen <= WARM:
            # a database compiled by an earlier run is cheaper to load than the per-rule
            # patterns are to compile, even for one story
            cached = self._cached
            if cached is None:
                cached = self._cached = _cache_path(self._sources()).exists()
            if not cached:
                return None
        with self._lock:
            if self._hs is None:
                try:
                    self._hs = _Hyperscan(self._sources())
                except ImportError:
                    _debug("hyperscan is not installed: scanning rule by rule")
                    self._mode = "regex"
                    return None
        return self._hs

    def prepare(self) -> None:
        """Build the Hyperscan database now (unless the per-rule way is forced)."""
        if self._mode != "regex" and self._rest:
            self._seen = WARM
            self._hyperscan()

    def prefiltered(self) -> list[str]:
        """The patterns Hyperscan matches only approximately."""
        self.prepare()
        return list(self._hs.prefiltered) if self._hs is not None else []

    @property
    def way(self) -> str:
        """"hyperscan" once the database is built, else "regex"."""
        return "hyperscan" if self._hs is not None else "regex"


class _Hyperscan:
    """One Hyperscan database of every rule's patterns and longer literals."""

    def __init__(self, sources):   # the scan's _sources
        import hyperscan

        self._hsmod = hyperscan
        # one report per expression is all a scan needs: which expressions occur, not where
        # (without it, a pattern that matches at every line end called back for each)
        base = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_SINGLEMATCH
        self.rule_of = [i for i, _ in sources]
        self.prefiltered: list[str] = []
        self.from_cache = False
        # compiling takes a few tenths of a second (every `wirefix batch` paid it): the
        # database is kept in the user's cache (cleaner.cache), named after a hash of what
        # it was compiled from, and loaded in a fraction of a millisecond
        path = _cache_path(sources)
        if self._load(path):
            self._local = threading.local()
            return
        flags = [base] * len(sources)
        self.db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            self._compile([src for _, src in sources], flags)
        except hyperscan.error:
            # some pattern is beyond Hyperscan's exact matching (a look-around): find it,
            # and match it in the prefilter mode, a superset
            exprs = []
            for n, (_rule, source) in enumerate(sources):
                flag = _compilable(hyperscan, source, base)
                if flag is None:   # not even a prefilter: the rule runs on every text
                    _debug("hyperscan cannot compile %r: its rule always runs", source)
                    source, flag = "", base | hyperscan.HS_FLAG_ALLOWEMPTY
                elif flag != base:
                    self.prefiltered.append(source)
                exprs.append(source)
                flags[n] = flag
            self._compile(exprs, flags)
        self._local = threading.local()
        head = {"hyperscan": hyperscan.__version__, "prefiltered": self.prefiltered}
        cache.write(path, json.dumps(head).encode() + b"\0" + hyperscan.dumpb(self.db))

    def _load(self, path) -> bool:
        """Take the database from the cache file at ``path``, if there is a usable one (a
        database built for another CPU, or by another Hyperscan, is compiled again)."""
        data = cache.read(path)
        if data is None:
            return False
        hyperscan = self._hsmod
        try:
            head, _, blob = data.partition(b"\0")
            info = json.loads(head)
            if info["hyperscan"] != hyperscan.__version__:
                return False
            prefiltered = info["prefiltered"]
            db = hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK)
            db.scan(b"", match_event_handler=None, scratch=hyperscan.Scratch(db))
        except (hyperscan.error, ValueError, KeyError, TypeError):
            return False
        self.db, self.prefiltered, self.from_cache = db, list(prefiltered), True
        return True

    def _compile(self, expressions: list[str], flags: list[int]) -> None:
        self.db.compile(expressions=[x.encode("utf-8") for x in expressions],
                        ids=list(range(len(expressions))), elements=len(expressions),
                        flags=flags)

    def scan(self, text: str, found: set[int]) -> bool:
        """Add the rules with a match in ``text`` to ``found``; False when Hyperscan cannot
        read the text (lone surrogates are not UTF-8)."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return False
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:   # a scratch space per thread: scans run in parallel
            scratch = self._local.scratch = self._hsmod.Scratch(self.db)
        rule_of, add = self.rule_of, found.add

        def on_match(pid: int, start: int, end: int, flags: int, context: object) -> None:
            add(rule_of[pid])

        self.db.scan(data, match_event_handler=on_match, scratch=scratch)
        return True


def _sources(rest) -> list[tuple[int, str]]:
    """Every expression of the database, with the index of its rule."""
    sources: list[tuple[int, str]] = []
    for i, literals, classed, patterns in rest:
        sources += [(i, _literal(x)) for x in literals]
        if classed:
            sources.append((i, "[" + "".join(map(_literal, classed)) + "]"))
        sources += [(i, _pcre(p)) for p in patterns]
    return sources


# Bump when what goes into a database changes other than through its expressions (flags).
_DB_FORMAT = "utf8 ucp singlematch block 2"


def _cache_path(sources: list[tuple[int, str]]):
    """The cache file of the database of these expressions (found without importing
    Hyperscan; the file names the version that compiled it)."""
    key = cache.blake2b(repr((_DB_FORMAT, sources)).encode(), digest_size=16).hexdigest()
    return cache.cache_dir() / f"scan-{key}.hsdb"


def _debug(message: str, *args: object) -> None:
    """Log to the "wirefix" logger (logging is imported only then: a cold start skips it)."""
    import logging
    logging.getLogger("wirefix").debug(message, *args)


def _compilable(hyperscan, source: str, base: int) -> int | None:
    """The flags that compile ``source``: exact if Hyperscan can, else its prefilter mode
    (a superset of the matches), else None."""
    for flag in (base, base | hyperscan.HS_FLAG_PREFILTER,
                 base | hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_ALLOWEMPTY):
        try:
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            db.compile(expressions=[source.encode("utf-8")], ids=[0], elements=1, flags=[flag])
            return flag
        except hyperscan.error:
            continue
    return None


def _literal(text: str) -> str:
    """A literal as a PCRE pattern: letters and digits as they are, the rest as \\x{...}."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}" for c in text)


def _pcre(pattern: str) -> str:
    """A ``regex`` pattern in PCRE's spelling: \\uXXXX, \\UXXXXXXXX and \\xXX as \\x{...}
    (Hyperscan reads \\xXX as a byte)."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            width = {"u": 4, "U": 8, "x": 2}.get(nxt)
            if width and pattern[i + 2:i + 3] != "{":
                digits = pattern[i + 2:i + 2 + width]
                out.append(f"\\x{{{digits}}}")
                i += 2 + width
                continue
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)
