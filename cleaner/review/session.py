"""A story under review: its changes, the editor's decisions, undo, and the saved text.

Plain Python, no Textual: the app draws a ``ReviewSession`` and calls its methods, and the
tests drive it directly.

Opening
    The story is fixed once as ``wirefix check --fix --unsafe-fixes`` would fix it, through
    the engine's one fix loop with a trace, and the changes are built from that run
    (``changes.build_changes``). Decisions in the story's audit log are restored by
    fingerprint.

Deciding
    Each change is pending, accepted, rejected, deferred or fixed by hand. Every decision is
    appended at once to the audit log (``cleaner.decisions``), one line per change with its
    own before and after, so a killed terminal loses nothing. Undo and redo work on steps
    (one key, or one batch such as "accept all identical") and survive a save: the session
    always works from the story as opened, and saving writes what its decisions make of it.

Saving
    The same fix loop runs on the story as opened with ``AcceptedFixes`` as its policy: it
    applies exactly the fixes the editor accepted (known by where they sit and what they
    write) and the editor's own hand edits, and nothing else, so a later pass can never
    apply a fix the editor has not seen. Accepting every change therefore gives the text of
    ``wirefix check --fix --unsafe-fixes`` byte for byte. The decisions kept (rejected,
    deferred) are re-fingerprinted against the saved text and appended to the log next to
    it, so ``wirefix check`` stays quiet about them.
"""
from __future__ import annotations

import bisect
import getpass
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from ..config import Config
from ..decisions import Decision, DecisionLog, Record
from ..document import Document
from ..engine import Engine, engine_for
from ..findings import Applicability, Edit, Finding, Fix
from ..fixloop import FixResult, Origin
from ..plan import Choice, FixPlan, apply_edits
from ..spans import Span, competing
from ..textio import Story, atomic_write, encode, read_path
from .changes import (CHOICE_ALTERNATIVE, CHOICE_EDITED, FIX, FLAG, Change, FixKey, Place,
                      State, build_changes, fix_key)

HAND_EDIT_CODE = "EDIT"
# A flag's hand edit covers its sentence, or its paragraph when that is no longer than this.
PARAGRAPH_EDIT_LIMIT = 700


class StoryChangedOnDisk(Exception):
    """The story file changed since it was opened; saving would overwrite someone's work."""


@dataclass
class Outcome:
    """What saving would write, and how it got there."""

    text: str
    plan: FixPlan
    converged: bool
    written: list[Span]            # stretches of the saved text that the edits wrote
    unapplied: list[Change]        # accepted, but the text they were made for is gone
    kept: list[Record]             # rejected and deferred decisions re-stamped for the text
    final_findings: list[Finding]


class AcceptedFixes:
    """The review's fix-loop policy: the fixes the editor accepted and nothing else, plus
    the editor's own hand edits in the first pass (they win any clash)."""

    def __init__(self, keys: set[FixKey], hand_edits: Sequence[Choice]):
        self.keys = keys
        self.hand_edits = list(hand_edits)
        self.protected = [(c.fix.start, c.fix.end) for c in self.hand_edits]

    def choices(self, findings: Sequence[Finding], origin: Origin, pass_no: int) -> list[Choice]:
        out = list(self.hand_edits) if pass_no == 1 else []
        if not self.keys:
            return out
        for f in findings:
            for fx in f.fixes:
                spans = origin.fix(fx)
                if fix_key(f.code, spans, fx) not in self.keys:
                    continue
                if any(competing(s, e, ps, pe) or (ps <= s and e <= pe)
                       for s, e in spans for ps, pe in self.protected):
                    continue   # in text the editor rewrote by hand
                out.append(Choice(f, fx))
                break
        return out


@dataclass
class Filter:
    """Which changes the list shows: a status and/or a scope (family, rule or kind)."""

    status: str = ""        # a Decision value, or "" for any
    kind: str = ""          # "" | family | rule | kind
    value: str = ""

    def matches(self, ch: Change) -> bool:
        if self.status and ch.decision.value != self.status:
            return False
        if self.kind == "family":
            return ch.family == self.value or ch.primary.family == self.value
        if self.kind == "rule":
            return self.value in (ch.rule, ch.primary.rule, ch.finding.code, ch.primary.code)
        if self.kind == "kind":
            return ch.kind == self.value
        return True

    @property
    def is_all(self) -> bool:
        return not self.status and not self.kind

    @property
    def label(self) -> str:
        parts = []
        if self.kind == "kind":
            parts.append("flags" if self.value == FLAG else "fixes")
        elif self.kind:
            parts.append(f"{self.kind}: {self.value}")
        if self.status:
            parts.append(self.status)
        return " · ".join(parts) or "all"


Step = list[tuple[int, State, State]]   # (change index, state before, state after)


def _accepted_hand_edit(ch: Change) -> bool:
    return ch.state.edited is not None and ch.decision in (Decision.ACCEPTED,
                                                          Decision.FIXED_BY_HAND)


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
        self.saved_text: str | None = None
        self._disk_bytes: bytes | None = None
        self._user = _user()
        # outside services that could not check the story (LanguageTool down): the app
        # says so, or an editor would take a missing grammar check for a clean one
        self.service_warnings: list[str] = []
        # audit-log appends that failed (a full disk, a log made read-only): the app says so
        self.log_failures: list[str] = []
        self._hand_edits_cache: list[Change] | None = None
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
    def _load(self, text: str) -> None:
        self.text = text
        self.engine.take_unavailable()   # forget a failure left by an earlier caller
        self.run: FixResult = self.engine.fix(text, unsafe=True, trace=True)
        self.service_warnings = list(self.engine.take_unavailable().values())
        self.changes = build_changes(text, self.run)
        self._doc: Document | None = None
        self.restored = 0
        if self.log is not None:
            for ch in self.changes:
                state = self._state_from_log(ch)
                if state is not None:
                    ch.state = state
                    self.restored += 1
        self._states_changed()
        # decisions restored from the log are not in the story yet
        self.dirty = any(ch.decision in (Decision.ACCEPTED, Decision.FIXED_BY_HAND)
                         for ch in self.changes)

    @property
    def doc(self) -> Document:
        if self._doc is None:
            self._doc = Document(self.text)
        return self._doc

    def _state_from_log(self, ch: Change) -> State | None:
        assert self.log is not None
        recs = [r for r in (self.log.get(fp) for fp in ch.fingerprints) if r is not None]
        if not recs:
            return None
        rec = max(recs, key=lambda r: r.time)
        if rec.decision is Decision.PENDING:
            return None
        if rec.decision not in (Decision.ACCEPTED, Decision.FIXED_BY_HAND):
            return State(rec.decision, note=rec.note)
        if rec.choice == CHOICE_EDITED or rec.decision is Decision.FIXED_BY_HAND:
            span = self._find_near(rec.before, ch.start)
            if span is None:
                return None   # the words it rewrote are gone: ask again
            return State(rec.decision, edited=rec.after, note=rec.note,
                         edit_span=None if span == (ch.start, ch.end) else span)
        if rec.choice == CHOICE_ALTERNATIVE:
            for i in range(len(ch.options)):
                if ch.after_for(i) == rec.after:
                    return State(rec.decision, choice=i, note=rec.note)
            return None  # the alternative is not offered any more: ask again
        return State(rec.decision, note=rec.note) if ch.kind == FIX else None

    def _find_near(self, words: str, near: int) -> Span | None:
        """The occurrence of ``words`` in the story nearest ``near``."""
        if not words:
            return None
        best: Span | None = None
        pos = self.text.find(words)
        while pos != -1:
            if best is None or abs(pos - near) < abs(best[0] - near):
                best = (pos, pos + len(words))
            pos = self.text.find(words, pos + 1)
        return best

    # -- counts and navigation ------------------------------------------------------------
    def counts(self, indexes: Iterable[int] | None = None) -> dict[str, int]:
        chosen = self.changes if indexes is None else [self.changes[i] for i in indexes]
        out = {d.value: 0 for d in Decision}
        for ch in chosen:
            out[ch.decision.value] += 1
        out["total"] = len(chosen)
        out["flags"] = sum(1 for ch in chosen if ch.is_flag)
        return out

    def progress(self) -> str:
        c = self.counts()
        text = (f"{c['pending']}/{c['total']} pending · {c['accepted']} accepted · "
                f"{c['rejected']} rejected · {c['deferred']} deferred")
        if c["fixed-by-hand"]:
            text += f" · {c['fixed-by-hand']} fixed by hand"
        return text

    def visible(self) -> list[int]:
        return [ch.index for ch in self.changes if self.filter.matches(ch)]

    def pending_elsewhere(self) -> int:
        """Pending changes the filter hides."""
        shown = set(self.visible())
        return sum(1 for ch in self.changes
                   if ch.decision is Decision.PENDING and ch.index not in shown)

    def set_filter(self, kind: str = "", value: str = "", status: str = "") -> None:
        self.filter = Filter(status, kind, value)

    def filter_options(self) -> list[tuple[Filter, int]]:
        """Every useful filter with the number of changes it shows: each status, each scope,
        and each scope combined with the pending status."""
        out: list[tuple[Filter, int]] = [(Filter(), len(self.changes))]
        for d in Decision:
            n = sum(1 for ch in self.changes if ch.decision is d)
            if n:
                out.append((Filter(status=d.value), n))
        scopes: list[Filter] = []
        flags = sum(1 for ch in self.changes if ch.is_flag)
        if flags and flags < len(self.changes):
            scopes += [Filter(kind="kind", value=FIX), Filter(kind="kind", value=FLAG)]
        scopes += [Filter(kind="family", value=k)
                   for k in sorted({ch.primary.family for ch in self.changes})]
        scopes += [Filter(kind="rule", value=k)
                   for k in sorted({ch.primary.rule for ch in self.changes})]
        for flt in scopes:
            n = sum(1 for ch in self.changes if flt.matches(ch))
            if not n:
                continue
            out.append((flt, n))
            pending = Filter(Decision.PENDING.value, flt.kind, flt.value)
            m = sum(1 for ch in self.changes if pending.matches(ch))
            if 0 < m < n:
                out.append((pending, m))
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

    def search(self, query: str, start: int | None, direction: int = 1) -> int | None:
        """The next (or previous) visible change from ``start``, wrapping around, whose rule,
        message, words or nearby text contains ``query``, ignoring case."""
        q = query.lower().strip()
        if not q:
            return None
        vis = self.visible()
        if direction > 0:
            pos = 0 if start is None else bisect.bisect_right(vis, start)
            order = vis[pos:] + vis[:pos]
        else:
            pos = len(vis) if start is None else bisect.bisect_left(vis, start)
            order = vis[:pos][::-1] + vis[pos:][::-1]
        for i in order:
            if self.match_in(self.changes[i], q) is not None:
                return i
        return None

    def match_in(self, ch: Change, query: str) -> tuple[str, int] | None:
        """Where ``query`` occurs for a change: ("text", offset in the story) when it is in
        the words of one of its places or the text around them, ("about", -1) when only in
        its rule, message or fix. None when nowhere."""
        q = query.lower()
        for p in self.stretches(ch):
            a, b = self.context_bounds(p.start, p.end, 60)
            pos = self.text[a:b].lower().find(q)
            if pos != -1:
                return ("text", a + pos)
            if q in p.after.lower():
                return ("text", p.start)
        f = ch.finding
        if q in "\n".join((f.rule, f.code, f.family, f.message, f.fix_title)).lower():
            return ("about", -1)
        return None

    def context_bounds(self, start: int, end: int, chars: int) -> Span:
        """Up to ``chars`` characters either side of a stretch, cut at a word boundary."""
        text = self.text
        a = max(0, start - chars)
        if a > 0:
            sp = text.find(" ", a, start)
            a = sp + 1 if sp != -1 else a
        b = min(len(text), end + chars)
        if b < len(text):
            sp = text.rfind(" ", end, b)
            b = sp if sp != -1 else b
        return a, b

    def stretches(self, ch: Change) -> list[Place]:
        """What the change as it stands rewrites: its places, each with its text before and
        after (a hand edit is one place; an undecided flag shows its own words, unchanged)."""
        if ch.state.edited is not None:
            s, e = ch.edit_span
            return [Place(s, e, self.text[s:e], ch.state.edited)]
        opt = ch.option
        if opt is None:
            return [Place(ch.start, ch.end, ch.before, ch.before)]
        return list(opt.places)

    def identical(self, index: int) -> list[int]:
        """Pending changes identical to ``index`` (same rule, same before→after), it too."""
        key = self.changes[index].identity
        return [ch.index for ch in self.changes
                if ch.decision is Decision.PENDING and ch.identity == key
                and self.covering(ch) is None]

    def covering(self, ch: Change) -> int | None:
        """The change whose hand edit rewrote this change's text, if any."""
        for other in self._hand_edits():
            if other is ch or not _accepted_hand_edit(other):   # (re-tested: never stale)
                continue
            s, e = other.edit_span
            if s <= ch.start and ch.end <= e and (s, e) != (ch.start, ch.end):
                return other.index
        return None

    def _hand_edits(self) -> list[Change]:
        """The accepted hand edits, usually none. covering() asks once per row of the list,
        so they are found once per state of the decisions (_states_changed), not per row."""
        if self._hand_edits_cache is None:
            self._hand_edits_cache = [c for c in self.changes if _accepted_hand_edit(c)]
        return self._hand_edits_cache

    def _states_changed(self) -> None:
        self._hand_edits_cache = None

    # -- deciding -------------------------------------------------------------------------
    def decide(self, indexes: Iterable[int], decision: Decision, *, choice: int | None = None,
               edited: str | None = None, edit_span: Span | None = None,
               note: str | None = None) -> int:
        """Set a decision on changes (one undo step); returns how many changed."""
        step: Step = []
        for i in indexes:
            ch = self.changes[i]
            old = ch.state
            new = replace(old, decision=decision)
            if choice is not None:
                new = replace(new, choice=choice, edited=None, edit_span=None)
            if edited is not None:
                new = replace(new, edited=edited, edit_span=edit_span)
            elif decision is not Decision.ACCEPTED and decision is not Decision.FIXED_BY_HAND:
                new = replace(new, edited=None, edit_span=None)
            if note is not None:
                new = replace(new, note=note)
            if decision is Decision.ACCEPTED and not _can_apply(ch, new):
                continue  # a flag without a chosen hint cannot be accepted
            if new != old:
                step.append((i, old, new))
        return self._apply_step(step, record_undo=True)

    def accept(self, index: int, choice: int | None = None) -> bool:
        """Accept a change; ``choice`` picks an option (or a flag's hint)."""
        return self.decide([index], Decision.ACCEPTED, choice=choice) > 0

    def reject(self, index: int) -> bool:
        return self.decide([index], Decision.REJECTED) > 0

    def defer(self, index: int, note: str = "ask the desk") -> bool:
        return self.decide([index], Decision.DEFERRED, note=note or "ask the desk") > 0

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

    def edit_region(self, index: int) -> tuple[int, int, str]:
        """The stretch ``e`` lets the editor rewrite, and the text to start from: a fix's
        own stretch; for a flag its sentence, or its paragraph when that is short. The
        start text holds the accepted fixes inside the stretch (and a hand edit made
        before, if any)."""
        ch = self.changes[index]
        if ch.state.edited is not None:
            s, e = ch.edit_span
            return s, e, ch.state.edited
        if ch.kind == FIX:
            s, e = ch.start, ch.end
            return s, e, ch.after
        s, e = self._flag_region(ch)
        inner = []
        for other in self.changes:
            if other is ch or other.decision is not Decision.ACCEPTED or other.state.edited:
                continue
            opt = other.option
            if opt is None or not all(o.exact for o in opt.offers):
                continue
            edits = [x for o in opt.offers for x in o.edits]
            if all(s <= x.start and x.end <= e for x in edits):
                inner.extend(edits)
        inner.sort(key=lambda x: (x.start, x.end))
        try:
            start_text, _ = apply_edits(self.text[s:e], [x._replace(start=x.start - s,
                                                                    end=x.end - s)
                                                         for x in inner])
        except ValueError:
            start_text = self.text[s:e]
        return s, e, start_text

    def _flag_region(self, ch: Change) -> Span:
        doc = self.doc
        para = doc.paragraph_at(ch.start)
        if para is not None:
            ps, pe = para.start, para.end
            if pe - ps <= PARAGRAPH_EDIT_LIMIT and ps <= ch.start and ch.end <= pe:
                return ps, pe
        first = doc.sentence_at(ch.start)
        last = doc.sentence_at(max(ch.start, ch.end - 1))
        s = min(ch.start, first[0]) if first else ch.start
        e = max(ch.end, last[1]) if last else ch.end
        return s, e

    def edit(self, index: int, replacement: str, span: Span | None = None) -> bool:
        """Accept a change with text written by hand for its stretch (or ``span``, the wider
        stretch ``edit_region`` gave). On a flag the outcome is "fixed by hand"."""
        ch = self.changes[index]
        span = span if span is not None and span != (ch.start, ch.end) else None
        if ch.kind == FIX and span is None:
            for i in range(len(ch.options)):
                if replacement == ch.after_for(i):   # the editor typed an option: take it
                    return self.decide([index], Decision.ACCEPTED, choice=i, note="") > 0
        decision = Decision.FIXED_BY_HAND if ch.kind == FLAG else Decision.ACCEPTED
        return self.decide([index], decision, edited=replacement, edit_span=span,
                           note="edited by hand") > 0

    def _apply_step(self, step: Step, *, record_undo: bool) -> int:
        if not step:
            return 0
        for i, _old, new in step:
            self.changes[i].state = new
        self._states_changed()
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
        self._states_changed()
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
        self._states_changed()
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
            fps = ch.fingerprints
            if not fps:
                continue
            before, after = ch.before, ch.default_after
            if state.edited is not None:
                s, e = state.edit_span or (ch.start, ch.end)
                before, after = self.text[s:e], state.edited
            elif state.decision is Decision.ACCEPTED:
                after = _after_of(ch, state)
            choice = ""
            if state.decision in (Decision.ACCEPTED, Decision.FIXED_BY_HAND):
                choice = (CHOICE_EDITED if state.edited is not None else
                          CHOICE_ALTERNATIVE if (state.choice is not None and (
                              state.choice > 0 or ch.kind == FLAG)) else "default")
            recs.append(Record(
                fingerprint=fps[0], also=fps[1:], decision=state.decision, rule=ch.primary.rule,
                code=ch.primary.code, before=before, after=after,
                note=" ".join(x for x in (state.note, note) if x), choice=choice,
                user=self._user, line=ch.line))
        try:
            self.log.append(recs)
        except OSError as exc:
            # the decision stands in the session (and is saved with the story); the app
            # tells the editor that the audit log did not get it
            self.log_failures.append(f"{self.log.path}: the decision could not be logged: "
                                     f"{exc.strerror or exc}")

    # -- building the saved text ----------------------------------------------------------
    def policy(self) -> AcceptedFixes:
        """The fix-loop policy of the decisions as they stand."""
        keys: set[FixKey] = set()
        hand: list[Choice] = []
        for ch in self.changes:
            if ch.decision not in (Decision.ACCEPTED, Decision.FIXED_BY_HAND):
                continue
            if ch.state.edited is not None:
                s, e = ch.edit_span
                if self.text[s:e] != ch.state.edited:
                    hand.append(_hand_edit(s, e, ch.state.edited))
                continue
            opt = ch.option
            if opt is not None and self.covering(ch) is None:
                keys.update(opt.keys)
        return AcceptedFixes(keys, hand)

    def build(self, *, restamp: bool = True) -> Outcome:
        """The text that saving would write (see the module docstring)."""
        policy = self.policy()
        res = self.engine.fix(self.text, unsafe=True, policy=policy, trace=True)
        applied = {fix_key(s.choice.finding.code, s.origin, s.choice.fix) for s in res.steps}
        unapplied = []
        for ch in self.changes:
            if ch.decision is not Decision.ACCEPTED or ch.state.edited is not None:
                continue
            opt = ch.option
            if opt is not None and self.covering(ch) is None and not set(opt.keys) <= applied:
                unapplied.append(ch)
        for c in policy.hand_edits:
            if not any(s.choice is c for s in res.steps):
                unapplied.extend(ch for ch in self.changes if ch.state.edited is not None
                                 and ch.edit_span == (c.fix.start, c.fix.end))
        records = self._restamp(res) if restamp else []
        return Outcome(res.text, res.plan, res.converged, _written(res), unapplied, records,
                       res.remaining)

    def _restamp(self, res: FixResult) -> list[Record]:
        """Fingerprints of the kept decisions (rejected, deferred) in the saved text."""
        by_span: dict[tuple[str, int, int], list[Finding]] = {}
        for f in res.remaining:
            by_span.setdefault((f.rule, f.start, f.end), []).append(f)
        out = []
        for ch in self.changes:
            if ch.decision not in (Decision.REJECTED, Decision.DEFERRED):
                continue
            for f in ch.findings:
                s, e = res.chain.span_to_last(f.start, f.end)
                if res.text[s:e] != self.text[f.start:f.end]:
                    continue  # its words were changed: the finding is gone or different
                want = f.replacement_texts(self.text)[:1]
                match = next((g for g in by_span.get((f.rule, s, e), ())
                              if g.replacement_texts(res.text)[:1] == want), None)
                if match is None:
                    continue  # the rule no longer fires here
                out.append(Record(fingerprint=match.fingerprint, decision=ch.decision,
                                  rule=f.rule, code=f.code, before=ch.before,
                                  after=ch.default_after, note=ch.state.note,
                                  user=self._user, line=ch.line))
        return out

    def preview(self) -> Outcome:
        return self.build(restamp=False)

    # -- the story on disk ----------------------------------------------------------------
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

    def reload(self, text: str | None = None) -> None:
        """Re-check the story from disk (or ``text``: the editor rewrote it in $EDITOR),
        keeping every decision that still matches by fingerprint. Undo starts afresh."""
        if text is None:
            if self.path is None:
                raise ValueError("this session has no file to reload")
            story = read_path(self.path, self.config.max_file_size)
            self.story = story
            text = story.text
            self._disk_bytes = Path(self.path).read_bytes()
        self.undo_stack.clear()
        self.redo_stack.clear()
        self._load(text)
        self.dirty = self.dirty or text != self._disk_text()

    def _disk_text(self) -> str | None:
        try:
            return self._disk_bytes.decode("utf-8") if self._disk_bytes is not None else None
        except UnicodeDecodeError:
            return None

    def save(self, *, force: bool = False) -> Outcome:
        """Write the accepted changes (atomically) and keep the decisions valid for the
        saved text. The session goes on from the story as opened, so undo still works."""
        target = self.target
        if target is None:
            raise ValueError("this session has no file to save to")
        in_place = os.path.realpath(target) == os.path.realpath(self.path or "")
        if in_place and not force and self.changed_on_disk():
            raise StoryChangedOnDisk(f"{target} changed on disk since it was opened")
        outcome = self.build()
        data = encode(outcome.text, self.story)
        mode = _mode_of(self.path) if not in_place else None
        atomic_write(target, data, mode=mode)
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
                                fixed_by_hand=counts["fixed-by-hand"], pending=counts["pending"],
                                sha256=hashlib.sha256(data).hexdigest(), user=self._user)
        self.saved_as = target
        self.saved_text = outcome.text
        if in_place:
            self._disk_bytes = data
            self.story = replace(self.story, legacy_bytes=[])
        self.dirty = False
        return outcome

    # -- rule documentation ---------------------------------------------------------------
    def rule_doc(self, code: str) -> dict[str, str]:
        for cls in self.engine.catalogue:
            if cls.code == code:
                return cls.doc_sections()
        return {}


def _can_apply(ch: Change, st: State) -> bool:
    if st.edited is not None or ch.kind == FIX:
        return True
    return st.choice is not None and 0 <= st.choice < len(ch.options)


def _after_of(ch: Change, st: State) -> str:
    if st.choice is not None and 0 <= st.choice < len(ch.options):
        return ch.after_for(st.choice)
    return ch.default_after


def _hand_edit(start: int, end: int, text: str) -> Choice:
    fx = Fix((Edit(start, end, text, "edited-by-hand", HAND_EDIT_CODE),), Applicability.UNSAFE,
             "Edited by hand")
    f = Finding(HAND_EDIT_CODE, "edited-by-hand", "review", start, end, "Edited by hand",
                (fx,), priority=-1)
    return Choice(f, fx)


def _written(res: FixResult) -> list[Span]:
    """The stretches of the final text that the run's edits wrote."""
    out: list[Span] = []
    maps = res.chain.maps
    for i, m in enumerate(maps):
        for _os, _oe, ns, ne in m.segments:
            s, e = ns, ne
            for later in maps[i + 1:]:
                s, e = later.span_to_new(s, e)
            out.append((s, e))
    return sorted(out)


def _mode_of(path: str | None) -> int | None:
    if not path:
        return None
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return None


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no user name in this environment (a container without passwd)
        return str(os.getuid()) if hasattr(os, "getuid") else ""
