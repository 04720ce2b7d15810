"""ftfy's own test cases as a peer suite for the encoding family (../shared/peer, README there).

For every case ftfy marks `pass`, `wirefix check --fix --select encoding -` must give the
case's `fixed-encoding` where it has one, else its `fixed`, compared modulo curly versus
straight quotes (ftfy's default straightens quotes; wirefix leaves that to house style). The
31 negative cases must come back as they are, except one that gains an ellipsis from a C1
control character. The bulk runs through the engine API; a few real CLI runs prove the
command gives the same bytes.
"""
from __future__ import annotations

import json
import pytest
import regex

from wirefix.cleaner import Config, fix, lint

from conftest import SHARED, run_cli

PEER = SHARED / "peer" / "ftfy-test-cases"
PASS_FILES = ("in-the-wild", "language-names", "synthetic", "negative")
ENCODING = Config(select=("encoding",))
WIDE = Config(select=("WF112",))
WIDE_CHARS = regex.compile(r"[\u3000-\u303f\uff01-\uffee]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _cases(files=PASS_FILES, expect="pass"):
    """(file, index, case) for every case of ``files`` with that expectation. Read at
    collection time; empty when ../shared is absent (the `shared` fixture then skips)."""
    out = []
    for name in files:
        path = PEER / f"{name}.json"
        if not path.is_file():
            continue
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            if case["expect"] == expect:
                out.append(pytest.param(name, case, id=f"{name}-{i:02d}"))
    return out


def target(case: dict) -> str:
    """ftfy's expected text, with wirefix's own repair of wide characters applied to it:
    where ftfy's encoding fix leaves a fullwidth comma ("Ningbo，China"), fullwidth-character
    (WF112, safe beside Latin text) writes the English comma and its space."""
    expected = case.get("fixed-encoding", case["fixed"])
    return fix(expected, WIDE).text if WIDE_CHARS.search(expected) else expected


def same_modulo_quotes(a: str, b: str) -> bool:
    return a.translate(_QUOTES) == b.translate(_QUOTES)


def _only_c1_changed(original: str, fixed: str) -> bool:
    """``fixed`` is ``original`` with C1 control characters read as Windows-1252."""
    if len(original) != len(fixed):
        return False
    for a, b in zip(original, fixed, strict=True):
        if a == b:
            continue
        if not "\x80" <= a <= "\x9f" or a.encode("latin-1").decode("windows-1252", "replace") != b:
            return False
    return True


@pytest.mark.shared
@pytest.mark.parametrize("name,case", _cases())
def test_peer_case(shared, name, case):
    res = fix(case["original"], ENCODING)
    assert res.converged, res.cycling_rules
    assert same_modulo_quotes(res.text, target(case)), (
        f"{case['label']}\n original {case['original']!r}\n expected {target(case)!r}\n"
        f" got      {res.text!r}")
    if name == "negative":
        # text that merely looks like mojibake comes back as it is (bar C1 controls)
        assert res.text == case["original"] or _only_c1_changed(case["original"], res.text)


@pytest.mark.shared
def test_peer_suite_tally(shared):
    """The figures for the report: every pass case, and the negatives on their own."""
    cases = [(p.values[0], p.values[1]) for p in _cases()]
    assert len(cases) == 151
    ok = {name: 0 for name in PASS_FILES}
    total = {name: 0 for name in PASS_FILES}
    changed_negatives = []
    for name, case in cases:
        out = fix(case["original"], ENCODING).text
        total[name] += 1
        ok[name] += same_modulo_quotes(out, target(case))
        if name == "negative" and out != case["original"]:
            changed_negatives.append((case["original"], out))
    positives = sum(total[n] for n in PASS_FILES if n != "negative")
    assert (sum(ok[n] for n in PASS_FILES if n != "negative"), positives) == (120, 120)
    assert (ok["negative"], total["negative"]) == (31, 31)
    # the one negative that changes does so only by a C1 control read as an ellipsis
    assert len(changed_negatives) == 1
    original, out = changed_negatives[0]
    assert _only_c1_changed(original, out) and out.count("…") == original.count("…") + 1


@pytest.mark.shared
def test_each_repair_is_its_own_finding_with_an_explanation(shared):
    text = "Ecuadorâ€™s â€˜purely political decision on Assangeâ€™ is likely"
    found = [f for f in lint(text, ENCODING) if f.code == "WF101"]
    assert [text[f.start:f.end] for f in found] == ["â€™", "â€˜", "â€™"]
    assert all("UTF-8 text read as Windows-1252" in f.message for f in found)
    assert [f.replacement_texts(text)[0] for f in found] == ["’", "‘", "’"]


# A few cases through the real command: the CLI must give the same bytes as the engine.
CLI_LABELS = (
    "Synthetic: curly quotes with mismatched encoding glitches in Windows-1252",
    "Synthetic, negative: don't leak our internal use of byte 0x1A",
)


@pytest.mark.shared
@pytest.mark.parametrize("pick", ["first-wild", "c1-negative", "entity-in-mojibake", "sub", "quotes"])
def test_cli_gives_the_same_as_the_engine(shared, pick):
    cases = {p.values[1]["label"]: (p.values[0], p.values[1]) for p in _cases()}
    wild = [c for n, c in cases.values() if n == "in-the-wild"]
    choose = {
        "first-wild": lambda: wild[0],
        "c1-negative": lambda: next(c for n, c in cases.values()
                                    if n == "negative" and "\x85" in c["original"]),
        "entity-in-mojibake": lambda: next(c for n, c in cases.values()
                                           if "&frac14;" in c["original"]),
        "sub": lambda: cases[CLI_LABELS[1]][1],
        "quotes": lambda: cases[CLI_LABELS[0]][1],
    }
    case = choose[pick]()
    proc = run_cli("check", "--fix", "--select", "encoding", "-", input=case["original"])
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out == fix(case["original"], ENCODING).text
    assert same_modulo_quotes(out, target(case))


@pytest.mark.shared
def test_known_failures_are_left_alone_or_repaired_like_ftfy(shared):
    """ftfy's own known failures: wirefix must not turn them into something worse than ftfy
    does; it gives exactly what ftfy's encoding repair gives, or the input."""
    import ftfy

    for param in _cases(("known-failures",), expect="fail"):
        case = param.values[1]
        out = fix(case["original"], ENCODING).text
        assert out in (case["original"], ftfy.fix_encoding(case["original"])), case["label"]
