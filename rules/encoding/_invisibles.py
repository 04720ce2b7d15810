"""Data: invisible and control characters, with what each one is (for messages).

Built once at import; the rules read these tables, they do not hard-code characters.
"""
from __future__ import annotations

# Invisible characters with no business in plain news copy. Zero-width joiners (U+200C,
# U+200D) are absent on purpose: emoji sequences and Indic and Persian spelling need them.
INVISIBLE: dict[str, str] = {
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\u2061": "invisible function application",
    "\u2062": "invisible times",
    "\u2063": "invisible separator",
    "\u2064": "invisible plus",
    "\ufeff": "byte order mark (zero-width no-break space)",
}
# Direction marks and embeddings: junk in left-to-right copy, needed in Hebrew and Arabic.
BIDI_CONTROLS: dict[str, str] = {
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
# Scripts written without spaces, where a zero-width space marks the word breaks.
NO_SPACE_SCRIPTS = ("Thai", "Lao", "Khmer", "Myanmar", "Tibetan", "Javanese", "Balinese")

# C0 controls (tab, line feed, form feed and carriage return are white space and stay),
# DEL, and the few format characters ftfy also treats as controls.
_C0 = {chr(c): f"control character U+{c:04X}" for c in list(range(0, 9)) + [11] + list(range(14, 32))}
CONTROL_NAMES: dict[str, str] = {
    **_C0,
    "\x00": "NUL control character",
    "\x07": "BEL (bell) control character",
    "\x08": "backspace control character",
    "\x0b": "vertical tab",
    "\x1b": "escape control character",
    "\x1c": "file separator control character",
    "\x1d": "group separator control character",
    "\x1e": "record separator control character",
    "\x1f": "unit separator control character",
    "\x7f": "DEL control character",
    **{chr(c): f"deprecated format character U+{c:04X}" for c in range(0x206A, 0x2070)},
    "\ufff9": "interlinear annotation anchor",
    "\ufffa": "interlinear annotation separator",
    "\ufffb": "interlinear annotation terminator",
    "\ufffc": "object replacement character (an embedded object that was dropped)",
}
# SUB is what a decoder writes for a byte it could not read: it marks lost text, like
# U+FFFD, and is reported by replacement-character instead of being deleted.
CONTROL_NAMES.pop("\x1a")
# Controls that separate things: a space keeps the words on either side apart.
SEPARATING_CONTROLS = frozenset("\x0b\x1c\x1d\x1e\x1f")
LOST_TEXT_MARKERS: dict[str, str] = {
    "\ufffd": "replacement character U+FFFD",
    "\x1a": "SUB control character U+001A",
}
