"""WF932 name-spelling-variant."""
from __future__ import annotations

import re
from collections import Counter

import regex

from wirefix.cleaner.findings import Applicability, Edit
from wirefix.rules.base import Example, Rule

_CAPITALISED = regex.compile(r"\b\p{Lu}\p{Ll}{2,}\b")
# The same on ASCII text (most copy), for the stdlib engine: there \p{Lu} and \p{Ll} are
# [A-Z] and [a-z] and both engines' \b sees [A-Za-z0-9_] as word characters. The capital
# comes first (the look-behind then checks the character before it), so that the engine
# skips to the next capital instead of trying a word boundary at every position.
_ASCII_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{2,}\b", re.ASCII)
_PREV_NAME = regex.compile(r"(\p{Lu}[\p{L}\p{M}]+)\s$")
_NEXT_NAME = regex.compile(r"\s(\p{Lu}[\p{L}\p{M}]+)")
_NAME = regex.compile(r"(?<![\p{L}\p{M}’'-])\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}?[\p{Ll}\p{M}]+)?(?![\p{L}\p{M}])")


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


def _related_forms(a: str, b: str) -> bool:
    """A place and its people differ at the end only: Germany/German, Korea/Korean,
    Arabia/Arabian. Such pairs are two words, not two spellings."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short[:-1]) and len(long_) - len(short) <= 1 and (
        long_.startswith(short) or short[-1] != long_[len(short) - 1])


def _side_by_side(doc, a: list, b: list) -> bool:
    """Do both spellings occur in one sentence? A slip rarely sits beside the right form."""
    sentences_a = {doc.sentence_at(m.start()) for m in a}
    return any(doc.sentence_at(m.start()) in sentences_a for m in b)


class NameSpellingVariant(Rule):
    """One name spelled two ways in a story: "Antony Blinken" and "Anthony Blinken", "Qin"
    and "Quin".

    ## What it does
    Finds two capitalised words one letter apart (a letter changed, added, dropped or two
    swapped) that stand beside the same name ("Antony Blinken" / "Anthony Blinken"), where
    one spelling is used more often. It flags the first use of the rarer spelling, with a fix
    that changes every use of it.

    ## Why it happens in wire copy
    Transliterated names (Chinese, Arabic, Russian) have several romanisations, and
    translation engines and re-keyed copy mix them within one story.

    ## Example
    In a story that writes "Antony Blinken" three times, "Anthony Blinken" is flagged with the
    fix "Antony Blinken".

    ## Fix safety
    Unsafe: two people can have names one letter apart (Jon and Jan Smith), and the majority
    spelling is not always the right one.

    ## Known false positives
    Slips of the first letter ("Kaiser"/"Caiser") are not looked for.
    Relatives who share a surname and have similar first names, unless both names appear in
    one sentence ("Jon Smith and his sister Jan Smith"), which is taken as two people. Words
    at the start of a sentence are not taken as names unless they also appear mid-sentence.
    """

    code = "WF932"
    name = "name-spelling-variant"
    family = "consistency"
    applicability = Applicability.UNSAFE
    message = "“{minor}” is also spelled “{major}” in this story ({n_major}× against {n_minor}×)"
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
        Example.good("Officials in Iran and Iraq met. Iran said Iraq agreed, Iran added."),
        Example.good("Jon Smith and his sister Jan Smith spoke. Jon Smith said so."),
        Example.good("West Germany said the West German economy grew. West Germany, West Germany."),
        Example.good("The South Korean minister met South Korea envoys, South Korean officials said."),
    )

    def check(self, doc, ctx):
        text = doc.text
        names = (_ASCII_CAPITALISED if text.isascii() else _CAPITALISED).findall(text)
        if len(set(names)) == len(names):
            return  # no capitalised word is used twice (or there is none)
        counts = _counts(names)
        for major, minor in _candidate_pairs(counts):
            uses_major = [m for m in _NAME.finditer(text) if m.group() == major]
            uses_minor = [m for m in _NAME.finditer(text) if m.group() == minor]
            # The minor spelling must share a neighbouring name with the major one. (A use in
            # mid-sentence is not enough on its own: without a neighbour there is nothing to
            # share, so the sentence starts need not be looked up.)
            minor_nb = _neighbours(text, uses_minor)
            if not minor_nb or not (_neighbours(text, uses_major) & minor_nb):
                continue
            if _side_by_side(doc, uses_major, uses_minor):
                continue  # "Jon Smith and his sister Jan Smith": two people
            anchor = uses_minor[0]
            extras = tuple(Edit(m.start(), m.end(), major) for m in uses_minor[1:])
            yield self.finding(anchor.start(), anchor.end(), [major], extra_edits=extras,
                               minor=minor, major=major, n_major=len(uses_major),
                               n_minor=len(uses_minor))


def _counts(words: list[str]) -> dict[str, int]:
    """How often each word occurs. For the handful of names in a short story a plain loop
    is cheaper than setting up a Counter; past a few dozen the Counter's C loop wins."""
    if len(words) > 24:
        return Counter(words)
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def _candidate_pairs(counts: dict[str, int]) -> list[tuple[str, str]]:
    """(majority, minority) spellings one edit apart, the majority used at least twice and
    more often. Only words with the same first letter and lengths at most one apart are
    compared (slips of the first letter are rare, and too risky to repair by majority)."""
    majors: dict[str, list[str]] = {}
    for w, n in counts.items():
        if n >= 2:
            majors.setdefault(w[0], []).append(w)
    if not majors:
        return []
    # the order does not matter: the pairs are sorted below
    pairs = [(major, minor) for minor, n in counts.items() if minor[0] in majors
             for major in majors[minor[0]]
             if counts[major] > n and abs(len(major) - len(minor)) <= 1
             and one_edit_apart(major, minor) and not _related_forms(major, minor)]
    if not pairs:
        return []
    reported: set[str] = set()
    out = []
    for major, minor in sorted(pairs, key=lambda p: (-counts[p[0]], p)):
        if minor not in reported:
            reported.add(minor)
            out.append((major, minor))
    return out


def _neighbours(text: str, uses: list) -> set[str]:
    """The capitalised words right before and after each use ("<Antony", ">Blinken")."""
    out: set[str] = set()
    for m in uses:
        prev = _PREV_NAME.search(text, max(0, m.start() - 30), m.start())
        nxt = _NEXT_NAME.match(text, m.end())
        if prev:
            out.add("<" + prev.group(1))
        if nxt:
            out.add(">" + nxt.group(1))
    return out
