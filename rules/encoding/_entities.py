"""HTML entity debris: the patterns and the decoding shared by the entity rules.

Decoding uses ftfy's ``unescape_html`` on one entity at a time: the HTML5 entity table,
numeric references (with the Windows-1252 reading of &#128;–&#159; that browsers apply), and
all-caps forms of common entities. Only entities that end in a semicolon are decoded.
"""
from __future__ import annotations

import unicodedata

import regex

from wirefix.cleaner.document import Document
from wirefix.cleaner.patterns import lazy_regex, longest_first

ENTITY_BODY = r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})"
# A complete entity: "&lt;", "&#39;", "&#x2019;".
ENTITY = lazy_regex(rf"&{ENTITY_BODY};")
# An entity escaped again: "&amp;#39;", "&amp;quot;", "&amp;amp;lt;".
DOUBLE_ESCAPED = lazy_regex(rf"&amp;(?:amp;)*(?P<inner>{ENTITY_BODY});", regex.IGNORECASE)

# HTML element names that escaped markup in feeds uses (AG News: anchors, fonts, bold,
# paragraphs). Kept small: "&lt;B&gt;" is markup, "&lt;BP>" (Reuters) is a company name.
INLINE_TAGS = frozenset("a abbr b big cite code em font i q s small span strike strong sub sup "
                        "tt u".split())
BLOCK_TAGS = frozenset("blockquote br center dd div dl dt h1 h2 h3 h4 h5 h6 hr img li ol p pre "
                       "table tbody td th tr ul".split())
_TAG_NAMES = "|".join(longest_first(INLINE_TAGS | BLOCK_TAGS))
ESCAPED_TAG = lazy_regex(
    rf"&lt;(?P<close>/)?(?P<tag>{_TAG_NAMES})(?![A-Za-z0-9.])"
    r"(?P<attrs>\s(?:(?!&[lg]t;)[^<>\n])*)?\s*/?&gt;",
    regex.IGNORECASE,
)
# A run of escaped tags with nothing but spaces between them.
_TAG_GAP = lazy_regex(r"[ \t]*")

# Reuters' company and ticker markup, "&lt;BP>" or "&lt;Standard Oil Co>", half escaped.
REUTERS_MARKUP = lazy_regex(r"&lt;(?=[A-Z0-9][^<>&\n]{0,80}>)")

_CONTROL_CODEPOINTS = frozenset(list(range(1, 9)) + [11, 12] + list(range(14, 32)) + [127])


def decode(entity: str) -> str | None:
    """The text an entity stands for, or None if it is not a known, decodable entity."""
    if is_control_reference(entity):
        return None
    from ftfy.fixes import unescape_html  # imported when an entity is met (cold start)

    out = unescape_html(entity)
    if out == entity or not out or "\ufffd" in out:
        return None
    return out


_NUMERIC = lazy_regex(r"&?#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def numeric_codepoint(entity: str) -> int | None:
    m = _NUMERIC.fullmatch(entity)
    if m is None:
        return None
    return int(m.group(1)) if m.group(1) else int(m.group(2), 16)


def is_control_reference(entity: str) -> bool:
    """"&#3;", "&#127;": references to control codes, which are feed furniture."""
    cp = numeric_codepoint(entity)
    return cp is not None and cp in _CONTROL_CODEPOINTS


def is_broken_reference(entity: str) -> bool:
    """"&#0;", "&#xD800;", "&#99999999;": numeric references to no character."""
    cp = numeric_codepoint(entity)
    return cp is not None and (cp == 0 or 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF)


def cp1252_note(entity: str) -> str:
    """A note for "&#146;"-style references, which are Windows-1252 bytes, not Unicode."""
    cp = numeric_codepoint(entity)
    if cp is not None and 0x80 <= cp <= 0x9F:
        return f" (#{cp} is a Windows-1252 code, not a Unicode number)"
    return ""


def is_symbol(text: str) -> bool:
    """Punctuation, symbols and spaces: what a bare entity may stand for."""
    return bool(text) and all(unicodedata.category(c)[0] in "PSZ" for c in text)


def _markup_runs(doc: Document) -> list[tuple[int, int, bool]]:
    """(start, end, has_block_tag) for each run of escaped HTML tags."""
    text = doc.text
    runs: list[list] = []
    for m in ESCAPED_TAG.finditer(text):
        block = m.group("tag").lower() in BLOCK_TAGS
        if runs and _TAG_GAP.fullmatch(text, runs[-1][1], m.start()):
            runs[-1][1] = m.end()
            runs[-1][2] = runs[-1][2] or block
        else:
            runs.append([m.start(), m.end(), block])
    return [tuple(r) for r in runs]


def markup_runs(doc: Document) -> list[tuple[int, int, bool]]:
    return doc.memo("encoding.escaped-markup", _markup_runs) if "&lt;" in doc.text else []


def inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e, *_ in spans)


def _double_spans(doc: Document) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in DOUBLE_ESCAPED.finditer(doc.text)
            if decode("&" + m.group("inner") + ";") is not None]


def double_escaped_spans(doc: Document) -> list[tuple[int, int]]:
    return doc.memo("encoding.double-escaped", _double_spans) if "&amp;" in doc.text else []
