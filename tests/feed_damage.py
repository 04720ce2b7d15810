"""A damage generator for feed damage: each kind of issue 14's table, at several strengths.

Each kind is a function ``(text, rng, strength) -> damaged text`` that damages a clean story
the way a feed does; ``strength`` is the share of the sites that are damaged (for hard wraps,
the wrap width). tests/test_feed_damage.py applies every kind at every strength in
``STRENGTHS`` to the AP-style stories in tests/data/feed_stories/ (written for the project)
and to Reuters-21578 bodies from ../shared, runs the safe `--fix`, and measures the share of
the edit distance that the fix undoes. To see what a kind does to a story::

    .venv/bin/python tests/feed_damage.py KIND [STRENGTH] < story.txt

Stories are plain text, paragraphs separated by a blank line.
"""
from __future__ import annotations

import html
import html.entities
import random
import re
import sys
import textwrap
from typing import Callable

# -- HTML entities ---------------------------------------------------------------------------
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
          "’": "&rsquo;", "‘": "&lsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;",
          "–": "&ndash;", "…": "&hellip;"}


def entities(text: str, rng: random.Random, strength: float) -> str:
    """HTML-escape a share of the marks (and every other non-ASCII letter as a named or
    numeric reference): "&quot;", "&#39;", "&rsquo;", "&eacute;", "&#233;"."""
    out = []
    for c in text:
        if (c in _NAMED or (not c.isascii() and c.isalpha())) and rng.random() < strength:
            if c in _NAMED and rng.random() < 0.7:
                out.append(_NAMED[c])
            else:
                name = html.entities.codepoint2name.get(ord(c))
                out.append(f"&{name};" if name and rng.random() < 0.5 else f"&#{ord(c)};")
        else:
            out.append(c)
    return "".join(out)


# -- mixed quote styles ----------------------------------------------------------------------
_TO_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def mixed_quotes(text: str, rng: random.Random, strength: float) -> str:
    """Turn a share of the quotation marks and apostrophes into the other style (curly in a
    straight story, straight in a curly one): the story's majority stays its style."""
    curly = [i for i, c in enumerate(text) if c in "‘’“”"]
    straight = [i for i, c in enumerate(text) if c in "'\""]
    marks = curly if len(curly) >= len(straight) else straight
    # a clear minority: at most 40% of the marks change (0.1, 0.2, 0.4 of them)
    picked = set(rng.sample(marks, int(len(marks) * 0.4 * strength)))
    if marks is curly:
        return "".join(c.translate(_TO_STRAIGHT) if i in picked else c for i, c in enumerate(text))
    return _curl(text, picked)


def _curl(text: str, picked: set[int]) -> str:
    out = []
    for i, c in enumerate(text):
        if i in picked:
            before = text[i - 1] if i else " "
            opening = before.isspace() or before in "([—-"
            if c == "'":
                c = "‘" if opening else "’"
            else:
                c = "“" if opening else "”"
        out.append(c)
    return "".join(out)


# -- hard wraps ------------------------------------------------------------------------------
def hard_wrap(text: str, rng: random.Random, strength: float) -> str:
    """Wrap every paragraph at a fixed width, as a teleprinter did: ``strength`` 1.0 is 60
    columns, 0.5 is 70, 0.25 is 75. Lines break at spaces only (a break after a hyphen
    cannot be told from a hyphenated word and is only suggested: hard-wrap's fix safety)."""
    width = int(80 - 20 * strength)
    paragraphs = text.split("\n\n")
    return "\n\n".join("\n".join(textwrap.wrap(p, width, break_long_words=False,
                                               break_on_hyphens=False)) or p
                       for p in paragraphs) + ("\n" if text.endswith("\n") else "")


# -- double-escaped entities -----------------------------------------------------------------
_DOUBLE = {"'": ["&amp;#39;", "&amp;apos;"], '"': ["&amp;quot;", "&amp;#34;"], "&": ["&amp;amp;"],
           "’": ["&amp;#8217;", "&amp;rsquo;"], "“": ["&amp;ldquo;"], "”": ["&amp;rdquo;"],
           "—": ["&amp;mdash;"]}


def double_escaped(text: str, rng: random.Random, strength: float) -> str:
    """Escape a share of the marks twice: "&amp;#39;", "&amp;quot;", "&amp;amp;"."""
    return "".join(rng.choice(_DOUBLE[c]) if c in _DOUBLE and rng.random() < strength else c
                   for c in text)


# -- mojibake --------------------------------------------------------------------------------
def mojibake(text: str, rng: random.Random, strength: float) -> str:
    """A share of the paragraphs written as UTF-8 and read as Windows-1252; the bytes that
    Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) are dropped, as most decoders
    with errors="ignore" do: "”" (E2 80 9D) becomes "â€"."""
    return "\n\n".join(p.encode("utf-8").decode("cp1252", "ignore") if rng.random() < strength
                       else p for p in text.split("\n\n"))


# -- Moses tokenisation ----------------------------------------------------------------------
_MOSES_ESCAPE = {"&": "&amp;", "|": "&#124;", "<": "&lt;", ">": "&gt;", "'": "&apos;",
                 '"': "&quot;", "[": "&#91;", "]": "&#93;"}
_CLITIC = re.compile(r"(?<=\w)(['’])(?=(?:s|re|ve|ll|d|m|t)\b)")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)(['’])(?=\s)")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_END_MARK = re.compile(r"(?<=[\w%)\]])([,;:!?.])(?=\s|$|[\"'”’)])")
_QUOTE = re.compile(r"[\"“”]")


def moses_tokenised(text: str, rng: random.Random, strength: float, *,
                    quote_spaces: bool = False) -> str:
    """A share of the paragraphs tokenised and escaped the way the Moses tools leave MT
    output: "Japan 's", "don 't", "officials '", "well @-@ known", "said ,", "end ." and
    "&quot;", "&apos;", "&amp;". With ``quote_spaces`` a quotation mark is also a token of
    its own (`&quot; a fair deal . &quot;`): repairing the space inside quotation marks is
    another rule's work (issue 13), so the measured kind leaves it out."""
    out = []
    for p in text.split("\n\n"):
        if rng.random() >= strength:
            out.append(p)
            continue
        p = _CLITIC.sub(r" \1", p)
        p = _PLURAL_POSSESSIVE.sub(r" \1", p)
        p = _HYPHEN.sub(" @-@ ", p)
        p = _END_MARK.sub(r" \1", p)
        if quote_spaces:
            p = _QUOTE.sub(lambda m: " " + m.group() + " ", p)
            p = re.sub(r" {2,}", " ", p).strip(" ")
        p = "".join(_MOSES_ESCAPE.get(c, c) for c in p)
        out.append(p)
    return "\n\n".join(out)


def moses_full(text: str, rng: random.Random, strength: float) -> str:
    return moses_tokenised(text, rng, strength, quote_spaces=True)


# -- AG News ---------------------------------------------------------------------------------
_AG = {"'": "#39;", '"': "quot;", "&": "amp;", "$": "#36;", "’": "#146;", "‘": "#145;",
       "“": "#147;", "”": "#148;", "—": "#151;"}


def agnews(text: str, rng: random.Random, strength: float) -> str:
    """AG News' damage: a share of the marks written as entities that lost their "&" (often
    with a space where the "&" was: "Sudan #39;s", "said  quot;We"), and paragraphs joined
    into one line by " \\ "."""
    out = []
    for i, c in enumerate(text):
        if c in _AG and rng.random() < strength:
            before = text[i - 1] if i else ""
            # AG's feed put a space for the "&" where the entity followed a word or a space
            gap = " " if before and (before.isalnum() or before == " ") and rng.random() < 0.6 else ""
            out.append(gap + _AG[c])
        else:
            out.append(c)
    joined = "".join(out)
    parts = joined.split("\n\n")
    text_out = parts[0]
    for part in parts[1:]:
        text_out += (" \\ " if rng.random() < strength else "\n\n") + part
    return text_out


# -- double spaces ---------------------------------------------------------------------------
def double_spaces(text: str, rng: random.Random, strength: float) -> str:
    """A share of the spaces between words doubled (``strength`` 1.0 is one in five)."""
    share = strength / 5
    return re.sub(r"(?<=\S) (?=\S)", lambda m: "  " if rng.random() < share else " ", text)


KINDS: dict[str, Callable[[str, random.Random, float], str]] = {
    "entities": entities,
    "mixed-quotes": mixed_quotes,
    "hard-wrap": hard_wrap,
    "double-escaped": double_escaped,
    "mojibake": mojibake,
    "moses": moses_tokenised,
    "agnews": agnews,
    "double-spaces": double_spaces,
}
# Measured and reported, not held to 0.98 here: the spaces inside quotation marks belong to
# another rule (issue 13).
REPORTED_KINDS = {"moses-full": moses_full}
STRENGTHS = (0.25, 0.5, 1.0)


def damage(kind: str, text: str, strength: float, seed: int = 0) -> str:
    fn = KINDS.get(kind) or REPORTED_KINDS[kind]
    return fn(text, random.Random(f"{kind}/{strength}/{seed}"), strength)


def clean_stories(bodies, fix, document) -> list[str]:
    """Clean stories of other hands: each body fixed once and written as paragraphs
    separated by blank lines, keeping only running text (no tables, no lists: every
    paragraph at least six words and ending like a sentence). ``fix`` maps a text to its
    fixed text; ``document`` is wirefix's Document."""
    out = []
    for body in bodies:
        doc = document(fix(body))
        paras = [doc.paragraph_text(p).strip() for p in doc.paragraphs]
        if len(paras) < 3 or any("\n" in p or "  " in p or len(p.split()) < 6
                                 or p[-1] not in '.!?"' for p in paras):
            continue
        out.append("\n\n".join(paras) + "\n")
    return out


def measure(stories, kinds, fix) -> dict[str, dict]:
    """For each kind: the edit distance the damage made (summed over stories and strengths),
    what is left after ``fix``, the share undone, and the cases that kept the most damage.
    ``fix`` maps a text to its fixed text."""
    from rapidfuzz.distance import Levenshtein

    out = {}
    for kind in kinds:
        made = left = 0
        worst = []
        for n, story in enumerate(stories):
            for strength in STRENGTHS:
                damaged = damage(kind, story, strength, seed=n)
                d0 = Levenshtein.distance(story, damaged)
                if not d0:
                    continue
                fixed = fix(damaged)
                d1 = Levenshtein.distance(story, fixed)
                made += d0
                left += d1
                if d1:
                    worst.append((d1, n, strength, damaged, fixed))
        worst.sort(key=lambda w: -w[0])
        out[kind] = {"made": made, "left": left,
                     "undone": 1 - left / made if made else 1.0, "worst": worst[:5]}
    return out


if __name__ == "__main__":
    kind = sys.argv[1]
    strength = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    sys.stdout.write(damage(kind, sys.stdin.read(), strength))
