"""The evidence the machine-translation rules decide from, in words a finding can quote.

Three sources, each asked only when a rule has a candidate (nothing here loads at import):

1. **The story itself** (``story_count``, ``name_evidence``): how often the story writes a
   word or a name, with and without an "s", with and without a title.
2. **The language** (``zipf``, ``times_rarer``): how common a word is in English, from the
   frequency lists that the `wordfreq` package ships (read lazily, once per process).
3. **Wire English in context** (``context_odds``): word-pair counts of human-written wire
   copy (Reuters-21578, AG News, WMT22 references), built by
   scripts/build_context_counts.py into rules/data/context_counts.json.

Each answer comes with a short sentence saying what was found, so that a finding's message
can give its reasons: "the story writes “Japan” 4 times and never “Japans”; “Japans” is
794× rarer than “Japan” in English".
"""
from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from wirefix.cleaner import cache as cached
from wirefix.cleaner.document import Document
# lazy_re: a plain word (_PLAIN_WORD) and a word (_WORD) are read as the stdlib reads
# letters (str.isalpha / str.isalnum): tests/test_frequency.py checks that reading against
# wordfreq's own.
from wirefix.cleaner.patterns import lazy_re
from wirefix.rules.data import data_file

# -- 1. the story --------------------------------------------------------------------------------
_WORD = lazy_re(r"\w+(?:[’'-]\w+)*")


def _word_counts(doc: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in _WORD.findall(doc.text):
        counts[w] = counts.get(w, 0) + 1
    return counts


def story_count(doc: Document, word: str) -> int:
    """How often the story writes ``word`` exactly (case and all) as a whole word; a word
    followed by an apostrophe and "s" ("Japan’s") counts as the word."""
    counts = doc.memo("evidence_word_counts", _word_counts)
    return (counts.get(word, 0) + counts.get(word + "’s", 0) + counts.get(word + "'s", 0))


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


# -- 2. the language ---------------------------------------------------------------------------
class _Frequencies:
    """English word frequencies from the lists the `wordfreq` package ships.

    wordfreq stores each list as "cBpack": a gzipped msgpack list whose first item is a
    header ({"format": "cB", "version": 1}) and whose item i+1 lists the words with a
    frequency of -i centibels, i.e. a Zipf value of 9 - i/100 (wordfreq's README). Reading
    the file directly costs a tenth of importing the package (which brings in its tokenisers
    and language tables), and a story asks about a handful of words: the buckets are joined
    into one string ("\n"-separated words, buckets separated by NUL), searched at C speed;
    a word's bucket is the number of NULs before it. Any other format falls back to
    wordfreq's own ``zipf_frequency``.

    Unpacking the list costs about 50 ms, most of a cold `wirefix check` of a story that
    asks. So the joined string is kept in the user's cache (``cleaner.cache``), named after
    the list's size and modification time; the next process reads it in a millisecond.

    Searching the 2.6 MB string for a word it does not hold, or holds far down, costs about
    1.5 ms, and a story asks about several such words (names). So the cache also keeps the
    words sorted, each with its bucket (``_SortedWords``), and a plain word is looked up
    there by binary search, reading a few pages of the file; the joined string is read only
    for a key the sorted words cannot answer (one holding a line break or a NUL)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._words: bytes | None = None
        self._sorted: _SortedWords | None = None
        self._loaded = False
        self._list: Path | None = None
        self._fallback = None
        self._cache_dir = cache_dir
        self.from_cache = False   # read from the cache files (tests/test_frequency.py)

    def _load(self) -> None:
        self._loaded = True
        try:
            # found without importing wordfreq (which imports its tokenisers, langcodes and
            # ftfy: ten times the cost of reading the list)
            spec = importlib.util.find_spec("wordfreq")
            if spec is None or not spec.submodule_search_locations:
                raise ImportError("wordfreq is not installed")
            path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"
            self._list = path
            self._sorted = _SortedWords.open(self._cache_file(path, ".sorted"))
            if self._sorted is not None:
                self.from_cache = True
                return
            self._load_joined()
            if self._fallback is None:
                built = _SortedWords.build(self._words or b"")
                if built is not None:   # for the next process
                    cached.write(self._cache_file(path, ".sorted"), built)
        except (ImportError, OSError, ValueError, IndexError):
            self._use_wordfreq()

    def _use_wordfreq(self) -> None:
        from wordfreq import zipf_frequency

        self._words, self._sorted = b"", None
        self._fallback = zipf_frequency

    def _load_joined(self) -> None:
        """The joined list, from the cache or unpacked from wordfreq's file."""
        try:
            path = self._list
            if path is None:
                raise ImportError("wordfreq is not installed")
            cache = self._cache_file(path)
            words = cached.read(cache)
            if words is not None:
                self._words, self.from_cache = words, True
                return
            import gzip   # here: only unpacking the list needs it, not reading the cache

            import msgpack

            # raw=True: the words stay UTF-8 bytes (no decoding of 321,000 strings)
            data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=True)
            if not (isinstance(data[0], dict) and data[0].get(b"format") == b"cB"
                    and data[0].get(b"version") == 1):
                raise ValueError("unknown wordfreq list format")
            self._words = b"\0".join(b"\n" + b"\n".join(bucket) + b"\n" for bucket in data[1:])
            cached.write(cache, self._words)
        except (ImportError, OSError, ValueError, IndexError):
            self._use_wordfreq()

    def _cache_file(self, source: Path, suffix: str = ".words") -> Path:
        folder = self._cache_dir if self._cache_dir is not None else cached.cache_dir()
        st = source.stat()
        return folder / f"wordfreq-large_en-{st.st_size}-{st.st_mtime_ns}{suffix}"

    @lru_cache(maxsize=4096)  # noqa: B019 - one instance for the whole process
    def zipf(self, word: str) -> float:
        if not self._loaded:
            self._load()
        word = word.casefold().replace("’", "'")
        if self._fallback is not None:
            return self._fallback(word, "en")
        key = ("\n" + word + "\n").encode("utf-8")
        plain = key[1:-1]
        if self._sorted is not None and plain and b"\n" not in plain and b"\0" not in plain:
            bucket = self._sorted.bucket(plain)
            return 0.0 if bucket is None else round(9 - bucket / 100, 2)
        if self._words is None:
            self._load_joined()
            if self._fallback is not None:
                return self._fallback(word, "en")
        words = self._words
        at = words.find(key)
        if at < 0:
            return 0.0
        return round(9 - words.count(b"\0", 0, at) / 100, 2)


class _SortedWords:
    """The joined list's words in byte order, each with its bucket, in a cache file that is
    mapped into memory and searched by halves. A word's bucket is that of its first
    occurrence in the joined list (the number of NULs before it), which is what searching
    the joined list for "\nword\n" finds. The file: a mark and the number of words n
    (uint32 each, in the machine's byte order: a file from another machine is not read),
    n + 1 offsets into the words (uint32), n buckets (uint16), the words."""

    _MARK = 0x57465831

    def __init__(self, offsets: memoryview, buckets: memoryview, words: memoryview):
        self._offsets, self._buckets, self._words = offsets, buckets, words
        self._n = len(buckets)

    @classmethod
    def build(cls, joined: bytes) -> bytes | None:
        first: dict[bytes, int] = {}
        if joined.count(b"\0") == joined.count(b"\n\0\n"):
            # every NUL separates two buckets (no word holds one): bucket by bucket
            for bucket, words_of in enumerate(joined.split(b"\0")):
                for token in words_of.split(b"\n"):
                    if token and token not in first:
                        first[token] = bucket
        else:
            nuls = 0
            for token in joined.split(b"\n"):
                if token and b"\0" not in token and token not in first:
                    first[token] = nuls
                nuls += token.count(b"\0")
        if not first or max(first.values()) > 0xFFFF:
            return None
        from array import array

        words = sorted(first)
        offsets = array("I", accumulate(map(len, words), initial=0))
        buckets = array("H", map(first.__getitem__, words))
        return (array("I", [cls._MARK, len(words)]).tobytes() + offsets.tobytes()
                + buckets.tobytes() + b"".join(words))

    @classmethod
    def open(cls, path: Path) -> "_SortedWords | None":
        view = cached.mapped(path)
        if view is None or len(view) < 8:
            return None
        mark, n = view[:8].cast("I")
        words_at = 8 + 4 * (n + 1) + 2 * n
        if mark != cls._MARK or len(view) < words_at:
            return None
        offsets = view[8:8 + 4 * (n + 1)].cast("I")
        words = view[words_at:]
        if offsets[n] != len(words):
            return None
        return cls(offsets, view[8 + 4 * (n + 1):words_at].cast("H"), words)

    def bucket(self, word: bytes) -> int | None:
        """The word's bucket, or None when the list does not hold it."""
        offsets, words = self._offsets, self._words
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if words[offsets[mid]:offsets[mid + 1]].tobytes() < word:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and words[offsets[lo]:offsets[lo + 1]] == word:
            return self._buckets[lo]
        return None


_FREQ = _Frequencies()


def zipf(word: str) -> float:
    """The word's Zipf frequency in English (log10 of uses per billion words; 0 = unknown):
    "the" 7.7, "Japan" 4.9, "Japans" 2.0, "Marshs" 0."""
    return _FREQ.zipf(word)


_PLAIN_WORD = lazy_re(r"[^\W\d_]+")


def english_zipf(word: str) -> float:
    """``zipf`` with wordfreq's own reading of a token that holds punctuation or digits
    ("highest-ranking" is two words to wordfreq, "s'" is "s"): plain words, all that a
    story asks about in practice, come from the shipped list without importing wordfreq;
    the rest go to ``wordfreq.zipf_frequency``, which tokenises them first."""
    if _PLAIN_WORD.fullmatch(word):
        return zipf(word)
    return _tokenised_zipf(word)


@lru_cache(maxsize=4096)
def _tokenised_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def times_rarer(common: str, rare: str) -> float:
    """How many times rarer ``rare`` is than ``common`` in English (inf when ``rare`` is not
    in the lists at all and ``common`` is; 1.0 when neither is)."""
    a, b = zipf(common), zipf(rare)
    if a == 0:
        return 1.0
    if b == 0:
        return math.inf
    return 10 ** (a - b)


def rarity_phrase(common: str, rare: str) -> str:
    ratio = times_rarer(common, rare)
    if ratio == math.inf:
        return f"“{rare}” is not an English word in wordfreq’s lists, “{common}” is"
    if zipf(common) == 0:
        return f"neither “{common}” nor “{rare}” is in wordfreq’s English lists"
    if ratio >= 1:
        return f"“{rare}” is {_round(ratio)}× rarer than “{common}” in English"
    return f"“{rare}” is {_round(1 / ratio)}× commoner than “{common}” in English"


def _round(x: float) -> str:
    if x >= 100:
        return f"{int(round(x, -int(math.log10(x)) + 1)):,}"
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


# -- 3. wire English in context ---------------------------------------------------------------
@lru_cache(maxsize=1)
def _context() -> dict:
    return cached.parsed_data(data_file("context_counts.json"), json.loads)


# the pronoun that each contraction the table knows begins with ("can’t"/"won’t": none)
_PRONOUN_OF = {"it's": "it", "we're": "we", "we'll": "we", "he'll": "he", "she'll": "she",
               "i'll": "i", "we'd": "we", "i'd": "i", "you're": "you"}
# Where the table counts what follows each contraction: pooled with the forms that continue
# the same way (see scripts/build_context_counts.py), and how a message names them.
_NEXT_KEY = {"it's": "it's", "we're": "'re", "you're": "'re", "we'll": "will", "he'll": "will",
             "she'll": "will", "i'll": "will", "we'd": "would", "i'd": "would",
             "can't": "can't", "won't": "won't"}
_SHOWN = {"it's": "it’s/it is", "'re": "are/’re after a pronoun", "will": "will", "would": "would",
          "can't": "can’t/cannot", "won't": "won’t/will"}
_MU = 20.0  # weight of the background distribution when a key's own counts are few


@dataclass(frozen=True)
class ContextOdds:
    """How strongly the words around an ambiguous word favour the contraction.

    ``log_odds`` is log10 of the likelihood ratio P(neighbours | contraction) /
    P(neighbours | the word as written): 1 means the neighbours are ten times likelier
    around the contraction. ``support`` is how often wire copy writes the contraction
    (or its spelled-out form) next to the word that follows."""

    contraction: str
    log_odds: float
    right: float         # the part of log_odds that the word after gives
    support: int
    against: int
    reason: str


def _p(table: dict, key: str, word: str, counts: dict, types: dict) -> float:
    """P(word | key), Witten-Bell smoothed toward the background: a key followed by many
    different words ("were": any plural noun before it) keeps more room for a word not seen
    with it than a key followed by few ("we": "and", "said", "that")."""
    n = counts["total"].get(key, 0)
    c = table.get(key, {}).get(word, 0)
    background = (counts["unigram"].get(word, 0) + 0.5) / counts["tokens"]
    t = max(types.get(key, 0), 1) if n else _MU
    return (c + t * background) / (n + t)


def context_odds(word: str, prev: str | None, nxt: str | None,
                 nxt2: str | None = None) -> ContextOdds | None:
    """The evidence that ``word`` (lower case: "its", "were", "well", "hell", "shell", "ill",
    "wed", "id", "cant", "wont", "your") stands for a contraction that lost its apostrophe,
    given the word before (None or "<s>" at a sentence start) and the two words after. The
    pair of words after decides where wire copy has seen it at least 3 times ("its time in"
    against "it’s time to"); else the word after does."""
    counts = _context()
    nexts, prevs = counts["next"], counts["prev"]
    contraction = _CONTRACTION.get(word)
    if contraction is None:
        return None
    prev = prev or "<s>"
    right = 0.0
    support = against = 0
    key = _NEXT_KEY[contraction]
    after = f" {nxt}" if nxt is not None else ""
    if nxt is not None:
        support = nexts.get(key, {}).get(nxt, 0)
        against = nexts.get(word, {}).get(nxt, 0)
        # a word wire copy never writes after either says nothing either way
        nt = counts["next_types"]
        right = (math.log10(_p(nexts, key, nxt, counts, nt) / _p(nexts, word, nxt, counts, nt))
                 if support or against else 0.0)
        if nxt2 is not None:
            pair = f"{nxt} {nxt2}"
            c_key = counts["next2"].get(key, {}).get(pair, 0)
            c_word = counts["next2"].get(word, {}).get(pair, 0)
            # where wire copy writes both before ``nxt`` ("it’s time", "its time"), the pair
            # after can settle it: seen only after the word, it speaks against the
            # contraction ("its time in"); seen 3 times or more only after the contraction, for
            # it ("it’s time to")
            if against and c_word >= 2 and not c_key:
                right = min(right, -0.5)
                support, against, after = c_key, c_word, f" {pair}"
            elif against and c_key >= 3 and not c_word:
                right = max(right, 1.0)
                support, against, after = c_key, c_word, f" {pair}"
    log_odds = right
    pronoun = _PRONOUN_OF.get(contraction)
    if pronoun is not None:
        pt = counts["prev_types"]
        left = math.log10(_p(prevs, pronoun, prev, counts, pt) / _p(prevs, word, prev, counts, pt))
        if prevs.get(pronoun, {}).get(prev, 0) + prevs.get(word, {}).get(prev, 0) < 5:
            left = min(left, 0.0)  # a handful of cases can only speak against
        log_odds += left
    shown = _SHOWN[key]
    reason = (f"wire copy writes “{shown}{after}” {times(support)} and “{word}{after}” "
              f"{times(against) if against else 'never'}")
    return ContextOdds(contraction, log_odds, right, support, against, reason)


_CONTRACTION = {"its": "it's", "were": "we're", "well": "we'll", "hell": "he'll",
                "shell": "she'll", "ill": "i'll", "wed": "we'd", "id": "i'd", "cant": "can't",
                "wont": "won't", "your": "you're"}


def doubled_in_wire_copy(word: str) -> tuple[int, int]:
    """How often human wire copy writes ``word`` twice in a row, and how often at all."""
    c, n = _context()["doubled"].get(word.lower(), (0, 0))
    return c, n


def particle_of(verb: str, particle: str) -> tuple[int, int]:
    """How often ``particle`` follows ``verb`` in wire copy, and how often ``verb`` occurs
    (0, 0 unless the pair is a strong one: the particle follows at least 1 time in 8)."""
    entry = _context()["particle"].get(verb.lower())
    if not entry:
        return 0, 0
    return entry.get(particle.lower(), 0), entry["n"]


def comma_before(conjunction: str) -> tuple[int, int]:
    """How often human wire copy writes ``conjunction`` between two words without a comma
    before it, and how often with one ((0, 0) for a word the table does not count)."""
    without, with_comma = _context()["comma_before"].get(conjunction.lower(), (0, 0))
    return without, with_comma
