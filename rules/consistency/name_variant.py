"""WF932 name-spelling-variant."""
from __future__ import annotations

from collections import defaultdict

import regex

from cleaner.findings import Applicability, Edit
from rules.base import Example, Rule

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
        starts = doc.sentence_initial_offsets
        uses: dict[str, list[regex.Match]] = defaultdict(list)
        neighbours: dict[str, set[str]] = defaultdict(set)
        for m in _NAME.finditer(text):
            word = m.group()
            if len(word) < 3:
                continue
            uses[word].append(m)
            prev = regex.search(r"(\p{Lu}[\p{L}\p{M}]+)\s$", text[max(0, m.start() - 30):m.start()])
            nxt = regex.match(r"\s(\p{Lu}[\p{L}\p{M}]+)", text[m.end():m.end() + 30])
            if prev:
                neighbours[word].add("<" + prev.group(1))
            if nxt:
                neighbours[word].add(">" + nxt.group(1))
        forms = sorted(uses, key=lambda w: (-len(uses[w]), w))
        reported: set[str] = set()
        for i, major in enumerate(forms):
            for minor in forms[i + 1:]:
                if minor in reported or len(uses[major]) <= len(uses[minor]) or len(uses[major]) < 2:
                    continue
                if not one_edit_apart(major, minor) or _related_forms(major, minor):
                    continue
                mid_sentence = [m for m in uses[minor] if m.start() not in starts]
                if not mid_sentence and not neighbours[minor]:
                    continue
                if not (neighbours[major] & neighbours[minor]):
                    continue
                if _side_by_side(doc, uses[major], uses[minor]):
                    continue  # "Jon Smith and his sister Jan Smith": two people
                minor_uses = uses[minor]
                anchor = minor_uses[0]
                extras = tuple(Edit(m.start(), m.end(), major) for m in minor_uses[1:])
                reported.add(minor)
                yield self.finding(anchor.start(), anchor.end(), [major], extra_edits=extras,
                                   minor=minor, major=major, n_major=len(uses[major]),
                                   n_minor=len(minor_uses))
