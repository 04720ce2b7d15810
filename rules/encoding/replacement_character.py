"""WF108 replacement-character."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._invisibles import LOST_TEXT_MARKERS

_MARKER = lazy_regex("[" + "".join(LOST_TEXT_MARKERS) + "]+")


class ReplacementCharacter(Rule):
    """A character the decoder could not read: "�" (U+FFFD) or SUB (U+001A).

    ## What it does
    Flags each run of replacement characters, so that an editor can restore what was
    lost from the source. It offers no fix.

    ## Why it happens in wire copy
    When bytes are not valid in the encoding a system expects, it writes U+FFFD (or, in
    older systems, the SUB control) in their place. The original character is gone.

    ## Example
    "Europa, Asia, �frica" is flagged at "�" (it was "Á").

    ## Fix safety
    Display only: deleting the marker would hide the loss, and guessing the letter is
    the editor's call.

    ## Known false positives
    A story about encoding errors that shows "�" on purpose.
    """

    code = "WF108"
    name = "replacement-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.DISPLAY
    message = "{what}: a character was lost here; restore it from the source"
    fix_title = ""
    looks_for = LooksFor.chars("".join(LOST_TEXT_MARKERS))
    examples = (
        Example.bad("Europa, Asia, �frica", flagged=["�"]),
        Example.bad("These control characters \x1a are apparently intentional", flagged=["\x1a"]),
        Example.good("Europa, Asia, África"),
    )

    def check(self, doc, ctx):
        for m in _MARKER.finditer(doc.text):
            what = LOST_TEXT_MARKERS[m.group()[0]]
            if len(m.group()) > 1:
                what = f"{len(m.group())} × {what}"
            yield self.finding(m.start(), m.end(), what=what)
