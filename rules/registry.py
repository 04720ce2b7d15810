"""Finds every rule in the catalogue: Python rule classes under ``rules/`` and the built-in
TOML rules in the family folders. Built once per process. (``rules/data/`` holds the word
lists the rules read, not rules.)"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path

from .base import Rule
from .declarative import load_rules_text
from .families import FAMILIES

# Modules of the framework itself, not rules.
_FRAMEWORK = {"wirefix.rules.base", "wirefix.rules.registry", "wirefix.rules.declarative",
              "wirefix.rules.families",
              "wirefix.rules.data"}


class RegistryError(RuntimeError):
    pass


def _python_rules() -> list[type[Rule]]:
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


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[type[Rule], ...]:
    rules = _python_rules() + _toml_rules()
    check_unique(rules)
    return tuple(order(rules))


def find_rule(key: str) -> type[Rule] | None:
    for r in builtin_rules():
        if key in (r.code, r.name):
            return r
    return None
