"""Reading and writing stories without losing anything.

- Bytes are decoded as UTF-8 (with or without BOM), or UTF-16/UTF-32 when a BOM says so.
- Bytes that are not valid UTF-8 are read one by one as cp1252 (latin-1 where cp1252 has a
  hole), and each such byte is reported, so that nothing crashes and nothing is hidden.
- NUL bytes without a UTF-16/32 BOM (anywhere in the input), or more than a tenth of
  control characters, mean binary data: refused with a one-line error, never "fixed".
- Writing goes to a temporary file in the same folder, which is flushed, fsynced and renamed
  over the original, keeping its mode: an interrupted ``--fix`` never leaves half a story.
"""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, Severity

# Each BOM with the codec of the bytes after it. The byte order is kept, so a UTF-16-BE story
# is written back as UTF-16-BE (Python's plain "utf-16" would write the machine's order).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {encoding: bom for bom, encoding in _BOMS}
LEGACY_CODE = "WF001"


class InputError(Exception):
    """Input that cannot be checked; str() is a one-line message for the user."""


@dataclass
class Story:
    text: str
    encoding: str = "utf-8"                      # how to write it back
    legacy_bytes: list[tuple[int, int]] = field(default_factory=list)  # (char offset, byte)
    raw: bytes | None = field(default=None, repr=False, compare=False)  # the bytes read

    @property
    def empty(self) -> bool:
        return not self.text

    def notices(self) -> list[Finding]:
        """Findings about the bytes themselves (not the words): read with the fallback."""
        out = []
        for offset, byte in self.legacy_bytes:
            ch = self.text[offset]
            out.append(Finding(
                code=LEGACY_CODE, rule="non-utf8-byte", family="internal",
                start=offset, end=offset + 1, severity=Severity.WARNING,
                message=(f"byte 0x{byte:02X} is not UTF-8; read as {ch!r} (cp1252). "
                         f"--fix writes the story back as UTF-8"),
            ))
        return out


def _legacy_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: holes in cp1252
        return chr(b)


def _decode_utf8_with_fallback(data: bytes) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    legacy: list[tuple[int, int]] = []
    length = 0
    pos = 0
    while pos < len(data):
        try:
            chunk = data[pos:].decode("utf-8")
            parts.append(chunk)
            break
        except UnicodeDecodeError as exc:
            good = data[pos:pos + exc.start].decode("utf-8")
            parts.append(good)
            length += len(good)
            for b in data[pos + exc.start:pos + exc.end]:
                parts.append(_legacy_byte(b))
                legacy.append((length, b))
                length += 1
            pos += exc.end
    return "".join(parts), legacy


def decode(data: bytes, name: str = "<stdin>", max_size: int | None = None) -> Story:
    if max_size is not None and len(data) > max_size:
        raise InputError(f"{name}: {len(data):,} bytes is larger than max-file-size "
                         f"({max_size:,}); raise it with --max-file-size if this is a story")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            family = encoding[:6].upper().rstrip("-")  # UTF-8, UTF-16, UTF-32
            try:
                return Story(data[len(bom):].decode(encoding.replace("-sig", "")),
                             encoding=encoding, raw=data)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {family} byte-order mark "
                                 f"but is not valid {family} ({exc.reason} at "
                                 f"byte {exc.start + len(bom)})") from None
    if b"\x00" in data:   # anywhere: --fix would otherwise delete it as a control character
        raise InputError(f"{name}: binary data (NUL bytes), not a text story")
    if _looks_binary(data):
        raise InputError(f"{name}: binary data (mostly control characters), not a text story")
    try:
        return Story(data.decode("utf-8"), raw=data)
    except UnicodeDecodeError:
        text, legacy = _decode_utf8_with_fallback(data)
        return Story(text, encoding="utf-8", legacy_bytes=legacy, raw=data)


# C0 control characters that text does not use (tab, line breaks, form feed and escape it
# does). In UTF-8 and in the cp1252 fallback alike each is one byte that is that character.
_TEXT_CONTROLS = b"\t\n\r\f\v\x1b"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)


def _looks_binary(data: bytes) -> bool:
    """More than a tenth of the bytes are control characters: data, not a story (a story
    damaged by a few control codes is a story, and its codes are findings). Counted over
    the whole input, in C (bytes.translate), so a 16 MB input costs milliseconds."""
    if not data:
        return False
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls * 10 > len(data)


def encode(text: str, story: Story) -> bytes:
    if story.encoding in _BOM_OF:
        return _BOM_OF[story.encoding] + text.encode(story.encoding.replace("-sig", ""))
    return text.encode("utf-8", "surrogatepass")


def read_path(path: str | os.PathLike, max_size: int | None = None) -> Story:
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a folder, not a story (name the files, or use "
                         f"`wirefix batch` for a whole folder)")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: not a regular file")
    if max_size is not None and st.st_size > max_size:
        raise InputError(f"{name}: {st.st_size:,} bytes is larger than max-file-size "
                         f"({max_size:,}); raise it with --max-file-size if this is a story")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    return decode(data, name, max_size)


def atomic_write(path: str | os.PathLike, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the file's mode (and owner if we
    may). A symlink is followed, so the link itself stays. A new file gets ``mode`` (the
    story's, when writing a reviewed story elsewhere), or what the umask allows."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    import tempfile   # only a write needs it (shutil, random, bz2, lzma: ~5 ms of a cold check)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".wirefix-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except (PermissionError, AttributeError):
                pass
        else:   # mkstemp made it 0600: give it the mode a new file would have
            os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
