"""The parallel speed-up of `wirefix batch`: --jobs 1 against --jobs 2 on the Reuters corpus
(21,578 records, the `body` field), wall time of the real command, median of --repeat runs
taken alternately. Also checks that both runs wrote the same bytes. Prints figures; asserts
nothing.

    .venv/bin/python bench/jobs_speedup.py [--repeat 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import filecmp
import os
import resource

from _common import OUT, heading, median, reuters_jsonl, wall, wirefix_exe


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="the parallel run's --jobs")
    args = ap.parse_args(argv)

    corpus = reuters_jsonl()
    exe = wirefix_exe()
    outs = {1: OUT / "reuters.jobs1.jsonl", args.jobs: OUT / f"reuters.jobs{args.jobs}.jsonl"}
    times: dict[int, list[float]] = {1: [], args.jobs: []}
    cpu: dict[int, list[float]] = {1: [], args.jobs: []}
    load = os.getloadavg()[0]
    for _ in range(args.repeat):
        for jobs in (1, args.jobs):
            before = _children_cpu()
            secs, proc = wall([exe, "batch", str(corpus), "-o", str(outs[jobs]), "--field", "body",
                               "--jobs", str(jobs), "--no-progress", "-q"])
            cpu[jobs].append(_children_cpu() - before)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"wirefix batch failed ({proc.returncode}):\n"
                                 f"{proc.stderr.decode(errors='replace')}")
            times[jobs].append(secs)
    t1, tn = median(times[1]), median(times[args.jobs])
    same = filecmp.cmp(outs[1], outs[args.jobs], shallow=False)
    mb = corpus.stat().st_size / 1e6
    heading(f"--jobs speed-up: wirefix batch on {corpus.name} ({mb:.1f} MB, field body), "
            f"median of {args.repeat}; load average before: {load:.2f} on {os.cpu_count()} cores")
    print(f"{'':12}{'wall s':>8}{'MB/s':>8}{'CPU s':>8}  runs")
    for jobs, t in ((1, t1), (args.jobs, tn)):
        print(f"--jobs {jobs:<5}{t:8.2f}{mb / t:8.2f}{median(cpu[jobs]):8.2f}  "
              + " ".join(f"{x:.2f}" for x in times[jobs]))
    print(f"speed-up --jobs {args.jobs} vs --jobs 1: {t1 / tn:.2f}x  (target >= 1.8x, issue 16); "
          f"outputs identical: {'yes' if same else 'NO'}")
    for p in outs.values():
        p.unlink(missing_ok=True)
    return {"jobs1_s": t1, "jobsN_s": tn, "speedup": t1 / tn, "identical": same, "load": load}


if __name__ == "__main__":
    main()
