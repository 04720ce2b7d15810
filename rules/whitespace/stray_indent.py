"""WF203 stray-indent."""
from __future__ import annotations

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._layout import is_list_line, is_tabular


class StrayIndent(Rule):
    """Spaces before the first word of a paragraph in a story whose paragraphs are not
    indented.

    ## What it does
    Removes the spaces or tabs that open a paragraph when the story's other paragraphs start
    at the margin.

    ## Why it happens in wire copy
    Scrapers join fields and descriptions with a separator and the field's own leading space
    ("LOS ANGELES (Reuters)" arrives as " LOS ANGELES"); two-space feed padding survives at
    the start of a paragraph.

    ## Example
    "The talks ended.\\n\\n  Officials left." becomes "The talks ended.\\n\\nOfficials left."

    ## Fix safety
    Safe when the story’s own layout shows the indent is stray: fewer than half of its
    paragraphs are indented, so indentation is not how it marks paragraphs (1987 Reuters
    copy indents every one, and keeps it), and a blank line stands above the paragraph (an
    indent with none above it is what starts the paragraph). Table rows, list items and the
    story's first paragraph (story-edge-whitespace, WF303) are left alone.

    ## Known false positives
    A block quotation set off by indentation alone in a story that otherwise has none.
    """

    code = "WF203"
    name = "stray-indent"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "white space before a paragraph in a story whose paragraphs start at the margin"
    fix_title = "Remove it"
    looks_for = LooksFor("\n ", "\n\t")
    examples = (
        Example.bad("The talks ended.\n\n  Officials left.\n\nNo deal was made.\n",
                    flagged=["  "], fixed="The talks ended.\n\nOfficials left.\n\nNo deal was made.\n"),
        Example.bad("The talks ended.\n\n LOS ANGELES (Reuters) - Officials left.\n\nNo deal.\n",
                    flagged=[" "], fixed="The talks ended.\n\nLOS ANGELES (Reuters) - Officials left.\n\nNo deal.\n"),
        Example.good("    Showers continued in the zone.\n    The dry period means delays.\n"
                     "    Arrivals were 1.2 mln bags.\n"),
        Example.good("The officials listed demands:\n\n  - a ceasefire\n\nThey left.\n\nNo deal.\n"),
        Example.good("Prices were:\n\n  Wheat   2.55   2.40\n  Corn    1.35   1.92\n\nThey rose.\n"),
        # Reuters: an indented line is how a paragraph starts when no blank line stands above
        Example.good("CANADIAN EXCHANGE NOON - APR 7\n U.S. dollar 1.3052/57\n\nEnd.\n\nMore.\n"),
    )

    def check(self, doc, ctx):
        text = doc.text
        paras = doc.paragraphs
        if len(paras) < 2:
            return
        indented = [p for p in paras if text[doc.lines[p.first_line].start] in " \t"]
        if 2 * len(indented) >= len(paras):
            return
        for p in indented:
            if p is paras[0] or not doc.is_blank_line(p.first_line - 1):
                continue    # without a blank line above, the indent is what starts the paragraph
            line = doc.lines[p.first_line]
            if is_tabular(doc, p.first_line) or is_list_line(doc, p.first_line):
                continue
            end = line.start
            while end < line.end and text[end] in " \t":
                end += 1
            if end > line.start and end < line.end:
                yield self.finding(line.start, end, [""])
