"""WF601 misplaced-possessive-apostrophe."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import THE_BEFORE, WEEKDAYS, people
from wirefix.rules._shared.evidence import rarity_phrase, story_count, times, times_rarer, zipf
from wirefix.rules.base import Example, LooksFor, Rule

_PLURAL_POSSESSIVE = lazy_regex(r"(?<![\p{L}\p{M}’'-])(\p{Lu}[\p{L}\p{M}-]*\p{Ll})s([’'])(?![\p{L}\p{N}])")


_SAINT_BEFORE = lazy_regex(r"\b(?:St|Ste|Mt|Saint)\.?\s+$")
# A common noun that names what follows: the name is complete as written.
_NAMED_BEFORE = lazy_regex(r"\b(?:Hurricane|Typhoon|Cyclone|Storm|Mount|Lake|Cape|Fort|Port)\s+$")


def _language(stem: str) -> str:
    """What English says about "Xs" against "X": "agree" when "Xs" is no word or at least
    10 times rarer ("Japans", "Marshs", "Chiles"), "disagree" when it is a word of its own ("Americans",
    "Apples", "Yankees": plurals and names that end in s), "neutral" when neither is known
    (a rare surname)."""
    if zipf(stem) == 0:
        return "neutral"
    return "agree" if times_rarer(stem, stem + "s") >= 10 else "disagree"


def _with_s(doc, stem: str) -> int:
    """How often the story writes ``stem`` + "s" as a word of its own ("Harris", "Reuters").
    Counted once per stem and story: a story that repeats one damaged name many times
    searches for it once (the rule stays linear in the story's length)."""
    return doc.memo_item("possessive_with_s", stem, lambda: len(regex.findall(
        rf"(?<![\p{{L}}]){regex.escape(stem)}s(?![’'\p{{L}}])", doc.text)))


# The word before a day: a capitalised one makes a name ("TGI Fridays’", "Happy Mondays’")
# or a possessive ("Britain’s Sundays’ front pages": the Sunday papers).
_WORD_BEFORE = lazy_regex(r"([\p{L}’'.]+)\s+$")
_DAY_PLURAL = lazy_regex(r"(?<![\p{L}])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days(?![\p{L}’'])")
_DAY_BEFORE = lazy_regex(r"days?[’']\s+(?:and|or)\s+$")
_DAY_AFTER = lazy_regex(r"\s+(?:and|or)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?[’']")


def _singular_day(doc, m) -> bool:
    """Is "Tuesdays’" one day's possessive? Not in a name or after a possessive (a
    capitalised word before it, unless a sentence starts there), not coordinated with
    another day's plural ("Wednesdays’ and Thursdays’ shifts"), and not in a story that
    writes the days in the plural ("moved to Tuesdays")."""
    text = doc.text
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if before is not None and before.group(1)[0].isupper() \
            and not text[before.start(1):m.start()].rstrip().endswith("."):
        return False
    if _DAY_AFTER.match(text, m.end()) or _DAY_BEFORE.search(text, max(0, m.start() - 20),
                                                              m.start()):
        return False
    return doc.memo("day-plurals", lambda d: _DAY_PLURAL.search(d.text) is None)


class MisplacedPossessiveApostrophe(Rule):
    """A possessive written as a plural: "Blinkens’ presence" for "Blinken’s", "Japans’
    economy" for "Japan’s", "Marshs’ team" for "Marsh’s".

    ## What it does
    Finds a capitalised word followed by "s’" ("Japans’") and weighs two kinds of evidence
    that the "s" is not part of the name (English plurals are at most about 6 times rarer
    than their singular: "officials", "Americans", "apples"):
    - the story: it writes the name without the "s" ("Japan", "Japan’s") and never with it;
    - the language: "Japans" is no English word, or far rarer than "Japan" (wordfreq).
    Where both agree it moves the apostrophe back ("Japan’s"); names ending in s, z, x, sh
    and ch get "’s" too ("Harriss’" → "Harris’s", "Gonzalezs’" → "Gonzalez’s"). The message
    gives the counts.

    ## Why it happens in wire copy
    Translation engines and careless re-keying treat the possessive "’s" as the plural
    possessive "s’", so the apostrophe lands after an "s" the name does not have.

    ## Example
    In a story that names Antony Blinken, "Despite Blinkens’ presence" becomes "Despite
    Blinken’s presence": the story writes "Blinken" 9 times and never "Blinkens", and
    "Blinkens" is no English word.

    ## Fix safety
    Safe when the story and the language agree, or when the story names the person with a
    title and the name is too rare for the language to know. Unsafe when only one of them
    speaks: the story never writes the name without the "s" but English does not know the
    "s" form ("Japans’" in a story that has no other "Japan"), or the story writes the name
    but the language knows neither form.

    ## Known false positives
    A day of the week ("Mondays’ attempt") is an unsafe suggestion: "Mondays" is a word
    of its own, but wire copy never writes a day's possessive in the plural. Not after a
    capitalised word ("TGI Fridays’", "Britain’s Sundays’"), beside another day's plural
    possessive, or in a story that writes days in the plural ("moved to Tuesdays").
    Real plural possessives are left alone: after "the" ("the Joneses’", "the Bidens’ dog"),
    words whose plural is common English ("officials’", "Americans’", "Democrats’", "the
    Yankees’"), and names the story itself writes with the "s" ("Harris’"). A family named
    without "the" ("Bidens’ dog") would be changed.
    """

    code = "WF601"
    name = "misplaced-possessive-apostrophe"
    family = "possessive"
    applicability = Applicability.SAFE
    message = "“{found}”: {story}; {language}"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor("s’", "s'")
    examples = (
        # capitalised plurals of two-word names are real ("North American", "World War")
        Example.good("North Americans’ appetite for pickup trucks shows no sign of fading."),
        Example.good("The two World Wars’ dead are remembered on the village memorial."),
        Example.good("The Air Corps’ Casa maritime patrol aircraft joined the search."),
        Example.bad("Secretary of State Antony Blinken arrived on Sunday. Despite Blinkens’ "
                    "presence, the prospects are slim, Blinken said.",
                    flagged=["Blinkens’"],
                    fixed="Secretary of State Antony Blinken arrived on Sunday. Despite Blinken’s "
                          "presence, the prospects are slim, Blinken said."),
        Example.bad("President Maria Lopez spoke first. Lopezs' adviser followed.",
                    flagged=["Lopezs'"],
                    fixed="President Maria Lopez spoke first. Lopez's adviser followed."),
        Example.bad("Japan’s exports fell. Japans’ central bank held rates, and Japan said it "
                    "would act.", flagged=["Japans’"],
                    fixed="Japan’s exports fell. Japan’s central bank held rates, and Japan said it "
                          "would act."),
        Example.bad("Coach Tom Marsh was pleased. Marshs’ team won, Marsh said.",
                    flagged=["Marshs’"],
                    fixed="Coach Tom Marsh was pleased. Marsh’s team won, Marsh said."),
        Example.bad("Gonzalez scored twice. Gonzalezs’ second goal came late.",
                    flagged=["Gonzalezs’"],
                    fixed="Gonzalez scored twice. Gonzalez’s second goal came late."),
        Example.bad("Toyota cut prices. Toyotas’ rivals followed.", flagged=["Toyotas’"],
                    fixed="Toyota cut prices. Toyota’s rivals followed."),
        Example.bad("Kamala Harris spoke. Harriss’ husband was there.", flagged=["Harriss’"],
                    fixed="Kamala Harris spoke. Harris’s husband was there."),
        Example.good("Vice President Kamala Harris spoke. Harris’ husband was there, Harris said."),
        Example.good("U.S. officials’ comments came after President Joe Biden spoke."),
        Example.good("President Joe Biden spoke. The Bidens’ dog was there."),
        Example.good("Rep. Tom Jones said Monday that Jones’ bill would pass."),
        Example.good("Americans’ views changed, said President Joe Biden, an American."),
        Example.good("The Yankees’ manager, Aaron Boone, said the Yankees would win."),
        Example.good("Democrats’ hopes rose as the Democrat spoke."),
        Example.bad("The launch was set for dawn. Tuesdays’ attempt was called off.",
                    flagged=["Tuesdays’"],
                    fixed="The launch was set for dawn. Tuesday’s attempt was called off."),
        Example.good("TGI Fridays’ parent filed for bankruptcy; Happy Mondays’ singer agreed."),
        Example.good("Mondays’ meetings will be moved to Tuesdays."),
        Example.good("Staff on Wednesdays’ and Thursdays’ shifts were sent home."),
        Example.good("Apple’s rivals said Apples’ prices fell at the Apple store."),
        Example.good("Brussels’ officials met in Brussels."),
        Example.good("The lava inside Mount St. Helens’ crater grew."),
        Example.good("Hurricane Frances’ winds hit Florida; MacGregor Sporting Goods’ stock rose."),
    )

    def check(self, doc, ctx):
        text = doc.text
        candidates = [m for m in _PLURAL_POSSESSIVE.finditer(text)]
        if not candidates:
            return
        known = None
        for m in candidates:
            stem, apos = m.group(1), m.group(2)
            if THE_BEFORE.search(text, max(0, m.start() - 5), m.start()):
                continue  # "the Bidens’ dog", "the Joneses’": the family, a team
            if _SAINT_BEFORE.search(text, max(0, m.start() - 6), m.start()) or len(stem) < 3 \
                    or _NAMED_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "Mount St. Helens’", "Anheuser-Busch Cos’", "Hurricane Frances’"
            if _with_s(doc, stem):
                continue  # the story writes the name with its s: "Harris", "Reuters"
            language = _language(stem)
            evidence = None   # what the language says, when not the word counts
            if stem in WEEKDAYS and (language == "disagree" or not story_count(doc, stem)) \
                    and _singular_day(doc, m):
                # "Mondays" is a word, but no day's possessive is plural in wire copy
                applicability = Applicability.UNSAFE
                story = f"a day of the week takes “{apos}s”"
                evidence = f"wire copy writes “{stem}{apos}s” and never “{stem}s{apos}”"
            elif language == "disagree":
                continue
            elif without_s := story_count(doc, stem):
                if known is None:
                    known = people(doc)
                person = known.get(stem)
                if language == "agree" or (person is not None and person.titled):
                    applicability = Applicability.SAFE
                else:
                    applicability = Applicability.UNSAFE
                story = f"the story writes “{stem}” {times(without_s)} and never “{stem}s”"
            elif language == "agree" and times_rarer(stem, stem + "s") >= 100:
                # the language alone must be overwhelming ("Japans", "Cairos"): "Goods"
                # (50×) and "Frances" (17×) are words and names of their own
                applicability = Applicability.UNSAFE
                story = f"the story writes neither “{stem}” nor “{stem}s” elsewhere"
            else:
                continue
            fixed = f"{stem}{apos}s"
            yield self.finding(m.start(), m.end(), [fixed], applicability=applicability,
                               found=m.group(), fixed=fixed, story=story,
                               language=evidence or rarity_phrase(stem, stem + "s"))
