"""WF010 doubled-word."""
from __future__ import annotations

import operator
# stdlib re: the one-pass pattern of a story's repeated words (a trie with a
# back-reference, built per story) and _TABLE_LINE run in the stdlib engine, which steps
# through a story faster than `regex`; \w is the stdlib's (str.isalnum and _).
import re
from itertools import compress, islice

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import line_around, lower_word_list, starts_clause
from wirefix.rules._shared.evidence import doubled_in_wire_copy, particle_of
from wirefix.rules.base import Example, Rule

# Function words that are never correctly doubled; anything else may be ("that that",
# "had had", "is is"), so its repair is only a suggestion.
_NEVER_DOUBLED = frozenset("""
a an the of to in on at by for from with into onto upon about and or nor but as than
""".split())
# Doubles that are normal English and must not be flagged at all.
_LEGITIMATE = frozenset("that had is do can bye no yeah very so tsk ha".split())
# A spaced hyphen or en dash before the word: a dateline's dash ("WASHINGTON (Reuters) - The
# the"), after which a sentence starts (starts_clause knows only the em dash).
_AFTER_DATELINE_DASH = lazy_regex(r"\s[-–]\s+$")

_DOUBLED = lazy_regex(
    r"(?<![\p{L}\p{N}'’-])(\p{L}[\p{L}’']*)(\s+)(\1)(?![\p{L}\p{N}'’-])",
    regex.IGNORECASE | regex.V1,
)


def _doubles_of(text: str, words: set[str]):
    """Matches of _DOUBLED, looked for only where one of ``words`` is doubled: one stdlib
    pattern whose first word is one of ``words`` (written as a trie, so each position costs
    the length of a word, not the number of words) and whose second repeats it, instead of
    _DOUBLED's back-reference tried at every word. One pass over the text: a pattern per
    word was a pass per word, and a 4 MB story has hundreds of them (24 s, now linear)."""
    pattern = re.compile(rf"(?<![^\W_])(?<!['’-])({_trie(sorted(words))})(\s+)(\1)(?![\w'’-])",
                         re.IGNORECASE)
    return [m for m in pattern.finditer(text) if _DOUBLED.fullmatch(text, m.start(), m.end())]


def _trie(words: list[str]) -> str:
    """A regular expression that matches exactly ``words`` (sorted), sharing prefixes."""
    groups: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    if not groups:
        return ""
    branches = [re.escape(c) + _trie(rest) for c, rest in groups.items()]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# A phrasal verb's particle before the same preposition: "filled in in the form".
_PARTICLES = frozenset("in on at up out off over down through about by".split())
_WORD_BEFORE = lazy_regex(r"(\p{L}+)\s+$")
_SUBJECT_BEFORE = lazy_regex(r"(?:\b(?:he|she|it|He|She|It)|\p{Lu}\p{Ll}+)\s+$")
_TABLE_LINE = lazy_re(r"\S {2,}\S.* {2,}\S")
TABLE_REACH = 400


def _legitimate(text: str, m, low: str) -> bool:
    """Evidence that the double is English: a phrasal verb's particle before its
    preposition ("filled in in", "looked at at": the word before is a past form, or wire copy
    writes that verb with that particle at least 1 time in 8), a verb before its object
    ("He names names"), a double that human wire copy writes often ("nil nil" in tables:
    1 time in 100 or more), or a table line."""
    if low in _PARTICLES:
        b = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if b is not None:
            verb = b.group(1).lower()
            if verb.endswith("ed") or particle_of(verb, low)[0]:
                return True
    if low.endswith("s") and _SUBJECT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return True
    doubled, total = doubled_in_wire_copy(low)
    if doubled >= 3 and doubled * 100 >= total and low not in _NEVER_DOUBLED:
        return True
    # the line around the double, at most TABLE_REACH characters each way: a table row is
    # short, and a story that is one long line is not searched whole for every double
    return _TABLE_LINE.search(text, *line_around(text, m.start(), m.end(), TABLE_REACH)) is not None


def _starts_sentence(doc, offset: int) -> bool:
    return (starts_clause(doc, offset)
            or _AFTER_DATELINE_DASH.search(doc.text, max(0, offset - 4), offset) is not None)


class DoubledWord(Rule):
    """A word written twice in a row: "the the".

    ## What it does
    Flags a word immediately repeated, with only white space between the two copies,
    and offers to drop the second copy.

    ## Why it happens in wire copy
    Feeds that splice corrections into a story, and editors who retype a line after a hard
    wrap, leave a word doubled across the seam; MT round trips repeat short function words.

    ## Example
    "talks with the the foreign minister" becomes "talks with the foreign minister".

    ## Fix safety
    Safe for articles, prepositions and conjunctions, which English never doubles. Unsafe for
    any other word, since some doubles are deliberate ("that that", "had had").

    Legitimate doubles are left alone: "had had", "that that"; a phrasal verb's particle
    before its preposition ("filled in in the form", "looked at at the station": the verb is
    a past form, or wire copy writes it with that particle 1 time in 8 or more, per
    rules/data/context_counts.json); a verb before its object ("He names names"); doubles
    that human wire copy writes 1 time in 100 or more ("nil nil" in results tables); table
    lines; names and interjections ("Will will", "long Long Island", "Yum yum", "Hip hip").
    A safe fix never joins across a line break, and nothing is flagged across a paragraph.

    ## Known false positives
    Reduplication in quotes ("no, no") has a comma and is not matched.
    """

    code = "WF010"
    name = "doubled-word"
    family = "repetition"
    applicability = Applicability.UNSAFE
    message = "“{word}” is written twice"
    fix_title = "Remove the second “{word}”"
    examples = (
        Example.bad("Talks with the the foreign minister.", flagged=["the the"],
                    fixed="Talks with the foreign minister."),
        Example.bad("The the minister arrived.", flagged=["The the"], fixed="The minister arrived."),
        Example.bad("WASHINGTON (Reuters) - The the minister arrived.", flagged=["The the"],
                    fixed="WASHINGTON (Reuters) - The minister arrived."),
        Example.bad("Officials said said the talks failed.", flagged=["said said"],
                    fixed="Officials said the talks failed."),
        Example.bad("a meeting in\nin Vienna", flagged=["in\nin"], fixed="a meeting in Vienna"),
        Example.bad("Talks in in Vienna ended.", flagged=["in in"], fixed="Talks in Vienna ended."),
        Example.bad("He praised the The outstanding talents.", flagged=["the The"],
                    fixed="He praised the outstanding talents."),
        Example.good("She filled in in the Department, looked at at the station and clicked on "
                     "on the page."),
        Example.good("He names names. Will will go. Yum yum, he said. Hip hip hooray for long "
                     "Long Island."),
        Example.good("Result: Ajax nil nil Feyenoord."),
        Example.good("The report ended with the\n\nthe annex."),
        Example.good("He said that that was the end of it."),
        Example.good("The city of Walla Walla voted."),
        Example.good("What it is is a test."),
        Example.good("No, no, he said."),
        Example.good("Xi told Gates, Gates said."),
        Example.good("Take vitamin A a day before the trip."),
    )

    def check(self, doc, ctx):
        words = lower_word_list(doc)
        # the words that follow themselves, picked out in C
        repeated = set(compress(words, map(operator.eq, words, islice(words, 1, None))))
        if not repeated:
            return
        doubled = {a for a in repeated if not a.isdigit()}
        if not doubled:
            return  # "5,000,000" gives "000" twice, which is not a word
        text = doc.text
        for m in _doubles_of(text, doubled):
            first, gap, second = m.group(1), m.group(2), m.group(3)
            if first != second and first.lower() != second.lower():
                continue
            low = first.lower()
            if low in _LEGITIMATE:
                continue
            if second[0].isupper() and low not in _NEVER_DOUBLED:
                continue  # Walla Walla, Sirhan Sirhan, "long Long Island" (but "the The" is a slip)
            if first[0].isupper() and (low not in _NEVER_DOUBLED or not _starts_sentence(doc, m.start())):
                continue  # "Will will", "Yum yum", "Hip hip": a name or an interjection
            if "\n" in gap and doc.paragraph_at(m.start(1)) is not doc.paragraph_at(m.start(3)):
                continue  # across a paragraph break: a heading repeated, not a slip
            if _legitimate(text, m, low):
                continue
            safe = low in _NEVER_DOUBLED and "\n" not in gap
            yield self.finding(
                m.start(1), m.end(3), [first],
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                word=first,
            )
