"""WF403 unbalanced-quotation-marks."""
from __future__ import annotations

import regex

from cleaner.findings import Applicability
from rules.base import Example, Rule

_MARKS = regex.compile(r"[“”\"()]")
_LIST_LABEL = regex.compile(r"(?:^|[\s(])(?:\p{N}{1,2}|\p{L})\)$")


def _unmatched(text: str, start: int, end: int, next_starts_quote: bool) -> list[tuple[int, str]]:
    """Offsets of marks with no partner in one paragraph. An opening quotation mark left open
    at the end of a paragraph is correct when the next paragraph opens a quote again (AP
    style for a quote that runs on)."""
    out: list[tuple[int, str]] = []
    curly: list[int] = []
    straight: list[int] = []
    parens: list[int] = []
    for m in _MARKS.finditer(text, start, end):
        ch, at = m.group(), m.start()
        if ch == "“":
            curly.append(at)
        elif ch == "”":
            if curly:
                curly.pop()
            else:
                out.append((at, "closing quotation mark without an opening one"))
        elif ch == '"':
            if straight:
                straight.pop()
            else:
                straight.append(at)
        elif ch == "(":
            parens.append(at)
        elif ch == ")":
            if parens:
                parens.pop()
            elif not _LIST_LABEL.search(text, max(start, at - 4), at + 1):
                out.append((at, "closing bracket without an opening one"))
    if not next_starts_quote:
        out.extend((at, "quotation mark that is never closed") for at in curly + straight)
    out.extend((at, "bracket that is never closed") for at in parens)
    return sorted(out)


class UnbalancedQuotationMarks(Rule):
    """Quotation marks or brackets without their partner in a paragraph.

    ## What it does
    Flags an opening quotation mark or bracket that is never closed in its paragraph, and a
    closing one that was never opened. A quote left open at the end of a paragraph is
    accepted when the next paragraph opens a quote again, as AP style does for a quote that
    runs over several paragraphs.

    ## Why it happens in wire copy
    Translation engines and feed converters drop one mark of a pair, most often when a quote
    spans a line break or a tag boundary.

    ## Example
    "“We came to Beijing with a realistic approach, said Daniel Kritenbrink." is flagged: the
    quote is never closed.

    ## Fix safety
    Display only: where the missing mark belongs is for an editor to decide.

    ## Known false positives
    List labels such as "a)" and "1)" are not counted as brackets. Straight double quotes used
    as inch marks (6" tall) would be flagged.
    """

    code = "WF403"
    name = "unbalanced-quotation-marks"
    family = "punctuation"
    applicability = Applicability.DISPLAY
    message = "A {what}"
    trigger = regex.compile(r"[“”\"()]")
    examples = (
        Example.bad("“We came to Beijing with a realistic approach, said Daniel Kritenbrink.",
                    flagged=["“"]),
        Example.bad("He said the talks (which began Monday were long.", flagged=["("]),
        Example.bad("Officials called it a success” on Friday.", flagged=["”"]),
        Example.good("“We came to Beijing,” said Daniel Kritenbrink (the top US diplomat)."),
        Example.good("“The first paragraph of a long quote runs on.\n\n“And the quote ends here,” he said."),
        Example.good("The options were a) talks and b) sanctions."),
    )

    def check(self, doc, ctx):
        text = doc.text
        paras = doc.paragraphs
        for i, p in enumerate(paras):
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            next_quote = nxt is not None and text[nxt.start:nxt.start + 1] in "“\""
            for at, what in _unmatched(text, p.start, p.end, next_quote):
                yield self.finding(at, at + 1, what=what)
