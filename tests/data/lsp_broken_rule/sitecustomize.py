"""Loaded by the language server under test (tests/test_lsp.py puts this folder on
PYTHONPATH): makes one real rule raise on every text, as a buggy rule would."""
from wirefix.rules.repetition.doubled_word import DoubledWord


def _broken(self, doc, ctx):
    raise RuntimeError("simulated bug in doubled-word")
    yield  # a generator, like the real check


DoubledWord.check = _broken
