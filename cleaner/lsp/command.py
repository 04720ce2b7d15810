"""`wirefix lsp`: the language server for editors. Only click is imported at start-up;
pygls and lsprotocol are imported when the command runs, so `wirefix check` stays quick."""
from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted "
              "because many editors pass it).")
@click.option("--log-file", type=click.Path(dir_okay=False), metavar="PATH",
              help="Write the server's log here (stdout carries the protocol).")
@click.option("-v", "--verbose", is_flag=True, help="Log every message (with --log-file).")
def lsp(stdio: bool, log_file: str | None, verbose: bool) -> None:
    """Run the language server: diagnostics, fixes as code actions and rule docs on hover
    in any editor that speaks LSP. Set-up for Neovim, VS Code and Helix: docs/editor.md."""
    try:
        from .server import serve
    except ImportError as exc:  # pragma: no cover - pygls ships as a dependency
        raise click.ClickException(f"the language server needs pygls and lsprotocol: {exc}") \
            from None
    serve(log_file=log_file, verbose=verbose)
