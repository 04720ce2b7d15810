"""A per-user cache of things that are slow to build and never change for given inputs:
wordfreq's English list unpacked (rules/_shared/evidence.py), the scan's compiled Hyperscan
databases (cleaner/scan.py), compiled ``regex`` patterns (cleaner/patterns.py) and parsed
data files (``parsed_data``: the context counts' JSON).

The folder is ``WIREFIX_CACHE_DIR``, else ``$XDG_CACHE_HOME/wirefix``, else
``~/.cache/wirefix``. A file is named after everything it was built from (a hash or the
source's size and time), so a stale file is never read; it is written to a temporary name
and renamed, and ends with a marker that a reader checks. A cache that cannot be read or
written costs only speed: the caller builds the thing again.
"""
from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any, Callable

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


def read_marshal(path: Path) -> Any:
    """The value ``write_marshal`` wrote to ``path``, or None (missing, cut short, damaged)."""
    data = read(path)
    if data is None or len(data) < 4 or zlib.crc32(data[4:]).to_bytes(4, "big") != data[:4]:
        return None
    try:
        return marshal.loads(data[4:])
    except (EOFError, ValueError, TypeError):
        return None


def write_marshal(path: Path, value: Any) -> None:
    """Keep plain data (dicts, lists, tuples, strings, bytes, numbers) at ``path`` with a
    checksum; a value marshal cannot write is not kept."""
    try:
        body = marshal.dumps(value)
    except ValueError:
        return
    write(path, zlib.crc32(body).to_bytes(4, "big") + body)


def parsed_data(source: Path, parse: Callable[[bytes], Any]) -> Any:
    """``parse(source's bytes)``, kept in the cache as ``marshal`` data, which loads several
    times faster than JSON parses (the 370 KB context counts: 13 ms against 5 ms). The
    cached file is named after the source's name, size and modification time."""
    st = source.stat()
    path = cache_dir() / f"data-{source.name}-{st.st_size}-{st.st_mtime_ns}.marshal"
    value = read_marshal(path)
    if value is None:
        value = parse(source.read_bytes())
        write_marshal(path, value)
    return value
