"""WF102 c1-control-character."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._ftfy_repairs import encoding_repairs


class C1ControlCharacter(Rule):
    """A C1 control character (U+0080–U+009F) standing for a Windows-1252 character.

    ## What it does
    Replaces a C1 control character with the Windows-1252 character of the same byte:
    U+0085 becomes "…", U+0092 "’", U+0093 and U+0094 "“ ”", U+0096 "–", U+0097 "—".

    ## Why it happens in wire copy
    Copy typed on Windows is stored as Windows-1252 and later read as Latin-1, which has
    invisible control codes where Windows-1252 has curly quotes, dashes and the ellipsis.
    Web browsers read these bytes as Windows-1252, which is why the copy looked fine upstream.

    ## Example
    "parlé\\x85 Tu sais" becomes "parlé… Tu sais".

    ## Fix safety
    Safe: C1 controls have no use in running text, and the Windows-1252 reading is the one
    every browser applies. The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
    0x90, 0x9D) have no reading and are left alone.

    ## Known false positives
    None known in text; binary data is refused before linting.
    """

    code = "WF102"
    name = "c1-control-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "C1 control character {code} is “{good}” in Windows-1252"
    fix_title = "Replace with “{good}”"
    looks_for = LooksFor(patterns=[r"[\x80-\x9f]"])
    examples = (
        Example.bad("nous n'en avons pas parlé\x85 Tu sais", flagged=["\x85"],
                    fixed="nous n'en avons pas parlé… Tu sais"),
        Example.bad("the minister\x92s visit", flagged=["\x92"], fixed="the minister’s visit"),
        Example.good("These control characters are apparently intentional \x81"),
        Example.good("The minister’s visit…"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for r in encoding_repairs(doc):
            if r.kind != "c1" or waits_for_unwrap(doc, ctx, r.start, r.end):
                continue
            bad = text[r.start:r.end]
            yield self.finding(r.start, r.end, [r.replacement], good=r.replacement,
                               code=" ".join(f"U+{ord(c):04X}" for c in bad))
