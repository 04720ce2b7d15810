"""The ``wirefix`` command line: a thin layer over ``cleaner.runner`` and the reporters.

Textual and LanguageTool are imported only by the commands that need them, so that
``wirefix check`` starts fast enough for a pre-commit hook.
"""
from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Sequence

import click

from wirefix import __version__

# The engine, the configuration and the reporters are imported by the commands that use
# them: `wirefix check --help` needs click alone.
if TYPE_CHECKING:
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
            raise click.BadParameter(f"{v!r} is not KEY=VALUE", param_hint="--style")
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
    click.echo(f"wirefix: error: {message}", err=True)
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
    click.echo("\nwirefix: interrupted; every story written is whole, the others are "
               "untouched", err=True)
    sys.exit(EXIT_INTERRUPTED)


class _Group(click.Group):
    ORDER = ("check", "review", "batch", "lsp", "rules")
    # commands defined in other modules, imported when asked for (not by `wirefix check`)
    LAZY = {"batch": "wirefix.cleaner.batch.command", "lsp": "wirefix.cleaner.lsp.command"}

    def invoke(self, ctx):
        # Ctrl-C is exit 130 (not click's "Aborted!" and 1, which reads as "findings")
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted()

    def list_commands(self, ctx):
        names = set(super().list_commands(ctx)) | set(self.LAZY)
        return sorted(names, key=lambda n: (self.ORDER.index(n) if n in self.ORDER else 99, n))

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            from importlib import import_module
            self.add_command(getattr(import_module(self.LAZY[cmd_name]), cmd_name))
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirefix")
def main() -> None:
    """wirefix finds and repairs damage in news wire copy.

    \b
    wirefix check story.txt              report findings (exit 1 if any)
    wirefix check --fix story.txt        apply safe fixes in place
    wirefix check --diff story.txt       show the fixes as a diff, write nothing
    wirefix review story.txt             accept or reject each suggestion (TUI)
    wirefix rules [CODE]                 the rule catalogue
    """


class _CheckCommand(click.Command):
    """`wirefix check`: a bad option is exit 2 as usual, and with ``--fix`` of stdin the
    story is echoed to stdout first (the pipeline keeps it, whatever the mistake)."""

    def make_context(self, info_name, args, parent=None, **extra):
        given = list(args)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError:
            if _fixes_stdin(given):
                _echo_stdin()
            raise


def _fixes_stdin(args: list[str]) -> bool:
    """Do these (unparsed) arguments ask to fix stdin? ``--fix`` or ``--fix-only``, and
    ``-`` or no story file named, with stdin not a terminal."""
    if not any(a in ("--fix", "--fix-only") for a in args):
        return False
    if "-" in args:
        return True
    if sys.stdin is None or sys.stdin.isatty():
        return False
    paths = [a for prev, a in zip([""] + args[:-1], args, strict=True)
             if not a.startswith("-") and prev not in _VALUE_OPTIONS]
    return not any(os.path.isfile(a) for a in paths)


# the options of `check` that take a value (the word after them is not a story)
_VALUE_OPTIONS = frozenset({"--select", "--extend-select", "--ignore", "--stdin-filename",
                            "--config", "--format", "--languagetool", "--style",
                            "--max-file-size"})


@main.command(cls=_CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--fix", "fix", is_flag=True, help="Apply safe fixes: in place for files, to stdout for '-'.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", "unsafe", default=None,
              help="Also apply (or show) fixes that may change meaning.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing. Exit 1 if any.")
@click.option("--fix-only", is_flag=True, help="Apply fixes; do not report what remains. Exit 0.")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied, per file and rule.")
@click.option("--statistics", "stats", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--select", multiple=True, metavar="SEL", help="Only these rules (codes, prefixes, names, families, ALL).")
@click.option("--extend-select", multiple=True, metavar="SEL", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="SEL", help="Skip these rules.")
@click.option("--stdin-filename", metavar="PATH", help="Name for stdin in reports, config lookup and per-file-ignores.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (errors still exit 2).")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when any fix was applied.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file; skip discovery.")
@click.option("--format", "fmt", type=click.Choice(["text", "concise", "json", "jsonl", "github", "sarif"]),
              default="text", show_default=True, help="Output format.")
@click.option("--show-settings", is_flag=True, help="Print the resolved configuration and rules, then exit.")
@click.option("--show-decided", is_flag=True, help="Also report findings an editor rejected or deferred.")
@click.option("--languagetool", metavar="URL", help="LanguageTool server for the grammar family.")
@click.option("--style", "style", multiple=True, metavar="KEY=VALUE", help="House-style option, e.g. quotes=curly.")
@click.option("--max-file-size", type=click.IntRange(min=1), metavar="BYTES", help="Refuse larger inputs (default 16 MB).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def check(paths, fix, unsafe, diff, fix_only, show_fixes, stats, select, extend_select, ignore,
          stdin_filename, exit_zero, exit_non_zero_on_fix, config_file, fmt, show_settings,
          show_decided, languagetool, style, max_file_size, quiet) -> None:
    """Check stories for damage; with --fix, repair it.

    PATHS are story files, or '-' for stdin (the default when stdin is not a terminal).
    Exit status: 0 nothing left, 1 findings left, 2 error.
    """
    from wirefix.rules.registry import deferred_imports

    # a rule's module is imported when the scan first gives the rule something to check
    # (the catalogue's metadata comes from a manifest: rules.registry)
    with deferred_imports():
        _check(paths, fix, unsafe, diff, fix_only, show_fixes, stats, select, extend_select,
               ignore, stdin_filename, exit_zero, exit_non_zero_on_fix, config_file, fmt,
               show_settings, show_decided, languagetool, style, max_file_size, quiet)


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
    except (ConfigError, click.BadParameter) as exc:
        _fail(exc.format_message() if isinstance(exc, click.BadParameter) else str(exc),
              echo_stdin=keep_stdin)
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
            click.echo(f"wirefix: note: {r.skipped}", err=True)
        for kind, messages in (("error", [r.error] if r.error else []),
                               ("error", r.service_errors), ("warning", r.warnings)):
            for m in messages:
                if m not in said:
                    said.add(m)
                    click.echo(f"wirefix: {kind}: {m}", err=True)
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
            click.echo(applied_fixes(reports), err=True, nl=False)
        if not quiet:
            fixed = sum(r.fixed for r in reports)
            click.echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.", err=True)
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
        click.echo(summary(reports, fixing=mode.fixing, unsafe=mode.unsafe, diff=mode.diff),
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


@main.command()
@click.argument("rule", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the catalogue as a table.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Also list the house-style rules this config adds.")
@click.option("--write-docs", "docs_dir", type=click.Path(file_okay=False),
              help="Write the rule pages (an index and one page per rule) into this folder.")
def rules(rule: str | None, fmt: str, config_file: str | None, docs_dir: str | None) -> None:
    """Print the rule catalogue, or one rule's documentation (by code or name)."""
    from .catalogue import all_entries, render_markdown, render_rule, render_table, rule_pages
    from .config import ConfigError

    try:
        entries = all_entries(config_file)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
    if rule:
        matches = [e for e in entries if rule in (e.code, e.name)]
        if not matches:
            _fail(f"no rule {rule!r} (`wirefix rules` lists them)")
        entries = matches
    if docs_dir:
        from pathlib import Path
        folder = Path(docs_dir)
        folder.mkdir(parents=True, exist_ok=True)
        pages = rule_pages(entries)
        for stale in folder.glob("*.md"):   # a rule that was removed or renumbered
            if stale.name not in pages:
                stale.unlink()
        for name, text in pages.items():
            (folder / name).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(pages)} pages to {folder}", err=True)
        return
    if fmt == "json":
        data = [e.metadata() for e in entries]
        _write(json.dumps(data[0] if rule else data, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        _write(render_markdown(entries))
    elif rule:
        _write(render_rule(entries[0]) + "\n")
    else:
        _write(render_table(entries) + "\n")


@main.command()
@click.argument("story", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Save here instead of over STORY.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--select", multiple=True, metavar="SEL")
@click.option("--ignore", multiple=True, metavar="SEL")
def review(story: str, output: str | None, config_file: str | None, select, ignore) -> None:
    """Review each suggested change in a terminal UI; accept or reject with one key."""
    try:
        from wirefix.tui.app import run_review
    except ImportError as exc:  # pragma: no cover - the review app ships with wirefix
        _fail(f"the review app is not available: {exc}")
    from .config import ConfigError, ConfigResolver

    overrides = {"select": _selectors(select), "ignore": _selectors(ignore)}
    try:
        resolver = ConfigResolver(config_file, overrides)
        sys.exit(run_review(story, output=output, config=resolver.for_path(story)))
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    main()
