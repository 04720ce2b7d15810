"""WF202 trailing-whitespace."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Phase, Rule

from ._layout import joined_line_ends

def _space_before_break(text: str) -> bool:
    """A space or tab before a line break: the tab and CR tests run only on text that has
    a tab or a CR (one fast character search), which most copy has not."""
    return " \n" in text or ("\t" in text and ("\t\n" in text or "\t\r" in text)) or \
        ("\r" in text and " \r" in text)


_TRAILING = regex.compile(r"[\t\p{Zs}]+$", regex.V1)


class TrailingWhitespace(Rule):
    """Spaces or tabs at the end of a line, or a line of nothing but spaces.

    ## What it does
    Removes horizontal white space before each line break (and at the end of the text).
    A line that hard-wrap (WF204) joins to the next is left to that rule, and a last line
    of nothing but spaces, with no line break after it, to story-edge-whitespace (WF303),
    which removes it with the break before it.

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
    trigger = Cheap(ends=(" ", "\t"), unicode=regex.compile(r"\p{Zs}"),
                    test=lambda text: _space_before_break(text))
    examples = (
        Example.bad("The bank said.   \nIt rose.", flagged=["   "], fixed="The bank said.\nIt rose."),
        Example.bad("Para one.\n       \n Reuter\r\n", flagged=["       "],
                    fixed="Para one.\n\n Reuter\r\n"),
        Example.bad("The end. ", flagged=[" "], fixed="The end."),
        Example.good("The bank said.\nIt rose.\r\n"),
        Example.good("    Indented line."),
        Example.good("The bank said.\n   "),
    )

    def check(self, doc, ctx):
        text = doc.text
        skip = joined_line_ends(doc) if ctx.option("unwrap", True) else frozenset()
        for line in doc.lines:
            m = _TRAILING.search(text, line.start, line.end)
            if m is None or m.start() in skip:
                continue
            if m.start() == line.start > 0 and not line.has_break:
                continue    # a last line of spaces: WF303 removes it with the break before
            yield self.finding(m.start(), m.end(), [""])
