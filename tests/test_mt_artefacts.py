"""The artefacts of real machine translation (issue #13): each kind found and repaired.

The sites of each kind are counted by the scanners in bench/mt_scanners.py, written apart
from the rules. Two sets of text:
- stories written here, one or more per kind, in the shapes today's MT systems leave
  (always run);
- the zh-en and ru-en output of twelve WMT22 systems in ../shared (marked `shared`), where
  each kind must be found at 0.9 or better and repaired where its fix is meant to, the human
  references must stay quiet, and Reuters and AG News must hardly hear from the family.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from wirefix.cleaner import Config, engine_for
from wirefix.rules.registry import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import mt_artefacts  # noqa: E402
from mt_scanners import KINDS  # noqa: E402

ENGINE = engine_for(Config())

# Stories in the shapes of MT output, written for these tests (none is from a corpus).
STORIES = {
    "untranslated text": [
        "The courier said he was at the gate 对面等 again.\n\nI waited an hour.",
        "Don't go out tonight, страшно it's scary, she wrote.",
        "#は味もコスパも大満足 this spring! The café opened on Monday.",
        "The seller wrote 배송 완료 but nothing came.",
    ],
    "CJK and fullwidth punctuation": [
        "The plant in Ningbo，China makes 3，000 chairs a day。Exports rose.",
        "【Genuine Book】 Beautiful English (Letters Volume)",
        "Visit our website（http://www.example.org）for the brochure：it is free！",
        "Ｔｈｅ ＬＯＵＤ edition sold out.",
    ],
    "look-alike letters": [
        "According to WНO data, more than 55 million people have dementia.",
        "Orthopedic mattress 160х200, height 22 cm.",
        "The mats work from -50 to 50°С and need no care.",
    ],
    "doubled quotation marks": [
        'The shop was called ""Ginza"" and it closed in May.',
        'Residents of the ""Blue River"" estate protested, officials said.',
    ],
    "missing space after punctuation": [
        "The road was closed,but the buses ran.",
        "Everything is normal.All the workers rested.",
        "Do I need to order again?Don't charge me twice.",
    ],
    "space inside quotes or brackets": [
        "She said “ never again!” and walked out.",
        "The festival (organised by WoW! Korea ) opened on Friday.",
        "“The vaccine works well .”\n\nHe added: “ We will see. ”",
    ],
    "dash attribution": [
        "Their antibodies were not cut during mutations, - says pulmonologist Ivan Petrov.",
        "It may be milder than the “delta”, - said a WHO report.",
    ],
    "decoder loops": [
        "The suspects were brought to justice and brought to justice last year.",
        "Mauritius reported for the first time for the first time a case of the new strain.",
    ],
    "unknown-word markers": [
        "You can <unk> the order until noon.",
        "The ⁇ tribe lives in the north.",
    ],
    "lower-case pronoun i": [
        "i speak czech at a basic level but i study every day.",
        "The food is cold.\n\ndo i need to call again?",
    ],
    "name spelt two ways": [
        "Belarusian leader Alexander Lukashenko met envoys on Monday. Lukashenko said the border "
        "would stay open. Critics say Lukashenka ignores the courts.",
        "Casinos in Macau reopened in June. Visitors to Macau fell by half. The Macao "
        "government expects a rebound.",
    ],
}


def _found_and_left(texts, kind):
    scanner, code, repair = KINDS[kind]
    sites = found = 0
    for text in texts:
        spots = mt_artefacts.sites_of(kind, text)
        own = [f for f in ENGINE.lint(text) if f.code == code]
        sites += len(spots)
        found += sum(any(mt_artefacts._touches(f, s, e) for f in own) for s, e in spots)
    fixed = [ENGINE.fix(t, unsafe=repair == "unsafe").text for t in texts]
    left = sum(len(mt_artefacts.sites_of(kind, t)) for t in fixed)
    return sites, found, left


@pytest.mark.parametrize("kind", sorted(STORIES))
def test_each_kind_found_and_repaired_in_stories_written_here(kind):
    sites, found, left = _found_and_left(STORIES[kind], kind)
    assert sites >= len(STORIES[kind]), f"the scanner sees {sites} sites in the {kind} stories"
    assert found == sites, f"{kind}: {found} of {sites} sites found"
    if KINDS[kind][2] == "display":
        assert left == sites  # a flag: the text is left as it is
    else:
        assert left == 0, f"{kind}: {left} sites left after the fix"


def test_separators_are_only_suggested():
    """"・" and "丨" have no one English form: their repair is a suggestion."""
    text = "OK・Shipping is free, and Xinhua Media+丨Beijing Youth League reported it."
    assert ENGINE.fix(text).text == text
    assert ENGINE.fix(text, unsafe=True).text == (
        "OK / Shipping is free, and Xinhua Media+ | Beijing Youth League reported it.")


def test_every_kind_has_a_rule_and_stories():
    codes = {r.code for r in builtin_rules()}
    assert set(STORIES) == set(KINDS)
    assert {code for _, code, _ in KINDS.values()} <= codes


# -- the WMT22 output, the references and the human corpora in ../shared -----------------------
@pytest.fixture(scope="module")
def wmt(shared):
    records = mt_artefacts.wmt_records()
    return ([r for r in records if not mt_artefacts.is_reference(r)],
            [r for r in records if mt_artefacts.is_reference(r)])


@pytest.mark.shared
@pytest.mark.slow
def test_each_kind_found_at_0_9_and_repaired_in_wmt22_mt_output(wmt):
    mt, _ = wmt
    kinds = mt_artefacts.measure_kinds(mt, ENGINE)
    report = []
    for kind, got in kinds.items():
        sites, found = got.get("sites", 0), got.get("found", 0)
        repair = KINDS[kind][2]
        left_safe = got.get("left after --fix", 0)
        left = got.get("left after --unsafe-fixes", 0)
        report.append(f"{kind}: {found}/{sites} found, {left_safe} left after --fix, "
                      f"{left} after --unsafe-fixes")
        assert sites > 0, f"no {kind} in the WMT22 output: the scanner is broken"
        assert found >= 0.9 * sites, "\n".join(report)
        if repair != "display":
            assert left <= 0.1 * sites, "\n".join(report)
        if repair == "safe" and sites >= 10:
            # (the two doubled marks in this output are lone ones, "", whose repair is a
            # suggestion; the paired ""x"" that --fix repairs is in the stories above)
            assert left_safe <= 0.1 * sites, "\n".join(report)


def _rates(records, codes=None) -> tuple[Counter, int]:
    per_rule: Counter = Counter()
    words = 0
    for r in records:
        words += len(r["text"].split())
        for f in ENGINE.lint(r["text"]):
            if codes is None or f.code in codes:
                per_rule[f.code] += 1
    return per_rule, words


# The rules issue #13 asked for, or asked to rework: their findings on the references.
OWN = {r.code for r in builtin_rules() if r.family == "translation"} | {
    "WF112", "WF209", "WF210", "WF403", "WF932"}


@pytest.mark.shared
@pytest.mark.slow
def test_human_references_stay_quiet(wmt):
    _, refs = wmt
    per_rule, words = _rates(refs)
    own = sum(n for code, n in per_rule.items() if code in OWN)
    family = sum(n for code, n in per_rule.items() if code.startswith("WF94"))
    # The translation family's findings on the references are the real slips of the human
    # translators (Cyrillic letters in "WНO" and "105х195", a loop "the spirit of the spirit
    # of"); the whole of this work's rules, the unbalanced quotes they leave included, stays
    # well under the 1.0 per 1,000 words all rules together are meant to draw.
    assert 1000 * family / words < 0.15, per_rule
    assert 1000 * own / words < 0.8, per_rule


@pytest.mark.shared
@pytest.mark.slow
def test_safe_fixes_on_the_references_were_judged_and_are_right(wmt):
    """Every safe fix on the references was read in context (tests/data/
    mt_refs_safe_fixes.jsonl; `python bench/mt_artefacts.py --judged` prints them). None of
    this work's rules makes a wrong one, and all rules together make fewer than 0.1 wrong
    safe fixes per 1,000 words among the fixes they make today (the judged file keeps the
    verdicts on fixes other rules have since stopped making: headline full stops)."""
    _, refs = wmt
    judged = {(j["id"], j["start"], j["rule"]): j for j in map(
        json.loads, mt_artefacts.JUDGED.read_text(encoding="utf-8").splitlines())}
    words = sum(len(r["text"].split()) for r in refs)
    made = unjudged = wrong = 0
    for r in refs:
        for f in ENGINE.lint(r["text"]):
            if f.applicability.value != "safe" or not f.fixes:
                continue
            made += 1
            j = judged.get((r["id"], f.start, f.code))
            if j is None or j["fix"] != f.replacement_texts(r["text"])[0]:
                unjudged += 1
                assert f.code not in OWN, f"an unjudged safe fix of {f.code} at {r['id']} {f.start}"
                continue
            wrong += j["verdict"] == "wrong"
            assert not (j["verdict"] == "wrong" and f.code in OWN), j
    assert made and unjudged <= 0.1 * made, f"{unjudged} of {made} safe fixes not judged yet"
    assert 1000 * wrong / words < 0.1, f"{wrong} wrong safe fixes in {words:,} words"


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["reuters", "agnews"])
def test_translation_family_hardly_fires_on_human_wire_copy(shared, corpus):
    texts = mt_artefacts.reuters_bodies() if corpus == "reuters" else mt_artefacts.agnews_texts()
    # the family on its own (with the whole catalogue the same rules read text the raw repairs
    # of other families changed; bench/mt_artefacts.py measures that way, with the same result)
    family = engine_for(Config(select=("translation",)))
    n, words, per_rule = mt_artefacts.family_rate(texts, family)
    assert 1000 * n / words < 0.05, (n, words, per_rule)


# -- the hand-judged findings on the references ------------------------------------------------
SAFE_KEYS = {"corpus", "id", "start", "end", "rule", "fix", "verdict", "reason"}
OTHER_KEYS = SAFE_KEYS | {"applicability"}


def _judged_rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_judged_files_are_references_not_copies():
    """The verdicts cite the references by record id and offsets, with a fix no longer than a
    replacement and a reason in our words; no field holds corpus text."""
    safe = _judged_rows(mt_artefacts.JUDGED)
    other = _judged_rows(mt_artefacts.JUDGED_OTHER)
    # the census holds every unsafe and display finding on the references (49 on 7 Dec,
    # after WF945 stopped flagging two clause-boundary repeats); the test below checks
    # that it is complete, this one that it was not emptied
    assert len(other) >= 40
    for rows, keys in ((safe, SAFE_KEYS), (other, OTHER_KEYS)):
        for r in rows:
            assert set(r) == keys, r
            assert r["corpus"] == "wmt22" and "|ref" in r["id"], r
            assert 0 <= r["start"] <= r["end"] and r["end"] - r["start"] < 200, r
            assert r["verdict"] in ("right", "wrong") and len(r["reason"]) >= 20, r
            assert r["fix"] is None or len(r["fix"]) < 80, r
    assert {r["applicability"] for r in other} <= {"unsafe", "display"}
    assert all((r["fix"] is None) == (r["applicability"] == "display") for r in other)


def _no_copied_text(reason: str, text: str, run: int = 30) -> bool:
    """No run of ``run`` characters of the reason is found in the record's text."""
    return not any(reason[i:i + run] in text for i in range(len(reason) - run + 1))


@pytest.mark.shared
@pytest.mark.slow
def test_judged_unsafe_and_display_findings_are_still_made(wmt):
    """Each judged unsafe or display finding on the references is still made, with the same
    span, applicability and fix: a rule change that alters or drops one must be judged
    again (`python bench/mt_artefacts.py --judged` prints them in context). No reason copies
    the corpus."""
    _, refs = wmt
    texts = {r["id"]: r["text"] for r in refs}
    made: dict = {}
    missing = []
    for j in _judged_rows(mt_artefacts.JUDGED_OTHER):
        text = texts[j["id"]]
        assert _no_copied_text(j["reason"], text), j
        if j["id"] not in made:
            made[j["id"]] = {mt_artefacts.judged_key(j["id"], f, text) for f in ENGINE.lint(text)}
        if (j["id"], j["start"], j["end"], j["rule"], j["applicability"], j["fix"]) not in made[j["id"]]:
            missing.append(j)
    assert not missing, f"{len(missing)} judged findings are no longer made as judged: {missing[:3]}"


@pytest.mark.shared
@pytest.mark.slow
def test_findings_on_the_references_are_judged_and_few_are_false_alarms(wmt):
    """Every finding the rules make on the references today (safe, unsafe, display) is
    judged, but for a few made since; the ones judged wrong (false alarms) stay under 0.2 per
    1,000 words, while the ones judged right are the references' own slips (quotes whose
    opening mark the translator lost, wrong-shaped marks, stray spaces)."""
    _, refs = wmt
    rates = mt_artefacts.judged_rates(refs, ENGINE)
    total = Counter()
    for c in rates["per_rule"].values():
        total.update(c)
    n = sum(total.values())
    assert n and total["not judged"] <= 0.05 * n, rates["per_rule"]
    assert 1000 * total["wrong"] / rates["words"] < 0.2, rates["per_rule"]
