#!/usr/bin/env python3
"""How real wire copy shapes its quotes: the counts behind stripped-quotation-marks (WF801).

When the quotation marks are gone, the rule has to guess where a quote began and ended.
These counts, from the Reuters-21578 bodies in ../shared (copy with its marks intact), say
which guess wire copy favours:

1. A paragraph that opens with a sentence ending in ", NAME said." and goes on with a
   quote: was the first sentence quoted too (“...,” he said. “...”) or paraphrased
   (..., he said. “...”)? And, where the first sentence has no mark of speech, split by
   what the quote after the attribution has: a first-person word, only a contraction of
   a pronoun or "you" (WF801's strong marks), or neither.
2. A quote introduced by a colon ("said: \"..."): does it close at the paragraph's end, or
   does more text follow in the paragraph, and does it run over several sentences?
3. A sentence that ends ", NAME said.": how often is it a quote, given a cue in its words
   (a first-person word, "you", a present tense, "not", an intensifier)? Only a cue that
   makes it a quote nearly always can be read as one once the marks are gone.
4. A paragraph that opens with a quote closed by its attribution ("\"...,\" he said.") and
   goes on: is its next sentence the quote's rest or the reporter's, with and without a
   mark of speech (a first-person word, "you", a contraction)? And, without one, by its
   tense as WF801 reads it (present only, or not: `present_tense_only`).
5. A speech verb and a colon before a capital ("said: We ..."), or a comma before a word
   that opens a sentence ("said, The ..."): how often are the words after it quoted, and
   how often left unquoted? (Reuters, and the WMT22 human references.) Nearly always
   quoted; but WF801 does not quote such words without a mark of speech: a review found
   too much text of that shape that is no speech ("said on Monday it would close three
   plants: Detroit, ...", "the final say: ...", "state police said, I-95 was closed").
6. A paragraph whose second sentence is a quote closed by its attribution ('..." he
   said.'): did the quote open at the paragraph's start (the first sentence quoted too)
   or at the second sentence (the first is the reporter's), split by whether each part
   has a mark of speech? WF801 opens it at the second sentence and offers the
   paragraph's start beside it.
7. A quote that opens right after an attribution ('..., he said. "...'): does it close at
   the paragraph's end (or just before a trailing attribution), or does the reporter's
   text go on after it in the paragraph? And where the quote's first sentence has a mark
   of speech (as WF801 reads one) and sentences without one follow its last marked one,
   are they the quote's or the reporter's? WF801 closes the quote after its last mark of
   speech and offers the run-on to the paragraph's end beside it.

    python bench/quote_shapes.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter

from _common import need_shared, reuters_bodies, wmt22_references

from wirefix.rules.quotation._speech import _FIRST_PERSON_WORD, _SPEECH_MARK, present_tense_only

# A speaker: up to five capitalised words, or a pronoun; a verb of speech, or "told" and a
# listener of up to 30 characters.
_SPEAKER = r"(?:(?:[A-Z][\w.-]+ ){0,4}[A-Z][\w-]+|he|she)"
_VERB = r"(?:said|says|told [\w ]{1,30})"
OPENS_QUOTED = re.compile(rf'^["“][^"”\n]{{10,300}},["”] {_SPEAKER} {_VERB}\. ["“]')
OPENS_PARAPHRASED = re.compile(rf'^[A-Z][^"“”\n]{{10,300}}, {_SPEAKER} {_VERB}\. ["“]')
COLON_QUOTE = re.compile(r'\b(?:said|says|told [\w ]{1,30}|added|stated): "')
COLON_UNQUOTED = re.compile(r'\b(?:said|says|told [\w ]{1,30}|added|stated): [A-Z][a-z]')
COLON_QUOTE_ANY = re.compile(r'\b(?:said|says|told [\w ]{1,30}|added|stated): ["“]')
_OPENERS = (r"(?:The|It|This|That|There|These|Those|A|An|If|When|In|We|Our|I|My|You|Your"
            r"|They|Their|What|Why|How|No|Nobody|Nothing|Let|Please|Yes|So|But|And|Now)\b")
_COMMA_VERB = r'\b(?:said|says|asked|added|declared|told (?:him|her|them|reporters|Reuters)), '
COMMA_QUOTE = re.compile(_COMMA_VERB + r'["“]' + _OPENERS)
COMMA_UNQUOTED = re.compile(_COMMA_VERB + _OPENERS)


SIGN_OFF = re.compile(r"(?i)reuter\b")
TWO_QUOTED = re.compile(rf'^"([A-Z][^"]{{10,400}}?[.!?]) ([A-Z][^"]{{10,400}}?),"\s+{_SPEAKER}\s+'
                        rf'(?:{_VERB}|added)\.')
SECOND_ONLY = re.compile(rf'^([A-Z][^"]{{10,400}}?[.!?]) "([A-Z][^"]{{10,400}}?),"\s+{_SPEAKER}\s+'
                         rf'(?:{_VERB}|added)\.')
OPENING_QUOTE_THEN = re.compile(
    rf'^"[^"]{{10,400}},"\s+{_SPEAKER}\s+(?:{_VERB}|added)\.\s+(\S.*)$')
SPEECH_MARK = re.compile(r"\b(?:I|we|our|us|my|me|you|your)\b|\w'(?:s|re|ve|ll|d|m|t)\b|n't\b")
NEXT_SENTENCE = re.compile(r'(?<=[.!?])"?\s+(?=[A-Z"])')
ATTRIBUTION_AFTER = re.compile(r'[,.]? ?(?:he|she|they|[A-Z]\w+) (?:said|added)')
SENTENCE_BREAK = re.compile(r"[.!?] [A-Z]")
QUOTE_AFTER_ATTRIBUTION = re.compile(rf'\b{_SPEAKER} (?:{_VERB}|added)\. "')


QUOTED_SENTENCE = re.compile(rf'"([^"\n]{{10,400}}),"\s+{_SPEAKER}\s+(?:{_VERB}|added)\.')
BARE_SENTENCE = re.compile(rf'(?:^|[.!?]\s+)([A-Z][^".!?\n]{{10,400}}),\s+{_SPEAKER}\s+(?:{_VERB}|added)\.')
# a contraction of a pronoun, as WF801's strong marks read one ("it's", "we're", "they'll")
PRONOUN_CONTRACTION = (r"(?:(?:it|that|there|what|here|let)'s|(?:you|they|we)'(?:re|ve|ll|d)"
                       r"|(?:he|she|it|they)'ll)")
CUES = {
    "a first-person word": r"\b(?:I|we|our|us|my|me)\b",
    '"you"': r"\byou\b",
    "a pronoun's contraction (it's, that's, we're)": rf"\b{PRONOUN_CONTRACTION}\b",
    "an intensifier (very, really, just, clearly)": r"\b(?:very|really|just|certainly|clearly|simply)\b",
    '"not", "never"': r"\b(?:not|never)\b|n't\b",
    "this, here, now": r"\b(?:this|here|now|these)\b",
    "a present tense (is, are, has)": r"\b(?:is|are|has|have|does|do)\b",
    "a past tense (was, were, had)": r"\b(?:was|were|had|did)\b",
}


def paragraphs():
    """Reuters bodies, one paragraph at a time, white space folded (the 1987 feed indents
    each paragraph and hard-wraps its lines)."""
    for body in reuters_bodies():
        for p in re.split(r"\n\s*\n|\n    ", body):
            yield " ".join(p.split())


FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y|[Mm]e)\b")
STRONG_MARK = re.compile(rf"\b(?:{PRONOUN_CONTRACTION}|you|your)\b", re.IGNORECASE)


def rest_marks(rest: str) -> str:
    """What the quote that ``rest`` opens (up to its closing mark) has of speech."""
    close = rest.find('"')
    quote = rest if close < 0 else rest[:close]
    if FIRST_PERSON.search(quote):
        return "a first-person word"
    return "a contraction or you only" if STRONG_MARK.search(quote) else "neither"


def colon_shape(paragraph: str) -> tuple[str, str] | None:
    """(where the colon quote closes, one or several sentences), or None."""
    m = COLON_QUOTE.search(paragraph)
    return None if m is None else closing_shape(paragraph[m.end():])


_CONTRACTION = re.compile(rf"\b{PRONOUN_CONTRACTION}\b", re.IGNORECASE)


def deep_contraction_quote(paragraph: str, m) -> bool | None:
    """For a quote closed by its attribution (``m``, a QUOTED_SENTENCE match) whose first
    pronoun's contraction stands after its third word: does the quote open at its
    sentence's start? None when it has no such contraction."""
    c = _CONTRACTION.search(m.group(1))
    if c is None or len(m.group(1)[:c.start()].split()) < 3:
        return None
    before = paragraph[:m.start()]
    return before == "" or re.search(r'[.!?]"?\s+$', before) is not None


def rule_marked(sentence: str) -> bool:
    """Has ``sentence`` a mark of speech as WF801 reads one (a first-person word, a
    contraction, "you")?"""
    return bool(_FIRST_PERSON_WORD.search(sentence) or _SPEECH_MARK.search(sentence))


def unmarked_tail(rest: str) -> str | None:
    """For a quote opened after an attribution (``rest``: the paragraph after its opening
    mark) whose first sentence has a mark of speech: where do the sentences without one
    after its last marked sentence belong? "the quote's", "the reporter's", or None when
    there are none (or a later quote makes it unclear)."""
    close = rest.find('"')
    if close < 0:
        return None
    quoted = [x for x in NEXT_SENTENCE.split(rest[:close]) if x.strip()]
    after = [x for x in NEXT_SENTENCE.split(rest[close + 1:].strip()) if x.strip()
             and not SIGN_OFF.match(x) and not ATTRIBUTION_AFTER.match(x) and x != "."]
    if not quoted or not rule_marked(quoted[0]) or '"' in rest[close + 1:]:
        return None
    last = max(k for k, x in enumerate(quoted) if rule_marked(x))
    if last < len(quoted) - 1:
        return "the quote's"
    return "the reporter's" if after else None


def closing_shape(rest: str) -> tuple[str, str]:
    """(where a quote closes, one or several sentences), for the paragraph's text after
    its opening mark."""
    close = rest.find('"')
    if close < 0:
        return "left open", "-"
    after = rest[close + 1:].strip()
    if not after or SIGN_OFF.match(after) or after == ".":
        where = "at the paragraph's end"
    elif ATTRIBUTION_AFTER.match(after):
        where = "before an attribution"
    else:
        where = "before more text"
    sentences = len(SENTENCE_BREAK.findall(rest[:close])) + 1
    return where, "several sentences" if sentences > 1 else "one sentence"


def main() -> int:
    need_shared()
    openings: Counter[str] = Counter()
    unmarked: Counter[tuple[str, str]] = Counter()
    colons: Counter[tuple[str, str]] = Counter()
    cues: Counter[tuple[str, bool]] = Counter()
    sentences: Counter[bool] = Counter()
    rests: Counter[tuple[bool, bool]] = Counter()
    tenses: Counter[tuple[bool, bool]] = Counter()
    deep_starts: Counter[bool] = Counter()
    ledes: Counter[bool] = Counter()
    for body in reuters_bodies():
        lede = " ".join(body.split())
        if lede.startswith('"') and QUOTED_SENTENCE.match(lede):
            ledes[True] += 1
        elif BARE_SENTENCE.match(lede):
            ledes[False] += 1
    colon_quoted = colon_unquoted = 0
    second: Counter[tuple[str, bool, bool]] = Counter()
    after: Counter[tuple[str, str]] = Counter()
    tails: Counter[str | None] = Counter()
    for p in paragraphs():
        m = QUOTE_AFTER_ATTRIBUTION.search(p)
        if m is not None:
            after[closing_shape(p[m.end():])] += 1
            tails[unmarked_tail(p[m.end():])] += 1
        for where, pattern in (("the paragraph's start", TWO_QUOTED),
                               ("the second sentence", SECOND_ONLY)):
            m = pattern.match(p)
            if m:
                second[where, bool(SPEECH_MARK.search(m.group(1))),
                       bool(SPEECH_MARK.search(m.group(2)))] += 1
        colon_quoted += len(COLON_QUOTE.findall(p))
        colon_unquoted += len(COLON_UNQUOTED.findall(p))
        m = OPENING_QUOTE_THEN.match(p)
        if m and not SIGN_OFF.match(m.group(1)):
            rest = m.group(1)
            quoted = rest.startswith('"')
            first = NEXT_SENTENCE.split(rest[1:] if quoted else rest)[0]
            rests[bool(SPEECH_MARK.search(first)), quoted] += 1
            if not SPEECH_MARK.search(first):
                tenses[present_tense_only(first, 0, len(first)), quoted] += 1
        for quoted, pattern in ((True, QUOTED_SENTENCE), (False, BARE_SENTENCE)):
            for m in pattern.finditer(p):
                sentences[quoted] += 1
                for cue, rx in CUES.items():
                    if re.search(rx, m.group(1)):
                        cues[cue, quoted] += 1
                if quoted:
                    deep = deep_contraction_quote(p, m)
                    if deep is not None:
                        deep_starts[deep] += 1
        for label, pattern in (("first sentence quoted", OPENS_QUOTED),
                               ("first sentence paraphrased", OPENS_PARAPHRASED)):
            m = pattern.match(p)
            if m is not None:
                openings[label] += 1
                if not SPEECH_MARK.search(p, 0, m.end() - 1):
                    unmarked[label, rest_marks(p[m.end():])] += 1
                break
        shape = colon_shape(p)
        if shape is not None:
            colons[shape] += 1
    print('1. "..., NAME said." opens a paragraph that goes on with a quote')
    for k, v in openings.most_common():
        print(f"   {k:<34}{v:>6}")
    print("   the first sentence without a mark of speech, by what the quote after it has:")
    for rest in ("a first-person word", "a contraction or you only", "neither"):
        a = unmarked["first sentence quoted", rest]
        b = unmarked["first sentence paraphrased", rest]
        print(f"   {rest:<34} quoted {a:>4}   paraphrased {b:>4}")
    print('2. colon quotes ("said: \\"...")')
    for (where, size), v in sorted(colons.items()):
        print(f"   {where:<24}{size:<20}{v:>6}")
    print(f'3. sentences ending ", NAME said.": {sentences[True]} quoted, {sentences[False]} not')
    print(f"   {'cue':<46}{'quoted':>7}{'not':>6}  share quoted")
    for cue in CUES:
        a, b = cues[cue, True], cues[cue, False]
        print(f"   {cue:<46}{a:>7}{b:>6}  {a / max(1, a + b):.2f}")
    print(f"   a quote with a pronoun's contraction after its third word opens at the "
          f"sentence's start {deep_starts[True]}, inside it {deep_starts[False]}")
    print(f"   bodies that open with such a sentence: quoted {ledes[True]}, not {ledes[False]}")
    print('4. after a paragraph\'s opening quote and its attribution, the next sentence')
    for marked in (True, False):
        a, b = rests[marked, True], rests[marked, False]
        label = "with a mark of speech" if marked else "without one"
        print(f"   {label:<24} a quote {a:>5}   the reporter's {b:>5}   share quoted {a / max(1, a + b):.2f}")
    for present in (True, False):
        a, b = tenses[present, True], tenses[present, False]
        label = "  present tense only" if present else "  other"
        print(f"   {label:<24} a quote {a:>5}   the reporter's {b:>5}   share quoted {a / max(1, a + b):.2f}")
    refs = list(wmt22_references())
    ref_quoted = sum(len(COLON_QUOTE_ANY.findall(t)) for t in refs)
    ref_unquoted = sum(len(COLON_UNQUOTED.findall(t)) for t in refs)
    print(f'5. "said:" before a capital: Reuters quoted {colon_quoted}, left unquoted '
          f'{colon_unquoted}; WMT22 references quoted {ref_quoted}, left unquoted {ref_unquoted}')
    bodies = [" ".join(b.split()) for b in reuters_bodies()]
    counts = [sum(len(p.findall(t)) for t in texts) for texts in (bodies, refs)
              for p in (COMMA_QUOTE, COMMA_UNQUOTED)]
    print(f'   "said," before a word that opens a sentence: Reuters quoted {counts[0]}, left '
          f'unquoted {counts[1]}; WMT22 references quoted {counts[2]}, left unquoted {counts[3]}')
    print("6. a quote closed by its attribution in a paragraph's second sentence opens at")
    for first_mark in (False, True):
        for second_mark in (True, False):
            label = (f"first sentence {'with' if first_mark else 'without'} a mark, second "
                     f"{'with' if second_mark else 'without'}")
            a = second["the paragraph's start", first_mark, second_mark]
            b = second["the second sentence", first_mark, second_mark]
            print(f"   {label:<52} the paragraph's start {a:>4}   the second sentence {b:>4}")
    print('7. a quote opened right after an attribution (\'..., he said. "...\') closes')
    for (where, size), v in sorted(after.items()):
        print(f"   {where:<24}{size:<20}{v:>6}")
    quote_s, reporter_s = tails["the quote's"], tails["the reporter's"]
    print(f"   sentences without a mark of speech after its last marked one (the first marked): "
          f"the quote's {quote_s}, the reporter's {reporter_s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
