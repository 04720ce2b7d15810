"""Corpus mode: clean a JSON Lines file, a CSV file or a folder of stories, streaming.

``run_batch`` reads the input in chunks of records, cleans each chunk (in this process, or
in ``jobs`` worker processes), and writes the results in input order to an output that
appears under its final name only when the run has finished. At most a few chunks per
worker are in flight, so memory does not grow with the corpus: a 1 GB corpus runs in the
same memory as a 1 MB one.

The per-record work lives in ``cleaner.batch.records`` (shared with the Dask integration
in ``cleaner.batch.distributed``); the outputs and the progress bar in ``cleaner.batch.streams``.

Formats (``detect_format``):

- ``jsonl``   one JSON object per line (``.jsonl``, ``.ndjson``, ``.json``; also ``.gz``).
              The text is in ``options.field``; other fields are kept byte for byte.
- ``csv``     a header row naming the columns, then one record per row (``.csv``, ``.tsv``).
- ``folder``  every story file under a folder (hidden files skipped); the output is a
              folder with the same layout.
"""
from __future__ import annotations

import csv
import gzip
import io
import multiprocessing as mp
import os
import shutil
import signal
import time
import zlib
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Generator, Iterator

from .streams import (STDIO, AtomicFile, AtomicFolder, BatchError, InputFile,
                      Interrupted, Progress, Spiller, human_bytes, human_duration)
from .records import (FINDINGS_SUFFIX, BatchOptions, BatchStats, Chunk, ChunkResult,
                      CsvChunk, FolderChunk, JsonlChunk, OutputError, RecordCleaner,
                      cleaner_for, csv_columns, process_chunk)
from ..config import CONFIG_NAMES
from ..decisions import LOG_SUFFIX

FORMATS = ("jsonl", "csv", "folder")
CHUNK_BYTES = 256 * 1024        # a chunk is about this much input ...
CHUNK_RECORDS = 2000            # ... or this many records, whichever comes first
FOLDER_CHUNK_FILES = 32
IN_FLIGHT_PER_JOB = 4           # chunks queued per worker: keeps both cores busy, memory flat

_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}


def detect_format(path: str, fmt: str | None = None) -> str:
    """The input format: ``fmt`` if given, else from the path (a folder, or the suffix)."""
    if fmt:
        if fmt not in FORMATS:
            raise BatchError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
        return fmt
    if path == STDIO:
        return "jsonl"
    p = Path(path)
    if p.is_dir():
        return "folder"
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    found = _SUFFIXES.get(os.path.splitext(name)[1])
    if found is None:
        if not p.exists():
            raise BatchError(f"{path}: no such file or folder")
        raise BatchError(f"{path}: cannot tell the format from the name; "
                         f"use --format {'|'.join(FORMATS)}")
    return found


@dataclass
class Problem:
    """A bad record (or a warning about one): where it is and what is wrong."""

    where: str                  # "corpus.jsonl:17", or "stories/a.txt" in a folder
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class BatchSummary:
    input: str
    output: str
    format: str
    jobs: int
    stats: BatchStats = field(default_factory=BatchStats)
    elapsed: float = 0.0
    problems: int = 0
    reject: str | None = None
    engine: str = "processes"

    def to_dict(self) -> dict:
        return {"input": self.input, "output": self.output, "format": self.format,
                "jobs": self.jobs, "engine": self.engine, "elapsed_seconds": round(self.elapsed, 3),
                "problems": self.problems, "reject": self.reject, **self.stats.to_dict()}


# -- readers: input -> chunks --------------------------------------------------------------
def jsonl_chunks(inp: InputFile, options: BatchOptions, spiller: Spiller,
                 chunk_bytes: int = CHUNK_BYTES) -> Iterator[JsonlChunk]:
    limit = options.max_line_size
    fh = inp.fh
    lines: list = []
    size = 0
    first = 1
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            break
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            piece = spiller.spill(line, fh, limit)
            lines.append(piece)
            inp.consumed += piece.size
        else:
            lines.append(line)
            inp.consumed += len(line)
        size += len(line)
        if size >= chunk_bytes or len(lines) >= CHUNK_RECORDS:
            yield JsonlChunk(first, lines, inp.position())
            first = n + 1
            lines, size = [], 0
    if lines:
        yield JsonlChunk(first, lines, inp.position())


class _Tap:
    """Hands lines to the csv reader and remembers them, so that the raw text of each
    record (however many physical lines it spans) can be passed through unchanged."""

    def __init__(self, lines):
        self._lines = iter(lines)
        self.taken: list[str] = []
        self.bom = ""           # a byte-order mark before the header: kept aside, written back
        self._first = True

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self._first:
            self._first = False
            if line.startswith("\ufeff"):
                self.bom, line = "\ufeff", line[1:]
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw = "".join(self.taken)
        self.taken.clear()
        return raw


@dataclass
class CsvLayout:
    header_raw: str
    header_out: bytes
    columns: tuple[int, int, int | None]     # (width, text column, findings column)
    options: BatchOptions


def csv_open(inp: InputFile, options: BatchOptions):
    """Read the header; returns the layout, the csv reader and its tap."""
    delimiter = "\t" if inp.path.lower().removesuffix(".gz").endswith(".tsv") else ","
    csv.field_size_limit(options.max_record_size + 1)
    text = io.TextIOWrapper(inp.fh, encoding="utf-8", errors="surrogateescape", newline="")
    tap = _Tap(text)
    reader = csv.reader(tap, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise BatchError(f"{inp.path}: empty CSV file (no header row)") from None
    except csv.Error as exc:
        raise BatchError(f"{inp.path}: the header row is not CSV ({exc})") from None
    raw = tap.take()
    bom = tap.bom
    if options.field not in header:
        raise BatchError(f"{inp.path}: no column {options.field!r} (columns: "
                         f"{', '.join(header)}); name it with --field")
    probe = io.StringIO()
    end = "\r\n" if raw.endswith("\r\n") else "\n"
    csv.writer(probe, delimiter=delimiter, quoting=csv.QUOTE_ALL,
               lineterminator=end).writerow(header)
    quote_all = probe.getvalue() == raw
    options = replace(options, csv_delimiter=delimiter, csv_quote_all=quote_all)
    col, fcol, out_header = csv_columns(header, options)
    if out_header is header:
        header_out = bom + raw
    else:
        probe = io.StringIO()
        csv.writer(probe, delimiter=delimiter, lineterminator=end,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(out_header)
        header_out = bom + probe.getvalue()
    layout = CsvLayout(bom + raw, header_out.encode("utf-8", "surrogateescape"),
                       (len(header), col, fcol), options)
    return layout, reader, tap


def csv_chunks(inp: InputFile, layout: CsvLayout, reader, tap: _Tap,
               chunk_bytes: int = CHUNK_BYTES) -> Iterator[CsvChunk]:
    records: list = []
    size = 0
    while True:
        start = reader.line_num + 1
        try:
            next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # the raw lines are kept; the worker passes them through as a bad record
            raw = tap.take()
            records.append((start, raw, f"not a CSV record ({exc})"))
        else:
            raw = tap.take()
            records.append((start, raw, _unclosed_quote(raw, start, layout)))
        size += len(raw)
        if size >= chunk_bytes or len(records) >= CHUNK_RECORDS:
            yield CsvChunk(records, layout.columns, inp.position())
            records, size = [], 0
    if records:
        yield CsvChunk(records, layout.columns, inp.position())


def _unclosed_quote(raw: str, start: int, layout: CsvLayout) -> str | None:
    """A record whose quoted field is never closed runs to the end of the file, taking the
    rows after it as its text: a bad record (passed through as it is, and reported), never
    a story to clean. The lenient reader takes it; a strict one says so."""
    if '"' not in raw:
        return None
    try:
        next(csv.reader(io.StringIO(raw, newline=""), delimiter=layout.options.csv_delimiter,
                        strict=True), None)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            lines = raw.count("\n")
            return (f"a quote opened in this record is never closed (the {lines:,} "
                    f"line{'s' if lines != 1 else ''} from here to the end of the file are "
                    f"passed through as they are)")
    return None


def story_files(root: str, configs: bool = False) -> Iterator[str]:
    """Story files under ``root`` (relative paths, sorted; hidden files, findings sidecars,
    decision logs and config files skipped), or with ``configs`` the config files."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith((FINDINGS_SUFFIX, LOG_SUFFIX)):
                continue    # hidden files, findings and editors' decision logs
            if (name in CONFIG_NAMES) != configs:
                continue
            full = os.path.join(dirpath, name)
            if os.path.isfile(full):
                yield os.path.relpath(full, root)


def folder_chunks(root: str, dst: str) -> Iterator[FolderChunk]:
    files: list[str] = []
    done = 0
    for rel in story_files(root):
        files.append(rel)
        try:
            done += os.path.getsize(os.path.join(root, rel))
        except OSError:
            pass
        if len(files) >= FOLDER_CHUNK_FILES:
            yield FolderChunk(files, root, dst, done)
            files = []
    if files:
        yield FolderChunk(files, root, dst, done)


# -- workers -------------------------------------------------------------------------------
_WORKER: tuple[RecordCleaner, bool] | None = None


def _init_worker(options: BatchOptions, to_reject: bool) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = (cleaner_for(options), to_reject)      # built once per worker process


def _work(chunk: Chunk) -> ChunkResult:
    assert _WORKER is not None, "the pool's initializer builds the worker's cleaner"
    cleaner, to_reject = _WORKER
    return process_chunk(cleaner, chunk, to_reject)


def _pool_context():
    # fork: workers inherit the engine the parent has built (no second start-up)
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def ordered_results(chunks: Iterator[Chunk], options: BatchOptions, jobs: int,
                    to_reject: bool) -> Generator[ChunkResult, None, None]:
    """Clean the chunks, in ``jobs`` processes, yielding the results in input order with at
    most ``IN_FLIGHT_PER_JOB * jobs`` chunks read ahead."""
    if jobs <= 1:
        cleaner = cleaner_for(options)
        for chunk in chunks:
            yield process_chunk(cleaner, chunk, to_reject)
        return
    pool = _pool_context().Pool(jobs, initializer=_init_worker, initargs=(options, to_reject))
    try:
        pending: deque = deque()
        window = IN_FLIGHT_PER_JOB * jobs
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()


# -- the run -------------------------------------------------------------------------------
def default_jobs(jobs: int) -> int:
    """``jobs`` worker processes; 0 means one per available core."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _same_path(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _inside(child: str, parent: str) -> bool:
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
        return True
    except ValueError:
        return False


def run_batch(input_path: str, output_path: str, options: BatchOptions, *,
              fmt: str | None = None, jobs: int = 1, reject_path: str | None = None,
              progress: bool = False,
              on_problem: Callable[[Problem], None] | None = None) -> BatchSummary:
    """Clean a corpus into ``output_path``. Raises ``BatchError`` when the run cannot start
    or cannot finish (nothing is then left under the output's final name)."""
    fmt = detect_format(input_path, fmt)
    jobs = default_jobs(jobs)
    if input_path != STDIO and output_path != STDIO and _same_path(input_path, output_path):
        raise BatchError(f"{output_path}: the output must not be the input "
                         f"(write to a new file, then rename it)")
    if reject_path is not None and reject_path != STDIO and (
            _same_path(reject_path, input_path) or _same_path(reject_path, output_path)):
        raise BatchError(f"{reject_path}: the reject file must differ from input and output")
    if fmt == "folder" and reject_path is not None:
        raise BatchError("--reject applies to JSON Lines and CSV; in a folder, files that "
                         "cannot be read are copied through unchanged")
    options = replace(options, path=options.path or (None if input_path == STDIO else input_path))
    # build the engine now: a bad selector fails before any output exists, and forked
    # workers inherit the built engine
    try:
        # a corpus has many texts: compile the scans now, once for every forked worker
        cleaner_for(options).engine.prepare_scans()
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    summary = BatchSummary(input_path, output_path, fmt, jobs, reject=reject_path)
    report = on_problem or (lambda p: None)
    start = time.monotonic()
    if fmt == "folder":
        _run_folder(input_path, output_path, options, jobs, progress, report, summary)
    else:
        _run_file(input_path, output_path, options, fmt, jobs, reject_path, progress, report,
                  summary)
    summary.elapsed = time.monotonic() - start
    return summary


def _run_file(input_path, output_path, options, fmt, jobs, reject_path, progress, report,
              summary: BatchSummary) -> None:
    inp = InputFile(input_path)
    spiller = Spiller()
    out = rej = results = None
    bar = Progress(inp.size, progress)
    try:
        out = AtomicFile(output_path)
        rej = AtomicFile(reject_path) if reject_path else None
        if fmt == "csv":
            layout, reader, tap = csv_open(inp, options)
            options = layout.options
            out.write(layout.header_out)
            chunks: Iterator[Chunk] = csv_chunks(inp, layout, reader, tap)
            if rej is not None:
                rej.write(layout.header_raw.encode("utf-8", "surrogateescape"))
        else:
            chunks = jsonl_chunks(inp, options, spiller)
        stats = summary.stats
        results = ordered_results(chunks, options, jobs, rej is not None)
        for res in results:
            # counted in the write's held stretch, so a Ctrl-C between blocks finds the
            # count of what stdout holds (a HeldInterrupt comes after the block is counted)
            # records that went to the reject file are not in the output
            out.write_pieces(res.out, records=res.stats.records
                             - (res.stats.bad if rej is not None else 0))
            if rej is not None and res.reject:
                rej.write_pieces(res.reject)
            spiller.release(res.out)
            spiller.release(res.reject)
            stats.merge(res.stats)
            for line, message in res.problems:
                summary.problems += 1
                report(Problem(f"{input_path}:{line}", message))
            bar.update(res.end_pos, stats.records)
        bar.close()
        if rej is not None:
            rej.commit()
        out.commit()
    except BaseException as exc:
        if results is not None:
            results.close()          # stops the workers now, not when collected
        bar.close()
        for o in (out, rej):
            if o is not None:
                o.discard()
        to_stdout = output_path == STDIO
        written = out.records_written if out is not None else 0
        if isinstance(exc, KeyboardInterrupt) and to_stdout:
            raise Interrupted(written) from None
        if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
            what = "ends early (truncated)" if isinstance(exc, EOFError) else "is damaged"
            if to_stdout:
                done = (f"the {written:,} records before it went to stdout, which is "
                        f"incomplete" if written else "nothing was written")
            else:
                done = "nothing was written" + (f"; {output_path} is left as it was"
                                                if os.path.exists(output_path) else "")
            raise BatchError(f"{input_path}: the compressed input {what}: {exc}; {done}") from None
        raise
    finally:
        spiller.close()
        inp.close()


def _run_folder(input_path, output_path, options, jobs, progress, report,
                summary: BatchSummary) -> None:
    if output_path == STDIO:
        raise BatchError("a folder's output is a folder, not stdout")
    if _inside(output_path, input_path):
        raise BatchError(f"{output_path}: the output folder must not be inside the input folder")
    total = None
    if progress:
        total = sum(os.path.getsize(os.path.join(input_path, r)) for r in story_files(input_path))
    out = AtomicFolder(output_path)
    bar = Progress(total, progress, unit="files")
    results = None
    staging = out.tmp
    assert staging is not None    # the folder's temporary twin, until commit
    try:
        stats = summary.stats
        results = ordered_results(folder_chunks(input_path, staging), options, jobs, False)
        for res in results:
            stats.merge(res.stats)
            for _, message in res.problems:
                summary.problems += 1
                rel, _, msg = message.partition(": ")
                report(Problem(os.path.join(input_path, rel), msg))
            bar.update(res.end_pos, stats.records)
        for rel in story_files(input_path, configs=True):   # the folder's own config travels
            dst = os.path.join(staging, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(os.path.join(input_path, rel), dst)
        bar.close()
        out.commit()
    except BaseException as exc:
        tmp = out.tmp
        if results is not None:
            results.close()
        bar.close()
        out.discard()
        if isinstance(exc, OutputError):   # e.g. a full disk: no folder of empty stories
            where = str(exc).replace(tmp, output_path.rstrip(os.sep)) if tmp else str(exc)
            raise BatchError(f"{where}; the run stopped and nothing was written under "
                             f"{output_path!r}") from None
        raise


# -- the summary ---------------------------------------------------------------------------
def render_summary(summary: BatchSummary) -> str:
    """The end-of-run report: totals, then fixes and findings left per family and rule."""
    s = summary.stats
    secs = max(summary.elapsed, 1e-9)
    unit = "files" if summary.format == "folder" else "records"
    lines = [
        f"wirefix batch: {s.records:,} {unit} in {human_duration(summary.elapsed)} "
        f"({s.records / secs:,.0f} {unit}/s, {human_bytes(s.bytes_in / secs)}/s, "
        f"{summary.jobs} job{'s' if summary.jobs != 1 else ''}"
        f"{'' if summary.engine == 'processes' else ', ' + summary.engine})",
        f"  {s.changed:,} changed, {s.records - s.changed - s.bad - s.no_text:,} unchanged, "
        f"{s.no_text:,} without text, {s.bad:,} bad"
        + (f" (written to {summary.reject})" if summary.reject and s.bad else
           " (passed through unchanged)" if s.bad else ""),
    ]
    if s.unsettled:
        lines.append(f"  {s.unsettled:,} whose fixes did not settle (reported above)")
    for (message, asked), n in sorted(s.unchecked.items()):
        lines.append(f"  {'error' if asked else 'warning'}: {n:,} {unit} not checked: {message}")
    families: dict[str, list] = {}
    for key in set(s.fixed) | set(s.left):
        families.setdefault(key[2], []).append(key)
    if families:
        lines.append(f"  {'family / rule':<44}{'fixed':>10}{'left':>10}")
        order = sorted(families, key=lambda fam: (-sum(s.fixed[k] + s.left[k]
                                                      for k in families[fam]), fam))
        for fam in order:
            keys = sorted(families[fam])
            lines.append(f"  {fam:<44}{sum(s.fixed[k] for k in keys):>10,}"
                         f"{sum(s.left[k] for k in keys):>10,}")
            for k in keys:
                lines.append(f"    {k[0] + ' ' + k[1]:<42}{s.fixed[k]:>10,}{s.left[k]:>10,}")
    else:
        lines.append("  nothing to fix")
    return "\n".join(lines) + "\n"
