"""`wirefix batch`: corpus mode (JSON Lines, CSV, folders). A thin layer over cleaner.batch.run.

Only click is imported at start-up; the engine, the batch machinery and Dask are imported
when the command runs, so that `wirefix check` stays quick.
"""
from __future__ import annotations

import json
import os
import signal
import sys

import click

EXIT_OK, EXIT_BAD_RECORDS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _selectors(values) -> tuple[str, ...] | None:
    out = [s.strip() for v in values for s in v.split(",") if s.strip()]
    return tuple(out) or None


def _fail(message: str) -> None:
    click.echo(f"wirefix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class _Reporter:
    """Prints bad records to stderr, up to a limit, above the progress bar."""

    def __init__(self, limit: int):
        self.limit = limit
        self.seen = 0

    def __call__(self, problem) -> None:
        self.seen += 1
        if self.seen <= self.limit:
            click.echo("\r\x1b[K" if sys.stderr.isatty() else "", err=True, nl=False)
            click.echo(f"wirefix: {problem}", err=True)

    def close(self) -> None:
        if self.seen > self.limit:
            click.echo(f"wirefix: ... and {self.seen - self.limit:,} more bad records "
                       f"(raise --max-reports to list them)", err=True)


def _check_summary_path(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        _fail(f"--summary-json {path}: is a folder; name the file to write")
    if not os.path.isdir(folder):
        _fail(f"--summary-json {path}: the folder {folder} does not exist")


def _terminate(signum, frame):  # SIGTERM: unwind like Ctrl-C, so temporary output is removed
    raise KeyboardInterrupt


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--output", "-o", "output_path", required=True, metavar="OUT",
              help="Where to write: a file of the input's format ('-' for stdout), or a "
                   "folder for a folder.")
@click.option("--field", default="text", show_default=True, metavar="NAME",
              help="The JSON key or CSV column holding the story; other fields pass through.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              metavar="N", help="Worker processes (0: one per core). Output order is kept.")
@click.option("--findings", is_flag=True,
              help="Add the findings left in each record (JSON field or CSV column "
                   "'wirefix_findings'; a '<story>.findings.json' file in a folder).")
@click.option("--findings-field", default="wirefix_findings", show_default=True,
              metavar="NAME", help="Name of the findings field or column.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "folder"]),
              help="Input format, when the name does not tell (default: from the suffix).")
@click.option("--reject", "reject_path", metavar="FILE",
              help="Write bad records here instead of passing them through to OUT.")
@click.option("--no-fix", is_flag=True, help="Lint only: leave the text as it is "
              "(use with --findings).")
@click.option("--unsafe-fixes", "unsafe", is_flag=True, help="Also apply unsafe fixes.")
@click.option("--select", multiple=True, metavar="SEL", help="Only these rules.")
@click.option("--extend-select", multiple=True, metavar="SEL", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="SEL", help="Skip these rules.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this config file; skip discovery.")
@click.option("--max-record-size", type=click.IntRange(min=1), metavar="BYTES",
              help="Larger records are bad records (default: max-file-size, 16 MB).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar with rate and ETA (default: only when stderr is a terminal).")
@click.option("--summary-json", metavar="FILE", help="Also write the summary as JSON.")
@click.option("--max-reports", type=click.IntRange(min=0), default=100, show_default=True,
              metavar="N", help="List at most N bad records on stderr.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run on a Dask cluster (JSON Lines only): a scheduler address such as "
                   "tcp://host:8786, or 'local' for a LocalCluster with --jobs workers.")
@click.option("--blocksize", default="16MiB", show_default=True, metavar="SIZE",
              help="With --dask: bytes of input per partition.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def batch(input_path, output_path, field, jobs, findings, findings_field, fmt, reject_path,
          no_fix, unsafe, select, extend_select, ignore, config_file, max_record_size,
          progress, summary_json, max_reports, dask_address, blocksize, quiet) -> None:
    """Clean a whole corpus: JSON Lines, CSV or a folder of stories.

    \b
    wirefix batch corpus.jsonl -o clean.jsonl --field body --jobs 2
    wirefix batch feed.csv -o clean.csv --findings
    wirefix batch stories/ -o clean-stories/
    zcat corpus.jsonl.gz | wirefix batch - -o - > clean.jsonl

    Safe fixes are applied (unsafe ones too with --unsafe-fixes). Records that cannot be
    read are reported with their line number and passed through unchanged (or written to
    --reject). The output appears under its name only when the run has finished.

    Exit status: 0 done, 1 done but some records were bad, 2 error (no output written; or
    written, but a service asked for by name, such as LanguageTool with --select grammar,
    could not check some records), 130 interrupted (no output written).
    """
    from .run import BatchError, render_summary, run_batch
    from .records import BatchOptions
    from .streams import Interrupted
    from ..config import ConfigError, ConfigResolver

    overrides = {
        "select": _selectors(select),
        "extend_select": _selectors(extend_select),
        "ignore": _selectors(ignore),
        "max_file_size": max_record_size,
        "unsafe_fixes": True if unsafe else None,
    }
    # the config is discovered from the input's folder (a folder input: the folder itself)
    anchor = None if input_path == "-" else (
        os.path.join(input_path, "story") if os.path.isdir(input_path) else input_path)
    try:
        resolver = ConfigResolver(config_file, overrides)
        config = resolver.for_path(anchor)
    except ConfigError as exc:
        _fail(str(exc))
    options = BatchOptions(field=field, fix=not no_fix, unsafe=unsafe or config.unsafe_fixes,
                           findings=findings, findings_field=findings_field, config=config)
    if summary_json:   # checked now: a bad path must not fail after the whole run
        _check_summary_path(summary_json)
    show_progress = sys.stderr.isatty() if progress is None else progress
    reporter = _Reporter(max_reports)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if dask_address:
            from .distributed import run_on_dask
            summary = run_on_dask(input_path, output_path, options, address=dask_address,
                                  workers=jobs or None, blocksize=blocksize,
                                  reject_path=reject_path, on_problem=reporter,
                                  progress=show_progress)
        else:
            summary = run_batch(input_path, output_path, options, fmt=fmt, jobs=jobs,
                                reject_path=reject_path, progress=show_progress,
                                on_problem=reporter)
    except BatchError as exc:
        _fail(str(exc))
    except KeyboardInterrupt as exc:
        if isinstance(exc, Interrupted):
            click.echo(f"\nwirefix: interrupted; stdout holds the first {exc.records:,} "
                       f"record{'s' if exc.records != 1 else ''}, each whole, and not the "
                       f"rest", err=True)
        else:
            click.echo("\nwirefix: interrupted; nothing was written under "
                       f"{output_path!r}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        _fail(f"{exc.filename or output_path}: {exc.strerror or exc}")
    finally:
        signal.signal(signal.SIGTERM, previous)
    reporter.close()
    if not quiet:
        click.echo(render_summary(summary), err=True, nl=False)
    if summary_json:
        from .streams import AtomicFile, BatchError as _BatchError
        out = None
        try:
            out = AtomicFile(summary_json)
            out.write((json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n")
                      .encode("utf-8", "surrogateescape"))
            out.commit()
        except (OSError, _BatchError) as exc:
            if out is not None:
                out.discard()
            where = f"{output_path!r} was written" if output_path != "-" else "the output is whole"
            _fail(f"{summary_json}: could not write the summary "
                  f"({getattr(exc, 'strerror', None) or exc}); {where}")
    if summary.stats.service_failed:   # written, but without what was asked for
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_BAD_RECORDS if summary.stats.bad else EXIT_OK)
