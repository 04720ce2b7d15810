"""How the review app draws changes: list rows, the diff in context, the preview.

Everything is built as ``textual.content.Content`` from plain strings with explicit styles,
never parsed as markup: wire copy contains "[" and the copy must show exactly as it is.

Diffs are word-level (``cleaner.review.diff``): a restored quotation shows only the two
inserted marks, a changed word is replaced whole, a deleted mark of punctuation is flagged
so it cannot be missed. Characters an editor cannot tell apart on screen are made visible in
the changed words: no-break and other special spaces, line breaks and tabs get symbols, and
quotes, dashes and primes are underlined and named in a legend. Ordinary spaces stay spaces,
except where the change is nothing but white space.
"""
from __future__ import annotations

import os
import unicodedata

from textual.content import Content

from wirefix.cleaner.decisions import Decision
from wirefix.cleaner.review import Change, Outcome, ReviewSession, word_diff
from wirefix.cleaner.review.changes import Place

GLYPHS = {
    Decision.PENDING: ("○", "$text-muted"),
    Decision.ACCEPTED: ("✓", "bold $text-success"),
    Decision.REJECTED: ("✗", "bold $text-error"),
    Decision.DEFERRED: ("?", "bold $text-warning"),
    Decision.FIXED_BY_HAND: ("✎", "bold $text-success"),
}
STATE_NAMES = {Decision.FIXED_BY_HAND: "fixed by hand"}

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
# A deleted mark of punctuation alone is a speck when struck through: it gets a marker.
DELETED_MARK = "⌫"


def _pieces(text: str, base: str, *, spaces: bool) -> list[tuple[str, str]]:
    """``text`` with invisible characters replaced by symbols and look-alikes marked.
    ``spaces``: show ordinary spaces as "·" too (a change of white space only)."""
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


def visible(text: str, style: str = "", *, spaces: bool = False) -> Content:
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


def diff_pieces(before: str, after: str, *, keep: int | None = None) -> list:
    """The word diff of a place as styled pieces; ``keep`` elides long unchanged runs. A
    replaced word reads "old→new" (struck, an arrow, marked), so that it is plain even where
    the terminal draws no strike-through."""
    parts: list = []
    previous = ""
    for op, text in word_diff(before, after):
        if op == "=":
            parts.append(visible(_elide(text, keep) if keep else text, "bold"))
        elif op == "-":
            mark = text.strip() and not any(c.isalnum() for c in text)
            if mark:
                parts.append((DELETED_MARK, "bold $text-error"))
            parts.append(visible(text, DELETED, spaces=not text.strip()))
        else:
            if previous == "-":
                parts.append(("→", DIM))
            parts.append(visible(text, INSERTED, spaces=not text.strip()))
        previous = op
    return parts


def highlighted(text: str, query: str, style: str = "") -> Content:
    """``text`` (made visible) with every case-insensitive match of ``query`` reversed."""
    if not query:
        return visible(text, style)
    parts: list = []
    low, q = text.lower(), query.lower()
    pos = 0
    while True:
        hit = low.find(q, pos)
        if hit == -1:
            break
        parts.append(visible(text[pos:hit], style))
        parts.append(visible(text[hit:hit + len(q)], f"{style} reverse bold $text-accent".strip()))
        pos = hit + len(q)
    parts.append(visible(text[pos:], style))
    return Content.assemble(*parts)


def _summary(places: list[Place], width: int) -> Content:
    """A short before → after for a list row: the changed words with a little context."""
    if not places:
        return Content("")
    p = places[0]
    pieces = word_diff(p.before, p.after)
    parts: list = []
    previous = ""
    for op, text in pieces:
        if op == "=":
            parts.append(visible(_elide(text, 4), DIM))
        elif op == "-":
            if not any(c.isalnum() for c in text) and text.strip():
                parts.append((DELETED_MARK, "$text-error"))
            parts.append(visible(_short(text, width), "strike $text-error", spaces=not text.strip()))
        else:
            if previous == "-":
                parts.append(("→", DIM))
            parts.append(visible(_short(text, width), "$text-success", spaces=not text.strip()))
        previous = op
    if len(places) > 1:
        parts.append((f"  +{len(places) - 1} more", DIM))
    return Content.assemble(*parts)


def list_row(session: ReviewSession, ch: Change, width: int = 60) -> Content:
    """One row of the list: status glyph, kind, rule, and the change in a few words."""
    glyph, style = GLYPHS[ch.decision]
    parts: list = [(glyph, style), " "]
    if ch.is_flag and ch.state.edited is None:
        parts.append(("⚐ ", "$text-warning"))
    elif len(ch.options) > 1:
        parts.append((f"{len(ch.options)}⇄ ", "$text-accent"))
    if ch.multi_place:
        parts.append((f"×{max(len(o.places) for o in ch.options)} ", "$text-accent"))
    rule_width = max(10, min(30, width // 3))
    parts.append((_short(ch.rule, rule_width), "bold" if ch.decision is Decision.PENDING else DIM))
    parts.append("  ")
    if session.covering(ch) is not None:
        parts.append(("in text edited by hand", DIM))
    elif ch.has_fix:
        parts.append(_summary(session.stretches(ch), max(12, width - rule_width - 8)))
    else:
        parts.append(visible(_short(ch.before, max(12, width - rule_width - 8)), ""))
    return Content.assemble(*parts)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def place_in_context(session: ReviewSession, place: Place, chars: int, *,
                     flagged: bool = False, query: str = "") -> Content:
    """One place of a change in its sentence: the word diff between the text around it."""
    text = session.text
    a = max(0, place.start - chars)
    if a > 0:
        sp = text.find(" ", a, place.start)
        a = sp + 1 if sp != -1 else a
    b = min(len(text), place.end + chars)
    if b < len(text):
        sp = text.rfind(" ", place.end, b)
        b = sp if sp != -1 else b
    parts: list = []
    if a > 0:
        parts.append(("…", DIM))
    parts.append(highlighted(text[a:place.start], query))
    if flagged:
        parts.append(visible(place.before or "‸", "bold reverse $text-warning"))
    else:
        parts.extend(diff_pieces(place.before, place.after, keep=max(chars, 40)))
    parts.append(highlighted(text[place.end:b], query))
    if b < len(text):
        parts.append(("…", DIM))
    return Content.assemble(*parts)


def _options(session: ReviewSession, ch: Change) -> list[Content]:
    if not ch.options or (len(ch.options) == 1 and not ch.is_flag):
        return []
    title = ("Hints: press 1–9 to use one, e to rewrite the text" if ch.is_flag else
             "Options: press 1–9 to choose one")
    rows = [Content(""), Content.styled(title, "bold")]
    for i, opt in enumerate(ch.options[:9]):
        chosen = ch.state.edited is None and ch.option is opt and (
            ch.decision is Decision.ACCEPTED or ch.state.choice is not None or not ch.is_flag)
        mark = "▶" if chosen else " "
        p = opt.places[0] if opt.places else None
        summary = Content.assemble(*diff_pieces(p.before, p.after, keep=12)) if p else Content("")
        more = f" (+{len(opt.places) - 1} places)" if len(opt.places) > 1 else ""
        rows.append(Content.assemble(
            (f" {mark} {i + 1}  ", "bold" if chosen else DIM),
            (opt.title, "bold" if chosen else ""),
            (f"  [{opt.applicability.value}{', as --fix' if opt.default else ''}]", DIM),
            ("   ", ""), summary, (more, DIM)))
    return rows


def detail(session: ReviewSession, ch: Change, chars: int, *, docs: bool = False,
           query: str = "") -> Content:
    """The right-hand pane, top first: what fired and where, the change in context, before
    and after, the options; the rule's documentation only when asked for (``docs``)."""
    f = ch.finding
    line, col = _line_col(session.text, ch.start)
    kind = ("flag (no automatic fix)" if ch.is_flag else
            f"{ch.option.applicability.value if ch.option else f.applicability.value} fix")
    glyph, gstyle = GLYPHS[ch.decision]
    head = Content.assemble(
        (f"{f.code} {f.rule}", "bold"), ("  ·  ", DIM), (f.family, "$text-accent"),
        ("  ·  ", DIM), (kind, "$text-success" if kind.startswith("safe") else "$text-warning"),
        ("  ·  ", DIM), (f"line {line}, col {col}", DIM),
        (f"  ·  change {ch.index + 1} of {len(session.changes)}", DIM),
    )
    state = STATE_NAMES.get(ch.decision, ch.decision.value)
    if ch.decision is Decision.ACCEPTED and ch.explicit:
        state += " (edited by hand)" if ch.state.edited is not None else \
            f" (option {ch.choice + 1})"
    if ch.state.note and ch.decision is Decision.DEFERRED:
        state += f": {ch.state.note}"
    covered = session.covering(ch)
    if covered is not None:
        state += f" · its text was rewritten by hand in change {covered + 1}"
    lines: list[Content] = [head, Content.assemble((glyph + " ", gstyle), (state, gstyle)),
                            Content.styled(f.message), Content("")]
    places = session.stretches(ch)
    flagged = ch.is_flag and not ch.has_fix
    if len(places) > 1:
        lines.append(Content.styled(f"{len(places)} places:", "bold"))
    for p in places[:12]:
        lines.append(place_in_context(session, p, chars, flagged=flagged, query=query))
    if len(places) > 12:
        lines.append(Content.styled(f"… and {len(places) - 12} more places", DIM))
    lines.append(Content(""))
    if len(places) == 1:
        p = places[0]
        lines.append(Content.assemble(("Before  ", DIM), ("‹", DIM),
                                      highlighted(_elide(p.before, 160), query, "$text-error"),
                                      ("›", DIM)))
        if ch.has_fix:
            lines.append(Content.assemble(("After   ", DIM), ("‹", DIM),
                                          visible(_elide(p.after, 160), "$text-success"),
                                          ("›", DIM)))
        names = legend(p.before, p.after)
        if names:
            lines.append(Content.assemble(("Chars   ", DIM), ("  ·  ".join(names), "")))
    if ch.option is not None and ch.state.edited is None:
        lines.append(Content.assemble(("Fix     ", DIM), ch.option.title))
    lines.extend(_options(session, ch))
    if docs:
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
    else:
        lines.append(Content(""))
        lines.append(Content.styled("r: the rule's documentation", DIM))
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


def status_line(session: ReviewSession, name: str, width: int = 200) -> Content:
    """The top line. When narrow, the counts give way first; the unsaved mark and the
    pending count stay."""
    c = session.counts()
    unsaved = [("  │  ", DIM), ("● unsaved", "bold $text-warning")] if session.dirty else []
    target = session.output
    shown_name = name + (f" → {os.path.basename(target)}" if target else "")
    full: list = [(shown_name, "bold $text-accent"), ("  │  ", DIM),
                  (f"{c['pending']}/{c['total']} pending", "bold"), (" · ", DIM),
                  (f"{c['accepted']} accepted", "$text-success"), (" · ", DIM),
                  (f"{c['rejected']} rejected", "$text-error"), (" · ", DIM),
                  (f"{c['deferred']} deferred", "$text-warning")]
    if c["fixed-by-hand"]:
        full += [(" · ", DIM), (f"{c['fixed-by-hand']} by hand", "$text-success")]
    full += [("  │  ", DIM), (f"filter: {session.filter.label}", "")]
    parts = full + unsaved
    if sum(len(p[0]) for p in parts) > width:
        parts = [(_short(shown_name, max(10, width // 3)), "bold $text-accent"), ("  │  ", DIM),
                 (f"{c['pending']}/{c['total']} pending", "bold")] + unsaved
    return Content.assemble(*parts)
