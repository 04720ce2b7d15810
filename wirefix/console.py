"""The ``wirefix`` console script (and ``python -m wirefix``): the command line of
``wirefix.cleaner.cli``, started so that a cold ``wirefix check`` compiles and imports as
little as it can: a plain ``wirefix check`` (story paths and options, no ``--help``) is read
by ``wirefix.cleaner.check_command`` without importing click.

Before anything else is imported, the stdlib ``re`` patterns that earlier runs of the same
command compiled are put back into ``re``'s cache from the user cache (``cleaner.patterns``):
the stdlib modules the command line imports (json, platform, tomllib, logging, ...), click
and the engine compile some 45 of them at import, about 8 ms of every start. Only a process
started here keeps them: one that imports the CLI for other work (a test run) compiles other
patterns, which a start-up store has no use for.
"""
from __future__ import annotations

import sys


def _command(argv: list[str]) -> str:
    """The command word of a command line (``check`` in ``wirefix check -q story.txt``), or
    "" when it names none (``wirefix --version``)."""
    return next((arg for arg in argv[1:] if not arg.startswith("-")), "")


def main(**click_options: object) -> None:
    from wirefix.cleaner.patterns import warm_stdlib_patterns

    # help has a store of its own: it compiles click's patterns, none of the command's
    asks_help = any(arg in ("-h", "--help") for arg in sys.argv[1:])
    warm_stdlib_patterns(_command(sys.argv) + ("help" if asks_help else ""))
    if sys.argv[1:2] == ["check"]:
        # the usual `wirefix check` command lines are read without click, which is then
        # never imported; any other goes to click (cleaner.check_command)
        from wirefix.cleaner import check_command

        options = check_command.parse(sys.argv[2:])
        if options is not None:
            check_command.main(options)
    from wirefix.cleaner.cli import main as command_line

    command_line(**click_options)
