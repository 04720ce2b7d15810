"""WF207 backslash-line-break."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Phase, Rule

# One or two backslashes (a line or paragraph break) with the spaces around them. A
# backslash before $ % & # _ { } is an escape (backslash-escape, WF208).
_BREAK = regex.compile(r"[ \t]*(?<!\\)\\{1,2}(?![\\$%&#_{}])[ \t]*")
# Paths and escapes that are not breaks: C:\Windows, \\server\share, HKEY_...\Software,
# a literal "\n" written as a word.
_PATH_TOKEN = regex.compile(r"(?<![\w.-])[A-Za-z]:\\|\\\\\w+\\|\w+\\\w+\\\w+|(?:^|(?<=\s))\\[a-z](?=\s|$)")
_TOKEN = regex.compile(r"\S+")


class BackslashLineBreak(Rule):
    """A backslash where a line break was: "A second\\team of rocketeers".

    ## What it does
    Replaces a backslash that stands for a line break with one space: "second\\team"
    becomes "second team". A doubled backslash (a paragraph break) also becomes one space,
    and one at the start or end of the text is removed.

    ## Why it happens in wire copy
    Exports that escape line breaks lose the "n" of "\\n", so a break becomes a bare
    backslash. The AG News corpus has 1,670 of them, 629 in mid-sentence.

    ## Example
    "competing for the prize, a contest for\\privately funded flight" becomes
    "... a contest for privately funded flight".

    ## Fix safety
    Safe: plain copy has no other use for a backslash between words. File paths
    ("C:\\Windows", "\\\\server\\share", "HKEY_LOCAL_MACHINE\\Software\\Microsoft") and
    written escapes ("\\n") are skipped, and "\\$" is backslash-escape (WF208).

    ## Known false positives
    Kaomoji and ASCII art ("¯\\_(ツ)_/¯") would lose their backslash if written between
    letters.
    """

    code = "WF207"
    name = "backslash-line-break"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "backslash used as a {what}"
    fix_title = "Replace with a space"
    trigger = Cheap("\\")
    examples = (
        Example.bad("A second\\team of rocketeers competing for\\privately funded flight",
                    flagged=["\\", "\\"],
                    fixed="A second team of rocketeers competing for privately funded flight"),
        Example.bad("of virus infections in 2004.\"\\\\\"The 18-year-old",
                    flagged=["\\\\"], fixed="of virus infections in 2004.\" \"The 18-year-old"),
        Example.bad("\\\\\"Sven Jaschan said \\ nothing.\\", flagged=["\\\\", " \\ ", "\\"],
                    fixed="\"Sven Jaschan said nothing."),
        Example.good("Open C:\\Windows\\System32 or \\\\server\\share\\docs; type \\n for a newline."),
        Example.good("Rouse for \\$7.2 billion"),
        Example.bad("From Gizmodo:\\\\\"Not only that\" and Grand Theft Auto:\\San Andreas",
                    flagged=["\\\\", "\\"],
                    fixed="From Gizmodo: \"Not only that\" and Grand Theft Auto: San Andreas"),
        Example.good("Under HKEY_LOCAL_MACHINE\\Software\\Microsoft the key is set."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _BREAK.finditer(text):
            s, e = m.span()
            token = _token_at(text, m.start() + m.group().index("\\"))
            if token is not None and _PATH_TOKEN.search(token):
                continue
            slashes = m.group().count("\\")
            before = text[s - 1] if s else ""
            after = text[e] if e < len(text) else ""
            inside = before and after and before not in "\r\n" and after not in "\r\n"
            yield self.finding(s, e, [" " if inside else ""],
                               what="paragraph break" if slashes == 2 else "line break")


def _token_at(text: str, i: int) -> str | None:
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = i
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end] if end > start else None
