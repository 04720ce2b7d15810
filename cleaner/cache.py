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
import sys
import zlib
from typing import TYPE_CHECKING, Any, Callable, Union

# pathlib is imported only by cache_dir(): the CLI reads its store of compiled stdlib
# patterns (cleaner/patterns.py) before click, and `wirefix check --help` imports no pathlib
if TYPE_CHECKING:
    from pathlib import Path

# hashlib loads OpenSSL (about 3 ms of a cold start) for algorithms wirefix does not use; its
# blake2b is the interpreter's own _blake2 module (hashlib.blake2b is _blake2.blake2b), which
# the fingerprints and the scan's cache keys take from here.
try:
    from _blake2 import blake2b
except ImportError:   # an interpreter without it
    from hashlib import blake2b  # noqa: F401 (the same function)

_END = b"\0wirefix cache end"

PathLike = Union[str, "Path"]


def cache_dir_name() -> str:
    """The cache folder as a string (see the module docstring)."""
    given = os.environ.get("WIREFIX_CACHE_DIR")
    if given:
        return given
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "wirefix")


def cache_dir() -> Path:
    from pathlib import Path
    return Path(cache_dir_name())


def read(path: PathLike) -> bytes | None:
    """The data written to ``path`` by ``write``, or None (missing, unreadable, cut short)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return data[:-len(_END)] if data.endswith(_END) else None


def mapped(path: PathLike) -> memoryview | None:
    """The data ``write`` wrote to ``path``, mapped into memory instead of read: a page is
    read from the file when the caller first touches it. None when the file is missing,
    unreadable, empty or cut short. (``write`` replaces a file whole, so a file mapped here
    never changes under the caller.)"""
    import mmap
    try:
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):   # ValueError: an empty file
        return None
    view = memoryview(data)
    if len(view) < len(_END) or view[len(view) - len(_END):] != _END:
        return None
    return view[:len(view) - len(_END)]


def write(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; failures are ignored."""
    target = os.fspath(path)
    try:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data + _END)
        os.replace(tmp, target)
    except OSError:   # a read-only home: the caller builds it every time
        pass


def read_marshal(path: PathLike) -> Any:
    """The value ``write_marshal`` wrote to ``path``, or None (missing, cut short, damaged)."""
    data = read(path)
    if data is None or len(data) < 4 or zlib.crc32(data[4:]).to_bytes(4, "big") != data[:4]:
        return None
    try:
        return marshal.loads(data[4:])
    except (EOFError, ValueError, TypeError):
        return None


def write_marshal(path: PathLike, value: Any) -> None:
    """Keep plain data (dicts, lists, tuples, strings, bytes, numbers) at ``path`` with a
    checksum; a value marshal cannot write is not kept."""
    try:
        body = marshal.dumps(value)
    except ValueError:
        return
    write(path, zlib.crc32(body).to_bytes(4, "big") + body)


def parsed_data(source: PathLike, parse: Callable[[bytes], Any]) -> Any:
    """``parse(source's bytes)``, kept in the cache as ``marshal`` data, which loads several
    times faster than JSON or TOML parses (the 370 KB context counts: 13 ms against 5 ms;
    the 10 KB lexicon of word lists: 1.7 ms against 0.06). The cached file is named after the
    source's name, size and modification time."""
    source = os.fspath(source)
    st = os.stat(source)
    path = os.path.join(cache_dir_name(), f"data-{os.path.basename(source)}-{st.st_size}-"
                                          f"{st.st_mtime_ns}.marshal")
    value = read_marshal(path)
    if value is None:
        with open(source, "rb") as fh:
            value = parse(fh.read())
        write_marshal(path, value)
    return value


def parsed_bytes(data: bytes, parse: Callable[[bytes], Any], kind: str) -> Any:
    """``parse(data)``, kept in the cache as ``marshal`` data named after a hash of ``data``
    (and the Python that parsed it): for a file that may change at any time, such as a
    config file, whose size and time could stay the same. An exception from ``parse`` is
    raised as it is, and nothing is kept."""
    digest = blake2b(data, digest_size=16).hexdigest()
    path = os.path.join(cache_dir_name(), f"{kind}-{digest}-py{sys.hexversion:x}.marshal")
    value = read_marshal(path)
    if value is None:
        value = parse(data)
        write_marshal(path, value)
    return value


def parsed_toml(source: PathLike) -> Any:
    """The TOML file ``source`` as ``tomllib.load`` reads it, kept in the cache as
    ``parsed_data`` keeps a file (a cold ``wirefix check`` then imports no TOML parser for
    the word lists). A table with dates, which marshal cannot keep, is parsed every time."""
    return parsed_data(source, _toml)


def _toml(data: bytes) -> Any:
    import tomllib
    return tomllib.loads(data.decode())   # what tomllib.load does with a file's bytes
