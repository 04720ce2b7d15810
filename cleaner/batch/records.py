"""The per-record layer of the batch mode: one record in, one record out, plus counts.

Everything here is a pure function of the record and the options, so that the same code
serves ``wirefix batch`` (one process or a pool of workers) and the Dask integration
(``cleaner.batch.distributed``): their outputs are byte-identical by construction.

The text of a record goes through the very engine the CLI uses,
``engine_for(config, path).fix(text, unsafe=...)`` (or ``.lint(text)`` with ``fix=False``);
a ``RecordCleaner`` holds that engine and is built once per process, never per record.

Records come in three shapes:

- a JSON Lines line (bytes, with its line break). Only the value of one top-level field is
  replaced, spliced into the line as it was; every other byte of the line is kept, and a
  record whose text does not change is written back byte for byte;
- a CSV record (the raw text of one row, possibly several physical lines);
- a story file in a folder.

A record that cannot be read (not UTF-8, not JSON, no such field, too large) is "bad": it
is passed through unchanged (or to the reject file) and reported with its line number.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # (not in typeshed)
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import regex

from ..config import DEFAULT_MAX_FILE_SIZE, Config
from ..decisions import LOG_SUFFIX, DecisionLog
from ..document import Document
from ..engine import engine_for
from ..sidecar import FINDINGS_SUFFIX
from ..textio import InputError, decode, encode

FINDINGS_FIELD = "wirefix_findings"

# A rule as counted in the summary: (code, name, family).
RuleKey = tuple[str, str, str]


class OutputError(Exception):
    """The output could not be written (a full disk, a read-only folder): not a bad record
    but the end of the run, which then leaves nothing under the output's final name."""


@dataclass(frozen=True)
class BatchOptions:
    """What to do with every record. Frozen and picklable: it travels to worker processes
    and Dask workers, and keys the per-process cache of cleaners."""

    field: str = "text"                  # JSON Lines key or CSV column holding the story
    fix: bool = True                     # False: lint only, the text is left as it is
    unsafe: bool = False                 # apply unsafe fixes too
    findings: bool = False               # add the findings left in each record
    findings_field: str = FINDINGS_FIELD
    config: Config = dataclasses.field(default_factory=Config)
    path: str | None = None              # the corpus path, for per-file-ignores
    csv_delimiter: str = ","
    csv_quote_all: bool = False

    @property
    def max_record_size(self) -> int:
        return self.config.max_file_size or DEFAULT_MAX_FILE_SIZE

    @property
    def max_line_size(self) -> int:
        """The longest JSON Lines line read into memory: JSON escapes and the other fields
        make a line longer than its text, so four bytes a character plus room."""
        return 4 * self.max_record_size + (1 << 16)


@dataclass
class BatchStats:
    """Counts for a run, a chunk or a Dask partition; ``merge`` adds another one in."""

    records: int = 0        # records read (blank JSON Lines lines not included)
    changed: int = 0        # records whose text was changed by fixes
    no_text: int = 0        # records whose field is null or empty
    bad: int = 0            # records that could not be read (passed through or rejected)
    blank: int = 0          # blank lines in JSON Lines input, passed through
    unsettled: int = 0      # records whose fixes did not converge (a rule bug; reported)
    lines: int = 0          # physical lines consumed (to number lines across partitions)
    bytes_in: int = 0
    bytes_out: int = 0
    chars: int = 0          # characters of story text checked
    fixed: Counter = field(default_factory=Counter)   # RuleKey -> fixes applied
    left: Counter = field(default_factory=Counter)    # RuleKey -> findings left
    # (message, asked for by name) -> records an outside service could not check, e.g.
    # "LanguageTool at ... is unavailable (connection refused)"
    unchecked: Counter = field(default_factory=Counter)

    def merge(self, other: "BatchStats") -> "BatchStats":
        for name in ("records", "changed", "no_text", "bad", "blank", "unsettled", "lines",
                     "bytes_in", "bytes_out", "chars"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fixed.update(other.fixed)
        self.left.update(other.left)
        self.unchecked.update(other.unchecked)
        return self

    @property
    def service_failed(self) -> bool:
        """Did a service the user asked for by name (``--select grammar``) fail on some
        record? That is an error; a service only implied by the environment is a warning."""
        return any(asked for _message, asked in self.unchecked)

    def to_dict(self) -> dict:
        def rules(c: Counter) -> list[dict]:
            return [{"code": k[0], "rule": k[1], "family": k[2], "count": n}
                    for k, n in sorted(c.items())]
        return {
            "records": self.records, "changed": self.changed, "no_text": self.no_text,
            "bad": self.bad, "blank_lines": self.blank, "unsettled": self.unsettled,
            "bytes_in": self.bytes_in, "bytes_out": self.bytes_out, "chars": self.chars,
            "fixed": rules(self.fixed), "left": rules(self.left),
            "unchecked": [{"message": m, "requested": asked, "records": n}
                          for (m, asked), n in sorted(self.unchecked.items())],
        }


@dataclass(frozen=True)
class Spill:
    """A record too large to hold in memory, parked in a temporary file by the reader; the
    writer copies it through unchanged."""

    path: str
    size: int


# Output pieces: bytes, or a Spill to copy through.
Piece = bytes | Spill


@dataclass
class ChunkResult:
    out: list[Piece] = field(default_factory=list)
    reject: list[Piece] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)   # (line, message)
    stats: BatchStats = field(default_factory=BatchStats)
    end_pos: int = 0          # where the reader stood after this chunk (progress)

    def emit(self, piece: Piece) -> None:
        _append(self.out, piece)

    def bad(self, line: int, message: str, raw: Piece, to_reject: bool) -> None:
        self.stats.bad += 1
        self.problems.append((line, message))
        _append(self.reject if to_reject else self.out, raw)


def _append(pieces: list[Piece], piece: Piece) -> None:
    # consecutive bytes are joined, so a chunk goes back to the parent as one blob
    if pieces and isinstance(piece, bytes) and isinstance(pieces[-1], bytes):
        pieces[-1] += piece
    else:
        pieces.append(piece)


@dataclass
class TextResult:
    text: str
    changed: bool
    fixed: list[RuleKey]
    left: list          # list[Finding], offsets into ``text``
    settled: bool = True
    cycling: tuple[str, ...] = ()
    # services that could not check this text: (message, asked for by name)
    unavailable: tuple[tuple[str, bool], ...] = ()


_NO_PATH: Any = SimpleNamespace(path="")   # stands in for a FileReport: only .path is read
_WS = regex.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_LINE_END = (b"\r\n", b"\n")


def split_line_end(raw: bytes) -> tuple[bytes, bytes]:
    for end in _LINE_END:
        if raw.endswith(end):
            return raw[:-len(end)], end
    return raw, b""


def member_spans(s: str, start: int = 0) -> tuple[dict[str, tuple[int, int]], int]:
    """Spans of the values of a JSON object's top-level members, and the offset of its
    closing brace. ``s`` must hold valid JSON (it has been parsed already); a key given
    twice maps to its last value, as in ``json.loads``."""
    i = _WS.match(s, start).end()
    if s[i] != "{":
        raise ValueError("not a JSON object")
    i = _WS.match(s, i + 1).end()
    spans: dict[str, tuple[int, int]] = {}
    if s[i] == "}":
        return spans, i
    while True:
        key, i = scanstring(s, i + 1)
        i = _WS.match(s, i).end() + 1          # past ':'
        i = _WS.match(s, i).end()
        _, end = _DECODER.raw_decode(s, i)
        spans[key] = (i, end)
        i = _WS.match(s, end).end()
        if s[i] == "}":
            return spans, i
        i = _WS.match(s, i + 1).end()          # past ','


def _dumps(value, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


def _has_surrogates(s: str) -> bool:
    # surrogateescape turns undecodable bytes into lone surrogates U+DC80..U+DCFF
    return any("\udc80" <= c <= "\udcff" for c in s) if not s.isascii() else False


def csv_columns(header: list[str], options: BatchOptions) -> tuple[int, int | None, list[str]]:
    """The text column, the findings column (None without --findings) and the header to
    write, for a CSV header row."""
    col = header.index(options.field)
    if not options.findings:
        return col, None, header
    if options.findings_field in header:
        return col, header.index(options.findings_field), header
    return col, len(header), header + [options.findings_field]


class RecordCleaner:
    """The engine for one set of options, and the record functions that use it."""

    def __init__(self, options: BatchOptions):
        self.options = options
        self.engine = engine_for(options.config, options.path)
        self._families = {r.code: r.family for r in self.engine.catalogue}
        self._csv_writer_buf = io.StringIO()
        self._csv_writer: Any = None    # a csv.writer (its type is private to the module)
        self._csv_writer_end = ""
        # a long story is one long CSV field: allow fields up to the record size limit
        if csv.field_size_limit() <= options.max_record_size:
            csv.field_size_limit(options.max_record_size + 1)

    # -- the story text -----------------------------------------------------------------
    def clean_text(self, text: str, path: str | None = None, decisions=None) -> TextResult:
        """Fix (or lint) one story. ``path`` is the story's own file in a folder, for the
        config's per-file-ignores; ``decisions`` an editor's settled findings for it."""
        opts = self.options
        engine = self.engine
        if path is not None and opts.config.per_file_ignores:
            engine = engine_for(opts.config, path)
        engine.take_unavailable()  # forget a failure left on this thread by an earlier caller
        if not opts.fix:
            left = engine.lint(text, decisions)
            return TextResult(text, False, [], left, unavailable=self._unavailable(engine))
        res = engine.fix(text, unsafe=opts.unsafe, decisions=decisions)
        fam = self._families
        fixed = [(e.code, e.rule, fam.get(e.code, "internal")) for e in res.plan.edits]
        out = res.text
        return TextResult(out, out != text, fixed, res.remaining,
                          res.converged, tuple(res.cycling_rules), self._unavailable(engine))

    def _unavailable(self, engine) -> tuple[tuple[str, bool], ...]:
        """The services that failed on the text just cleaned (LanguageTool down or slow)."""
        failed = engine.take_unavailable()
        if not failed:
            return ()
        from ..languagetool import explicitly_requested

        return tuple((message, explicitly_requested(rule, self.options.config))
                     for rule, message in failed.items())

    def _count(self, r: TextResult, stats: BatchStats, text: str) -> None:
        stats.chars += len(text)
        if r.changed:
            stats.changed += 1
        if r.fixed:
            stats.fixed.update(r.fixed)
        if r.left:
            stats.left.update((f.code, f.rule, f.family) for f in r.left)
        if r.unavailable:
            stats.unchecked.update(r.unavailable)

    def findings_json(self, r: TextResult) -> list[dict]:
        """The findings left in a record, in the JSON contract of ``wirefix check``
        (without "path": the record is the context)."""
        if not r.left:
            return []
        from ..reporters import finding_dict

        doc = Document(r.text)
        out = []
        for f in r.left:
            d = finding_dict(_NO_PATH, f, doc)
            del d["path"]
            out.append(d)
        return out

    def _unsettled(self, res: ChunkResult, line: int, r: TextResult) -> None:
        res.stats.unsettled += 1
        res.problems.append((line, "warning: fixes did not settle; rules still editing: "
                                   f"{', '.join(r.cycling)} (a wirefix bug; please report)"))

    # -- JSON Lines ---------------------------------------------------------------------
    def jsonl_line(self, raw: Piece, line: int, res: ChunkResult, to_reject: bool) -> None:
        """Clean one JSON Lines line (with its line break) into ``res``."""
        stats = res.stats
        stats.lines += 1
        size = raw.size if isinstance(raw, Spill) else len(raw)
        if isinstance(raw, Spill) or size > self.options.max_line_size:
            stats.records += 1
            stats.bytes_in += size
            res.bad(line, f"a line of {size:,} bytes, too long for max-file-size "
                          f"({self.options.max_record_size:,} characters of text)",
                    raw, to_reject)
            return
        stats.bytes_in += size
        body, eol = split_line_end(raw)
        if not body.strip():
            stats.blank += 1
            res.emit(raw)
            return
        stats.records += 1
        try:
            s = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            res.bad(line, f"not UTF-8 (byte 0x{body[exc.start]:02X} at column {exc.start + 1})",
                    raw, to_reject)
            return
        lead = ""
        if s.startswith("\ufeff"):       # a byte-order mark on the first line: keep it
            lead, s = "\ufeff", s[1:]
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as exc:
            res.bad(line, f"not JSON ({exc.msg} at column {exc.colno})", raw, to_reject)
            return
        except RecursionError:
            res.bad(line, "not JSON (nested too deeply)", raw, to_reject)
            return
        if not isinstance(obj, dict):
            res.bad(line, f"not a JSON object (a JSON {type(obj).__name__})", raw, to_reject)
            return
        name = self.options.field
        if name not in obj:
            res.bad(line, f"no field {name!r}", raw, to_reject)
            return
        text = obj[name]
        if text is not None and not isinstance(text, str):
            res.bad(line, f"field {name!r} is a JSON {type(text).__name__}, not a string",
                    raw, to_reject)
            return
        if text is not None and len(text) > self.options.max_record_size:
            res.bad(line, f"field {name!r} holds {len(text):,} characters, more than "
                          f"max-file-size ({self.options.max_record_size:,})", raw, to_reject)
            return
        if not text or not text.strip():     # null, empty or white space alone: no story
            stats.no_text += 1
            if not self.options.findings:
                res.emit(raw)
                stats.bytes_out += len(raw)
                return
            r = TextResult(text or "", False, [], [])
        else:
            r = self.clean_text(text)
            self._count(r, stats, text)
            if not r.settled:
                self._unsettled(res, line, r)
        if not r.changed and not self.options.findings:
            res.emit(raw)
            stats.bytes_out += len(raw)
            return
        out = lead + self._splice_json(s, r)
        data = out.encode("utf-8") + eol
        stats.bytes_out += len(data)
        res.emit(data)

    def _splice_json(self, s: str, r: TextResult) -> str:
        spans, close = member_spans(s)
        opts = self.options
        edits: list[tuple[int, int, str]] = []
        vs, ve = spans[opts.field]
        # keep the file's own style: \u escapes stay escapes
        ascii_only = "\\u" in s[vs:ve]
        if r.changed:
            edits.append((vs, ve, _dumps(r.text, ascii_only)))
        if opts.findings:
            value = _dumps(self.findings_json(r), ascii_only)
            if opts.findings_field in spans:
                fs, fe = spans[opts.findings_field]
                edits.append((fs, fe, value))
            else:
                edits.append((close, close, f", {_dumps(opts.findings_field, ascii_only)}: {value}"))
        edits.sort()
        parts, pos = [], 0
        for a, b, rep in edits:
            parts.append(s[pos:a])
            parts.append(rep)
            pos = b
        parts.append(s[pos:])
        return "".join(parts)

    # -- CSV ----------------------------------------------------------------------------
    def csv_row_text(self, row: list[str], line_end: str) -> str:
        buf = self._csv_writer_buf
        buf.seek(0)
        buf.truncate()
        if self._csv_writer is None or self._csv_writer_end != line_end:
            self._csv_writer = csv.writer(
                buf, delimiter=self.options.csv_delimiter, lineterminator=line_end,
                quoting=csv.QUOTE_ALL if self.options.csv_quote_all else csv.QUOTE_MINIMAL)
            self._csv_writer_end = line_end
        self._csv_writer.writerow(row)
        return buf.getvalue()

    def csv_record(self, raw: str, line: int, columns: tuple[int, int, int | None],
                   res: ChunkResult, to_reject: bool) -> None:
        """Clean one CSV record (its raw text, all its physical lines)."""
        width, col, fcol = columns
        stats = res.stats
        raw_bytes = raw.encode("utf-8", "surrogateescape")
        stats.bytes_in += len(raw_bytes)
        stats.records += 1
        if _has_surrogates(raw):
            res.bad(line, "not UTF-8", raw_bytes, to_reject)
            return
        try:
            row = next(csv.reader(io.StringIO(raw, newline=""),
                                  delimiter=self.options.csv_delimiter))
        except (csv.Error, StopIteration) as exc:
            res.bad(line, f"not a CSV record ({exc})", raw_bytes, to_reject)
            return
        if len(row) != width:
            res.bad(line, f"{len(row)} fields where the header has {width}", raw_bytes, to_reject)
            return
        text = row[col]
        if len(text) > self.options.max_record_size:
            res.bad(line, f"column {self.options.field!r} holds {len(text):,} characters, more "
                          f"than max-file-size ({self.options.max_record_size:,})",
                    raw_bytes, to_reject)
            return
        if not text.strip():                 # empty or white space alone: no story
            stats.no_text += 1
            r = TextResult(text, False, [], [])
        else:
            r = self.clean_text(text)
            self._count(r, stats, text)
            if not r.settled:
                self._unsettled(res, line, r)
        if not r.changed and fcol is None:
            res.emit(raw_bytes)
            stats.bytes_out += len(raw_bytes)
            return
        row = list(row)
        row[col] = r.text
        if fcol is not None:
            value = json.dumps(self.findings_json(r), ensure_ascii=False)
            if fcol == len(row):
                row.append(value)
            else:
                row[fcol] = value
        line_end = "\r\n" if raw.endswith("\r\n") else "\n" if raw.endswith("\n") else ""
        data = self.csv_row_text(row, line_end or "\n")
        if not line_end:
            data = data[:-1]
        out = data.encode("utf-8")
        stats.bytes_out += len(out)
        res.emit(out)

    # -- story files --------------------------------------------------------------------
    def story_file(self, rel: str, src_root: str, dst_root: str, res: ChunkResult) -> None:
        """Clean one story file of a folder into the same relative path under ``dst_root``,
        as ``wirefix check --fix`` would: with the config's per-file-ignores for its path and
        the editor's decisions log beside it (which is copied along). A file that cannot be
        read as text is copied through unchanged."""
        stats = res.stats
        stats.records += 1
        src = os.path.join(src_root, rel)
        dst = os.path.join(dst_root, rel)
        with _writing(dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
        opts = self.options
        try:
            size = os.path.getsize(src)
            stats.bytes_in += size
            if size > opts.max_record_size:
                raise InputError(f"{rel}: {size:,} bytes is larger than max-file-size "
                                 f"({opts.max_record_size:,})")
            data = Path(src).read_bytes()
            story = decode(data, rel)
        except (InputError, OSError) as exc:
            stats.bad += 1
            msg = str(exc) if isinstance(exc, InputError) else f"{rel}: {exc.strerror or exc}"
            res.problems.append((0, msg))
            _copy_through(src_root, dst_root, rel, res)
            return
        decisions = None
        if os.path.lexists(src + LOG_SUFFIX):
            try:   # a log that cannot be read would let fixes an editor rejected through
                log = DecisionLog.for_story(src)
                log.check_readable()
            except InputError as exc:
                stats.bad += 1
                res.problems.append((0, f"{rel}: {exc}"))
                _copy_through(src_root, dst_root, rel, res)
                return
            decisions = log.filter()
            with _writing(dst + LOG_SUFFIX):
                shutil.copyfile(src + LOG_SUFFIX, dst + LOG_SUFFIX)
            for w in log.warnings:
                res.problems.append((0, f"{rel}: warning: {w}"))
        if not story.text.strip():
            stats.no_text += 1
            r = TextResult(story.text, False, [], [])
        else:
            r = self.clean_text(story.text, src, decisions)
            self._count(r, stats, story.text)
            if not r.settled:
                self._unsettled(res, 0, r)
                res.problems[-1] = (0, f"{rel}: {res.problems[-1][1]}")
        if story.legacy_bytes and opts.fix:
            stats.fixed[("WF001", "non-utf8-byte", "internal")] += len(story.legacy_bytes)
            out = encode(r.text, story)
            if not r.changed:
                stats.changed += 1
        elif r.changed:
            out = encode(r.text, story)
        else:
            out = data
        with _writing(dst):
            _write_whole(dst, out)
            shutil.copymode(src, dst)
            if opts.findings:
                _write_whole(dst + FINDINGS_SUFFIX, (json.dumps(
                    self.findings_json(r), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        stats.bytes_out += len(out)


_CLEANERS: dict[BatchOptions, RecordCleaner] = {}


def cleaner_for(options: BatchOptions) -> RecordCleaner:
    """The cleaner for these options in this process (built on first use)."""
    c = _CLEANERS.get(options)
    if c is None:
        c = _CLEANERS[options] = RecordCleaner(options)
    return c


# -- chunks: the unit of work sent to a worker ----------------------------------------------
@dataclass
class JsonlChunk:
    first_line: int
    lines: list[Piece]
    end_pos: int = 0


@dataclass
class CsvChunk:
    records: list[tuple[int, str, str | None]]  # (first physical line, raw text, parse error)
    columns: tuple[int, int, int | None]
    end_pos: int = 0


@dataclass
class FolderChunk:
    files: list[str]                   # paths relative to src_root
    src_root: str
    dst_root: str
    end_pos: int = 0


Chunk = JsonlChunk | CsvChunk | FolderChunk


def process_chunk(cleaner: RecordCleaner, chunk: Chunk, to_reject: bool) -> ChunkResult:
    """Clean every record of a chunk. A record on which wirefix itself fails is passed
    through as a bad record: one record never stops the run."""
    res = ChunkResult(end_pos=chunk.end_pos)
    if isinstance(chunk, JsonlChunk):
        n = chunk.first_line
        for raw in chunk.lines:
            try:
                cleaner.jsonl_line(raw, n, res, to_reject)
            except OutputError:
                raise
            except Exception as exc:  # noqa: BLE001 - reported, and the record kept
                res.bad(n, _failure(exc), raw, to_reject)
            n += 1
    elif isinstance(chunk, CsvChunk):
        for line, row, error in chunk.records:
            if error is None:
                try:
                    cleaner.csv_record(row, line, chunk.columns, res, to_reject)
                except Exception as exc:  # noqa: BLE001
                    res.bad(line, _failure(exc), row.encode("utf-8", "surrogateescape"),
                            to_reject)
            else:   # the reader could not parse it: pass its lines through
                data = row.encode("utf-8", "surrogateescape")
                res.stats.records += 1
                res.stats.bytes_in += len(data)
                res.bad(line, error, data, to_reject)
    else:
        for rel in chunk.files:
            try:
                cleaner.story_file(rel, chunk.src_root, chunk.dst_root, res)
            except OutputError:
                raise               # the disk is full: the run stops, nothing is kept
            except Exception as exc:  # noqa: BLE001
                res.stats.bad += 1
                res.problems.append((0, f"{rel}: {_failure(exc)}"))
                _copy_through(chunk.src_root, chunk.dst_root, rel, res)
    return res


def _failure(exc: Exception) -> str:
    return f"wirefix failed on this record ({type(exc).__name__}: {exc}); please report it"


def _copy_through(src_root: str, dst_root: str, rel: str, res: ChunkResult) -> None:
    """Copy a file that cannot be cleaned to the output unchanged. A file that cannot be
    read is reported and left out; an output that cannot be written ends the run."""
    src, dst = os.path.join(src_root, rel), os.path.join(dst_root, rel)
    try:
        with open(src, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        res.problems.append((0, f"{rel}: could not copy it through: {exc.strerror or exc}"))
        return
    with _writing(dst):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        _write_whole(dst, data)
        shutil.copymode(src, dst)
    res.stats.bytes_out += len(data)


class _writing:
    """Turns an OSError while writing ``dst`` into an ``OutputError`` naming it."""

    def __init__(self, dst: str):
        self.dst = dst

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None and isinstance(exc, OSError):
            raise OutputError(f"{self.dst}: could not write it: {exc.strerror or exc}") from None
        return False


def _write_whole(path: str, data: bytes) -> None:
    """Write ``data`` to ``path``; a full disk raises here (at the write or the close),
    never leaving a short file that is taken for a story."""
    with open(path, "wb") as fh:
        fh.write(data)
