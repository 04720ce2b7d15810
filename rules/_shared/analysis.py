"""Document-level analyses shared by the machine-translation artefact rules.

Each analysis is built once per Document (``doc.memo``) and read by several rules:
- where quotation marks enclose text (``quote_regions``, ``in_quote``);
- the story's quote style (curly or straight), for suggestions that add quotes;
- the people the story names, with the pronouns it uses for them (``people``);
- whether a sentence carries an attribution ("he told reporters", "said Daniel Kritenbrink").
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import regex

from wirefix.cleaner.document import Document, Span
from wirefix.cleaner.language import abbreviation_kind
# lazy_re: _SPEECH_LITERALS and _WORDS find literals and word runs over whole sentences
# or stories, which the stdlib engine does several times faster than `regex`.
from wirefix.cleaner.patterns import lazy_re, lazy_regex, longest_first
from wirefix.rules.data import read_toml

LEXICON = read_toml("lexicon.toml")

PREPOSITIONS = frozenset(LEXICON["prepositions"])
CONJUNCTIONS = frozenset(LEXICON["conjunctions"])
RELATIVE_PRONOUNS = frozenset(LEXICON["relative_pronouns"])
DETERMINERS = frozenset(LEXICON["determiners"])
WEEKDAYS = frozenset(LEXICON["weekdays"])
SPEECH_VERBS = frozenset(LEXICON["speech_verbs"])
PERSON_TITLES = tuple(LEXICON["person_titles"])
MALE = frozenset(LEXICON["male_pronouns"])
FEMALE = frozenset(LEXICON["female_pronouns"])
FIRST_PERSON = frozenset(LEXICON["first_person"])
BASE_VERBS = frozenset(LEXICON["base_verbs"])
NONWORD_CONTRACTIONS: dict[str, str] = dict(LEXICON["nonword_contractions"])

_SPEECH_ALT = "|".join(longest_first(SPEECH_VERBS))

# -- quotation marks -------------------------------------------------------------------------
_QUOTE_CHARS = lazy_regex(r"[\"“”«»]")


def _build_quote_regions(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    regions: list[tuple[int, int]] = []
    if not any(ch in text for ch in "\"“”«»"):
        return regions  # no quotation mark at all (most copy): no need for the paragraphs
    for p in doc.paragraphs:
        open_at: int | None = None
        for m in _QUOTE_CHARS.finditer(text, p.start, p.end):
            ch = m.group()
            if ch in "“«":
                if open_at is None:
                    open_at = m.start()
            elif ch in "”»":
                if open_at is not None:
                    regions.append((open_at, m.end()))
                    open_at = None
            else:  # straight quote: toggles
                if open_at is None:
                    open_at = m.start()
                else:
                    regions.append((open_at, m.end()))
                    open_at = None
        if open_at is not None:  # AP: a quote running on into the next paragraph
            regions.append((open_at, p.end))
    return regions


def quote_regions(doc: Document) -> list[tuple[int, int]]:
    return doc.memo("quote_regions", _build_quote_regions)


def in_quote(doc: Document, offset: int) -> bool:
    regions = quote_regions(doc)
    if not regions:
        return False
    starts = doc.memo("quote_region_starts", lambda d: [r[0] for r in quote_regions(d)])
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and regions[i][0] <= offset < regions[i][1]


def uses_curly(doc: Document, style: str = "follow") -> bool:
    """Whether suggestions should use curly marks: house style, else the story's majority
    of quotation marks and apostrophes (curly when the story has none)."""
    if style == "curly":
        return True
    if style == "straight":
        return False

    def count(d: Document) -> tuple[int, int]:
        t = d.text
        return (t.count("“") + t.count("”") + t.count("’") + t.count("‘"),
                t.count('"') + t.count("'"))

    curly, straight = doc.memo("quote_counts", count)
    return curly >= straight


def quote_pair(doc: Document, style: str = "follow") -> tuple[str, str]:
    return ("“", "”") if uses_curly(doc, style) else ('"', '"')


def apostrophe(doc: Document, style: str = "follow") -> str:
    return "’" if uses_curly(doc, style) else "'"


# -- people ----------------------------------------------------------------------------------
_NAME_WORD = r"\p{Lu}[\p{L}\p{M}’'-]*\p{Ll}"
NAME_PARTICLES = frozenset(LEXICON["name_particles"])
_PARTICLE = "|".join(longest_first(NAME_PARTICLES))
# Capitalised words in a row, with up to two particles between two of them ("Abdulaziz bin
# Salman", "Ursula von der Leyen")
_CHAIN = lazy_regex(rf"(?<![\p{{L}}\p{{M}}’'-]){_NAME_WORD}(?: (?:(?:{_PARTICLE}) ){{0,2}}{_NAME_WORD}){{1,7}}"
                    rf"(?![\p{{L}}\p{{M}}])")
_TITLE_WORDS = frozenset(w for t in PERSON_TITLES for w in t.replace(".", "").split()) | frozenset(
    "State Foreign Defense Defence Interior Finance Trade Commerce Health Labor Labour Energy "
    "Treasury Deputy Assistant Acting Former Senior Junior Security National Homeland Economy "
    "Education Agriculture Transport Transportation Environment Culture Justice Sports "
    "Executive Officer Operating Financial Managing Chief Director President Vice".split())
_NATIONALITY = lazy_regex(r"(?:ese|ian|an|ish|i|ch|ic)$")
# Words that end the name of a place or an institution, not a person.
_PLACE_TAILS = frozenset(
    "House Council Sea Ocean Strait Ministry Department University College School Party Street "
    "Avenue Square Guesthouse Hall Palace Center Centre Bank Fund Agency Office Court Committee "
    "Assembly Parliament Congress Senate Army Navy Force Forces Airlines Group Company "
    "Corporation Association Union Organization Organisation Institute Foundation Island Islands "
    "River Mountains Valley Bay Gulf Coast Province State States Kingdom Republic Emirates City "
    "County Airport Station Port Stadium Times Post Journal News Press Network Service Services "
    "Exchange Market Index Summit Games Cup League Club Church Mosque Temple Peninsula Region "
    "Administration Pacific Atlantic Cooperation Affairs High Academy "
    # companies: "lead manager Salomon Brothers Inc", "General Acquisition Co"
    "Inc Co Corp Ltd Llc LLC Plc PLC AG SA NV Holdings Partners Capital Securities Industries "
    "Technologies Motors Brothers Bancorp Trust Investments Resources Petroleum Energy".split())
_LOWER_TITLE_BEFORE = lazy_regex(
    r"(?:spokes(?:man|woman|person)|chief|adviser|advisor|writer|reporter|co-founder|founder|"
    r"leader|envoy|minister|secretary|president|director|chairman|chairwoman|coach|official|"
    r"diplomat|lawmaker|senator|analyst|expert|economist|editor|correspondent|actor|actress|"
    r"singer|player|captain|manager|head)\s*,?\s+$")
_TITLE_BEFORE = lazy_regex(
    r"(?:" + "|".join(regex.escape(t) for t in sorted(PERSON_TITLES, key=len, reverse=True)) + r")\s+$")


@dataclass
class Person:
    full: str
    words: frozenset[str]
    # named with a title or role ("Secretary of State Antony Blinken", "spokesman Hua
    # Chunying"): strong evidence of a person, where "X Y said" may be a company
    titled: bool = False
    male: int = 0
    female: int = 0

    @property
    def gender(self) -> str | None:
        if self.male > self.female and self.female == 0:
            return "male"
        if self.female > self.male and self.male == 0:
            return "female"
        return None


def _strip_titles(words: list[str]) -> tuple[list[str], bool]:
    """The name after the last title word of a chain: "Deutsche Bank Chief Executive Anna
    Keller" → (Anna Keller, titled)."""
    last_title = max((i for i, w in enumerate(words[:-1]) if w in _TITLE_WORDS), default=-1)
    if last_title >= 0:
        return words[last_title + 1:], True
    return words, False


_SPEECH_AFTER = lazy_regex(rf"(?:,[^,.]{{0,60}},)?\s+(?:{_SPEECH_ALT})\b")
_APPOSITIVE_AFTER = lazy_regex(r",\s+(?:the|a|an)\s+\p{Ll}")
_SPEECH_BEFORE = lazy_regex(rf"\b(?:{_SPEECH_ALT})\s+$")
# "the" just before a name: an institution or a family ("the Bidens’"), not a person.
THE_BEFORE = lazy_regex(r"\b[Tt]he\s+$")


def _speech_near(text: str, start: int, end: int) -> bool:
    after = text[end:end + 40]
    before = text[max(0, start - 12):start]
    return bool(_SPEECH_AFTER.match(after) or _APPOSITIVE_AFTER.match(after)
                or _SPEECH_BEFORE.search(before))


def _build_people(doc: Document) -> dict[str, Person]:
    text = doc.text
    found: list[Person] = []
    for m in _CHAIN.finditer(text):
        words = [w for w in m.group().split(" ") if w not in NAME_PARTICLES]
        if words[-1] in _PLACE_TAILS:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if THE_BEFORE.search(before):
            continue
        words, titled = _strip_titles(words)
        if len(words) < 2 or any(w in _PLACE_TAILS for w in words):
            continue
        titled = titled or bool(_TITLE_BEFORE.search(before) or _LOWER_TITLE_BEFORE.search(before))
        start = m.start() + m.group().index(words[0])
        if not titled and not _speech_near(text, start, m.end()):
            continue
        found.append(Person(" ".join(words), frozenset(words), titled))
    people: dict[str, Person] = {}
    for p in found:
        known = next((people[w] for w in p.words if w in people), None)
        if known is None:
            for w in p.words:
                people[w] = p
        else:
            known.titled = known.titled or p.titled
            for w in p.words:
                people.setdefault(w, known)
    # single-word mentions that act as speakers, e.g. "Xi told Gates", also confirm people
    _count_pronouns(doc, people)
    return people


# Every spelling of a pronoun that lower-cases to it ("he", "He", "HE", "hE"): a token's
# text is one of these exactly when ``text.lower()`` is in MALE or FEMALE. (The only
# non-ASCII letters that lower-case to ASCII are the Kelvin sign, to "k", which no pronoun
# has, and "İ", to two characters.)
_PRONOUN_FORMS = frozenset(
    "".join(chars) for word in MALE | FEMALE
    for chars in itertools.product(*({c, c.upper()} for c in word)))


def _count_pronouns(doc: Document, people: dict[str, Person]) -> None:
    """For each mention of a person as the first name-word of a sentence or clause, the first
    personal pronoun later in that sentence is taken to refer to them."""
    if not people:
        return
    # Only the names and the pronouns matter; every other token leaves the count as it is,
    # so the sentences are walked over these alone (one filtering pass over the tokens).
    kept = [t for t in doc.tokens if t[2] in people or t[2] in _PRONOUN_FORMS]
    if not kept:
        return
    starts = [t[0] for t in kept]
    for sent in doc.sentences:
        i = bisect.bisect_left(starts, sent.start)
        j = bisect.bisect_left(starts, sent.end)
        current: Person | None = None
        for t in kept[i:j]:
            if t.text in people:
                if current is None:
                    current = people[t.text]
                continue
            low = t.text.lower()
            if current is not None and low in MALE:
                current.male += 1
                current = None
            elif current is not None and low in FEMALE:
                current.female += 1
                current = None


def people(doc: Document) -> dict[str, Person]:
    """Words of the people's names the story uses (first names and surnames) → the person."""
    return doc.memo("people", _build_people)


# -- attribution -----------------------------------------------------------------------------
# "..., he told reporters."  "..., said Daniel Kritenbrink, the top ..."  "..., Blinken said on
# Friday."  "..., she said in a statement on Twitter."  "..., Xi told Gates."
# A speaker named after "said", a possessive and a title: "..., said his coach, Ramesh
# Srinivasan." (not "told her husband, Mark, to ...", narration)
# A title in lower case before the name: "..., said federation president Jackson Tuwei.",
# "..., museum director Willem de Groot said." (one to three words, none of them a
# preposition, article or conjunction: "said on Monday" is no title).
# A name of up to ten words with its titles ("New South Wales Rural Fire Service Commissioner
# Mark Petrovich"), particles ("van der Berg", "Layla al-Masri") and, between commas, an
# appositive before the verb ("..., Ibrahim Danjuma, the president of the union, told ...").
_NOT_TITLE = "|".join(longest_first(PREPOSITIONS | CONJUNCTIONS | DETERMINERS | RELATIVE_PRONOUNS
                                     | frozenset(LEXICON["not_titles"])))
_LOWER_TITLE = rf"(?:(?!(?:{_NOT_TITLE})\b)\p{{Ll}}+\s+){{1,3}}"
_ATTR_NAME_WORD = r"(?:\p{Lu}[\p{L}’'.-]*|(?:al|el)-\p{Lu}[\p{L}’'-]*)"
_ATTR_NAME = (rf"(?:(?:{_PARTICLE})\s+){{0,2}}{_ATTR_NAME_WORD}"
              rf"(?:\s+(?:(?:{_PARTICLE})\s+){{0,2}}{_ATTR_NAME_WORD}){{0,9}}")
# The full stop of a short capitalised abbreviation or an initial inside an attribution
# ("said Dr. João Matias", "of Straits Maritime Ltd.,", "the top U.S. diplomat"): no
# sentence ends there.
_ABBREVIATION_DOT = r"(?<=(?<![\p{L}])\p{Lu}\p{L}{0,3})\.(?=[\s,]|\p{Lu}\.)"
# between two commas, opening in lower case with no preposition or conjunction (", the
# president of the union,", ", chief executive of X Ltd.,"; not ", in June," nor ", and
# Rome,"), with no other stop of a clause, nor a quotation mark
_NOT_APPOSITIVE = "|".join(longest_first(PREPOSITIONS | CONJUNCTIONS | RELATIVE_PRONOUNS
                                          | frozenset(LEXICON["not_titles"])))
_APPOSITIVE = rf",\s+(?!(?:{_NOT_APPOSITIVE})\b)\p{{Ll}}[^,!?;:“”\"]{{1,100}}?,"
# A title in lower case before the name, with the team, company or place it belongs to
# in front of it: ", Bordeaux coach Pierre Dufour said", ", Munster head coach Niall
# Brosnan said" (AP writes the owner before a title it does not capitalise).
# (Not a pronoun: "It was, I believe team manager Kenny Dalglish said, ...".)
_NAMED_TITLE = (rf"(?:(?!(?:I|We|My|Our|He|She|It|They|You|His|Her|Its|Their|Your)\s)"
                rf"{_ATTR_NAME_WORD}\s+){{0,3}}{_LOWER_TITLE}")
# An attribution runs at most this far from its comma: a longer one is no attribution
# that closes a quote, and the bound keeps a search from every comma of a long sentence
# linear
_ATTRIBUTION_REACH = 300
_TRAILING_ATTRIBUTION = lazy_regex(
    rf",\s+(?:(?:he|she|they|it|(?:{_NAMED_TITLE})?{_ATTR_NAME}(?:{_APPOSITIVE})?)\s+(?:{_SPEECH_ALT})"
    rf"|(?:{_SPEECH_ALT})\s+(?:\p{{Lu}}|the\s|an?\s|he\b|she\b|{_LOWER_TITLE}\p{{Lu}})"
    rf"|(?:said|says)\s+(?:his|her|their)\s+(?:\p{{Ll}}+\s+){{0,2}}\p{{Ll}}+,\s+\p{{Lu}})(?>(?:[^.!?]|{_ABBREVIATION_DOT}){{0,{_ATTRIBUTION_REACH}}})"
    rf"[.!?]?[\"”’]?\s*$")
# How far before a sentence's end its trailing attribution can start: the reach after the
# verb, and the speaker before it (a title of three words, a name of ten, an appositive).
_ATTRIBUTION_WINDOW = 1000
# "Xi told Gates that ..."  "Biden told reporters ... that ..."  "saying in a meeting ... that"
_LEADING_ATTRIBUTION = lazy_regex(rf"\b(?:{_SPEECH_ALT})\b")


def trailing_attribution(text: str, sent: Span) -> int | None:
    """Offset of the comma that starts a trailing attribution in this sentence, if any."""
    m = _TRAILING_ATTRIBUTION.search(text, max(sent.start, sent.end - _ATTRIBUTION_WINDOW),
                                     sent.end)
    return m.start() if m else None


# The speech verbs alone, for the stdlib engine, which finds literals several times faster
# than ``regex`` steps through _LEADING_ATTRIBUTION (see has_attribution).
_SPEECH_LITERALS = lazy_re(_SPEECH_ALT)


def has_attribution(text: str, sent: Span) -> bool:
    # Each verb found is tested in place with the full pattern. A scan for the bare verbs
    # cannot step over a match: one starts after a non-word character, and the verbs are all
    # letters, so no verb found earlier can run into it.
    for m in _SPEECH_LITERALS.finditer(text, sent.start, sent.end):
        if _LEADING_ATTRIBUTION.match(text, m.start(), sent.end) is not None:
            return True
    return False


# -- positions ---------------------------------------------------------------------------------
_BEFORE_CLAUSE = lazy_regex(r"(?:^|[.!?:;]\p{Pf}?|[.!?]\p{Pe}?|[“\"‘«(\[—])\s*$")


def starts_clause(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is the first word of a paragraph, a sentence or a quotation. A full
    stop that ends an abbreviation ("the U.S. Were") does not start a clause."""
    p = doc.paragraph_at(offset)
    if p is not None and p.start == offset:
        return True
    lo = p.start if p is not None else 0
    m = _BEFORE_CLAUSE.search(doc.text, max(lo, offset - 6), offset)
    if m is None:
        return False
    stop = doc.text.rfind(".", m.start(), offset)
    return stop < 0 or abbreviation_kind(doc.text, stop) is None


def word_after(text: str, end: int) -> tuple[str, int, int] | None:
    """The word that follows ``end`` after one run of spaces: (word, start, end)."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return None
    return m.group(1), m.start(1), m.end(1)


def word_before(text: str, start: int) -> tuple[str, int, int] | None:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return None
    return m.group(1), m.start(1), m.end(1)


_NEXT_WORD = lazy_regex(r"[ \t\u00a0]+([\p{L}][\p{L}\p{M}’'-]*)")
_PREV_WORD = lazy_regex(r"([\p{L}][\p{L}\p{M}’'-]*)[ \t\u00a0]+$")



# -- cheap gates -------------------------------------------------------------------------------
# Rules ask these before any costly matching: one C-level pass over the text, shared by all.
# Runs of word characters, split at apostrophes and hyphens ("don’t" → "don", "t"): enough
# to ask whether a word occurs, at C speed.
_WORDS = lazy_re(r"\w+")
# On ASCII text (most copy; ``str.isascii`` is a flag test, not a scan) \w is [A-Za-z0-9_].
# One byte table lower-cases those and turns every other character into a space, so that
# ``split`` cuts the same runs out: some 40% faster than ``findall``.
_ASCII_WORD_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 or c == 95 else 32
    for c in range(256))


def _lower_word_list(doc: Document) -> list[str]:
    text = doc.text
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORD_TABLE).decode("ascii").split()
    return _WORDS.findall(text.lower())


def lower_word_list(doc: Document) -> list[str]:
    """The story's words in order, lower case (for "is a word repeated?")."""
    return doc.memo("lower_word_list", _lower_word_list)


def lower_words(doc: Document) -> frozenset[str]:
    """Every word of the story in lower case: "does this word occur at all?"."""
    return doc.memo("lower_words", _lower_words)


def _lower_words(doc: Document) -> frozenset[str]:
    return frozenset(lower_word_list(doc))


def line_around(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The line that holds ``text[start:end]``, cut to at most ``reach`` characters before
    ``start`` and after ``end``: what a rule reads around each match (a table row, an HTML
    tag), so that a story written as one long line is not read whole for every match."""
    lo = max(text.rfind("\n", max(0, start - reach), start) + 1, start - reach, 0)
    hi = text.find("\n", end, end + reach)
    return lo, (hi if hi >= 0 else min(len(text), end + reach))
