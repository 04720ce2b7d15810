"""The review model behind ``wirefix review``: changes, decisions, undo, and the saved text.

Plain Python, no Textual: the app renders a ``ReviewSession`` and calls its methods, and the
tests drive it directly.

Changes
    The story is linted once. Fixable findings whose spans overlap are one ``Change`` with
    several ``Alternative``\\ s (the editor chooses one); the first alternative is the one
    ``wirefix check --fix`` would pick. A display finding is a *flag*: it has no fix to
    apply; the editor dismisses it (reject), defers it, picks one of its hints or writes a
    replacement by hand.

Decisions
    Each change is pending, accepted, rejected or deferred. Every decision is appended at
    once to the story's audit log (``cleaner.decisions``), so a killed terminal loses
    nothing, and re-opening the story restores the decisions by fingerprint. Undo and redo
    work on steps (one key, or one batch such as "accept all identical").

Saving
    The accepted changes become an edit plan applied through the engine (``select_edits``,
    ``apply_edits``, ``Engine.lint``) in passes, the way ``Engine.fix`` works:

    1. Pass one applies the accepted changes. A change accepted with its first alternative
       hands all of its fixes to the engine, which picks among them exactly as ``--fix``
       does; an alternative the editor chose, or a replacement written by hand, is applied
       as written.
    2. Later passes re-lint the new text and apply what the engine still proposes, as
       ``--fix --unsafe-fixes`` does for the damage the first fixes uncovered, except
       anywhere near a change the editor left open, rejected or deferred, and never over
       the editor's own wording.

    So accepting every change gives exactly the text of ``wirefix check --fix
    --unsafe-fixes``, and rejecting one leaves its words alone.

    The decisions kept (rejected, deferred) are then re-fingerprinted against the saved
    text, because an accepted fix nearby changes the words a fingerprint hashes; the new
    fingerprints are appended to the log next to the saved story, so ``wirefix check``
    stays quiet about them.
"""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from .config import Config
from .decisions import Decision, DecisionLog, Record
from .engine import MAX_PASSES, Engine, engine_for
from .findings import Applicability, Edit, Finding
from .plan import FixPlan, apply_edits, conflicts, edits_of, select_edits
from .textio import Story, atomic_write, encode, read_path

FIX, FLAG = "fix", "flag"
CHOICE_DEFAULT, CHOICE_ALTERNATIVE, CHOICE_EDITED = "default", "alternative", "edited"


# -- changes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Alternative:
    """One way to resolve a change: ``finding``'s span replaced by ``replacement``, plus the
    finding's extra edits when this is its best fix (a multi-edit fix applies whole)."""

    finding: Finding
    replacement: str
    applicable: bool    # a safe or unsafe fix (False: a display finding's hint)
    extra: tuple[Edit, ...] = ()

    def edits(self) -> list[tuple[int, int, str]]:
        out = [(self.finding.start, self.finding.end, self.replacement)]
        out.extend((e.start, e.end, e.replacement) for e in self.extra)
        return sorted(out)

    def as_finding(self) -> Finding:
        """The finding that applies exactly this alternative."""
        return replace(self.finding, replacements=(self.replacement,), extra_edits=self.extra,
                       applicability=Applicability.UNSAFE)


@dataclass(frozen=True)
class State:
    """The mutable part of a change, as one value (what undo restores)."""

    decision: Decision = Decision.PENDING
    # index into Change.alternatives chosen by the editor; None: the engine's pick for a
    # fix, no fix at all for a flag
    choice: int | None = None
    edited: str | None = None        # a replacement written by hand for [start, end)
    note: str = ""


@dataclass
class Change:
    """One reviewable item: a group of overlapping fixes, or a flag."""

    index: int
    kind: str
    findings: tuple[Finding, ...]
    alternatives: tuple[Alternative, ...]
    start: int
    end: int
    before: str
    state: State = field(default_factory=State)

    # -- what the change is about ---------------------------------------------------------
    @property
    def primary(self) -> Finding:
        return self.alternatives[0].finding if self.alternatives else self.findings[0]

    @property
    def choice(self) -> int:
        return self.state.choice if self.state.choice is not None else 0

    @property
    def finding(self) -> Finding:
        """The finding of the current choice (or the primary one)."""
        if self.alternatives and self.choice < len(self.alternatives):
            return self.alternatives[self.choice].finding
        return self.primary

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def family(self) -> str:
        return self.finding.family

    @property
    def decision(self) -> Decision:
        return self.state.decision

    @property
    def fingerprints(self) -> tuple[str, ...]:
        return tuple(f.fingerprint for f in self.findings)

    @property
    def is_flag(self) -> bool:
        return self.kind == FLAG

    def after_for(self, choice: int) -> str:
        """The text of [start, end) once alternative ``choice`` is applied."""
        return "".join(t for op, t in self.pieces_for(choice) if op != "-")

    def pieces_for(self, choice: int) -> list[tuple[str, str]]:
        """[start, end) as (op, text) pieces with ``choice`` applied: "=" kept, "-" deleted,
        "+" inserted, edit by edit."""
        out: list[tuple[str, str]] = []
        pos = self.start
        for s, e, r in self.alternatives[choice].edits():
            if s > pos:
                out.append(("=", self.before[pos - self.start:s - self.start]))
            out.extend(inline_diff(self.before[s - self.start:e - self.start], r))
            pos = max(pos, e)
        if pos < self.end:
            out.append(("=", self.before[pos - self.start:]))
        return [(op, t) for op, t in out if t]

    def pieces(self) -> list[tuple[str, str]]:
        """The change as it stands, as (op, text) pieces (see ``pieces_for``)."""
        if self.state.edited is not None:
            return inline_diff(self.before, self.state.edited)
        if self.alternatives and (self.kind == FIX or self.state.choice is not None):
            return self.pieces_for(self.choice)
        return [("=", self.before)] if self.before else []

    @property
    def has_fix(self) -> bool:
        """Whether accepting has something to apply: always for a fix; for a flag only once
        the editor chose a hint or wrote a replacement."""
        return _has_fix(self, self.state)

    @property
    def after(self) -> str:
        """The text that would replace [start, end) if accepted as things stand."""
        if self.state.edited is not None:
            return self.state.edited
        if self.alternatives and (self.kind == FIX or self.state.choice is not None):
            return self.after_for(self.choice)
        return self.before

    @property
    def default_after(self) -> str:
        """What the engine would write (for a flag: its first hint, or nothing)."""
        return self.after_for(0) if self.alternatives else self.before

    @property
    def explicit(self) -> bool:
        """Accepted with the editor's own wording (a chosen alternative, a hint, or an edit):
        applied as written, and later fixes keep off it."""
        st = self.state
        return st.edited is not None or (st.choice is not None
                                         and (st.choice > 0 or self.kind == FLAG))

    @property
    def choice_kind(self) -> str:
        if self.state.edited is not None:
            return CHOICE_EDITED
        return CHOICE_ALTERNATIVE if self.explicit else CHOICE_DEFAULT

    @property
    def identity(self) -> tuple[str, str, str]:
        """Changes with the same identity are "identical" for ``a``/``d``."""
        return (self.primary.rule, self.before, self.default_after)

    def haystack(self) -> str:
        f = self.finding
        return "\n".join((f.rule, f.code, f.family, f.message, f.fix_title, self.before,
                          self.after)).lower()


def _has_fix(ch: Change, st: State) -> bool:
    if st.edited is not None or ch.kind == FIX:
        return True
    return st.choice is not None and 0 <= st.choice < len(ch.alternatives)


def _footprint(f: Finding) -> list[tuple[int, int]]:
    """Where a finding's best fix edits: its span and its extra edits' spans."""
    return [(f.start, f.end)] + [(e.start, e.end) for e in f.extra_edits]


def _groups(findings: list[Finding]) -> list[list[Finding]]:
    """Findings whose edits overlap, as groups (connected components). An insertion at p is
    taken as [p, p+½), so that it clashes with another insertion at p and with a span that
    starts at p or runs across p, but not with one that ends at p."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    spans = sorted((s, e if e > s else s + 0.5, i)
                   for i, f in enumerate(findings) for s, e in _footprint(f))
    reach, holder = -1.0, -1
    for s, e, i in spans:
        if s < reach:
            parent[root(i)] = root(holder)
        if e > reach:
            reach, holder = e, i
    out: dict[int, list[Finding]] = {}
    for i, f in enumerate(findings):
        out.setdefault(root(i), []).append(f)
    return list(out.values())


def build_changes(text: str, findings: Sequence[Finding]) -> list[Change]:
    """Group the fixable findings whose edits overlap into changes (alternatives for one
    span); every flag is a change of its own."""
    fixable = [f for f in findings if f.applies(True)]
    items: list[tuple[int, int, str, list[Finding]]] = []
    for g in _groups(fixable):
        spans = [sp for f in g for sp in _footprint(f)]
        items.append((min(s for s, _ in spans), max(e for _, e in spans), FIX, g))
    for f in findings:
        if not f.applies(True):
            items.append((f.start, f.end, FLAG, [f]))
    items.sort(key=lambda it: (it[0], it[1], it[2] == FLAG))
    changes = []
    for i, (start, end, kind, members) in enumerate(items):
        if kind == FIX:
            # the engine's order: catalogue priority, then position (see select_edits)
            ordered = sorted(members, key=lambda f: (f.priority, f.start, f.end))
            alts = []
            for f in ordered:
                for n, r in enumerate(dict.fromkeys(f.replacements)):
                    alts.append(Alternative(f, r, applicable=True,
                                            extra=f.extra_edits if n == 0 else ()))
        else:
            alts = [Alternative(members[0], r, applicable=False)
                    for r in dict.fromkeys(members[0].replacements)]
        ch = Change(i, kind, tuple(sorted(members, key=lambda f: (f.start, f.end))), (),
                    start, end, text[start:end])
        ch.alternatives = tuple(alts)
        seen: set[str] = set()
        keep = []
        for n, a in enumerate(alts):   # two alternatives giving the same text are one choice
            after = ch.after_for(n)
            if after not in seen:
                seen.add(after)
                keep.append(a)
        ch.alternatives = tuple(keep)
        changes.append(ch)
    return changes


# -- the saved text -----------------------------------------------------------------------
@dataclass
class Outcome:
    """What saving would write, and how it got there."""

    text: str
    plan: FixPlan
    converged: bool
    # spans of the final text that the plan wrote (for the preview)
    written: list[tuple[int, int]]
    # explicit changes that could not be applied (their words changed under them)
    unapplied: list[Change]
    # rejected and deferred decisions re-stamped for the final text
    kept: list[Record]
    final_findings: list[Finding]


class _Tracker:
    """Spans of the text being fixed, carried forward through each pass's edits."""

    def __init__(self) -> None:
        self.spans: list[list[int]] = []

    def add(self, start: int, end: int) -> int:
        self.spans.append([start, end])
        return len(self.spans) - 1

    def shift(self, segments: Sequence[tuple[int, int, int, int]]) -> None:
        if not segments:
            return
        old_starts = [s[0] for s in segments]
        for span in self.spans:
            span[0] = _forward(span[0], segments, old_starts, left=True)
            span[1] = _forward(span[1], segments, old_starts, left=False)
            if span[1] < span[0]:
                span[1] = span[0]


def _forward(offset: int, segments, old_starts, *, left: bool) -> int:
    """Where ``offset`` of the old text lands in the new one. Inside a replaced region a
    span's start goes to the region's start and its end to the region's end."""
    i = bisect.bisect_right(old_starts, offset) - 1
    if i < 0:
        return offset
    os_, oe, ns, ne = segments[i]
    if offset >= oe and not (offset == os_ == oe and left):
        return ne + (offset - oe)
    if offset == os_:
        return ns
    return ns if left else ne


def _touches(start: int, end: int, spans: Iterable[list[int]]) -> bool:
    return any(conflicts(start, end, s, e) for s, e in spans)


# -- the session --------------------------------------------------------------------------
class StoryChangedOnDisk(Exception):
    """The story file changed since it was opened; saving would overwrite someone's work."""


@dataclass
class Filter:
    """Which changes the list shows: everything, a status, a family, a rule, or flags."""

    kind: str = "all"       # all | status | family | rule | kind
    value: str = ""

    def matches(self, ch: Change) -> bool:
        if self.kind == "status":
            return ch.decision.value == self.value
        if self.kind == "family":
            return ch.family == self.value or ch.primary.family == self.value
        if self.kind == "rule":
            return self.value in (ch.rule, ch.primary.rule, ch.finding.code, ch.primary.code)
        if self.kind == "kind":
            return ch.kind == self.value
        return True

    @property
    def label(self) -> str:
        if self.kind == "all":
            return "all"
        if self.kind == "kind":
            return "flags" if self.value == FLAG else "fixes"
        return f"{self.kind}: {self.value}"


Step = list[tuple[int, State, State]]   # (change index, state before, state after)


class ReviewSession:
    """One story under review."""

    def __init__(self, text: str, *, path: str | None = None, output: str | None = None,
                 config: Config | None = None, engine: Engine | None = None,
                 story: Story | None = None, log: DecisionLog | None = None):
        self.path = path
        self.output = output
        self.config = config or Config()
        self.engine = engine or engine_for(self.config, path)
        self.story = story or Story(text)
        self.log = log if log is not None else (DecisionLog.for_story(path) if path else None)
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.filter = Filter()
        self.saved_as: str | None = None
        self._disk_bytes: bytes | None = None
        # outside services that could not check the story (LanguageTool down): the app
        # says so, or an editor would take a missing grammar check for a clean one
        self.service_warnings: list[str] = []
        self._load(text)

    @classmethod
    def open(cls, path: str, *, output: str | None = None, config: Config | None = None,
             engine: Engine | None = None) -> "ReviewSession":
        """Read ``path`` (raises ``cleaner.textio.InputError`` for bad input)."""
        config = config or Config()
        story = read_path(path, config.max_file_size)
        session = cls(story.text, path=path, output=output, config=config, engine=engine,
                      story=story)
        session._disk_bytes = Path(path).read_bytes()
        return session

    # -- loading --------------------------------------------------------------------------
    def _load(self, text: str, findings: list[Finding] | None = None) -> None:
        self.text = text
        if findings is None:
            self.engine.take_unavailable()   # forget a failure left by an earlier caller
            findings = self.engine.lint(text)
            self.service_warnings = list(self.engine.take_unavailable().values())
        self.changes = build_changes(text, findings)
        self.restored = 0
        if self.log is not None:
            for ch in self.changes:
                state = self._state_from_log(ch)
                if state is not None:
                    ch.state = state
                    self.restored += 1
        # decisions restored from the log are not in the story yet
        self.dirty = any(ch.decision is Decision.ACCEPTED for ch in self.changes)

    def _state_from_log(self, ch: Change) -> State | None:
        recs = [r for r in (self.log.get(fp) for fp in ch.fingerprints) if r is not None]
        if not recs:
            return None
        rec = max(recs, key=lambda r: r.time)
        if rec.decision is Decision.PENDING:
            return None
        if rec.decision is not Decision.ACCEPTED:
            return State(rec.decision, note=rec.note)
        if rec.choice == CHOICE_EDITED:
            return State(rec.decision, edited=rec.after, note=rec.note)
        if rec.choice == CHOICE_ALTERNATIVE:
            for i in range(len(ch.alternatives)):
                if ch.after_for(i) == rec.after:
                    return State(rec.decision, choice=i, note=rec.note)
            return None  # the alternative is not offered any more: ask again
        return State(rec.decision, note=rec.note) if ch.kind == FIX else None

    # -- counts and navigation ------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {d.value: 0 for d in Decision}
        for ch in self.changes:
            out[ch.decision.value] += 1
        out["total"] = len(self.changes)
        out["flags"] = sum(1 for ch in self.changes if ch.is_flag)
        return out

    def progress(self) -> str:
        c = self.counts()
        return (f"{c['pending']}/{c['total']} pending · {c['accepted']} accepted · "
                f"{c['rejected']} rejected · {c['deferred']} deferred")

    def visible(self) -> list[int]:
        return [ch.index for ch in self.changes if self.filter.matches(ch)]

    def set_filter(self, kind: str = "all", value: str = "") -> None:
        self.filter = Filter(kind, value)

    def filter_options(self) -> list[tuple[Filter, int]]:
        """Every useful filter with the number of changes it shows."""
        out: list[tuple[Filter, int]] = [(Filter(), len(self.changes))]
        for d in Decision:
            n = sum(1 for ch in self.changes if ch.decision is d)
            if n:
                out.append((Filter("status", d.value), n))
        flags = sum(1 for ch in self.changes if ch.is_flag)
        if flags and flags < len(self.changes):
            out.append((Filter("kind", FIX), len(self.changes) - flags))
            out.append((Filter("kind", FLAG), flags))
        families: dict[str, int] = {}
        rules: dict[str, int] = {}
        for ch in self.changes:
            families[ch.primary.family] = families.get(ch.primary.family, 0) + 1
            rules[ch.primary.rule] = rules.get(ch.primary.rule, 0) + 1
        out.extend((Filter("family", k), n) for k, n in sorted(families.items()))
        out.extend((Filter("rule", k), n) for k, n in sorted(rules.items()))
        return out

    def step_from(self, index: int | None, direction: int = 1, *,
                  pending_only: bool = True, wrap: bool = True) -> int | None:
        """The next (``direction`` 1) or previous (-1) visible change after ``index``, only
        pending ones by default; ``None`` when there is none."""
        vis = self.visible()
        if index is None:
            order = vis if direction > 0 else vis[::-1]
        else:
            lo = bisect.bisect_left(vis, index)
            hi = bisect.bisect_right(vis, index)
            if direction > 0:
                order = vis[hi:] + (vis[:lo] if wrap else [])
            else:
                order = vis[:lo][::-1] + (vis[hi:][::-1] if wrap else [])
        for i in order:
            if not pending_only or self.changes[i].decision is Decision.PENDING:
                return i
        return None

    def search(self, query: str, start: int | None) -> int | None:
        """The first visible change after ``start`` (wrapping around) whose rule, message,
        words or nearby text contains ``query``, ignoring case."""
        q = query.lower().strip()
        if not q:
            return None
        vis = self.visible()
        pos = 0 if start is None else bisect.bisect_right(vis, start)
        for i in vis[pos:] + vis[:pos]:
            ch = self.changes[i]
            left, right = self.context(ch, 60)
            if q in ch.haystack() or q in (left + ch.before + right).lower():
                return i
        return None

    def context(self, ch: Change, chars: int) -> tuple[str, str]:
        """Up to ``chars`` characters either side of a change, cut at a word boundary."""
        text = self.text
        a = max(0, ch.start - chars)
        if a > 0:
            sp = text.find(" ", a, ch.start)
            a = sp + 1 if sp != -1 else a
        b = min(len(text), ch.end + chars)
        if b < len(text):
            sp = text.rfind(" ", ch.end, b)
            b = sp if sp != -1 else b
        return text[a:ch.start], text[ch.end:b]

    def identical(self, index: int) -> list[int]:
        """Pending changes identical to ``index`` (same rule, same before→after), it too."""
        key = self.changes[index].identity
        return [ch.index for ch in self.changes
                if ch.decision is Decision.PENDING and ch.identity == key]

    # -- deciding -------------------------------------------------------------------------
    def can_accept(self, index: int) -> bool:
        return self.changes[index].has_fix

    def decide(self, indexes: Iterable[int], decision: Decision, *, choice: int | None = None,
               edited: str | None = None, note: str | None = None) -> int:
        """Set a decision on changes (one undo step); returns how many changed."""
        step: Step = []
        for i in indexes:
            ch = self.changes[i]
            old = ch.state
            new = replace(old, decision=decision)
            if choice is not None:
                new = replace(new, choice=choice, edited=None)
            if edited is not None:
                new = replace(new, edited=edited)
            if note is not None:
                new = replace(new, note=note)
            if decision is Decision.ACCEPTED and not _has_fix(ch, new):
                continue  # a flag without a chosen fix cannot be accepted
            if new != old:
                step.append((i, old, new))
        return self._apply_step(step, record_undo=True)

    def accept(self, index: int, choice: int | None = None) -> bool:
        """Accept a change; ``choice`` picks an alternative (or a flag's hint)."""
        return self.decide([index], Decision.ACCEPTED, choice=choice) > 0

    def reject(self, index: int) -> bool:
        return self.decide([index], Decision.REJECTED) > 0

    def defer(self, index: int, note: str = "ask the desk") -> bool:
        return self.decide([index], Decision.DEFERRED, note=note) > 0

    def toggle(self, index: int) -> bool:
        """Pending or rejected or deferred → accepted; accepted → rejected. A flag toggles
        between dismissed (rejected) and open."""
        ch = self.changes[index]
        if ch.decision is Decision.ACCEPTED:
            return self.reject(index)
        if ch.has_fix:
            return self.accept(index)
        target = Decision.PENDING if ch.decision is Decision.REJECTED else Decision.REJECTED
        return self.decide([index], target) > 0

    def reset(self, index: int) -> bool:
        return self.decide([index], Decision.PENDING) > 0

    def edit(self, index: int, replacement: str) -> bool:
        """Accept a change with a replacement for its span written by hand."""
        ch = self.changes[index]
        if ch.kind == FIX and replacement == ch.after_for(0):
            return self.decide([index], Decision.ACCEPTED, choice=0, note="") > 0
        return self.decide([index], Decision.ACCEPTED, edited=replacement,
                           note="edited by hand") > 0

    def _apply_step(self, step: Step, *, record_undo: bool) -> int:
        if not step:
            return 0
        for i, _old, new in step:
            self.changes[i].state = new
        self._log_step([(i, new) for i, _o, new in step])
        if record_undo:
            self.undo_stack.append(step)
            self.redo_stack.clear()
        self.dirty = True
        return len(step)

    def undo(self) -> list[int]:
        """Undo the last step; returns the changes it touched (empty if nothing to undo)."""
        if not self.undo_stack:
            return []
        step = self.undo_stack.pop()
        for i, old, _new in step:
            self.changes[i].state = old
        self._log_step([(i, old) for i, old, _n in step], note="undo")
        self.redo_stack.append(step)
        self.dirty = True
        return [i for i, _o, _n in step]

    def redo(self) -> list[int]:
        if not self.redo_stack:
            return []
        step = self.redo_stack.pop()
        for i, _old, new in step:
            self.changes[i].state = new
        self._log_step([(i, new) for i, _o, new in step], note="redo")
        self.undo_stack.append(step)
        self.dirty = True
        return [i for i, _o, _n in step]

    def _log_step(self, items: list[tuple[int, State]], note: str = "") -> None:
        if self.log is None:
            return
        recs = []
        for i, state in items:
            ch = self.changes[i]
            after = ch.after if state.decision is Decision.ACCEPTED else ch.default_after
            for f in ch.findings:
                recs.append(Record(
                    fingerprint=f.fingerprint, decision=state.decision, rule=f.rule,
                    code=f.code, before=ch.before, after=after,
                    note=" ".join(x for x in (state.note, note) if x),
                    choice=ch.choice_kind if state.decision is Decision.ACCEPTED else ""))
        self.log.append(recs)

    # -- building the saved text ----------------------------------------------------------
    def build(self, *, restamp: bool = True) -> Outcome:
        """The text that saving would write (see the module docstring)."""
        text = self.text
        tracker = _Tracker()
        protected: list[int] = []      # tracker ids of spans later passes must not touch
        # explicit edits still to apply: the finding that applies them, the tracker ids of
        # its edit spans with the words each must still have, and the change
        carried: list[tuple[Finding, list[tuple[int, str]], Change]] = []
        candidates: list[Finding] = []
        kept: list[tuple[int, Finding, Change]] = []      # decisions to re-stamp
        for ch in self.changes:
            d = ch.decision
            if d is Decision.ACCEPTED and ch.has_fix:
                if not ch.explicit:
                    candidates.extend(f for f in ch.findings if f.applies(True))
                else:
                    if ch.state.edited is not None:
                        f = replace(ch.finding, start=ch.start, end=ch.end, extra_edits=(),
                                    replacements=(ch.state.edited,),
                                    applicability=Applicability.UNSAFE)
                    else:
                        f = ch.alternatives[ch.choice].as_finding()
                    spans = [(tracker.add(s, e), text[s:e]) for s, e in _footprint(f)]
                    carried.append((f, spans, ch))
            elif ch.kind == FIX:
                for f in ch.findings:
                    protected.extend(tracker.add(s, e) for s, e in _footprint(f))
            if d.settles_lint:
                for f in ch.findings:
                    kept.append((tracker.add(f.start, f.end), f, ch))
        plan = FixPlan()
        written = _Tracker()
        unapplied: list[Change] = []
        current = text
        seen = {current}
        decided = self.log.filter() if self.log is not None else None
        converged = True
        for _n in range(1, MAX_PASSES + 1):
            pool = list(candidates)
            mine: dict[int, tuple[Finding, list[tuple[int, str]], Change]] = {}
            still = []
            for f, spans, ch in carried:
                where = [tracker.spans[t] for t, _w in spans]
                if any(current[s:e] != w for (s, e), (_t, w) in zip(where, spans, strict=True)):
                    unapplied.append(ch)        # its words changed under it
                    continue
                (s0, e0), rest = where[0], where[1:]
                extra = tuple(x._replace(start=s, end=e)
                              for x, (s, e) in zip(f.extra_edits, rest, strict=True))
                g = replace(f, start=s0, end=e0, extra_edits=extra)
                mine[id(g)] = (f, spans, ch)
                pool.append(g)
                still.append((f, spans, ch))
            carried = still
            chosen = select_edits(pool, unsafe=True)
            if not chosen:
                break
            edits = edits_of(chosen)
            current, omap = apply_edits(current, edits)
            plan.add_pass(edits)
            tracker.shift(omap.segments)
            written.shift(omap.segments)
            for seg in omap.segments:
                written.add(seg[2], seg[3])
            applied = [mine[id(f)] for f in chosen if id(f) in mine]
            if applied:
                for _f, spans, _ch in applied:
                    protected.extend(t for t, _w in spans)   # the editor's wording is final
                done = {id(c[2]) for c in applied}
                carried = [c for c in carried if id(c[2]) not in done]
            guard = [tracker.spans[t] for t in protected]
            findings = self.engine.lint(current, decided)
            candidates = [f for f in findings if f.applies(True)
                          and not any(_touches(s, e, guard) for s, e in _footprint(f))]
            if current in seen:   # rules undo each other: stop where --fix stops
                converged = False
                break
            seen.add(current)
        else:
            converged = not select_edits(candidates + [c[0] for c in carried], unsafe=True)
        unapplied.extend(ch for _f, _s, ch in carried if ch not in unapplied)
        final_findings = self.engine.lint(current)
        records = self._restamp(kept, tracker, current, final_findings) if restamp else []
        spans = sorted((s, e) for s, e in written.spans)
        return Outcome(current, plan, converged, spans, unapplied, records, final_findings)

    def _restamp(self, kept, tracker: _Tracker, text: str,
                 final: list[Finding]) -> list[Record]:
        """Fingerprints of the kept decisions in the final text."""
        by_span: dict[tuple[str, int, int], list[Finding]] = {}
        for f in final:
            by_span.setdefault((f.rule, f.start, f.end), []).append(f)
        out = []
        for tid, f, ch in kept:
            s, e = tracker.spans[tid]
            if text[s:e] != self.text[f.start:f.end]:
                continue  # its words were changed: the finding is gone or different
            want = f.replacements[0] if f.replacements else None
            match = None
            for g in by_span.get((f.rule, s, e), ()):
                if (g.replacements[0] if g.replacements else None) == want:
                    match = g
                    break
            if match is None:
                continue  # the rule no longer fires here
            out.append(Record(fingerprint=match.fingerprint, decision=ch.decision,
                              rule=f.rule, code=f.code, before=ch.before,
                              after=ch.default_after, note=ch.state.note))
        return out

    def preview(self) -> Outcome:
        return self.build(restamp=False)

    # -- saving ---------------------------------------------------------------------------
    @property
    def target(self) -> str | None:
        return self.output or self.path

    def changed_on_disk(self) -> bool:
        """Whether the story file is no longer what this session read or last wrote."""
        if self.path is None or self._disk_bytes is None:
            return False
        try:
            return Path(self.path).read_bytes() != self._disk_bytes
        except OSError:
            return True

    def save(self, *, force: bool = False) -> Outcome:
        """Write the accepted changes (atomically) and keep the decisions valid for the
        saved text. Saving over the story re-opens the session on the saved text."""
        target = self.target
        if target is None:
            raise ValueError("this session has no file to save to")
        in_place = os.path.realpath(target) == os.path.realpath(self.path or "")
        if in_place and not force and self.changed_on_disk():
            raise StoryChangedOnDisk(f"{target} changed on disk since it was opened")
        outcome = self.build()
        data = encode(outcome.text, self.story)
        atomic_write(target, data)
        target_log = self.log if (in_place and self.log is not None) else DecisionLog.for_story(target)
        fresh = [r for r in outcome.kept
                 if (prev := target_log.get(r.fingerprint)) is None or prev.decision is not r.decision]
        if fresh:
            target_log.append([replace(r, note=(r.note + " " if r.note else "")
                                       + "kept when the story was saved") for r in fresh])
        counts = self.counts()
        target_log.append_event("saved", path=os.path.basename(target),
                                edits=len(outcome.plan), accepted=counts["accepted"],
                                rejected=counts["rejected"], deferred=counts["deferred"],
                                pending=counts["pending"])
        self.saved_as = target
        if in_place:
            self._disk_bytes = data
            self.story = replace(self.story, legacy_bytes=[])
            self.undo_stack.clear()
            self.redo_stack.clear()
            self._load(outcome.text, outcome.final_findings)
        self.dirty = False
        return outcome

    # -- rule documentation ---------------------------------------------------------------
    def rule_doc(self, code: str) -> dict[str, str]:
        for cls in self.engine.catalogue:
            if cls.code == code:
                return cls.doc_sections()
        return {}


def inline_diff(before: str, after: str) -> list[tuple[str, str]]:
    """``before`` → ``after`` as (op, text) pieces: "=" kept, "-" deleted, "+" inserted.

    One deletion and one insertion between the common start and end, so that "Blinkens’"
    → "Blinken’s" reads as "Blinken" + "s’"→"’s", not as a scatter of single letters."""
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    q = 0
    while q < n - p and before[len(before) - 1 - q] == after[len(after) - 1 - q]:
        q += 1
    pieces = [("=", before[:p]), ("-", before[p:len(before) - q]),
              ("+", after[p:len(after) - q]), ("=", before[len(before) - q:])]
    return [(op, t) for op, t in pieces if t]


__all__ = [
    "Alternative", "Change", "Filter", "Outcome", "ReviewSession", "State", "StoryChangedOnDisk",
    "build_changes", "inline_diff", "FIX", "FLAG",
]

