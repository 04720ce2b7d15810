"""WF350 feed-control-code."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
# lazy_re: _NON_SPACE is the white space str.strip() removes (the stdlib's \s), which
# `regex`'s \s is not (U+001C..U+001F).
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from .feed_data import CONTROL_CODES

_NUMBERS = "|".join(str(n) for n in sorted(CONTROL_CODES, reverse=True))
# One or more control-code references in a row: "&#3;", "&#127;&#127;", "&#x3;".
_CODE = lazy_regex(rf"(?:&#(?:0*(?:{_NUMBERS})|[xX]0*(?:{'|'.join(f'{n:x}' for n in CONTROL_CODES)}));)+",
                   regex.IGNORECASE)
_ONE = lazy_regex(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")
_NON_SPACE = lazy_re(r"\S")    # stdlib: the same white space as str.strip()
_WORD_LEFT = lazy_regex(r"\p{L}+$", regex.V1)
_WORD_RIGHT = lazy_regex(r"\p{L}+", regex.V1)


def _codes(run: str) -> list[int]:
    return [int(d) if d else int(h, 16) for d, h in _ONE.findall(run)]


class FeedControlCode(Rule):
    """A feed control code written as a character reference: "&#3;", "&#2;", "&#127;".

    ## What it does
    Removes references to control codes: the STX and ETX codes that framed each story
    (Reuters' 1987 feed ends every story with "&#3;"), and line noise such as DEL
    ("&#127;") inside words. A code that fills a line of its own goes with its line break;
    on the story's last line, with no line break after it, it goes with the break before
    it, so that a story without a final newline does not gain one.

    ## Why it happens in wire copy
    Teleprinter protocols marked the start and end of a story with control codes. When the
    feed was converted to SGML or HTML, they became numeric references, and line noise on
    the circuit became DEL references in the middle of words.

    ## Example
    "...after carnival which ends midday on February 27.\\n&#3;" loses its "&#3;";
    "country's&#127;ate of inflation" becomes "country'sate of inflation".

    ## Fix safety
    Safe: the codes are not text. Line noise may have replaced a character rather than
    been inserted ("p&#127;id" for "paid"); the code still goes, and the message asks the
    editor to check the word. Between two words, a space is put in when both are words the
    story uses elsewhere and their join is not ("for&#127;the" becomes "for the").

    ## Known false positives
    None known: plain text never spells out control codes.
    """

    code = "WF350"
    name = "feed-control-code"
    family = "wire-format"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "feed control code {codes}{detail}"
    fix_title = "Remove it"
    looks_for = LooksFor(patterns=[r"&#[xX]?[0-9a-fA-F]{1,3};"])
    examples = (
        Example.bad("ends midday on February 27.\n Reuter\n&#3;", flagged=["\n&#3;"],
                    fixed="ends midday on February 27.\n Reuter"),
        Example.bad("prices rose 12 pct.\r\n\r\n&#3;", flagged=["\r\n\r\n&#3;"],
                    fixed="prices rose 12 pct."),
        Example.bad("&#2;\nTORONTO STATISTICS\n", flagged=["&#2;\n"], fixed="TORONTO STATISTICS\n"),
        Example.bad("To&#127;&#127;day's arrest came after the firm's collapse today",
                    flagged=["&#127;&#127;"], fixed="Today's arrest came after the firm's collapse today"),
        Example.bad("making 13 cents for&#127;the year, for the first time in the year",
                    flagged=["&#127;"], fixed="making 13 cents for the year, for the first time in the year"),
        Example.good("Chapter &#167;3 and &#39;quotes&#39; are not control codes."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _CODE.finditer(text):
            s, e = m.span()
            if waits_for_unwrap(doc, ctx, s, e):
                continue
            codes = _codes(m.group())
            names = ", ".join(dict.fromkeys(CONTROL_CODES[c] for c in codes))
            line = doc.lines[doc.line_index(s)]
            # (searched, not sliced: a line of a thousand codes is read once, not per code)
            own_line = (_NON_SPACE.search(text, line.start, s) is None
                        and _NON_SPACE.search(text, e, line.end) is None)
            if own_line and line.has_break and s == line.start:
                yield self.finding(s, line.next, [""], codes=m.group(), detail=f": {names}")
                continue
            if own_line and not line.has_break and line.start > 0:
                # the story's last line, with no line break after it: it goes with the
                # break (and blank lines) before it, so that a story without a final
                # newline does not gain one
                before = len(text[:line.start].rstrip())
                if before:
                    yield self.finding(before, e, [""], codes=m.group(), detail=f": {names}")
                    continue
            repl, detail = _join(doc, s, e)
            yield self.finding(s, e, [repl], codes=m.group(), detail=f": {names}{detail}")


def _join(doc, s: int, e: int) -> tuple[str, str]:
    """What goes where the codes were between two letters: "" or " ", and a note."""
    text = doc.text
    left = _WORD_LEFT.search(text, max(0, s - 40), s)
    right = _WORD_RIGHT.match(text, e)
    if left is None or right is None:
        return "", ""
    words = doc.word_counts
    joined = left.group() + right.group()
    if words.get(joined) or words.get(joined.capitalize()) or words.get(joined.lower()):
        return "", " (inside the word “" + joined + "”)"
    if left.group() in words and right.group() in words and \
            (words[left.group()] > 1 and words[right.group()] > 1):
        return " ", " between two words"
    return "", "; line noise may have replaced a letter here: check “" + joined + "”"
