"""The rule catalogue as users read it: ``wirefix rules``, and the pages under docs/rules/.

Besides the rules, two engine notices carry codes: WF000 (a rule failed) and WF001 (a byte
that is not UTF-8). They come from the engine and the reader, not from a rule's check.
"""
from __future__ import annotations

import textwrap
import unicodedata
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
        default = "" if getattr(e, "default_enabled", True) else " (off by default)"
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


def render_markdown(entries: list, *, links: bool = False) -> str:
    """The catalogue as a Markdown table (``links``: each code links to its page)."""
    rows = ["| code | rule | family | applicability | on by default | what it finds |",
            "| --- | --- | --- | --- | --- | --- |"]
    for e in sorted(entries, key=lambda e: (e.family != "internal", e.code)):
        default = "yes" if getattr(e, "default_enabled", True) else "no"
        summary = _summary(e).replace("|", "\\|").replace("\n", " ")
        code = f"[{e.code}]({e.code}.md)" if links else e.code
        rows.append(f"| {code} | `{e.name}` | {e.family} | {_applicability(e)} | {default} | {summary} |")
    return "\n".join(rows) + "\n"


def render_rule_page(e) -> str:
    """One rule's documentation page (docs/rules/<CODE>.md), from its docstring and examples."""
    meta = e.metadata()
    out = [f"# {e.code} `{e.name}`", "",
           f"Family: **{e.family}** · applicability: **{_applicability(e)}**"
           + (f" · severity: {meta['severity']} · phase: {meta['phase']}" if "phase" in meta else "")
           + ("" if getattr(e, "default_enabled", True) else " · off by default"), "",
           _summary(e), ""]
    if getattr(e, "message", ""):
        out += [f"Message: {e.message}", ""]
    if getattr(e, "fix_title", ""):
        out += [f"Fix: {e.fix_title}", ""]
    for title, body in meta["sections"].items():
        out += [f"## {title}", "", body, ""]
    examples = meta.get("examples") or []
    if examples:
        out += ["## Examples (run by tests/test_rule_examples.py)", ""]
        for ex in examples:
            if ex["kind"] == "incorrect":
                out.append(f"- ✗ `{_code_span(ex['text'])}`")
                if ex["fixed"] is not None:
                    out.append(f"  → `{_code_span(ex['fixed'])}`")
            else:
                out.append(f"- ✓ `{_code_span(ex['text'])}`")
            if ex["options"]:
                out.append(f"  (options: {ex['options']})")
        out.append("")
    return "\n".join(out)


_SHOWN = {"\n": "⏎", "\r": "␍", "\t": "⇥", "`": "ˋ"}


def _code_span(text: str) -> str:
    """Text for an inline code span on one line: breaks and tabs as symbols, other control
    and format characters as escapes (a page must show what the example holds)."""
    return "".join(_SHOWN.get(c) or (f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf")
                                     else c) for c in text)


def rule_pages(entries: list) -> dict[str, str]:
    """Every page of docs/rules/: an index (README.md, the catalogue table with links) and
    one page per rule. ``wirefix rules --write-docs docs/rules`` writes them;
    tests/test_docs.py keeps the folder equal to this."""
    pages = {f"{e.code}.md": render_rule_page(e) for e in entries}
    index = ["# Rule catalogue", "",
             "Every rule, by code. Each page is generated from the rule's docstring and examples "
             "(`wirefix rules --write-docs docs/rules`); `wirefix rules CODE` prints the same in "
             "a terminal. The applicability is the rule's default: some rules make a finding "
             "safer or less safe from context (each page's Fix safety section says when).", "",
             render_markdown(entries, links=True)]
    pages["README.md"] = "\n".join(index)
    return pages
