"""The word lists and tables the rules read (TOML and JSON files in this folder).

Read from beside this module rather than through ``importlib.resources``, whose import
(zipfile, lzma and their readers) cost a cold `wirefix check` about 10 ms; wirefix installs
as plain files (a wheel, or a checkout), never as a zip."""
from __future__ import annotations

from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent


def data_file(name: str) -> Path:
    """The path of ``rules/data/<name>``."""
    return FOLDER / name


def read_toml(name: str) -> Any:
    """``rules/data/<name>`` (a TOML file) as ``tomllib`` reads it, through the user cache
    (``cleaner.cache.parsed_toml``: a marshal copy loads several times faster)."""
    from wirefix.cleaner.cache import parsed_toml
    return parsed_toml(data_file(name))
