"""Configuration: ``[tool.wirefix]`` in pyproject.toml, or a ``wirefix.toml`` / ``.wirefix.toml``
(same keys at top level), discovered upward from each checked file, or given with --config.

Keys (kebab-case)::

    select = ["ALL"]                 # replaces the default rule set
    extend-select = ["grammar"]      # adds to it
    ignore = ["WF401", "calque"]
    per-file-ignores = { "briefs/*.txt" = ["punctuation"] }
    unsafe-fixes = false             # true: --fix also applies unsafe fixes
    ignore-patterns = ['^SLUG: .*$'] # regexes (multi-line mode) whose matches no rule touches
    extend-rules = ["house-style.toml"]   # declarative TOML rules, paths relative to this file
    languagetool = "http://127.0.0.1:8081"
    max-file-size = 16000000         # bytes; larger files are refused with an error
    [style]                          # house style, see cleaner/style.py ([tool.wirefix.style])
    quotes = "curly"
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import regex

from . import cache
from .style import StyleError, resolve_style
from .patterns import lazy_regex

CONFIG_NAMES = ("wirefix.toml", ".wirefix.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 16_000_000
# Seconds one rule may spend on a 1 MB story (scaled with the story's size; see cleaner.clock).
DEFAULT_RULE_TIME_BUDGET = 5.0


class ConfigError(ValueError):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unsafe_fixes: bool = False
    ignore_patterns: tuple[str, ...] = ()
    extend_rules: tuple[str, ...] = ()
    languagetool: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    rule_time_budget: float = DEFAULT_RULE_TIME_BUDGET
    style: tuple[tuple[str, Any], ...] = ()
    source: str | None = None     # the file this came from, if any
    root: str | None = None       # the folder per-file-ignores and extend-rules are relative to
    # The command line's (select, extend_select, ignore): a second layer applied after the
    # config file's, as in ruff, so that `--ignore whitespace` beats `select = ["WF201"]`.
    cli: tuple[tuple[str, ...] | None, tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def style_options(self) -> dict[str, Any]:
        return resolve_style(dict(self.style))

    def ignores_for(self, path: str | None) -> tuple[str, ...]:
        """``ignore`` plus the per-file ignores whose glob matches ``path``."""
        if not path or not self.per_file_ignores:
            return self.ignore
        p = Path(path)
        try:
            rel = p.resolve().relative_to(Path(self.root or ".").resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        extra: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern):
                extra.extend(selectors)
        return self.ignore + tuple(extra)

    def rule_files(self) -> list[Path]:
        base = Path(self.root or ".")
        return [(base / f) for f in self.extend_rules]

    def merged(self, **overrides: Any) -> "Config":
        """This config with CLI overrides (None values are ignored). ``select``,
        ``extend_select`` and ``ignore`` form the command-line layer of rule selection (see
        ``cli``): its ``select`` replaces the configured set, its ``ignore`` wins over the
        config's selection. ``style`` adds to the configured options."""
        kw = {k: v for k, v in overrides.items() if v is not None}
        layer = [kw.pop(k, None) for k in ("select", "extend_select", "ignore")]
        if any(v is not None for v in layer):
            kw["cli"] = (tuple(layer[0]) if layer[0] is not None else None,
                         tuple(layer[1] or ()), tuple(layer[2] or ()))
        for additive in ("style",):
            if additive in kw:
                kw[additive] = tuple(getattr(self, additive)) + tuple(kw[additive])
        return replace(self, **kw)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "per_file_ignores":
                value = {pat: list(sel) for pat, sel in value}
            elif f.name == "style":
                value = self.style_options
            elif f.name == "cli":
                if value is None:
                    continue
                out["command-line"] = {"select": list(value[0]) if value[0] is not None else None,
                                       "extend-select": list(value[1]), "ignore": list(value[2])}
                continue
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name.replace("_", "-")] = value
        return out


_KEYS = {
    "select", "extend-select", "ignore", "per-file-ignores", "unsafe-fixes", "ignore-patterns",
    "extend-rules", "languagetool", "max-file-size", "rule-time-budget", "style",
}


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def from_table(table: dict[str, Any], where: str, root: Path | None) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: the settings must be a table, not {_toml_type(table)}")
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(_KEYS))})")
    kw: dict[str, Any] = {"source": where, "root": str(root) if root else None}
    if "select" in table:
        kw["select"] = _strings(table["select"], "select", where)
    if "extend-select" in table:
        kw["extend_select"] = _strings(table["extend-select"], "extend-select", where)
    if "ignore" in table:
        kw["ignore"] = _strings(table["ignore"], "ignore", where)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: `per-file-ignores` must be a table of glob = [selectors]")
        kw["per_file_ignores"] = tuple(
            (str(k), _strings(v, f"per-file-ignores.{k}", where)) for k, v in pfi.items())
    if "unsafe-fixes" in table:
        if not isinstance(table["unsafe-fixes"], bool):
            raise ConfigError(f"{where}: `unsafe-fixes` must be true or false")
        kw["unsafe_fixes"] = table["unsafe-fixes"]
    if "ignore-patterns" in table:
        pats = _strings(table["ignore-patterns"], "ignore-patterns", where)
        for p in pats:
            try:
                regex.compile(p)
            except regex.error as exc:
                raise ConfigError(f"{where}: bad ignore pattern {p!r}: {exc}") from None
        kw["ignore_patterns"] = pats
    if "extend-rules" in table:
        kw["extend_rules"] = _strings(table["extend-rules"], "extend-rules", where)
    if "languagetool" in table:
        if not isinstance(table["languagetool"], str):
            raise ConfigError(f"{where}: `languagetool` must be a URL string")
        kw["languagetool"] = table["languagetool"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
            raise ConfigError(f"{where}: `max-file-size` must be a positive integer (bytes)")
        kw["max_file_size"] = table["max-file-size"]
    if "rule-time-budget" in table:
        budget = table["rule-time-budget"]
        if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not budget > 0:
            raise ConfigError(f"{where}: `rule-time-budget` must be a positive number of "
                              f"seconds (per rule, per MB of story)")
        kw["rule_time_budget"] = float(budget)
    if "style" in table:
        if not isinstance(table["style"], dict):
            raise ConfigError(f"{where}: `style` must be a table")
        try:
            resolve_style(table["style"])
        except StyleError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        kw["style"] = tuple(table["style"].items())
    return Config(**kw)


def _parse(path: Path) -> dict[str, Any]:
    """The TOML document of ``path``; raises ``ConfigError`` naming the file for anything
    that is not one (unreadable, not UTF-8, bad syntax, nested too deeply). A byte-order
    mark, which editors on Windows write, is allowed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None
    try:
        # a config file parsed before is read from the user cache (named after its bytes):
        # a cold check then imports no TOML parser
        return cache.parsed_bytes(raw, _toml_document, "config")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte 0x{raw[exc.start]:02X} at offset "
                          f"{exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError as exc:
        import tomllib   # imported by _toml_document already
        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _toml_document(raw: bytes) -> dict[str, Any]:
    import tomllib
    return tomllib.loads(raw.decode("utf-8-sig"))


def _wirefix_table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The ``[tool.wirefix]`` table of a parsed pyproject.toml, or None when it has none."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        if "wirefix" in str(tool):
            raise ConfigError(f"{path}: `tool` must be a table, with the settings in "
                              f"[tool.wirefix] (found {_toml_type(tool)} {tool!r:.40})")
        return None
    if "wirefix" not in tool:
        return None
    table = tool["wirefix"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: `tool.wirefix` must be a table of settings "
                          f"([tool.wirefix]), not {_toml_type(table)}")
    return table


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"


# A [tool.wirefix] table (or a tool.wirefix key) in a pyproject.toml too broken to parse.
_MENTION = lazy_regex(r"(?m)^\s*\[\s*tool\s*\.\s*[\"']?wirefix\b|\btool\s*\.\s*[\"']?wirefix\b|"
                      r"^\s*wirefix\s*[.=]")


def _mentions_wirefix(text: str) -> bool:
    return _MENTION.search(text) is not None


def load_file(path: str | Path) -> Config:
    path = Path(path)
    data = _parse(path)
    if path.name == "pyproject.toml":
        table = _wirefix_table(data, path) or {}
    else:
        table = data
    return from_table(table, str(path), path.parent)


def _has_wirefix_table(pyproject: Path) -> bool:
    """Does this pyproject.toml configure wirefix? One that cannot be parsed does when its
    text names a wirefix table: that is an error, not a file to pass over (its settings,
    such as rules turned off, would silently not apply)."""
    try:
        data = _parse(pyproject)
    except ConfigError:
        try:
            text = pyproject.read_bytes().decode("utf-8", "replace")
        except OSError:
            text = ""
        if _mentions_wirefix(text):
            raise
        return False
    return _wirefix_table(data, pyproject) is not None


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a folder)."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: look from where it stands
        start = start.absolute()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_wirefix_table(candidate):
                    continue
                return candidate
    return None


def _exists(folder: Path) -> bool:
    try:
        return folder.exists()
    except OSError:
        return False


class ConfigResolver:
    """Finds the config for each file, once per folder."""

    def __init__(self, explicit: str | Path | None = None, overrides: dict[str, Any] | None = None):
        self.overrides = overrides or {}
        self._explicit = load_file(explicit) if explicit else None
        self._by_folder: dict[Path, Config] = {}

    def for_path(self, path: str | Path | None) -> Config:
        if self._explicit is not None:
            return self._explicit.merged(**self.overrides)
        folder = Path(path).parent if path else Path.cwd()
        folder = folder if str(folder) else Path.cwd()
        try:
            key = folder.resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
            key = folder.absolute()
        if key not in self._by_folder:
            found = find_config_file(key) if _exists(key) else None
            base = load_file(found) if found else Config(root=str(Path.cwd()))
            self._by_folder[key] = base.merged(**self.overrides)
        return self._by_folder[key]
