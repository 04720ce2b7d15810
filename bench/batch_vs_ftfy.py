"""The issue-16 figure: `wirefix batch --jobs 1` on the first 6,000 Reuters bodies against
`ftfy.fix_text` over the same bodies, in the same run, as a time ratio.

wirefix is timed as the real command (a new process: interpreter start, imports, reading
and writing JSON Lines, every default rule, safe fixes); ftfy as the bare function in this
process over the bodies already in memory (no start-up, no I/O), so the ratio is the
strict one. Runs alternate; each figure is the median of --repeat runs. CPU seconds are
the steady measure on a shared machine (the child's user + system time from
``getrusage``; ``time.process_time`` for ftfy); wall times are printed beside them.
Prints figures; asserts nothing.

    .venv/bin/python bench/batch_vs_ftfy.py [--repeat 5] [--limit 6000]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import time

from _common import OUT, heading, median, reuters_bodies, utf8_bytes, wall, wirefix_exe


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=6000, help="the first N non-empty bodies")
    args = ap.parse_args(argv)

    import ftfy

    bodies = reuters_bodies()[:args.limit]
    OUT.mkdir(parents=True, exist_ok=True)
    src, dst = OUT / f"reuters-first{len(bodies)}.jsonl", OUT / "reuters-first.out.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for b in bodies:
            fh.write(json.dumps({"body": b}, ensure_ascii=False) + "\n")
    exe = wirefix_exe()
    cmd = [exe, "batch", str(src), "-o", str(dst), "--field", "body", "--jobs", "1",
           "--no-progress", "-q"]
    for b in bodies[:300]:     # ftfy's lazily built tables
        ftfy.fix_text(b)
    wall(cmd)                  # warm the page cache and the bytecode
    load = os.getloadavg()[0]
    runs: dict[str, list[tuple[float, float]]] = {"ftfy": [], "wirefix": []}
    for _ in range(args.repeat):
        c, w = time.process_time(), time.perf_counter()
        for b in bodies:
            ftfy.fix_text(b)
        runs["ftfy"].append((time.process_time() - c, time.perf_counter() - w))
        before = _children_cpu()
        secs, proc = wall(cmd)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"wirefix batch failed ({proc.returncode}):\n"
                             f"{proc.stderr.decode(errors='replace')}")
        runs["wirefix"].append((_children_cpu() - before, secs))
    cpu = {k: median([c for c, _ in v]) for k, v in runs.items()}
    wl = {k: median([w for _, w in v]) for k, v in runs.items()}
    mb = utf8_bytes(bodies) / 1e6
    heading(f"batch against ftfy: the first {len(bodies):,} Reuters bodies ({mb:.2f} MB), "
            f"median of {args.repeat}; load average before: {load:.2f} on {os.cpu_count()} cores")
    print(f"{'':34}{'CPU s':>8}{'wall s':>8}{'MB/s':>8}  CPU s of each run")
    for name, key in (("ftfy.fix_text (in process)", "ftfy"),
                      ("wirefix batch --jobs 1 (command)", "wirefix")):
        print(f"{name:34}{cpu[key]:8.2f}{wl[key]:8.2f}{mb / cpu[key]:8.2f}  "
              + " ".join(f"{c:.2f}" for c, _ in runs[key]))
    ratio = cpu["wirefix"] / cpu["ftfy"]
    print(f"time ratio wirefix batch / ftfy.fix_text: {ratio:.2f} CPU, "
          f"{wl['wirefix'] / wl['ftfy']:.2f} wall  (target <= 1.0)")
    dst.unlink(missing_ok=True)
    return {"ratio": ratio, "wall_ratio": wl["wirefix"] / wl["ftfy"], "ftfy_s": cpu["ftfy"],
            "wirefix_s": cpu["wirefix"], "mb": mb, "load": load}


if __name__ == "__main__":
    main()
