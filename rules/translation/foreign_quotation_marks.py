"""WF948 foreign-quotation-marks."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import quote_pair
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# A pair of another language's quotation marks around words on one line: German and Czech
# „...“ (or „...” and „..."), guillemets «...» (French, Russian, Ukrainian) and the
# reversed »...« (German, Danish). Single guillemets ‹...› and the low single ‚...‘ too.
_PAIRS = {"„": "“”\"", "«": "»", "»": "«", "‹": "›", "‚": "‘’'"}
_PAIR = lazy_regex(
    r"(„|«|»|‹|‚)(?=\S)([^\n„«»‹›‚“”\"]{1,300}?)(?<=\S)(“|”|\"|»|«|›|‘|’|')"
    r"(?![\p{L}\p{N}])")
# The words inside are English (or names, figures): Latin letters only. A quote in the
# other language's own script is untranslated text (untranslated-text), not English with
# foreign marks.
_NOT_LATIN = lazy_regex(r"[\p{L}--\p{Latin}]", regex.V1)
_LATIN = lazy_regex(r"\p{Latin}")


def _pair_ok(opening: str, closing: str) -> bool:
    return closing in _PAIRS[opening]


class ForeignQuotationMarks(Rule):
    """Quotation marks of another language around English words: „we will not give up“,
    «a historic day».

    ## What it does
    Finds a pair of German or Czech low-high marks („...“), guillemets («...», »...«,
    ‹...›) or low single marks (‚...‘) around English words on one line, and writes the
    story's English marks instead: straight "..." in a story that quotes with straight
    marks, curly “...” otherwise (single ‘...’ or '...' for the single forms; the
    `quotes` option sets a house style).

    ## Why it happens in wire copy
    Translation engines carry the source's punctuation over: Russian, Ukrainian and French
    copy quote with guillemets, German and Czech with „...“, and the English output keeps
    them around translated words.

    ## Example
    The minister said „we will not give up“ and left. becomes The minister said “we will
    not give up” and left.

    ## Fix safety
    Safe: English copy quotes with neither form, the pair is matched on one line, and the
    words inside are in Latin letters. A lone mark, a pair around words of another script
    («Слава Україні») and marks across a line break are left alone.

    ## Known false positives
    A French or German title quoted in its own typography in English copy ("the daily
    «Le Monde»" is rare; house style writes it in italics or English marks anyway).
    """

    code = "WF948"
    name = "foreign-quotation-marks"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "quotation marks of another language: “{found}”"
    fix_title = "Write {english}"
    looks_for = LooksFor("„", "«", "»", "‹", "‚")
    examples = (
        Example.bad("The minister said „we will not give up“ and left the room.",
                    flagged=["„", "“"],
                    fixed="The minister said “we will not give up” and left the room."),
        Example.bad("He called it «a historic day» for the country, “he” said.",
                    flagged=["«", "»"],
                    fixed="He called it “a historic day” for the country, “he” said."),
        Example.bad("The paper ran »Border talks resume« on its front page.",
                    flagged=["»", "«"],
                    fixed="The paper ran “Border talks resume” on its front page."),
        Example.bad('"Yes," he said of the «peace plan».', flagged=["«", "»"],
                    fixed='"Yes," he said of the "peace plan".'),
        Example.good("Crowds chanted «Слава Україні» outside the embassy."),
        Example.good("Prices rose 5% « compared with a year ago."),
        Example.good("He said „we will never\ngive up“ and left."),
    )

    def check(self, doc, ctx):
        text = doc.text
        opening, closing = quote_pair(doc, ctx.option("quotes", "follow"))
        for m in _PAIR.finditer(text):
            first, words, last = m.group(1), m.group(2), m.group(3)
            if not _pair_ok(first, last) or not _LATIN.search(words) \
                    or _NOT_LATIN.search(words):
                continue
            if first in "‹‚":
                pair = ("‘", "’") if opening == "“" else ("'", "'")
            else:
                pair = (opening, closing)
            english = f"{pair[0]}...{pair[1]}"
            for g, mark in ((1, pair[0]), (3, pair[1])):
                s, e = m.span(g)
                yield self.finding(s, e, [mark], found=f"{first}...{last}", english=english)
