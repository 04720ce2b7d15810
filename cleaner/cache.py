"""A per-user cache of things that are slow to build and never change for given inputs:
wordfreq's English list unpacked (rules/_shared/evidence.py), the scan's compiled Hyperscan
databases (cleaner/scan.py).

The folder is ``WIREFIX_CACHE_DIR``, else ``$XDG_CACHE_HOME/wirefix``, else
``~/.cache/wirefix``. A file is named after everything it was built from (a hash or the
source's size and time), so a stale file is never read; it is written to a temporary name
and renamed, and ends with a marker that a reader checks. A cache that cannot be read or
written costs only speed: the caller builds the thing again.
"""
from __future__ import annotations

import os
from pathlib import Path

_END = b"\0wirefix cache end"


def cache_dir() -> Path:
    given = os.environ.get("WIREFIX_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wirefix"


def read(path: Path) -> bytes | None:
    """The data written to ``path`` by ``write``, or None (missing, unreadable, cut short)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data[:-len(_END)] if data.endswith(_END) else None


def write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data + _END)
        os.replace(tmp, path)
    except OSError:   # a read-only home: the caller builds it every time
        pass
