"""WF205 space-before-punctuation."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import in_quote
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._layout import is_tabular

# Spaces between a word (or a closing bracket or quote) and a comma, semicolon, colon,
# question or exclamation mark, or a full stop, where the mark then ends the phrase.
_SPACE_BEFORE = lazy_regex(
    r"(?<=[\p{L}\p{N})\]>\"'’”%.])[ \t]+"
    r"(?:(?P<mark>[,;!?])(?![\p{L}\p{N}])"          # "word ," and "Inc. ," but not "a ,b"
    r"|(?P<colon>:)(?![\p{N})(/:]))"                 # "were :" but not ":)", ":/" or "::::"
    r"|(?<=[\p{L}\p{N})\]>\"'’”%])[ \t]+"
    r"(?P<stop>\.)(?![.\p{L}\p{N}]|[ \t]\.)",        # "word ." but not " ...", ". . ." or " .com"
    regex.V1,
)
_DIGIT_AFTER = lazy_regex(r"[ \t]*\d")
# The marks French writes after a space (a "double" mark), and what only a tokeniser writes.
_FRENCH_MARKS = frozenset(";:!?")
_SPACED_COMMA_OR_STOP = lazy_regex(r"[\p{L}\p{N}][ \t]+[,.](?=[ \t\n\"”]|$)", regex.V1)


class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark.

    ## What it does
    Removes the space (or spaces) between a word and the punctuation mark after it:
    "the company , which" becomes "the company, which".

    ## Why it happens in wire copy
    Tokenised MT output puts a space before every mark ("said , adding"), and markup that
    was stripped from the text leaves its gap behind ("Travelers Corp <TIC> , sold").

    ## Example
    "Brazil 101,116 (59,430) , South Africa" becomes "Brazil 101,116 (59,430), South Africa".

    ## Fix safety
    Safe: English never puts a space before these marks. An ellipsis after a space
    ("and ..."), a spaced ellipsis ("the . . . ban"), a leading-dot word (" .com"), decimals
    (" .5"), times and scores ("10 : 30"), emoticons (" :)"), runs of colons (":::: Headline")
    and table lines are skipped. Inside a quotation a space before ; : ! or ? may be French
    spacing ("Que sais-je ?"): only suggested, unless the story also spaces its commas and
    full stops, which only a tokeniser does.

    ## Known false positives
    French copy outside quotation marks, which spaces before ; : ! and ?, is changed to
    English spacing.
    """

    code = "WF205"
    name = "space-before-punctuation"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "space before “{mark}”"
    fix_title = "Remove the space"
    # a space before a mark, found by a scan that jumps from space to space (twelve
    # substring tests, or a scan that starts on a class, cost more); tabs are rare
    looks_for = LooksFor(patterns=[r"[ \t][,;:!?.]"])
    examples = (
        Example.bad("the disinflationary process to continue , and price", flagged=[" "],
                    fixed="the disinflationary process to continue, and price"),
        Example.bad("Travelers Corp <TIC> , sold its unit", flagged=[" "],
                    fixed="Travelers Corp <TIC>, sold its unit"),
        Example.bad("Vegetable oil registrations were :\nSunoil 37.4", flagged=[" "],
                    fixed="Vegetable oil registrations were:\nSunoil 37.4"),
        Example.bad("Is it over ? No !", flagged=[" ", " "], fixed="Is it over? No!"),
        Example.bad("he said .", flagged=[" "], fixed="he said."),
        Example.bad("Alcoa Inc. , the world's largest aluminum producer", flagged=[" "],
                    fixed="Alcoa Inc., the world's largest aluminum producer"),
        Example.good("He paused ... and then spoke."),
        Example.good("Shares of Amazon .com rose; the score was 10 : 30 at .5 seconds."),
        Example.good("Shr    12 cts ,  vs 15 cts\nNet   1,234 ,  vs   1,567\nRevs   2 ,  vs  3"),
        Example.good("OK :) fine"),
        # a spaced ellipsis and a line of colons are no space before a mark (issue 14)
        Example.good("They asked if the . . . import ban would stay.\n\n:::: Headline :::::"),
        # French spacing inside a quotation: only suggested
        Example.bad("Montaigne asked, “Que sais-je ?” and went on.", flagged=[" "],
                    fixed="Montaigne asked, “Que sais-je?” and went on."),
        # ... but a tokenised story spaces every mark, quoted or not
        Example.bad("He said , \"Is it over ? \" and left .", flagged=[" ", " ", " "],
                    fixed="He said, \"Is it over? \" and left."),
    )

    def check(self, doc, ctx):
        text = doc.text
        tokenised = None
        for m in _SPACE_BEFORE.finditer(text):
            i = doc.line_index(m.start())
            if is_tabular(doc, i):
                continue
            mark = m.group("mark") or m.group("colon") or m.group("stop")
            mark_at = m.end() - 1
            if mark == ":" and text[m.start() - 1].isdigit() and _DIGIT_AFTER.match(text, m.end()):
                continue  # a time or a score: "10 : 30"
            if mark in _FRENCH_MARKS and in_quote(doc, m.start()):
                # "Que sais-je ?": French spaces these marks, and a quotation keeps the
                # source's words; unless the story spaces "," and "." too (a tokeniser)
                if tokenised is None:
                    tokenised = _SPACED_COMMA_OR_STOP.search(text) is not None
                if not tokenised:
                    yield self.finding(m.start(), mark_at, [""], mark=mark,
                                       applicability=Applicability.UNSAFE,
                                       message="space before “{mark}” inside a quotation (French "
                                               "spaces it)")
                    continue
            yield self.finding(m.start(), mark_at, [""], mark=mark)
