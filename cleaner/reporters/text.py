"""The human format: each finding with its line of context, a caret and the proposed change,
then a summary such as "7 findings (4 fixed, 3 remaining); 2 more fixable with --unsafe-fixes".
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Sequence

from ..document import Document
from ..findings import Finding
from ..runner import FileReport

WINDOW = 48  # characters of context either side of a finding on a long line


def _visible(ch: str) -> str:
    """One printable stand-in per character, so carets line up and invisibles show."""
    if ch == "\t":
        return "→"
    if ch in "\r\n":
        return "⏎"
    if ch == "\u00a0":
        return "⍽"
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Zl", "Zp") or cat == "Co":
        return "·"
    return ch


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _plain_ascii(s: str) -> bool:
    """Printable ASCII only: each character shows as itself, one column wide (most of a
    story's context lines; no per-character lookups needed)."""
    return s.isascii() and s.isprintable()


def _visible_text(s: str) -> str:
    return s if _plain_ascii(s) else "".join(_visible(c) for c in s)


def _text_width(s: str) -> int:
    return len(s) if _plain_ascii(s) else sum(_width(c) for c in s)


def show(s: str) -> str:
    """A replacement or span as the user should see it: quoted, invisibles made visible."""
    return "“" + _visible_text(s) + "”" if s else "(nothing)"


def _context(doc: Document, f: Finding) -> tuple[str, int, str]:
    line_no, _ = doc.line_col(f.start)
    line = doc.lines[line_no - 1]
    lo = max(line.start, f.start - WINDOW)
    hi = min(line.end, max(f.end, f.start) + WINDOW)
    prefix = "…" if lo > line.start else ""
    suffix = "…" if hi < line.end else ""
    body = _visible_text(doc.text[lo:hi])
    caret_at = _text_width(prefix) + _text_width(_visible_text(doc.text[lo:f.start]))
    span_end = min(f.end, line.end)
    span = doc.text[f.start:span_end]
    caret_len = max(1, _text_width(span)) if span else 1
    marker = " " * caret_at + ("^" * caret_len if span else "^ (insert here)")
    return prefix + body + suffix, line_no, marker


def _flag(f: Finding) -> str:
    if not f.fixes:
        return ""
    return {"safe": " [*]", "unsafe": " [~]", "display": ""}[f.applicability.value]


def render_finding(report: FileReport, f: Finding, doc: Document, concise: bool = False) -> str:
    line, col = doc.line_col(f.start)
    head = f"{report.path}:{line}:{col}: {f.code}{_flag(f)} {f.rule}: {f.message}"
    if concise:
        return head + "\n"
    ctx, line_no, marker = _context(doc, f)
    gutter = len(str(line_no))
    pad = " " * gutter
    out = [head, f"{pad} |", f"{line_no} | {ctx}", f"{pad} | {marker}"]
    if f.fixes:
        label = {"safe": "fix", "unsafe": "unsafe fix", "display": "suggestion"}[f.applicability.value]
        alts = " or ".join(show(r) for r in f.replacement_texts(doc.text)[:3])
        title = f" ({f.fix_title})" if f.fix_title else ""
        out.append(f"{pad} = {label}{title}: {show(doc.text[f.start:f.end])} → {alts}")
    if f.note:
        out.append(f"{pad} = note: {f.note}")
    return "\n".join(out) + "\n\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(reports: Sequence[FileReport], *, fixing: bool, unsafe: bool, diff: bool = False) -> str:
    remaining = sum(len(r.findings) for r in reports if not r.error)
    fixed = sum(r.fixed for r in reports if not r.error)
    unsafe_more = sum(r.more_with_unsafe(unsafe) for r in reports if not r.error)
    errors = sum(1 for r in reports if r.error)
    parts = []
    total = remaining + fixed
    if total == 0:
        parts.append("No findings" if errors else "All clean: no findings.")
    elif fixing:
        verb = "would be fixed" if diff else "fixed"
        parts.append(f"{_plural(total, 'finding')} ({fixed} {verb}, {remaining} remaining)")
    else:
        safe_now = sum(r.fixable_now() for r in reports if not r.error)
        parts.append(f"{_plural(total, 'finding')}"
                     + (f"; {safe_now} fixable with --fix" if safe_now else ""))
    text = parts[0]
    if unsafe_more:
        text += f"; {unsafe_more} more fixable with --unsafe-fixes"
    if errors:
        text += f"; {_plural(errors, 'file')} could not be checked"
    return text + "\n"


def statistics(reports: Sequence[FileReport]) -> str:
    counts: Counter[tuple[str, str, str]] = Counter()
    for r in reports:
        for f in r.findings:
            counts[(f.code, f.rule, _flag(f).strip())] += 1
    if not counts:
        return ""
    width = max(len(str(n)) for n in counts.values())
    lines = [f"{n:>{width}}\t{code}\t{flag or '   '}\t{rule}"
             for (code, rule, flag), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines) + "\n"


def applied_fixes(reports: Sequence[FileReport]) -> str:
    out = []
    for r in reports:
        if not r.plan or not len(r.plan):
            continue
        out.append(f"Fixed {_plural(len(r.plan), 'finding')} in {r.path}:")
        per_rule = Counter((e.code, e.rule) for e in r.plan.edits)
        for (code, rule), n in sorted(per_rule.items()):
            out.append(f"    {n} × {code} ({rule})")
    return ("\n".join(out) + "\n") if out else ""


def render(reports: Sequence[FileReport], *, fixing: bool = False, unsafe: bool = False,
           diff: bool = False, stats: bool = False, show_fixes: bool = False,
           concise: bool = False, quiet: bool = False, **_: object) -> str:
    out: list[str] = []
    if stats:
        out.append(statistics(reports))
    else:
        for r in reports:
            if r.error or not r.findings:
                continue
            doc = Document(r.text)
            for f in r.findings:
                out.append(render_finding(r, f, doc, concise))
    if show_fixes:
        out.append(applied_fixes(reports))
    if not quiet:
        out.append(summary(reports, fixing=fixing, unsafe=unsafe, diff=diff))
    return "".join(out)
