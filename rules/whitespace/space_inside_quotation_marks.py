"""WF210 space-inside-quotation-marks."""
from __future__ import annotations

import bisect

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import finditer_near, lazy_re, lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import is_tabular

_QUOTE = lazy_regex(r"[\"“”«»]")
_BRACKET_GAP = lazy_regex(r"(?P<open>[(\[])[ \t]+(?=[^\s)\]])|(?<=[^\s(\[])[ \t]+(?P<close>[)\]])")
# Where a mark stands next to white space or a line edge on one side ("before"/"after").
_EDGE_BEFORE = frozenset("([{—–")       # after these an opening mark may follow directly
_EDGE_AFTER = frozenset(",.;:!?)]}—–…")  # before these a closing mark may stand directly
_EMOTICON_EYES = frozenset(":;=8xX")


def _space_run_before(text: str, at: int, lo: int) -> int:
    """Start of the spaces and tabs right before ``at`` (``at`` when there are none)."""
    s = at
    while s > lo and text[s - 1] in " \t":
        s -= 1
    return s


def _space_run_after(text: str, at: int, hi: int) -> int:
    e = at
    while e < hi and text[e] in " \t":
        e += 1
    return e


def quote_gaps(text: str, lo: int, hi: int):
    """(start, end, mark, side) of each run of spaces inside a quotation mark in the
    paragraph ``text[lo:hi]``: after an opening mark (“ a fair deal) or before a closing one
    (a fair deal. ”). A mark's role comes from its surroundings where they tell (a line
    edge or a bracket on its outer side), else from its place in the paragraph's sequence
    of marks, which must agree with a curly mark's shape."""
    marks = [m.start() for m in _QUOTE.finditer(text, lo, hi)]
    for n, at in enumerate(marks):
        ch = text[at]
        s = _space_run_before(text, at, lo)
        e = _space_run_after(text, at + 1, hi)
        gap_before, gap_after = s < at, e > at + 1
        if not (gap_before or gap_after):
            # the space that went inside is missing outside: "never again!"it
            if (len(marks) % 2 == 0 and n % 2 == 1 and ch in "\"”»" and at + 1 < hi
                    and text[at + 1].isalpha() and text[at - 1] in ".,!?…"):
                yield at + 1, at + 1, ch, "outside"
            continue
        if ch == '"' and len(marks) % 2:
            continue  # a straight mark that does not pair up in its paragraph: no role to go by
        if (gap_before and s > lo and text[s - 1] in "'’‘\"“”") or \
                (gap_after and e < hi and text[e] in "'’‘\"“”"):
            continue  # a space between two marks: 'there,' " (nested quotes end together)
        outer_before = s == lo or text[s - 1] in "\r\n" or text[s - 1] in _EDGE_BEFORE
        outer_after = e == hi or text[e] in "\r\n" or (
            text[e] in _EDGE_AFTER and not text.startswith(("...", "…"), e)
            and not (e + 1 < hi and text[e] in ".,:" and text[e + 1].isalnum()))  # ".post"
        if gap_after and not gap_before and outer_before and not outer_after:
            role = "open"       # “ USS Nevada” at a line start or after a bracket
            if ch in "”»":
                continue        # the shape says otherwise
        elif gap_before and not gap_after and outer_after and not outer_before:
            role = "close"      # clean! ” at a line end or before a comma
            if ch in "“«":
                continue
        elif gap_before and gap_after or (gap_after and outer_before) or (gap_before and outer_after):
            # spaces on both sides: the sequence decides, and a curly mark must agree
            role = "open" if n % 2 == 0 else "close"
            if len(marks) % 2:
                continue        # an odd number of marks: the sequence says nothing
            if (ch in "“«" and role != "open") or (ch in "”»" and role != "close"):
                continue
        else:
            continue            # “word or word” with a space on its outer side: no gap inside
        if role == "open" and gap_after and not outer_after:
            yield at + 1, e, ch, "after"
        elif role == "close" and gap_before and not outer_before:
            yield s, at, ch, "before"


class SpaceInsideQuotationMarks(Rule):
    """A space inside quotation marks or brackets: “ never again!”, (WoW! Korea ), " a fair
    deal . ".

    ## What it does
    Removes the spaces after an opening quotation mark or bracket and before a closing one,
    and puts back the space missing after a closing quotation mark that runs into the next
    word ("never again!"it).
    Double quotation marks (straight and curly), guillemets, round and square brackets are
    checked; single quotation marks are not (an apostrophe looks the same).

    ## Why it happens in wire copy
    Translation engines tokenise quotation marks and brackets as words and put them back
    with a space on both sides; Moses detokenisation leaves " a fair deal . " with a space
    inside each mark. Copy keyed on a CJK keyboard keeps the space a fullwidth mark had.

    ## Example
    "That way, we can wash our hands! ”" becomes "…our hands!”"; "(WoW! Korea )" becomes
    "(WoW! Korea)".

    ## Fix safety
    Safe where the mark's role is certain: a line edge, bracket or punctuation on its outer
    side, or its place in the paragraph's sequence of marks (which a curly mark's shape must
    confirm). Where the marks do not pair up within the paragraph and the mark has spaces on
    both sides, nothing is changed. Empty brackets, emoticons ":( " and column layouts are
    left alone.

    ## Known false positives
    A quotation whose marks are unbalanced in the paragraph in a way that still pairs up (a
    missing closing mark and a stray one later) may be read the wrong way round.
    """

    code = "WF210"
    name = "space-inside-quotation-marks"
    family = "whitespace"
    # on the text as given: the quotation marks' shapes tell their roles, before
    # mixed-quote-style makes them all alike
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "space inside {what}"
    fix_title = "Remove the space"
    looks_for = LooksFor(patterns=[r"[\"(\[“”«»] | [\")\]“”«»]"])
    examples = (
        Example.bad("That way, we can wash our hands! ”\n\nHe left.", flagged=[" "],
                    fixed="That way, we can wash our hands!”\n\nHe left."),
        Example.bad("The game (WoW! Korea ) opened.", flagged=[" "],
                    fixed="The game (WoW! Korea) opened."),
        Example.bad('" a fair deal. "', flagged=[" ", " "], fixed='"a fair deal."'),
        Example.bad('He said " never again!" and left.', flagged=[" "],
                    fixed='He said "never again!" and left.'),
        Example.bad('He said " never again!"it was over.', flagged=[" ", ""],
                    fixed='He said "never again!" it was over.'),
        Example.bad("The submarine “ USS Nevada” sailed.", flagged=[" "],
                    fixed="The submarine “USS Nevada” sailed."),
        Example.bad("The plan ( announced Monday) failed.", flagged=[" "],
                    fixed="The plan (announced Monday) failed."),
        Example.good("He called it “a deal” and “a start” on Monday."),
        Example.good('He said "yes" and "no" and then "maybe".'),
        Example.good("Leave ( ) empty, then smile :( and go."),
        Example.good("the ”Book Carnival“ activities"),
        Example.good('"Heavily into the arena," said Lewis. "...That does not stop us."'),
        Example.good('Two new domain names, ".post" and ".travel", could appear.'),
        Example.good('The talks would resume on Monday after a "\n___'),
        Example.good("The talks would resume on Monday after a “\n___"),
        Example.good("She said 'The terrorists put it there,' \" a passenger said."),
        Example.good("Shr    12 cts ( 15 cts )\nNet   1,234 ( 1,567 )\nRevs   2 ( 3 )"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for p in doc.paragraphs:
            if _QUOTE.search(text, p.start, p.end):   # (no slice of the paragraph)
                for s, e, mark, side in quote_gaps(text, p.start, p.end):
                    if is_tabular(doc, doc.line_index(s)):
                        continue
                    what = f"the quotation mark “{mark}”" if mark != '"' else 'the quotation mark "'
                    if side == "outside":
                        yield self.finding(s, e, [" "], message=f"no space after {what}",
                                           fix_title="Add a space")
                    else:
                        yield self.finding(s, e, [""], what=what)
        # a gap needs a bracket: most stories that draw this rule (for a quote) have none,
        # and the gap pattern is tried at every space of the story
        gaps = finditer_near(_BRACKET_GAP, text, _GAP_START, 0) if _BRACKET.search(text) else ()
        for m in gaps:
            mark = m.group("open") or m.group("close")
            if m.group("open"):
                s, e = m.start() + 1, m.end()
                if s >= 2 and text[s - 2] in _EMOTICON_EYES or text[s - 2:s - 1] == "-":
                    continue  # :( or :-(
            else:
                s, e = m.start(), m.end() - 1
                if text[s - 1] in _EMOTICON_EYES and (s < 2 or text[s - 2].isspace()):
                    continue  # " :)" written with a space before the bracket
                if not _opened_before(text, s, doc):
                    continue  # a list label "a )" or a lone bracket: not a pair
            if is_tabular(doc, doc.line_index(s)):
                continue
            yield self.finding(s, e, [""], what=f"the bracket “{mark}”")


_BRACKET = lazy_re(r"[()\[\]]")
# Where a match of _BRACKET_GAP starts (cleaner.patterns.finditer_near, reach 0): at an
# opening bracket, or at the first space or tab of a run before a closing one (a match
# never starts inside such a run: its look-behind wants a visible character before it).
# That is `[(\[]|[ \t]+[)\]]`, written to open with one character class, which the stdlib
# engine skips ahead to (it tries an alternation at every offset; tests/test_patterns.py
# checks the two give the same matches).
_GAP_START = lazy_re(r"[(\[ \t](?:(?<=[(\[])|[ \t]*[)\]])")


def _opened_before(text: str, at: int, doc) -> bool:
    """Is there an unclosed opening bracket before ``at`` in its paragraph?"""
    p = doc.paragraph_at(at)
    lo = p.start if p is not None else 0
    # the bracket depth after each bracket of the paragraph, counted once per paragraph
    def build():
        hi = p.end if p is not None else len(text)
        positions, after = [], []
        depth = 0
        for m in _BRACKET.finditer(text, lo, hi):
            if m.group() in "([":
                depth += 1
            elif depth:
                depth -= 1
            positions.append(m.start())
            after.append(depth)
        return positions, after

    positions, after = doc.memo_item("bracket_depths", lo, build)
    i = bisect.bisect_left(positions, at) - 1   # the last bracket before ``at``
    return i >= 0 and after[i] > 0
