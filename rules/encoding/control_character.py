"""WF107 control-character."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._invisibles import CONTROL_NAMES, SEPARATING_CONTROLS

# An ANSI terminal escape sequence ("\x1b[31m"), then any single control character.
_CONTROL = lazy_regex(
    r"(?P<ansi>\x1b\[[0-9;]*[A-Za-z])|(?P<char>["
    + "".join(regex.escape(c) for c in CONTROL_NAMES) + "])"
)


class ControlCharacter(Rule):
    """A control character in the text: NUL, BEL, DEL, a terminal colour code.

    ## What it does
    Removes ASCII control characters (other than tab, line feed, form feed and carriage
    return), DEL, terminal escape sequences ("\\x1b[1m"), and the format characters ftfy
    also treats as controls (U+206A–U+206F, U+FFF9–U+FFFC). A vertical tab or a separator
    control between two words becomes a space, since word processors use it as a line break.

    ## Why it happens in wire copy
    Old feed protocols framed stories with control codes, word processors write a vertical
    tab for a manual line break, and copy pasted from a terminal brings its colour codes.

    ## Example
    "Talks\\x07 resumed" becomes "Talks resumed"; "\\x1b[1mBREAKING\\x1b[0m" becomes "BREAKING".

    ## Fix safety
    Safe: these characters are invisible or meaningless in copy. SUB (U+001A) is not
    removed: it stands for a character the decoder could not read, and replacement-character
    (WF108) flags it instead. Control codes written as references ("&#3;") are
    feed-control-code (WF350).

    ## Known false positives
    None known.
    """

    code = "WF107"
    name = "control-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{what} in the text"
    fix_title = "Remove it"
    looks_for = LooksFor.chars("\x1b" + "".join(CONTROL_NAMES))
    examples = (
        Example.bad("Talks\x07 resumed", flagged=["\x07"], fixed="Talks resumed"),
        Example.bad("\x1b[1mBREAKING\x1b[0m: talks", flagged=["\x1b[1m", "\x1b[0m"],
                    fixed="BREAKING: talks"),
        Example.bad("first line\x0bsecond line", flagged=["\x0b"], fixed="first line second line"),
        Example.bad("a DEL\x7f here", flagged=["\x7f"], fixed="a DEL here"),
        Example.good("Tabs\tand\r\nline breaks\fstay."),
        Example.good("Here's a control character: \x1a"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _CONTROL.finditer(text):
            s, e = m.span()
            if waits_for_unwrap(doc, ctx, s, e):
                continue
            if m.group("ansi"):
                yield self.finding(s, e, [""], what="terminal escape sequence")
                continue
            ch = m.group("char")
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            between_words = before and after and not before.isspace() and not after.isspace()
            repl = " " if ch in SEPARATING_CONTROLS and between_words else ""
            yield self.finding(s, e, [repl], what=CONTROL_NAMES[ch])
