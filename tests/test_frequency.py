"""english_zipf reads wordfreq's shipped English list itself for plain words (a cold
`wirefix check` does not import wordfreq, langcodes or ftfy): it must give wordfreq's own
figure for every word, plain or not."""
from __future__ import annotations

import wordfreq

from wirefix.rules._shared.evidence import _Frequencies, english_zipf


def test_plain_words_read_from_the_list_match_wordfreq():
    fresh = _Frequencies()
    words = [w for w in wordfreq.iter_wordlist("en") if w.isalpha()][::97]
    words += ["Market", "MINISTRY", "Zelenskyy", "qzxv", "Macau", "the", "a", "café", "naïve"]
    assert len(words) > 3000
    for w in words:
        assert fresh.zipf(w) == wordfreq.zipf_frequency(w, "en"), w
    assert fresh._fallback is None, "the list was not read directly: the check above proved nothing"


def test_other_words_go_through_wordfreqs_tokeniser():
    for w in ("don't", "U.S.", "1987", "Blinken’s", "highest-ranking", "s'"):
        assert english_zipf(w) == wordfreq.zipf_frequency(w, "en"), w
