"""WF948 foreign-quotation-marks."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability, Edit, Fix
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import quote_pair
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# A pair of another language's quotation marks around words on one line: German and Czech
# „...“ (or „...” and „..."), guillemets «...» (French, Russian, Ukrainian) and the
# reversed »...« (German, Danish). Single guillemets ‹...› and the low single ‚...‘ too.
_PAIRS = {"„": "“”\"", "«": "»", "»": "«", "‹": "›", "‚": "‘’'"}
# One pattern per opening mark, closed by its own partners: the words between hold no
# line break and no double mark (a double pair may hold a single one: „Merkels ‚Wir
# schaffen das‘ wird zehn“), and a single pair no single mark of its own kind.
_DOUBLE_MARKS = "„«»“”\""


def _pattern(opening: str, closings: str) -> str:
    inner = _DOUBLE_MARKS + ("‚‹›‘’" if opening in "‚‹" else "")
    return (rf"({regex.escape(opening)})(?=\S)([^\n{regex.escape(inner)}]{{1,300}}?)(?<=\S)"
            rf"([{regex.escape(closings)}])(?![\p{{L}}\p{{N}}])")


_PAIR = {opening: lazy_regex(_pattern(opening, closings)) for opening, closings in _PAIRS.items()}
# The words inside are English (or names, figures): Latin letters only. A quote in the
# other language's own script is untranslated text (untranslated-text), not English with
# foreign marks.
_NOT_LATIN = lazy_regex(r"[\p{L}--\p{Latin}]", regex.V1)
_LATIN = lazy_regex(r"\p{Latin}")


def _inside_english_quote(text: str, start: int, at: int) -> bool:
    """Is ``at`` inside an English quotation that opened in the paragraph since ``start``
    (more “ than ” before it, or an odd number of straight marks)? A pair there is a quote
    within a quote, and takes single marks."""
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


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
    words inside are in Latin letters. Both marks change in one fix, and a pair inside an
    English quotation becomes a quote within a quote (‘...’). A lone mark, a pair around
    words of another script («Слава Україні») and marks across a line break are left
    alone.

    ## Known false positives
    A French or German title quoted in its own typography ("the Swiss daily «Blick»") gets
    English marks, as house style writes it anyway. Guillemets that are no quotation marks
    at all (a UML «interface», code, a sentence about typography) would be changed too;
    wire copy has none of these in Reuters, AG News or the WMT22 data.
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
                    flagged=["„we will not give up“"],
                    fixed="The minister said “we will not give up” and left the room."),
        Example.bad("He called it «a historic day» for the country, “he” said.",
                    flagged=["«a historic day»"],
                    fixed="He called it “a historic day” for the country, “he” said."),
        Example.bad("The paper ran »Border talks resume« on its front page.",
                    flagged=["»Border talks resume«"],
                    fixed="The paper ran “Border talks resume” on its front page."),
        Example.bad('"Yes," he said of the «peace plan».', flagged=["«peace plan»"],
                    fixed='"Yes," he said of the "peace plan".'),
        # inside an English quotation: a quote within a quote
        Example.bad("“We will not accept „peace at any price“,” Zelenskiy said.",
                    flagged=["„peace at any price“"],
                    fixed="“We will not accept ‘peace at any price’,” Zelenskiy said."),
        # both marks in one fix, whatever else is mended beside them (the double space is
        # space-run's)
        Example.bad("He said  «we will not give up» and left.",
                    flagged=["«we will not give up»"],
                    fixed="He said  “we will not give up” and left."),
        Example.good("Crowds chanted «Слава Україні» outside the embassy."),
        Example.good("Prices rose 5% « compared with a year ago."),
        Example.good("He said „we will never\ngive up“ and left."),
    )

    def check(self, doc, ctx):
        text = doc.text
        opening, closing = quote_pair(doc, ctx.option("quotes", "follow"))
        for m in (m for opening_mark, pattern in _PAIR.items() if opening_mark in text
                  for m in pattern.finditer(text)):
            first, words, last = m.group(1), m.group(2), m.group(3)
            if not _LATIN.search(words) or _NOT_LATIN.search(words):
                continue
            paragraph = doc.paragraph_at(m.start())
            nested = first in "‹‚" or _inside_english_quote(
                text, paragraph.start if paragraph is not None else 0, m.start())
            if nested:
                pair = ("‘", "’") if opening == "“" else ("'", "'")
            else:
                pair = (opening, closing)
            # one fix for both marks: half a pair changed would pair with nothing
            fix = Fix((Edit(m.start(1), m.end(1), pair[0]), Edit(m.start(3), m.end(3), pair[1])),
                      Applicability.SAFE, f"Write {pair[0]}...{pair[1]}")
            yield self.finding(m.start(1), m.end(3), fixes=[fix], found=f"{first}...{last}",
                               english=f"{pair[0]}...{pair[1]}")
