"""Precision of the machine-translation artefact rules on human-written copy.

Reuters-21578 bodies, AG News descriptions and the WMT22 human reference translations were
written and edited by people, so nearly every MT-artefact finding on them is a false alarm
(or a real slip of the copy). The target: under 0.2 findings per 1,000 words.
bench/mt_precision.py prints the figure per rule, and re-checks the hand-judged samples
(tests/data/mt_judged.jsonl: references to the corpora, verdicts and reasons) that the last
tests here hold to their figures."""
from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from wirefix.cleaner import Config, engine_for
from wirefix.rules.base import Phase
from wirefix.rules.families import MT_FAMILIES
from wirefix.rules.registry import builtin_rules

# the judged samples' form of a fix (a long one cited by a digest) is the bench's
_spec = importlib.util.spec_from_file_location(
    "mt_precision", Path(__file__).resolve().parents[1] / "bench" / "mt_precision.py")
precision = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(precision)

pytestmark = [pytest.mark.shared, pytest.mark.slow]

MT_RULES = {r.code for r in builtin_rules() if r.family in MT_FAMILIES and r.phase is not Phase.RAW}
# The rules issue 12 made decide from evidence (contractions, possessives, "its" for a
# person, stripped quotations, stray full stops, "U.S."/"US"); the other MT rules
# (missing-terminal-punctuation, unbalanced-quotation-marks, name-spelling-variant, ...)
# belong to other work and are measured with them in bench/mt_precision.py.
EVIDENCE_RULES = {"WF501", "WF502", "WF503", "WF504", "WF505", "WF601", "WF701", "WF702",
                  "WF801", "WF901", "WF931"}
JUDGED = Path(__file__).parent / "data" / "mt_judged.jsonl"


def _texts(shared: Path, corpus: str):
    if corpus == "reuters":
        with gzip.open(shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz", "rt",
                       encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("text_type") == "NORM" and rec.get("body"):
                    yield rec["newid"], rec["body"]
    elif corpus == "agnews":
        with open(shared / "corpora" / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                yield i, json.loads(line)["description"]
    else:
        human = corpus == "wmt22"
        with gzip.open(shared / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz", "rt",
                       encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if (rec["sys"] in ("refA", "refB")) == human:
                    yield rec["id"], rec["text"]


@pytest.fixture(scope="module")
def engine():
    return engine_for(Config())


def _rates(engine, shared, corpus):
    words = 0
    hits: Counter[str] = Counter()
    safe = 0
    for _, body in _texts(shared, corpus):
        words += len(body.split())
        for f in engine.lint(body):
            if f.code in MT_RULES:
                hits[f.code] += 1
                safe += f.applicability.value == "safe" and bool(f.fixes)
    return words, hits, safe


def test_mt_rules_rarely_fire_on_reuters(shared, engine):
    words, hits, safe_hits = _rates(engine, shared, "reuters")
    total = sum(hits.values())
    rate = 1000 * total / words
    assert words > 2_500_000
    assert rate < 0.2, f"{total} MT-artefact findings in {words:,} words: {rate:.3f} per 1,000"
    mine = sum(n for code, n in hits.items() if code in EVIDENCE_RULES)
    assert 1000 * mine / words < 0.05, hits
    # safe repairs on human copy must stay rare: each one is reviewed by hand
    assert safe_hits < 60


@pytest.mark.parametrize("corpus", ["agnews", "wmt22"])
def test_evidence_rules_rarely_fire_on_other_human_copy(shared, engine, corpus):
    """AG News descriptions and the WMT22 references (news, e-commerce, social media,
    chat): the rules of issue 12 together stay under 0.2 findings per 1,000 words."""
    words, hits, _ = _rates(engine, shared, corpus)
    mine = sum(n for code, n in hits.items() if code in EVIDENCE_RULES)
    assert words > 100_000
    assert 1000 * mine / words < 0.2, (corpus, {c: n for c, n in hits.items() if c in EVIDENCE_RULES})


def _judged():
    with open(JUDGED, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_judged_samples_are_references_not_copies():
    """The judged samples cite the corpora by id and offsets; they hold no corpus text."""
    rows = _judged()
    kinds = Counter(r["sample"] for r in rows)
    # safe: every safe MT fix the four corpora give (93: fewer than the 100 asked for exist)
    assert kinds["safe"] >= 90 and kinds["unsafe"] >= 60 and kinds["display"] >= 40
    for r in rows:
        assert set(r) == {"sample", "corpus", "id", "start", "end", "rule", "applicability",
                          "fix", "verdict", "reason"}
        assert r["verdict"] in ("right", "wrong") and len(r["reason"]) > 10
        assert r["fix"] is None or len(r["fix"]) < precision.LONGEST_FIX \
            or r["fix"].startswith("sha256:")


def test_judged_findings_are_still_made(shared, engine):
    """Each judged finding is still made, with the same span, applicability and fix: a rule
    change that alters one must be judged again (bench/mt_precision.py --judged)."""
    rows = _judged()
    texts = {c: dict(_texts(shared, c)) for c in {r["corpus"] for r in rows}}
    made: dict = {}
    missing = []
    for r in rows:
        key = (r["corpus"], r["id"])
        if key not in made:
            text = texts[r["corpus"]][r["id"]]
            made[key] = {(f.code, f.start, f.end, f.applicability.value,
                          precision.fix_reference(f.replacement_texts(text)[0]) if f.fixes else None)
                         for f in engine.lint(text)}
        if (r["rule"], r["start"], r["end"], r["applicability"], r["fix"]) not in made[key]:
            missing.append(r)
    assert missing == []


def _share(rows) -> float:
    return sum(r["verdict"] == "right" for r in rows) / max(1, len(rows))


def test_judged_figures_of_the_evidence_rules():
    """The hand-checked figures of issue 12's rules (bench/mt_precision.py --judged prints
    them all, other rules included): no safe fix wrong, unsafe suggestions and flags mostly
    right."""
    rows = [r for r in _judged() if r["rule"] in EVIDENCE_RULES]
    safe = [r for r in rows if r["sample"] == "safe"]
    # the census adds every other finding of these rules where a sample could not hold
    # enough: unsafe ones on human copy and WMT22 system output, display ones on the latter
    unsafe = [r for r in rows if r["sample"] in ("unsafe", "census") and r["applicability"] == "unsafe"]
    display = [r for r in rows if r["sample"] in ("display", "census") and r["applicability"] == "display"]
    assert len(safe) >= 30 and all(r["verdict"] == "right" for r in safe)
    every_safe = [r for r in _judged() if r["sample"] == "safe"]
    assert all(r["verdict"] == "right" for r in every_safe)  # the other MT rules' too
    assert len(unsafe) >= 40 and _share(unsafe) >= 0.85
    assert len(display) >= 5 and _share(display) >= 0.8
