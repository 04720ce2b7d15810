"""WF207 backslash-line-break."""
from __future__ import annotations

from typing import NamedTuple

import regex

from wirefix.cleaner.document import Document
from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.language import abbreviation_kind
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# A written escape, "\n", "\r\n" or "\t", that is not the start of a word: "Monday.\nThe",
# "(b. 1947)\nAlberto", "summer.\n" at a paragraph's end. A letter in lower case after it
# ("second\team") makes it a bare backslash before a word (AG News' line breaks).
_ESCAPE = lazy_regex(r"\\[ntr](?![a-z])")
# "\n" that MT split with a space: "summer. \ n", "\ nAnd I stay".
_GARBLED = lazy_regex(r"\\[ \t]+[ntr](?=[\s\p{Lu}]|$)", regex.V1)
# One run of backslashes with the spaces around it; written escapes in a row count as one run.
_RUN = lazy_regex(r"[ \t]*(?:(?P<esc>(?:\\[ntr](?![a-z]))+)|\\+)[ \t]*")
# Paths and registry keys: C:\Windows, \\server\share, HKEY_...\Software\Microsoft.
_PATH = lazy_regex(r"(?<![\w.-])[A-Za-z]:\\|\\\\\w+\\|\w+\\\w+\\\w+")
# A dateline after a headline run into the story: "... Repair \ PORTLAND, Maine (AP) —".
_DATELINE = lazy_regex(
    r"\p{Lu}[\p{Lu}\p{M}.'’-]+(?: \p{Lu}[\p{Lu}\p{M}.'’-]+){0,3}"
    r"(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}?[\p{L}.]*){0,2}(?: \d{1,2})?)?"
    r"(?: \([\p{L} ]{2,20}\))?[ \t]*(?:—|–|--|-|&?#151;|&?#8212;|&mdash;) ", regex.V1)
_DIGIT_AFTER = lazy_regex(r"[ \t]?\d")
_ONLY_CLOSERS = lazy_regex(r"[\"”’')\].,;:!?]*[ \t]*(?:\r?\n|\r|$)")
_OPENING = "\"“‘'(["
_CLOSING = "\"”’')]"
# How far to look for the word a backslash sits in (a path is short; a line of 16,000
# written escapes is not a path, and must not be read once per backslash).
_TOKEN_REACH = 80


class Break(NamedTuple):
    start: int
    end: int
    replacement: str
    what: str


def _token(text: str, i: int) -> str:
    """The visible characters around ``text[i]``, at most _TOKEN_REACH on each side."""
    lo = i
    stop = max(0, i - _TOKEN_REACH)
    while lo > stop and not text[lo - 1].isspace():
        lo -= 1
    hi = i
    stop = min(len(text), i + _TOKEN_REACH)
    while hi < stop and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def paragraph_separator(text: str) -> str:
    """How the story separates paragraphs: a blank line, or one line break when its lines are
    broken but never by a blank line (a final line break says nothing)."""
    crlf = "\r\n" in text
    inner = text.strip()
    if "\n" in inner and "\n\n" not in inner and "\r\n\r\n" not in inner:
        return "\r\n" if crlf else "\n"
    return "\r\n\r\n" if crlf else "\n\n"


def _kaomoji_at(text: str, i: int) -> bool:
    """A backslash for an arm ("\\(^o^)/", "¯\\_(ツ)_/¯"), not a break: "Institute\\(IMARPE)" is
    a break before a bracket."""
    nxt = text[i + 1:i + 2]
    prev = text[i - 1:i]
    return (nxt == "(" and not text[i + 2:i + 3].isalpha()) or nxt == "_" or \
        (prev != "" and prev in ")¯")


def _ignorable(text: str, i: int, slashes: int) -> bool:
    """A run of ``slashes`` backslashes at ``i`` that is no break in any reading: ASCII art,
    an escaped character (backslash-escape, WF208), a kaomoji, a yen sign written as a
    backslash in Japanese fonts ("\\ 1,980", "(\\1,980)"), a path."""
    nxt = text[i + slashes:i + slashes + 1]
    prev = text[i - 1:i]
    if slashes > 2 or (slashes == 1 and nxt != "" and nxt in "$%&#_{}"):
        return True
    if _kaomoji_at(text, i):
        return True
    if slashes == 1 and (not prev or prev in " \t(:") and _DIGIT_AFTER.match(text, i + 1):
        return True
    return _PATH.search(_token(text, i)) is not None


def _sentence_ends_before(text: str, i: int) -> bool:
    """The text before offset ``i`` ends a sentence: ". ! ?" (a closing mark after one),
    and not the full stop of a title ("Sen. \\ John")."""
    j = i
    while j > 0:
        if text[j - 1] in _CLOSING or text[j - 1] in " \t":
            j -= 1
            continue
        m = _QUOTE_ENTITY_END.search(text, max(0, j - 8), j)
        if m is None:
            break
        j = m.start()
    if j == 0 or text[j - 1] not in ".!?":
        return False
    # "Mr." never ends a sentence; "p.m.", "Inc." and "Shelby Z." do before a capital
    return text[j - 1] != "." or abbreviation_kind(text, j - 1) != "title"


# An opening quotation mark still written as an entity, whole or bare ("quot;We", "&#39;").
_QUOTE_ENTITY_SOURCE = r"&?(?:quot|apos|#3[49]|#14[5-8]|#82(?:1[6-9]|2[01])|[lr][sd]quo);"
_QUOTE_ENTITY = lazy_regex(_QUOTE_ENTITY_SOURCE)
_QUOTE_ENTITY_END = lazy_regex(_QUOTE_ENTITY_SOURCE + "$")


def _sentence_starts_at(text: str, i: int) -> bool:
    j = i
    while j < len(text):
        if text[j] in _OPENING or text[j] in " \t":
            j += 1
            continue
        m = _QUOTE_ENTITY.match(text, j)
        if m is None:
            break
        j = m.end()
    return j < len(text) and (text[j].isupper() or text[j].isdigit())


def _breaks(doc: Document) -> list[Break]:
    text = doc.text
    n = len(text)
    # a story that writes escapes, cleanly ("\n") or garbled by MT ("\ n", "\ nAnd")
    writes_escapes = _ESCAPE.search(text) is not None or _GARBLED.search(text) is not None
    sep = paragraph_separator(text)
    # the story's line break, looked for once (not once per escape)
    newline = "\r\n" if "\r\n" in text else "\n"
    found: list[Break] = []
    spaced_joins: list[int] = []     # indexes in `found` of spaced single backslashes
    mid_sentence = garbled = False
    for m in _RUN.finditer(text):
        s, e = m.span()
        first = text.index("\\", s)
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        at_edge = not before or before in "\r\n" or not after or after in "\r\n"
        if m.group("esc"):
            # "summer.\n\"" at a paragraph's end: only closing marks follow the escape
            at_edge = at_edge or _ONLY_CLOSERS.match(text, e) is not None
            breaks = m.group("esc").count("\\n") + m.group("esc").count("\\r")
            if at_edge:
                repl = ""
            elif breaks >= 2:
                repl = sep
            elif breaks == 1:
                repl = newline
            else:
                repl = " "
            found.append(Break(s, e, repl, "written escape (“\\n” is a line break)"))
            continue
        slashes = m.group().count("\\")
        if _ignorable(text, first, slashes):
            continue
        if writes_escapes:
            # a story that writes "\n" uses the backslash for escapes: the rest is left, and
            # so are the escapes when a mangled one ("\ Nlook") shows the copy is garbled
            # (were the escapes repaired alone, the next pass would lose the evidence)
            garbled = True
            continue
        if at_edge:
            found.append(Break(s, e, "", "line break at the edge of a line"))
        elif slashes == 2:
            found.append(Break(s, e, sep, "paragraph break"))
        elif text[s] in " \t" and text[e - 1] in " \t":
            # " \ " between two paragraphs run into one line, or a wrapped line: the story
            # decides, below
            if not (_sentence_ends_before(text, s) and _sentence_starts_at(text, e)) and \
                    not _DATELINE.match(text, e):
                mid_sentence = True
            spaced_joins.append(len(found))
            found.append(Break(s, e, " ", "line break"))
        else:
            found.append(Break(s, e, " ", "line break"))
    if garbled:
        return []
    if spaced_joins and not mid_sentence:
        # every spaced backslash stands between two sentences (or before a dateline): the
        # story's paragraphs were run into one line
        for k in spaced_joins:
            b = found[k]
            found[k] = Break(b.start, b.end, sep, "paragraph break")
    return found


class BackslashLineBreak(Rule):
    """A backslash where a line break was: "A second\\team of rocketeers".

    ## What it does
    Replaces a backslash that stands for a line break with one space ("second\\team" becomes
    "second team"), a doubled backslash with a paragraph break (a headline run into the
    story: "Keyhole\\\\After a tip"), and a written escape ("Monday.\\nThe company") with the
    line break it stands for. Paragraphs run into one line with " \\ " between them get their
    paragraph breaks back when every such backslash in the story stands between two
    sentences. One at the start or end of a line is removed.

    ## Why it happens in wire copy
    Exports that escape line breaks lose the "n" of "\\n", so a break becomes a bare
    backslash; other exports keep the whole "\\n" as text. The AG News corpus has 1,670 bare
    backslashes, 629 in mid-sentence; MT output keeps the "\\n" of its source.

    ## Example
    "competing for the prize, a contest for\\privately funded flight" becomes
    "... a contest for privately funded flight".

    ## Fix safety
    Safe: plain copy has no other use for a backslash between words. A paragraph break is
    made only where the story shows it: a doubled backslash, or spaced backslashes that all
    stand between a sentence's end (not an abbreviation's full stop) and a capital. A story
    that writes escapes ("\\n") uses the backslash for nothing else, so there only the
    escapes are repaired, and none at all when a mangled one ("\\ Nlook") shows the copy is
    garbled. File paths
    ("C:\\Windows", "\\\\server\\share", "HKEY_LOCAL_MACHINE\\Software\\Microsoft"), a yen
    sign written as a backslash ("\\ 1,980"), kaomoji ("＼(^o^)／", "¯\\_(ツ)_/¯") and
    escaped characters ("\\$", backslash-escape WF208) are skipped.

    ## Known false positives
    A story about code that quotes "\\n" is given line breaks.
    """

    code = "WF207"
    name = "backslash-line-break"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "backslash used as a {what}"
    fix_title = "Replace with a space"
    looks_for = LooksFor("\\")
    examples = (
        Example.bad("A second\\team of rocketeers competing for\\privately funded flight",
                    flagged=["\\", "\\"],
                    fixed="A second team of rocketeers competing for privately funded flight"),
        Example.bad("of virus infections in 2004.\"\\\\\"The 18-year-old",
                    flagged=["\\\\"], fixed="of virus infections in 2004.\"\n\n\"The 18-year-old"),
        Example.bad("\\\\\"Sven Jaschan said \\ nothing.\\", flagged=["\\\\", " \\ ", "\\"],
                    fixed="\"Sven Jaschan said nothing."),
        Example.good("Open C:\\Windows\\System32 or \\\\server\\share\\docs."),
        Example.good("Rouse for \\$7.2 billion"),
        Example.bad("From Gizmodo:\\\\\"Not only that\" and Grand Theft Auto:\\San Andreas",
                    flagged=["\\\\", "\\"],
                    fixed="From Gizmodo:\n\n\"Not only that\" and Grand Theft Auto: San Andreas"),
        Example.good("Under HKEY_LOCAL_MACHINE\\Software\\Microsoft the key is set."),
        # AG News: a headline run into the story with a doubled backslash (issue 14)
        Example.bad("Google Hacks Keyhole\\\\After a tip from a reader, the search company said.",
                    flagged=["\\\\"],
                    fixed="Google Hacks Keyhole\n\nAfter a tip from a reader, the search company said."),
        # a written "\n" is the line break it stands for, not a backslash and a word
        Example.bad("Isakovsky wrote: \"Migrating birds are flying\\nSearching for the bygone "
                    "summer.\\n\"", flagged=["\\n", "\\n"],
                    fixed="Isakovsky wrote: \"Migrating birds are flying\nSearching for the "
                          "bygone summer.\""),
        Example.bad("The deal closed on Monday.\\nThe company said so.\n\nAlberto Ruiz "
                    "(b. 1947)\\nAlberto", flagged=["\\n", "\\n"],
                    fixed="The deal closed on Monday.\nThe company said so.\n\nAlberto Ruiz "
                          "(b. 1947)\nAlberto"),
        # paragraphs run into one line: " \ " between sentences is a paragraph break
        Example.bad("The talks ended on Monday. \\ “We are done,” she said. \\ Officials left.",
                    flagged=[" \\ ", " \\ "],
                    fixed="The talks ended on Monday.\n\n“We are done,” she said.\n\nOfficials left."),
        Example.bad("Harbor Bridge Reopens \\ PORTLAND, Maine (AP) — The bridge reopened.",
                    flagged=[" \\ "],
                    fixed="Harbor Bridge Reopens\n\nPORTLAND, Maine (AP) — The bridge reopened."),
        # ... but not after an abbreviation, nor where a spaced backslash is a wrapped line
        Example.bad("Hollinger International Inc. \\Chairman Conrad Black said \\ on Monday. \\ It fell.",
                    flagged=[" \\", " \\ ", " \\ "],
                    fixed="Hollinger International Inc. Chairman Conrad Black said on Monday. It fell."),
        # a yen sign and kaomoji keep their backslash
        Example.good("The set costs \\ 1,980 (\\1,980 with tax) and comes with a card \\(^o^)/ "
                     "and a shrug ¯\\_(ツ)_/¯."),
        # MT that mangled its source's "\n" ("\ Nlook", "\pA"): garbled escapes are left
        Example.good("Birds are flying\\ Nlook for the summer.\\nThey fly away."),
        Example.good("Birds are flying\\ Nlook for the summer. \\ n\n\nThey fly,\\ nAnd I stay."),
    )

    def check(self, doc, ctx):
        for b in doc.memo("whitespace.backslash-breaks", _breaks):
            yield self.finding(b.start, b.end, (b.replacement,), what=b.what,
                               fix_title="Remove it" if not b.replacement else
                               "Replace with a space" if b.replacement == " " else
                               "Replace with a line break")
