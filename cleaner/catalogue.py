"""The rule catalogue as users read it: ``wirefix rules`` and the README table.

Besides the rules, two engine notices carry codes: WF000 (a rule failed) and WF001 (a byte
that is not UTF-8). They come from the engine and the reader, not from a rule's check.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from wirefix.rules.base import Rule
from wirefix.rules.registry import builtin_rules

from .config import load_file


@dataclass(frozen=True)
class Notice:
    code: str
    name: str
    family: str
    summary_text: str
    sections: dict[str, str] = field(default_factory=dict)
    applicability: str = "display"

    def metadata(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "family": self.family,
                "applicability": self.applicability, "summary": self.summary_text,
                "sections": self.sections, "examples": [], "kind": "notice"}


NOTICES = (
    Notice("WF000", "internal-error", "internal",
           "A rule raised an error on this text; the other rules still ran.",
           {"What it does": "Reports a rule that failed, with the exception, instead of "
                            "stopping the whole run.",
            "Fix safety": "No fix. Please report it with the text that caused it."}),
    Notice("WF001", "non-utf8-byte", "internal",
           "A byte that is not UTF-8, read as cp1252 (latin-1 where cp1252 has no character).",
           {"What it does": "Reports each byte that could not be read as UTF-8 and says how "
                            "it was read, so that nothing is lost or hidden.",
            "Why it happens in wire copy": "Old feeds and Windows editors write cp1252.",
            "Fix safety": "`--fix` writes the story back as UTF-8, keeping the characters "
                          "as read."}),
)


def all_entries(config_file: str | None = None) -> list:
    entries: list = list(NOTICES)
    rules = list(builtin_rules())
    if config_file:
        from wirefix.rules.declarative import load_rules_file
        cfg = load_file(config_file)
        for path in cfg.rule_files():
            rules.extend(load_rules_file(path))
    entries.extend(rules)
    return entries


def _applicability(e) -> str:
    return getattr(e.applicability, "value", e.applicability)


def _summary(e) -> str:
    return e.summary() if isinstance(e, type) and issubclass(e, Rule) else e.summary_text


def render_table(entries: list) -> str:
    lines = []
    family = None
    for e in sorted(entries, key=lambda e: (e.family != "internal", e.code)):
        if e.family != family:
            family = e.family
            lines.append(f"\n{family}")
        default = "" if not isinstance(e, type) or e.default_enabled else " (off by default)"
        lines.append(f"  {e.code:<7} {e.name:<36} {_applicability(e):<8}{default} {_summary(e)}")
    lines.append("\n`wirefix rules CODE` shows a rule's documentation and examples.")
    return "\n".join(lines).lstrip("\n")


def render_rule(e) -> str:
    if not (isinstance(e, type) and issubclass(e, Rule)):
        body = [f"{e.code} {e.name} ({e.family}, {e.applicability})", "", e.summary_text]
        for k, v in e.sections.items():
            body += ["", k, textwrap.indent(v, "    ")]
        return "\n".join(body)
    meta = e.metadata()
    body = [f"{e.code} {e.name}", f"family: {e.family}   applicability: {meta['applicability']}   "
            f"severity: {meta['severity']}   phase: {meta['phase']}"
            + ("" if e.default_enabled else "   (off by default)"),
            "", meta["summary"], "", f"message: {e.message}"]
    if e.fix_title:
        body.append(f"fix: {e.fix_title}")
    for k, v in meta["sections"].items():
        body += ["", k, textwrap.indent(v, "    ")]
    body += ["", "Examples"]
    for ex in e.examples:
        if ex.is_bad:
            body.append(f"    ✗ {ex.text!r}")
            if ex.fixed is not None:
                body.append(f"    → {ex.fixed!r}")
        else:
            body.append(f"    ✓ {ex.text!r}")
    return "\n".join(body)


def render_markdown(entries: list) -> str:
    """The catalogue as the README's table (tests/test_readme.py keeps the two equal)."""
    rows = ["| code | rule | family | applicability | on by default | what it finds |",
            "| --- | --- | --- | --- | --- | --- |"]
    for e in sorted(entries, key=lambda e: (e.family != "internal", e.code)):
        default = "yes" if not isinstance(e, type) or e.default_enabled else "no"
        summary = _summary(e).replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {e.code} | `{e.name}` | {e.family} | {_applicability(e)} | {default} | {summary} |")
    return "\n".join(rows) + "\n"
