"""How common a word is in English, from the wordfreq package's word list (loaded once, on
first use: rules that never ask do not pay for it).

Zipf frequency: log10 of uses per billion words. 7 is "the", 5 a common word ("market"),
3 a rare but known one ("Macau"), 0 a word the list does not know ("Zelenskyy").
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (any case) in English; 0.0 for an unknown word."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
