"""The editor's decisions about findings, kept in an audit log next to the story.

``story.txt`` gets ``story.txt.wirefix.jsonl``: one JSON object a line, appended the moment
an editor decides, never rewritten::

    {"time": "2024-05-01T10:12:03.120Z", "fingerprint": "doubled-word:1a2b…", "rule":
     "doubled-word", "code": "WF010", "before": "the the", "after": "the",
     "decision": "rejected", "note": ""}

``decision`` is ``accepted``, ``rejected``, ``deferred`` (ask the desk), ``fixed-by-hand``
(the editor rewrote the text around a flag) or ``pending`` (an undo: the finding is open
again). A change that groups several findings is one line: ``fingerprint`` is its first
finding's and ``also`` lists the others'. ``user`` and ``line`` say who decided and where the
change was in the story; a ``saved`` event records a SHA-256 of the text written. The latest line for a fingerprint wins, so the file is
both the audit trail and the state. Lines without a fingerprint (``{"event": "saved", …}``)
record what happened to the story and are ignored when reading decisions.

``wirefix check`` honours rejected and deferred decisions: a finding whose fingerprint the
log has settled is not reported (``--show-decided`` reports it anyway). A fingerprint hashes
the words around a finding, so when that text changes the decision no longer matches and the
finding comes back; the review app re-stamps the decisions it keeps when it saves the story.

Appends are one ``write`` of whole lines to a file opened with O_APPEND, flushed and synced,
so a killed terminal loses at most the line being written. A torn or garbled line (a crash
mid-write, a hand edit) is skipped with a warning instead of losing the rest of the log.
"""
from __future__ import annotations

import enum
import json
import logging
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .findings import Finding
from .sidecar import LOG_SUFFIX, log_path_for  # noqa: F401  (re-exported)
from .textio import InputError

log = logging.getLogger("wirefix")


class Decision(str, enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    FIXED_BY_HAND = "fixed-by-hand"

    @property
    def settles_lint(self) -> bool:
        """Whether ``wirefix check`` should stay quiet about the finding."""
        return self in (Decision.REJECTED, Decision.DEFERRED, Decision.FIXED_BY_HAND)


@dataclass(frozen=True)
class Record:
    """One line of the log."""

    fingerprint: str
    decision: Decision
    rule: str = ""
    code: str = ""
    before: str = ""
    after: str = ""
    note: str = ""
    time: str = ""
    # how the accepted text was chosen: "default", "alternative" or "edited"
    choice: str = ""
    # the other findings of the same change (one decision settles them all)
    also: tuple[str, ...] = ()
    user: str = ""
    line: int = 0

    def to_json(self) -> str:
        obj: dict[str, object] = {
               "time": self.time or now(), "fingerprint": self.fingerprint, "rule": self.rule,
               "code": self.code, "before": self.before, "after": self.after,
               "decision": self.decision.value, "note": self.note}
        if self.choice:
            obj["choice"] = self.choice
        if self.also:
            obj["also"] = list(self.also)
        if self.user:
            obj["user"] = self.user
        if self.line:
            obj["line"] = self.line
        return json.dumps(obj, ensure_ascii=False)

    @classmethod
    def from_obj(cls, obj: dict) -> "Record":
        also = obj.get("also") or []
        if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
            raise ValueError("`also` is not a list of fingerprints")
        return cls(fingerprint=str(obj["fingerprint"]), decision=Decision(obj["decision"]),
                   rule=str(obj.get("rule", "")), code=str(obj.get("code", "")),
                   before=str(obj.get("before", "")), after=str(obj.get("after", "")),
                   note=str(obj.get("note", "")), time=str(obj.get("time", "")),
                   choice=str(obj.get("choice", "")), also=tuple(also),
                   user=str(obj.get("user", "")), line=int(obj.get("line", 0) or 0))

    @property
    def fingerprints(self) -> tuple[str, ...]:
        return (self.fingerprint, *self.also)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class DecisionFilter:
    """What ``cleaner.engine`` asks: has the editor settled this finding?"""

    settled: frozenset[str] = frozenset()

    def suppresses(self, finding: Finding) -> bool:
        return finding.fingerprint in self.settled

    def __len__(self) -> int:
        return len(self.settled)


@dataclass
class DecisionLog:
    """The decisions log of one story. Reading is lazy and cached; appending updates it."""

    path: Path
    warnings: list[str] = field(default_factory=list)
    _latest: dict[str, Record] | None = None

    @classmethod
    def for_story(cls, story: str | os.PathLike) -> "DecisionLog":
        """The log of ``story``. Raises ``InputError`` when something that is not a file
        (a folder, a dangling link) sits where the log belongs: decisions could be neither
        read nor recorded, so the story is not checked, fixed or reviewed."""
        path = log_path_for(story)
        if os.path.lexists(path) and not path.is_file():
            what = "a folder" if path.is_dir() else "not a regular file"
            raise InputError(f"{path}: the decisions log of {os.fspath(story)} is {what}; "
                             f"move it away (wirefix keeps an editor's decisions there)")
        return cls(path)

    def check_readable(self) -> None:
        """Raise ``InputError`` when the log is there but cannot be read."""
        try:
            with open(self.path, "rb"):
                pass
        except FileNotFoundError:
            return
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read the decisions log: "
                             f"{exc.strerror or exc}") from None

    # -- reading ---------------------------------------------------------------------------
    def _read(self) -> dict[str, Record]:
        latest: dict[str, Record] = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return latest
        except OSError as exc:
            self.warnings.append(f"{self.path}: cannot read the decisions log: "
                                 f"{exc.strerror or exc}")
            return latest
        for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or "fingerprint" not in obj:
                    continue  # an event line ("saved"), not a decision
                rec = Record.from_obj(obj)
            except (ValueError, KeyError, TypeError, RecursionError) as exc:
                why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
                msg = f"{self.path}:{n}: skipped an unreadable line ({why})"
                self.warnings.append(msg)
                log.info("%s", msg)  # the caller shows ``warnings`` (once)
                continue
            for fp in rec.fingerprints:
                latest[fp] = rec
        return latest

    @property
    def latest(self) -> dict[str, Record]:
        """The newest record of every fingerprint."""
        if self._latest is None:
            self._latest = self._read()
        return self._latest

    def get(self, fingerprint: str) -> Record | None:
        return self.latest.get(fingerprint)

    def decision(self, fingerprint: str) -> Decision:
        rec = self.latest.get(fingerprint)
        return rec.decision if rec else Decision.PENDING

    def records(self) -> Iterator[Record]:
        """Each newest record once (a record of several findings is indexed under each)."""
        return iter({id(r): r for r in self.latest.values()}.values())

    def filter(self) -> DecisionFilter:
        return DecisionFilter(frozenset(fp for fp, rec in self.latest.items()
                                        if rec.decision.settles_lint))

    # -- writing ---------------------------------------------------------------------------
    def append(self, records: Iterable[Record]) -> None:
        """Append records as one write, synced to disk before returning."""
        records = [r if r.time else _stamped(r) for r in records]
        if not records:
            return
        self._write("".join(r.to_json() + "\n" for r in records))
        latest = self.latest
        for r in records:
            for fp in r.fingerprints:
                latest[fp] = r

    def append_event(self, event: str, **fields: object) -> None:
        """An audit line that is not a decision (e.g. the story was saved)."""
        self._write(json.dumps({"time": now(), "event": event, **fields}, ensure_ascii=False) + "\n")

    def _write(self, data: str) -> None:
        payload = data.encode("utf-8", "surrogatepass")
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if _ends_torn(fd):
                # the last write was cut short (a crash): start on a fresh line
                payload = b"\n" + payload
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)


def _ends_torn(fd: int) -> bool:
    size = os.fstat(fd).st_size
    if size == 0:
        return False
    return os.pread(fd, 1, size - 1) != b"\n"


def _stamped(r: Record) -> Record:
    return replace(r, time=now())
