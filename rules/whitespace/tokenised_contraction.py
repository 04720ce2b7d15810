"""WF206 tokenised-contraction."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# A space before a contraction or possessive clitic as the Penn Treebank and Moses
# tokenisers split them: "do n't", "ca n't", "it 's", "China ’s", "we 're", "I 'm".
_CLITIC = lazy_regex(
    r"(?<=(?P<word>[\p{L}\p{N}]+))[ \t]+"
    r"(?=(?P<clitic>n['’]t|['’](?:s|re|ve|ll|d|m|t))(?![\p{L}\p{N}'’‘\"“”]))",
    regex.V1 | regex.IGNORECASE,
)
# The words a negative clitic joins: Penn splits "do n't", "ca n't", "wo n't"; Moses splits
# "don 't", "can 't", "won 't". Any other word before it ("when n't stands for") is not a split
# contraction.
_BEFORE_NT = frozenset("do does did is are was were has have had wo ca could would should must "
                       "need ai sha might dare".split())
_BEFORE_T = frozenset(w + "n" for w in _BEFORE_NT if not w.endswith("n")) | {"can", "won", "ain", "shan"}
# A single mark that is not an apostrophe inside or after a word: one that opens or closes a
# quotation. Marks between letters ("don't"), split clitics ("it 's", "don 't") and other
# plural possessives ("the brokers ' capital") are left out.
_QUOTE_MARK = lazy_regex(
    r"(?<![\p{L}\p{N}])(?<!\p{L}s[ \t])['‘’](?!(?:s|re|ve|ll|d|m|t)(?![\p{L}\p{N}]))"
    r"|(?<=[\p{L}\p{N}.,!?])['‘’](?![\p{L}\p{N}])(?<!s['’])", regex.V1 | regex.IGNORECASE)
# "workers ' union": a plural possessive, or a closing single quote after a space.
_PLURAL_POSSESSIVE = lazy_regex(
    r"(?<=\p{L}s)[ \t]+(?=['’][ \t]+\p{L})", regex.V1)


class TokenisedContraction(Rule):
    """A contraction or possessive split from its word: "do n't", "China ’s", "it 's".

    ## What it does
    Closes the space a tokeniser put before "n't", "'s", "'re", "'ve", "'ll", "'d" and "'m":
    "do n't" becomes "don't", "ca n't" becomes "can't", "China ’s" becomes "China’s". A space
    before the apostrophe of a plural possessive ("the workers ' union") is a suggestion.

    ## Why it happens in wire copy
    MT and NLP pipelines tokenise English the Penn Treebank way, which splits every
    contraction and possessive off its word, and publish the output without detokenising.

    ## Example
    "They do n’t know" becomes "They don’t know".

    ## Fix safety
    Safe for the clitics: the tokeniser split a word in two and closing the space restores
    it exactly ("ca" + "n't" is "can't", Moses' "don 't" is "don't"). "n't" joins only the
    words that make a contraction with it ("when n't stands for" is left). A clitic followed
    by a quotation mark ("the letter 's'") is skipped. "workers ' union" is safe when its
    paragraph holds no single quotation mark (a mark that is not an apostrophe of a word):
    with none to open a quotation, the mark cannot close one. Otherwise the join is only
    suggested.

    ## Known false positives
    A quotation that opens with a bare "'s" after a space.
    """

    code = "WF206"
    name = "tokenised-contraction"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“{clitic}” is split from its word"
    fix_title = "Join “{clitic}” to the word"
    # an apostrophe after a space or tab, or after a spaced "n" (" n't")
    looks_for = LooksFor(patterns=[r"[ \t][nN]?['’]"])
    examples = (
        Example.bad("They do n’t know and ca n't say", flagged=[" ", " "],
                    fixed="They don’t know and can't say"),
        Example.bad("China ’s exports and it 's over ; we 're here", flagged=[" ", " ", " "],
                    fixed="China’s exports and it's over ; we're here"),
        Example.bad("I 'm sure they 'll come and we 'd go", flagged=[" ", " ", " "],
                    fixed="I'm sure they'll come and we'd go"),
        Example.bad("the workers ' union", flagged=[" "], fixed="the workers' union"),
        # Moses: "don 't", "Japan 's", "officials '" in a tokenised story
        Example.bad("Officials ' plans for Japan 's ports , he said , don 't work .",
                    flagged=[" ", " ", " "],
                    fixed="Officials' plans for Japan's ports , he said , don't work ."),
        Example.good("In the grammar book, when n't stands for not, it joins the verb."),
        # a single quotation in the paragraph: "words '" may close it, so only suggested
        Example.bad("He called the words ' a disgrace ' on Monday.", flagged=[" "],
                    fixed="He called the words' a disgrace ' on Monday."),
        Example.good("They don’t know. It's China’s. The letter 's' and the 'd' key."),
        Example.good("rock 'n' roll and 'tis the season"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _CLITIC.finditer(text):
            clitic = m.group("clitic").lower()
            word = m.group("word").lower()
            if clitic[0] == "n" and word not in _BEFORE_NT:
                continue    # "when n't stands for"
            if clitic[1:] == "t" and word not in _BEFORE_T:
                continue    # "the letter 't'" or "Mr 't Hooft"
            yield self.finding(m.start(), m.end(), [""], clitic=m.group("clitic"))
        for m in _PLURAL_POSSESSIVE.finditer(text):
            safe = not self._quotes_in_paragraph(doc, m.start())
            yield self.finding(m.start(), m.end(), [""], clitic=text[m.end()],
                               applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                               message="“{clitic}” after “s ”: a plural possessive split from "
                                       "its word" + ("" if safe else ", or a closing quotation mark"))

    @staticmethod
    def _quotes_in_paragraph(doc, at: int) -> bool:
        """The paragraph holds a single mark that opens or closes a quotation: the mark
        after ``at`` might belong to that quotation."""
        p = doc.paragraph_at(at)
        start, end = (p.start, p.end) if p is not None else (0, len(doc.text))
        # once per paragraph (a paragraph with many matches is searched once)
        return doc.memo_item("quote_mark_in_paragraph", start,
                             lambda: _QUOTE_MARK.search(doc.text, start, end) is not None)
