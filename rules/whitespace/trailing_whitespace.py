"""WF202 trailing-whitespace."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._layout import joined_line_ends, rule_enabled

_TRAILING = lazy_regex(r"[\t\p{Zs}]+$", regex.V1)


class TrailingWhitespace(Rule):
    """Spaces or tabs at the end of a line, or a line of nothing but spaces.

    ## What it does
    Removes horizontal white space before each line break (and at the end of the text).
    A line that hard-wrap (WF204) joins to the next is left to that rule, and white space
    after the story's last word to story-edge-whitespace (WF303), so that one space is not
    reported twice.

    ## Why it happens in wire copy
    Fixed-width feeds pad lines to the column width; Reuters' 1987 copy ends many stories
    with a line of spaces before the sign-off.

    ## Example
    "The bank said.   \\n" becomes "The bank said.\\n".

    ## Fix safety
    Safe: trailing white space is invisible and carries nothing.

    ## Known false positives
    Markdown's two-space line break is lost; news copy does not use it.
    """

    code = "WF202"
    name = "trailing-whitespace"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "white space at the end of a line"
    fix_title = "Remove it"
    looks_for = LooksFor(patterns=[r"[\t\p{Zs}](?:\r|\n|\Z)"])
    examples = (
        Example.bad("The bank said.   \nIt rose.", flagged=["   "], fixed="The bank said.\nIt rose."),
        Example.bad("Para one.\n       \n Reuter\r\n", flagged=["       "],
                    fixed="Para one.\n\n Reuter\r\n"),
        Example.bad("The end. ", flagged=[" "], fixed="The end."),
        Example.good("The bank said.\nIt rose.\r\n"),
        Example.good("    Indented line."),
    )

    def check(self, doc, ctx):
        text = doc.text
        skip = joined_line_ends(doc) if ctx.option("unwrap", True) else frozenset()
        # white space after the last visible character is the story's edge: story-edge-
        # whitespace (WF303) trims it, and one space is reported once
        edge = len(text.rstrip()) if rule_enabled(ctx, "WF303") else len(text)
        for line in doc.lines:
            m = _TRAILING.search(text, line.start, line.end)
            if m is None or m.start() in skip or m.start() >= edge:
                continue
            yield self.finding(m.start(), m.end(), [""])
