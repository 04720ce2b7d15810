"""What the grammar family costs: words per second of the artefact rules alone against the
artefact rules plus LanguageTool, on the seed story repeated to 20,000 words, in one run;
and the LanguageTool server's start time and resident memory.

The server is started here, through scripts/languagetool-server's own code, with its
sentence cache off (WIREFIX_LANGUAGETOOL_CACHE=0) and a fresh client for every pass, so
that the repeated seed is checked in full every time, as distinct stories would be.
Each figure is the median of --repeat passes. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_languagetool.py [--words 20000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_671eb16220e30160.txt"
sys.path.insert(0, str(ROOT))
median = statistics.median


def heading(title: str) -> None:
    print(f"\n== {title}", flush=True)


def _server_module():
    path = ROOT / "scripts" / "languagetool-server"
    loader = importlib.machinery.SourceFileLoader("languagetool_server", str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def story(words: int) -> str:
    seed = SEED.read_text(encoding="utf-8").strip()
    copies = []
    n = 0
    while n < words:
        copies.append(seed)
        n += len(seed.split())
    return "\n\n".join(copies) + "\n"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    os.environ["WIREFIX_LANGUAGETOOL_CACHE"] = "0"
    lts = _server_module()
    heading("LanguageTool server (scripts/languagetool-server)")
    lts.fetch()
    started = time.perf_counter()
    server = lts.Server().start()
    total_start = time.perf_counter() - started
    pid = server.proc.pid
    print(f"LanguageTool {lts.version()}, heap limit {lts.heap()}, {lts.threads()} threads")
    print(f"start: ready (healthcheck) in {server.startup_s:.1f} s, warm-up check "
          f"{server.warmup_s:.1f} s, {total_start:.1f} s in all")
    print(f"resident memory after start: {lts.rss_mb(pid):.0f} MB")
    try:
        _measure(server.url, args, pid, lts)
    finally:
        server.stop()


def _measure(url: str, args, pid: int, lts) -> None:
    from wirefix.cleaner import Config, engine_for
    from wirefix.cleaner import languagetool as lt

    os.environ.pop(lt.ENV_URL, None)  # the artefact-only engine must not pick grammar up
    text = story(args.words)
    nwords = len(text.split())
    plain = engine_for(Config())
    both = engine_for(Config(extend_select=("grammar",), languagetool=url))
    grammar_only = engine_for(Config(select=("grammar",), languagetool=url))
    heading(f"seed repeated to {nwords} words ({len(text)} characters, "
            f"{len(lt.plan_chunks(__import__('wirefix.cleaner.document', fromlist=['Document']).Document(text)))} chunks of at most "
            f"{lt.CHUNK_CHARS} characters)")

    passes = iter(range(1, 1000))

    def timed(engine, fresh_client: bool, same_text: bool = False) -> tuple[float, int]:
        if fresh_client:
            lt._CLIENTS.clear()  # no answers cached from the previous pass
        # a new first line each pass: no cache of the engine's or the client's sees the
        # same text twice (the rest of the story is the same, as in a batch of stories)
        body = text if same_text else f"Pass {next(passes)} of the benchmark.\n\n{text}"
        t = time.perf_counter()
        found = engine.lint(body)
        took = time.perf_counter() - t
        failed = engine.take_unavailable()
        if failed:
            raise SystemExit(f"bench: {next(iter(failed.values()))}")
        return took, len(found)

    cache_entries, lt.CACHE_ENTRIES = lt.CACHE_ENTRIES, 0  # the copies of the seed are
    # identical paragraphs: with the client's cache on they would be checked once
    timed(plain, False)  # warm-up: the artefact rules' lazily built data
    timed(grammar_only, True)  # warm-up: the server's pipeline for wirefix's rule set
    t_plain, t_both, t_grammar = [], [], []
    n_plain = n_both = n_lt = 0
    for _ in range(args.repeat):
        took, n_plain = timed(plain, False)
        t_plain.append(took)
        took, n_both = timed(both, True)
        t_both.append(took)
        took, n_lt = timed(grammar_only, True)
        t_grammar.append(took)
    a, b, g = median(t_plain), median(t_both), median(t_grammar)
    print(f"artefact rules alone:          {a:7.2f} s  {nwords / a:10,.0f} words/s  "
          f"({n_plain} findings)")
    print(f"artefact rules + grammar:      {b:7.2f} s  {nwords / b:10,.0f} words/s  "
          f"({n_both} findings)")
    print(f"grammar alone (LanguageTool):  {g:7.2f} s  {nwords / g:10,.0f} words/s  "
          f"({n_lt} findings)")
    print(f"ratio: with grammar the check takes {b / a:.1f}x the time of the artefact rules "
          f"alone ({a / b:.3f} of their speed)")

    # the client's cache: a second lint of the same text (--fix passes, the review app)
    lt.CACHE_ENTRIES = cache_entries
    lt._CLIENTS.clear()
    timed(both, False, same_text=True)
    took, _ = timed(both, False, same_text=True)
    print(f"artefact rules + grammar, same text again (client cache): {took:.2f} s, "
          f"{nwords / took:,.0f} words/s ({b / took:.0f}x faster than uncached)")
    heading("LanguageTool server memory")
    print(f"resident memory now: {lts.rss_mb(pid):.0f} MB; peak: {_peak_mb(pid):.0f} MB "
          f"(heap limit {lts.heap()})")


if __name__ == "__main__":
    main()
