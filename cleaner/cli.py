"""The ``wirefix`` command line: a thin layer over ``cleaner.runner`` and the reporters.

Textual and LanguageTool are imported only by the commands that need them, so that
``wirefix check`` starts fast enough for a pre-commit hook.
"""
from __future__ import annotations

import json
import os
import sys

import click

from wirefix import __version__

# The engine, the configuration and the reporters are imported by the commands that use
# them: `wirefix check --help` needs click alone. `check`'s work, and the helpers the other
# commands share with it, live without click in cleaner.check_command: the console script
# runs a plain `wirefix check` from there without importing this module.
from .check_command import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED,  # noqa: F401
                            _echo_stdin, _fail, _interrupted, _selectors, _write)
from .check_command import run as _run_check


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
    _run_check(dict(paths=paths, fix=fix, unsafe=unsafe, diff=diff, fix_only=fix_only,
                    show_fixes=show_fixes, stats=stats, select=select,
                    extend_select=extend_select, ignore=ignore, stdin_filename=stdin_filename,
                    exit_zero=exit_zero, exit_non_zero_on_fix=exit_non_zero_on_fix,
                    config_file=config_file, fmt=fmt, show_settings=show_settings,
                    show_decided=show_decided, languagetool=languagetool, style=style,
                    max_file_size=max_file_size, quiet=quiet))


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
