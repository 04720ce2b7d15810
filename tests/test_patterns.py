"""Patterns compile on first use (cleaner.patterns): a stand-in behaves as the compiled
pattern, and importing the rule catalogue compiles none of the rules' patterns."""
from __future__ import annotations

import pickle
import re
import subprocess
import sys

import pytest
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


# -- compiled patterns kept between processes ----------------------------------------------
_TWO_PROCESSES = r"""
import sys, regex
import regex._main as main
from wirefix.cleaner import patterns
python_compiles = []
real = main._compile
def counting(pattern, *args):
    python_compiles.append(pattern)
    return real(pattern, *args)
main._compile = counting
p = patterns.lazy_regex(r"(?P<name>\p{Lu}\p{Ll}+)(?:\s+said)", regex.I)
found = p.findall("Qin said, then Blinken SAID no")
print(len(python_compiles), found, p.groupindex["name"], int(p.flags))
"""


def _run(code: str, cache: str, seed: str = "0") -> list[str]:
    env = {**__import__("os").environ, "WIREFIX_CACHE_DIR": cache, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env).stdout.split("\n", 1)[0].split(" ", 1)


def test_a_pattern_compiled_once_is_built_from_the_store_in_the_next_process(tmp_path):
    first = _run(_TWO_PROCESSES, str(tmp_path))
    assert first[0] == "1"                        # compiled by regex's parser, then stored
    assert list(tmp_path.glob("regex-*.marshal"))
    second = _run(_TWO_PROCESSES, str(tmp_path))
    assert second[0] == "0"                       # built from the stored arguments alone
    assert second[1] == first[1]                  # and it matches, numbers and flags alike
    assert "['Qin', 'Blinken']" in second[1]


def test_the_rules_patterns_are_the_same_strings_under_every_hash_seed(tmp_path):
    """The store is keyed on a pattern's text: one built from a set in hash order would be a
    new pattern in each process (and never found in the store)."""
    code = r"""
import gc, hashlib
from wirefix.rules.registry import builtin_rules
from wirefix.cleaner.patterns import LazyPattern
builtin_rules()
keys = sorted(repr(o.__dict__["_how"][:3]) for o in gc.get_objects() if isinstance(o, LazyPattern))
print(hashlib.sha256("\n".join(keys).encode()).hexdigest(), len(keys))
"""
    digests = {tuple(_run(code, str(tmp_path), seed)) for seed in ("1", "2", "3")}
    assert len(digests) == 1 and int(next(iter(digests))[1]) > 100


def test_parsed_data_is_kept_and_read_back(tmp_path, monkeypatch):
    from wirefix.cleaner import cache
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "counts.json"
    source.write_text('{"its": {"own": 3}, "were": [1, 2]}', encoding="utf-8")
    calls = []

    def parse(raw: bytes):
        calls.append(raw)
        return __import__("json").loads(raw)

    assert cache.parsed_data(source, parse) == {"its": {"own": 3}, "were": [1, 2]}
    assert cache.parsed_data(source, parse) == {"its": {"own": 3}, "were": [1, 2]}
    assert len(calls) == 1                        # the second came from the cache
    source.write_text('{"its": {"own": 4}}', encoding="utf-8")   # a new source: parsed again
    assert cache.parsed_data(source, parse) == {"its": {"own": 4}} and len(calls) == 2


def test_the_rules_toml_word_lists_read_from_the_cache_as_tomllib_reads_them(tmp_path,
                                                                           monkeypatch):
    """`rules/data/*.toml` and `cleaner/data/*.toml` are read through the cache
    (``cache.parsed_toml``): a marshal copy, filled by the first read, gives what `tomllib`
    gives."""
    import tomllib
    from pathlib import Path

    from wirefix.cleaner import cache
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path / "cache"))
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "rules" / "data").glob("*.toml")) + sorted(
        (root / "cleaner" / "data").glob("*.toml"))
    assert len(files) >= 5
    for f in files:
        with f.open("rb") as fh:
            expected = tomllib.load(fh)
        assert cache.parsed_toml(f) == expected        # parsed, and kept
        assert cache.parsed_toml(str(f)) == expected   # read back from the copy
    assert len(list((tmp_path / "cache").glob("data-*.toml-*.marshal"))) == len(files)


def test_the_store_keeps_patterns_of_each_default_version_apart(tmp_path):
    """`regex.DEFAULT_VERSION` changes what a pattern means ("[\\w--\\d]" is a set difference
    under V1, a class with a hyphen under V0): a process that changed it must not leave its
    reading in the store for the next one."""
    v1 = r"""
import regex
regex.DEFAULT_VERSION = regex.VERSION1
from wirefix.cleaner import patterns
print(patterns.lazy_regex(r"[\w--\d]+").findall("ab12cd"))
"""
    v0 = r"""
from wirefix.cleaner import patterns
print(patterns.lazy_regex(r"[\w--\d]+").findall("ab12cd"))
"""
    assert _run(v1, str(tmp_path)) == ["['ab',", "'cd']"]
    assert _run(v0, str(tmp_path)) == ["['ab12cd']"]


def test_a_pattern_that_is_no_string_is_compiled_and_not_stored(tmp_path):
    code = r"""
import regex
from wirefix.cleaner import patterns
print(patterns.lazy_regex(regex.compile(r"\bdogs?\b")).findall("dog dogs"),
      patterns.lazy_regex(r"cats?").findall("cat cats"))
"""
    assert _run(code, str(tmp_path)) == ["['dog',", "'dogs'] ['cat', 'cats']"]
    # the string pattern was stored although the other could not be
    assert _run(code, str(tmp_path)) == ["['dog',", "'dogs'] ['cat', 'cats']"]
    assert list(tmp_path.glob("regex-*.marshal"))


def test_finditer_near_finds_what_finditer_finds_where_the_rules_use_it():
    """The patterns tried only before their anchors (cleaner.patterns.finditer_near) give
    finditer's matches on random runs of their own pieces; a reach one short does not."""
    import random

    from wirefix.cleaner.patterns import finditer_near
    from wirefix.rules.contraction import contraction_split_by_space as split
    from wirefix.rules.contraction import contraction_with_doubled_modal as doubled

    cases = [(doubled._DOUBLED, doubled._DOUBLED_ANCHOR, doubled._DOUBLED_REACH),
             (split._LOST, split._LOST_ANCHOR, split._LOST_REACH)]
    pieces = ["I", "You", "we", "They", "he", "She", "It", "that", "There", "What", "Who", "’",
              "'", "ll", "re", "ve", "m", "d", "s", "t", " ", " ", "\t", "will", "is", "are",
              "have", "would", "x", "é", "1", "-", "do", "Shouldn", "couldn", "won", "don", "n"]
    rnd = random.Random(16)
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        for pattern, anchor, reach in cases:
            want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            got = [(m.span(), m.groups()) for m in finditer_near(pattern, text, anchor, reach)]
            assert got == want, text
    # the longest heads before an anchor: a reach one shorter would miss them
    for (pattern, anchor, reach), text in zip(cases, ["There’s is now", "Shouldn t go"],
                                              strict=True):
        assert len(list(finditer_near(pattern, text, anchor, reach))) == 1
        assert not list(finditer_near(pattern, text, anchor, reach - 1))


def test_the_bracket_gap_and_bare_entity_gates_answer_as_their_patterns():
    """space-inside-quotation-marks tries its bracket-gap pattern only where a gap can
    start, and bare-entity tests _MAY_HOLD with str.find: both as the patterns themselves."""
    import random

    from wirefix.cleaner.patterns import finditer_near
    from wirefix.rules.encoding import bare_entity
    from wirefix.rules.whitespace import space_inside_quotation_marks as quotes

    pieces = list("#;tpshoxX09a ()[]\t\n\u00a0\x1c\"é.") + ["  ", "( ", " )", "[ ", " ]"]
    rnd = random.Random(16)
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert bare_entity._may_hold(text) == bool(bare_entity._MAY_HOLD.search(text)), text
        want = [(m.span(), m.groups()) for m in quotes._BRACKET_GAP.finditer(text)]
        got = finditer_near(quotes._BRACKET_GAP, text, quotes._GAP_START, 0)
        assert [(m.span(), m.groups()) for m in got] == want, text

# Two stdlib patterns rewritten to open with one character class (the stdlib engine skips
# ahead to a pattern's first class or literal, and tries an alternation at every offset):
# (the pattern as written before, the module, the name of the rewrite).
_CLASS_FIRST = [
    (r"[“”\"()]|''", "wirefix.rules.punctuation.unbalanced_quotation_marks", "_MARK_AT"),
    (r"[(\[]|[ \t]+[)\]]", "wirefix.rules.whitespace.space_inside_quotation_marks",
     "_GAP_START"),
]


def _class_first_cases():
    import importlib

    return [(re.compile(before), getattr(importlib.import_module(module), name))
            for before, module, name in _CLASS_FIRST]


def test_the_class_first_rewrites_match_as_the_patterns_they_replace_on_random_text():
    import random

    pieces = list("“”\"()'[] \t\nab.") + ["''", "'''", "  ", " )", "( ", "\u00a0", "é"]
    rnd = random.Random(16)
    cases = _class_first_cases()
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        for before, after in cases:
            assert [m.span() for m in after.finditer(text)] == \
                [m.span() for m in before.finditer(text)], (before.pattern, text)


def test_the_class_first_rewrites_match_as_the_patterns_they_replace_on_the_corpora(shared):
    import gzip
    import json

    cases = _class_first_cases()
    texts = []
    with gzip.open(shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        texts += [json.loads(line).get("body") or "" for line in fh]
    for text in texts:
        for before, after in cases:
            assert [m.span() for m in after.finditer(text)] == \
                [m.span() for m in before.finditer(text)], (before.pattern, text[:80])


# -- the stdlib engine's patterns, kept the same way ----------------------------------------
_STDLIB_TWO_PROCESSES = r"""
import re, sys
from wirefix.cleaner import patterns
patterns.warm_stdlib_patterns()
compiles = []
real = re._compiler.compile
def counting(pattern, flags):
    compiles.append(pattern)
    return real(pattern, flags)
re._compiler.compile = counting
p = re.compile(r"(?P<name>[A-Z][a-z]+)(?:\s+said)", re.I)
print(len(compiles), p.findall("Qin said, then Blinken SAID no"), p.groupindex["name"],
      int(p.flags), p.groups)
"""


def test_a_stdlib_pattern_two_runs_compiled_comes_from_the_store_in_the_next(tmp_path):
    first = _run(_STDLIB_TWO_PROCESSES, str(tmp_path))
    assert first[0] == "1"                        # compiled by re's parser, noted as seen
    assert list(tmp_path.glob("re-*.marshal"))
    second = _run(_STDLIB_TWO_PROCESSES, str(tmp_path))
    assert second[0] == "1"                       # seen in two runs: kept now
    third = _run(_STDLIB_TWO_PROCESSES, str(tmp_path))
    assert third[0] == "0"                        # found in re's cache, built from the store
    assert third[1] == first[1]                   # and it matches, numbers and flags alike
    assert "['Qin', 'Blinken']" in third[1]


def test_a_pattern_built_from_one_storys_words_is_not_loaded_by_later_runs(tmp_path):
    code = _STDLIB_TWO_PROCESSES.replace(r"(?P<name>[A-Z][a-z]+)(?:\s+said)",
                                         r"(?P<name>[A-Z][a-z]+)(?:\s+said){}")
    for n in range(3):   # a new pattern in each run: each is compiled, none is loaded
        assert _run(code.replace("{}", f"{{0,{n + 1}}}"), str(tmp_path))[0] == "1"
    from wirefix.cleaner import cache, patterns
    (store,) = tmp_path.glob("re-*.marshal")
    kept, seen_once = patterns._read_re_store(cache.read_marshal(store))
    assert not any("said){0," in str(key[1]) for key in kept)
    assert sum("said){0," in str(key[1]) for key in seen_once) == 3


# (the stdlib store keeps a pattern once two runs compile it: two runs fill it)
@pytest.mark.parametrize("script, store_glob, runs", [
    (_TWO_PROCESSES, "regex-*.marshal", 1), (_STDLIB_TWO_PROCESSES, "re-*.marshal", 2)],
    ids=["regex", "stdlib"])
def test_a_damaged_store_only_means_compiling_again(tmp_path, script, store_glob, runs):
    for _ in range(runs):
        _run(script, str(tmp_path))
    (store,) = tmp_path.glob(store_glob)
    data = bytearray(store.read_bytes())
    data[len(data) // 2] ^= 0xFF                  # one byte flipped inside the stored code
    store.write_bytes(bytes(data))
    again = _run(script, str(tmp_path))
    assert again[0] == "1" and "['Qin', 'Blinken']" in again[1]
    store.write_bytes(b"not a store at all")
    assert _run(script, str(tmp_path))[0] == "1"


def test_the_stdlib_store_keeps_only_what_rebuilds_the_same_pattern():
    """Each kept pattern is built again from its arguments and compared with `re`'s own."""
    from wirefix.cleaner import patterns
    internals = patterns._re_internals()
    assert internals is not None                  # CPython 3.11+: the store is in use
    for source, flags in ((r"(?P<a>x)(?P<b>y)?|\d+", 0), (rb"[\x80-\xff]+", 0),
                          (r"(?x) a  b # comment", re.M)):
        compiled = re.compile(source, flags)
        args = patterns._re_constructor_args(source, int(flags), compiled, internals)
        assert args is not None
        assert internals[3].compile(*args) == compiled
    # arguments that build another pattern are refused
    assert patterns._re_constructor_args("ab", 0, re.compile("abc"), internals) is None


def test_the_console_script_keeps_its_stdlib_patterns_and_an_import_of_the_cli_does_not(
        tmp_path):
    env = {**__import__("os").environ, "WIREFIX_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import wirefix.cleaner.cli"], check=True, env=env)
    assert not list(tmp_path.glob("re-*.marshal"))   # a test run's patterns are not kept
    subprocess.run([sys.executable, "-m", "wirefix", "check", "--help"], check=True, env=env,
                   capture_output=True)
    assert list(tmp_path.glob("re-*.marshal"))       # the command line's are


def test_a_stdlib_store_never_grows_past_its_limit(tmp_path, monkeypatch):
    from wirefix.cleaner import cache, patterns
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_re_from_store", {})
    monkeypatch.setattr(patterns, "_re_store_name", "limit")
    path = patterns._re_store_path(patterns._re_internals()[3])
    monkeypatch.setattr(patterns, "_RE_MAX_STORED", 3)
    for i in range(5):
        re.compile(f"wirefix-limit-{i}")
        for _ in range(2):   # every pattern in re's cache seen by two runs
            patterns._write_re_store()
        kept, _ = patterns._read_re_store(cache.read_marshal(path))
        assert len(kept) <= 3
    monkeypatch.setattr(patterns, "_RE_MAX_STORED", 1000)
    for _ in range(2):
        patterns._write_re_store()
    kept, _ = patterns._read_re_store(cache.read_marshal(path))
    assert {"wirefix-limit-0", "wirefix-limit-4"} <= {key[1] for key in kept}
