"""Peak memory of `wirefix batch --jobs 2` on a 1 GB JSON Lines corpus made by repeating the
Reuters-21578 bodies ({"id": n, "text": body} per line). The resident set of the whole
process tree (the parent and its workers) is sampled from /proc every 100 ms; the kernel's
own high-water mark of the largest process (ru_maxrss) is printed too. The corpus is made
once under bench/out/ (or $WIREFIX_BENCH_OUT), never committed; the output is deleted.

    .venv/bin/python bench/peak_rss.py [--size-mb 1000] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import time
from pathlib import Path

from _common import OUT, heading, reuters_bodies, wirefix_exe

PAGE = os.sysconf("SC_PAGE_SIZE")


def make_corpus(size: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"reuters-repeated-{size // 1_000_000}mb.jsonl"
    if path.exists() and path.stat().st_size >= size:
        return path
    lines = [(json.dumps({"text": b}, ensure_ascii=False) + "\n") for b in reuters_bodies()]
    tmp = path.with_suffix(".tmp")
    written = n = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        while written < size:
            for body_line in lines:
                line = f'{{"id": {n}, ' + body_line[1:]
                fh.write(line)
                written += len(line.encode("utf-8"))
                n += 1
                if written >= size:
                    break
    tmp.replace(path)
    return path


def _children(pid: int) -> list[int] | None:
    """Children of ``pid`` from /proc (None where the kernel does not list them)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as fh:
            return [int(x) for x in fh.read().split()]
    except FileNotFoundError:
        return None
    except OSError:
        return []


def _tree(root: int) -> list[int]:
    """``root`` and its descendants: from the children lists when the kernel has them
    (cheap), else from every /proc/*/stat."""
    kids = _children(root)
    if kids is not None:
        out, todo = [], [root]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(_children(pid) or ())
        return out
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, ()))
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    corpus = make_corpus(args.size_mb * 1_000_000)
    out = OUT / "peak-rss.out.jsonl"
    cmd = [wirefix_exe(), "batch", str(corpus), "-o", str(out), "--jobs", str(args.jobs),
           "--no-progress", "-q"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_parent = peak_worker = 0
    samples = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = {p: _rss(p) for p in pids}
        peak_total = max(peak_total, sum(sizes.values()))
        peak_parent = max(peak_parent, sizes.get(proc.pid, 0))
        workers = [v for p, v in sizes.items() if p != proc.pid]
        if workers:
            peak_worker = max(peak_worker, max(workers))
        samples += 1
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    size = corpus.stat().st_size
    out_size = out.stat().st_size if out.exists() else 0
    out.unlink(missing_ok=True)
    heading(f"peak RSS: wirefix batch --jobs {args.jobs} on {corpus.name} "
            f"({size / 1e6:,.0f} MB, {samples:,} samples)")
    if proc.returncode not in (0, 1):
        print(f"wirefix batch failed ({proc.returncode}): {err.strip()[-2000:]}")
    print(f"peak RSS, whole process tree:   {peak_total / 1e6:8.1f} MB  (target < 300 MB)")
    print(f"peak RSS, parent process:       {peak_parent / 1e6:8.1f} MB")
    print(f"peak RSS, largest worker:       {peak_worker / 1e6:8.1f} MB")
    print(f"ru_maxrss, largest process:     {maxrss / 1e6:8.1f} MB")
    print(f"wall time {elapsed:,.0f} s, {size / 1e6 / elapsed:.2f} MB/s; "
          f"output {out_size / 1e6:,.0f} MB")
    return {"peak_total_mb": peak_total / 1e6, "peak_parent_mb": peak_parent / 1e6,
            "peak_worker_mb": peak_worker / 1e6, "maxrss_mb": maxrss / 1e6,
            "elapsed_s": elapsed, "size_mb": size / 1e6, "rc": proc.returncode}


if __name__ == "__main__":
    main()
