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
"""
from __future__ import annotations

import importlib
from typing import Any

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


def lazy_regex(pattern: Any, flags: int = 0, **kwargs: Any) -> Any:
    """``regex.compile(pattern, flags, **kwargs)``, done on first use."""
    return _Pending("regex", pattern, flags, kwargs)


def lazy_re(pattern: Any, flags: int = 0) -> Any:
    """``re.compile(pattern, flags)`` (the stdlib engine), done on first use."""
    return _Pending("re", pattern, flags)
