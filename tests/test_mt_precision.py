"""Precision of the machine-translation artefact rules on human-written copy.

The Reuters-21578 bodies were written and edited by people, so nearly every MT-artefact
finding there is a false alarm. The target: under 0.2 findings per 1,000 words for all MT
rules together (bench/mt_precision.py prints the figure per rule)."""
from __future__ import annotations

import gzip
import json

import pytest

from wirefix.cleaner import Config, engine_for
from wirefix.rules.base import Phase
from wirefix.rules.families import MT_FAMILIES
from wirefix.rules.registry import builtin_rules

pytestmark = [pytest.mark.shared, pytest.mark.slow]

MT_RULES = {r.code for r in builtin_rules() if r.family in MT_FAMILIES and r.phase is not Phase.RAW}


def test_mt_rules_rarely_fire_on_reuters(shared):
    engine = engine_for(Config())
    words = hits = safe_hits = 0
    path = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text_type") != "NORM" or not rec.get("body"):
                continue
            body = rec["body"]
            words += len(body.split())
            for f in engine.lint(body):
                if f.code in MT_RULES:
                    hits += 1
                    safe_hits += f.applicability.value == "safe" and bool(f.fixes)
    rate = 1000 * hits / words
    assert words > 2_500_000
    assert rate < 0.2, f"{hits} MT-artefact findings in {words:,} words: {rate:.3f} per 1,000"
    # safe repairs on human copy must stay rare: each one is reviewed by hand (README)
    assert safe_hits < 60
