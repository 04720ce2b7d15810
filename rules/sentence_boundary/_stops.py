"""Finding full stops followed by a lower-case word: the candidates of the sentence-boundary
rules. A full stop that belongs to an abbreviation, an initial, a number or an ellipsis is
not a candidate."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from wirefix.cleaner.language import COMMON_ABBREVIATIONS, TITLE_ABBREVIATIONS, abbreviation_kind
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import line_around

# ". " then a lower-case word; the word before the stop ends in a letter.
_STOP = lazy_regex(r"(?<=[\p{L}\p{M}])\.([ \t]+)(\p{Ll}[\p{L}\p{M}’'-]*)")
# Name particles and words that are written in lower case at the start of a sentence.
_LOWER_STARTERS = frozenset(
    "de del della di da du des der den van von ter ten al el bin ibn la le los las dos das "
    "e i iphone ipad ebay".split())
_FINITE = lazy_regex(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|"
    r"said|says|told|added|been)\b|\b(?:he|she|they|we|I|it)\s+\p{Ll}")


_WORD_BEFORE = lazy_regex(r"([\p{L}\p{M}’'-]+)$")
_VOWELS = frozenset("aeiouAEIOU")
_NUMBER_SIGN = lazy_regex(r"\.\s*\d")  # "no. 713946"
_ABBREVIATED_AHEAD = lazy_regex(r"(?<![\p{L}\p{N}])(\p{Ll}{2,5})\.(?=[\s,;])")
_NUMBER = lazy_regex(r"\d")
# A line of a table (columns set apart by runs of spaces) or a footnote.
_TABLE_LINE = lazy_regex(
    r"\S {2,}\S.* {2,}\S|^\s*(?:\*|\(\d+\)|\d+\)|[a-z] - |Note:|NOTE:|Source:)"
    # a report's labelled line: "Winter Wheat - fair to good condition. eight pct headed"
    r"|^\s*\p{Lu}[\p{L} /]{0,30} - ", regex.MULTILINE)
_SENTENCE_END = lazy_regex(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class StrayStop:
    stop: int            # offset of the full stop
    word: str            # the lower-case word after it
    word_start: int
    fragment_end: int    # end of the text that follows, up to the next sentence end
    fragment_ended: bool = True   # that text ends with . ! ? (not at a bare paragraph end)

    @property
    def next_word(self) -> str:
        return self.word.lower()


def find_stray_stops(doc) -> list[StrayStop]:
    """Candidate stray stops; none in a story that habitually starts sentences in lower
    case (telegraphic market reports: "... the usda said. top 51.50 dlrs"), where a lower-case
    word after a full stop is the story's style rather than damage."""
    return doc.memo("stray_stops", _find_unless_habit)


def _find_unless_habit(doc) -> list[StrayStop]:
    # The share of sentences that start in lower case. The splitter does not end a sentence
    # before a lower-case word, so each stop found here also begins a sentence it did not
    # count: a story of 12 sentences with 3 such stops has 15 sentences, 3 in lower case.
    found = _find(doc)
    if len(found) >= 3 and len(found) >= 0.25 * (len(doc.sentences) + len(found)):
        return []
    return found


def _find(doc) -> list[StrayStop]:
    text = doc.text
    out = []
    for m in _STOP.finditer(text):
        stop = m.start()
        if text[stop - 1:stop] == "." or text[stop + 1:stop + 2] == ".":
            continue  # an ellipsis
        if abbreviation_kind(text, stop) is not None:
            continue
        word = m.group(2)
        if "\\" in text[max(0, m.start(2) - 3):m.start(2)] or (len(word) == 1 and word not in "ai"):
            continue  # "\n" written out: a line break, not a word
        ahead = _ABBREVIATED_AHEAD.search(text, m.end(2) - len(word), min(len(text), m.end(2) + 40))
        if _NUMBER_SIGN.match(text, m.end(2)) or (
                ahead is not None and looks_abbreviated(doc, ahead.group(1))):
            continue  # "Art. no. 713946", "3 AA bat. not incl.": a text of abbreviations
        if word.lower() in _LOWER_STARTERS or any(c.isupper() for c in word[1:]):
            continue
        prev = _WORD_BEFORE.search(text, max(0, stop - 30), stop)
        if prev is None or len(prev.group(1)) == 1:
            continue  # a single letter: an initial or a list label
        if looks_abbreviated(doc, prev.group(1)):
            continue
        line_start = text.rfind("\n", 0, prev.start(1)) + 1
        if not text[line_start:prev.start(1)].strip():
            continue  # "Max. load": a line's first word and a stop is a label, not a cut
        para = doc.paragraph_at(stop)
        end_limit = para.end if para is not None else len(text)
        nxt = _SENTENCE_END.search(text, m.end(2), end_limit)
        fragment_end = nxt.end() if nxt else end_limit
        if _in_table(text, stop) or _numeric(text, m.start(2), fragment_end, para):
            continue  # a table, a footnote, a market report's figures
        out.append(StrayStop(stop, word, m.start(2), fragment_end, nxt is not None))
    return out


def looks_abbreviated(doc, word: str) -> bool:
    """Is ``word`` (before a full stop) an abbreviation the stop belongs to? Evidence: it
    has no vowel ("Pct", "dlrs", "mths"); or it is short and uncommon as a word of its own in
    English ("Govt", "comp", "approx": Zipf below 4, wordfreq) and the story never writes it
    without a stop; or the story writes "word." in mid-sentence more than once."""
    if not (_VOWELS & set(word)):
        return True
    # once per word and story: a story that repeats a word before many stops is not read
    # again for each of them (the rule stays linear in the story's length)
    return doc.memo_item("looks_abbreviated", word, lambda: _looks_abbreviated(doc, word))


def _looks_abbreviated(doc, word: str) -> bool:
    text = doc.text
    uses = regex.findall(rf"(?<![\p{{L}}]){regex.escape(word)}(?![\p{{L}}])(?:\.[ ,;]*[\p{{Ll}}\d,;])?",
                         text)
    # "word." inside a sentence (a lower-case word, a figure or a comma follows): the stop
    # is the word's own
    with_stop = sum(1 for u in uses if "." in u)
    if with_stop >= 2 and with_stop == len(uses):
        return True
    if len(word) <= 5 and word.lower() == word or len(word) <= 4:
        from wirefix.rules._shared.evidence import zipf

        stem = word[:-1]
        if len(word) == 5 and word.endswith("s") and zipf(stem) >= 4 and not (
                stem.capitalize() in TITLE_ABBREVIATIONS or stem in COMMON_ABBREVIATIONS
                or stem.capitalize() in COMMON_ABBREVIATIONS):
            return False  # "slows", "rises": a common word with its "-s" ("profs." is not)
        return zipf(word) < 4 and with_stop == len(uses)
    return False


def _in_table(text: str, offset: int) -> bool:
    # the line around ``offset``, at most TABLE_REACH characters each way (a table row is
    # short; a story that is one long line is not searched whole for every stop)
    return _TABLE_LINE.search(text, *line_around(text, offset, offset, TABLE_REACH)) is not None


TABLE_REACH = 400


def _share_of_figures(words: list[str]) -> float:
    return sum(1 for w in words if _NUMBER.search(w)) / max(1, len(words))


def _numeric(text: str, start: int, end: int, para) -> bool:
    """Is text[start:end] figures: two in five of its words or more ("us 1-3 220-260 lbs
    51.00-51.50"), or one in five in a paragraph of figures (a market report: "the usda
    said. top 52.25 dlrs per cwt", "heifers. week to date 43,900 head")?"""
    share = _share_of_figures(text[start:end].split())
    if share >= 0.4:
        return True
    if share < 0.2 or para is None:
        return False
    return _share_of_figures(text[para.start:para.end].split()) >= 0.1


def fragment_has_clause(text: str, stray: StrayStop) -> bool:
    """Does the text after the stop look like a clause of its own (a subject and a verb)?
    Then the stop may be a real sentence end whose next capital was lost."""
    return _FINITE.search(text, stray.word_start, stray.fragment_end) is not None
