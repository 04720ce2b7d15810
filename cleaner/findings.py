"""Findings: what a rule reports, and the edits that repair it."""
from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import regex


class Applicability(str, enum.Enum):
    """How sure a repair is, which decides who may apply it.

    safe     applied by ``--fix``: the repair cannot change what the copy says.
    unsafe   applied only with ``--unsafe-fixes`` or by an editor's accept.
    display  never applied automatically: a flag for the editor, maybe with hints.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    def allowed(self, unsafe: bool) -> bool:
        return self is Applicability.SAFE or (unsafe and self is Applicability.UNSAFE)


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; ``start == end`` inserts.

    A named tuple (immutable, compared by value): every fix pass builds one per repair."""

    start: int
    end: int
    replacement: str
    rule: str = ""
    code: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement,
                "rule": self.rule, "code": self.code}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Edit":
        return cls(int(d["start"]), int(d["end"]), str(d["replacement"]),
                   str(d.get("rule", "")), str(d.get("code", "")))


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of damage found in a text.

    ``start``/``end`` are 0-based code-point offsets into the text the caller passed,
    end exclusive. ``replacements`` are whole replacements for that span, best first.
    """

    code: str
    rule: str
    family: str
    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    applicability: Applicability = Applicability.DISPLAY
    severity: Severity = Severity.WARNING
    fix_title: str = ""
    fingerprint: str = ""
    note: str = ""
    # Further edits that belong to the best replacement and apply with it, all or nothing
    # (ruff's multi-edit fix): e.g. the closing quotation mark of a restored quote, or the
    # other places a minority spelling occurs.
    extra_edits: tuple[Edit, ...] = ()
    # Order of the rule in the catalogue; decides which of two overlapping edits wins.
    priority: int = field(default=0, compare=False)

    @property
    def fixable(self) -> bool:
        return bool(self.replacements) and self.applicability is not Applicability.DISPLAY

    def applies(self, unsafe: bool) -> bool:
        return bool(self.replacements) and self.applicability.allowed(unsafe)

    def edit(self) -> Edit:
        return Edit(self.start, self.end, self.replacements[0], self.rule, self.code)

    def edits(self) -> list[Edit]:
        """Every edit of the best fix (the span's replacement plus any extra edits), sorted."""
        out = [self.edit()]
        out.extend(Edit(e.start, e.end, e.replacement, self.rule, self.code) for e in self.extra_edits)
        out.sort(key=lambda e: (e.start, e.end))
        return out

    def with_span(self, start: int, end: int) -> "Finding":
        return replace(self, start=start, end=end)


_SPACES = regex.compile(r"\s+")
CONTEXT_CHARS = 40


def fingerprint(rule: str, text: str, start: int, end: int, replacement: str = "") -> str:
    """A stable id for a finding: the rule plus a hash of its normalised local context.

    Whitespace runs collapse to one space so that re-wrapping a paragraph keeps decisions,
    but any change to the words near the span gives a new fingerprint, so that a decision
    about old copy is not applied to new copy.
    """
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    parts = [before, "\x1f", text[start:end], "\x1f", after, "\x1f", replacement]
    norm = _SPACES.sub(" ", "".join(parts))
    digest = hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{rule}:{digest}"
