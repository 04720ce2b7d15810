"""Input, output and progress for the batch mode.

- Outputs are written under a hidden temporary name beside the final one and renamed into
  place only when the whole run has succeeded, so that an interrupted or failed run never
  leaves a half-written corpus under the final name (a folder is renamed as a whole).
- ``.gz`` inputs are read through gzip, and ``.gz`` outputs written through it.
- The progress bar (rate and ETA) is drawn only on a terminal.
"""
from __future__ import annotations

import gzip
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO, Iterable

from .records import Piece, Spill

STDIO = "-"
COPY_BLOCK = 1 << 20


class BatchError(Exception):
    """A problem that stops the run before or instead of writing output (exit status 2)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) while the output went to stdout: ``records`` whole records had
    been written there (a file output is discarded instead: nothing written)."""

    def __init__(self, records: int):
        super().__init__(records)
        self.records = records


class HeldInterrupt(KeyboardInterrupt):
    """Ctrl-C or SIGTERM held back while a block was written: the block is whole on stdout
    (the caller counts its records before passing the interrupt on)."""


class _Whole:
    """Holds Ctrl-C and SIGTERM back while a block of whole records is written to stdout,
    and raises KeyboardInterrupt after it, so that the output never ends mid-record. A
    second signal while held is not held: it interrupts at once."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.caught: int | None = None
        self.previous: dict = {}

    def _hold(self, signum, frame):
        if self.caught is not None:
            raise KeyboardInterrupt
        self.caught = signum

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                self.previous[sig] = signal.signal(sig, self._hold)
        return self

    def __exit__(self, kind, exc, tb):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        if exc is None and self.caught is not None:
            raise HeldInterrupt
        return False


class AtomicFile:
    """A binary output file that appears under its final name only on ``commit``."""

    def __init__(self, path: str):
        self.final = Path(path)
        self.stdout = path == STDIO
        self.records_written = 0    # whole records written (write_pieces' count)
        if self.stdout:
            self._raw = sys.stdout.buffer
            self.fh: BinaryIO | gzip.GzipFile = self._raw
            self.tmp: str | None = None
            return
        if self.final.is_dir():
            raise BatchError(f"{path}: is a folder; the output of a file is a file")
        folder = self.final.parent
        if not folder.is_dir():
            raise BatchError(f"{path}: the folder {folder} does not exist")
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.final.name}.", suffix=".wirefix-tmp",
                                        dir=folder)
        self._raw = os.fdopen(fd, "wb", buffering=COPY_BLOCK)
        self.fh = (gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6, mtime=0,
                                 filename="")
                   if self.final.name.endswith(".gz") else self._raw)

    def write(self, data: bytes) -> None:
        if self.stdout:
            with _Whole():
                self.fh.write(data)
                self.fh.flush()
        else:
            self.fh.write(data)

    def write_pieces(self, pieces: Iterable[Piece], records: int = 0) -> int:
        """Write the pieces; ``records`` is how many whole records they hold, added to
        ``records_written`` in the same held stretch as the write: a Ctrl-C that lands
        right after the block cannot leave the count behind what stdout holds."""
        if self.stdout:     # whole records on stdout, however the run is stopped
            with _Whole():
                n = self._write_pieces(pieces)
                self.fh.flush()
                self.records_written += records
            return n
        n = self._write_pieces(pieces)
        self.records_written += records
        return n

    def _write_pieces(self, pieces: Iterable[Piece]) -> int:
        n = 0
        for p in pieces:
            if isinstance(p, bytes):
                self.fh.write(p)
                n += len(p)
            else:
                with open(p.path, "rb") as src:
                    shutil.copyfileobj(src, self.fh, COPY_BLOCK)
                n += p.size
        return n

    def commit(self) -> None:
        if self.stdout:
            self.fh.flush()
            return
        if self.fh is not self._raw:
            self.fh.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        assert self.tmp is not None
        try:  # an existing output keeps its mode; a new one gets the usual 0666 & ~umask
            mode = (self.final.stat().st_mode & 0o7777 if self.final.exists()
                    else 0o666 & ~_umask())
            os.chmod(self.tmp, mode)
        except OSError:
            pass
        os.replace(self.tmp, self.final)
        self.tmp = None

    def discard(self) -> None:
        if self.stdout or self.tmp is None:
            return
        try:
            if self.fh is not self._raw:
                self.fh.close()
        except Exception:  # noqa: BLE001 - discarding anyway
            pass
        try:
            self._raw.close()
        except Exception:  # noqa: BLE001
            pass
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass
        self.tmp = None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFolder:
    """An output folder built under a hidden name and renamed into place on ``commit``.
    The final folder must not exist yet, or be empty."""

    def __init__(self, path: str):
        self.final = Path(path)
        if self.final.exists():
            if not self.final.is_dir():
                raise BatchError(f"{path}: exists and is not a folder")
            if any(self.final.iterdir()):
                raise BatchError(f"{path}: the output folder exists and is not empty "
                                 f"(choose a new one, or empty it)")
        folder = self.final.absolute().parent
        if not folder.is_dir():
            raise BatchError(f"{path}: the folder {folder} does not exist")
        self.tmp: str | None = tempfile.mkdtemp(prefix=f".{self.final.name}.",
                                                suffix=".wirefix-tmp", dir=folder)
        os.chmod(self.tmp, 0o777 & ~_umask())

    def commit(self) -> None:
        assert self.tmp is not None
        if self.final.is_dir():
            self.final.rmdir()          # empty (checked above): rename needs it gone
        os.replace(self.tmp, self.final)
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


class InputFile:
    """A binary input (a file, ``.gz`` or stdin) that knows how far it has read."""

    def __init__(self, path: str):
        self.path = path
        if path == STDIO:
            self._raw = sys.stdin.buffer
            self.size = None
        else:
            p = Path(path)
            if not p.exists():
                raise BatchError(f"{path}: no such file")
            if not p.is_file():
                raise BatchError(f"{path}: not a regular file")
            try:
                self._raw = open(p, "rb", buffering=COPY_BLOCK)
            except OSError as exc:
                raise BatchError(f"{path}: {exc.strerror or exc}") from None
            self.size = p.stat().st_size
        self.fh: BinaryIO | gzip.GzipFile = (gzip.GzipFile(fileobj=self._raw, mode="rb")
                                             if path.endswith(".gz") else self._raw)
        self.consumed = 0       # bytes handed out by a line reader (see position)

    def position(self) -> int:
        """Bytes of the input consumed so far: counted by the reader (``consumed``) for a
        plain file read line by line, else the position of the file itself (compressed, for
        .gz; a buffer ahead of the reader)."""
        if self.fh is self._raw and self.consumed:
            return self.consumed
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return self.consumed

    def close(self) -> None:
        if self.path != STDIO:
            self.fh.close()
            self._raw.close()


class Spiller:
    """Parks records too large to hold in memory in temporary files (see ``Spill``)."""

    def __init__(self):
        self._dir: str | None = None
        self._n = 0

    def spill(self, first: bytes, rest: BinaryIO | gzip.GzipFile, limit: int) -> Spill:
        """Copy ``first`` and the rest of its line from ``rest`` to a temporary file."""
        if self._dir is None:
            self._dir = tempfile.mkdtemp(prefix="wirefix-spill-")
        self._n += 1
        path = os.path.join(self._dir, f"{self._n}.rec")
        size = 0
        with open(path, "wb") as out:
            block = first
            while True:
                out.write(block)
                size += len(block)
                if block.endswith(b"\n") or not block:
                    break
                block = rest.readline(COPY_BLOCK)
        return Spill(path, size)

    def release(self, pieces: Iterable[Piece]) -> None:
        for p in pieces:
            if isinstance(p, Spill):
                try:
                    os.unlink(p.path)
                except FileNotFoundError:
                    pass

    def close(self) -> None:
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def human_duration(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:d}:{s:02d}"


class Progress:
    """A one-line progress bar on stderr: percentage, amount, rate, ETA and records a second.

    Drawn only when ``enabled`` (the CLI enables it when stderr is a terminal), at most ten
    times a second, cut to the terminal's width, and erased at the end so that the summary
    starts on a clean line."""

    WIDTH = 20

    def __init__(self, total: int | None, enabled: bool, unit: str = "records",
                 stream=None):
        self.total = total
        self.enabled = enabled
        self.unit = unit
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def _columns(self) -> int:
        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = 0
        return cols or shutil.get_terminal_size((80, 20)).columns

    def update(self, done: int, records: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        parts = []
        if self.total:
            frac = min(1.0, done / self.total)
            filled = int(frac * self.WIDTH)
            parts.append("[" + "#" * filled + "-" * (self.WIDTH - filled) + f"] {frac:4.0%}")
            parts.append(f"{human_bytes(done)}/{human_bytes(self.total)}")
        else:
            parts.append(human_bytes(done))
        parts.append(f"{human_bytes(rate)}/s")
        if self.total and rate > 0 and done < self.total:
            parts.append(f"ETA {human_duration((self.total - done) / rate)}")
        parts.append(f"{records / elapsed:,.0f} {self.unit}/s")
        line = "  ".join(parts)
        cols = self._columns()
        self.stream.write("\r" + line[:cols - 1].ljust(min(cols - 1, 100)))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * (self._columns() - 1) + "\r")
            self.stream.flush()
            self._drawn = False
