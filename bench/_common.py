"""Shared helpers of the benchmark scripts: the corpora, the wirefix executable, timing.

The corpora are read from ../shared (research-use data: never copied into the project).
Derived files (the decompressed Reuters corpus, the 1 GB corpus) go to bench/out/, which
git ignores; set WIREFIX_BENCH_OUT to put them elsewhere (e.g. /tmp).
"""
from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS_GZ = SHARED / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
AGNEWS = SHARED / "corpora" / "agnews" / "agnews_test.jsonl"
WMT22 = SHARED / "corpora" / "wmt22" / "wmt22-into-english.jsonl.gz"
SEED = ROOT / "seeds" / "000_671eb16220e30160.txt"
OUT = Path(os.environ.get("WIREFIX_BENCH_OUT", ROOT / "bench" / "out"))

sys.path.insert(0, str(ROOT))


def need_shared() -> None:
    if not REUTERS_GZ.exists():
        sys.exit(f"bench: {REUTERS_GZ} is missing; the benchmarks need ../shared/corpora")


def reuters_bodies() -> list[str]:
    """The non-empty Reuters-21578 bodies, in corpus order."""
    need_shared()
    out = []
    with gzip.open(REUTERS_GZ, "rt", encoding="utf-8") as fh:
        for line in fh:
            body = json.loads(line).get("body")
            if body:
                out.append(body)
    return out


def wmt22_references():
    """The WMT22 human reference translations (sys refA and refB), one document each."""
    with gzip.open(WMT22, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row.get("sys", "")).startswith("ref"):
                yield row.get("text") or ""


def reuters_jsonl() -> Path:
    """The Reuters corpus as plain JSON Lines under OUT (made once)."""
    need_shared()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "reuters21578.jsonl"
    if not path.exists() or path.stat().st_mtime < REUTERS_GZ.stat().st_mtime:
        tmp = path.with_suffix(".tmp")
        with gzip.open(REUTERS_GZ, "rb") as src, open(tmp, "wb") as dst:
            while block := src.read(1 << 20):
                dst.write(block)
        tmp.replace(path)
    return path


def wirefix_exe() -> str:
    exe = Path(sys.executable).with_name("wirefix")
    if exe.exists():
        return str(exe)
    sys.exit("bench: the wirefix console script is not installed next to this python "
             "(run `make install-dev`)")


def wall(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, **kw)
    return time.perf_counter() - t, proc


def median(xs) -> float:
    return statistics.median(xs)


def words(texts) -> int:
    return sum(len(t.split()) for t in texts)


def utf8_bytes(texts) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def heading(title: str) -> None:
    print(f"\n== {title}", flush=True)
