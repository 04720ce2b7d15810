"""Finding full stops followed by a lower-case word: the candidates of the sentence-boundary
rules. A full stop that belongs to an abbreviation, an initial, a number or an ellipsis is
not a candidate."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from wirefix.cleaner.language import abbreviation_kind

# ". " then a lower-case word; the word before the stop ends in a letter.
_STOP = regex.compile(r"(?<=[\p{L}\p{M}])\.([ \t]+)(\p{Ll}[\p{L}\p{M}’'-]*)")
# Name particles and words that are written in lower case at the start of a sentence.
_LOWER_STARTERS = frozenset(
    "de del della di da du des der den van von ter ten al el bin ibn la le los las dos das "
    "e i iphone ipad ebay".split())
_FINITE = regex.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|"
    r"said|says|told|added|been)\b|\b(?:he|she|they|we|I|it)\s+\p{Ll}")


_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}’'-]+)$")
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)")


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
    found = _find(doc)
    if len(found) >= 3 and len(found) >= 0.25 * max(1, len(doc.sentences)):
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
        if word.lower() in _LOWER_STARTERS or any(c.isupper() for c in word[1:]):
            continue
        prev = _WORD_BEFORE.search(text, max(0, stop - 30), stop)
        if prev is None or len(prev.group(1)) == 1:
            continue  # a single letter: an initial or a list label
        para = doc.paragraph_at(stop)
        end_limit = para.end if para is not None else len(text)
        nxt = _SENTENCE_END.search(text, m.end(2), end_limit)
        fragment_end = nxt.end() if nxt else end_limit
        out.append(StrayStop(stop, word, m.start(2), fragment_end, nxt is not None))
    return out


def fragment_has_clause(text: str, stray: StrayStop) -> bool:
    """Does the text after the stop look like a clause of its own (a subject and a verb)?
    Then the stop may be a real sentence end whose next capital was lost."""
    return _FINITE.search(text, stray.word_start, stray.fragment_end) is not None
