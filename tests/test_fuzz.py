"""Property fuzzing of `wirefix check` as the command line runs it: bytes in, bytes out,
through cleaner.runner.check_path (the code behind `check`, `check --fix` and `--fix -`).

Inputs are Unicode text built by hypothesis (any code point, wire-copy pieces, every line
ending, with or without a BOM, in UTF-8, UTF-16 or UTF-32) and corpus text from ../shared
(Reuters and AG News stories) mutated the way feeds and editors damage copy. Properties:

- nothing crashes: a story is checked, or refused with a one-line error (binary data,
  a bad byte-order mark); no finding is WF000 (a rule that failed);
- the offsets are consistent: each finding's span, line and column index the text, and its
  JSON form's "text" is the slice it names;
- `--fix` is idempotent: fixing the fixed bytes changes nothing and leaves no safe fix;
- a story without findings comes out of `--fix` byte for byte;
- `--fix` keeps the line endings (LF, CRLF or CR, when the story uses one kind), the BOM,
  the encoding and the presence or absence of a final line break.

The default profile is quick (a few hundred examples in all, well under a minute). The
nightly profile, WIREFIX_FUZZ=nightly, runs 20 times as many examples on longer inputs;
WIREFIX_FUZZ_EXAMPLES=N sets the count of each test outright. Examples are derandomized,
so a failure in CI is the same failure on a laptop."""
from __future__ import annotations

import codecs
import gzip
import json
import os
import random

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from wirefix.cleaner.config import ConfigResolver
from wirefix.cleaner.document import Document
from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.reporters import finding_dict
from wirefix.cleaner.runner import Mode, check_path
from conftest import SHARED

NIGHTLY = os.environ.get("WIREFIX_FUZZ") == "nightly"
SCALE = 20 if NIGHTLY else 1


def profile(examples: int):
    n = int(os.environ.get("WIREFIX_FUZZ_EXAMPLES", examples * SCALE))
    return settings(max_examples=n, derandomize=True, deadline=None, print_blob=True,
                    database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


RESOLVER = ConfigResolver(None, {})
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
BOMS = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE}
EOLS = ("\n", "\r\n", "\r")

# Pieces of wire copy and of its damage, so that rules fire and their fixes meet.
PIECES = [
    "The the ", "said said ", "  ", "\t", "\u00a0", " .", " ,", "..", "!!", "??", ";;",
    "â€™", "â€œ", "â€\x9d", "Ã©", "Ã¢â‚¬â„¢", "&amp;", "&amp;amp;", "&#39;", "#39;", "&lt;b&gt;",
    "&#3;", "&#127;", "\\n", "@-@", " @,@ ", "do n't ", "ca n't ", "isnt ", "Hell will ",
    "Blinkens’ ", "it’s ", "its ", "U.S. ", "Mr. ", "(Reuters) - ", "WASHINGTON, May 3 - ",
    "BEIJING (AP) — ", " Reuter", "date 2023-06-19 ", "“", "”", "\"", "'", "‘", "’", "--",
    "—", "…", "...", "\u200b", "\u200e", "\ufeff", "\u2028", "\x85", "\x0c", "\x0b", "\x07",
    "\x1b[0m", "ﬁ", "Ｆｕｌｌ", "e\u0301", "\ufffd", "\U0001F600", "漢字", "שלום", "ß",
    "said. in May", "the minister of Russia ", "who was shot. ", "Qin Gang ", "qin ",
]
WORDS = ["Talks", "began", "on", "Monday", "the", "minister", "said", "prices", "rose", "12",
         "pct", "in", "March", "Reuters", "officials", "would", "not", "comment", "U.S.",
         "Beijing", "and", "a", "of", "to"]

ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                         blacklist_categories=("Cs",))   # files hold no lone surrogates
WIRE_LINE = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(WORDS).map(lambda w: w + " "),
                               st.text(ANY_CHAR, max_size=3)),
                     max_size=30 if not NIGHTLY else 120).map("".join)


@st.composite
def stories(draw):
    """A story: lines joined by one kind of line break, maybe a final one, in an encoding."""
    lines = draw(st.lists(WIRE_LINE, min_size=1, max_size=6 if not NIGHTLY else 25))
    eol = draw(st.sampled_from(EOLS))
    text = eol.join(line.replace("\r", " ").replace("\n", " ") for line in lines)
    if draw(st.booleans()):
        text += eol
    return text, eol, draw(st.sampled_from(ENCODINGS))


def encode(text: str, encoding: str) -> bytes:
    return BOMS.get(encoding, b"") + text.encode(encoding.replace("-sig", ""))


def run(data: bytes, fix: bool, name: str = "story.txt"):
    return check_path("-", RESOLVER, Mode(fix=fix), stdin_filename=name,
                      read_stdin=lambda: data)


def eol_kind(text: str) -> str | None:
    """The one line break a text uses, "" for none, None for a mix."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [k for k, n in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if n]
    return kinds[0] if len(kinds) == 1 else ("" if not kinds else None)


def check_properties(data: bytes) -> None:
    lint = run(data, fix=False)
    if lint.error:
        # refused, with one line that names it; and --fix echoes the bytes unchanged
        assert "\n" not in lint.error and lint.error.startswith("story.txt: "), lint.error
        assert "wirefix failed" not in lint.error, lint.error
        fixed = run(data, fix=True)
        assert fixed.error and fixed.passthrough == data
        return
    text = lint.text
    doc = Document(text)
    for f in lint.findings:
        assert f.code != "WF000", f.message          # no rule failed
        assert 0 <= f.start <= f.end <= len(text), f
        for fx in f.fixes:
            for e in fx.edits:
                assert 0 <= e.start <= e.end <= len(text), f
        d = finding_dict(lint, f, doc)
        assert d["text"] == text[f.start:f.end]
        line_start = doc.lines[d["line"] - 1].start
        assert line_start + d["column"] - 1 == f.start, d
        assert d["end_line"] >= d["line"]

    out = run(data, fix=True)
    assert not out.error, out.error
    if out.passthrough is not None:                   # no story (white space): as it came
        assert out.passthrough == data and not text.strip() and out.output is None
        return
    again_data = encode_like(out.output, out.encoding)
    if not lint.findings:
        assert again_data == data                     # nothing to fix: byte for byte
        assert out.fixed == 0
    # --fix keeps what the story is made of
    assert out.encoding == lint_encoding(data)
    before, after = eol_kind(text), eol_kind(out.output)
    if before and after is not None and after:
        assert after == before, (before, after)
    if out.output.strip():
        assert out.output.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))
    # idempotent: the fixed story has nothing left that --fix would change
    second = run(again_data, fix=True)
    assert not second.error, second.error
    second_data = (second.passthrough if second.passthrough is not None
                   else encode_like(second.output, second.encoding))
    assert second_data == again_data, "a second --fix changed the text"
    assert not [f for f in second.findings
                if f.fixes and f.applicability is Applicability.SAFE]


def lint_encoding(data: bytes) -> str:
    for enc, bom in sorted(BOMS.items(), key=lambda kv: -len(kv[1])):
        if data.startswith(bom):
            return enc
    return "utf-8"


def encode_like(text: str, encoding: str) -> bytes:
    return encode(text, encoding) if encoding in BOMS else text.encode("utf-8")


# -- Unicode text ----------------------------------------------------------------------------
@profile(150)
@given(stories())
@example(("Cocoa rose.\n Reuter\n&#3;", "\n", "utf-8"))
@example(("Talks  went on.\r\n\r\nThe the end.", "\r\n", "utf-8-sig"))
@example(("   \n\n", "\n", "utf-8"))
@example(("", "\n", "utf-16-le"))
def test_fuzz_unicode_stories(story):
    text, _eol, encoding = story
    check_properties(encode(text, encoding))


@profile(100)
@given(st.binary(max_size=300 if not NIGHTLY else 3000))
def test_fuzz_arbitrary_bytes(data):
    check_properties(data)


# -- corpus text, mutated --------------------------------------------------------------------
_CORPUS: list[str] = []


def corpus() -> list[str]:
    """Reuters bodies and AG News descriptions from ../shared (read, never copied)."""
    if not _CORPUS:
        with gzip.open(SHARED / "corpora" / "reuters21578" / "reuters21578.jsonl.gz", "rt",
                       encoding="utf-8") as fh:
            for line in fh:
                body = json.loads(line).get("body")
                if body:
                    _CORPUS.append(body)
        with open(SHARED / "corpora" / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
            for line in fh:
                _CORPUS.extend(v for v in json.loads(line).values() if isinstance(v, str)
                               and len(v) > 40)
    return _CORPUS


def mutate(text: str, ops: list[tuple[str, int, str]]) -> str:
    """Damage as feeds and editors do it: a piece dropped in, a stretch cut out, doubled or
    swapped, a line break changed, the story cut short."""
    for op, where, piece in ops:
        if not text:
            text = piece
            continue
        at = where % (len(text) + 1)
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + len(piece):]
        elif op == "double":
            text = text[:at] + text[at:at + 12] + text[at:]
        elif op == "swap":
            text = text[:at] + text[at + 1:at + 2] + text[at:at + 1] + text[at + 2:]
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "cr":
            text = text.replace("\n", "\r")
        elif op == "cut":
            text = text[:at]
    return text


OPS = st.lists(st.tuples(st.sampled_from(["insert", "insert", "delete", "double", "swap",
                                          "crlf", "cr", "cut"]),
                         st.integers(min_value=0, max_value=1 << 20),
                         st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=4))),
               max_size=6 if not NIGHTLY else 20)


@pytest.mark.shared
@profile(80)
@given(index=st.integers(min_value=0, max_value=1 << 30), ops=OPS,
       encoding=st.sampled_from(ENCODINGS))
def test_fuzz_mutated_corpus_stories(shared, index, ops, encoding):
    texts = corpus()
    text = mutate(texts[index % len(texts)], ops)
    check_properties(encode(text, encoding))


@pytest.mark.shared
def test_fuzz_unmutated_corpus_sample(shared):
    """Corpus stories as they are (every line ending and encoding), a seeded sample."""
    rng = random.Random(18)
    texts = corpus()
    for text in rng.sample(texts, 40 * SCALE):
        check_properties(encode(text, rng.choice(ENCODINGS)))
