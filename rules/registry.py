"""Finds every rule in the catalogue: Python rule classes under ``rules/`` and the built-in
TOML rules in the family folders. Built once per process. (``rules/data/`` holds the word
lists the rules read, not rules.)

**The manifest.** Importing the 60-odd rule modules is a good share of a cold ``wirefix
check`` (about 30 ms), yet one story gives most rules nothing to look at (``cleaner.scan``).
So the CLI's ``check`` asks for the catalogue inside ``deferred_imports()``: the rules' code,
name, family, phase, what they look for and the rest of ``Rule``'s class-level metadata
then come from a manifest in the user cache (``cleaner.cache``), and each rule's module is
imported when the rule first checks a text, which it does only when the scan finds
something for it (a TOML rule's file is read then). A stand-in (``DeferredRule``) answers
the metadata from the manifest; its documentation and examples, its ``check`` and anything
else come from the real class.
The manifest is written by the first process that imports the whole catalogue, and is read
only while every file of the ``wirefix.rules`` and ``wirefix.cleaner`` packages has the size
and modification time it was built from (and by the same Python); otherwise the catalogue
is imported as before. Everywhere else (tests, the batch mode, the review app, ``wirefix
rules``) ``builtin_rules()`` returns the rule classes themselves.
"""
from __future__ import annotations

import importlib
import os
import sys
import threading
from contextlib import contextmanager
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .base import LooksFor, Rule
from .declarative import load_rules_text
from .families import FAMILIES

# Modules of the framework itself, not rules.
_FRAMEWORK = {"wirefix.rules.base", "wirefix.rules.registry", "wirefix.rules.declarative",
              "wirefix.rules.families",
              "wirefix.rules.data"}


class RegistryError(RuntimeError):
    pass


def _python_rules() -> list[type[Rule]]:
    import pkgutil   # here: a check that reads the manifest walks no packages

    from wirefix import rules as pkg

    found: list[type[Rule]] = []
    for info in pkgutil.walk_packages(pkg.__path__, "wirefix.rules."):
        if info.name in _FRAMEWORK or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Rule) and obj.code
                    and obj.__module__ == module.__name__):
                found.append(obj)
    return found


def _toml_rules() -> list[type[Rule]]:
    """Rules written in TOML sit in their family's folder beside the Python ones, one file
    per rule named after it (rules/encoding/moses_escape.toml)."""
    found: list[type[Rule]] = []
    root = Path(__file__).parent   # files beside this module (see rules/data/__init__.py)
    for family in sorted(FAMILIES):
        folder = root.joinpath(family.replace("-", "_"))
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                found.extend(load_rules_text(entry.read_text(encoding="utf-8"),
                                             f"rules/{folder.name}/{entry.name}"))
    return found


@lru_cache(maxsize=None)
def _rules_of_toml_file(label: str) -> tuple[type[Rule], ...]:
    """The rules of one built-in TOML file, named as ``_toml_rules`` names it
    ("rules/encoding/moses_escape.toml"): what a TOML rule's stand-in loads."""
    path = Path(__file__).parent.joinpath(*label.split("/")[1:])
    return tuple(load_rules_text(path.read_text(encoding="utf-8"), label))


def check_unique(rules: list[type[Rule]]) -> None:
    seen: dict[str, type[Rule]] = {}
    for r in rules:
        for key in (r.code, r.name):
            if key in seen and seen[key] is not r:
                raise RegistryError(f"rule {key!r} is defined twice: {seen[key].__module__} "
                                    f"and {r.__module__}")
            seen[key] = r
        if r.family not in FAMILIES and not r.code.startswith("LT"):
            # house-style TOML rules may add families; Python rules must use known ones
            if r.__module__ != "wirefix.rules.declarative":
                raise RegistryError(f"rule {r.code} has unknown family {r.family!r}")


def order(rules: list[type[Rule]]) -> list[type[Rule]]:
    """Catalogue order: phase first (raw repairs before prose rules), then code.
    The position is the priority when two edits overlap."""
    return sorted(rules, key=lambda r: (r.phase, r.code))


def builtin_rules() -> tuple[type[Rule], ...]:
    """The catalogue in its order: the rule classes, or inside ``deferred_imports()`` their
    stand-ins (see the module docstring)."""
    if _deferring:
        return _deferred_catalogue()
    return _loaded_catalogue()


@lru_cache(maxsize=1)
def _loaded_catalogue() -> tuple[type[Rule], ...]:
    rules = _python_rules() + _toml_rules()
    check_unique(rules)
    return tuple(order(rules))


def loaded_rules() -> tuple[type[Rule], ...]:
    """The rule classes themselves, every module imported (for what needs them all, such as
    a report that documents the rules), even inside ``deferred_imports()``."""
    return _loaded_catalogue()


# -- the manifest (see the module docstring) ----------------------------------------------
_deferring = False


@contextmanager
def deferred_imports() -> Iterator[None]:
    """Within it, ``builtin_rules()`` gives stand-ins that import a rule's module when the
    rule first checks a text (when the manifest is usable)."""
    global _deferring
    before, _deferring = _deferring, True
    try:
        yield
    finally:
        _deferring = before


# Rule's class-level metadata that the manifest keeps, as Rule declares it (all but the
# examples, which are documentation, and the priority, which the engine sets)
_KEPT = tuple(n for n in Rule.__annotations__ if n not in ("examples", "priority"))
_MANIFEST_FORMAT = 2


@lru_cache(maxsize=1)
def _deferred_catalogue() -> tuple[type[Rule], ...]:
    if _loaded_catalogue.cache_info().currsize:   # imported already: nothing to save
        return _loaded_catalogue()
    sources = _source_files()
    entries = _read_manifest(sources)
    if entries is None:
        rules = _loaded_catalogue()
        _write_manifest(sources, list(rules))
        return rules
    rules = [_stand_in(entry) for entry in entries]
    check_unique(rules)
    return tuple(order(rules))


# the module of the rules written in TOML: their classes are built from their file
_TOML_MODULE = "wirefix.rules.declarative"


def _source_files() -> list[tuple[str, int, int]]:
    """Every file of the packages whose code or data can decide a rule's metadata, with its
    size and modification time: the manifest's key."""
    from wirefix import cleaner, rules

    found: list[tuple[str, int, int]] = []
    for folder in (*rules.__path__, *cleaner.__path__):
        _scan_folder(folder, found)
    return found


def _scan_folder(folder: str, found: list[tuple[str, int, int]]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _scan_folder(entry.path, found)
        elif not entry.name.endswith((".pyc", ".tmp")):
            st = entry.stat()
            found.append((entry.path, st.st_size, st.st_mtime_ns))


def _manifest_path() -> str:
    """One manifest per installed copy of wirefix (each pre-commit hook has its own virtual
    environment): named after the folders it describes, so copies do not overwrite each
    other's."""
    import zlib

    from wirefix import cleaner, rules
    from wirefix.cleaner import cache
    folders = "\0".join((*rules.__path__, *cleaner.__path__))
    where = zlib.crc32(folders.encode("utf-8", "surrogateescape"))
    return os.path.join(cache.cache_dir_name(), f"rules-manifest-{_MANIFEST_FORMAT}-"
                        f"{where:08x}-py{sys.hexversion:x}.marshal")


def _read_manifest(sources: list[tuple[str, int, int]]) -> list | None:
    """The manifest's entries, or None when it is missing, damaged or built from other
    files."""
    from wirefix.cleaner import cache
    stored = cache.read_marshal(_manifest_path())
    if not (isinstance(stored, dict) and stored.get("kept") == list(_KEPT)
            and stored.get("sources") == sources):
        return None
    return stored.get("rules")


def _write_manifest(sources: list[tuple[str, int, int]], rules: list[type[Rule]]) -> None:
    """Keep the metadata of these rule classes; nothing is kept when some value has no plain
    form (then every run imports the catalogue, as it did before the manifest)."""
    from wirefix.cleaner import cache
    entries = []
    for cls in rules:
        values = [_plain(getattr(cls, name)) for name in _KEPT]
        if any(v is _NO_PLAIN_FORM for v in values) or "." in cls.__qualname__:
            return
        toml_file = cls.__dict__.get("source", "") if cls.__module__ == _TOML_MODULE else ""
        if cls.__module__ == _TOML_MODULE and not toml_file.startswith("rules/"):
            return   # not a built-in TOML file: nothing to load it from
        entries.append((cls.__module__, cls.__qualname__, values, toml_file))
    cache.write_marshal(_manifest_path(),
                        {"kept": list(_KEPT), "sources": sources, "rules": entries})


_NO_PLAIN_FORM = object()


def _plain(value: Any) -> Any:
    """A metadata value as marshal can keep it (``_restored`` reads it back)."""
    if isinstance(value, LooksFor):
        return ("LooksFor", value.literals, value.patterns, value.always)
    if isinstance(value, Enum):
        return ("Enum", value.value)
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    return _NO_PLAIN_FORM


def _restored(name: str, value: Any) -> Any:
    if isinstance(value, tuple) and value[0] == "LooksFor":
        _, literals, patterns, always = value
        return LooksFor(*literals, patterns=patterns, always=always)
    if isinstance(value, tuple) and value[0] == "Enum":
        return type(getattr(Rule, name))(value[1])   # Rule's default gives the enum
    return value


class _DeferredMeta(type):
    """The stand-ins' documentation is the real class's: reading it imports the module."""

    @property
    def __doc__(cls) -> str | None:   # type: ignore[override]
        if not cls.where[0]:          # DeferredRule itself
            return cls.__dict__.get("__doc__")
        return cls.loaded().__doc__

    @property
    def examples(cls) -> tuple:
        return cls.loaded().examples if cls.where[0] else ()


class DeferredRule(Rule, metaclass=_DeferredMeta):
    """A rule known from the manifest: its metadata is the manifest's, and its module is
    imported when it first checks a text (or anything else is asked of it)."""

    # the real class's module and name, and for a TOML rule the file that defines it
    where: tuple[str, str, str] = ("", "", "")
    _real_class: type[Rule] | None = None
    _lock = threading.Lock()

    @classmethod
    def loaded(cls) -> type[Rule]:
        """The real rule class (its module imported, or its TOML file read, now if it was
        not yet)."""
        real = cls._real_class
        if real is None:
            module, name, toml_file = cls.where
            if toml_file:   # the catalogue's own class when it was built in this process
                built = (_loaded_catalogue() if _loaded_catalogue.cache_info().currsize
                         else _rules_of_toml_file(toml_file))
                real = next(r for r in built if r.code == cls.code)
            else:
                real = getattr(importlib.import_module(module), name)
            cls._real_class = real
        return real

    def _rule(self) -> Rule:
        rule = self.__dict__.get("_real_rule")
        if rule is None:
            with self._lock:   # the CLI may check stories in threads
                rule = self.__dict__.get("_real_rule")
                if rule is None:
                    rule = self.__dict__["_real_rule"] = type(self).loaded()()
        rule.priority = self.priority   # set by the engine on the stand-in
        return rule

    def check(self, doc, ctx):
        return self._rule().check(doc, ctx)

    def __getattr__(self, name: str) -> Any:
        # only for what the stand-in does not hold: a rule's own helpers and state
        if name.startswith("__") or name == "_real_rule":
            raise AttributeError(name)
        return getattr(self._rule(), name)


def _stand_in(entry: list | tuple) -> type[Rule]:
    module, qualname, values, toml_file = entry
    attrs = {name: _restored(name, value) for name, value in zip(_KEPT, values, strict=True)}
    attrs.update(where=(module, qualname, toml_file), __module__=module, __qualname__=qualname)
    return _DeferredMeta(qualname, (DeferredRule,), attrs)


def find_rule(key: str) -> type[Rule] | None:
    for r in builtin_rules():
        if key in (r.code, r.name):
            return r
    return None
