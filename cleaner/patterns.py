"""Patterns that compile when first used, not at import.

The rules hold some 250 module-level patterns, and the ``regex`` module compiles in Python:
compiling them all at import cost about 80 ms of every cold ``wirefix check``, most of it
for rules that the one scan (``cleaner.scan``) never runs on a given story. A module writes

    _WORD = lazy_regex(r"\\w+(?:[’'-]\\w+)*", regex.I)

instead of ``regex.compile(...)``, and gets an object that behaves as the compiled pattern
(``search``, ``finditer``, ``sub``, ``pattern``, ``groupindex``, ...). The first attribute
asked for compiles it and copies the compiled pattern's bound methods and attributes onto
the object, so every later use is a plain attribute read: no wrapper stands in the hot path.

It is a stand-in, not a ``regex.Pattern``: pass ``.compiled()`` where a real pattern object
is needed (``isinstance`` checks, a module-level ``regex.sub(pattern, ...)``).

Compiled ``regex`` patterns are also kept between processes. The ``regex`` module parses
and optimises a pattern in Python (about half a millisecond each, some 50 ms of a cold
``wirefix check`` of one story), but a compiled pattern pickles as the arguments of its C
constructor, and building it from those skips all of that work. So the first process that
compiles a pattern keeps those arguments, writes them to the per-user cache
(``cleaner/cache.py``) when it exits, and later processes build the pattern from them. The
file is named after the ``regex`` and Python versions that made it and carries a checksum;
a missing, stale or damaged file only means compiling again.
"""
from __future__ import annotations

import atexit
import importlib
import sys
from typing import Any, Iterator

# The most patterns the cache keeps: the catalogue holds about 250, so this only guards
# against a caller that builds patterns from text.
_MAX_STORED = 4000
_stored: dict | None = None          # (pattern, flags) -> constructor arguments, from the file
_added: dict = {}                    # compiled by this process and not in the file


def _store_path():
    from wirefix.cleaner import cache
    version = importlib.import_module("regex").__version__
    return cache.cache_dir() / f"regex-{version}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def _read_store() -> dict:
    """The stored constructor arguments, or {} when the file is missing or damaged."""
    from wirefix.cleaner import cache
    stored = cache.read_marshal(_store_path())
    return stored if isinstance(stored, dict) else {}


def _write_store() -> None:
    """At exit: add what this process compiled to the file (merged with what another
    process may have written since this one read it)."""
    if not _added:
        return
    from wirefix.cleaner import cache
    merged = _read_store()
    merged.update(_added)
    _added.clear()
    if len(merged) <= _MAX_STORED:
        cache.write_marshal(_store_path(), merged)


def _compile_regex(pattern: Any, flags: int) -> Any:
    """``regex.compile(pattern, flags)``, built from the stored constructor arguments when
    an earlier process kept them."""
    global _stored
    engine = importlib.import_module("regex")
    if _stored is None:
        _stored = _read_store()
    if type(pattern) not in (str, bytes):
        return engine.compile(pattern, flags)   # a compiled pattern or a str subclass: no key
    # The key is all that decides what `regex` compiles: the text, the flags (an enum in
    # newer versions; marshal takes ints) and the module's default version, which a caller
    # may change (V0 or V1 read "[\w--\d]" differently).
    key = (pattern, int(flags), int(engine.DEFAULT_VERSION))
    args = _stored.get(key)
    if args is not None:
        try:
            return importlib.import_module("regex._regex").compile(*args)
        except Exception:   # a file from another build of the module: compile instead
            pass
    compiled = engine.compile(pattern, flags)
    args = getattr(compiled, "_pickled_data", None)   # what pickling it would store
    if not isinstance(args, tuple):
        return compiled
    if not _added:
        atexit.register(_write_store)
    _added[key] = args
    return compiled

# what a compiled pattern offers (both engines), copied onto the stand-in when it compiles
_PUBLIC = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
           "scanner", "pattern", "flags", "groups", "groupindex",
           # the `regex` module's own
           "subf", "subfn", "splititer", "named_lists")


class LazyPattern:
    """A pattern compiled on first use; afterwards its attributes are the compiled
    pattern's own (see the module docstring)."""

    def __init__(self, engine: str, pattern: Any, flags: int = 0, kwargs: dict | None = None):
        self.__dict__["_how"] = (engine, pattern, flags, kwargs or {})

    def compiled(self) -> Any:
        """The compiled pattern (compiled now if it was not yet)."""
        done = self.__dict__.get("_compiled")
        if done is not None:
            return done
        engine, pattern, flags, kwargs = self.__dict__["_how"]
        if engine == "regex" and not kwargs:
            compiled = _compile_regex(pattern, flags)
        else:
            compiled = importlib.import_module(engine).compile(pattern, flags, **kwargs)
        for name in _PUBLIC:
            if hasattr(compiled, name):
                self.__dict__[name] = getattr(compiled, name)
        self.__dict__["_compiled"] = compiled
        # from now on a plain object: a class with __getattr__ makes every attribute read
        # take the slow path (no specialised lookup), and patterns are read in hot loops
        self.__class__ = LazyPattern
        return compiled

    def __reduce__(self):
        engine, pattern, flags, kwargs = self.__dict__["_how"]
        return (_Pending, (engine, pattern, flags, kwargs))

    def __repr__(self) -> str:
        engine, pattern, flags, _ = self.__dict__["_how"]
        state = "compiled" if "_compiled" in self.__dict__ else "not compiled yet"
        return f"<lazy {engine} pattern {pattern!r}, flags {flags!r}, {state}>"


class _Pending(LazyPattern):
    """A LazyPattern not compiled yet: the first attribute asked for compiles it."""

    def __getattr__(self, name: str) -> Any:
        # only called for what the object does not hold yet
        if name.startswith("__") or name in ("_how", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def finditer_near(pattern: Any, text: str, anchor: Any, reach: int) -> Iterator[Any]:
    """The matches ``pattern.finditer(text)`` yields, for a pattern each of whose matches
    holds a match of ``anchor`` (a cheap pattern, say of literals, in the stdlib engine)
    that starts at most ``reach`` characters after the match's own start.

    ``regex`` tries a pattern that opens with a look-behind and an alternation of words at
    every offset of a story; here it is tried only in the window before each anchor. The
    windows are taken in order, each from the end of the last match on, as finditer goes:
    a match found in a window holds that window's anchor (a match that held an earlier one
    would have been found in its window), so nothing after it in the window is skipped.
    The pattern must not depend on where matching starts (no ``\\G``); its look-behinds
    see the text before the window, as they do in finditer."""
    match = pattern.match
    end = 0
    for a in anchor.finditer(text):
        at = a.start()
        for start in range(max(at - reach, end), at + 1):
            m = match(text, start)
            if m is not None:
                yield m
                end = m.end()
                break


def longest_first(words) -> list[str]:
    """``words`` in the order an alternation of them needs: longest first (so "stresses"
    is tried before "stress"), then alphabetical, so that a pattern built from a set is the
    same string in every process (a set's order changes with the hash seed, and the store
    of compiled patterns is keyed on the string)."""
    return sorted(words, key=lambda w: (-len(w), w))


def lazy_regex(pattern: Any, flags: int = 0, **kwargs: Any) -> Any:
    """``regex.compile(pattern, flags, **kwargs)``, done on first use."""
    return _Pending("regex", pattern, flags, kwargs)


def lazy_re(pattern: Any, flags: int = 0) -> Any:
    """``re.compile(pattern, flags)`` (the stdlib engine), done on first use."""
    return _Pending("re", pattern, flags)
