"""WF201 space-run."""
from __future__ import annotations

import regex

from cleaner.findings import Applicability
from rules.base import Example, Phase, Rule

# Two or more horizontal spaces between two visible characters on one line.
_RUN = regex.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
# A gap between two columns.
_COLUMN_GAP = regex.compile(r"\S[ \t]{2,}\S")
_DOT_LEADER = regex.compile(r"\.{4,}|(?:\. ){3,}")


def _has_gap(doc, i: int) -> bool:
    if i < 0 or i >= len(doc.lines):
        return False
    ln = doc.lines[i]
    return _COLUMN_GAP.search(doc.text, ln.start, ln.end) is not None


def is_tabular(doc, i: int) -> bool:
    """Column layouts keep their spacing: dot leaders, or gaps on this line and on a
    neighbouring line (columns run down the page; a lone gap in prose is damage)."""
    ln = doc.lines[i]
    if _DOT_LEADER.search(doc.text, ln.start, ln.end):
        return True
    return _has_gap(doc, i - 1) or _has_gap(doc, i + 1)


class SpaceRun(Rule):
    """Two or more spaces between words.

    ## What it does
    Finds runs of spaces, tabs or no-break spaces inside a line of running text and replaces
    each run with one space.

    ## Why it happens in wire copy
    Feeds pad fields with spaces, HTML-to-text converters turn `&nbsp;` chains into runs, and
    stripped entities (`&amp;`) leave a gap of three spaces behind ("Turner   Newall").

    ## Example
    "talks  on Monday" becomes "talks on Monday".

    ## Fix safety
    Safe: a run of spaces inside running text carries no meaning.

    ## Known false positives
    Indentation at the start of a line and column layouts (tables, results, dot leaders) are
    layout, not damage, and are skipped. A gap where an `&` was lost ("AT   T") is closed to
    one space; restoring the ampersand is left to the editor.
    """

    code = "WF201"
    name = "space-run"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{count} spaces in a row"
    fix_title = "Replace with one space"
    trigger = regex.compile(r"\S[ \t\u00a0]{2}")
    examples = (
        Example.bad("Talks  on Monday.", flagged=["  "], fixed="Talks on Monday."),
        Example.bad("Talks \t on  Monday.", flagged=[" \t ", "  "], fixed="Talks on Monday."),
        Example.good("Talks on Monday."),
        Example.good("    Indented paragraph of a 1987 feed."),
        Example.good("Shr      12 cts  vs   15 cts\nNet   1,234  vs   1,567"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for i, line in enumerate(doc.lines):
            if not _RUN.search(text, line.start, line.end):
                continue
            if is_tabular(doc, i):
                continue
            for m in _RUN.finditer(text, line.start, line.end):
                yield self.finding(m.start(), m.end(), [" "], count=len(m.group()))
