"""WF702 fragment-after-full-stop."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.rules._shared.analysis import RELATIVE_PRONOUNS
from wirefix.rules.base import Example, LooksFor, Rule

from ._stops import find_stray_stops


class FragmentAfterFullStop(Rule):
    """A relative clause cut off by a full stop: "a Chinese spy balloon flying across the
    United States. who was shot."

    ## What it does
    Flags a full stop followed by a lower-case relative pronoun (who, which, whom, whose,
    where, that). What follows is a fragment that belonged to the sentence before, and often
    the translation has also lost or garbled words around it.

    ## Why it happens in wire copy
    Translation engines split a sentence before its relative clause and then mistranslate
    the clause ("which was shot down" becomes "who was shot").

    ## Example
    "... flying across the United States. who was shot." is flagged, with the hints
    "United States, which was shot." and "United States who was shot.".

    ## Fix safety
    Display only: the clause usually needs rewording ("which was shot down"), which only an
    editor can do. The hints remove the stop or make it a comma.

    ## Known false positives
    A sentence that really ends before a lower-case "that" whose capital was lost.
    """

    code = "WF702"
    name = "fragment-after-full-stop"
    family = "sentence-boundary"
    applicability = Applicability.DISPLAY
    message = "A full stop cuts off the clause “{fragment}”: a sentence fragment"
    fix_title = "Join the clause to the sentence before"
    looks_for = LooksFor(patterns=[r"\. +(?:who|which|whom|whose|where|that)"])
    examples = (
        Example.bad("It was delayed over what the United States says is a spy balloon flying "
                    "across the United States. who was shot.", flagged=[". who was shot."]),
        Example.bad("The firm sold its unit. which makes chips.", flagged=[". which makes chips."]),
        Example.good("Officials said the balloon, which was shot down, was Chinese."),
        Example.good("He met Gen. who? Nobody knows."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for s in find_stray_stops(doc):
            if s.next_word not in RELATIVE_PRONOUNS:
                continue
            fragment = text[s.word_start:s.fragment_end]
            yield self.finding(s.stop, s.fragment_end,
                               ["," + text[s.stop + 1:s.fragment_end],
                                text[s.stop + 1:s.fragment_end]],
                               fragment=fragment)
