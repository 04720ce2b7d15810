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
    """The unpacked list is kept in a cache file for the next process, with its words sorted
    for lookups in another: the answers from the cache are the list's own, and a broken
    cache file is rebuilt, not believed."""
    words = ["the", "Japan", "Japans", "qzxv", "café", "Marshs", "zelenskyy", "a\nb", ""]
    first = _Frequencies(cache_dir=tmp_path)
    answers = [first.zipf(w) for w in words]
    assert not first.from_cache and answers == [wordfreq.zipf_frequency(w, "en") for w in words[:-2]] + answers[-2:]
    (joined,) = tmp_path.glob("*.words")
    (sorted_words,) = tmp_path.glob("*.sorted")
    second = _Frequencies(cache_dir=tmp_path)
    assert [second.zipf(w) for w in words] == answers and second.from_cache
    assert second._sorted is not None
    sorted_words.write_bytes(sorted_words.read_bytes()[:1000])   # a torn file: not believed
    third = _Frequencies(cache_dir=tmp_path)
    assert [third.zipf(w) for w in words] == answers and third._sorted is None
    joined.write_bytes(joined.read_bytes()[:1000])
    (tmp_path / sorted_words.name).unlink()
    fourth = _Frequencies(cache_dir=tmp_path)
    assert [fourth.zipf(w) for w in words] == answers and not fourth.from_cache
    assert joined.read_bytes().startswith(third._words)      # and rebuilt
    assert fourth.zipf("Japan") == second.zipf("Japan")


def test_the_sorted_words_answer_as_the_joined_list_does(tmp_path):
    """A plain word is looked up in the sorted words by halves; the answer is the one a
    search of the joined list gives (its first occurrence's bucket), for words of the list,
    words near them and words it does not hold."""
    import random

    from wirefix.rules._shared.evidence import _SortedWords

    fresh = _Frequencies(cache_dir=tmp_path)
    fresh.zipf("the")
    joined = fresh._words
    (path,) = tmp_path.glob("*.sorted")
    index = _SortedWords.open(path)
    tokens = [t for t in joined.split(b"\n") if t and b"\0" not in t]
    sample = random.Random(16).sample(tokens, 3000) + tokens[:50] + tokens[-50:]
    sample += [w + b"s" for w in sample[:500]] + [w[:-1] for w in sample[:500] if len(w) > 1]
    sample += [b"qzxvq", b"\xc3\xa9", "zelenskyy".encode()]
    for w in sample:
        at = joined.find(b"\n" + w + b"\n")
        assert index.bucket(w) == (None if at < 0 else joined.count(b"\0", 0, at)), w


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    fresh = _Frequencies(cache_dir=blocked / "wirefix")
    assert fresh.zipf("Japan") == wordfreq.zipf_frequency("Japan", "en")
    assert not fresh.from_cache and fresh._fallback is None
