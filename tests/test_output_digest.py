"""What wirefix says about real copy must not change by accident: a refactor or a speed change
keeps the findings and the fixed texts identical. bench/output_digest.py compares the whole
corpus (34,243 texts) before and after a change; this test checks a fixed sample of it (every
100th text) against the hashes stored in tests/data/output_digest_sample.txt.

When a change is meant to change the output (a rule learns something), regenerate the hashes
and say in the commit what changed and why:

    WIREFIX_UPDATE_DIGEST=1 .venv/bin/python -m pytest tests/test_output_digest.py
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT

STORED = Path(__file__).parent / "data" / "output_digest_sample.txt"
EVERY = 100

pytestmark = pytest.mark.shared


def _digests() -> dict[int, str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import output_digest
    finally:
        sys.path.pop(0)
    from wirefix.cleaner import Config, engine_for
    engine = engine_for(Config())
    return {i: hashlib.sha256(output_digest.record(engine, i, text).encode("utf-8",
                                                                           "surrogatepass")
                              ).hexdigest()[:16]
            for i, text in output_digest.sample(EVERY)}


def test_the_output_on_a_fixed_sample_of_the_corpora_is_unchanged(shared):
    got = _digests()
    if os.environ.get("WIREFIX_UPDATE_DIGEST") == "1":
        STORED.write_text("".join(f"{i} {h}\n" for i, h in sorted(got.items())),
                          encoding="utf-8")
        return
    stored = dict(line.split() for line in STORED.read_text(encoding="utf-8").splitlines())
    want = {int(i): h for i, h in stored.items()}
    assert len(got) == len(want) > 300
    changed = sorted(i for i in want if got.get(i) != want[i])
    assert not changed, (
        f"{len(changed)} of {len(want)} sampled texts give other findings or fixes (first: "
        f"{changed[:10]}); if that is intended, regenerate with WIREFIX_UPDATE_DIGEST=1 and "
        f"compare the whole corpus with bench/output_digest.py")
