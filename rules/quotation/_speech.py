"""What stripped-quotation-marks reads in a paragraph: first-person words and marks of
speech in narration, attributions (their speech verb, where a trailing one starts, whether
it only says who spoke), and the quote style around a paragraph (a quote the paragraph
before left open). Pure functions over the document; the rule decides in
stripped_quotation_marks.py."""
from __future__ import annotations

import bisect
from operator import attrgetter

import regex

from wirefix.cleaner.language import split_sentences
# lazy_re: _SPEECH_MARK, ASCII words led by literals, is searched over whole stories, which
# the stdlib engine does faster than `regex`; its \w is the stdlib's (str.isalnum and _).
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import (_ABBREVIATION_DOT, _SPEECH_ALT, FIRST_PERSON,
                                            LEXICON, PREPOSITIONS, in_quote,
                                            trailing_attribution)

_START = attrgetter("start")

_FIRST_PERSON_WORD = lazy_regex(
    r"(?<![\p{L}\p{N}’'.-])(I|me|my|myself|we|We|us|our|Our|ours|ourselves|My|Me)"
    r"(?=[’'](?:m|ve|ll|d|re)\b|(?![\p{L}\p{N}’'.-]))")
# Other marks of speech that narration in wire copy does without: contractions ("It’s",
# "didn’t", "they’re") and the second person ("you", "your").
_SPEECH_MARK = lazy_re(
    r"(?<![\w’'.-])(?:[A-Za-z]+n[’']t|(?:[Ii]t|[Tt]hat|[Tt]here|[Ww]hat|[Hh]ere|[Ll]et)[’']s|"
    r"(?:[Yy]ou|[Tt]hey|[Ww]e)[’'](?:re|ve|ll|d)|(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)[’']ll|"
    r"[Yy]ou|[Yy]our)(?![\w’'-])")
_APOSTROPHE = lazy_re(r"[’']")
_YOU = lazy_re(r"[Yy]ou")


def speech_mark_starts(text: str) -> list[int]:
    """Where the matches of ``_SPEECH_MARK.finditer(text)`` start, found from the marks a
    match must hold: its finditer tried the pattern at every offset, and its "[A-Za-z]+n't"
    reads each word to its end and back, so it was most of the rule's cost on a story with
    an apostrophe. A match is either ASCII letters and then an apostrophe, starting where
    that run of letters starts (the look-behind allows no letter before it), or "you"/"your".
    So each start is the start of the letters before an apostrophe, or of a "you", where the
    pattern then matches; and no match starts inside another (every character of a match is
    one the look-behind rejects), so these are finditer's starts."""
    match = _SPEECH_MARK.match
    starts = set()
    for m in _APOSTROPHE.finditer(text):
        mark = start = m.start()
        while start and ("a" <= text[start - 1] <= "z" or "A" <= text[start - 1] <= "Z"):
            start -= 1
        if start < mark and match(text, start):
            starts.add(start)
    for m in _YOU.finditer(text):
        if match(text, m.start()):
            starts.add(m.start())
    return sorted(starts)


_WORD_BEFORE = lazy_regex(r"(\p{L}+)\s+$")
# after a speech verb in the perfect: what opens reported words ("has added that")
_CLAUSE_OPENS = lazy_regex(r"\s*(?:that\b|,|:)")
# a contraction just before a speech verb ("we've said")
_CONTRACTION_END = lazy_regex(r"[’'](?:ve|d|ll|m|re)\s")
# "I" as a pronoun: a lower-case word or a contraction ("I’m") follows.
_VERB_AFTER_I = lazy_regex(r"\s+\p{Ll}|[’']")
_GATE = frozenset(w.lower() for w in FIRST_PERSON)  # "I" and "us" in any case, as a gate
# Words after which "I" is a roman numeral: "World War I", "Phase I".
_NUMERAL_CONTEXT = frozenset(
    "War Phase Type Class Title Part Chapter Act Stage Level Grade Division Tier Article series "
    "Series "
    "Section Volume Book Round Henry Elizabeth Charles James George William Edward Louis "
    "Richard Mary Peter Paul John Nicholas Alexander Frederick".split())


# An opening quotation mark or bracket, a colon or a dash before a capitalised first-person
# word: the start of a quote or an aside, where "We" and "My" are pronouns, not names.
_OPENING_BEFORE = lazy_regex(r"(?:[\"“‘(\[]\s?|[:—–-]\s)$")
# First-person words that belong to everyone, not to a speaker: "our solar system"; or to
# the news outlet: "Our correspondent in Gaza reported ...".
_SHARED_FIRST_PERSON = lazy_regex(
    r"\G(?:our|Our)\s+(?:solar\s+system|galaxy|planet|sun|moon|universe|ancestors|"
    r"correspondents?|reporters?)\b"
    r"|\Gus\s+\d")  # "us 1-3": a USDA grade in a market report
# A first-person word straight after a speech verb is the narrator's ("he told me", "said we
# should"): reported speech, or a first-person narrator.
_AFTER_SPEECH = lazy_regex(rf"\b(?:{_SPEECH_ALT})(?:\s+that)?\s+$")
# The story's narrator is in the first person: "told me", "asked us", "to me".
_NARRATOR = lazy_regex(
    r"\b(?:told|tells|asked|asks|gave|give|sent|showed|helped|let|made)\s+(?:me|us)\b|\bto\s+me\b")
# A speech verb that then reports nothing ("for", a figure, or an article or "to" after
# added/posted/noted/...): in a relative clause after a noun or pronoun ("everything we
# asked for", "the jobs we added") the first-person words are a speaker's about deeds.
# Not after a word that opens a clause of its own ("As we noted a year ago", "When I asked
# for a copy", "Hours after we posted the video") nor a time ("By the time we asked for the
# recordings", "The week we posted"): those are the writer's asides.
_NOT_SPEAKING_AFTER = lazy_regex(
    r"\s+(?:for\b|\d|(?<=(?:added|adds|posted|noted|notes|continued|continues|announced|"
    r"announces|stated|states|declared|declares)\s+)(?:a|an|the|our|its|their|record|more|"
    r"new|to)\b)")
_RELATIVE_HEAD = lazy_regex(
    r"(?<![\p{L}’'-])(?!(?:as|As|when|When|since|Since|after|After|before|Before|until|Until|"
    r"while|While|once|Once|because|Because|if|If|like|Like|and|And|but|But|that|That|so|So|"
    r"time|day|days|week|weeks|month|months|year|years|moment|hour|hours|minute|minutes)"
    r"(?![\p{L}]))\p{Ll}[\p{L}’'-]*\s+$")


def narrator_speaker(text: str, start: int, end: int):
    """The first first-person speaker between ``start`` and ``end`` ("I said", "we asked
    him", "My App says") that is the narrator reporting speech; not one in a relative
    clause whose verb then reports nothing ("everything we asked for")."""
    for m in _FIRST_PERSON_SPEAKER.finditer(text, start, end):
        if _NOT_SPEAKING_AFTER.match(text, m.end()) and \
                _RELATIVE_HEAD.search(text, max(start, m.start() - 30), m.start()):
            continue
        return m
    return None
# The speaker is the narrator: a first-person word just before the speech verb ("I said",
# "I asked if", "My App says").
_FIRST_PERSON_SPEAKER = lazy_regex(
    rf"(?<![\p{{L}}’'-])(?:I|we|We|my|My|our|Our)(?:[’'](?:ve|d|ll|m|re))?(?:\s+\p{{L}}+)?\s+"
    rf"(?:{_SPEECH_ALT})\b")
# A speech verb in the passive ("if you're told to leave") attributes nothing.
_PASSIVE_SPEECH = lazy_regex(
    rf"(?:\b(?:was|were|is|are|be|been|being|get|got)|[’'](?:re|s|m))\s+(?:{_SPEECH_ALT})\b")
# Any mark that quotes: a paragraph that still has one did not lose its quotation marks.
_ANY_QUOTE = lazy_regex(r"[\"“”«»„「」『』]|(?:^|(?<=[\s(\[—-]))[‘'](?=\p{L})")
# A sentence that is only an attribution: "Blinken said on Friday." "Wang told reporters:"
# A sentence of reported speech: a speech verb and "that" ("said last week that ...").
_REPORTED_SPEECH = lazy_regex(rf"(?<![\p{{L}}])(?:{_SPEECH_ALT})(?![\p{{L}}])[^.!?:;]{{0,40}}?"
                              rf"(?<![\p{{L}}])that(?![\p{{L}}])")
# (Not one that reports what was said: "Mayor Karen Bass said last week that the budget
# was balanced." is reported speech, and what follows it the writer's.)
_ATTRIBUTION_ONLY = lazy_regex(
    rf"^\s*(?:(?:he|she|they|He|She|They)|(?:\p{{Lu}}[\p{{L}}’'.-]*\s+){{0,3}}\p{{Lu}}[\p{{L}}’'.-]*)"
    rf"\s+(?:{_SPEECH_ALT})\b(?:(?!that\b)[^.!?:,;]){{0,40}}[.:]\s*$")


# A sentence's fronted subordinate clause alone before the attribution's comma ("As I left
# the courtroom, defence lawyer X told me ...", "When I called on Friday, ..."): no quote
# ends there, and its first-person words are the narrator's.
_FRONTED_CLAUSE = lazy_regex(
    r"(?:As|When|While|After|Before|Since|Once|If|Because|Although|Though|Until|Whenever)\s"
    r"[^,;:]*,")
# A capitalised first-person word before another capitalised word is a name: "My Lai",
# "Me Too", "Our Lady", "We Are the World".
_NAME_AFTER = lazy_regex(r" (?!I(?![\p{L}]))\p{Lu}")


# A first-person narrator who saw or met someone ("I watched as she returned", "I met her at
# the camp"): a sentence no quote of that someone runs into. ("I think he was taken" is the
# speaker's own words.)
_NARRATOR_ON_SPEAKER = lazy_regex(
    r"(?<![\p{L}’'])(?:I|we)\s+(?:watched|saw|met|visited|followed|interviewed|found|"
    r"joined|reached|called|asked)\s+(?:\p{Ll}+\s+){0,2}?(?:she|he|her|him)(?![\p{L}’'])")


# English curly double marks: straight ones do not say which way they face, and „ “ « »
# face other ways in German or Danish copy.
_OPENING_MARKS = "“"
_CLOSING_MARKS = "”"
_SENTENCE_IN = lazy_regex(r"[.!?]\s+\p{Lu}|[.!?]\s*$")
# Where a quote of sentences opens: at the paragraph's start, after a sentence, a colon, or
# a speech verb and its comma ("Bach said. “It was", "told reporters: “We", "said, “We");
# not inside a sentence ("Her new novel, “The Quiet Years, is set ...": a title).
_QUOTE_STARTS = lazy_regex(
    rf"(?:(?<![^\n])|[.!?:]|(?<![\p{{L}}])(?:{_SPEECH_ALT}),)\s*\Z")


def _left_open(text: str, p) -> bool:
    """Does paragraph ``p`` end inside a quotation: its last curly double mark opens one,
    and a sentence of the quote ends in the paragraph (AP's run-on quote, not a title
    whose closing mark was dropped: "Review: “Oppenheimer is a triumph")?"""
    last = max(text.rfind(c, p.start, p.end) for c in _OPENING_MARKS + _CLOSING_MARKS)
    return last >= 0 and text[last] in _OPENING_MARKS \
        and _QUOTE_STARTS.search(text, p.start, last) is not None \
        and _SENTENCE_IN.search(text, last, p.end) is not None


# A sentence that opens with an attribution and a colon before a capital: "Kimaro said:
# If rules were broken, ...", "The minister told reporters: We ...".
_COLON_ATTRIBUTION = lazy_regex(
    rf"(?:[^.!?:;“”\"]|{_ABBREVIATION_DOT}){{1,120}}?(?<![\p{{L}}])(?:{_SPEECH_ALT})(?![\p{{L}}])"
    rf"[^.!?:;“”\"]{{0,40}}:\s+(?=\p{{Lu}})")


class _ClosedLater:
    """Does the first double mark from paragraph ``k`` on close a quote? Then the quote
    runs over the paragraphs before it without reopening (a style some copy keeps), and
    none of them lost its marks. Found for all paragraphs in one pass from the end, the
    first time it is asked."""

    def __init__(self, text: str, paragraphs):
        self.text, self.paragraphs = text, paragraphs
        self._answers: list[bool] | None = None

    def __call__(self, k: int) -> bool:
        if self._answers is None:
            text = self.text
            answers = [False] * (len(self.paragraphs) + 1)
            for i in range(len(self.paragraphs) - 1, -1, -1):
                p = self.paragraphs[i]
                found = [j for j in (text.find(c, p.start, p.end)
                                     for c in _OPENING_MARKS + _CLOSING_MARKS + '"') if j >= 0]
                if not found:
                    answers[i] = answers[i + 1]
                    continue
                first = min(found)
                # a straight mark closes when it does not open the paragraph and the
                # paragraph's marks do not pair up
                answers[i] = text[first] in _CLOSING_MARKS or (
                    text[first] == '"' and text[p.start:first].strip() != ""
                    and text.count('"', p.start, p.end) % 2 == 1)
            self._answers = answers
        return self._answers[k] if k < len(self._answers) else False


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
        elif word[0].isupper() and (word not in ("We", "Our", "My", "Me") or (
                m.start() not in doc.sentence_initial_offsets
                and not _OPENING_BEFORE.search(text, max(start, m.start() - 2), m.start()))
                or _NAME_AFTER.match(text, m.end())):
            continue  # "WE", or a name: "the My Number card", "Our Lady", "My Lai survivors"
        if _SHARED_FIRST_PERSON.match(text, m.start()):
            continue
        if word[0].islower() and _AFTER_SPEECH.search(text, max(start, m.start() - 30), m.start()):
            continue
        out.append(m)
    return out


# Words before a speech verb that make it no attribution of someone else's words: the
# narrator or the reader ("I thought", "which you asked"), a relative ("whoever posted",
# "students who wrote"), a modal or "to" ("must say", "to say").
_NOT_SPEAKER = frozenset(
    "I we We you You me us who whoever which that must can could would should will may might "
    "to To not never".split())
_PERFECT_BEFORE = lazy_regex(r"\b(?:has|have|had)\s+$")
_SPEECH_VERB_WORD = lazy_regex(rf"(?<![\p{{L}}’'-])(?:{_SPEECH_ALT})(?![\p{{L}}])")


def _speaker_verb(text: str, s) -> int | None:
    """Offset of the first speech verb in the sentence that attributes words to someone
    else: a name, a pronoun of the third person or a noun before it, not in the passive."""
    for m in _SPEECH_VERB_WORD.finditer(text, s.start, s.end):
        passive = _PASSIVE_SPEECH.search(text, max(s.start, m.start() - 15), m.end())
        if passive is not None and passive.end() == m.end():
            continue  # "if you're told to leave"
        if text.startswith(" to ", m.end()):
            continue  # "continues to innovate", "urged to": not speech
        if _PERFECT_BEFORE.search(text, max(s.start, m.start() - 6), m.start()) and \
                not _CLAUSE_OPENS.match(text[m.end():m.end() + 6]):
            continue  # "Google News has added a bunch of features": an object, not words
        before = _WORD_BEFORE.search(text, max(s.start, m.start() - 30), m.start())
        if before is not None and before.group(1) in _NOT_SPEAKER:
            continue
        if before is not None and _CONTRACTION_END.match(text[m.start() - 4:m.start()]):
            continue
        return m.start()
    return None


class _Tails:
    """Where each sentence of a paragraph ends in a trailing attribution (the offset of its
    comma), searched once per sentence, and the attribution each sentence's speech runs
    to. ``rows`` are ``StrippedQuotationMarks._sentences``."""

    __slots__ = ("text", "rows", "found", "_stops")

    def __init__(self, text: str, rows):
        self.text, self.rows = text, rows
        self.found: dict[int, int | None] = {}
        self._stops: list[int | None] | None = None

    def __call__(self, k: int) -> int | None:
        if k not in self.found:
            self.found[k] = trailing_attribution(self.text, self.rows[k][0])
        return self.found[k]

    def stop(self, i: int) -> int | None:
        """The first row from ``i`` on with an attribution, trailing or not (None: no such
        row). Found for all rows in one pass from the end, so that a long paragraph is not
        scanned again from every row."""
        if self._stops is None:
            stops: list[int | None] = [None] * len(self.rows)
            stop = None
            for j in range(len(self.rows) - 1, -1, -1):
                if self.rows[j][1] or self(j) is not None:
                    stop = j
                stops[j] = stop
            self._stops = stops
        return self._stops[i]

    def ahead(self, i: int) -> int | None:
        """The row from ``i`` on that ends in an attribution of someone else's words (not
        the narrator's: "..., I asked people to ..."), with no sentence of an attribution
        before it; None if there is none."""
        j = self.stop(i)
        return j if j is not None and self.rows[j][1] and self(j) is not None else None


_PRESENT_AUXILIARIES = frozenset(LEXICON["present_auxiliaries"])
_PAST_TENSE = frozenset(LEXICON["past_tense_verbs"])
_NOT_PAST_ED = frozenset(LEXICON["not_past_ed"])
# lower-case words only: "United", "Ted" and other names end in "ed" too
_LOWER_WORD = lazy_regex(r"(?<![\p{L}’'-])\p{Ll}+(?![\p{L}’'-])")


def present_tense_only(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` have a present-tense auxiliary ("is", "has", "will") and no
    past tense ("was", "said", a word in "-ed")? After a quote and its attribution such a
    sentence is nearly always the quote's rest ("Fuel and labor costs are up."), one in
    the past tense the reporter's ("Shares fell 3 percent.")."""
    present = False
    for m in _LOWER_WORD.finditer(text, start, end):
        word = m.group()
        if word in _PAST_TENSE or word.endswith("ed") and word not in _NOT_PAST_ED:
            return False
        present = present or word in _PRESENT_AUXILIARIES
    return present


def strong_marks(marks) -> list:
    """The marks of speech that narration does without: a contraction of a pronoun ("It’s",
    "we’re", "I’m", "you’ll") or "you". A negative one ("didn’t", "wasn’t", "haven’t")
    is common in AP narration ("It wasn’t immediately clear ...", "Residents who haven’t
    evacuated should leave now, the governor said"), so it opens no quote on its own."""
    return [m for m in marks if not m.group().lower().endswith(("n’t", "n't"))]


def _word(m) -> str:
    return m.group(1) if m.re is _FIRST_PERSON_WORD else m.group()


def _within_words(text: str, start: int, at: int, n: int) -> bool:
    """Is ``at`` within the first ``n`` words after ``start``?"""
    return len(text[start:at].split()) < n


# Speakers that are not people: a study, a report, a statement is summarised, not quoted.
_NOT_PERSON = lazy_regex(
    r",\s+(?:says?|said|added|adds|notes?|noted|shows?|showed|finds|found)\s+(?:an?|the)\s+"
    r"(?:[\p{L}-]+\s+){0,3}(?:study|report|survey|statement|poll|paper|analysis|review|data|"
    r"research|index|document|filing|letter|ruling)\b")


# "..., it added": a company's statement, which wire copy summarises without quotes; only
# a first-person word makes it a quote.
_IT_SAID = lazy_regex(rf",\s+it\s+(?:{_SPEECH_ALT})\b")


# The longest trailing attribution (from its comma to the sentence's end) that closes a
# sentence of speech: ", said Siti Rahma, a mother of three." A longer one goes on with a
# clause of its own (", Wilson said the federal government will act"): the words before it
# are then a fronted clause of reported speech, not a quote.
_SHORT_ATTRIBUTION = 60
# Reported speech that turns into a partial quote opens a clause of its own before the
# first-person word: "The United States wants to ensure that the competition we have ...,
# he told reporters" quoted only its last part. The whole sentence is then no clear quote.
_COMPLEMENT = lazy_regex(r"(?<![\p{L}’'-])(?:that|whether|if)(?![\p{L}’'-])", regex.IGNORECASE)


# The first-person words that mark a speaker deep in a sentence: a subject or a possessive
# in lower case ("than we expected", "up to my chest"), not in a relative clause ("residents
# who we ..."). "us" and "me" only beside another mark of speech in the same sentence (a
# contraction, "you"): alone they may be a police force's narration ("urged residents to
# contact us"). A capitalised word in mid-sentence is a name ("the My Number card").
_SPEAKER_WORDS = frozenset({"I", "we", "my", "our"})
_OBJECT_WORDS = frozenset({"us", "me"})
_SUBORDINATE_BEFORE = lazy_regex(r"(?<![\p{L}])who\s+$")
# Words in an attribution that open a clause of its own: ", Wilson said the federal
# government will act" goes on as reported speech, and what comes before it need not be a
# quote. (Tested only on an attribution longer than _SHORT_ATTRIBUTION.)
_CLAUSE_WORD = lazy_regex(
    r"(?<![\p{L}’'-])(?:that|will|would|could|should|can|may|might|must|is|are|was|were|has|"
    r"have|had|be|been|does|did|do)(?![\p{L}’'-])|[’'](?:re|ve|ll|d)(?![\p{L}])"
    # "’s" is "is" or "has" only after a pronoun: "during Blinken’s visit", "at the
    # company’s meeting" are possessives
    r"|(?<![\p{L}])(?i:it|that|he|she|there|here|what|who|where|this)[’']s(?![\p{L}])")
# Speech verbs that take a listener as their object ("told cheering supporters"); after the
# others a word in lower case that is no preposition starts a clause ("said prices rose").
_OBJECT_VERBS = frozenset({"told", "tells", "asked", "asks", "urged", "urges"})
_VERB_AND_NEXT = lazy_regex(rf"(?<![\p{{L}}’'-])({_SPEECH_ALT})(?![\p{{L}}])\s*(\p{{L}}+)?")
_WORDS_AFTER = lazy_regex(r"\G\s*(\p{L}+)")
_TIME_WORDS = frozenset(
    "yesterday today tonight earlier later late last this next recently afterwards afterward "
    "lately again separately here there".split())


def _deep_speaker(text: str, s, words, marks):
    """The first-person word that marks the sentence as speech wherever it stands: a
    subject or possessive in lower case, or "us"/"me" beside a contraction or "you", in
    narration, not in a "who" clause, with no "that", "whether" or "if" before it opening a
    clause of reported speech ("The United States wants to ensure that the competition we
    have ... , he told reporters" quoted only its last part)."""
    allowed = _SPEAKER_WORDS | _OBJECT_WORDS if marks else _SPEAKER_WORDS
    first = next((w for w in words if w.group(1) in allowed
                  and not _SUBORDINATE_BEFORE.search(text, max(s.start, w.start() - 5),
                                                     w.start())), None)
    if first is None or _COMPLEMENT.search(text, s.start, first.start()):
        return None
    return first


def _plain_attribution(text: str, comma: int, end: int) -> bool:
    """Does the trailing attribution from ``comma`` only say who spoke, where and to whom
    (", Kwak said on Tuesday.", ", the union leader told thousands of protesters outside the
    assembly."), with no clause of its own after the verb?"""
    tail = text[comma:end].rstrip()
    if len(tail) > 4 * _SHORT_ATTRIBUTION or _goes_on(tail):
        return False
    return len(tail) <= _SHORT_ATTRIBUTION or not _CLAUSE_WORD.search(tail)


def _goes_on(tail: str) -> bool:
    """Does the attribution ``tail`` (from its comma) go on with a clause of reported
    speech after "said": ", Wilson said the federal government ...", ", the girl said that
    ..."? (After "told" the listener follows: ", she told reporters".)"""
    m = _VERB_AND_NEXT.search(tail)
    if m is None or m.start() <= 2 or m.group(1) in _OBJECT_VERBS:
        return False
    # past a time word to the word after it: ", Ruiz said afterward that the vote stands"
    # goes on, ", Martinez said afterward." does not
    words = [m.group(2), *_WORDS_AFTER.findall(tail, m.end())] if m.group(2) else []
    for nxt in words:
        if nxt in _TIME_WORDS:
            continue
        return not (nxt[0].isupper() or nxt in PREPOSITIONS)
    return False


# the end of a sentence before a given one: where there is none, the story opens with it
_SENTENCE_END = lazy_regex(r"[.!?][\"”’')]?\s")


def _first_person_before_short_attribution(text: str, s, own: bool, words, marks,
                                           comma: int | None) -> bool:
    """Is the sentence speech by its shape, wherever its first-person word stands: it ends
    in a plain attribution of its own (``comma``: where it starts, ", Kwak said.") and a
    first-person word that marks a speaker comes before that attribution ("Demand is far
    stronger than we expected, Kwak said.") or a contraction of a pronoun does ("They
    didn’t surprise anyone, and that’s the point, said Helima Croft."), with no "that",
    "whether" or "if" before it opening reported speech. In Reuters-21578 a sentence
    closed by ", NAME said." with a pronoun's contraction is a quote all 161 times; where the contraction stands deeper than its third word, the quote opens at the
    sentence's start 116 times and inside it 5 (bench/quote_shapes.py, section 3). Not
    the story's first sentence: none of the 152 Reuters-21578 bodies that open with a
    sentence closed by ", NAME said." quotes it (section 3) ("... are raising more questions than
    they're answering, say NASA scientists." is a lede)."""
    if not own or comma is None or not (words or marks) or \
            not _plain_attribution(text, comma, s.end):
        return False
    first = _deep_speaker(text, s, words, marks) if words else None
    if first is not None and first.start() < comma:
        return True
    contraction = next((m for m in strong_marks(marks) if "’" in m.group() or "'" in m.group()),
                       None)
    return contraction is not None and contraction.start() < comma and \
        not _COMPLEMENT.search(text, s.start, contraction.start()) and \
        _SENTENCE_END.search(text, 0, s.start) is not None
