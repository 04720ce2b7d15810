"""Every wirefix benchmark, one after the other, then the figures against their targets.
`make bench` runs this. Prints figures; asserts nothing (a benchmark is not a test).

    .venv/bin/python bench/run_all.py            # full: about half an hour on 2 cores
    .venv/bin/python bench/run_all.py --quick    # smaller corpus and fewer repeats

Figures that compare two things (wirefix against ftfy, --jobs 2 against --jobs 1, a cold
check against a bare interpreter) are measured in the same run, so that they are ratios
on this machine, at this moment. `bench/rule_costs.py` and `bench/profile_hot_path.py`
show where the time goes.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import batch_vs_ftfy
import cold_check
import jobs_speedup
import peak_rss
import rule_costs
import throughput


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="50 MB corpus for memory, one repeat, 11 cold runs")
    args = ap.parse_args(argv)
    q = args.quick
    start = time.perf_counter()
    print(f"wirefix benchmarks: Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}" + (" (quick)" if q else ""), flush=True)
    tp = throughput.main(["--repeat", "1" if q else "3"])
    bf = batch_vs_ftfy.main(["--repeat", "1" if q else "5"])
    sp = jobs_speedup.main(["--repeat", "1" if q else "3"])
    rss = peak_rss.main(["--size-mb", "50" if q else "1000"])
    cold = cold_check.main(["--runs", "11" if q else "21"])
    costs = rule_costs.main(["--limit", "3000", "--top", "12"])

    def row(name: str, value: str, target: str = "", ok: bool = True) -> None:
        verdict = ("met" if ok else "NOT MET") if target else ""
        print(f"{name:44}{value:>18}  {target:<12}{verdict}")

    print(f"\n== figures ({time.perf_counter() - start:,.0f} s in all)")
    row("wirefix fix / ftfy.fix_text (CPU time)", f"{tp['ratio']:.2f}", "<= 2.0",
        tp["ratio"] <= 2.0)
    row("batch --jobs 1 / ftfy.fix_text, 6,000 bodies", f"{bf['ratio']:.2f}", "<= 1.0",
        bf["ratio"] <= 1.0)
    row("  wirefix throughput", f"{tp['mb'] / tp['wirefix_s']:.2f} MB/s")
    row("  wirefix words/s", f"{tp['words'] / tp['wirefix_s']:,.0f}")
    row("  ftfy.fix_text throughput", f"{tp['mb'] / tp['ftfy_s']:.2f} MB/s")
    row("--jobs 2 speed-up over --jobs 1", f"{sp['speedup']:.2f}x", ">= 1.8x",
        sp["speedup"] >= 1.8)
    row("  outputs identical", "yes" if sp["identical"] else "NO", "same bytes", sp["identical"])
    row(f"peak RSS on {rss['size_mb']:,.0f} MB (whole tree)", f"{rss['peak_total_mb']:.0f} MB",
        "< 300 MB", rss["peak_total_mb"] < 300)
    row("cold `wirefix check` on the seed (median)", f"{cold['median_s'] * 1000:.0f} ms",
        "<= 100 ms", cold["median_s"] <= 0.1)
    row("cold `wirefix check --help` (median)", f"{cold['help_s'] * 1000:.0f} ms",
        "<= 60 ms", cold["help_s"] <= 0.06)
    lazy_ok = not any(cold["lazy"].values())
    row("  Textual/LanguageTool/Dask imported", "no" if lazy_ok else "YES", "no", lazy_ok)
    hot = ", ".join(k for k, _ in costs["top"][:5])
    print(f"hottest (bench/rule_costs.py): {hot}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
