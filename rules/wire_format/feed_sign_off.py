"""WF351 feed-sign-off."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import ALWAYS, Example, Phase, Rule

from .feed_data import END_MARKS, SIGN_OFFS, TAKE_MARKERS

# a teleprinter tail after the mark: "...", a carriage return written "^M", or both
# ("REUTER...^M": 10 of the 1987 stories)
_TAIL = r"(?:\.\.\.)?(?:\^M)?"
_FORMS = "|".join(regex.escape(f) for f in SIGN_OFFS + TAKE_MARKERS + END_MARKS)
# The last line of the story is the mark, alone (indentation allowed).
_MARK_LINE = lazy_regex(rf"[ \t]*(?P<mark>(?:{_FORMS}){_TAIL})[ \t]*")
# The mark run on after the last sentence ("...a year ago. REUTER"), or in capitals after the
# last figure of a table ("SANTA FE.....21.....17 REUTER").
_RUN_ON = lazy_regex(
    rf"(?:(?<=[.!?\"'’”)>])(?P<gap>[ \t]+)(?P<mark>(?:{'|'.join(regex.escape(f) for f in SIGN_OFFS)}){_TAIL})"
    rf"|(?<=\d)(?P<gap>[ \t]+)(?P<mark>(?:REUTER|REUTERS){_TAIL}))"
    r"[ \t]*\Z", regex.V1)
# What may follow the mark: white space and control codes, raw or as references.
_TRAILING_CODE = lazy_regex(r"&#[0-9]{1,3};\Z")
_JUNK_CHARS = frozenset(" \t\r\n\f\v\u00a0" + "".join(map(chr, range(0, 32))) + "\x7f")
_SINGULAR = frozenset(("Reuter", "REUTER", "reuter"))
_LAST_WORD = lazy_regex(r"\p{L}+$", regex.V1)
# The story's last line before the mark ends a sentence (or a table row).
_TERMINAL = frozenset(".!?\"'’”)>-0123456789")


def content_end(text: str) -> int:
    """Where the story's words end: before trailing white space and control codes."""
    end = len(text)
    while end:
        if text[end - 1] in _JUNK_CHARS:
            end -= 1
            continue
        m = _TRAILING_CODE.search(text, max(0, end - 6), end)
        if m is None:
            break
        end = m.start()
    return end


def _may_end_in_sign_off(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end in a sign-off (with its tail and spaces)? A test of the
    last few characters that ``_RUN_ON`` needs to pass, before it scans the whole line."""
    last = text[max(start, end - 40):end].rstrip(" \t")
    last = last.removesuffix("^M").removesuffix("...")
    return last.endswith(SIGN_OFFS)


def _last_line(doc):
    """(end of the story's content, start of its last line, the closing mark that fills
    that line or None): read once per document by this rule and the wrap analysis."""
    text = doc.text
    end = content_end(text)
    line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    return end, line_start, _MARK_LINE.fullmatch(text, line_start, end)


def sign_off_line(doc) -> int | None:
    """The index of the line that holds nothing but a closing mark, if the story has one."""
    _end, line_start, own = doc.memo("wire.last-line", _last_line)
    if own is None:
        return None
    return doc.line_index(line_start)


class FeedSignOff(Rule):
    """An agency sign-off or take marker at the end of a story: "Reuter", "MORE", "-30-".

    ## What it does
    Removes the sign-off that ends a story ("Reuter", "REUTER...", "REUTER^M"), the take
    marker "MORE", or an end-of-copy mark ("-30-", "###", "(END)"), with the blank lines
    before it. It must be the last thing in the story (control codes may follow) and stand
    on a line of its own, or be run on after the last sentence ("...a year ago. REUTER").

    ## Why it happens in wire copy
    Teleprinter copy ended with the agency's name and a control code; Reuters' 1987 feed
    signs off 18,829 of its 19,043 stories this way. Republished copy must not carry it.

    ## Example
    "...published after carnival.\\n Reuter\\n&#3;" becomes "...published after
    carnival.\\n&#3;" (feed-control-code then removes the "&#3;").

    ## Fix safety
    Safe: the word is furniture only in that position. On its own line it must start a
    paragraph (after a blank line or indented) or follow a line that ends a sentence, so a
    sentence that ends "...told\\nReuters" keeps its last word. "Reuters." with a full stop is
    prose and is never touched.

    ## Known false positives
    A story whose last line is a one-word paragraph "More".
    """

    code = "WF351"
    name = "feed-sign-off"
    family = "wire-format"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{what} “{mark}” at the end of the story"
    fix_title = "Remove it"
    looks_for = ALWAYS   # the check reads only the end of the story
    examples = (
        Example.bad("after carnival which ends midday on February 27.\n Reuter\n&#3;",
                    flagged=["\n Reuter"], fixed="after carnival which ends midday on February 27.\n&#3;"),
        Example.bad("The bank said.\n       \n REUTER...\n", flagged=["\n       \n REUTER..."],
                    fixed="The bank said.\n"),
        Example.bad("rated her less highly. REUTER\n&#3;", flagged=[" REUTER"],
                    fixed="rated her less highly.\n&#3;"),
        Example.bad("The company will report on Friday.\n More\n", flagged=["\n More"],
                    fixed="The company will report on Friday.\n"),
        Example.bad("Talks end Monday.\r\n\r\n-30-\r\n", flagged=["\r\n\r\n-30-"],
                    fixed="Talks end Monday.\r\n"),
        Example.bad("    SANTA FE...........21.......18...........17 REUTER\n&#3;", flagged=[" REUTER"],
                    fixed="    SANTA FE...........21.......18...........17\n&#3;"),
        Example.bad("Full name is Nationale Nederlanden NV <NTNN.AS>\nREUTER\n", flagged=["\nREUTER"],
                    fixed="Full name is Nationale Nederlanden NV <NTNN.AS>\n"),
        Example.bad("Electronics 1.0 mln vs 0.1 mln\nREUTER^M\n", flagged=["\nREUTER^M"],
                    fixed="Electronics 1.0 mln vs 0.1 mln\n"),
        Example.bad("It is rated AAA by Standard and Poor's\nCorp.\nREUTER...^M\n&#3;",
                    flagged=["\nREUTER...^M"],
                    fixed="It is rated AAA by Standard and Poor's\nCorp.\n&#3;"),
        Example.good("The company said in a statement sent to\nReuters"),
        Example.good("The plan was approved by Daimler-Benz chief Edzard\nReuter"),
        Example.good("The figures were given to 17 Reuters"),
        Example.good("The figures were confirmed to Reuters."),
        Example.good("Reuter said the talks would go on. Paul Reuter, a banker, agreed."),
        Example.good("There is more\nmore"),
    )

    def check(self, doc, ctx):
        text = doc.text
        end, line_start, own = doc.memo("wire.last-line", _last_line)
        if own is not None and line_start > 0:
            visible = line_start
            while visible and text[visible - 1].isspace():
                visible -= 1
            if visible and self._stands_alone(text, visible, line_start, own.group("mark")):
                yield self._finding(visible, own.end("mark"), own.group("mark"))
            return
        if not _may_end_in_sign_off(text, line_start, end):
            return
        m = _RUN_ON.search(text, line_start, end)
        if m is not None:
            yield self._finding(m.start("gap"), m.end("mark"), m.group("mark"))

    @staticmethod
    def _stands_alone(text: str, visible: int, line_start: int, mark: str) -> bool:
        """A paragraph of its own (after a blank line, or indented), or after a sentence.
        A teleprinter tail ("REUTER^M") or the singular "Reuter" (the agency is "Reuters")
        needs neither, unless a first name ends the line before ("said Edzard\nReuter")."""
        if mark.endswith(("...", "^M")):
            return True
        if mark in _SINGULAR:
            word = _LAST_WORD.search(text, max(0, visible - 40), visible)
            if word is None or not word.group()[0].isupper():
                return True
        gap = text[visible:line_start]
        if gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1:
            return True
        if text[line_start] in " \t":
            return True
        return text[visible - 1] in _TERMINAL

    def _finding(self, start: int, end: int, mark: str):
        bare = mark.replace("...", "").replace("^M", "")
        what = ("take marker" if bare in TAKE_MARKERS else
                "end-of-copy mark" if bare in END_MARKS else "agency sign-off")
        return self.finding(start, end, [""], what=what, mark=mark)
