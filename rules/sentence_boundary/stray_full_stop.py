"""WF701 stray-full-stop."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import CONJUNCTIONS, PREPOSITIONS, RELATIVE_PRONOUNS, in_quote
from wirefix.rules._shared.evidence import comma_before
from wirefix.rules.base import Example, LooksFor, Rule

from ._stops import find_stray_stops, fragment_has_clause

_COORDINATORS = frozenset({"and", "but", "or", "nor", "yet", "so"})
_MODAL_BEFORE = lazy_regex(
    r"(?:\b(?:will|would|can|could|should|shall|must|may|might)|\w[’']ll|\w[’']d|n[’']t|#39;ll)$")
# Words that open a sentence of their own: a pronoun, a determiner.
_SUBJECTS = frozenset({"he", "she", "they", "we", "i", "it", "you", "there", "this", "these",
                       "those", "the", "a", "an", "its", "their", "his", "her", "our"})


class StrayFullStop(Rule):
    """A full stop in the middle of a sentence: "Lloyd Austin. for a meeting".

    ## What it does
    Finds a full stop followed by a lower-case word, where the word before the stop is not an
    abbreviation, an initial or a number. Before a preposition it removes the stop; before a
    conjunction it suggests removing it or a comma, first the one wire copy writes more often
    before that word (" and" 51,516 times against ", and" 4,637; ", but" 2,985 against " but"
    2,122: scripts/build_context_counts.py); before any other word, a comma.

    ## Why it happens in wire copy
    Translation engines split long sentences at the wrong place, and feeds that re-segment
    copy insert full stops at line ends; the lower-case word after the stop shows the
    sentence never ended there.

    ## Example
    "a request from US Defense Secretary Lloyd Austin. for a meeting" becomes "... Lloyd
    Austin for a meeting"; "Russia for its war on Ukraine. and US allegations" gets the
    suggestion "Ukraine and US allegations" (or "Ukraine, and"); "beet development. but
    some heavy rain" gets "development, but".

    ## Fix safety
    Safe only before a preposition when the words after the stop do not form a clause of
    their own (no subject and verb), end with a full stop of their own (in chat, a phrase
    that runs to the paragraph's end unpunctuated may be a new sentence in lower case) and
    the stop is outside quotation marks: the phrase clearly belongs to the sentence before.
    Before a conjunction or another word the comma is an unsafe suggestion, since a semicolon
    or a new sentence may be meant; after a modal ("He'll. play") removing the stop is. A
    short verbless tail ("hospitalized. patients.") is only flagged, with both hints:
    translation garbles such phrases beyond a comma. Relative pronouns
    ("who", "which") are left to `fragment-after-full-stop`.

    Never fired: where the word before the stop is an abbreviation by the evidence (no vowel,
    "Pct."; short and rare as a word, "Govt.", "comp." per wordfreq, unless it is a common
    word with its "-s", "slows"; written with a stop all through the story), in tables, footnotes and figures ("the usda said. top 52.25 dlrs"),
    and before a sentence that really begins in lower case (a pronoun, or a subject and verb
    of its own: "the company said. the price move follows ...").

    ## Known false positives
    Abbreviations that are common words and missing from cleaner/data/abbreviations.toml.
    Stories that habitually start sentences in lower case (telegraphic market reports: three
    such stops or more, a quarter of the sentences or more, each such stop counted as the
    start of a sentence) are skipped as a whole;
    names with lower-case particles (de, van, al) are skipped; a sentence whose next capital
    was lost ("He left. in May, he returned") is only offered a suggestion, because its
    fragment has a clause of its own.
    """

    code = "WF701"
    name = "stray-full-stop"
    family = "sentence-boundary"
    applicability = Applicability.UNSAFE
    message = "A full stop before the lower-case “{word}” cuts the sentence in two"
    fix_title = "{title}"
    looks_for = LooksFor(patterns=[r"\. +\p{Ll}"])
    examples = (
        # three stray stops in a story of fourteen sentences are damage, not a telegraphic
        # style (a quarter of its sentences would have to start in lower case)
        Example.bad("Power cuts will last ten hours a day. The utility said units broke down. "
                    "Repairs at the plant would take. at least two weeks. The minister spoke in "
                    "Pretoria. He called the cuts regrettable. Business groups counted the cost. "
                    "Bakers lost their flour. for the third time this month. Factories slowed. "
                    "Mines cut shifts. Officials met on Monday. They will meet again. in Cape "
                    "Town on Friday.", flagged=[".", ".", "."],
                    fixed="Power cuts will last ten hours a day. The utility said units broke "
                          "down. Repairs at the plant would take at least two weeks. The minister "
                          "spoke in Pretoria. He called the cuts regrettable. Business groups "
                          "counted the cost. Bakers lost their flour for the third time this "
                          "month. Factories slowed. Mines cut shifts. Officials met on Monday. "
                          "They will meet again in Cape Town on Friday."),
        Example.bad("China rejected a request from US Defense Secretary Lloyd Austin. for a "
                    "meeting on the sidelines of a symposium, a sign of discontent.",
                    flagged=["."],
                    fixed="China rejected a request from US Defense Secretary Lloyd Austin for a "
                          "meeting on the sidelines of a symposium, a sign of discontent."),
        Example.bad("China refused to condemn Russia for its war on Ukraine. and US allegations "
                    "that Beijing is spying.", flagged=["."],
                    fixed="China refused to condemn Russia for its war on Ukraine and US "
                          "allegations that Beijing is spying."),
        # before "but" wire copy writes a comma more often than not
        Example.bad("It was warm, favouring beet development. but some heavy rain may have "
                    "caused damage.", flagged=["."],
                    fixed="It was warm, favouring beet development, but some heavy rain may "
                          "have caused damage."),
        Example.bad("Qin urged the United States to respect the issue of Taiwan. stop "
                    "interfering in China’s affairs and harming its interests.", flagged=["."],
                    fixed="Qin urged the United States to respect the issue of Taiwan, stop "
                          "interfering in China’s affairs and harming its interests."),
        # a common word with its "-s" before the stop is no abbreviation ("Govt.", "comp.")
        Example.bad("Rates will fall in June, as inflation slows. and the crown steadies.",
                    flagged=["."],
                    fixed="Rates will fall in June, as inflation slows and the crown steadies."),
        Example.bad("He is fit, and he’ll. play the Cardinals today.", flagged=["."],
                    fixed="He is fit, and he’ll play the Cardinals today."),
        Example.bad("About 175,000 people will be hospitalized. patients.", flagged=["."]),
        Example.bad("He left the capital. in May, he returned.", flagged=["."],
                    fixed="He left the capital in May, he returned."),
        Example.good("Output rose 6.4 Pct. in the year; the Govt. for its part said A. caninum "
                     "and comp. in the survey were unchanged."),
        Example.good("The price rose to 19.35 dlrs a barrel. the price move follows a wave of "
                     "increases. he spoke here on Monday."),
        Example.good("Sales on 3,600 steers and 700 heifers. week to date 43,900 head."),
        Example.good("It provides coziness.\n\nMax. load for a single bed: 130 kg."),
        Example.good("    Corn          5.1     7.8\n x - in thousand bales. y - in mln cwts"),
        # chat: the fragment after the stop ends the paragraph without a stop of its own, so the
        # join is only suggested (issue 13: "projects. after dinner" was joined by --fix)
        Example.bad("ok I will finish the projects. after dinner", flagged=["."],
                    fixed="ok I will finish the projects after dinner"),
        Example.good("U.S. officials met Microsoft Corp. co-founder Bill Gates at 10 a.m. on Friday."),
        Example.good("The meeting is set for Jan. 5 in the U.S. capital, said J. Smith."),
        Example.good("He paused... and then spoke."),
        Example.good("The painting is by Vincent. van Gogh was Dutch."),
        Example.good("The company shipped the iPhone. iPhone sales rose."),
        Example.good("Sales rose 3.5 percent in Sept. and fell in Oct. for the first time."),
        Example.good("Prices rose 1.00 dlr, the usda said. top 51.50 dlrs.\n    sows - up 1.00 dlr. us "
                     "1-3 500-650 lbs.\n    sows - firm. top 45.00 dlrs."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for s in find_stray_stops(doc):
            word = s.next_word
            if word == "more" and text[s.word_start + 4:s.word_start + 5] in ("\n", ""):
                continue  # Reuters' "more": the next take follows
            if word in RELATIVE_PRONOUNS:
                continue
            if word not in PREPOSITIONS and word not in _COORDINATORS and word not in CONJUNCTIONS \
                    and (word in _SUBJECTS or fragment_has_clause(text, s)):
                continue  # a sentence that begins in lower case ("the price move follows")
            if word in PREPOSITIONS:
                # a fragment that runs to the paragraph's end without a stop of its own is
                # chat, whose writer starts sentences in lower case and ends them with none
                # ("I finished the projects. after dinner"): only suggested
                safe = s.fragment_ended and not fragment_has_clause(text, s) and \
                    not in_quote(doc, s.stop)
                yield self.finding(s.stop, s.stop + 1, ["", ","],
                                   applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                                   word=s.word, title="Remove the full stop")
            elif word in _COORDINATORS or word in CONJUNCTIONS:
                # the comma or nothing, as wire copy writes the word between two words
                # most often: " and" 51,516 times against ", and" 4,637; ", but" 2,985
                # against " but" 2,122 (scripts/build_context_counts.py)
                without, with_comma = comma_before(word)
                if with_comma >= without:
                    yield self.finding(s.stop, s.stop + 1, [",", ""], word=s.word,
                                       title="Replace the full stop with a comma")
                else:
                    yield self.finding(s.stop, s.stop + 1, ["", ","], word=s.word,
                                       title="Remove the full stop")
            elif _MODAL_BEFORE.search(text, max(0, s.stop - 12), s.stop):
                # "He'll. play": a stop between a modal and its verb only goes
                yield self.finding(s.stop, s.stop + 1, ["", ","], word=s.word,
                                   title="Remove the full stop")
            elif len(text[s.word_start:s.fragment_end].split()) >= 6:
                yield self.finding(s.stop, s.stop + 1, [",", ";"], word=s.word,
                                   title="Replace the full stop with a comma")
            else:
                # a few words without a verb ("hospitalized. patients."): a stray stop, but
                # what the sentence should be is for an editor (machine translation garbles
                # these); the hints drop the stop or make it a comma
                yield self.finding(s.stop, s.stop + 1, ["", ","], word=s.word,
                                   applicability=Applicability.DISPLAY,
                                   title="Join the words to the sentence before")
