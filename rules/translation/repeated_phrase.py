"""WF945 repeated-phrase."""
from __future__ import annotations

from collections import Counter, deque
from itertools import compress

import regex

from wirefix.cleaner.findings import Applicability
# lazy_re: the stdlib engine splits a long story into words (_FAST_WORD) several times
# faster than `regex` steps through it; what the words suggest is then tested with `regex`.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import in_quote, lower_word_list
from wirefix.rules.base import Example, Rule

_WORD = lazy_regex(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*")
# nearly the same words for the stdlib engine, which steps through a long story faster
_FAST_WORD = lazy_re(r"[^\W_](?:[^\W_]|['’-])*")
# What may stand between two copies: spaces, a comma or semicolon, or "and".
_SEPARATOR = lazy_regex(r"(?: |[,;] |,? and )", regex.IGNORECASE)
_LETTERS = lazy_regex(r"\p{L}{2,}")
# A noun phrase that ends one clause and, after a comma, opens the next as its subject ("...
# broaden the age limit, and the age limit can be extended"): written twice on purpose.
_DETERMINERS = frozenset("the a an this that these those its their his her our my your".split())
_COMMA_BETWEEN = lazy_regex(r",(?: and)? ")
_CLAUSE_GOES_ON = lazy_regex(r" \p{L}")
# Verbs of saying that take a clause, never a noun phrase as their object.
_CLAUSE_VERBS = frozenset({"said", "says", "say", "saying", "added"})
_COMMA_BEFORE = lazy_regex(r",\s*$")
MIN_WORDS = 3
MAX_WORDS = 16


def loops(text: str, words: list[tuple[int, int, str]] | None = None):
    """(start, end, keep_end, copies) of each phrase of three or more words repeated back to
    back in ``text``: the span from the first copy to the last, and the end of the first
    copy (what a repair keeps). ``words``: the text's (start, end, lower-case word) triples,
    when the caller has them. Copies never straddle a line break (the separators hold
    none)."""
    if words is None:
        words = [(m.start(), m.end(), m.group().lower()) for m in _FAST_WORD.finditer(text)]
    lowered = [w[2] for w in words]
    starts = _candidates(lowered)
    if not starts:
        return
    done = -1
    for i in sorted(starts):
        if i < done:
            continue
        found = None
        # the copy starts where the three words recur: right after the phrase, or after "and"
        for n in sorted({x for d in starts[i] for x in (d, d - 1) if MIN_WORDS <= x <= MAX_WORDS}):
            j = _next_copy(text, words, lowered, i, n)
            if j is not None:
                found = (n, j)
                break
        if found is None:
            continue
        n, j = found
        copies, last = 2, j
        while (nxt := _next_copy(text, words, lowered, last, n)) is not None:
            copies, last = copies + 1, nxt
        done = last + n
        if copies == 2 and _subject_again(text, words, lowered, i, n, j):
            continue
        if sum(1 for w in lowered[i:i + n] if _LETTERS.search(w)) >= 2:
            yield words[i][0], words[last + n - 1][1], words[i + n - 1][1], copies


def _subject_again(text, words, lowered, i, n, j) -> bool:
    """Is the second copy a noun phrase that a comma sets at the head of a new clause, which
    goes on after it? "If they do not provide the proof, the proof of 30 hours shall be
    provided": deleting it would leave the clause without its subject."""
    if lowered[i] not in _DETERMINERS:
        return False
    if i > 0 and lowered[i - 1] in _CLAUSE_VERBS and text[words[i + n - 1][1]:words[j][0]] == ", " \
            and not _COMMA_BEFORE.search(text, max(0, words[i - 1][0] - 3), words[i - 1][0]):
        return False  # "said the new rules, the new rules will": "said" takes a clause, so
        # the first copy was already its subject and the second is the loop ("asked the
        # minister, and the minister declined" and ", said the bank, and the bank" are not)
    if _COMMA_BETWEEN.fullmatch(text, words[i + n - 1][1], words[j][0]) is None:
        return False
    return _CLAUSE_GOES_ON.match(text, words[j + n - 1][1]) is not None


def _word_loop(words: list[str]) -> bool:
    """Does some run of 3 to 16 words follow itself (or follow itself after "and"),
    punctuation aside? A cheap test on the story's word list before offsets are needed."""
    for i, distances in _candidates(words).items():
        for d in distances:
            for n, skip in ((d, 0), (d - 1, 1)):
                if (MIN_WORDS <= n <= MAX_WORDS and (not skip or words[i + n] == "and")
                        and words[i:i + n] == words[i + n + skip:i + 2 * n + skip]):
                    return True
    return False


def _candidates(words: list[str]) -> dict[int, list[int]]:
    """Where three words recur in order 3 to 17 words later (one more past "and"), and at
    which distances: the only places a loop can start. Found in C: most stories have none."""
    triples = list(zip(words, words[1:], words[2:], strict=False))
    recurring = {t for t, n in Counter(triples).items() if n > 1}
    found: dict[int, list[int]] = {}
    if not recurring:
        return found
    # each triple's earlier places still within reach (older ones are dropped: a word run
    # like "n n n n ..." would otherwise compare every place with every other)
    last: dict[tuple, deque[int]] = {}
    for i in compress(range(len(triples)), map(recurring.__contains__, triples)):
        seen = last.get(triples[i])
        if seen is None:
            seen = last[triples[i]] = deque()
        while seen and i - seen[0] > MAX_WORDS + 1:
            seen.popleft()
        for k in seen:
            if MIN_WORDS <= i - k:
                found.setdefault(k, []).append(i - k)
        seen.append(i)
    return found


def _next_copy(text, words, lowered, i, n):
    """Index of the word that starts a second copy of words[i:i+n] right after it (after a
    separator, "and" included), or None."""
    a_start, a_end = words[i][0], words[i + n - 1][1]
    for skip in (0, 1):   # the second copy right after, or after "and"
        j = i + n + skip
        if j + n > len(words):
            return None
        if skip and lowered[i + n] != "and":
            continue
        if lowered[j:j + n] != lowered[i:i + n]:
            continue
        sep = text[a_end:words[j][0]]
        if _SEPARATOR.fullmatch(sep) is None:
            continue
        if text[a_start:a_end].lower() != text[words[j][0]:words[j + n - 1][1]].lower():
            continue  # the same words with other punctuation inside
        return j
    return None


class RepeatedPhrase(Rule):
    """A phrase repeated back to back, a decoder loop: "brought to justice and brought to
    justice", "before I placed the order before I placed the order".

    ## What it does
    Finds a sequence of three or more words written twice or more in a row within a line,
    with nothing between the copies but a space, a comma, a semicolon or "and", and offers
    to keep one copy.

    ## Why it happens in wire copy
    Neural translation decoders sometimes fall into a loop and generate the same phrase
    again, most often at the end of a long sentence or around a word the model is unsure of.

    ## Example
    "reported for the first time for the first time that cases" becomes "reported for the
    first time that cases".

    ## Fix safety
    Unsafe: a speaker may repeat words on purpose ("he is serious, he is serious"), and a
    product list may name two items alike. Not looked at: a repeat across a line break (a
    headline followed by a first sentence that starts the same way), a repeat set off by a
    comma inside quotation marks (the speaker's emphasis), figures in a table ("1.8 BILL
    1.8 BILL": a phrase needs two words of letters), and copies separated by more than one
    space (columns).

    ## Known false positives
    Chants, song lyrics and deliberate emphasis in quotes. A noun phrase that ends one clause
    and, after a comma, opens the next one as its subject ("widen the age limit, and the age
    limit can be extended") is left alone, so a loop of that very shape is missed.
    """

    code = "WF945"
    name = "repeated-phrase"
    family = "translation"
    applicability = Applicability.UNSAFE
    message = "“{phrase}” is repeated {copies} times in a row (a decoder loop)"
    fix_title = "Keep one “{phrase}”"
    examples = (
        Example.bad("Malawi reported for the first time for the first time that cases rose.",
                    flagged=["for the first time for the first time"],
                    fixed="Malawi reported for the first time that cases rose."),
        Example.bad("He was brought to justice and brought to justice.",
                    flagged=["brought to justice and brought to justice"],
                    fixed="He was brought to justice."),
        Example.bad("I checked before I placed the order before I placed the order before I "
                    "placed the order.",
                    flagged=["before I placed the order before I placed the order before I placed the order"],
                    fixed="I checked before I placed the order."),
        Example.good("A new case of bird flu\n\nA new case of bird flu was found in China."),
        Example.good("Bye bye, very very good, step by step."),
        Example.good("He said the talks went well, and the talks went on."),
        Example.good("Schools may widen the age limit for leave, and the age limit for leave "
                     "can be extended."),
        Example.good("Reporters asked the prime minister, and the prime minister declined to "
                     "comment. Growth will slow, said the central bank, and the central bank "
                     "expects rates to hold."),
        Example.bad("The ministry said the new rules, the new rules will take effect in May.",
                    flagged=["the new rules, the new rules"],
                    fixed="The ministry said the new rules will take effect in May."),
        Example.bad("Creams for dry skin, the effect of moisturizing, the effect of "
                    "moisturizing, the box.",
                    flagged=["the effect of moisturizing, the effect of moisturizing"],
                    fixed="Creams for dry skin, the effect of moisturizing, the box."),
        Example.good('"To the extent that it is a precedent, it is a precedent to be welcomed," he said.'),
        Example.good("SEARS    4.9   1.8 BILL   1.8 BILL"),
    )

    def check(self, doc, ctx):
        if not _word_loop(lower_word_list(doc)):
            return  # no phrase of the story's words follows itself (most stories)
        text = doc.text
        for start, end, keep_end, copies in loops(text):
            phrase = text[start:keep_end]
            if text[keep_end] != " " and in_quote(doc, start):
                continue  # "he has no knowledge, he has no knowledge": the speaker's emphasis
            yield self.finding(start, end, [phrase], phrase=phrase, copies=copies)
