"""Patterns compile on first use (cleaner.patterns): a stand-in behaves as the compiled
pattern, and importing the rule catalogue compiles none of the rules' patterns."""
from __future__ import annotations

import pickle
import re
import subprocess
import sys

import regex

from wirefix.cleaner.patterns import LazyPattern, lazy_re, lazy_regex


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, flags = r"(?P<word>\p{Lu}\p{Ll}+)(?=\s)", regex.V1
    lazy, real = lazy_regex(source, flags), regex.compile(source, flags)
    assert "_compiled" not in vars(lazy)                     # nothing compiled yet
    text = "Talks in Geneva ended; Blinken left. Qin stayed "
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert "_compiled" in vars(lazy)
    assert lazy.sub("X", text) == real.sub("X", text)
    assert lazy.search(text, 10).group("word") == real.search(text, 10).group("word")
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (real.pattern, real.flags,
                                                          real.groupindex)
    assert isinstance(lazy.compiled(), regex.Pattern)
    # after the first use the methods are the compiled pattern's own, not a wrapper's
    assert "finditer" in vars(lazy) and lazy.compiled().finditer.__self__ is lazy.compiled()


def test_the_stdlib_engine_and_keyword_arguments():
    lazy = lazy_re(r"\bthe\s+the\b", re.I)
    assert lazy.sub("the", "The the end") == "the end"
    assert isinstance(lazy.compiled(), re.Pattern)
    named = lazy_regex(r"\L<names>", names=["Kyiv", "Kiev"])
    assert named.findall("Kiev or Kyiv") == ["Kiev", "Kyiv"]


def test_a_lazy_pattern_pickles_as_its_recipe():
    lazy = lazy_regex(r"a+b", regex.I)
    back = pickle.loads(pickle.dumps(lazy))
    assert isinstance(back, LazyPattern) and back.match("AAB").group() == "AAB"
    lazy.search("x")                                           # a compiled one too
    assert pickle.loads(pickle.dumps(lazy)).fullmatch("ab")


def test_the_token_pattern_numbers_its_groups_as_the_kinds_are_listed():
    from wirefix.cleaner.document import _KIND_BY_GROUP, _TOKEN, TokenKind
    assert _TOKEN.groupindex == {"word": 1, "number": 2, "punct": 3}
    assert _KIND_BY_GROUP[1:] == (TokenKind.WORD, TokenKind.NUMBER, TokenKind.PUNCT)


def test_importing_the_catalogue_compiles_no_rule_pattern():
    """The cold-start promise: `wirefix check` compiles only what the rules that run use."""
    code = r"""
import sys
from wirefix.rules.registry import builtin_rules
from wirefix.cleaner.patterns import LazyPattern
builtin_rules()
def values(v):
    if isinstance(v, (list, tuple, set, frozenset)):
        for x in v:
            yield from values(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from values(x)
    else:
        yield v
lazy = compiled = 0
for name, mod in list(sys.modules.items()):
    if not name.startswith("wirefix."):
        continue
    for key, value in vars(mod).items():
        for v in values(value):
            if isinstance(v, LazyPattern):
                lazy += 1
                if "_compiled" in vars(v):
                    compiled += 1
                    print("compiled at import:", name, key)
print(lazy, compiled)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    lazy, compiled = map(int, out[-1].split())
    assert lazy > 100                                          # the rules' patterns were found
    assert compiled == 0, out[:-1]
