r"""Declarative rules written in TOML, so that a newsroom can add house style without Python.

Three types, in the spirit of Vale's and proselint's checks::

    [[rule]]
    type = "substitution"          # replace one wording with another
    code = "HS001"
    name = "judgement-spelling"
    family = "house-style"
    message = "House style spells it “{replacement}”"
    applicability = "safe"         # safe | unsafe | display (default unsafe)
    ignore-case = true             # match any case, keep the first letter's case
    swap = { judgement = "judgment" }

    [[rule]]
    type = "existence"             # flag a wording; no fix
    tokens = ["<unk>", "[UNK]"]    # literal words or phrases ...
    patterns = ['@\w+@']           # ... and/or regexes

    [[rule]]
    type = "consistency"           # a story should use one of each pair
    either = [["U.N.", "UN"]]      # the minority form is flagged, the majority suggested

Every rule needs ``doc`` (with the usual ## sections) and examples::

    [[rule.examples]]
    text = "A judgement call."
    fixed = "A judgment call."
    flagged = ["judgement"]
    [[rule.examples]]
    text = "A judgment call."      # no `flagged`: correct text that must not fire
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import regex

from wirefix.cleaner.document import Document
from wirefix.cleaner.findings import Applicability, Finding, Severity

from .base import ALWAYS, Example, LooksFor, Phase, Rule, RuleContext

_WORD_EDGE_L = r"(?<![\p{L}\p{N}_])"
_WORD_EDGE_R = r"(?![\p{L}\p{N}_])"


class DeclarativeError(ValueError):
    """A TOML rule file is malformed; the message names the file and the rule."""


def _literal(phrase: str) -> str:
    """A phrase as a pattern, with word edges where the phrase starts or ends in a word."""
    body = regex.escape(phrase)
    left = _WORD_EDGE_L if phrase[:1].isalnum() else ""
    right = _WORD_EDGE_R if phrase[-1:].isalnum() else ""
    return left + body + right


def _match_case(found: str, replacement: str) -> str:
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(Rule):
    swap: dict[str, str] = {}
    ignore_case: bool = False
    _pattern: regex.Pattern
    _lookup: dict[str, str]

    @classmethod
    def prepare(cls) -> None:
        alts = sorted(cls.swap, key=len, reverse=True)
        flags = regex.V1 | (regex.IGNORECASE if cls.ignore_case else 0)
        cls._pattern = regex.compile("|".join(_literal(a) for a in alts), flags)
        cls._lookup = {(k.casefold() if cls.ignore_case else k): v for k, v in cls.swap.items()}

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._pattern.finditer(doc.text):
            found = m.group()
            key = found.casefold() if self.ignore_case else found
            repl = self._lookup[key]
            if self.ignore_case:
                repl = _match_case(found, repl)
            if repl != found:
                yield self.finding(m.start(), m.end(), [repl], match=found, replacement=repl)


class ExistenceRule(Rule):
    tokens: list[str] = []
    patterns: list[str] = []
    ignore_case: bool = False
    _pattern: regex.Pattern

    @classmethod
    def prepare(cls) -> None:
        alts = [_literal(t) for t in cls.tokens] + [f"(?:{p})" for p in cls.patterns]
        flags = regex.V1 | (regex.IGNORECASE if cls.ignore_case else 0)
        cls._pattern = regex.compile("|".join(alts), flags)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for m in self._pattern.finditer(doc.text):
            if m.end() > m.start():
                yield self.finding(m.start(), m.end(), match=m.group(), replacement="")


class ConsistencyRule(Rule):
    either: list[list[str]] = []
    _pairs: list[tuple[regex.Pattern, regex.Pattern, str, str]]

    @classmethod
    def prepare(cls) -> None:
        cls._pairs = []
        for pair in cls.either:
            a, b = pair
            cls._pairs.append((regex.compile(_literal(a), regex.V1),
                               regex.compile(_literal(b), regex.V1), a, b))

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        for pa, pb, a, b in self._pairs:
            ma, mb = list(pa.finditer(doc.text)), list(pb.finditer(doc.text))
            if not ma or not mb:
                continue
            # the minority form is the odd one out; on a tie the first form of the pair wins
            minority, majority = (mb, a) if len(ma) >= len(mb) else (ma, b)
            for m in minority:
                yield self.finding(m.start(), m.end(), [majority], match=m.group(),
                                   replacement=majority)


_TYPES: dict[str, type[Rule]] = {
    "substitution": SubstitutionRule,
    "existence": ExistenceRule,
    "consistency": ConsistencyRule,
}
_REQUIRED = ("type", "code", "name", "family", "message", "doc")


def _examples(raw: list[dict[str, Any]], where: str) -> tuple[Example, ...]:
    out = []
    for ex in raw:
        if "text" not in ex:
            raise DeclarativeError(f"{where}: an example has no `text`")
        options = ex.get("options", {})
        if ex.get("flagged"):
            out.append(Example.bad(ex["text"], flagged=ex["flagged"], fixed=ex.get("fixed"),
                                   options=options))
        else:
            out.append(Example.good(ex["text"], options=options))
    return tuple(out)


def _looks_for(base: type[Rule], attrs: dict[str, Any]) -> LooksFor:
    """The words a rule of plain words cannot fire without, so that the engine skips its
    pattern on stories that hold none of them. Every match is one of those words as written
    (word edges aside), so this is exact when case matters; a rule that ignores case or has
    patterns of its own looks at every story (case folding can match other spellings:
    "STRASSE" and "straße")."""
    if attrs["ignore_case"]:
        return ALWAYS
    if base is SubstitutionRule:
        words = list(attrs["swap"])
    elif base is ExistenceRule:
        words = [] if attrs["patterns"] else attrs["tokens"]
    else:  # consistency: both forms of a pair must occur, so its first form is enough to ask for
        words = [a for a, _ in attrs["either"]]
    return LooksFor(*words) if words and all(words) else ALWAYS


def rule_from_table(table: dict[str, Any], source: str) -> type[Rule]:
    where = f"{source}: rule {table.get('code') or table.get('name') or '?'}"
    missing = [k for k in _REQUIRED if k not in table]
    if missing:
        raise DeclarativeError(f"{where}: missing {', '.join(missing)}")
    base = _TYPES.get(table["type"])
    if base is None:
        raise DeclarativeError(f"{where}: unknown type {table['type']!r} "
                               f"(expected one of {', '.join(_TYPES)})")
    try:
        applicability = Applicability(table.get(
            "applicability", "display" if base is ExistenceRule else "unsafe"))
        severity = Severity(table.get("severity", "warning"))
    except ValueError as exc:
        raise DeclarativeError(f"{where}: {exc}") from None
    attrs: dict[str, Any] = {
        "__doc__": table["doc"],
        "__module__": __name__,
        "code": table["code"],
        "name": table["name"],
        "family": table["family"],
        "message": table["message"],
        "fix_title": table.get("fix-title", "Replace with “{replacement}”"),
        "applicability": applicability,
        "severity": severity,
        "phase": Phase.PROSE,
        "default_enabled": bool(table.get("default-enabled", True)),
        "ignore_case": bool(table.get("ignore-case", False)),
        "examples": _examples(table.get("examples", []), where),
        "source": source,
    }
    if base is SubstitutionRule:
        attrs["swap"] = dict(table.get("swap", {}))
        if not attrs["swap"]:
            raise DeclarativeError(f"{where}: a substitution needs `swap`")
    elif base is ExistenceRule:
        attrs["tokens"] = list(table.get("tokens", []))
        attrs["patterns"] = list(table.get("patterns", []))
        if not attrs["tokens"] and not attrs["patterns"]:
            raise DeclarativeError(f"{where}: an existence rule needs `tokens` or `patterns`")
    else:
        attrs["either"] = [list(p) for p in table.get("either", [])]
        if not attrs["either"] or any(len(p) != 2 for p in attrs["either"]):
            raise DeclarativeError(f"{where}: `either` must be a list of pairs")
    attrs["looks_for"] = _looks_for(base, attrs)
    cls_name = "".join(part.title() for part in regex.split(r"[-_\s]+", table["name"])) or "Rule"
    cls = type(cls_name, (base,), attrs)
    try:
        cls.prepare()
    except regex.error as exc:
        raise DeclarativeError(f"{where}: bad pattern: {exc}") from None
    return cls


def load_rules_file(path: str | Path) -> list[type[Rule]]:
    import tomllib   # here: a check whose config adds no rules parses no TOML

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DeclarativeError(f"{path}: {exc}") from None
    return [rule_from_table(t, str(path)) for t in data.get("rule", [])]


def load_rules_text(text: str, source: str) -> list[type[Rule]]:
    import tomllib

    data = tomllib.loads(text)
    return [rule_from_table(t, source) for t in data.get("rule", [])]
