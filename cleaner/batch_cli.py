"""`wirefix batch`: corpus mode (JSON Lines, CSV, folders). Built in the pipelines issue."""
from __future__ import annotations

import click


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--output", "-o", required=True)
def batch(input_path: str, output: str) -> None:
    """Clean a whole corpus: JSON Lines, CSV or a folder of stories."""
    raise click.ClickException("batch mode is not built yet (pipelines issue)")
