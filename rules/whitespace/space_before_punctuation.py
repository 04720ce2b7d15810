"""WF205 space-before-punctuation."""
from __future__ import annotations

import re

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Phase, Rule

from ._layout import is_tabular

# Spaces between a word (or a closing bracket or quote) and a comma, semicolon, colon,
# question or exclamation mark, or a full stop, where the mark then ends the phrase.
_SPACE_BEFORE = regex.compile(
    r"(?<=[\p{L}\p{N})\]>\"'’”%.])[ \t]+"
    r"(?:(?P<mark>[,;!?])(?![\p{L}\p{N}])"          # "word ," and "Inc. ," but not "a ,b"
    r"|(?P<colon>:)(?![\p{N})(/]))"                  # "were :" but not ":)" or ":/"
    r"|(?<=[\p{L}\p{N})\]>\"'’”%])[ \t]+"
    r"(?P<stop>\.)(?![.\p{L}\p{N}])",              # "word ." but not " ..." or " .com"
    regex.V1,
)
_DIGIT_AFTER = regex.compile(r"[ \t]*\d")
_TAB_BEFORE_MARK = re.compile(r"\t[,;:!?.]")


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
    ("and ..."), a leading-dot word (" .com"), decimals (" .5"), times and scores
    ("10 : 30"), emoticons (" :)") and table lines are skipped.

    ## Known false positives
    French copy, which spaces before ; : ! and ?, is changed to English spacing.
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
    trigger = Cheap(pattern=re.compile(r" [,;:!?.]"),
                    test=lambda text: "\t" in text and _TAB_BEFORE_MARK.search(text) is not None)
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
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _SPACE_BEFORE.finditer(text):
            i = doc.line_index(m.start())
            if is_tabular(doc, i):
                continue
            mark = m.group("mark") or m.group("colon") or m.group("stop")
            mark_at = m.end() - 1
            if mark == ":" and text[m.start() - 1].isdigit() and _DIGIT_AFTER.match(text, m.end()):
                continue  # a time or a score: "10 : 30"
            yield self.finding(m.start(), mark_at, [""], mark=mark)
