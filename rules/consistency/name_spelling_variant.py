"""WF932 name-spelling-variant."""
from __future__ import annotations

from collections import Counter

from wirefix.cleaner.findings import Applicability, Edit
# lazy_re: _ASCII_NAME is _NAME on ASCII text, in the stdlib engine, which finds the
# capitals several times faster; a non-ASCII story uses _NAME.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import (
    CONJUNCTIONS,
    DETERMINERS,
    PERSON_TITLES,
    PREPOSITIONS,
)
from wirefix.rules._shared.evidence import english_zipf
from wirefix.rules.data import read_toml
from wirefix.rules.base import Example, Rule

_ENDINGS_DATA = read_toml("name_endings.toml")
ENDINGS = frozenset(_ENDINGS_DATA["endings"])
WEAK_ENDINGS = frozenset(_ENDINGS_DATA["weak_endings"])

# A capitalised word (hyphenated parts included: "Al-Sisi"), in the regex module's Unicode
# classes, and the same on ASCII text for the stdlib engine, which is several times faster;
# the capital comes first so the engine jumps from capital to capital.
_NAME = lazy_regex(r"(?<![\p{L}\p{M}’'-])\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)?(?![\p{L}\p{M}])")
_ASCII_NAME = lazy_re(r"[A-Z](?<![A-Za-z'’-][A-Z])[a-z]+(?:-[A-Z]?[a-z]+)?(?![A-Za-z])")
_PREV_NAME = lazy_regex(r"(\p{Lu}[\p{L}\p{M}]+)\s$")
_NEXT_NAME = lazy_regex(r"\s(\p{Lu}[\p{L}\p{M}]+)")
# Capitalised words that are no evidence of a name: "The", "In", "And", titles.
_NOT_NEIGHBOURS = frozenset(w.capitalize() for w in PREPOSITIONS | DETERMINERS | CONJUNCTIONS) | \
    frozenset(t for t in PERSON_TITLES if " " not in t and "." not in t) | \
    frozenset("It He She They We You There This That When After But Also Meanwhile".split())
# Zipf frequency under which a word is not an everyday English word ("Macau" 3.3, "Iran"
# 4.6, "Brazil" 4.6); two spellings that are both everyday words are two words.
RARE = 3.5


def one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours (Damerau distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau distance (optimal string alignment), or ``limit + 1`` when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def derived_forms(a: str, b: str) -> bool:
    """Is one word the other with another ending: a place and its people, a plural, a
    feminine surname (Germany/German, Korea/Korean, Caledonia/Caledonians, Ivanov/Ivanova)?
    A weak ending ("y", "i") makes another word only when the longer form is an English
    word (Israel/Israeli, not Zelensky/Zelenskyy)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    for stem in range(n, max(n - 3, 0), -1):
        ea, eb = a[stem:], b[stem:]
        if ea in ENDINGS and eb in ENDINGS:
            return True
        if {ea, eb} <= ENDINGS | WEAK_ENDINGS:
            longer = a if len(a) > len(b) else b
            if english_zipf(longer) >= 3.0:
                return True
    return False


# Letters that romanisations of one name swap: vowels (y included) among themselves, and
# these consonants ("Omicron"/"Omikron", "Kvesic"/"Kvecic", "Denisenko"/"Denysenko").
_VOWELS = frozenset("aeiouy")
_SWAPS = frozenset({frozenset(p) for p in ("ck", "cs", "sz", "kq", "vw", "fv", "gh", "ij", "jy", "xks")
                    if len(p) == 2})
# Letters that romanisations add or drop: an h, y or j ("Shcholz"), or a letter that
# doubles its neighbour ("Saakashvili"/"Sakashvili").
_SILENT = frozenset("hyjc")


def romanisation_edit(a: str, b: str) -> bool:
    """Is the one edit between ``a`` and ``b`` one that romanisations make, rather than a
    slip of the keys: a vowel for a vowel or a sound-alike consonant, an h, y or j added or
    dropped, a doubled letter, or a change of the last letter ("Lukashenka"/"Lukashenko",
    "Yaoxiang"/"Yaoxian")? Swapped neighbours ("Slutksy") and stray letters ("Stoneciphjer")
    are typing slips."""
    a, b = a.lower(), b.lower()
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) != 1:
            return False
        i = diff[0]
        x, y = a[i], b[i]
        return (i == len(a) - 1 or (x in _VOWELS and y in _VOWELS)
                or frozenset((x, y)) in _SWAPS)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    extra = long_[i]
    return (i == len(long_) - 1 or extra in _SILENT
            or (i > 0 and long_[i - 1] == extra) or (i + 1 < len(long_) and long_[i + 1] == extra))


def _deletes(word: str, depth: int) -> set[str]:
    """The word with up to ``depth`` letters taken out: two words one edit apart share a
    key (symmetric deletion), so pairs are found through a dictionary, not by comparing
    every word with every other."""
    keys = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        keys |= frontier
    return keys


def candidate_pairs(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(majority, minority, distance): spellings one edit apart (two for words of eight
    letters or more), with the same first letter, the majority used at least twice and
    more often. A story with a few dozen repeated names compares them directly; a longer
    one goes through a dictionary of deletion keys, so that the cost stays linear in the
    number of distinct words."""
    majors = [w for w, n in counts.items() if n >= 2 and len(w) >= 3]
    if not majors:
        return []
    pairs = []
    if len(majors) <= 48:
        by_letter: dict[str, list[str]] = {}
        for w in majors:
            by_letter.setdefault(w[0], []).append(w)
        for minor, n in counts.items():
            if len(minor) < 3:
                continue
            for major in by_letter.get(minor[0], ()):
                if counts[major] > n and abs(len(major) - len(minor)) <= 2:
                    _add_pair(pairs, major, minor)
    else:
        index: dict[str, list[str]] = {}
        for w in majors:
            for key in _deletes(w, 2 if len(w) >= 8 else 1):
                index.setdefault(key, []).append(w)
        for minor, n in counts.items():
            if len(minor) < 3:
                continue
            seen: set[str] = set()
            for key in _deletes(minor, 2 if len(minor) >= 8 else 1):
                for major in index.get(key, ()):
                    if major not in seen and major != minor:
                        seen.add(major)
                        if counts[major] > n and major[0] == minor[0]:
                            _add_pair(pairs, major, minor)
    reported: set[str] = set()
    out = []
    for major, minor, distance in sorted(pairs, key=lambda p: (-counts[p[0]], p)):
        if minor not in reported:
            reported.add(minor)
            out.append((major, minor, distance))
    return out


def _add_pair(pairs: list, major: str, minor: str) -> None:
    if one_edit_apart(major, minor):
        distance = 1
    elif min(len(major), len(minor)) >= 8 and edit_distance(major, minor) == 2:
        distance = 2
    else:
        return
    if not derived_forms(major, minor):
        pairs.append((major, minor, distance))


def _neighbours(text: str, uses: list[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """The names right before and after each use ("Antony" / "Blinken"), titles and
    function words left out."""
    before: set[str] = set()
    after: set[str] = set()
    for s, e in uses:
        prev = _PREV_NAME.search(text, max(0, s - 30), s)
        nxt = _NEXT_NAME.match(text, e)
        if prev and prev.group(1) not in _NOT_NEIGHBOURS and not (
                _starts_sentence(text, prev.start(1)) and english_zipf(prev.group(1)) >= RARE):
            before.add(prev.group(1))  # not "Later" or "Critics" at a sentence start
        if nxt and nxt.group(1) not in _NOT_NEIGHBOURS:
            after.add(nxt.group(1))
    return before, after


def _starts_sentence(text: str, at: int) -> bool:
    head = text[max(0, at - 3):at].rstrip(" \"“‘(")
    return not head or head[-1] in ".!?\n"


def _two_people(first_major: set[str], first_minor: set[str]) -> bool:
    """Different first names before the two spellings (Jon Smith, Jan Smyth): two people,
    unless the first names are themselves one spelling apart."""
    if not first_major or not first_minor or first_major & first_minor:
        return False
    return not any(one_edit_apart(a, b) for a in first_major for b in first_minor)


# What stands between two names given as two: "Kovalenko and Kovalenka", "Kovalenko,
# Pavel Kovalenka", "Kovalenko vs. Kovalenka".
_JOINED = lazy_regex(r"\s*(?:,|and|or|&|/|with|versus|vs\.?|v\.?)\s+(?:\p{Lu}[\p{L}.]*\s+){0,2}")


def _named_together(text: str, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Are the two spellings named together as two ("Kovalenko and Kovalenka",
    "Kovalenko, Pavel Kovalenka"): a use of each joined by "and", "or", a comma or a slash,
    with at most a first name between?"""
    spans = sorted([(span, True) for span in a] + [(span, False) for span in b])
    for (x, in_a), (y, in_b) in zip(spans, spans[1:], strict=False):
        if in_a != in_b:
            if _JOINED.fullmatch(text, x[1], y[0]):
                return True
    return False


def _sentences(doc, uses: list[tuple[int, int]]) -> set:
    """The sentences a word is used in."""
    return {doc.sentence_at(s) for s, _ in uses}


class NameSpellingVariant(Rule):
    """One name spelled two ways in a story: "Antony Blinken" and "Anthony Blinken",
    "Lukashenka" and "Lukashenko", "Macao" and "Macau".

    ## What it does
    Finds two capitalised words one edit apart (a letter changed, added, dropped or two
    swapped; two edits for names of eight letters or more) where one spelling is used more
    often, and flags the first use of the rarer spelling, with a fix that changes every use
    of it to the majority form. The evidence is said in the message: both spellings stand
    beside the same name ("Antony Blinken" / "Anthony Blinken"), or neither is an everyday
    English word (word frequencies from the wordfreq package: "Macao" and "Macau" are
    names, "Iran" and "Iraq" are two everyday words).

    ## Why it happens in wire copy
    Transliterated names (Chinese, Arabic, Russian, Ukrainian, Belarusian) have several
    romanisations, and translation engines and re-keyed copy mix them within one story.

    ## Example
    In a story that writes "Alexander Lukashenko" three times, "Lukashenka" is flagged with
    the fix "Lukashenko".

    ## Fix safety
    Unsafe: two people can have names one letter apart, and the majority spelling is not
    always the right one. Never merged: two everyday English words (Iran/Iraq,
    Brazil/Brasil) unless both stand beside the same name; a word and its derived form
    (Germany/German, Caledonia/Caledonians, Ivanov/Ivanova); spellings with different first
    names before them (Jon Smith / Jan Smyth); spellings beside the same name in one
    sentence ("Jon Smith and his sister Jan Smith"), or named within a few words of each
    other.

    ## Known false positives
    Slips of the first letter ("Kaiser"/"Caiser", "Esenin"/"Yesenin") are not looked for.
    Two rare names one letter apart for two things in one story (two companies, "Amcor" and
    "Amcon") are merged unless the sentence or the first names tell them apart.
    """

    code = "WF932"
    name = "name-spelling-variant"
    family = "consistency"
    applicability = Applicability.UNSAFE
    message = ("“{minor}” is also spelled “{major}” in this story ({n_major}× against "
               "{n_minor}×){evidence}")
    fix_title = "Write “{major}” throughout"
    examples = (
        Example.bad("Secretary Antony Blinken arrived. Antony Blinken met Qin, his aides said. "
                    "Later Anthony Blinken left.",
                    flagged=["Anthony"],
                    fixed="Secretary Antony Blinken arrived. Antony Blinken met Qin, his aides said. "
                          "Later Antony Blinken left."),
        Example.bad("Foreign Minister Qin Gang met him. Foreign Minister Quin Gang said talks went "
                    "well. Qin Gang left.", flagged=["Quin"],
                    fixed="Foreign Minister Qin Gang met him. Foreign Minister Qin Gang said talks "
                          "went well. Qin Gang left."),
        Example.bad("Belarusian leader Alexander Lukashenko spoke on Monday. Critics of "
                    "Lukashenko met in Vilnius. Lukashenka denied it.", flagged=["Lukashenka"],
                    fixed="Belarusian leader Alexander Lukashenko spoke on Monday. Critics of "
                          "Lukashenko met in Vilnius. Lukashenko denied it."),
        Example.bad("Casinos in Macau reopened. Visitors to Macau fell. The Macao government "
                    "said more would come.", flagged=["Macao"],
                    fixed="Casinos in Macau reopened. Visitors to Macau fell. The Macau government "
                          "said more would come."),
        Example.bad("President Volodymyr Zelenskyy spoke. Zelenskyy said aid came. Later "
                    "Zelenskyi thanked allies.", flagged=["Zelenskyi"],
                    fixed="President Volodymyr Zelenskyy spoke. Zelenskyy said aid came. Later "
                          "Zelenskyy thanked allies."),
        Example.good("Officials in Iran and Iraq met. Iran said Iraq agreed, Iran added."),
        Example.good("Talks in Iran ended. Iran said so. Later Iraq said no."),
        Example.good("Jon Smith and his sister Jan Smith spoke. Jon Smith said so."),
        Example.good("West Germany said the West German economy grew. West Germany, West Germany."),
        Example.good("The South Korean minister met South Korea envoys, South Korean officials said."),
        Example.good("New Caledonia voted. New Caledonia stays French. Caledonians said no."),
        Example.good("Lawyer Anna Kovalenko spoke. Kovalenko said so. Her client Pavel "
                     "Kovalenka declined."),
        Example.good("Kovalenko spoke. Kovalenko left. Kovalenko and Kovalenka sued."),
        Example.bad("President Volodymyr Zelensky spoke. Zelensky said aid came. Later "
                    "Zelenskyy thanked allies, Zelensky added.", flagged=["Zelenskyy"],
                    fixed="President Volodymyr Zelensky spoke. Zelensky said aid came. Later "
                          "Zelensky thanked allies, Zelensky added."),
    )

    def check(self, doc, ctx):
        text = doc.text
        name = _ASCII_NAME if text.isascii() else _NAME
        counts = Counter(name.findall(text))   # in the order of first use
        pairs = candidate_pairs(counts)
        if not pairs:
            return  # most stories: no two capitalised words a spelling apart
        # where the words of the pairs are used (read only now: most stories have no pair)
        uses: dict[str, list[tuple[int, int]]] = {w: [] for p in pairs for w in p[:2]}
        for m in name.finditer(text):
            if m.group() in uses:
                uses[m.group()].append(m.span())
        # each word's neighbours and sentences, found once (a common name pairs with several)
        around: dict[str, tuple[set[str], set[str]]] = {}
        sentences: dict[str, set] = {}
        for major, minor, distance in pairs:
            uses_major, uses_minor = uses[major], uses[minor]
            for w in (major, minor):
                if w not in around:
                    around[w] = _neighbours(text, uses[w])
            before_minor, after_minor = around[minor]
            before_major, after_major = around[major]
            shared = (before_minor & before_major) | (after_minor & after_major)
            if shared and distance == 1:
                evidence = f"; both stand beside “{sorted(shared)[0]}”"
            # (the word list last: a word it does not hold is a search of all of it)
            elif (len(minor) >= 5 and (distance == 2 or romanisation_edit(major, minor))
                  and english_zipf(major) < RARE and english_zipf(minor) < RARE):
                evidence = ("; neither is an everyday English word (word frequencies), and they "
                            "differ as romanisations do")
            else:
                continue
            if _two_people(before_major, before_minor) and not shared:
                continue  # "Anna Kovalenko" and "Pavel Kovalenka": two people
            if shared:
                for w in (major, minor):
                    if w not in sentences:
                        sentences[w] = _sentences(doc, uses[w])
                if not sentences[major].isdisjoint(sentences[minor]):
                    continue  # "Jon Smith and his sister Jan Smith" in one sentence: two people
            elif _named_together(text, uses_major, uses_minor):
                continue  # "Kovalenko and Kovalenka": two named side by side
            s, e = uses_minor[0]
            extras = tuple(Edit(a, b, major) for a, b in uses_minor[1:])
            yield self.finding(s, e, [major], extra_edits=extras,
                               minor=minor, major=major, n_major=len(uses_major),
                               n_minor=len(uses_minor), evidence=evidence)
