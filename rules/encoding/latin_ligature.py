"""WF111 latin-ligature."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# The Latin ligatures and digraphs that ftfy's LIGATURES table spells out (imported when one
# occurs): Ĳ ĳ ŉ Ǳ ǲ ǳ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ.
_LIGATURES = r"[\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06]"
_LIGATURE = lazy_regex(_LIGATURES)


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
    looks_for = LooksFor(patterns=[_LIGATURES])
    examples = (
        Example.bad("a signiﬁcant ﬂow", flagged=["ﬁ", "ﬂ"], fixed="a significant flow"),
        Example.good("a significant flow"),
    )

    def check(self, doc, ctx):
        from ftfy.chardata import LIGATURES

        for m in _LIGATURE.finditer(doc.text):
            letters = LIGATURES.get(ord(m.group()))
            if not letters:
                continue
            yield self.finding(m.start(), m.end(), [letters], lig=m.group(), letters=letters)
