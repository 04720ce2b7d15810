"""The word lists and tables the rules read (TOML and JSON files in this folder).

Read from beside this module rather than through ``importlib.resources``, whose import
(zipfile, lzma and their readers) cost a cold `wirefix check` about 10 ms; wirefix installs
as plain files (a wheel, or a checkout), never as a zip."""
from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def data_file(name: str) -> Path:
    """The path of ``rules/data/<name>``."""
    return FOLDER / name
