"""WF601 misplaced-possessive-apostrophe."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules._shared.analysis import THE_BEFORE, people
from wirefix.rules.base import Example, LooksFor, Rule

_PLURAL_POSSESSIVE = regex.compile(r"(?<![\p{L}\p{M}’'-])(\p{Lu}[\p{L}\p{M}-]*\p{Ll})s([’'])(?![\p{L}\p{N}])")


class MisplacedPossessiveApostrophe(Rule):
    """A person's possessive written as a plural: "Blinkens’ presence" for "Blinken’s".

    ## What it does
    Finds a name followed by "s’" where the story names that person without the "s" and never
    with it ("Blinken", never "Blinkens"), and moves the apostrophe back: "Blinken’s".

    ## Why it happens in wire copy
    Translation engines and careless re-keying treat the possessive "’s" as the plural
    possessive "s’", so the apostrophe lands after an "s" the name does not have.

    ## Example
    In a story about Antony Blinken, "Despite Blinkens’ presence" becomes "Despite
    Blinken’s presence".

    ## Fix safety
    Safe: it fires only when the story itself shows the name (a person, found from a title,
    a first name and an attribution) and never spells it with the extra "s".

    ## Known false positives
    Correct plural possessives ("officials’", "the Joneses’", "the Bidens’ dog") and AP-style
    possessives of names ending in s ("Harris’", "Jones’") are left alone: the first are not
    names or follow "the", the second keep their "s".
    """

    code = "WF601"
    name = "misplaced-possessive-apostrophe"
    family = "possessive"
    applicability = Applicability.SAFE
    message = "“{found}” puts the apostrophe after an “s” the name {stem} does not have"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor("s’", "s'")
    examples = (
        Example.bad("Secretary of State Antony Blinken arrived on Sunday. Despite Blinkens’ "
                    "presence, the prospects are slim, Blinken said.",
                    flagged=["Blinkens’"],
                    fixed="Secretary of State Antony Blinken arrived on Sunday. Despite Blinken’s "
                          "presence, the prospects are slim, Blinken said."),
        Example.bad("President Maria Lopez spoke first. Lopezs' adviser followed.",
                    flagged=["Lopezs'"],
                    fixed="President Maria Lopez spoke first. Lopez's adviser followed."),
        Example.good("Vice President Kamala Harris spoke. Harris’ husband was there, Harris said."),
        Example.good("U.S. officials’ comments came after President Joe Biden spoke."),
        Example.good("President Joe Biden spoke. The Bidens’ dog was there."),
        Example.good("Rep. Tom Jones said Monday that Jones’ bill would pass."),
        Example.good("Americans’ views changed, said President Joe Biden."),
        Example.good("The Yankees’ manager, Aaron Boone, said the Yankees would win."),
    )

    def check(self, doc, ctx):
        text = doc.text
        candidates = [m for m in _PLURAL_POSSESSIVE.finditer(text)]
        if not candidates:
            return
        known = people(doc)
        if not known:
            return
        for m in candidates:
            stem, apos = m.group(1), m.group(2)
            if stem not in known or not known[stem].titled or (stem + "s") in known:
                continue
            if THE_BEFORE.search(text, max(0, m.start() - 5), m.start()):
                continue  # "the Bidens’ dog": the family
            if regex.search(rf"(?<![\p{{L}}]){regex.escape(stem)}s(?![’'\p{{L}}])", text):
                continue  # the story also writes the name with an s: not a slip
            fixed = f"{stem}{apos}s"
            yield self.finding(m.start(), m.end(), [fixed], found=m.group(), stem=stem, fixed=fixed)
