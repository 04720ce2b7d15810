"""WF111 latin-ligature."""
from __future__ import annotations

import regex
from ftfy.chardata import LIGATURES

from cleaner.findings import Applicability
from rules.base import Cheap, Example, Phase, Rule

_LIGATURE = regex.compile("[" + "".join(chr(c) for c in LIGATURES) + "]")


class LatinLigature(Rule):
    """A ligature character in the text: "ﬁ" (U+FB01) for "fi", "ĳ" for "ij".

    ## What it does
    Suggests spelling out Latin ligature characters as their letters (ftfy's table):
    "signiﬁcant" becomes "significant".

    ## Why it happens in wire copy
    Copy extracted from PDFs keeps the typesetter's ligature glyphs as characters. They look
    right but break search, spell-checking and word rules.

    ## Example
    "a signiﬁcant ﬂow" becomes "a significant flow".

    ## Fix safety
    Unsafe: the text reads correctly as it is, and some of these characters are letters of
    their own: Dutch "ĳ" ("ĳsselmeer"), Afrikaans "ŉ", and the Croatian digraph letters
    "ǆ ǉ ǌ". Expanding them is a normalisation for the editor to accept, not a repair.

    ## Known false positives
    Dutch and Croatian names spelt with their digraph letters.
    """

    code = "WF111"
    name = "latin-ligature"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.UNSAFE
    message = "ligature “{lig}” stands for “{letters}”"
    fix_title = "Write “{letters}”"
    trigger = Cheap(unicode=_LIGATURE)
    examples = (
        Example.bad("a signiﬁcant ﬂow", flagged=["ﬁ", "ﬂ"], fixed="a significant flow"),
        Example.good("a significant flow"),
    )

    def check(self, doc, ctx):
        for m in _LIGATURE.finditer(doc.text):
            letters = LIGATURES[ord(m.group())]
            yield self.finding(m.start(), m.end(), [letters], lig=m.group(), letters=letters)
