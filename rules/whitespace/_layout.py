"""Layout analysis shared by the whitespace rules: column layouts and hard wraps.

Everything here is a pure function of the document, computed once per document through
``Document.memo``; the rules only turn the answers into findings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


import regex

from wirefix.cleaner.document import Document
# lazy_re: these patterns run on every line of a wrapped story, and the stdlib engine's
# calls cost about a third of `regex`'s; each is written to read as its `regex` twin would
# (the comments at _MAYBE_LIST_ITEM and _FIRST_WORD say how).
from wirefix.cleaner.patterns import lazy_re, lazy_regex

# A gap between two columns.
_COLUMN_GAP = lazy_regex(r"\S[ \t]{2,}\S")
# A dot leader runs to a figure ("Wheat ........ 2.55"); four dots before a word are an
# ellipsis and a full stop ("on the table.... All of us").
_DOT_LEADER = lazy_regex(r"\.{8,}|(?:\.{4,}|(?:\. ){3,}\.?)[ \t]*(?=[\d$(+-]|$)")
# A rule line: "___" (the AP separator), "---", "***", "===", "###".
_RULE_LINE = lazy_regex(r"[ \t]*([_\-=*#~])\1{2,}[ \t]*")
# A list item: "- item", "* item", "• item", "1. item", "(a) item".
_LIST_ITEM = lazy_regex(r"[ \t]*(?:[-*•·+–—][ \t]|\(?(?:\d{1,3}|[a-z])[.)][ \t])")
# A superset of _LIST_ITEM in the stdlib engine: a marker, or up to three visible characters
# before "." or ")" (every character that \d matches in the regex module's newer Unicode
# table is at least visible to the stdlib).
_MAYBE_LIST_ITEM = lazy_re(r"[ \t]*(?:[-*•·+–—][ \t]|\(?\S{1,3}[.)][ \t])")
# A line of feed furniture: control-code references, or nothing but them.
_FURNITURE_LINE = lazy_regex(r"[ \t]*(?:&#\d{1,3};)+[ \t]*")
_RULE_CHARS = frozenset("_-=*#~")
# \S+ as the regex module reads it (it counts U+001C..U+001F as visible; the stdlib does not),
# in the stdlib engine, whose calls cost a third as much: this runs on every wrapped line
_FIRST_WORD = lazy_re(r"[\S\x1c-\x1f]+")

# Hard-wrapped copy is wrapped at a terminal or typewriter width; longer lines are
# paragraphs that were never wrapped.
MIN_RULER, MAX_RULER = 40, 100
# A line this close to the ruler counts as full (evidence that the text is hard-wrapped).
NEAR_RULER = 12
# How far short of the measured width a wrapped line may end (see _fills_line).
WRAP_SLACK = 8


# How many non-blank lines away a table can be for a line with a wide gap to belong to it
# (a column heading sits above its table, often with a caption line between).
TABLE_REACH = 3


# A typewriter's two spaces after a sentence: "said.  The", not a column gap.
_SENTENCE_GAP = lazy_regex(r"[.!?:;\"'’”)][ \t]{2,}(?=[\p{Lu}\"“‘(])", regex.V1)


@dataclass(frozen=True)
class _Kind:
    blank: bool = False
    leader: bool = False
    # gaps of 2+ spaces between visible characters (not after a sentence), as column
    # ranges from the start of the line
    gaps: tuple[tuple[int, int], ...] = ()

    @property
    def columns(self) -> int:
        return len(self.gaps)

    @property
    def wide(self) -> bool:
        return any(e - s >= 3 for s, e in self.gaps)

    def lines_up_with(self, other: "_Kind") -> bool:
        """A gap of this line sits over a gap of the other one (or the other has leaders):
        columns run down the page. Two lines of prose with a stray double space each do
        not line up."""
        if other.leader:
            return True
        return any(s < oe and os_ < e for s, e in self.gaps for os_, oe in other.gaps)


_BLANK_KIND = _Kind(blank=True)
_PLAIN_KIND = _Kind()


def _line_kinds(doc: Document) -> list[_Kind]:
    text = doc.text
    kinds = []
    for ln in doc.lines:
        line = text[ln.start:ln.end]
        body = line.strip()
        if not body:
            kinds.append(_BLANK_KIND)
        elif ("...." in line or ". . ." in line) and _DOT_LEADER.search(line):
            kinds.append(_Kind(leader=True))
        elif "  " in body or "\t" in body:
            gaps = tuple((m.start() + 1, m.end() - 1)
                         for m in _COLUMN_GAP.finditer(line, overlapped=True)
                         if not _SENTENCE_GAP.match(line, m.start()))
            if gaps and len(body) > MAX_RULER:
                # a line longer than any wrap width is a paragraph of running text (Reuters'
                # 2,977 column lines are all under 70 characters) unless it is mostly figures
                gaps = () if _wordy(body) else tuple(g for g in gaps if g[1] - g[0] >= 4)
            elif gaps and (_runs_on(line, gaps) or _is_sentence(body)):
                # a stray double space in a line of running text is no column: table cells
                # are short (Reuters' column lines: no cell of 50 characters between gaps
                # of two spaces); a wider gap still counts
                gaps = tuple(g for g in gaps if line[g[0]:g[1]] != "  ")
            kinds.append(_Kind(gaps=gaps))
        else:
            kinds.append(_PLAIN_KIND)
    return kinds


# A stretch of running text this long between two gaps is prose, not a table cell.
PROSE_CELL = 50


_SENTENCE_END = ('.', '!', '?', '."', '.”', ".'", ".’", '?"', '?”', '!"', '!”')
_LOWER_WORD = lazy_re(r"(?<!\S)[a-z]+[,;:]?(?!\S)")


def _is_sentence(body: str) -> bool:
    """A line that reads as a sentence: it ends like one and most of its words are words in
    lower case ("Bellmont owns  about 2,000  apartments  in the city."), where a table row
    holds figures and labels ("Net loss 110.6 mln  vs  profit 4.1 mln")."""
    if not body.endswith(_SENTENCE_END):
        return False
    words = body.split()
    return len(words) >= 6 and len(_LOWER_WORD.findall(body)) >= 0.6 * len(words)


def _runs_on(line: str, gaps) -> bool:
    """Some stretch of the line between its gaps (indentation aside) is running text: long,
    and words rather than figures."""
    start = len(line) - len(line.lstrip())
    for s, e in [*gaps, (len(line.rstrip()), None)]:
        if s - start >= PROSE_CELL and _wordy(line[start:s]):
            return True
        start = e
    return False


def _wordy(stretch: str) -> bool:
    tokens = stretch.split()
    return sum(1 for t in tokens if any(c.isdigit() for c in t)) < 0.2 * len(tokens)


def _tabular_lines(doc: Document) -> list[bool]:
    kinds = doc.memo("whitespace.line-kinds", _line_kinds)
    solid = [n for n, k in enumerate(kinds) if not k.blank]    # non-blank lines, in order
    several = len(solid) > 1
    out = [False] * len(kinds)

    def columned(n: int) -> bool:
        return kinds[n].leader or kinds[n].columns > 0

    for pos, n in enumerate(solid):
        k = kinds[n]
        if k.leader:
            out[n] = True
        elif not k.gaps:    # plain prose, the common case
            continue
        elif any(k.lines_up_with(kinds[solid[p]]) for p in (pos - 1, pos + 1)
                 if 0 <= p < len(solid)):
            out[n] = True          # columns run down the page
        elif k.columns >= 2 and several and (k.wide or not _reads_as_words(doc, n)):
            out[n] = True          # a row of three or more columns ("MTH BYR  SLR  HIGH";
            #                        "Board  Votes  to Delay" is a headline with stray spaces)
        elif k.wide:
            reach = solid[max(0, pos - TABLE_REACH):pos] + solid[pos + 1:pos + 1 + TABLE_REACH]
            out[n] = any(columned(m) for m in reach)    # a column heading near its table
    return out


def _reads_as_words(doc: Document, i: int) -> bool:
    """No figures, and most words written in lower case or Title Case: a line of words,
    where a column heading is in capitals ("MTH BYR  SLR  HIGH LOW  SALES")."""
    line = doc.line_text(i)
    if any(c.isdigit() for c in line):
        return False
    words = line.split()
    return sum(1 for w in words if any(c.islower() for c in w)) >= 0.5 * len(words)


def is_tabular(doc: Document, i: int) -> bool:
    """Column layouts keep their spacing: dot leaders; a gap on a line whose nearest
    non-blank neighbour has one too (columns run down the page); or a wide gap (three or
    more spaces) within a few lines of other wide gaps or leaders, as a column heading has.
    A lone gap in prose is damage."""
    return doc.memo("whitespace.tabular", _tabular_lines)[i]


def content_end(doc: Document, i: int) -> int:
    """Offset after the last non-blank character of line ``i``."""
    ln = doc.lines[i]
    end = ln.end
    text = doc.text
    while end > ln.start and text[end - 1] in " \t\u00a0":
        end -= 1
    return end


class Join(NamedTuple):
    """A line break inside a paragraph that a hard wrap put there (a named tuple: a
    1987 story has dozens, built on every lint)."""

    start: int          # end of the first line's content (trailing spaces included in the span)
    end: int            # first character of the next line
    replacement: str    # " ", or "" after a hyphen
    safe: bool
    reason: str


def _blocked_lines(doc: Document) -> list[bool]:
    """Lines that never join a neighbour: tables, rules, furniture, wide gaps."""
    text = doc.text
    kinds = doc.memo("whitespace.line-kinds", _line_kinds)
    tabular = doc.memo("whitespace.tabular", _tabular_lines)
    out = [t or (k.gaps != () and k.wide) for t, k in zip(tabular, kinds, strict=True)]
    for i, (start, end, _next) in enumerate(doc.lines):
        if out[i] or start == end:
            continue
        head = text[start]
        if head.isspace():
            head = text[start:end].lstrip()[:1]
        # most lines open with a letter or a digit: only the rest can be a rule or furniture
        if head in _RULE_CHARS:
            out[i] = _RULE_LINE.fullmatch(text, start, end) is not None
        elif head == "&":
            out[i] = _FURNITURE_LINE.fullmatch(text, start, end) is not None
    # the agency sign-off that ends the story is furniture, never part of a paragraph
    from wirefix.rules.wire_format.feed_sign_off import sign_off_line

    last = sign_off_line(doc)
    if last is not None:
        out[last] = True
    return out


def _content_ends(doc: Document) -> list[int]:
    """``content_end`` of every line, computed once for the wrap analysis."""
    text = doc.text
    return [ln.start + len(text[ln.start:ln.end].rstrip(" \t\u00a0")) for ln in doc.lines]


def _ruler(doc: Document, inner: list[int]) -> int | None:
    """The width the text was wrapped at, or None when it does not look hard-wrapped."""
    ends = doc.memo("whitespace.content-ends", _content_ends)
    lines = doc.lines
    lengths = [ends[i] - lines[i].start for i in inner]
    fitting = [n for n in lengths if n <= MAX_RULER]
    if not fitting:
        return None
    width = max(fitting)
    if width < MIN_RULER:
        return None
    full = [i for i, n in zip(inner, lengths, strict=True) if width - NEAR_RULER <= n <= width]
    if len(full) >= 2:
        return width
    # one full line is enough when its sentence plainly carries on to the next line (but a
    # line that opens a quotation it does not close may be verse set line by line: "...
    # Isakovsky: \"Migrating birds are flying\nSearching for ...")
    if len(full) == 1 and _sentence_continues(doc, full[0]) and (
            _starts_lower(doc, full[0] + 1) or not _opens_quote(doc.line_text(full[0]))):
        return width
    return None


def _opens_quote(line: str) -> bool:
    """The line opens a quotation that it does not close."""
    return line.count('"') % 2 == 1 or line.count("“") > line.count("”")


def _starts_lower(doc: Document, i: int) -> bool:
    ln = doc.lines[i]
    return doc.text[ln.start:ln.start + 1].islower()


def _sentence_continues(doc: Document, i: int) -> bool:
    """Line ``i`` ends mid-sentence: the next line starts in lower case, or this one ends
    in a lower-case word or a comma."""
    text = doc.text
    nxt = doc.lines[i + 1]
    if text[nxt.start:nxt.start + 1].islower():
        return True
    end = content_end(doc, i)
    last = text[end - 1:end]
    return last == "," or (last.isalpha() and last.islower())


# A line that starts this way carries on a name from the line before: "(FDIC) said",
# "Inc said". A headline is never followed by one.
_NAME_GOES_ON = lazy_regex(
    r"\([\p{Lu}.&/ -]{2,12}\)|(?:Inc|Corp|Co|Ltd|Plc|PLC|LP|L\.P\.|NV|N\.V\.|AG|SA|S\.A\.|SpA|"
    r"Cos|Bancorp|Bancshares|Group|Holdings|Industries|Systems|Partners)\b"
    r"|(?:&lt;|<)[\p{Lu}\d][^<>&\n]{0,40}>", regex.V1)
# Words a sentence cannot end on: a line that stops on one carries on to the next.
_OPEN_ENDED = frozenset("""a an the its their his her our your my of to in for and or but nor by with
at on from into onto than that which who whose as said says be been is are was were has have had
will would should could may might must shall""".split())
_WORDS = lazy_regex(r"\p{L}[\p{L}'’.-]*", regex.V1)
_SMALL_WORDS = frozenset("a an and at by for in of on or the to vs with".split())


def _is_headline(doc: Document, i: int) -> bool:
    """All capitals, or Title Case: "Albertson's Plans New Stores". A line that stops on a
    comma or a small word ("... Ltd, a", "... Stabilization and") is not a headline."""
    line = doc.line_text(i).rstrip()
    if not any(c.isalpha() for c in line):
        return False
    words = _WORDS.findall(line)
    if line.endswith(",") or (words and words[-1].lower() in _SMALL_WORDS):
        return False
    if line.upper() == line:
        return True
    words = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _ends_mid_sentence(line: str) -> bool:
    """The line stops on a lower-case word or a comma: the sentence goes on."""
    last = line.rstrip()[-1:]
    return last == "," or (last.isalpha() and last.islower())


def _is_list_item(doc: Document, i: int) -> bool:
    """Line ``i`` opens with a list marker: "- item", "(a) item", "1. item". A stdlib test
    of a looser form comes first (a third of the cost), since most lines are no item."""
    ln = doc.lines[i]
    text = doc.text
    return _MAYBE_LIST_ITEM.match(text, ln.start, ln.end) is not None and \
        _LIST_ITEM.match(text, ln.start, ln.end) is not None


def is_list_line(doc: Document, i: int) -> bool:
    """Line ``i`` opens with a list marker ("- item", "(a) item", "1. item")."""
    return _is_list_item(doc, i)


def _list_context(doc: Document, first: int, i: int) -> bool:
    """Line ``i + 1`` is an item of a list, not a wrapped line that starts with a dash or
    a number: the line before it is an item too, or introduces the list, or the
    paragraph is a list."""
    if not _is_list_item(doc, i + 1):
        return False
    before = doc.line_text(i).rstrip()
    return (_is_list_item(doc, i) or _is_list_item(doc, first)
            or before.endswith((":", ".", ";", "!", "?")))


def _wrap_joins(doc: Document) -> list[Join]:
    text = doc.text
    lines = doc.lines
    candidates: list[tuple[int, int, int]] = []   # (paragraph first line, i, last line)
    for p in doc.paragraphs:
        for i in range(p.first_line, p.last_line):
            candidates.append((p.first_line, i, p.last_line))
    if not candidates:
        return []
    blocked = doc.memo("whitespace.blocked-lines", _blocked_lines)
    candidates = [c for c in candidates if not (blocked[c[1]] or blocked[c[1] + 1])]
    if not candidates:
        return []
    ends = doc.memo("whitespace.content-ends", _content_ends)
    width = _ruler(doc, [i for _, i, _ in candidates])
    joins: list[Join] = []
    wrapped = None if width is None else f"wrapped at {width} characters"
    first_word = _FIRST_WORD.match
    for first, i, last in candidates:
        nxt = lines[i + 1]
        if _list_context(doc, first, i):
            continue
        # (every line of a paragraph holds a visible character, so ``end`` is past it)
        end = ends[i]
        start = lines[i].start
        word = first_word(text, nxt.start, nxt.end)
        if word is None:
            continue
        # "orga-\nnise" or "English-\nlanguage": the hyphen may be a soft one; the editor decides
        if text[end - 1] == "-" and end - 2 >= start and text[end - 2].isalpha() \
                and text[nxt.start].isalpha():
            joins.append(Join(end, nxt.start, "", False, "a line that ends in a hyphen"))
            continue
        if wrapped is not None and end - start + 1 + (word.end() - word.start()) > width - WRAP_SLACK:
            joins.append(Join(end, nxt.start, " ", True, wrapped))   # _fills_line, inline
            continue
        line = text[start:end]
        if width is None:
            # Too little text to measure a wrap width. A story's first line that stops on
            # a word no sentence ends with, before a line in lower case, still carries on:
            # "Bank of New York said it raised its\nprime lending rate ..."
            if i == first and (_stops_on_open_word(line) or (_ends_mid_sentence(line) and (
                    text[nxt.start].islower() or _one_sentence_ends(text, i + 1 == last, nxt,
                                                                    ends[i + 1])))):
                joins.append(Join(end, nxt.start, " ", True, "a first line that stops mid-sentence"))
            continue
        if i == first and not line.rstrip().endswith(":"):
            # The first line of a paragraph is short when a dateline stood before it
            # ("SALVADOR, Feb 26 - Showers continued ... in"): it joins when the next line
            # plainly carries on the sentence, or is itself a full, wrapped line.
            lower_next = text[nxt.start].islower()
            carries_on = lower_next or (
                _ends_mid_sentence(line)
                and ends[i + 1] - nxt.start >= width - NEAR_RULER)
            if not carries_on and i + 1 < last:
                nword = _FIRST_WORD.match(text, lines[i + 2].start, lines[i + 2].end)
                carries_on = nword is not None and _fills_line(doc, i + 1, ends[i + 1], nword, width)
            if not carries_on and _stops_on_open_word(line):
                # "CYACQ Corp said it terminated its\nFebruary six tender offer ...": no
                # sentence ends on "its", so the short line carries on whatever follows
                joins.append(Join(end, nxt.start, " ", True, "a first line that stops mid-sentence"))
                continue
            if not carries_on:
                continue
            if lower_next or not _is_headline(doc, i) or _NAME_GOES_ON.match(text, nxt.start):
                joins.append(Join(end, nxt.start, " ", True, "the first line of a wrapped paragraph"))
            elif _name_spans_the_break(doc, line, word.group()):
                joins.append(Join(end, nxt.start, " ", True,
                                  "a name that the story writes on one line elsewhere"))
            elif not _DATELINE_START.match(text, nxt.start, nxt.end):
                # "Federal Reserve Board Chairman Paul\nVolcker said ...": a Title Case line
                # is a headline only when a dateline or a blank line follows it; here the
                # paragraph's next line is a full, wrapped line of the same sentence
                joins.append(Join(end, nxt.start, " ", True,
                                  "a short first line in Title Case that a wrapped line of the "
                                  "same paragraph follows (a headline stands above a dateline "
                                  "or a blank line)"))
            else:
                # a headline set on the line above the story's dateline
                joins.append(Join(end, nxt.start, " ", False,
                                  "a short first line in Title Case above a dateline: a "
                                  "wrapped line or a headline"))
    return joins


_QUOTE_OR_COLON = lazy_regex(r"[\"“”«»:]")
_ONE_SENTENCE = lazy_regex(r"(?:[^.!?]|\.(?=\S))*[^.!?\s][.!?][\"'’”)]?")


def _one_sentence_ends(text: str, last: bool, line, end: int) -> bool:
    """The paragraph's last line holds the end of one sentence and nothing after it: "The
    Gap Inc said it named\nMillard Drexler as its president." A headline is never followed
    by the rest of its sentence. Not where quotation marks or a colon show verse or a quoted
    text set line by line ("... Isakovsky: \"Migrating birds are flying\nSearching for the
    bygone summer.")."""
    if not last or _ONE_SENTENCE.fullmatch(text, line.start, end) is None:
        return False
    before = text.rfind("\n", 0, line.start - 1) + 1
    return _QUOTE_OR_COLON.search(text, before, end) is None


def _stops_on_open_word(line: str) -> bool:
    """The line stops on a word that no sentence ends with ("its", "of", "said")."""
    words = line.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _OPEN_ENDED


# The date after a dateline's place: ", March 3", ", South Korea", ", N.C."
_DATE = r"(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}?[\p{L}.]*){0,2}(?: \d{1,2})?)?"
# A dateline opening a line: "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "BEIJING —".
_DATELINE_START = lazy_regex(
    r"[ \t]*\p{Lu}[\p{Lu}\p{M}.'’-]+(?: \p{Lu}[\p{Lu}\p{M}.'’-]+){0,3}"
    + _DATE + r"(?: \([\p{L} ]{2,20}\))?[ \t]*(?:—|–|--|-)", regex.V1)


# Datelines for opens_with_dateline, which decides whether a story's first phrase is its
# lede (a dateline opens it) or its headline: a place in capitals, or in title case with a
# source tag (Xinhua, dpa), a date, a one-word tag in brackets, then a spaced dash or a colon
# ("NEW DELHI: ..."); or a place in capitals and a tag whose dash was lost ("BEIJING (AP)
# U.S. officials ..."). The dash needs a space before it, so that "COVID-19 cases" or
# "UK-based lender" is no dateline, and a tag is one word, so that "NATO (North Atlantic)"
# is none.
_PLACE_CAPS = r"\p{Lu}[\p{Lu}\p{M}.'’]+(?:[ -]\p{Lu}[\p{Lu}\p{M}.'’]+){0,3}"
_PLACE_TITLE = r"\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}"
_TAG = r" \(\p{L}{2,12}\)"
_LEDE_DATELINE = lazy_regex(
    rf"[ \t]*(?:(?:{_PLACE_CAPS}{_DATE}(?:{_TAG})?|{_PLACE_TITLE}{_DATE}{_TAG}) (?:—|–|--|-) "
    rf"|{_PLACE_CAPS}{_DATE}(?:{_TAG} |: )\p{{Lu}})", regex.V1)


def opens_with_dateline(text: str, start: int = 0, end: int | None = None) -> bool:
    """A dateline opens text[start:end]: "WASHINGTON (AP) — ", "LONDON, March 3 (Reuters) - ",
    "Beijing, March 3 (Xinhua) -- ", "BEIJING — ", "NEW DELHI: The ...", or one that lost its
    dash ("BEIJING (AP) U.S. officials")."""
    end = len(text) if end is None else end
    return _LEDE_DATELINE.match(text, start, end) is not None


def _name_spans_the_break(doc: Document, line: str, next_word: str) -> bool:
    """The last word of the line and the first of the next make a pair ("Texas" /
    "Commerce") that the story also writes together, with one space: a name broken by the
    wrap, not a headline above the story."""
    words = _WORDS.findall(line)
    if not words or not next_word[:1].isalpha():
        return False
    pair = words[-1] + " " + next_word.rstrip(".,;:")
    return doc.text.count(pair) >= 1


def _fills_line(doc: Document, i: int, end: int, next_word, width: int) -> bool:
    """The wrap test: the next line's first word would not have fitted on this line.

    The measured width is the longest line, which can sit a few columns short of the
    width the feed wrapped at (an indent sent as a tab, an entity that was one character
    on the wire), so the test allows ``WRAP_SLACK`` columns."""
    length = end - doc.lines[i].start
    return length + 1 + (next_word.end() - next_word.start()) > width - WRAP_SLACK


def wrap_joins(doc: Document) -> list[Join]:
    """The hard-wrap line breaks of ``doc``, each with the span that joins the two lines."""
    return doc.memo("whitespace.wrap-joins", _wrap_joins)


def joined_line_ends(doc: Document) -> frozenset[int]:
    """Offsets where a safe join starts: trailing-whitespace leaves those to hard-wrap."""
    return doc.memo("whitespace.joined-ends",
                    lambda d: frozenset(j.start for j in wrap_joins(d) if j.safe))


def _join_edges(doc: Document) -> tuple[frozenset[int], frozenset[int]]:
    if "\n" not in doc.text and "\r" not in doc.text:
        return frozenset(), frozenset()
    joins = [j for j in wrap_joins(doc) if j.safe]
    return frozenset(j.start for j in joins), frozenset(j.end for j in joins)


def waits_for_unwrap(doc: Document, ctx, start: int, end: int) -> bool:
    """Whether a repair at ``start:end`` touches a line break that hard-wrap joins.

    Two edits that touch cannot apply in one pass (cleaner.plan), and the raw repairs come
    first in the catalogue. But the wrap width can only be measured on the text as it was
    wrapped: once the other lines are joined the evidence is gone. So a repair that touches
    a join waits one pass; it is found again on the joined text.
    """
    # one memo per document: the test runs once per finding, and a one-line text of a
    # megabyte must not be searched for a line break at every one (issue 18)
    starts, ends = doc.memo("whitespace.join-edges", _join_edges)
    if not starts:
        return False
    if ctx is not None and not unwrap_enabled(ctx):
        return False
    return end in starts or start in ends


def unwrap_enabled(ctx) -> bool:
    """Is hard-wrap (WF204) on for this configuration and path, with `unwrap` set?"""
    return bool(ctx.option("unwrap", True)) and ctx.runs("WF204")


def rule_enabled(ctx, code: str) -> bool:
    """Does the engine run the built-in rule ``code`` here? (Two rules that could report one
    piece of damage leave it to the other only when the other runs.)"""
    return ctx is None or ctx.runs(code)
