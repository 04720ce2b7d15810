"""The pre-commit cost: median wall time of a cold `wirefix check` on the seed story (a new
process each time, as a pre-commit hook runs it), against a bare `python -c pass` and a
bare `import wirefix.cleaner.cli` from the same run, and `wirefix check --help` (issue 16:
at most 60 ms; it needs click alone). Also shows, with `python -X importtime`, that
the CLI does not import Textual, LanguageTool or Dask for `check`. Prints figures; asserts
nothing.

On a machine that other jobs share, wall time swings with the load. So the CPU time of each
process is printed beside it, and ``--instructions`` also counts the instructions each
command executes (with valgrind's callgrind, when it is installed): a figure that does not
depend on the load, from which a time on a quiet machine can be estimated.

    .venv/bin/python bench/cold_check.py [--runs 21] [--instructions] [--wheel]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import tempfile
import sys

from _common import SEED, heading, median, wall, wirefix_exe

LAZY = ("textual", "language_tool_python", "dask", "distributed", "pyinstrument")


def imported_modules(argv: list[str], python: str = sys.executable) -> dict[str, int]:
    """Modules imported by `wirefix ARGV` and their cumulative import time (µs), started as
    the console script starts it (a plain `check` runs without click)."""
    code = ("import sys; from wirefix.console import main; sys.argv = ['wirefix'] + sys.argv[1:]; "
            "main()")
    proc = subprocess.run([python, "-X", "importtime", "-c", code, *argv],
                          capture_output=True, text=True)
    mods: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (x.strip() for x in line[len("import time:"):].split("|"))
        if cumulative.isdigit():
            mods[name] = int(cumulative)
    return mods


_MODULE_COSTS = r"""
import importlib, pkgutil, sys, time
import wirefix.cleaner.cli
from wirefix import rules
from wirefix.rules.registry import _FRAMEWORK
rows = []
t0 = time.perf_counter()
for info in pkgutil.walk_packages(rules.__path__, "wirefix.rules."):
    if info.name in _FRAMEWORK or info.name.rsplit(".", 1)[-1].startswith("_"):
        continue
    t = time.perf_counter()
    importlib.import_module(info.name)
    rows.append((time.perf_counter() - t, info.name))
from wirefix.rules.registry import builtin_rules
t = time.perf_counter()
builtin_rules()
rows.append((time.perf_counter() - t, "(registry: TOML rules, checks)"))
print(f"{time.perf_counter() - t0:.4f}")
for secs, name in sorted(rows, reverse=True)[:8]:
    print(f"{secs:.4f} {name}")
"""


def cpu_wall(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    secs, _ = wall(cmd, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return secs, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def instructions(cmd: list[str], env: dict) -> int | None:
    """Instructions executed by ``cmd`` (callgrind's count), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    out = tempfile.mktemp(prefix="wirefix-callgrind-")
    proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                          capture_output=True, text=True, env=env)
    for name in (out,):
        if os.path.exists(name):
            os.unlink(name)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    return int(m.group(1)) if m else None


def rule_module_costs(python: str = sys.executable) -> tuple[float, list[tuple[float, str]]]:
    """Seconds to import the rule modules in a fresh process (after the CLI's own imports),
    and the slowest ones: what a cold `wirefix check` pays for the catalogue. A module's
    figure includes the shared helpers it imports first (and their compiled patterns)."""
    lines = subprocess.run([python, "-c", _MODULE_COSTS], capture_output=True,
                           text=True).stdout.splitlines()
    total = float(lines[0])
    rows = [(float(secs), name) for secs, name in (ln.split(" ", 1) for ln in lines[1:] if ln)]
    return total, rows


def _purelib(python: str) -> str:
    """The site-packages directory of the environment ``python`` runs in."""
    return subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()


def wheel_install(workdir: str) -> tuple[str, str]:
    """Build wirefix's wheel and install it into a fresh virtual environment under
    ``workdir``, as a user's `pip install wirefix` would (modules byte-compiled at install,
    no editable-install import hook); its dependencies are read from this environment's
    site-packages through a path entry, so nothing is downloaded. Returns the new
    environment's `wirefix` and `python`."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    wheels = os.path.join(workdir, "wheels")
    venv = os.path.join(workdir, "venv")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", root, "-w", wheels],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    wheel = next(os.path.join(wheels, n) for n in os.listdir(wheels) if n.endswith(".whl"))
    py = os.path.join(venv, "bin", "python")
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", wheel], check=True,
                   capture_output=True)
    # a plain path line: the directory joins sys.path, but its .pth files (this checkout's
    # editable install among them) are not run
    with open(os.path.join(_purelib(py), "wirefix-deps.pth"), "w", encoding="utf-8") as fh:
        fh.write(_purelib(sys.executable) + "\n")
    return os.path.join(venv, "bin", "wirefix"), py


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--wheel", action="store_true",
                    help="measure wirefix installed from its wheel in a fresh virtual "
                         "environment (the issue's condition) instead of this editable install")
    ap.add_argument("--instructions", action="store_true",
                    help="also count each command's instructions with valgrind (slow)")
    args = ap.parse_args(argv)

    exe, python = wirefix_exe(), sys.executable
    if args.wheel:
        workdir = tempfile.mkdtemp(prefix="wirefix-wheel-")
        exe, python = wheel_install(workdir)
        os.chdir(workdir)   # so that `python -c` cannot import this checkout's modules
        print(f"measuring the wheel installed in {os.path.dirname(os.path.dirname(exe))}")
    env = dict(os.environ)
    env.pop("WIREFIX_LANGUAGETOOL_URL", None)      # a pre-commit hook's environment
    # An installed wirefix runs from byte-compiled modules (pip compiles a wheel's modules at
    # install time, and Python caches them on first import). Some sandboxes set
    # PYTHONDONTWRITEBYTECODE, which makes every start compile ~100 modules from source; that
    # is measured separately, not as the hook's cost.
    # (an empty cache prefix, never written: every module compiled from source)
    no_cache = dict(env, PYTHONDONTWRITEBYTECODE="1",
                    PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="wirefix-nocache-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    wall([exe, "check", str(SEED)], env=env)        # writes the bytecode caches
    commands = {"check": [exe, "check", str(SEED)], "help": [exe, "check", "--help"],
                "bare": [python, "-c", "pass"],
                "import": [python, "-c", "import wirefix.cleaner.cli"]}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for key, cmd in commands.items():
            times[key].append(cpu_wall(cmd, env))
    check, helped, bare, imp = ([w for w, _ in times[k]] for k in commands)
    cpu = {k: median([c for _, c in v]) for k, v in times.items()}
    uncached, first_run = [], []
    for _ in range(max(3, args.runs // 4)):
        uncached.append(wall([exe, "check", str(SEED)], env=no_cache)[0])
        # a machine's first run: an empty user cache (cleaner/cache.py), so the word list is
        # unpacked, the scan databases built and every pattern compiled by `regex`'s parser
        empty = dict(env, WIREFIX_CACHE_DIR=tempfile.mkdtemp(prefix="wirefix-emptycache-"))
        first_run.append(wall([exe, "check", str(SEED)], env=empty)[0])
    mods = imported_modules(["check", str(SEED)], python)
    heading(f"cold `wirefix check` on the seed ({args.runs} runs, load average "
            f"{os.getloadavg()[0]:.2f})")
    for name, xs, key in (("wirefix check seed", check, "check"),
                          ("wirefix check --help", helped, "help"),
                          ("python -c pass", bare, "bare"),
                          ("python -c 'import wirefix.cleaner.cli'", imp, "import"),
                          ("wirefix check, no bytecode cache", uncached, ""),
                          ("wirefix check, empty user cache", first_run, "")):
        print(f"{name:40} median {median(xs) * 1000:6.0f} ms   min {min(xs) * 1000:6.0f} ms"
              + (f"   CPU median {cpu[key] * 1000:5.0f} ms" if key else ""))
    m = median(check)
    print(f"median cold check: {m * 1000:.0f} ms (target <= 100 ms); "
          f"{m / median(bare):.1f}x a bare interpreter start")
    print(f"median cold check --help: {median(helped) * 1000:.0f} ms (target <= 60 ms)")
    counts = {}
    if args.instructions:
        counts = {k: instructions(cmd, env) for k, cmd in commands.items() if k != "import"}
        if None in counts.values():
            print("instructions: valgrind is not installed")
            counts = {}
        else:
            print("instructions executed (callgrind; independent of the load): "
                  + ", ".join(f"{k} {v / 1e6:,.0f} M" for k, v in counts.items()))
    lazy = {name: any(k == name or k.startswith(name + ".") for k in mods) for name in LAZY}
    print("imported by `wirefix check`: "
          + ", ".join(f"{name} {'YES' if hit else 'no'}" for name, hit in lazy.items()))
    top = sorted(((v, k) for k, v in mods.items() if "." not in k), reverse=True)[:6]
    print("largest top-level imports: " + ", ".join(f"{k} {v / 1000:.0f} ms" for v, k in top))
    total, rows = rule_module_costs(python)
    print(f"importing the rule catalogue: {total * 1000:.0f} ms; slowest modules: "
          + ", ".join(f"{name} {secs * 1000:.0f} ms" for secs, name in rows[:6]))
    return {"median_s": m, "help_s": median(helped), "bare_s": median(bare), "cpu": cpu,
            "instructions": counts, "import_s": median(imp), "lazy": lazy}


if __name__ == "__main__":
    main()
