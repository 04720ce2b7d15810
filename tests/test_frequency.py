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


def test_the_joined_list_is_cached_and_read_back_alike(tmp_path):
    """The unpacked list is kept in a cache file for the next process: the answers from the
    cache are the list's own, and a broken cache file is rebuilt, not believed."""
    words = ["the", "Japan", "Japans", "qzxv", "café", "Marshs", "zelenskyy"]
    first = _Frequencies(cache_dir=tmp_path)
    answers = [first.zipf(w) for w in words]
    assert not first.from_cache and answers == [wordfreq.zipf_frequency(w, "en") for w in words]
    (cached,) = tmp_path.iterdir()
    second = _Frequencies(cache_dir=tmp_path)
    assert [second.zipf(w) for w in words] == answers and second.from_cache
    cached.write_bytes(cached.read_bytes()[:1000])          # a torn file: not a whole list
    third = _Frequencies(cache_dir=tmp_path)
    assert [third.zipf(w) for w in words] == answers and not third.from_cache
    assert cached.read_bytes().startswith(second._words)      # and rebuilt
    assert third.zipf("Japan") == second.zipf("Japan")


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    fresh = _Frequencies(cache_dir=blocked / "wirefix")
    assert fresh.zipf("Japan") == wordfreq.zipf_frequency("Japan", "en")
    assert not fresh.from_cache and fresh._fallback is None
