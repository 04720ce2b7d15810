"""English wire-copy language data and the small pure functions that read it.

The data (abbreviations) lives in ``cleaner/data/*.toml`` and is loaded once at import.
"""
from __future__ import annotations

import os

from .cache import parsed_toml
from .patterns import lazy_regex


def load_data(name: str) -> dict:
    """Load ``cleaner/data/<name>.toml``, beside this module (a wheel installs it as a
    file; ``importlib.resources`` would cost a cold start ~10 ms of imports), through the
    user cache (``cache.parsed_toml``)."""
    return parsed_toml(os.path.join(os.path.dirname(__file__), "data", f"{name}.toml"))


_ABBR = load_data("abbreviations")
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(_ABBR["titles"])
COMMON_ABBREVIATIONS: frozenset[str] = frozenset(_ABBR["common"])
DOTTED_ABBREVIATIONS: frozenset[str] = frozenset(_ABBR["dotted"])

# A word and the full stop after it: "Corp." / "U.S." / "J." / "3."
_WORD_BEFORE_STOP = lazy_regex(r"((?:\p{L}\.)*\p{L}[\p{L}\p{M}]*|\p{N}+)\.$")


def abbreviation_kind(text: str, stop: int) -> str | None:
    """What the word ending in the full stop at ``text[stop]`` is.

    Returns "title" (Mr., Gov.: never ends a sentence), "initial" (J.), "dotted" (U.S., a.m.),
    "common" (Corp., Jan.: ends a sentence only before a capital) or None (a plain word).
    """
    m = _WORD_BEFORE_STOP.search(text, max(0, stop - 24), stop + 1)
    if m is None:
        return None
    # the word must start at a word boundary
    ws = m.start(1)
    if ws > 0 and (text[ws - 1].isalnum() or text[ws - 1] in "’'"):
        return None
    word = m.group(1)
    if word in TITLE_ABBREVIATIONS:
        return "title"
    if "." in word or word in DOTTED_ABBREVIATIONS:
        return "dotted"
    if len(word) == 1 and word.isalpha():
        return "initial" if word.isupper() else "dotted"
    if word in COMMON_ABBREVIATIONS:
        return "common"
    return None


# Candidate sentence ends: terminal punctuation, closing quotes/brackets, then space.
_CANDIDATE_END = lazy_regex(r"[.!?…]+[\"'’”»)\]]*(?=\s)")
_NEXT_START = lazy_regex(r"\s+([\"'‘“«(\[]*)(\S)")


def split_sentences(text: str, start: int, end: int) -> list:
    """Split ``text[start:end]`` (one paragraph) into sentence spans.

    A boundary is terminal punctuation followed by space and a capital, digit or opening
    quote. Titles and initials never end a sentence; dotted abbreviations (U.S.) do not end
    one before a capital either, since "U.S. officials" is far more common in wire copy than
    a sentence ending in "U.S.". A full stop before a lower-case word is not a boundary.
    """
    from .document import Span  # local: document imports this module

    out = []
    s = start
    for m in _CANDIDATE_END.finditer(text, start, end):
        nxt = _NEXT_START.match(text, m.end(), end)
        if nxt is None:
            continue
        ch = nxt.group(2)
        if not (ch.isupper() or ch.isdigit() or nxt.group(1)):
            continue
        punct = m.group()
        if punct[0] == "." and len(punct.rstrip("\"'’”»)]")) == 1:
            kind = abbreviation_kind(text, m.start())
            if kind in ("title", "initial", "dotted"):
                continue
            if kind == "common" and not ch.isupper():
                continue
        out.append(Span(s, m.end()))
        s = nxt.start(1)
    if s < end:
        out.append(Span(s, end))
    return out

