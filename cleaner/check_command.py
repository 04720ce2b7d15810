"""``wirefix check`` without click: the command's work (``run``), and the console script's
fast path (``parse`` and ``main``), which reads the usual command lines itself, so that a
pre-commit hook's check imports no click (click and the command line built with it are about
a fifth of a cold ``wirefix check`` of one story).

``cleaner.cli`` declares the command with click (its options, help text and usage errors),
and its ``check`` calls ``run``. ``parse`` takes only what it reads exactly as click does:
story paths and ``check``'s options, each spelled in full (``--select X``, ``--select=X``,
``-q``), with values click accepts. For anything else (``--help``, a misspelt, abbreviated
or combined option, ``--``, a value that begins with "-", a bad value, a path click would
refuse, a shell-completion request) it returns None, and the console script hands the
command line to click, which answers as it always did. tests/test_cli.py checks that the
two read every option alike.

Messages to stderr go through ``click.echo`` (click is imported then: a warning or an error,
not the usual run), so they are written exactly as before.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from wirefix import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .config import ConfigResolver
    from .runner import FileReport, Mode

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _selectors(values: Sequence[str]) -> tuple[str, ...] | None:
    if not values:
        return None
    out: list[str] = []
    for v in values:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return tuple(out)


def _style(values: Sequence[str]) -> tuple[tuple[str, object], ...] | None:
    if not values:
        return None
    out = []
    for v in values:
        key, sep, raw = v.partition("=")
        if not sep:
            raise StyleValueError(f"Invalid value for --style: {v!r} is not KEY=VALUE")
        value: object = {"true": True, "false": False}.get(raw.lower(), raw)
        out.append((key.strip(), value))
    return tuple(out)


def _write(text: str, err: bool = False, encoding: str = "utf-8") -> None:
    """Write to stdout (or stderr) as bytes: UTF-8 whatever the locale, so that JSON stays
    valid and a report never dies on a character the terminal's encoding lacks; the fixed
    text of stdin keeps its own encoding."""
    stream = sys.stderr if err else sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a replaced stream (e.g. click's test runner): text is all it takes
        stream.write(text)
        return
    stream.flush()
    if encoding != "utf-8":  # stdin's fixed text, in the encoding it came in (BOM kept)
        from .textio import Story, encode
        data = encode(text, Story("", encoding=encoding))
    else:
        data = text.encode("utf-8", "surrogateescape")
    buffer.write(data)
    buffer.flush()


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    buffer.write(data)
    buffer.flush()


def _fail(message: str, echo_stdin: bool = False) -> None:
    """Exit 2 with a one-line error. ``echo_stdin``: this was ``--fix`` of stdin, whose
    fixed text stdout was to carry; it gets stdin unchanged, so a pipeline keeps the story."""
    if echo_stdin:
        _echo_stdin()
    _echo(f"wirefix: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _echo_stdin() -> None:
    stdin = getattr(sys.stdin, "buffer", None)
    if stdin is None:
        return
    try:
        data = stdin.read()
    except (OSError, ValueError):
        return
    _write_bytes(data)


def _interrupted() -> None:
    _echo("\nwirefix: interrupted; every story written is whole, the others are "
               "untouched", err=True)
    sys.exit(EXIT_INTERRUPTED)


class StyleValueError(ValueError):
    """A ``--style`` value that is not KEY=VALUE (the message words it as click words a bad
    value)."""


def _echo(message: str, err: bool = False, nl: bool = True) -> None:
    import click   # only when there is something to say (see the module docstring)
    click.echo(message, err=err, nl=nl)


# -- the fast path: `check`'s command line read without click -------------------------------
# The options as cleaner.cli declares them (tests/test_cli.py compares the two). Flags: the
# parameter each sets and the value it sets it to.
_FLAGS = {
    "--fix": ("fix", True), "--unsafe-fixes": ("unsafe", True),
    "--no-unsafe-fixes": ("unsafe", False), "--diff": ("diff", True),
    "--fix-only": ("fix_only", True), "--show-fixes": ("show_fixes", True),
    "--statistics": ("stats", True), "--exit-zero": ("exit_zero", True),
    "--exit-non-zero-on-fix": ("exit_non_zero_on_fix", True),
    "--show-settings": ("show_settings", True), "--show-decided": ("show_decided", True),
    "-q": ("quiet", True), "--quiet": ("quiet", True),
}
# Options that take a value: the parameter, and whether the option may be repeated.
_VALUED = {
    "--select": ("select", True), "--extend-select": ("extend_select", True),
    "--ignore": ("ignore", True), "--style": ("style", True),
    "--stdin-filename": ("stdin_filename", False), "--config": ("config_file", False),
    "--format": ("fmt", False), "--languagetool": ("languagetool", False),
    "--max-file-size": ("max_file_size", False),
}
FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif")


def defaults() -> dict[str, Any]:
    """Every parameter of ``check`` with the value click gives it when the option is absent."""
    return {"paths": (), "fix": False, "unsafe": None, "diff": False, "fix_only": False,
            "show_fixes": False, "stats": False, "select": (), "extend_select": (),
            "ignore": (), "stdin_filename": None, "exit_zero": False,
            "exit_non_zero_on_fix": False, "config_file": None, "fmt": "text",
            "show_settings": False, "show_decided": False, "languagetool": None, "style": (),
            "max_file_size": None, "quiet": False}


def parse(args: Sequence[str]) -> dict[str, Any] | None:
    """The parameters click would give ``check`` for these arguments (those after the word
    ``check``), or None when click must read them (see the module docstring)."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None   # click's shell completion
    options = defaults()
    paths: list[str] = []
    repeated: dict[str, list[str]] = {"select": [], "extend_select": [], "ignore": [],
                                      "style": []}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg in _FLAGS:
            name, flag = _FLAGS[arg]
            options[name] = flag
            continue
        option, given, value = arg.partition("=")
        if option not in _VALUED:
            return None
        if not given:
            if i == len(args):
                return None   # no value: click's usage error
            value = args[i]
            i += 1
        if value.startswith("-"):
            return None
        name, repeatable = _VALUED[option]
        if repeatable:
            repeated[name].append(value)
        else:
            options[name] = value
    for name, values in repeated.items():
        options[name] = tuple(values)
    if options["fmt"] not in FORMATS:
        return None
    if options["max_file_size"] is not None:
        try:
            options["max_file_size"] = int(options["max_file_size"])
        except ValueError:
            return None
        if options["max_file_size"] < 1:
            return None
    if options["config_file"] is not None and not _path_click_takes(options["config_file"],
                                                                    dir_okay=False):
        return None
    if not all(p == "-" or _path_click_takes(p, dir_okay=True) for p in paths):
        return None
    options["paths"] = tuple(paths)
    return options


def _path_click_takes(path: str, dir_okay: bool) -> bool:
    """Does ``click.Path(dir_okay=...)`` take this path as it is? (A missing path, or one
    that is readable and, unless ``dir_okay``, not a folder.)"""
    try:
        st = os.stat(path)
    except OSError:
        return True
    except ValueError:
        return False
    if not dir_okay and stat.S_ISDIR(st.st_mode):
        return False
    return os.access(path, os.R_OK)


def main(options: dict[str, Any]) -> NoReturn:
    """Run ``check`` with parameters from ``parse`` and exit, as click's command line does:
    Ctrl-C is exit 130 (``cleaner.cli``'s group), end of input "Aborted!" and exit 1, a
    closed pipe on stdout exit 1 without a traceback (click's standalone mode)."""
    try:
        try:
            run(options)
        except KeyboardInterrupt:
            _interrupted()
    except EOFError:
        _echo("", err=True)
        _echo("Aborted!", err=True)
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        sys.exit(1)
    sys.exit(EXIT_CLEAN)


class _QuietFlush:
    """A stream whose ``flush`` ignores a closed pipe (click's ``PacifyFlushWrapper``): the
    interpreter flushes stdout at exit, which would raise again."""

    def __init__(self, wrapped: Any):
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


# -- the command's work -----------------------------------------------------------------------
def run(options: dict[str, Any]) -> None:
    """``wirefix check`` with these parameters (``parse``'s, or click's): exits with the
    command's status, or returns after ``--show-settings``."""
    from wirefix.rules.registry import deferred_imports

    # a rule's module is imported when the scan first gives the rule something to check
    # (the catalogue's metadata comes from a manifest: rules.registry)
    with deferred_imports():
        _check(**options)


def _check(paths, fix, unsafe, diff, fix_only, show_fixes, stats, select, extend_select, ignore,
           stdin_filename, exit_zero, exit_non_zero_on_fix, config_file, fmt, show_settings,
           show_decided, languagetool, style, max_file_size, quiet) -> None:
    from .config import ConfigError, ConfigResolver
    from .runner import STDIN, FileReport, Mode, check_path

    paths = list(paths)
    fixing = fix or fix_only
    reads_stdin = STDIN in paths or (not paths and sys.stdin is not None
                                     and not sys.stdin.isatty())
    # --fix of stdin: stdout carries the story, so every failure from here on echoes it
    keep_stdin = fixing and reads_stdin and not show_settings
    try:
        overrides = {
            "select": _selectors(select),
            "extend_select": _selectors(extend_select),
            "ignore": _selectors(ignore),
            "languagetool": languagetool,
            "style": _style(style),
            "max_file_size": max_file_size,
            "unsafe_fixes": unsafe,
        }
        resolver = ConfigResolver(config_file, overrides)
    except (ConfigError, StyleValueError) as exc:
        _fail(str(exc), echo_stdin=keep_stdin)
    if not paths:
        if reads_stdin:
            paths = [STDIN]
        elif not show_settings:
            _fail("no stories given (name files, or '-' to read stdin)")
    if show_settings:
        _show_settings(resolver, (stdin_filename if paths[:1] == [STDIN] else (paths or [None])[0]))
        return
    mode = Mode(fix=fixing, diff=diff and not fixing, unsafe=bool(unsafe), show_decided=show_decided)
    jobs: list[str | FileReport] = []
    stdin_used = False
    for path in paths:
        if path == STDIN:
            if stdin_used:
                jobs.append(FileReport(path=STDIN, error="-: stdin can be read only once"))
                continue
            stdin_used = True
        jobs.append(path)

    stdin_bytes: list[bytes] = []   # kept, to echo it if the run is interrupted

    def read_stdin() -> bytes:
        stdin_bytes.append(sys.stdin.buffer.read())
        return stdin_bytes[0]

    def check_one(job: str | FileReport) -> FileReport:
        if isinstance(job, FileReport):
            return job
        return check_path(job, resolver, mode, stdin_filename, read_stdin)

    emitted = False
    try:
        reports = _in_order(check_one, jobs, _story_workers(resolver, jobs, stdin_filename))
        emitted = True
        _emit(reports, mode, fmt, stats=stats, show_fixes=show_fixes, fix_only=fix_only,
              quiet=quiet, stdout_taken=mode.fix and stdin_used)
    except KeyboardInterrupt:
        # Ctrl-C: a story file is either whole or untouched (each is written to a temporary
        # file and renamed); --fix of stdin echoes the story if none of it was written yet
        if mode.fix and stdin_used and not emitted:
            if stdin_bytes:
                _write_bytes(stdin_bytes[0])
            else:
                _echo_stdin()
        _interrupted()
    sys.exit(_exit_code(reports, mode, exit_zero=exit_zero, fix_only=fix_only,
                        exit_non_zero_on_fix=exit_non_zero_on_fix))


def _story_workers(resolver: ConfigResolver, jobs: list, stdin_filename: str | None) -> int:
    """Stories to check at once: with the grammar family on, up to the LanguageTool
    server's thread limit (the time goes waiting on the server); otherwise one."""
    from .runner import STDIN

    paths = [j for j in jobs if isinstance(j, str)]
    if len(paths) < 2:
        return 1
    config_path = stdin_filename if paths[0] == STDIN else paths[0]
    try:
        from .languagetool import story_workers
        return story_workers(resolver.for_path(config_path), config_path)
    except ValueError:  # a config problem: reported by the check itself
        return 1


def _in_order(work, jobs: list, workers: int) -> list:
    """``work`` on every job, ``workers`` at a time; results in the order of ``jobs``."""
    if workers <= 1:
        return [work(j) for j in jobs]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="story") as pool:
        futures = [pool.submit(work, j) for j in jobs]
        try:
            return [f.result() for f in futures]
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a bad selector: stop, as one by one would
            raise


def _emit(reports: list[FileReport], mode: Mode, fmt: str, *, stats: bool, show_fixes: bool,
          fix_only: bool, quiet: bool, stdout_taken: bool = False) -> None:
    """Print the reports. ``stdout_taken``: stdout carries the fixed text of stdin, so
    everything else goes to stderr, even when stdin could not be read."""
    from .reporters import get_reporter
    from .reporters.text import applied_fixes, summary

    # a server that is down, or a bad selector in a config, is reported once, not per story
    said: set[str] = set()
    for r in reports:
        if r.skipped:
            _echo(f"wirefix: note: {r.skipped}", err=True)
        for kind, messages in (("error", [r.error] if r.error else []),
                               ("error", r.service_errors), ("warning", r.warnings)):
            for m in messages:
                if m not in said:
                    said.add(m)
                    _echo(f"wirefix: {kind}: {m}", err=True)
    wrote_stdout = stdout_taken
    for r in reports:
        if r.output is not None:
            _write(r.output, encoding=r.encoding)
            wrote_stdout = True
        elif r.passthrough is not None:
            _write_bytes(r.passthrough)
            wrote_stdout = True
    if mode.diff:
        for r in reports:
            if not r.error:
                _write(r.diff())
        wrote_stdout = True
    # the fixed text or the diff owns stdout; the report then goes to stderr
    to_err = wrote_stdout
    if fix_only:
        if show_fixes:
            _echo(applied_fixes(reports), err=True, nl=False)
        if not quiet:
            fixed = sum(r.fixed for r in reports)
            _echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.", err=True)
        return
    render = get_reporter(fmt)
    if fmt in ("text", "concise"):
        out = render(reports, fixing=mode.fixing, unsafe=mode.unsafe, diff=mode.diff,
                     stats=stats, show_fixes=show_fixes, concise=fmt == "concise", quiet=quiet)
    elif stats and fmt in ("json", "jsonl"):
        out = _statistics_json(reports, jsonl=fmt == "jsonl")
    else:
        from wirefix.rules.registry import loaded_rules
        # the report documents every rule: the classes themselves, not the manifest's
        out = render(reports, rules=loaded_rules(), version=__version__)
    # a machine format on stderr (after the fixed text or the diff) stays parseable: no summary
    if fmt not in ("text", "concise", "sarif") and not quiet and not to_err:
        _echo(summary(reports, fixing=mode.fixing, unsafe=mode.unsafe, diff=mode.diff),
                   err=True, nl=False)
    _write(out, err=to_err)


def _statistics_json(reports: list[FileReport], jsonl: bool) -> str:
    """--statistics with --format json/jsonl: one object per rule, most frequent first."""
    rows: dict[str, dict] = {}
    for r in reports:
        for f in r.findings:
            row = rows.setdefault(f.code, {"code": f.code, "rule": f.rule, "family": f.family,
                                           "count": 0, "fixable": 0, "unsafe_fixable": 0})
            row["count"] += 1
            row["fixable"] += f.applies(False)
            row["unsafe_fixable"] += f.applies(True) and not f.applies(False)
    ordered = sorted(rows.values(), key=lambda d: (-d["count"], d["code"]))
    if jsonl:
        return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in ordered)
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def _exit_code(reports: list[FileReport], mode: Mode, *, exit_zero: bool, fix_only: bool,
               exit_non_zero_on_fix: bool) -> int:
    if any(r.error or r.service_errors for r in reports):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    fixed = any(r.fixed for r in reports)
    if exit_non_zero_on_fix and fixed:
        return EXIT_FINDINGS
    if mode.diff:
        return EXIT_FINDINGS if any(r.changed for r in reports) else EXIT_CLEAN
    if fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(r.findings for r in reports) else EXIT_CLEAN


def _show_settings(resolver: ConfigResolver, path: str | None) -> None:
    from .engine import Engine

    config = resolver.for_path(path)
    try:
        engine = Engine(config, path)
    except ValueError as exc:
        _fail(str(exc))
    lines = [f"# settings for {path or '(current folder)'}",
             f"# config file: {config.source or '(none found: defaults)'}",
             json.dumps(config.to_dict(), indent=2, ensure_ascii=False),
             f"# {len(engine.rules)} rules enabled:"]
    lines += [f"{r.code}\t{r.name}\t{r.family}\t{r.applicability.value}" for r in engine.rules]
    _write("\n".join(lines) + "\n")
