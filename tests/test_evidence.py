"""The evidence layer the MT rules ask (rules/_shared/evidence.py): the story's own counts,
English word frequencies from wordfreq's shipped lists, and the word-pair counts of wire
copy in rules/data/context_counts.json."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from wirefix.cleaner.document import Document
from wirefix.rules._shared import evidence

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("word", ["the", "Japan", "Japans", "Blinken", "Bidens", "Marshs",
                                  "officials", "it's", "we’re", "Kritenbrink", "shell"])
def test_zipf_reads_wordfreq_lists_as_wordfreq_does(word):
    """The direct read of wordfreq's cBpack list gives wordfreq's own Zipf value."""
    assert evidence.zipf(word) == wordfreq.zipf_frequency(word.replace("’", "'"), "en")


def test_rarity_in_words():
    assert evidence.times_rarer("Marsh", "Marshs") == math.inf
    assert evidence.times_rarer("Japan", "Japans") > 100
    assert evidence.times_rarer("American", "Americans") < 10  # a plural is a word
    assert "not an English word" in evidence.rarity_phrase("Marsh", "Marshs")
    assert "rarer than “Japan”" in evidence.rarity_phrase("Japan", "Japans")
    assert "neither" in evidence.rarity_phrase("Qzxwv", "Qzxwvs")


def test_story_counts_take_the_possessive_as_the_name():
    doc = Document("Japan said on Monday that Japan’s exports rose. Japans’ bank held.")
    assert evidence.story_count(doc, "Japan") == 2
    assert evidence.story_count(doc, "Japans") == 1   # the damaged form itself
    assert evidence.story_count(doc, "Tokyo") == 0


@pytest.mark.parametrize("word,prev,nxt,nxt2,favours", [
    ("its", "<s>", "the", "only", True),        # it's the only way
    ("its", "said", "not", "clear", True),       # said it's not clear
    ("its", "of", "own", None, False),           # of its own
    ("its", "<s>", "shares", "rose", False),     # Its shares rose
    ("were", "<s>", "going", "to", True),        # We're going to
    ("were", "they", "going", "to", False),      # they were going to
    ("well", "as", "as", None, False),           # as well as
    ("ill", "<s>", "health", None, False),       # Ill health
    ("hell", "<s>", "be", "back", True),         # He'll be back
    ("wed", "<s>", "like", "to", True),          # We'd like to
    ("your", "post", "results", None, False),    # post your results
])
def test_context_counts_tell_contraction_from_word(word, prev, nxt, nxt2, favours):
    odds = evidence.context_odds(word, prev, nxt, nxt2)
    assert (odds.log_odds > 1) == favours, odds
    assert "wire copy writes" in odds.reason


def test_doubled_and_particle_counts():
    doubled, total = evidence.doubled_in_wire_copy("nil")
    assert doubled * 100 >= total > 0            # "nil nil" in results tables
    pair, verb = evidence.particle_of("looked", "at")
    assert pair * 8 >= verb > 0                  # "looked at": a phrasal verb


@pytest.mark.shared
def test_context_table_is_built_from_the_corpora(shared):
    """rules/data/context_counts.json is exactly what scripts/build_context_counts.py
    builds from ../shared (so the shipped counts are reproducible, never edited by hand)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_context_counts.py"),
                           "--check"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
