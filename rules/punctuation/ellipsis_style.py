"""WF470 ellipsis-style."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import is_tabular, waits_for_unwrap

# One "…" on its own: not the CJK ellipsis "……" (two characters, one mark), nor "….." where
# dots were typed after it (three, four or five stops, no way to tell).
_CHARACTER = lazy_regex(r"(?<![.…])…(?![.…])")
# Exactly three full stops: not two (a typo), not four or more (an ellipsis and a stop,
# or a dot leader).
_THREE_STOPS = lazy_regex(r"(?<!\.)\.\.\.(?!\.)")


class EllipsisStyle(Rule):
    """An ellipsis not in house style: "…" where the style wants "...", or the reverse.

    ## What it does
    Writes every ellipsis the way the `ellipsis` style option says: three full stops (the
    default, AP style) or the single character "…".

    ## Why it happens in wire copy
    Word processors and mojibake repair produce "…", typists and feeds produce "...", and a
    story assembled from both mixes them.

    ## Example
    With the default style, "and then… nothing" becomes "and then... nothing".

    ## Fix safety
    Safe: the two forms mean the same. Four or more dots (an ellipsis plus a full stop, or a
    dot leader in a table) and two dots are left alone, as are table lines, the CJK ellipsis
    "……" (one mark of two characters, not two ellipses) and "…" run into typed dots
    ("good….."), whose length cannot be told.

    ## Known false positives
    None known.
    """

    code = "WF470"
    name = "ellipsis-style"
    family = "punctuation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "ellipsis “{found}” where house style writes “{want}”"
    fix_title = "Write “{want}”"
    looks_for = LooksFor("...", "…")
    examples = (
        Example.bad("and then… nothing", flagged=["…"], fixed="and then... nothing"),
        Example.bad("rational...licensing process", flagged=["..."], fixed="rational…licensing process",
                    options={"ellipsis": "…"}),
        Example.good("and then... nothing. The end...."),
        Example.good("He said……we left. It was good….. really."),
        Example.good("and then… nothing", options={"ellipsis": "…"}),
        Example.good("Total .......... 12", options={"ellipsis": "…"}),
    )

    def check(self, doc, ctx):
        text = doc.text
        want = ctx.option("ellipsis", "...")
        pattern = _CHARACTER if want == "..." else _THREE_STOPS
        for m in pattern.finditer(text):
            if is_tabular(doc, doc.line_index(m.start())) or \
                    waits_for_unwrap(doc, ctx, m.start(), m.end()):
                continue
            yield self.finding(m.start(), m.end(), [want], found=m.group(), want=want)
