"""WF403 unbalanced-quotation-marks."""
from __future__ import annotations

import bisect
import re

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Rule

_MARKS = regex.compile(r"[“”\"()]")
# The same marks for a scan of the whole story: the standard library's engine finds a
# character class about twice as fast as ``regex``.
_MARK_AT = re.compile(r"[“”\"()]")
_LIST_LABEL = regex.compile(r"(?:^|[\s(])(?:\p{N}{1,2}|\p{L})\)$")


def _role(text: str, at: int) -> str:
    """A straight quote opens when it follows a space, a bracket or the start of a line, or
    when it sits between a word and a capital ('said"It was'); otherwise it closes."""
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    if before.isspace() or before in "([{—–-:":
        return "open"
    return "open" if before.isalpha() and after.isupper() else "close"


def unmatched_marks(doc) -> list[tuple[int, str]]:
    """Marks with no partner. Quotes pair across paragraphs, since a quote may run over
    several: AP style leaves it open at a paragraph's end and opens the next paragraph with a
    quotation mark again, which continues the quote rather than opening a new one. Brackets
    pair within their paragraph."""
    text = doc.text
    paras = doc.paragraphs
    out: list[tuple[int, str]] = []
    open_quote: int | None = None
    # where the marks are, found in one pass: a paragraph without one changes nothing
    # unless a quote is open (most paragraphs of a story have none)
    marks = [m.start() for m in _MARK_AT.finditer(text)]
    for i, p in enumerate(paras):
        lo = bisect.bisect_left(marks, p.start)
        hi = bisect.bisect_left(marks, p.end, lo)
        if open_quote is None and lo == hi:
            continue
        continues = open_quote is not None and text[p.start] in "“\""
        parens: list[int] = []
        for at in marks[lo:hi]:
            ch = text[at]
            if ch in "()":
                if ch == "(":
                    parens.append(at)
                elif parens:
                    parens.pop()
                elif not _LIST_LABEL.search(text, max(p.start, at - 4), at + 1):
                    out.append((at, "closing bracket without an opening one"))
                continue
            role = "open" if ch == "“" else "close" if ch == "”" else _role(text, at)
            if ch == '"' and open_quote is not None and role == "open" and at != p.start:
                role = "close"  # a straight quote after an open one closes it
            if role == "open":
                if continues and at == p.start:
                    continues = False
                    continue
                if open_quote is not None:
                    out.append((open_quote, "quotation mark that is never closed"))
                open_quote = at
            elif open_quote is not None:
                open_quote = None
            else:
                out.append((at, "closing quotation mark without an opening one"))
        out.extend((at, "bracket that is never closed") for at in parens)
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if open_quote is not None and (nxt is None or text[nxt.start] not in "“\""):
            # a quote left open at a paragraph end must be continued by the next paragraph,
            # or closed later in a paragraph of its own (old feeds did that)
            if not _closed_later(text, nxt):
                out.append((open_quote, "quotation mark that is never closed"))
                open_quote = None
    if open_quote is not None:
        out.append((open_quote, "quotation mark that is never closed"))
    return sorted(set(out))


def _closed_later(text: str, q) -> bool:
    """Does the next paragraph ``q`` (None after the last one), which begins without a
    quote, hold a closing mark first?"""
    if q is None:
        return False
    m = _MARKS.search(text, q.start, q.end)
    return m is not None and (m.group() == "”" or (m.group() == '"' and _role(text, m.start()) == "close"))


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
    trigger = Cheap('"', "(", ")", unicode=regex.compile(r"[“”]"))
    examples = (
        Example.bad("“We came to Beijing with a realistic approach, said Daniel Kritenbrink.",
                    flagged=["“"]),
        Example.bad("He said the talks (which began Monday were long.", flagged=["("]),
        Example.bad("Officials called it a success” on Friday.", flagged=["”"]),
        Example.good("“We came to Beijing,” said Daniel Kritenbrink (the top US diplomat)."),
        Example.good("“The first paragraph of a long quote runs on.\n\n“And the quote ends here,” he said."),
        Example.good("The options were a) talks and b) sanctions."),
        Example.good('"The decline will go on for some time,\nhe said.\n    Businesses are reacting more than we thought."'),
        Example.good('He called the report "outlandish and unprofessional" on Monday.'),
    )

    def check(self, doc, ctx):
        for at, what in unmatched_marks(doc):
            yield self.finding(at, at + 1, what=what)
