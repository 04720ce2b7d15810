"""Cleaning JSON Lines corpora on a Dask cluster (``pip install 'wirefix[dask]'``).

The corpus is read as a ``dask.bag`` of lines, cut into partitions of ``blocksize`` bytes at
line ends, and every partition goes through the same pure per-record function as
``wirefix batch`` (``cleaner.batch.records``): the output is byte-identical to the
single-process run. Each worker process builds the engine once (``cleaner_for`` caches it
per set of options) and reuses it for every partition it cleans.

Three ways in:

- ``wirefix batch corpus.jsonl -o clean.jsonl --dask local --jobs 4`` starts a
  ``distributed.LocalCluster`` with four single-threaded worker processes;
  ``--dask tcp://scheduler:8786`` uses a running cluster instead.
- ``run_on_dask(...)``, the same from Python, with a ``Client`` you already have.
- ``clean_bag(read_jsonl(paths), options)``: a bag of cleaned lines to compose with other
  Dask work, for example ``.to_textfiles("s3://bucket/clean/*.jsonl")``.

Pointing it at a real cluster:

1. On every machine: ``pip install 'wirefix[dask]'`` (the same wirefix version everywhere;
   workers import it to clean records), plus the filesystem driver for remote inputs
   (``s3fs``, ``gcsfs``, ...).
2. On one machine: ``dask scheduler`` (listens on port 8786); on each worker machine:
   ``dask worker tcp://SCHEDULER:8786 --nworkers N --nthreads 1`` (cleaning is pure Python,
   so use one thread per process and one process per core).
3. Run ``wirefix batch s3://bucket/corpus.jsonl -o clean.jsonl --dask tcp://SCHEDULER:8786``
   from a machine that reaches the scheduler. The input path must be readable by the
   workers (a shared filesystem or an object store URL); a house-style config or
   ``extend-rules`` file must be at the same path on every worker. The cleaned partitions
   come back to the client in order and are written to OUT there; at most
   ``in_flight`` partitions are held at a time. To write from the workers instead, use
   ``clean_bag(...).to_textfiles(...)``.
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from dataclasses import replace
from typing import Callable, Iterable

from .run import BatchSummary, Problem, default_jobs, detect_format
from .streams import STDIO, AtomicFile, BatchError, Progress
from .records import BatchOptions, BatchStats, JsonlChunk, Piece, cleaner_for, process_chunk

DEFAULT_BLOCKSIZE = "16MiB"


def _encode(lines: Iterable[str]) -> list[Piece]:
    # read_text decoded the bytes with surrogateescape: this gives back the exact bytes,
    # undecodable ones included, so that the record function sees what `batch` sees
    return [line.encode("utf-8", "surrogateescape") for line in lines]


def clean_partition_result(lines: Iterable[str], options: BatchOptions,
                           to_reject: bool = False) -> list[tuple]:
    """One partition of lines -> [(output bytes, rejected bytes, problems, stats)], with line
    numbers counted from 1 within the partition (``run_on_dask`` makes them global)."""
    chunk = JsonlChunk(1, list(_encode(lines)))
    res = process_chunk(cleaner_for(options), chunk, to_reject)
    out = b"".join(p for p in res.out if isinstance(p, bytes))
    rej = b"".join(p for p in res.reject if isinstance(p, bytes))
    return [(out, rej, res.problems, res.stats)]


def clean_partition(lines: Iterable[str], options: BatchOptions) -> list[str]:
    """One partition of lines -> the cleaned lines (bad records passed through unchanged)."""
    out = clean_partition_result(lines, options)[0][0].decode("utf-8", "surrogateescape")
    if not out:
        return []
    parts = out.split("\n")
    lines_out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines_out.append(parts[-1])
    return lines_out


def read_jsonl(urlpath, blocksize: str | int | None = DEFAULT_BLOCKSIZE, **storage_options):
    """A bag of the lines of JSON Lines file(s), line ends kept, bytes kept exactly (gzip
    files cannot be split, so they are one partition each)."""
    import dask.bag as db

    paths = [urlpath] if isinstance(urlpath, str) else list(urlpath)
    if any(str(p).endswith(".gz") for p in paths):
        blocksize = None
    return db.read_text(paths, blocksize=blocksize, encoding="utf-8", errors="surrogateescape",
                        linedelimiter="\n", storage_options=storage_options or None)


def clean_bag(bag, options: BatchOptions):
    """Clean a bag of JSON Lines lines (as from ``read_jsonl``) into a bag of output lines."""
    return bag.map_partitions(clean_partition, options)


def local_cluster(workers: int | None = None):
    """A LocalCluster of single-threaded worker processes (one per core by default), without
    dashboards; close it (and its client) when done."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers or default_jobs(0), threads_per_worker=1,
                        processes=True, dashboard_address=None, silence_logs=logging.ERROR)


def run_on_dask(input_path: str, output_path: str, options: BatchOptions, *,
                client=None, address: str | None = None, workers: int | None = None,
                blocksize: str | int | None = DEFAULT_BLOCKSIZE, reject_path: str | None = None,
                on_problem: Callable[[Problem], None] | None = None, progress: bool = False,
                in_flight: int | None = None) -> BatchSummary:
    """Clean a JSON Lines corpus on Dask into ``output_path``, in input order.

    Give a ``client``, or an ``address``: "local" for a LocalCluster of ``workers`` processes,
    or a scheduler address. Bad records are reported with their line number in the input,
    as ``wirefix batch`` reports them, and the output appears under its final name only when
    the run has finished."""
    try:
        import dask  # noqa: F401
        from distributed import Client
    except ImportError:
        raise BatchError("the Dask integration needs dask and distributed: "
                         "pip install 'wirefix[dask]'") from None
    if input_path == STDIO:
        raise BatchError("--dask reads files (the workers read them), not stdin")
    if "://" not in input_path and detect_format(input_path) != "jsonl":
        raise BatchError(f"{input_path}: --dask handles JSON Lines only")
    options = replace(options, path=options.path or input_path)
    try:
        cleaner_for(options)  # a bad selector fails here, before any cluster work
    except ValueError as exc:
        raise BatchError(str(exc)) from None

    start = time.monotonic()
    own_cluster = own_client = None
    try:
        if client is None:
            if address in (None, "local"):
                own_cluster = local_cluster(workers)
                own_client = client = Client(own_cluster)
            else:
                own_client = client = Client(address)
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
        summary = BatchSummary(input_path, output_path, "jsonl", nworkers, reject=reject_path,
                               engine="dask")
        try:
            bag = read_jsonl(input_path, blocksize)
        except FileNotFoundError:
            raise BatchError(f"{input_path}: no such file") from None
        parts = bag.map_partitions(clean_partition_result, options,
                                   reject_path is not None).to_delayed()
        _gather_in_order(client, parts, output_path, reject_path, summary,
                         on_problem or (lambda p: None), progress,
                         in_flight or 2 * nworkers + 2)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    summary.elapsed = time.monotonic() - start
    return summary


def _gather_in_order(client, parts, output_path, reject_path, summary: BatchSummary,
                     report, progress: bool, in_flight: int) -> None:
    total = None
    if progress and "://" not in summary.input:
        total = os.path.getsize(summary.input)
    bar = Progress(total, progress)
    out = rej = None
    try:
        out = AtomicFile(output_path)
        rej = AtomicFile(reject_path) if reject_path else None
        pending: deque = deque()
        todo = iter(parts)
        for part in todo:
            pending.append(client.compute(part))
            if len(pending) >= in_flight:
                break
        line_base = 0
        stats: BatchStats = summary.stats
        while pending:
            future = pending.popleft()
            data, rejected, problems, part_stats = future.result()[0]
            future.release()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(client.compute(nxt))
            out.write(data)
            if rej is not None and rejected:
                rej.write(rejected)
            for line, message in problems:
                summary.problems += 1
                report(Problem(f"{summary.input}:{line_base + line}", message))
            line_base += part_stats.lines
            stats.merge(part_stats)
            bar.update(stats.bytes_in, stats.records)
        bar.close()
        if rej is not None:
            rej.commit()
        out.commit()
    except BaseException:
        bar.close()
        for o in (out, rej):
            if o is not None:
                o.discard()
        raise
