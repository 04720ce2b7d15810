"""WF944 missing-space-after-punctuation."""
from __future__ import annotations

import re

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Phase, Rule

from ._text import DOMAIN_ENDINGS, is_address, token_at

# A comma, semicolon, colon, full stop, question or exclamation mark squeezed between two
# letters: "a problem,I can't", "poled.Everything is normal".
_SQUEEZED = regex.compile(r"(?<=\p{L})[,;:.!?](?=\p{L})")
_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}'’-]+$")
_WORD_AFTER = regex.compile(r"[\p{L}\p{M}'’]+")
# Characters that make a token code, markup or an identifier, not prose.
_CODE_CHARS = frozenset("/\\@=_#<>{}|~`&$%^*+[]")
# Entities that lost their "&" ("quot;Hello"): feed damage, not a missing space.
_ENTITY_NAMES = frozenset({"quot", "amp", "lt", "gt", "apos", "nbsp"})
_TRIGGER = re.compile(r"[,;:.!?](?<=[^\W\d_][,;:.!?])[^\W\d_]")


def _capitalised(word: str) -> bool:
    """"Everything", "Don't": a capital, then at least one small letter."""
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


def judge(text: str, at: int) -> Applicability | None:
    """How sure is a space after the mark at ``text[at]``: SAFE, UNSAFE, or None (not a
    missing space: a web address, e-mail, domain, file name, abbreviation or code)."""
    mark = text[at]
    tok_start, tok_end = token_at(text, at)
    token = text[tok_start:tok_end]
    if is_address(token) or any(ch in _CODE_CHARS for ch in token) or "::" in token:
        return None
    before = _WORD_BEFORE.search(text, tok_start, at)
    after = _WORD_AFTER.match(text, at + 1)
    if before is None or after is None:
        return None
    left, right = before.group(), after.group()
    if left.lower() in _ENTITY_NAMES:
        return None
    if mark == ".":
        rest = text[after.end():tok_end]
        if len(left) == 1 or len(right) == 1 or rest.startswith("."):
            return None  # U.S., e.g., a.m., N.I., Ph.D., www.x.y
        if token.count(".") > 1 and not token.endswith((".", ".”", '."')):
            return None  # English.news.cn, a.b.c
        if right.lower() in DOMAIN_ENDINGS or right.isupper():
            return None  # Amazon.com, kp.ru, Gazeta.Ru, report.PDF, URA.RU
        return Applicability.SAFE if _capitalised(right) else Applicability.UNSAFE
    if len(left) == 1 and len(right) == 1:
        return Applicability.UNSAFE  # x,y or a;b: a list of symbols, perhaps
    if mark in ",;":
        return Applicability.SAFE
    # colon, question and exclamation marks: sure before a capital
    return Applicability.SAFE if _capitalised(right) or right == "I" else Applicability.UNSAFE


class MissingSpaceAfterPunctuation(Rule):
    """No space after a comma, full stop or other mark between two words: "a problem,I
    can't", "poled.Everything is normal".

    ## What it does
    Inserts the missing space after a comma, semicolon, colon, full stop, question or
    exclamation mark squeezed between two words.

    ## Why it happens in wire copy
    Translation engines join segments and drop the space at the join, above all after
    punctuation they turned from a CJK mark (which carries its own spacing) into an ASCII
    one. Feeds that strip line breaks do the same at the end of a line.

    ## Example
    "They're flying to hot countries,but I don't want to fly away" becomes "…countries, but
    I don't…"; "Everything is normal.All rested" becomes "Everything is normal. All rested".

    ## Fix safety
    Safe after a comma or semicolon, and after a full stop, colon, question or exclamation
    mark before a capitalised word. Unsafe before a word in lower case ("said.the" may be a
    file or a domain the story names). Never touched: web and e-mail addresses, domains
    ("Amazon.com", "kp.ru", "Gazeta.Ru"), file names, abbreviations ("U.S.", "e.g.",
    "a.m.", "Ph.D."), numbers, entities that lost their "&" ("quot;Hi") and anything with
    code characters (= / _ @ # &).

    ## Known false positives
    A brand written with a mark inside ("Yahoo!Finance") and a domain with an uncommon
    ending before a capital ("Example.Travel") get a space.
    """

    code = "WF944"
    name = "missing-space-after-punctuation"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "no space after “{mark}” between two words"
    fix_title = "Add a space after “{mark}”"
    trigger = Cheap(pattern=_TRIGGER)
    examples = (
        Example.bad("They fly to hot countries,but I stay.", flagged=[""],
                    fixed="They fly to hot countries, but I stay."),
        Example.bad("Everything is normal.All rested.", flagged=[""],
                    fixed="Everything is normal. All rested."),
        Example.bad("Do I need to order again?Don't pay twice.", flagged=[""],
                    fixed="Do I need to order again? Don't pay twice."),
        Example.bad("Color classification:Droplet chip", flagged=[""],
                    fixed="Color classification: Droplet chip"),
        Example.bad("He said.the talks ended", flagged=[""], fixed="He said. the talks ended"),
        Example.good("Shares of Amazon.com rose, the U.S. said at 10 a.m. on Monday, e.g. today."),
        Example.good("As the site kp.ru wrote, Gazeta.Ru and URA.RU agreed."),
        Example.good("Xinhua English.news.cn reported it."),
        Example.good("Write to press@example.org or see https://example.org/a,b?x=1."),
        Example.good("Open report.pdf and N.I. Pirogov's Ph.D. thesis."),
        Example.good("It cost 1,500 yuan, or 2.5 times more, at 10:30."),
        Example.good("Players said quot;Hello quot; to fans."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _SQUEEZED.finditer(text):
            applicability = judge(text, m.start())
            if applicability is None:
                continue
            yield self.finding(m.end(), m.end(), [" "], applicability=applicability,
                               mark=m.group())
