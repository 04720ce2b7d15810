"""WF901 person-referred-to-as-its."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import people
from wirefix.rules.base import Example, LooksFor, Rule

# Looked for just before each " its": a capitalised name, perhaps an adverb or a modal, and
# a verb: "Blinken began its", "Sato quickly ended its", "Lee will begin its".
_BEFORE_ITS = lazy_regex(
    r"(?<![\p{L}\p{M}’'-])(\p{Lu}[\p{L}\p{M}’'-]*\p{Ll})(?: \p{Ll}+ly)?"
    r"(?: (will|would|could|should|must|may|might|can|to|did|does|then|also|later|again))? (\p{Ll}+) $")
# Titles and roles that say who a person is: "Mrs. Tanaka", "spokeswoman Hua Chunying".
_MALE_TITLES = ("Mr.", "Mr", "Sir", "Lord", "King", "Prince", "Father", "Brother", "spokesman",
                "chairman", "businessman", "congressman", "actor", "husband", "son")
_FEMALE_TITLES = ("Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Dame", "Lady", "Queen", "Princess",
                  "Sister", "spokeswoman", "chairwoman", "businesswoman", "congresswoman",
                  "actress", "wife", "daughter")
_TITLE_AND_NAME = lazy_regex(
    r"(?<![\p{L}])(" + "|".join(regex.escape(t) for t in _MALE_TITLES + _FEMALE_TITLES)
    + r")\s+(?:\p{Lu}[\p{L}\p{M}’'-]*\s+){0,2}(\p{Lu}[\p{L}\p{M}’'-]*\p{Ll})(?![\p{L}])")


def _title_genders(doc) -> dict[str, str | None]:
    """Surname → the gender its titles give ("Mr. Sato": male), None where they disagree."""
    out: dict[str, str | None] = {}
    for m in _TITLE_AND_NAME.finditer(doc.text):
        gender = "male" if m.group(1) in _MALE_TITLES else "female"
        name = m.group(2)
        out[name] = gender if out.get(name, gender) == gender else None
    return out
_ITS = lazy_regex(r" its(?![\p{L}’'-])")
_IRREGULAR_PAST = frozenset(
    "began made took gave had held led met spent left won lost saw got put set cut kept found "
    "brought began bore broke built chose drew drove fought fled flew forgot grew hid hit knew "
    "laid lent let lit meant paid quit ran rang rose sent shook shut sang sat slept sold spoke "
    "stood stole struck swore swept taught tore told threw understood woke wore wrote".split())
_PRONOUN = {"male": "his", "female": "her", None: "their"}
# Capitalised words that join a name chain without being part of the name ("In December
# Nazer said"): never the person the verb belongs to.
_CALENDAR = frozenset("January February March April May June July August September October "
                      "November December Monday Tuesday Wednesday Thursday Friday Saturday "
                      "Sunday".split())


_BASE_AFTER_MODAL = frozenset(
    "begin start end make take give hold lead open close visit continue keep spend cut win lose "
    "sell buy raise present defend announce use deliver finish resume expand wrap".split())


def _is_verb(word: str, modal: str | None = None) -> bool:
    if modal:
        return word in _BASE_AFTER_MODAL
    return word in _IRREGULAR_PAST or (len(word) > 3 and word.endswith(("ed", "es")))


class PersonReferredToAsIts(Rule):
    """A person referred to as "its": "Blinken began its first day of meetings".

    ## What it does
    Finds "He" or "She", or a person the story names with a title or role ("Foreign Minister
    Yoko Kamikawa", "her coach, Erick Kimaiyo"; "Saudi Arabia", "Transcontinental" or
    "American Express" beside "said" are not taken for people),
    followed by a verb (perhaps after an adverb or a modal: "will begin") and "its", and
    suggests a personal pronoun, from the best evidence the story has:
    - the pronouns the story uses for that person ("Blinken opened his program": "his");
    - else a title or role that shows it ("Mrs. Tanaka", "spokeswoman Hua Chunying");
    - else "his", "her" and "their" as alternatives, in that order.
    The message says which evidence decided.

    ## Why it happens in wire copy
    Languages such as Chinese, Finnish or Turkish do not mark gender in the possessive, or
    mark it differently, and round trips through them come back with "its" for people.

    ## Example
    "Blinken began its first day of meetings in Beijing" becomes "Blinken began his first
    day of meetings in Beijing" when the story says "Blinken opened his program".

    ## Fix safety
    Unsafe: the verb might take a different subject ("Xi said Blinken's country began its
    ..."), and the pronoun is the story's evidence for that person, not proof. No list of
    first names' genders is used: none well kept ships in a package with a licence this
    project can take (gender-guesser, the best known, is GPL and unchanged since 2016), and a
    first name alone is weak evidence across the names wire copy carries.

    ## Known false positives
    A person's name used for an organisation ("Biden ... administration") is skipped because
    the word after the name must be a verb; companies are not people even with a title
    before them ("lead manager Salomon Brothers Inc", "General Acquisition Co"); a company
    named after a person ("Ford laid off its workers") is flagged when the story also names a
    person Ford with a title.
    """

    code = "WF901"
    name = "person-referred-to-as-its"
    family = "agreement"
    applicability = Applicability.UNSAFE
    message = "“its” refers to {name}, a person; {evidence}"
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
                    fixed="Minister Sam Lee arrived, Lee said. Lee quickly started his tour."),
        Example.bad("Mrs. Aiko Tanaka arrived, officials said. Tanaka will begin its visit on "
                    "Monday.", flagged=["its"],
                    fixed="Mrs. Aiko Tanaka arrived, officials said. Tanaka will begin her visit on "
                          "Monday."),
        Example.good("China rejected the report, and Beijing began its review, said President Xi Jinping."),
        Example.good("The lead manager, General Acquisition Co, said Co extended its offer."),
        Example.bad("The minister arrived. She began its campaign on Monday.", flagged=["its"],
                    fixed="The minister arrived. She began her campaign on Monday."),
        Example.bad("Her coach, Erick Kimaiyo, said he was pleased. Kimaiyo planned its schedule.",
                    flagged=["its"],
                    fixed="Her coach, Erick Kimaiyo, said he was pleased. Kimaiyo planned his "
                          "schedule."),
        # a name with a particle ("bin"), and a title that gives the gender ("Prince")
        Example.bad("Energy Minister Prince Faisal bin Nasser spoke in Vienna. Faisal defended "
                    "its approach.", flagged=["its"],
                    fixed="Energy Minister Prince Faisal bin Nasser spoke in Vienna. Faisal "
                          "defended his approach."),
        # AP's abbreviated title before a full name
        Example.bad("In Cisnadie, the Rev. Nicolae Stanciu opened its church to 80 residents.",
                    flagged=["its"],
                    fixed="In Cisnadie, the Rev. Nicolae Stanciu opened his church to 80 "
                          "residents."),
        Example.good("Saudi Arabia allowed its output to sink, oil minister Hisham Nazer said."),
        Example.good("American Express said it would grow. Express raised its fees."),
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
            verb = text[space + 1:m.start()]
            if space < 0 or not (_is_verb(verb) or verb in _BASE_AFTER_MODAL):
                continue
            b = _BEFORE_ITS.search(text, lo, m.start() + 1)
            if b is not None and _is_verb(b.group(3), b.group(2)) \
                    and (b.group(1) not in ("He", "She") or b.group(2) is None):
                candidates.append((b.group(1), m.start() + 1, m.end()))
        if not candidates:
            return
        known = people(doc)
        titles = None
        for name, start, end in candidates:
            if name in ("He", "She"):
                # "She began its campaign": the pronoun says who, and says the gender
                pronoun = "his" if name == "He" else "her"
                yield self.finding(start, end, [pronoun], name=f"“{name}”", pronoun=pronoun,
                                   evidence=f"“{name}” is a person")
                continue
            person = known.get(name) if name not in _CALENDAR else None
            if person is None or not person.titled:
                continue  # a speaker without a title may be a country or a company
            if person.gender is not None:
                pronoun = _PRONOUN[person.gender]
                evidence = f"the story uses “{'he' if person.gender == 'male' else 'she'}” for {name}"
                yield self.finding(start, end, [pronoun], name=name, pronoun=pronoun,
                                   evidence=evidence)
                continue
            if titles is None:
                titles = _title_genders(doc)
            gender = titles.get(name) or next(
                (titles[w] for w in person.words if titles.get(w)), None)
            if gender is not None:
                pronoun = _PRONOUN[gender]
                title = "a man’s" if gender == "male" else "a woman’s"
                yield self.finding(start, end, [pronoun], name=name, pronoun=pronoun,
                                   evidence=f"the story gives {name} {title} title")
                continue
            yield self.finding(start, end, ["his", "her", "their"], name=name, pronoun="his",
                               evidence="the story shows no pronoun or title for "
                                        f"{name}: “his”, “her” or “their”",
                               fix_title="Write “his”, “her” or “their”")
