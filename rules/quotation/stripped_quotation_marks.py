"""WF801 stripped-quotation-marks."""
from __future__ import annotations

import bisect
from operator import attrgetter

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.language import split_sentences
from wirefix.rules._shared.analysis import (FIRST_PERSON, has_attribution, in_quote, lower_words,
                                    quote_pair, trailing_attribution)
from wirefix.rules.base import Example, Rule

_START = attrgetter("start")

_FIRST_PERSON_WORD = regex.compile(
    r"(?<![\p{L}\p{N}’'.-])(I|me|my|myself|we|We|us|our|Our|ours|ourselves|My|Me)"
    r"(?=[’'](?:m|ve|ll|d)\b|(?![\p{L}\p{N}’'.-]))")
_WORD_BEFORE = regex.compile(r"(\p{L}+)\s+$")
# "I" as a pronoun: a lower-case word or a contraction ("I’m") follows.
_VERB_AFTER_I = regex.compile(r"\s+\p{Ll}|[’']")
_GATE = frozenset(w.lower() for w in FIRST_PERSON)  # "I" and "us" in any case, as a gate
# Words after which "I" is a roman numeral: "World War I", "Phase I".
_NUMERAL_CONTEXT = frozenset(
    "War Phase Type Class Title Part Chapter Act Stage Level Grade Division Tier Article "
    "Section Volume Book Round Henry Elizabeth Charles James George William Edward Louis "
    "Richard Mary Peter Paul John Nicholas Alexander Frederick".split())


def _has_hit(hits: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted offsets ``hits`` lies in [start, end)."""
    i = bisect.bisect_left(hits, start)
    return i < len(hits) and hits[i] < end


def _sentences_of(doc, p) -> list:
    """The sentences of paragraph ``p``: those of ``doc.sentences`` when another rule has
    already split the story, else the paragraph's own split (the same spans: the document
    splits paragraph by paragraph), which spares splitting paragraphs without a
    first-person word."""
    if "sentences" in doc.__dict__:
        sentences = doc.sentences
        lo = bisect.bisect_left(sentences, p.start, key=_START)
        hi = bisect.bisect_left(sentences, p.end, key=_START)
        return sentences[lo:hi]
    return split_sentences(doc.text, p.start, p.end)


def first_person_words(doc, start: int, end: int) -> list[regex.Match]:
    """First-person words in narration (outside quotation marks) between start and end."""
    text = doc.text
    out = []
    for m in _FIRST_PERSON_WORD.finditer(text, start, end):
        word = m.group(1)
        if in_quote(doc, m.start()):
            continue
        if word == "I":
            lo = max(start, m.start() - 20)
            before = _WORD_BEFORE.search(text, lo, m.start())
            if before and (before.group(1) in _NUMERAL_CONTEXT or (
                    before.group(1)[0].isupper()
                    and before.start(1) not in doc.sentence_initial_offsets)):
                continue  # "World War I", "HP Draftmasters I and II", "Park Meadows I"
            if not _VERB_AFTER_I.match(text, m.end(), m.end() + 2):
                continue
        elif word[0].isupper() and word not in ("We", "Our", "My", "Me"):
            continue
        out.append(m)
    return out


class StrippedQuotationMarks(Rule):
    """Direct speech that lost its quotation marks: "I believe the foundation of China-US
    relations lies with the people, Xi told Gates."

    ## What it does
    Flags first-person words ("I", "we", "our", "my") in narration, outside quotation marks,
    in a sentence that carries an attribution ("he told reporters", "said Daniel
    Kritenbrink", "Xi told Gates") or follows one in the same paragraph. Where the bounds are
    clear it suggests the quoted version in the story's quote style:
    - the sentence opens in the first person and ends with ", <speaker> said": the quote is
      everything before that comma;
    - a sentence in the first person follows such a quote in the same paragraph: the quote
      is the whole sentence.
    Otherwise it only flags the first-person words.

    ## Why it happens in wire copy
    Machine translation and HTML-to-text conversion drop quotation marks (often encoded as
    entities or typographic characters). Narration in news copy is in the third person, so
    "I" and "we" outside quotes are a strong sign of speech that lost its marks.

    ## Example
    "I hope this meeting can help, she said in a statement." gets the suggestion
    "“I hope this meeting can help,” she said in a statement."

    ## Fix safety
    Unsafe where the bounds are clear: the source may have quoted only part of the sentence.
    Display (a flag) where they are not, such as a partial quote inside indirect speech.

    ## Known false positives
    Columns and first-person reporting ("we visited the camp"), roman numerals ("World War I")
    and "US" for the country are skipped; first-person narration next to an attribution in a
    feature story would still be flagged.
    """

    code = "WF801"
    name = "stripped-quotation-marks"
    family = "quotation"
    applicability = Applicability.DISPLAY
    message = "First-person “{word}” in narration {why}: direct speech that lost its quotation marks?"
    fix_title = "Put the quote in quotation marks"
    examples = (
        Example.bad("I believe the foundation lies with the people, Xi told Gates.",
                    flagged=["I believe the foundation lies with the people,"],
                    fixed="“I believe the foundation lies with the people,” Xi told Gates."),
        Example.bad("We came with a sincere desire, said Daniel Kritenbrink, the top diplomat.",
                    flagged=["We came with a sincere desire,"],
                    fixed="“We came with a sincere desire,” said Daniel Kritenbrink, the top diplomat."),
        Example.bad("I believe it, Xi told Gates. In this situation, we can work together.",
                    flagged=["I believe it,", "In this situation, we can work together."],
                    fixed="“I believe it,” Xi told Gates. “In this situation, we can work together.”"),
        Example.bad("The United States wants to ensure that the competition we have does not "
                    "escalate, he told reporters.", flagged=["we"]),
        Example.bad('I hope this helps, she said in a statement.', flagged=["I hope this helps,"],
                    fixed='"I hope this helps," she said in a statement.', options={"quotes": "straight"}),
        Example.good("“I believe the foundation lies with the people,” Xi told Gates."),
        Example.good("The veterans of World War I marched, the mayor said."),
        Example.good("It sold the HP Draftmasters I and II models, the company said."),
        Example.good("A bauxite mine at Moengo was shut, he added."),
        Example.good("US officials said the talks would go on."),
        Example.good("We visited the camp on Monday and found it empty."),
    )

    def check(self, doc, ctx):
        if _GATE.isdisjoint(lower_words(doc)):
            return
        text = doc.text
        # Every first-person word of the story, found once. A sentence ends before white
        # space, so these are exactly the matches first_person_words finds sentence by
        # sentence; sentences and paragraphs without one are passed over.
        hits = [m.start() for m in _FIRST_PERSON_WORD.finditer(text)]
        if not hits:
            return
        opening, closing = quote_pair(doc, ctx.option("quotes", "follow"))
        for p in doc.paragraphs:
            first_hit = bisect.bisect_left(hits, p.start)
            if first_hit == len(hits) or hits[first_hit] >= p.end:
                continue  # no first-person word: nothing to flag in this paragraph
            last_hit = hits[bisect.bisect_left(hits, p.end) - 1]
            prev_clear = False
            prev_attributed = False
            for s in _sentences_of(doc, p):
                if s.start > last_hit:
                    break  # no first-person word from here to the paragraph's end
                own = has_attribution(text, s)
                # the words are looked at (quotation marks and all) only beside an attribution
                words = (first_person_words(doc, s.start, s.end)
                         if (own or prev_attributed) and _has_hit(hits, s.start, s.end) else [])
                if not words:
                    prev_clear = False
                    prev_attributed = own
                    continue
                first = words[0]
                comma = trailing_attribution(text, s)
                opens_first_person = first.start() == s.start
                if comma is not None and opens_first_person:
                    quote = text[s.start:comma + 1]
                    yield self.finding(s.start, comma + 1, [opening + quote + closing],
                                       applicability=Applicability.UNSAFE,
                                       word=first.group(1), why="before an attribution")
                    prev_clear = True
                elif prev_clear and not own:
                    body = text[s.start:s.end]
                    yield self.finding(s.start, s.end, [opening + body + closing],
                                       applicability=Applicability.UNSAFE,
                                       word=first.group(1), why="after a quote")
                    prev_clear = True
                else:
                    last = words[-1]
                    why = "beside an attribution" if own else "after an attribution"
                    yield self.finding(first.start(), last.end(), word=first.group(1), why=why)
                    prev_clear = False
                prev_attributed = own or prev_attributed
