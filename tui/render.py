"""How the review app draws changes: list rows, the diff in context, the preview.

Everything is built as ``textual.content.Content`` from plain strings with explicit styles,
never parsed as markup: wire copy contains "[" and the copy must show exactly as it is.
Characters an editor cannot tell apart on screen are made visible in the changed words:
no-break and other special spaces, line breaks and tabs get symbols, and quotes, dashes and
primes are underlined and named in a legend ("’ U+2019 right single quotation mark").
"""
from __future__ import annotations

import unicodedata

from textual.content import Content

from wirefix.cleaner.decisions import Decision
from wirefix.cleaner.review import Change, Outcome, ReviewSession

GLYPHS = {
    Decision.PENDING: ("○", "$text-muted"),
    Decision.ACCEPTED: ("✓", "bold $text-success"),
    Decision.REJECTED: ("✗", "bold $text-error"),
    Decision.DEFERRED: ("?", "bold $text-warning"),
}

# Shown in place of characters that are invisible or look like a plain space.
INVISIBLE = {
    "\u00a0": "⍽",   # no-break space
    "\u202f": "⍽",   # narrow no-break space
    "\u2007": "⍽",   # figure space
    "\u2009": "ᵀ",   # thin space
    "\u200a": "ᴴ",   # hair space
    "\u2002": "ᴺ",   # en space
    "\u2003": "ᴹ",   # em space
    "\u200b": "∅",   # zero-width space
    "\u200c": "∅",
    "\u200d": "∅",
    "\u2060": "∅",
    "\ufeff": "∅",
    "\u00ad": "¬",   # soft hyphen
    "\t": "⇥",
    "\r": "␍",
    "\n": "↵",
}
# Characters shown as they are, but marked and named: the quotes, dashes and primes that
# look alike in a terminal.
CONFUSABLE = frozenset(
    "'\"`´‘’‚‛“”„‟′″‹›«»"          # quotes, apostrophes, primes, guillemets
    "-‐‑‒–—―−﹘﹣－"                 # hyphen-minus, hyphens, dashes, minus signs
)
DELETED = "strike $text-error on $error-muted"
INSERTED = "bold $text-success on $success-muted"
SPECIAL = "underline"
DIM = "$text-muted"


def _pieces(text: str, base: str, *, spaces: bool) -> list[tuple[str, str]]:
    """``text`` with invisible characters replaced by symbols and look-alikes marked.
    ``spaces``: show ordinary spaces as "·" too (inside changed words)."""
    out: list[tuple[str, str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(("".join(run), base))
            run.clear()

    for ch in text:
        if ch in INVISIBLE:
            flush()
            out.append((INVISIBLE[ch], f"{base} {SPECIAL}".strip()))
            if ch == "\n" and not spaces:
                out.append(("\n", base))
        elif ch == " " and spaces:
            flush()
            out.append(("·", base))
        elif ch in CONFUSABLE:
            flush()
            out.append((ch, f"{base} {SPECIAL}".strip()))
        else:
            run.append(ch)
    flush()
    return out


def visible(text: str, style: str = "", *, spaces: bool = True) -> Content:
    return Content.assemble(*_pieces(text, style, spaces=spaces))


def legend(*texts: str) -> list[str]:
    """Names of the special characters in ``texts``, in order of appearance."""
    seen: dict[str, None] = {}
    for t in texts:
        for ch in t:
            if ch in INVISIBLE or ch in CONFUSABLE or (ord(ch) > 127 and not ch.isalnum()):
                seen.setdefault(ch, None)
    out = []
    for ch in seen:
        name = unicodedata.name(ch, "").lower() or "unnamed character"
        shown = INVISIBLE.get(ch, ch)
        out.append(f"{shown} U+{ord(ch):04X} {name}")
    return out


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _elide(text: str, keep: int) -> str:
    """Long unchanged stretches between the edits of one change shrink to "…"."""
    return text if len(text) <= 2 * keep + 1 else text[:keep] + "…" + text[-keep:]


def _sides(ch: Change, keep: int = 6) -> tuple[str, str]:
    """A short before and after for the list, with unchanged stretches elided."""
    before, after = [], []
    for op, t in ch.pieces():
        if op == "=":
            t = _elide(t, keep)
            before.append(t)
            after.append(t)
        elif op == "-":
            before.append(t)
        else:
            after.append(t)
    return "".join(before), "".join(after)


def list_row(ch: Change) -> Content:
    """One row of the list: status glyph, rule, and a short before→after."""
    glyph, style = GLYPHS[ch.decision]
    parts: list = [(glyph, style), " "]
    if ch.is_flag:
        parts.append(("⚐ ", "$text-warning"))
    elif len(ch.alternatives) > 1:
        parts.append((f"{len(ch.alternatives)}⇄", "$text-accent"))
        parts.append(" ")
    parts.append((_short(ch.rule, 24), "bold" if ch.decision is Decision.PENDING else DIM))
    parts.append("  ")
    before, after = _sides(ch) if ch.has_fix else (ch.before, "")
    parts.append(visible(_short(before, 20), "$text-error" if ch.has_fix else "", spaces=True))
    if ch.has_fix:
        parts.append((" → ", DIM))
        parts.append(visible(_short(after, 20), "$text-success", spaces=True))
    return Content.assemble(*parts)


def diff_in_context(session: ReviewSession, ch: Change, chars: int) -> Content:
    """The change in its sentence: deletions struck, insertions marked."""
    left, right = session.context(ch, chars)
    parts: list = []
    if ch.start - len(left) > 0:
        parts.append(("…", DIM))
    parts.append(visible(left, "", spaces=False))
    if ch.has_fix:
        for op, text in ch.pieces():
            if op == "=":
                parts.append(visible(_elide(text, chars), "bold", spaces=False))
            elif op == "-":
                parts.append(visible(text, DELETED, spaces=True))
            else:
                parts.append(visible(text, INSERTED, spaces=True))
    else:
        parts.append(visible(ch.before or "‸", "bold reverse $text-warning", spaces=True))
    parts.append(visible(right, "", spaces=False))
    if ch.end + len(right) < len(session.text):
        parts.append(("…", DIM))
    return Content.assemble(*parts)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def detail(session: ReviewSession, ch: Change, chars: int) -> Content:
    """The right-hand pane: what fired, where, the diff, the alternatives and why."""
    f = ch.finding
    line, col = _line_col(session.text, ch.start)
    kind = "flag (no automatic fix)" if ch.is_flag else f"{f.applicability.value} fix"
    glyph, gstyle = GLYPHS[ch.decision]
    head = Content.assemble(
        (f"{f.code} {f.rule}", "bold"), ("  ·  ", DIM), (f.family, "$text-accent"),
        ("  ·  ", DIM), (kind, "$text-warning" if f.applicability.value != "safe" else "$text-success"),
        ("  ·  ", DIM), (f"line {line}, col {col}", DIM),
        (f"  ·  change {ch.index + 1} of {len(session.changes)}", DIM),
    )
    state = ch.decision.value
    if ch.decision is Decision.ACCEPTED and ch.explicit:
        state += " (edited by hand)" if ch.state.edited is not None else \
            f" (alternative {ch.choice + 1})"
    if ch.state.note and ch.decision is Decision.DEFERRED:
        state += f": {ch.state.note}"
    lines: list[Content] = [
        head,
        Content.assemble((glyph + " ", gstyle), (state, gstyle)),
        Content.styled(f.message),
        Content(""),
        diff_in_context(session, ch, chars),
        Content(""),
        Content.assemble(("Before  ", DIM), ("‹", DIM),
                         visible(_elide(ch.before, 120), "$text-error"), ("›", DIM)),
    ]
    if ch.has_fix:
        lines.append(Content.assemble(("After   ", DIM), ("‹", DIM),
                                      visible(_elide(ch.after, 120), "$text-success"), ("›", DIM)))
        if f.fix_title and not ch.explicit:
            lines.append(Content.assemble(("Fix     ", DIM), f.fix_title))
    names = legend(ch.before, ch.after)
    if names:
        lines.append(Content.assemble(("Chars   ", DIM), ("  ·  ".join(names), "")))
    if len(ch.alternatives) > 1 or (ch.is_flag and ch.alternatives):
        lines.append(Content(""))
        title = ("Hints (press 1–9 to use one)" if ch.is_flag else
                 "Alternatives for this span (press 1–9 to choose one)")
        lines.append(Content.styled(title, "bold"))
        for i, alt in enumerate(ch.alternatives[:9]):
            chosen = ch.state.edited is None and ch.has_fix and i == ch.choice
            mark = "▶" if chosen else " "
            lines.append(Content.assemble(
                (f" {mark} {i + 1}  ", "bold" if chosen else DIM),
                (alt.finding.rule, "bold" if chosen else ""), ("  ", ""),
                visible(_elide(ch.after_for(i), 30), "$text-success"),
                (f"   {alt.finding.fix_title or alt.finding.message}", DIM)))
    doc = session.rule_doc(f.code)
    summary = doc.get("", "")
    if summary:
        lines.append(Content(""))
        lines.append(Content.styled(summary, "italic"))
    for section in ("What it does", "Why it happens in wire copy", "Fix safety",
                    "Known false positives"):
        body = doc.get(section)
        if body:
            lines.append(Content(""))
            lines.append(Content.styled(section, "bold"))
            lines.append(Content(" ".join(body.split())))
    lines.append(Content(""))
    lines.append(Content.styled("fingerprint " + ", ".join(ch.fingerprints), DIM))
    return Content("\n").join(lines)


def preview(outcome: Outcome) -> Content:
    """The text that saving writes, with what the changes wrote highlighted."""
    text = outcome.text
    parts: list = []
    pos = 0
    for s, e in outcome.written:
        if s < pos:
            continue
        parts.append(text[pos:s])
        if e > s:
            parts.append((text[s:e], INSERTED))
        else:
            parts.append(("‸", "$text-error"))
        pos = e
    parts.append(text[pos:])
    return Content.assemble(*parts)


def status_line(session: ReviewSession, name: str) -> Content:
    c = session.counts()
    parts: list = [(name, "bold $text-accent"), ("  │  ", DIM),
                   (f"{c['pending']}/{c['total']} pending", "bold"), (" · ", DIM),
                   (f"{c['accepted']} accepted", "$text-success"), (" · ", DIM),
                   (f"{c['rejected']} rejected", "$text-error"), (" · ", DIM),
                   (f"{c['deferred']} deferred", "$text-warning"), ("  │  ", DIM),
                   (f"filter: {session.filter.label}", "")]
    if session.dirty:
        parts += [("  │  ", DIM), ("● unsaved", "bold $text-warning")]
    return Content.assemble(*parts)
