"""Findings: what a rule reports, and the edits that repair it."""
from __future__ import annotations

import enum
from collections import Counter
from dataclasses import MISSING, dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, NamedTuple, Sequence

import regex

from .cache import blake2b
from .patterns import lazy_regex


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



def _slot_init(cls):
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots through their
    descriptors. The one ``dataclass`` writes calls ``object.__setattr__`` for each field
    (a frozen class's own ``__setattr__`` refuses), which looks the attribute up by name
    each time and costs twice as much: every lint builds a ``Fix`` and a ``Finding`` for
    each piece of damage (a 1987 story has a dozen hard-wrap joins). The instances are the
    same: frozen, compared and hashed as the dataclass says."""
    env: dict[str, Any] = {}
    params, body = [], []
    for fd in fields(cls):
        if fd.default_factory is not MISSING or not fd.init:
            raise TypeError(f"{cls.__name__}.{fd.name}: only plain fields and defaults")
        if fd.default is MISSING:
            params.append(fd.name)
        else:
            env[f"_default_{fd.name}"] = fd.default
            params.append(f"{fd.name}=_default_{fd.name}")
        env[f"_set_{fd.name}"] = cls.__dict__[fd.name].__set__
        body.append(f"    _set_{fd.name}(self, {fd.name})\n")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body)}", env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


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


@_slot_init
@dataclass(frozen=True, slots=True)
class Fix:
    """One way to repair a finding: edits applied all or nothing, how sure the repair is, and
    what it does in a few words ("Write “Blinken’s”"). A finding carries its fixes best first;
    ``--fix`` applies only the best one, and only when its applicability allows.

    ``edits`` are sorted by position and do not overlap (the engine checks)."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE
    title: str = ""

    def applies(self, unsafe: bool) -> bool:
        return self.applicability.allowed(unsafe)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(e.start, e.end) for e in self.edits]

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def replacement_of(self, start: int, end: int, text: str) -> str:
        """What ``text[start:end]`` becomes under this fix (its edits inside the span)."""
        out, pos = [], start
        for e in self.edits:
            if e.start < start or e.end > end:
                continue   # an edit elsewhere: the closing quotation mark of a restored quote
            out.append(text[pos:e.start])
            out.append(e.replacement)
            pos = e.end
        out.append(text[pos:end])
        return "".join(out)

    def moved(self, edits: Sequence[Edit]) -> "Fix":
        """The same fix with its edits at other offsets (mapped into another text)."""
        return Fix(tuple(edits), self.applicability, self.title)

    def tightened(self, text: str) -> "Fix":
        """The same fix with each long edit cut down to the words it really changes.

        A rule may write a repair as one replacement of a whole stretch ("I believe …,"
        → "“I believe …,”"). Applied, that is the same text as two insertions; but as one
        edit it clashes with every other fix inside the stretch (a "US" → "U.S." in the
        quote), and an offset inside it cannot be followed through the edit. So the engine
        keeps the finding's span and the fix's effect, and edits only what changes."""
        out: list[Edit] = []
        changed = False
        for e in self.edits:
            old = text[e.start:e.end]
            if min(len(old), len(e.replacement)) < TIGHTEN_MIN:
                out.append(e)
                continue
            parts = _minimal_edits(old, e.replacement, e.start)
            changed = changed or parts != [e]
            out.extend(parts)
        return Fix(tuple(out), self.applicability, self.title) if changed else self


# Edits whose old and new text are both at least this long are cut to what they change.
TIGHTEN_MIN = 12
_TOKENS = lazy_regex(r"[\p{L}\p{N}\p{M}]+|\s+|.", regex.S)


def _minimal_edits(old: str, new: str, at: int) -> list[Edit]:
    """``old`` → ``new`` (``old`` starting at offset ``at``) as the fewest word-level edits;
    one edit when the two share no word."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    wrapped = _wrapping(old, new, a, b, at)
    if wrapped is not None:
        return wrapped
    from difflib import SequenceMatcher

    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if not any(op == "equal" for op, *_ in ops):
        return [Edit(at, at + len(old), new)]
    out: list[Edit] = []
    pos_a = [0]
    for t in a:
        pos_a.append(pos_a[-1] + len(t))
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        start, end = at + pos_a[i1], at + pos_a[i2]
        repl = "".join(b[j1:j2])
        if out and out[-1].end == start:   # touching pieces are one edit
            last = out.pop()
            out.append(Edit(last.start, end, last.replacement + repl))
        else:
            out.append(Edit(start, end, repl))
    return out


def _wrapping(old: str, new: str, a: list[str], b: list[str], at: int) -> list[Edit] | None:
    """The edits when ``new`` is ``old`` with words or marks put around it ("I believe ...,"
    → "“I believe ...,”"), found in linear time; None otherwise. They are the edits the
    word-level diff would give (its longest match is then the whole of ``old``, at its
    first place in ``new``), without its quadratic worst case on a long stretch."""
    i = new.find(old)
    if i < 0 or not a:
        return None
    head, tail = new[:i], new[i + len(old):]
    before, after = _TOKENS.findall(head), _TOKENS.findall(tail)
    if len(before) + len(a) + len(after) != len(b) or b[len(before):len(before) + len(a)] != a:
        return None   # the words around join the stretch's first or last word: diff it
    out = []
    if head:
        out.append(Edit(at, at, head))
    if tail:
        out.append(Edit(at + len(old), at + len(old), tail))
    return out


def tighten(f: Finding, text: str) -> Finding:
    """The finding with its fixes' long edits cut to what they change (``Fix.tightened``)."""
    fixes = tuple(fx.tightened(text) for fx in f.fixes)
    if all(a is b for a, b in zip(fixes, f.fixes, strict=True)):
        return f
    return replace(f, fixes=fixes)


def needs_tightening(f: Finding) -> bool:
    for fx in f.fixes:
        for e in fx.edits:
            if e.end - e.start >= TIGHTEN_MIN and len(e.replacement) >= TIGHTEN_MIN:
                return True
    return False


def span_fix(start: int, end: int, replacement: str, applicability: Applicability,
             title: str = "", extra: Sequence[Edit] = ()) -> Fix:
    """A fix that replaces one span (plus any further edits that go with it), sorted."""
    edits = [Edit(start, end, replacement)]
    edits.extend(Edit(e.start, e.end, e.replacement) for e in extra)
    if extra:
        edits.sort(key=_edit_position)
    return Fix(tuple(edits), applicability, title)


def _edit_position(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)


@_slot_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of damage found in a text.

    ``start``/``end`` are 0-based code-point offsets into the text the caller passed,
    end exclusive. ``fixes`` are the ways to repair it, best first; a display finding's
    fixes are hints (applicability ``display``), never applied automatically.
    """

    code: str
    rule: str
    family: str
    start: int
    end: int
    message: str
    fixes: tuple[Fix, ...] = ()
    severity: Severity = Severity.WARNING
    fingerprint: str = ""
    note: str = ""
    # Order of the rule in the catalogue; decides which of two overlapping edits wins.
    priority: int = field(default=0, compare=False)

    @property
    def applicability(self) -> Applicability:
        """The best fix's applicability; ``display`` when there is nothing to apply."""
        return self.fixes[0].applicability if self.fixes else Applicability.DISPLAY

    @property
    def fix_title(self) -> str:
        return self.fixes[0].title if self.fixes else ""

    @property
    def best(self) -> Fix | None:
        return self.fixes[0] if self.fixes else None

    @property
    def fixable(self) -> bool:
        return bool(self.fixes) and self.fixes[0].applicability is not Applicability.DISPLAY

    def applies(self, unsafe: bool) -> bool:
        """Would ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) apply the best fix?"""
        return bool(self.fixes) and self.fixes[0].applicability.allowed(unsafe)

    def replacement_texts(self, text: str) -> list[str]:
        """What ``text[start:end]`` becomes under each fix, best first."""
        return [fx.replacement_of(self.start, self.end, text) for fx in self.fixes]

    def edits(self) -> list[Edit]:
        """Every edit of the best fix, sorted, labelled with this finding's rule."""
        if not self.fixes:
            return []
        return [Edit(e.start, e.end, e.replacement, self.rule, self.code)
                for e in self.fixes[0].edits]


# White space that normalising changes: a run of two or more, or one that is not a space
# (the same text as replacing every run of \s+ with a space, without a replacement for each
# single space between two words)
_SPACES = lazy_regex(r"\s{2,}|[^\S ]")
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
    digest = blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{rule}:{digest}"


def stamp_fingerprints(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings with their fingerprints (see cleaner.findings.fingerprint)."""
    seen: Counter[str] = Counter()
    stamped = []
    for f in findings:
        best = f.fixes[0].replacement_of(f.start, f.end, text) if f.fixes else ""
        fp = fingerprint(f.rule, text, f.start, f.end, best)
        seen[fp] += 1
        if seen[fp] > 1:  # the same damage in the same words twice: number the repeats
            fp = f"{fp}.{seen[fp]}"
        stamped.append(_with_fingerprint(f, fp))
    return stamped


def _with_fingerprint(f: Finding, fp: str) -> Finding:
    """``replace(f, fingerprint=fp)``, built directly from the fields in order: ``replace``
    looks the fields up again for every finding, and a lint stamps every finding."""
    values = list(_FINDING_VALUES(f))
    values[_FINGERPRINT_AT] = fp
    return Finding(*values)


_FINDING_VALUES = attrgetter(*(fd.name for fd in fields(Finding)))
_FINGERPRINT_AT = [fd.name for fd in fields(Finding)].index("fingerprint")
