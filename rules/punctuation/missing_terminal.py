"""WF401 missing-terminal-punctuation."""
from __future__ import annotations

import regex

from cleaner.findings import Applicability
from rules.base import Example, Rule

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'.-]*")
_LIST_ITEM = regex.compile(r"(?:[-*•–—]|\p{N}{1,2}[.)]|\p{L}[.)])\s")
_BYLINE = regex.compile(r"(?i:by|from|with|photo|video|editing|reporting|writing)\b")
_COLUMN_GAP = regex.compile(r"\S[ \t]{2,}\S")
_CLOSERS = "”\"’')]»"


def _is_running_text(words: list[str]) -> bool:
    """Prose, not a headline or a label: enough words, most of them lower case."""
    if len(words) < 8:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower / len(words) >= 0.5


class MissingTerminalPunctuation(Rule):
    """A paragraph of running text that ends without a full stop.

    ## What it does
    Adds the missing full stop at the end of a paragraph of prose whose last sentence has no
    terminal punctuation (. ! ? or a closing quotation mark after one).

    ## Why it happens in wire copy
    Translation engines and scrapers drop the last character of a paragraph, and
    paragraph-splitting feeds cut a sentence's final stop off with the line break.

    ## Example
    "... as outlandish and unprofessional" at the end of a paragraph becomes "... as
    outlandish and unprofessional."

    ## Fix safety
    Safe when the paragraph is running text (at least eight words, mostly lower case, with a
    comma or a full stop inside) and ends in a lower-case word: nothing else can end it.
    Unsafe when it ends in a number, a capitalised word or a closing quotation mark, where
    it might be a caption, a label or a quote whose punctuation belongs elsewhere.

    ## Known false positives
    Headlines, datelines, bylines, separator lines ("___"), list items, tables and lines
    ending with a colon are never flagged. A long headline in sentence case would be.
    """

    code = "WF401"
    name = "missing-terminal-punctuation"
    family = "punctuation"
    applicability = Applicability.SAFE
    message = "The paragraph ends without a full stop"
    fix_title = "Add a full stop"
    examples = (
        Example.bad("China rejected a report by a US security firm, which blamed hackers, as "
                    "outlandish and unprofessional\n\nA spokesperson repeated the accusations.\n",
                    flagged=[""],
                    fixed="China rejected a report by a US security firm, which blamed hackers, as "
                          "outlandish and unprofessional.\n\nA spokesperson repeated the accusations.\n"),
        Example.bad("The ministry said output rose, in line with forecasts, to 4.5 million",
                    flagged=[""],
                    fixed="The ministry said output rose, in line with forecasts, to 4.5 million."),
        Example.good("Blinken Opens Talks in Beijing as Tensions Run High\n\nThe talks began."),
        Example.good("___\n\nAssociated Press writer Seung Min Kim in Washington contributed to this report."),
        Example.good("The officials listed three demands for the talks to go ahead:\n- a ceasefire"),
        Example.good("- the release of detained citizens and an end to the export of precursors"),
        Example.good("Shr 22 cts vs 19 cts\nNet 1,234,000 vs 987,000"),
        Example.good("He said the talks were over and there was nothing left to discuss at all!"),
        Example.good("By Seung Min Kim and Huizhong Wu of the Associated Press in Washington and Taipei"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for p in doc.paragraphs:
            body = text[p.start:p.end]
            last = body[-1]
            if not (last.isalnum() or last in _CLOSERS):
                continue
            if _LIST_ITEM.match(body) or _BYLINE.match(body):
                continue
            if any(_COLUMN_GAP.search(text, doc.lines[i].start, doc.lines[i].end)
                   for i in range(p.first_line, p.last_line + 1)):
                continue
            words = _WORD.findall(body)
            if not _is_running_text(words) or not regex.search(r"[,.;]", body[:-1]):
                continue
            core = body.rstrip(_CLOSERS)
            if not core or not core[-1].isalnum():
                continue  # '... ended.”' or 'said:'
            at = p.start + len(core)
            safe = core[-1].isalpha() and core[-1].islower() and core == body
            yield self.finding(at, at, ["."],
                               applicability=Applicability.SAFE if safe else Applicability.UNSAFE)
