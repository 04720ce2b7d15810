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

The stdlib ``re`` module's patterns are kept the same way (``warm_stdlib_patterns``): a cold
``wirefix check`` compiles some 45 of them, most at the import of stdlib modules (platform,
tomllib, logging, textwrap) and of click, about 8 ms in all. The console script
(``wirefix/console.py``) calls it before its first import, and it puts the patterns earlier
runs compiled into ``re``'s own cache, built by ``_sre.compile`` from the arguments
``re._compiler.compile`` would pass it. At exit the patterns compiled since are noted,
and one compiled by two runs is kept, if the pattern built from its arguments equals the
one ``re`` compiled: a pattern built from one story's words is not loaded by every later
run. A store that would grow past ``_RE_MAX_STORED`` starts again from this run's. The
file is named after the command, the exact Python version and the engine's magic number;
where ``re``'s internals are not the expected ones (another interpreter or version),
nothing is read or kept.
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


# -- the stdlib engine: its own cache, filled from the store -----------------------------
# Most stdlib patterns a store keeps: a cold check compiles about 45 (more on a story the
# encoding repairs read) and `--help` about 15; more come from patterns built from text.
# Loading one costs about 20 microseconds, compiling one about 180.
_RE_MAX_STORED = 150
# the store as read, by re's cache key: the entries put in re's cache (None: not read yet)
_re_from_store: dict | None = None
_re_store_name = ""   # which run's store: one per command (see warm_stdlib_patterns)
# Bumped when what a command compiles changes much, so that its store does not go on loading
# patterns no run compiles any more (2: `wirefix check` runs without click).
_RE_STORE_FORMAT = 2


def _re_internals() -> tuple[Any, Any, Any, Any] | None:
    """``re``'s cache, ``re._parser``, ``re._compiler`` and ``_sre`` when they are the ones
    this code was written against (CPython 3.11 to 3.13), else None: then nothing is read
    or kept."""
    import re
    compiler, parser = getattr(re, "_compiler", None), getattr(re, "_parser", None)
    re_cache = getattr(re, "_cache", None)   # private: read with getattr, checked below
    sre = sys.modules.get("_sre")
    if (sys.implementation.name != "cpython" or not isinstance(re_cache, dict)
            or not hasattr(compiler, "_code") or not hasattr(parser, "parse")
            or not hasattr(sre, "compile") or not hasattr(sre, "MAGIC")):
        return None
    return re_cache, parser, compiler, sre


def _re_store_path(sre: Any) -> str:
    import os

    from wirefix.cleaner import cache
    return os.path.join(cache.cache_dir_name(), f"re-{_re_store_name}-{_RE_STORE_FORMAT}"
                                                f"-py{sys.hexversion:x}-sre{sre.MAGIC}.marshal")


def warm_stdlib_patterns(command: str = "") -> None:
    """Put the stdlib patterns that earlier runs of ``command`` compiled into ``re``'s
    cache, and keep the ones this process compiles at its exit (see the module docstring).
    Call it before importing what compiles them. Each command has a store of its own: a
    check has no use for the review app's patterns, and loading them costs time."""
    global _re_from_store, _re_store_name
    if _re_from_store is not None:
        return
    internals = _re_internals()
    if internals is None:
        return
    _re_store_name = command if command.isalpha() and command.isascii() else "other"
    re_cache, _, _, sre = internals
    from wirefix.cleaner import cache
    _re_from_store = {}
    for key, args in _read_re_store(cache.read_marshal(_re_store_path(sre)))[0].items():
        try:
            kind, pattern, flags = key
            compiled = sre.compile(*args)
        except Exception:   # a damaged entry: `re` compiles that pattern itself
            continue
        cache_key = (str if kind == "str" else bytes, pattern, flags)
        re_cache[cache_key] = compiled
        _re_from_store[cache_key] = args
    atexit.register(_write_re_store)


def _re_constructor_args(pattern: str | bytes, flags: int, compiled: Any,
                         internals: tuple[Any, Any, Any, Any]) -> tuple | None:
    """The arguments ``re._compiler.compile`` passes ``_sre.compile`` for this pattern, or
    None when the pattern they build is not the same as ``compiled``."""
    _, parser, compiler, sre = internals
    try:
        parsed = parser.parse(pattern, flags)
        # plain ints: some of the codes are named constants, which marshal cannot write
        code = [int(op) for op in compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1,
                groupindex, tuple(indexgroup))
        rebuilt = sre.compile(*args)
    except Exception:
        return None
    if (rebuilt != compiled or rebuilt.groups != compiled.groups
            or rebuilt.groupindex != compiled.groupindex):
        return None
    return args


def _read_re_store(stored: Any) -> tuple[dict, set]:
    """The store's patterns (key -> constructor arguments) and the keys of the patterns seen
    in one run only, from what ``cache.read_marshal`` gave (empty when damaged)."""
    if not isinstance(stored, dict):
        return {}, set()
    patterns, seen = stored.get("patterns"), stored.get("seen once")
    return (patterns if isinstance(patterns, dict) else {},
            set(seen) if isinstance(seen, list) else set())


def _compiled_here(re_cache: dict, from_store: dict) -> dict:
    """The patterns in re's cache that this process compiled itself, by store key."""
    out = {}
    for key, compiled in list(re_cache.items()):
        if key in from_store or not (isinstance(key, tuple) and len(key) == 3):
            continue
        kind, pattern, flags = key
        if kind in (str, bytes) and type(pattern) is kind and type(flags) is int:
            out[(kind.__name__, pattern, flags)] = compiled
    return out


def _write_re_store() -> None:
    """At exit: keep the stdlib patterns this process compiled that an earlier run compiled
    too, and note the others as seen once. A pattern built from one story's words is seen
    once and never loaded; one that every run compiles is loaded from the third run on."""
    internals = _re_internals()
    if internals is None or _re_from_store is None:
        return
    compiled_here = _compiled_here(internals[0], _re_from_store)
    if not compiled_here:
        return
    from wirefix.cleaner import cache
    path = _re_store_path(internals[3])
    # read again: another run may have written since this one started
    patterns, seen = _read_re_store(cache.read_marshal(path))
    promoted = {}
    for key, compiled in compiled_here.items():
        if key in seen:
            args = _re_constructor_args(key[1], key[2], compiled, internals)
            if args is not None:
                promoted[key] = args
    patterns.update(promoted)
    seen = (seen | compiled_here.keys()) - patterns.keys()
    if len(patterns) > _RE_MAX_STORED:
        # start again from this run's (the next runs add back what they use): loading
        # patterns that runs no longer need would cost more than it saves
        patterns = promoted if len(promoted) <= _RE_MAX_STORED else {}
    if len(seen) > 4 * _RE_MAX_STORED:
        seen = compiled_here.keys() - patterns.keys()
    cache.write_marshal(path, {"patterns": patterns, "seen once": sorted(seen, key=repr)})


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
