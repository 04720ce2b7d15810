"""WF302 leaked-scraper-label."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, Phase, Rule

_ISO_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_US_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
_VALUE_BY_LABEL = {
    "date": rf"(?:{_ISO_DATE}|{_US_DATE})",
    "url": r"https?://\S+",
    "id": r"(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{6,}",
    "lang": r"[a-z]{2}(?:[-_][A-Z]{2})?",
}
_VALUES = {kind: lazy_regex(p) for kind, p in _VALUE_BY_LABEL.items()}
_LOCALE = lazy_regex(r"[a-z]{2}[-_][A-Z]{2}")
# what a label's value leaves behind it: the spaces and the line break, or the spaces
_LINE_TAIL = lazy_regex(r"[ \t]*(?:\r\n|\n|\r)?|[ \t]+")
_LABELS = {
    "date": "date", "published": "date", "updated": "date", "timestamp": "date",
    "datetime": "date", "pubdate": "date", "time": "date", "modified": "date",
    "url": "url", "link": "url", "source": "url", "permalink": "url",
    "id": "id", "guid": "id", "story_id": "id",
    "lang": "lang", "language": "lang", "locale": "lang",
}
_LABEL = lazy_regex(
    r"(?P<label>" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")"
    r"(?P<sep>[ \t]*[:=][ \t]*|[ \t]+)",
    regex.IGNORECASE)


_INITIALS = frozenset(c for label in _LABELS for c in (label[0], label[0].upper()))


def match_label(text: str, pos: int, end: int):
    """A scraper field (label and typed value) starting exactly at ``pos``, or None."""
    m = _LABEL.match(text, pos, end)
    if m is None:
        return None
    kind = _LABELS[m.group("label").lower()]
    if kind == "lang" and not m.group("sep").strip():
        # "Language of goals", "Language is a barrier": a two-letter word after a space is
        # prose; without a ":" or "=" only a locale with its region ("en-US") is a field
        pattern = _LOCALE
    else:
        pattern = _VALUES[kind]
    v = pattern.match(text, m.end(), end)
    if v is None:
        return None
    after = v.end()
    if after < len(text) and not text[after].isspace():
        return None  # the value runs on into a word: not a field
    return m, v


class LeakedScraperLabel(Rule):
    """A scraper's field label and value left in the story: "date 2023-06-19 BEIJING (AP)".

    ## What it does
    Removes a metadata field (a label such as date, published, url, id or lang, followed by a
    value of the right type: an ISO or numeric date, a web address, an identifier, a language
    code) at the start of the story or of a paragraph.

    ## Why it happens in wire copy
    Scrapers that flatten a feed's fields into text put the field name and value in front of
    the body; translation round trips then keep them as words.

    ## Example
    " date 2023-06-19 BEIJING (AP) U.S. Secretary ..." loses "date 2023-06-19 ".

    ## Fix safety
    Safe: the label is only matched with a value of its own type, at the start of a
    paragraph, so a sentence that begins "Date 2023-06-19 was chosen" is the only kind of
    prose that could match, and news copy does not open paragraphs with bare ISO dates. A
    language code is two letters, like many words ("Language is a barrier"), so after a
    plain space only a locale with its region ("lang en-US") counts; "lang: en" needs the
    colon or "=".

    ## Known false positives
    A story that deliberately shows a form or a log ("date: 2023-06-19" in a quoted
    document) at the start of a paragraph; protect such text with `ignore-patterns`.
    """

    code = "WF302"
    name = "leaked-scraper-label"
    family = "wire-format"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "Scraper field “{field}” left in the story"
    fix_title = "Remove “{field}”"
    examples = (
        Example.bad(" date 2023-06-19 BEIJING (AP) U.S. Secretary of State Antony Blinken arrived.",
                    flagged=["date 2023-06-19 "],
                    fixed=" BEIJING (AP) U.S. Secretary of State Antony Blinken arrived."),
        Example.bad("published: 2023-06-19T08:15:00Z\nLONDON (Reuters) - Shares rose.",
                    flagged=["published: 2023-06-19T08:15:00Z\n"],
                    fixed="LONDON (Reuters) - Shares rose."),
        Example.bad("The talks began.\n\nurl https://example.com/story/1 Officials met.",
                    flagged=["url https://example.com/story/1 "],
                    fixed="The talks began.\n\nOfficials met."),
        Example.good("The date 2023-06-19 was chosen for the talks."),
        Example.good("Updated figures came out on Monday."),
        Example.good("Source: the ministry said 12 people died."),
        Example.good("Time 10:30 is when the talks begin."),
        # prose that starts with "Language" (issue 14: the label and "of" were deleted)
        Example.good("Language of goals what counts is the score, the coach said."),
        Example.good("Language is a barrier for many of the new arrivals."),
        Example.bad("lang: en\nLanguage matters, he said.", flagged=["lang: en\n"],
                    fixed="Language matters, he said."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for p in doc.paragraphs:
            if text[p.start] not in _INITIALS:
                continue
            found = match_label(text, p.start, p.end)
            if found is None:
                continue
            m, v = found
            end = v.end()
            tail = _LINE_TAIL.match(text, end)
            end = tail.end() if tail else end
            yield self.finding(m.start(), end, [""], field=text[m.start():v.end()])
