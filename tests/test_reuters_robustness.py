"""`wirefix check` over all 21,578 Reuters-21578 stories (../shared/corpora) with 0 crashes.

A story is one record: title, then dateline and body, then the unprocessed text of UNPROC
records, exactly as the corpus has them (entities, control-code references, hard wraps).
The whole corpus goes through the engine API in worker processes (a crash is an exception
or a WF000 internal-error finding; offsets must index the story), every 8th story is also
fixed with unsafe fixes, which must converge; then a chunk goes through the real CLI, as
files, with --fix, and per story on stdin."""
from __future__ import annotations

import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = [pytest.mark.shared, pytest.mark.slow]

RECORDS = 21_578
FIX_EVERY = 8
CLI_EVERY = 60


def story_of(record: dict) -> str:
    head = "\n".join(x for x in (record["title"], (record["dateline"] or "") + (record["body"] or ""))
                     if x)
    return "\n\n".join(x for x in (head, record["unproc_text"]) if x)


def load_stories(shared: Path) -> list[tuple[int, str]]:
    path = shared / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [(rec["newid"], story_of(rec)) for rec in map(json.loads, fh)]


def check_chunk(chunk: list[tuple[int, str]]) -> tuple[list[str], int, int]:
    """Lint (and sometimes fix) a chunk of stories; returns problems, findings, fixes."""
    from wirefix.cleaner import fix, lint

    problems: list[str] = []
    findings = fixes = 0
    for newid, text in chunk:
        try:
            found = lint(text)
            findings += len(found)
            for f in found:
                if f.code == "WF000":
                    problems.append(f"NEWID {newid}: {f.message}")
                elif not 0 <= f.start <= f.end <= len(text):
                    problems.append(f"NEWID {newid}: {f.code} span {f.start}..{f.end} outside")
            if newid % FIX_EVERY == 0:
                res = fix(text, unsafe=True)
                fixes += res.applied
                if not res.converged:
                    problems.append(f"NEWID {newid}: fixes did not settle: {res.cycling_rules}")
                if any(f.code == "WF000" for f in res.remaining):
                    problems.append(f"NEWID {newid}: internal error after fixing")
        except Exception as exc:  # the point of this test: nothing may escape
            problems.append(f"NEWID {newid}: {type(exc).__name__}: {exc}")
    return problems, findings, fixes


@pytest.fixture(scope="module")
def stories(shared) -> list[tuple[int, str]]:
    out = load_stories(shared)
    assert len(out) == RECORDS
    return out


def test_every_reuters_story_through_the_engine_without_a_crash(stories):
    workers = max(1, min(4, os.cpu_count() or 1))
    size = 500
    chunks = [stories[i:i + size] for i in range(0, len(stories), size)]
    problems: list[str] = []
    findings = fixes = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for p, n, k in pool.map(check_chunk, chunks):
            problems += p
            findings += n
            fixes += k
    assert problems == [], f"{len(problems)} problems, first: {problems[:10]}"
    assert findings > RECORDS  # the raw corpus is full of feed debris: the rules do fire
    assert fixes > 0


def test_a_chunk_of_reuters_through_the_cli(stories, tmp_path):
    chunk = stories[::CLI_EVERY]
    paths = []
    for newid, text in chunk:
        p = tmp_path / f"reut-{newid:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p.name)
    # the one story whose source byte was latin-1 (0xFC, ü), as the feed had it
    newid, text = next((i, t) for i, t in stories if "ü" in t)
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    paths.append("latin1.txt")

    r = run_cli("check", "--format", "json", *paths, cwd=tmp_path, timeout=900)
    err = r.stderr.decode()
    assert r.returncode in (0, 1), err
    assert "Traceback" not in err and "wirefix: error" not in err
    found = json.loads(r.stdout)
    assert not [d for d in found if d["code"] == "WF000"]
    assert {d["path"] for d in found} <= set(paths)
    assert any(d["path"] == "latin1.txt" and d["code"] == "WF001" for d in found)
    for d in found:
        text = (tmp_path / d["path"]).read_bytes().decode("utf-8", "replace") \
            if d["path"] != "latin1.txt" else (tmp_path / "latin1.txt").read_bytes().decode("latin-1")
        assert text[d["start"]:d["end"]] == d["text"]

    r = run_cli("check", "--fix", "--unsafe-fixes", "--format", "concise", *paths, cwd=tmp_path,
                timeout=900)
    err = r.stderr.decode()
    assert r.returncode in (0, 1), err
    assert "Traceback" not in err and "did not settle" not in err and "wirefix: error" not in err
    # --fix wrote the latin-1 story back as UTF-8, the ü kept
    assert "ü" in (tmp_path / "latin1.txt").read_bytes().decode("utf-8")


def test_reuters_stories_one_by_one_on_stdin(stories):
    for newid, text in stories[5::2000]:
        r = run_cli("check", "--fix", "-", input=text)
        assert r.returncode in (0, 1), (newid, r.stderr.decode())
        assert r.stdout, newid
        assert b"Traceback" not in r.stderr
