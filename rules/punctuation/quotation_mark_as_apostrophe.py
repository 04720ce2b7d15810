"""WF404 quotation-mark-as-apostrophe."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import apostrophe
from wirefix.rules.base import Example, LooksFor, Phase, Rule

_LETTERS = lazy_regex(r"\p{L}+")
_LETTERS_BEFORE = lazy_regex(r"\p{L}+$")
_PATTERN = lazy_regex(r"(?<=\p{L})[\"“”](?=(?:s|t|re|ll|ve|d|m)(?![\p{L}\p{N}]))")


class QuotationMarkAsApostrophe(Rule):
    """A double quotation mark typed for an apostrophe: "Brazil"s output", "it isn"t fair".

    ## What it does
    Replaces a double quotation mark between a letter and a contraction or possessive ending
    ("s", "t", "re", "ll", "ve", "d", "m") with the story's apostrophe.

    ## Why it happens in wire copy
    Old feeds and keyboard mappings sent the apostrophe as a double quote; converters that
    map quote characters one to one then carry it through.

    ## Example
    "Brazil is the world"s largest coffee producer" becomes "... the world's largest ...".

    ## Fix safety
    Safe: a closing quotation mark is never followed directly by these endings inside a word.
    It runs with the whole-text repairs, so that quote balancing sees the result.

    ## Known false positives
    A plural possessive written with a double quote ("workers" union") is ambiguous with a
    closing quote and is left alone, as is the plural of a quoted word ('dotless "I"s').
    """

    code = "WF404"
    name = "quotation-mark-as-apostrophe"
    family = "punctuation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "A quotation mark stands for an apostrophe in “{word}”"
    fix_title = "Write “{fixed}”"
    # one stdlib scan that jumps from one '"' to the next
    # a double quotation mark inside a word, where only an apostrophe fits: Brazil"s, isn"t
    looks_for = LooksFor("“", "”", patterns=[r'"(?:s|t|re|ll|ve|d|m)'])
    examples = (
        Example.bad("Brazil is the world\"s largest coffee producer.", flagged=['"'],
                    fixed="Brazil is the world's largest coffee producer."),
        Example.bad("“It isn”t fair,” he said of Brazil’s quota.", flagged=["”"],
                    fixed="“It isn’t fair,” he said of Brazil’s quota."),
        Example.good('He said "yes" and left.'),
        Example.good('The "Contras" said the workers" union had struck.'),
        Example.good('Turkish has dotted and dotless "I"s, and its “A”s are open.'),
    )

    def check(self, doc, ctx):
        text = doc.text
        apos = apostrophe(doc, ctx.option("quotes", "follow"))
        for m in _PATTERN.finditer(text):
            word_m = _LETTERS_BEFORE.search(text, max(0, m.start() - 30), m.start())
            end_m = _LETTERS.match(text, m.end(), m.end() + 3)
            if word_m is not None and text[word_m.start() - 1:word_m.start()] in ('"', "“"):
                continue    # 'dotless "I"s': the mark closes a quoted word, and "s" makes its plural
            word = (word_m.group() if word_m else "") + m.group() + (end_m.group() if end_m else "")
            fixed = word.replace(m.group(), apos)
            yield self.finding(m.start(), m.end(), [apos], word=word, fixed=fixed)
