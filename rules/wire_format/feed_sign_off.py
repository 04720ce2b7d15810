"""WF351 feed-sign-off."""
from __future__ import annotations

import regex

from cleaner.findings import Applicability
from rules.base import Example, Phase, Rule

from .feed_data import END_MARKS, SIGN_OFFS, TAKE_MARKERS

_TAIL = r"(?:\.\.\.|\^M)?"
# What may follow the sign-off at the end of the story: white space, control codes (raw or
# as references) and nothing else.
_AFTER = r"(?=(?:[\s\x00-\x08\x0e-\x1f\x7f]|&#[0-9]{1,3};)*\Z)"
_FORMS = "|".join(regex.escape(f) for f in SIGN_OFFS + TAKE_MARKERS + END_MARKS)
# The sign-off on a line of its own (indented or not), and everything back to the end of
# the story's last visible character.
_OWN_LINE = regex.compile(rf"(?<=\S)(?P<gap>\s*(?:\r\n|\n|\r)[ \t]*)(?P<mark>(?:{_FORMS}){_TAIL})[ \t]*{_AFTER}")
# Run on after the last sentence: "...a year ago. REUTER".
_RUN_ON = regex.compile(
    rf"(?<=[.!?\"'’”)])(?P<gap>[ \t]+)(?P<mark>(?:{'|'.join(regex.escape(f) for f in SIGN_OFFS)}){_TAIL})"
    rf"[ \t]*{_AFTER}")
_INDENTED = regex.compile(r"(?:\r\n|\n|\r)[ \t]+\S")
_BLANK_LINE = regex.compile(r"(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)")
# The story's last line before the mark ends a sentence (or a table row).
_TERMINAL = frozenset(".!?\"'’”)-0123456789")


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
    trigger = regex.compile(rf"(?:{_FORMS}){_TAIL}[ \t]*{_AFTER}")
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
        Example.good("The company said in a statement sent to\nReuters"),
        Example.good("The figures were confirmed to Reuters."),
        Example.good("Reuter said the talks would go on. Paul Reuter, a banker, agreed."),
        Example.good("There is more\nmore"),
    )

    def check(self, doc, ctx):
        text = doc.text
        m = _OWN_LINE.search(text)
        if m is not None and self._stands_alone(text, m):
            yield self._finding(m, "gap")
            return
        m = _RUN_ON.search(text)
        if m is not None and m.group("mark").rstrip(".^M") in SIGN_OFFS:
            yield self._finding(m, "gap")

    @staticmethod
    def _stands_alone(text: str, m) -> bool:
        gap = m.group("gap")
        if _INDENTED.search(gap + m.group("mark")) or _BLANK_LINE.search(gap):
            return True
        return text[m.start() - 1] in _TERMINAL

    def _finding(self, m, gap):
        mark = m.group("mark")
        bare = mark.replace("...", "").replace("^M", "")
        what = ("take marker" if bare in TAKE_MARKERS else
                "end-of-copy mark" if bare in END_MARKS else "agency sign-off")
        return self.finding(m.start(gap), m.end("mark"), [""], what=what, mark=mark)
