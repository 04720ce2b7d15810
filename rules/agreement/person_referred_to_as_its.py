"""WF901 person-referred-to-as-its."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules._shared.analysis import people
from wirefix.rules.base import Example, LooksFor, Rule

# Looked for just before each " its": a capitalised name, perhaps an adverb, and a verb.
_BEFORE_ITS = regex.compile(
    r"(?<![\p{L}\p{M}’'-])(\p{Lu}[\p{L}\p{M}’'-]*\p{Ll})(?: \p{Ll}+ly)? (\p{Ll}+) $")
_ITS = regex.compile(r" its(?![\p{L}’'-])")
_IRREGULAR_PAST = frozenset(
    "began made took gave had held led met spent left won lost saw got put set cut kept found "
    "brought began bore broke built chose drew drove fought fled flew forgot grew hid hit knew "
    "laid lent let lit meant paid quit ran rang rose sent shook shut sang sat slept sold spoke "
    "stood stole struck swore swept taught tore told threw understood woke wore wrote".split())
_PRONOUN = {"male": "his", "female": "her", None: "their"}


def _is_verb(word: str) -> bool:
    return word in _IRREGULAR_PAST or (len(word) > 3 and word.endswith(("ed", "es")))


class PersonReferredToAsIts(Rule):
    """A person referred to as "its": "Blinken began its first day of meetings".

    ## What it does
    Finds a person the story names (a title, a first name and surname, an attribution),
    followed by a verb and "its", and suggests the pronoun the story uses for that person:
    "his" or "her", or "their" when the story does not show it.

    ## Why it happens in wire copy
    Languages such as Chinese, Finnish or Turkish do not mark gender in the possessive, or
    mark it differently, and round trips through them come back with "its" for people.

    ## Example
    "Blinken began its first day of meetings in Beijing" becomes "Blinken began his first
    day of meetings in Beijing" when the story says "Blinken opened his program".

    ## Fix safety
    Unsafe: the verb might take a different subject ("Xi said Blinken's country began its
    ..."), and the pronoun is the story's majority for that person, not proof.

    ## Known false positives
    A person's name used for an organisation ("Biden ... administration") is skipped because
    the word after the name must be a verb; a company named after a person ("Ford laid off
    its workers") is flagged when the story also names a person Ford.
    """

    code = "WF901"
    name = "person-referred-to-as-its"
    family = "agreement"
    applicability = Applicability.UNSAFE
    message = "“its” refers to {name}, a person"
    fix_title = "Write “{pronoun}”"
    looks_for = LooksFor(" its")
    examples = (
        Example.bad("Secretary of State Antony Blinken opened his program. Blinken began its first "
                    "day of meetings.", flagged=["its"],
                    fixed="Secretary of State Antony Blinken opened his program. Blinken began his "
                          "first day of meetings."),
        Example.bad("Prime Minister Jane Doe said she would go. Doe ended its visit early.",
                    flagged=["its"],
                    fixed="Prime Minister Jane Doe said she would go. Doe ended her visit early."),
        Example.bad("Minister Sam Lee arrived, Lee said. Lee quickly started its tour.",
                    flagged=["its"],
                    fixed="Minister Sam Lee arrived, Lee said. Lee quickly started their tour."),
        Example.good("China rejected the report, and Beijing began its review, said President Xi Jinping."),
        Example.good("President Joe Biden spoke. The Biden administration began its review."),
        Example.good("Blinken’s team began its work, said Secretary Antony Blinken."),
    )

    def check(self, doc, ctx):
        text = doc.text
        candidates = []
        for m in _ITS.finditer(text):
            lo = max(0, m.start() - 60)
            # _BEFORE_ITS's verb can only be the word between the last space and " its":
            # asked first, it spares the pattern's search through the window before most
            # "its" (the verb is rare)
            space = text.rfind(" ", lo, m.start())
            if space < 0 or not _is_verb(text[space + 1:m.start()]):
                continue
            b = _BEFORE_ITS.search(text, lo, m.start() + 1)
            if b is not None and _is_verb(b.group(2)):
                candidates.append((b.group(1), m.start() + 1, m.end()))
        if not candidates:
            return
        known = people(doc)
        for name, start, end in candidates:
            person = known.get(name)
            if person is None or not person.titled:
                continue
            pronoun = _PRONOUN[person.gender]
            yield self.finding(start, end, [pronoun], name=name, pronoun=pronoun)
