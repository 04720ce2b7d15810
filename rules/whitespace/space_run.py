"""WF201 space-run."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
# lazy_re: _ASCII_RUN and _SPACES are _RUN on ASCII text, in the stdlib engine, which scans
# a character class or a literal prefix faster; a non-ASCII story uses _RUN.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import (CONJUNCTIONS, DETERMINERS, PREPOSITIONS,
                                            RELATIVE_PRONOUNS)
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._layout import is_tabular, rule_enabled  # noqa: F401  (is_tabular: re-exported)

# Two or more horizontal spaces (any Unicode space separator, or tabs) between two visible
# characters on one line.
_RUN = lazy_regex(r"(?<=\S)[\t\p{Zs}]{2,}(?=\S)", regex.V1)
# The spaces of \p{Zs} other than " " (a run holds one of them, two spaces or a tab).
_WIDE_SPACE = r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# The same for ASCII text, where the only spaces are " " and tab (the stdlib engine scans
# a character class faster).
_ASCII_RUN = lazy_re(r"(?<=\S)[ \t]{2,}(?=\S)")
# Runs of spaces in ASCII text with no tab: the stdlib scanner jumps to each "  " (a
# literal prefix), and the two neighbours are tested by hand.
_SPACES = lazy_re(r"  +")
FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | RELATIVE_PRONOUNS | frozenset(
    "i he she it we they you this these there here what when why how if as is was not no".split())
# Exactly three spaces between two capitalised words: "Procter   Gamble", where a feed
# dropped an "&" (and kept the spaces around it).
_LOST_AMPERSAND = lazy_regex(r"(?<=\p{Lu}[\p{L}.]*) {3}(?=\p{Lu})", regex.V1)
# ... and the form where the "&" is far likelier than a stray gap: a name with lower-case
# letters before it, ending in a letter (not "said.   The", "NV.   The", "COMPARISON   UNC"),
# and a capitalised word after it. In AG News every such gap is a stripped "&" but one that
# cannot be told (19 of 20: "Merck   Co", "Cable   Wireless", "Marsh   McLennan",
# "GmbH   Co. KG"); in Reuters-21578's running text there is none.
_STRIPPED_AMPERSAND = lazy_regex(
    r"(?<=(?<![\p{L}\p{N}])\p{Lu}\p{L}*\p{Ll}\p{L}*) {3}(?=\p{Lu}[\p{L}.]*(?:[ ,;:’'s)]|$))",
    regex.V1)


class SpaceRun(Rule):
    """Two or more spaces between words.

    ## What it does
    Finds runs of spaces, tabs, no-break spaces or other Unicode spaces inside a line of
    running text and replaces each run with one space.

    ## Why it happens in wire copy
    Feeds pad fields with spaces, typewriter-era copy puts two spaces after a full stop,
    HTML-to-text converters turn `&nbsp;` chains into runs, and stripped entities leave a
    gap behind: AG News writes "Procter & Gamble" as "Procter   Gamble".

    ## Example
    "talks  on Monday" becomes "talks on Monday".

    ## Fix safety
    Safe: a run of spaces inside running text carries no meaning. Where exactly three
    spaces separate two capitalised names ("Procter   Gamble", "GmbH   Co. KG"), a feed
    stripped an "&" and kept its spaces: the fix writes " & " (in AG News 19 of the 20 such
    gaps are company names with "&", the other unknown; Reuters' running text has none).
    Not after a function word or at a sentence's start ("The   Ministry of Mines"), where
    capitals say nothing.
    Other gaps of three spaces between capitals ("said.   The", "UNC   NC") are closed to one
    space, with " & " offered as a second choice.

    ## Known false positives
    Indentation at the start of a line and column layouts (tables, results, dot leaders) are
    layout, not damage, and are skipped.
    """

    code = "WF201"
    name = "space-run"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{count} spaces in a row{hint}"
    fix_title = "Replace with one space"
    looks_for = LooksFor("  ", "\t", patterns=[_WIDE_SPACE])
    examples = (
        Example.bad("Talks  on Monday.", flagged=["  "], fixed="Talks on Monday."),
        Example.bad("Talks \t on  Monday.", flagged=[" \t ", "  "], fixed="Talks on Monday."),
        Example.bad("Talks\u00a0\u00a0on Monday.", flagged=["\u00a0\u00a0"], fixed="Talks on Monday."),
        Example.bad("Unions at Turner   Newall say", flagged=["   "],
                    fixed="Unions at Turner & Newall say"),
        # AG News: a stripped "&" in a company name is the fix, not one space (issue 14)
        Example.bad("vendor Tenovis GmbH   Co. KG. and Procter   Gamble said", flagged=["   ", "   "],
                    fixed="vendor Tenovis GmbH & Co. KG. and Procter & Gamble said"),
        Example.bad("He said.   The UNC   NC code", flagged=["   ", "   "],
                    fixed="He said. The UNC NC code"),
        # a function word, or the first word of a sentence, is no company name
        Example.bad("The   Ministry of Mines said.   Johnson   Johnson said so",
                    flagged=["   ", "   ", "   "],
                    fixed="The Ministry of Mines said. Johnson Johnson said so"),
        Example.good("Talks on Monday."),
        Example.good("    Indented paragraph of a 1987 feed."),
        Example.good("Shr      12 cts  vs   15 cts\nNet   1,234  vs   1,567"),
        Example.good(" Wheat   2.55   2.40       IV     4.65     --\n"
                     "                            V     4.65     --"),
        # Reuters-21578 UNPROC tables: a column heading and a lone row keep their gaps
        Example.good("BANGKOK RICE 1 - APRIL 7\n Offered prices in U.S. Dlrs per tonne\n"
                     "                       ASSOCIATION    TRADER\n Fragrant rice\n"
                     " 100 pct 1st class         unq         300\n"),
        Example.good("NY COMEX SILVER 09:30\n\n APR7 UNTRD\n MAY7  6685 UP  105\n JUN7 UNTRD\n"
                     " JUL7  6760 UP  106\n"),
        # but two lines of prose with a stray double space each are not columns
        Example.bad("production could fall by 150 cars a day in  the foreseeable\n"
                    "future  if works councils refuse", flagged=["  ", "  "],
                    fixed="production could fall by 150 cars a day in the foreseeable\n"
                          "future if works councils refuse"),
    )

    def check(self, doc, ctx):
        text = doc.text
        # one pass over the whole text; lines are only looked at where a run is (a run never
        # spans a line break, so each run lies inside one line)
        line_next = -1      # the line of the previous run ends before this offset
        entity_ends = None   # found at the first run outside a table: most stories have none
        in_table = False
        for m in _runs(text):
            if m.start() >= line_next:   # a run on a new line: is that line a table row?
                i = doc.line_index(m.start())
                line_next = doc.lines[i].next
                in_table = is_tabular(doc, i)
            if in_table:
                continue
            if entity_ends is None:
                entity_ends = lost_ampersand_runs(doc) if rule_enabled(ctx, "WF105") \
                    else frozenset()
            if entity_ends and m.end() in entity_ends:
                continue    # "said  quot;We": bare-entity takes the space that was the "&"
            if m.end() - m.start() == 3 and _STRIPPED_AMPERSAND.match(text, m.start()) and \
                    _names_around(text, m.start(), m.end()):
                yield self.finding(m.start(), m.end(), [" & ", " "], count=3,
                                   hint=" between two capitalised names: an “&” that a feed "
                                        "stripped (“Procter & Gamble”)")
                continue
            if _LOST_AMPERSAND.match(text, m.start()) and m.end() - m.start() == 3:
                yield self.finding(m.start(), m.end(), [" ", " & "], count=3,
                                   hint=" (an “&” may have been lost here)")
                continue
            yield self.finding(m.start(), m.end(), [" "], count=len(m.group()), hint="")


_WORD_BEFORE = lazy_regex(r"(\p{L}+)$", regex.V1)
_WORD_AFTER = lazy_regex(r"\p{L}+", regex.V1)
_SENTENCE_START = lazy_regex(r"(?:^|[.!?:][\"'’”)]*[ \t]+|\n[ \t]*)$")


def _names_around(text: str, start: int, end: int) -> bool:
    """Both words are names, not function words ("The   Ministry of Mines"), and the first
    does not open a sentence, where any word is capitalised."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    if before is None or after is None:
        return False
    if before.group(1).lower() in FUNCTION_WORDS or after.group().lower() in FUNCTION_WORDS:
        return False
    return _SENTENCE_START.search(text, max(0, before.start() - 4), before.start()) is None


def lost_ampersand_runs(doc) -> frozenset[int]:
    """Offsets where a bare entity starts whose "&" became a space (bare-entity, WF105,
    removes that space with the entity: a run of spaces before it is reported there)."""
    from wirefix.rules.encoding.bare_entity import lost_ampersand_starts

    return lost_ampersand_starts(doc)


def _runs(text: str):
    """The runs of two or more spaces or tabs between two visible characters (``_RUN``)."""
    if not text.isascii():
        yield from _RUN.finditer(text)
        return
    if "\t" in text:
        yield from _ASCII_RUN.finditer(text)
        return
    n = len(text)
    for m in _SPACES.finditer(text):
        s, e = m.span()
        # a maximal run of spaces, between two characters that are not white space
        if s and e < n and not text[s - 1].isspace() and not text[e].isspace():
            yield m
