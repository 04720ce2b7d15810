"""The document model: one text, split once into lines, paragraphs, sentences and tokens.

Offsets always index the text exactly as given (a CRLF stays two characters), so that a
finding's span can be shown and applied without any translation. Every view is computed
lazily and cached: a rule that only needs the raw text never pays for tokenising it.
"""
from __future__ import annotations

import bisect
import enum
from collections import Counter
from functools import cached_property
from typing import NamedTuple

import regex

from . import language
from .patterns import lazy_regex


# Spans, lines and paragraphs are named tuples, not dataclasses, for the reason Token gives
# below: every lint builds them afresh for every text.
class Span(NamedTuple):
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]


class Line(NamedTuple):
    start: int          # first character of the line
    end: int            # end of content, before "\r\n" / "\n"
    next: int           # first character of the next line (end plus the line break)

    @property
    def has_break(self) -> bool:
        return self.next > self.end


class Paragraph(NamedTuple):
    start: int          # first non-blank character
    end: int            # after the last non-blank character
    first_line: int     # index into Document.lines
    last_line: int

    @property
    def line_count(self) -> int:
        return self.last_line - self.first_line + 1


class TokenKind(enum.Enum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"


class Token(NamedTuple):
    # A named tuple, not a dataclass: a story has thousands of tokens, and building a
    # frozen dataclass costs about three times as much as a tuple (bench/rule_costs.py).
    start: int
    end: int
    text: str
    kind: TokenKind

    @property
    def is_capitalised(self) -> bool:
        return self.kind is TokenKind.WORD and self.text[:1].isupper()


_LINE_BREAK = lazy_regex(r"\r\n|\n|\r")
# Words keep internal apostrophes (don’t, Blinken’s) and dotted abbreviations (U.S.);
# hyphens split, so "U.S.-China" is U.S. / - / China.
_TOKEN = lazy_regex(
    r"(?P<word>(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*)"
    r"|(?P<number>\p{N}+(?:[.,:/]\p{N}+)*)"
    r"|(?P<punct>[^\s\p{L}\p{N}])",
    regex.V1,
)
# The token kind by the number of the group that matched (Match.lastindex); the groups'
# order is checked by tests/test_patterns.py (not here: that would compile it at import).
_KIND_BY_GROUP = (None, TokenKind.WORD, TokenKind.NUMBER, TokenKind.PUNCT)


_MISSING = object()


def _paragraph_span(text: str, lines: list[Line], first: int, last: int) -> tuple[int, int, int, int]:
    """Lines ``first`` to ``last`` (none of them blank) trimmed of outer white space, as the
    fields of a Paragraph."""
    start, end, _next = lines[first]
    head = text[start:end]
    if first == last:   # a one-line paragraph: a table row, a heading, a dateline
        body = head.lstrip()
        start += len(head) - len(body)
        return start, start + len(body.rstrip()), first, last
    last_start, last_end, _next = lines[last]
    return (start + len(head) - len(head.lstrip()),
            last_start + len(text[last_start:last_end].rstrip()), first, last)


def _new_table(doc) -> dict:
    return {}


class Document:
    """A text and its structure. Build one per text; rules share it."""

    __slots__ = ("text", "__dict__")

    def __init__(self, text: str) -> None:
        self.text = text

    def memo(self, key: str, build):
        """A document-level index built once and shared by every rule (``build(doc)``)."""
        cache = self.__dict__.get("_memo")
        if cache is None:   # (no empty dict made on every call: rules ask dozens of times)
            cache = self.__dict__["_memo"] = {}
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = cache[key] = build(self)
        return value

    def memo_item(self, table: str, key, build):
        """``build()`` for ``key``, once per story: the answers a rule asks again and again
        about one word, line or paragraph (kept in the table named ``table``), so that a
        story with many matches is not read again for each."""
        answers = self.memo(table, _new_table)
        value = answers.get(key, _MISSING)
        if value is _MISSING:
            value = answers[key] = build()
        return value

    # -- lines ---------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        out: list[Line] = []
        pos = 0
        if "\r" not in text:  # the common case, without a regex
            make = tuple.__new__
            for part in text.split("\n")[:-1]:
                end = pos + len(part)
                out.append(make(Line, (pos, end, end + 1)))
                pos = end + 1
        else:
            for m in _LINE_BREAK.finditer(text):
                out.append(Line(pos, m.start(), m.end()))
                pos = m.end()
        out.append(Line(pos, len(text), len(text)))
        return out

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset`` (a line break belongs to its line)."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset``."""
        i = self.line_index(offset)
        return i + 1, offset - self.lines[i].start + 1

    def line_text(self, index: int) -> str:
        ln = self.lines[index]
        return self.text[ln.start:ln.end]

    def is_blank_line(self, index: int) -> bool:
        """Only white space (as str.isspace sees it: also U+2028, U+3000, U+001C..U+001F),
        the same test paragraphs are trimmed with, so that no paragraph is ever empty."""
        ln = self.lines[index]
        return not self.text[ln.start:ln.end].strip()

    # -- paragraphs ----------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Blocks of non-blank lines. A blank line ends a paragraph, and so does an indented
        line, which is how the old wire feeds (Reuters, 1987) marked a new paragraph."""
        text = self.text
        lines = self.lines
        out: list[Paragraph] = []
        make = tuple.__new__
        first = None
        for i, (start, end, _next) in enumerate(lines):
            if start < end and not text[start].isspace():   # most lines: no slice of the line
                if first is None:
                    first = i
                continue
            blank = not text[start:end].strip()
            if first is not None and (blank or text[start] in " \t"):
                out.append(make(Paragraph, _paragraph_span(text, lines, first, i - 1)))
                first = None
            if not blank and first is None:
                first = i
        if first is not None:
            out.append(make(Paragraph, _paragraph_span(text, lines, first, len(lines) - 1)))
        return out

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def paragraph_index_at(self, offset: int) -> int:
        """The index in ``paragraphs`` of the paragraph that holds ``offset`` (-1: none)."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        return i if i >= 0 and offset <= self.paragraphs[i].end else -1

    def paragraph_text(self, p: Paragraph) -> str:
        return self.text[p.start:p.end]

    # -- sentences -----------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        out: list[Span] = []
        for p in self.paragraphs:
            out.extend(language.split_sentences(self.text, p.start, p.end))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    # -- tokens --------------------------------------------------------------------------
    @cached_property
    def tokens(self) -> list[Token]:
        make, kinds = tuple.__new__, _KIND_BY_GROUP   # the hot path of tokenising
        return [make(Token, (m.start(), m.end(), m.group(), kinds[m.lastindex]))
                for m in _TOKEN.finditer(self.text)]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t[0] for t in self.tokens]

    def token_index_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect.bisect_left(self._token_starts, offset)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        i = self.token_index_at(start)
        j = bisect.bisect_left(self._token_starts, end)
        return self.tokens[i:j]

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word form occurs, case kept: the document's own lexicon."""
        return Counter(t.text for t in self.tokens if t.kind is TokenKind.WORD)

    @cached_property
    def sentence_initial_offsets(self) -> frozenset[int]:
        """Offsets of the first word of every sentence, where capitals prove nothing."""
        starts = set()
        for s in self.sentences:
            i = self.token_index_at(s.start)
            while i < len(self.tokens) and self.tokens[i].start < s.end:
                if self.tokens[i].kind is not TokenKind.PUNCT:
                    starts.add(self.tokens[i].start)
                    break
                i += 1
        return frozenset(starts)

    @cached_property
    def newline(self) -> str:
        """The text's own line break, so that inserted paragraphs match it."""
        m = _LINE_BREAK.search(self.text)
        return m.group() if m else "\n"
