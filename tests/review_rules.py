"""Small rules for the review tests: situations the catalogue may not produce on demand
(two rules on one span, a flag with hints, a fix that uncovers more damage). They are real
rules, run by the real engine through Engine(extra_rules=...)."""
from __future__ import annotations

import regex

from wirefix.cleaner import Config, Engine
from wirefix.cleaner.findings import Applicability, Edit
from wirefix.rules.base import Phase, Rule


class TehToThe(Rule):
    """Test rule: "teh" is "the"."""

    code, name, family = "WR901", "teh-the", "house-style"
    applicability = Applicability.UNSAFE
    message = "typo"
    fix_title = "Write “the”"

    def check(self, doc, ctx):
        for m in regex.finditer(r"\bteh\b", doc.text):
            yield self.finding(m.start(), m.end(), ["the"])


class TehToTea(Rule):
    """Test rule: "teh" might be "tea" (second choice of the same span)."""

    code, name, family = "WR902", "teh-tea", "house-style"
    applicability = Applicability.UNSAFE
    message = "typo?"
    fix_title = "Write “tea”"

    def check(self, doc, ctx):
        for m in regex.finditer(r"\bteh\b", doc.text):
            yield self.finding(m.start(), m.end(), ["tea", "ten"])


class Hedge(Rule):
    """Test rule: a flag with two hints, never applied."""

    code, name, family = "WR903", "hedge-flag", "house-style"
    applicability = Applicability.DISPLAY
    message = "vague"

    def check(self, doc, ctx):
        for m in regex.finditer(r"\bsomewhat\b", doc.text):
            yield self.finding(m.start(), m.end(), ["rather", "quite"])


class Chevrons(Rule):
    """Test rule whose fix uncovers more of the same damage: "<<<" needs two passes."""

    code, name, family = "WR904", "chevron-run", "house-style"
    applicability = Applicability.SAFE
    phase = Phase.RAW
    message = "doubled chevron"

    def check(self, doc, ctx):
        for m in regex.finditer(r"<<", doc.text, overlapped=True):
            yield self.finding(m.start(), m.end(), ["<"])


class ColourSpelling(Rule):
    """Test rule with a multi-edit fix: every "colour" becomes "color" together, reported
    on the first one with the others as extra edits."""

    code, name, family = "WR905", "colour-spelling", "house-style"
    applicability = Applicability.UNSAFE
    message = "house style is “color”"

    def check(self, doc, ctx):
        spots = [m.span() for m in regex.finditer(r"\bcolour\b", doc.text)]
        if spots:
            (s, e), rest = spots[0], spots[1:]
            yield self.finding(s, e, ["color"],
                               extra_edits=[Edit(a, b, "color") for a, b in rest])


TEST_RULES = (TehToThe, TehToTea, Hedge, Chevrons, ColourSpelling)


def review_engine() -> Engine:
    """An engine with only these rules, so that the catalogue growing cannot change the
    test stories."""
    return Engine(Config(select=tuple(r.code for r in TEST_RULES)), extra_rules=TEST_RULES)


