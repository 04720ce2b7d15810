"""WF502 contraction-read-as-word."""
from __future__ import annotations

import re

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules._shared.analysis import BASE_VERBS, apostrophe, lower_words, starts_clause, word_after, word_before
from wirefix.rules.base import Example, Rule

# "its" + one of these cannot be the possessive: "its the", "its been".
_ITS_CERTAIN = frozenset({"a", "an", "the", "been", "being"})
# "its" + one of these adverbs is far more often "it’s" than the possessive. Most adverbs and
# adjectives are not here: "its still huge surplus", "its already eased stance", "its almost
# 30-year history", "its likely successor", "its time in office" are all possessives.
_ITS_LIKELY = frozenset({"not", "really"})
# "its" is the subject (so "it’s") after these, or at the start of a clause; elsewhere "its
# the" is more likely a slip of another kind ("increasing its the dollar value").
_SUBJECT_BEFORE = frozenset("""
that and but because if when whether so said says say think thinks thought believe believes
know knows hope feel feels as since while although though maybe perhaps then where why how
what or
""".split())
_POSSESSIVE_BEFORE = frozenset({"his", "her", "their", "its", "my", "our", "your", "as"})
_CANDIDATES = regex.compile(r"(?<![\p{L}\p{N}’'-])(its|Its|Were|wont|Wont|cant|Cant|Hell|Shell|Ill)(?![\p{L}\p{N}’'-])")
# The same words without their boundaries: the stdlib engine finds these literals several
# times faster than ``regex`` steps through _CANDIDATES (see candidates()).
_LITERALS = re.compile(r"its|Its|Were|wont|Wont|cant|Cant|Hell|Shell|Ill")
_GATE = frozenset({"its", "were", "wont", "cant", "hell", "shell", "ill"})
# Modal base verbs excluding idiom-prone ones ("Hell be", "Ill be" are fine; "Hell is" is a noun).
_MODAL_NEXT = BASE_VERBS - {"also", "then", "likely", "probably", "still", "soon", "again", "always"}


def candidates(text: str):
    """The matches of _CANDIDATES, in order. Each starts with one of _LITERALS' words, and a
    letter never stands before one, so a scan for the bare words (which are all letters)
    cannot step over a candidate; each word found is then tested in place with the full
    pattern (its look-behind sees the text before the offset)."""
    for m in _LITERALS.finditer(text):
        c = _CANDIDATES.match(text, m.start())
        if c is not None:
            yield c


def _sentence_ends_with_question(doc, offset: int) -> bool:
    s = doc.sentence_at(offset)
    return s is not None and doc.text[s.start:s.end].rstrip("\"”’) ").endswith("?")


class ContractionReadAsWord(Rule):
    """A contraction that lost its apostrophe and now reads as another word: "Its the only
    way", "Were going", "wont be", "Hell be there".

    ## What it does
    Suggests the contraction where a real word ("its", "were", "wont", "cant", "hell",
    "shell", "ill") stands in a place only the contraction fits: "its" before an article,
    "Were" opening a statement with an -ing verb, "wont"/"cant" before a verb, "Hell"/"Ill"
    opening a sentence before a verb.

    ## Why it happens in wire copy
    Machine translation and apostrophe-stripping feeds turn "it’s", "we’re", "won’t", "he’ll"
    and "I’ll" into real words, which spell checkers then accept.

    ## Example
    "Its the only way to dispel misperceptions" becomes "It’s the only way ...".

    ## Fix safety
    Safe only for "its a/an/the/been", "wont be" and "cant be" style pairs, which cannot be
    read any other way. The others ("its not", "Were going", "Hell be") are unsafe
    suggestions: "its time in office", a question "Were they going?" and names are possible.

    ## Known false positives
    "as is his wont" (the noun) is skipped. Sentences that are questions are skipped for
    "Were". A story about the place called Hell would see "Hell be" flagged.
    """

    code = "WF502"
    name = "contraction-read-as-word"
    family = "contraction"
    applicability = Applicability.UNSAFE
    message = "“{word}” here reads as “{contraction}” without its apostrophe"
    fix_title = "Write “{contraction}”"
    examples = (
        Example.bad("Its the only way to dispel misperceptions.", flagged=["Its"],
                    fixed="It’s the only way to dispel misperceptions."),
        Example.bad("He said its been a long week.", flagged=["its"],
                    fixed="He said it’s been a long week."),
        Example.bad("Officials said its not clear.", flagged=["its"],
                    fixed="Officials said it’s not clear."),
        Example.bad("The talks wont be easy, he said.", flagged=["wont"],
                    fixed="The talks won’t be easy, he said."),
        Example.bad("Were going to win, the captain said.", flagged=["Were"],
                    fixed="We’re going to win, the captain said."),
        Example.bad("The envoy left early. Hell be back on Monday.", flagged=["Hell"],
                    fixed="The envoy left early. He’ll be back on Monday."),
        Example.good("The company said its profit rose."),
        Example.good("China rejected the report, calling its claims outlandish."),
        Example.good("He arrived late, as is his wont."),
        Example.good("Were they going to win?"),
        Example.good("They were going to win."),
        Example.good("Ill health forced him to resign."),
        Example.good("The ministry said its time in office was short, its not-for-profit arm said."),
        Example.good("Hell is other people, he wrote."),
        Example.good("Japan must reduce its still huge trade surplus."),
        Example.good("GAF would consider increasing its the dollar value of its offer."),
        Example.good("Officials said the U.S. Were not innocents."),
    )

    def check(self, doc, ctx):
        if _GATE.isdisjoint(lower_words(doc)):
            return
        text = doc.text
        apos = None  # the story's apostrophe, looked up at the first finding (most have none)
        for m in candidates(text):
            word = m.group(1)
            nxt = word_after(text, m.end())
            if nxt is None:
                continue
            following = nxt[0]
            verdict = self._judge(doc, word, following, m.start())
            if verdict is None:
                continue
            contraction, safe = verdict
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            contraction = contraction.replace("’", apos)
            yield self.finding(
                m.start(1), m.end(1), [contraction],
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                word=word, contraction=contraction)

    def _judge(self, doc, word: str, following: str, offset: int) -> tuple[str, bool] | None:
        low = word.lower()
        # The word that follows is tested first: it is a set look-up, and rules out nearly
        # every "its" (the possessive) before the costlier look at what comes before.
        if low == "its":
            if following not in _ITS_CERTAIN and following not in _ITS_LIKELY:
                return None
            prev = word_before(doc.text, offset)
            subject = starts_clause(doc, offset) or (prev is not None and prev[0].lower() in _SUBJECT_BEFORE)
            if not subject:
                return None  # "increasing its the dollar value", "of its not-so-distant past"
            if following in _ITS_CERTAIN:
                return ("It’s" if word == "Its" else "it’s"), True
            return ("It’s" if word == "Its" else "it’s"), False
        if low in ("wont", "cant"):
            if following not in _MODAL_NEXT or following == "not":
                return None
            prev = word_before(doc.text, offset)
            if prev is not None and prev[0].lower() in _POSSESSIVE_BEFORE:
                return None
            base = "won’t" if low == "wont" else "can’t"
            return (base[0].upper() + base[1:] if word[0].isupper() else base), True
        if word == "Were":
            if (following.endswith("ing") or following == "not") and starts_clause(doc, offset) \
                    and not _sentence_ends_with_question(doc, offset):
                return "We’re", False
            return None
        # Hell / Shell / Ill before a bare verb at the start of a sentence
        if following == "will" or following not in _MODAL_NEXT or following in ("not",):
            return None
        if not starts_clause(doc, offset):
            return None
        return {"Hell": "He’ll", "Shell": "She’ll", "Ill": "I’ll"}[word], False
