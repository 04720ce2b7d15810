"""Word-level diffs for the review app: what an editor reads to decide a change.

A diff of two versions of a stretch of copy is a list of ``(op, text)`` pieces: ``=`` kept,
``-`` deleted, ``+`` inserted. It is computed over tokens (words with their inner
apostrophes and hyphens, runs of white space, single marks of punctuation), so that:

- a restored quotation reads as the two inserted quotation marks, not the whole sentence
  struck and re-inserted;
- a change inside a word replaces the whole word ("its" → "his", "Blinkens’" →
  "Blinken’s"), never a scatter of letters;
- a deleted full stop is a piece of its own, which the app marks so it cannot be missed.
"""
from __future__ import annotations

from difflib import SequenceMatcher

import regex

_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\s+|.", regex.S)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``before`` → ``after`` as (op, text) pieces over words, spaces and marks."""
    if before == after:
        return [("=", before)] if before else []
    a, b = tokens(before), tokens(after)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(out, "=", "".join(a[i1:i2]))
        elif op == "delete":
            _add(out, "-", "".join(a[i1:i2]))
        elif op == "insert":
            _add(out, "+", "".join(b[j1:j2]))
        else:
            _add(out, "-", "".join(a[i1:i2]))
            _add(out, "+", "".join(b[j1:j2]))
    return out


def _add(out: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def sides(pieces: list[tuple[str, str]]) -> tuple[str, str]:
    """The before and after texts of a diff."""
    before = "".join(t for op, t in pieces if op != "+")
    after = "".join(t for op, t in pieces if op != "-")
    return before, after
