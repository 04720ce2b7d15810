"""What the editor decides: changes, their options, and how they are built from one run of
the fix loop.

The story is fixed once as ``wirefix check --fix --unsafe-fixes`` would fix it, with a trace
(``cleaner.fixloop``). Every fix that run could apply or applied is an ``Offer``: a finding,
one of its fixes, and where the fix's edits sit in the story as opened. An offer is known by
its ``key`` (rule code, edit spans in the story as opened, replacement texts); saving applies
exactly the offers whose keys the editor accepted, and nothing else.

- The first pass's findings give offers for each of their fixes (alternatives included)
  with exact spans in the story.
- A fix the run applied in a later pass (damage an earlier fix uncovered, such as a run of
  spaces left by a joined line) is an offer too; its spans are mapped back into the story
  (inside text an earlier fix wrote, to that fix's edges).
- Offers whose edits compete for the same text (``spans.competing``) form one ``Change``;
  all fixes of one finding belong to one change. Edits that merely touch are separate
  changes: both can be accepted.
- A change's first option is what the accept-all run did there (the ``default``); the others
  are each remaining fix on its own. A finding with no fix to apply is a *flag*: its hints
  are its options, and the editor may also rewrite the text around it by hand.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Sequence

from ..decisions import Decision
from ..findings import Applicability, Edit, Finding, Fix
from ..plan import apply_edits
from ..spans import Span, competing, merged

if TYPE_CHECKING:
    from ..fixloop import FixResult

FIX, FLAG = "fix", "flag"
CHOICE_DEFAULT, CHOICE_ALTERNATIVE, CHOICE_EDITED = "default", "alternative", "edited"

# An offer's identity: (rule code, edit spans in the story as opened, replacement texts).
FixKey = tuple[str, tuple[Span, ...], tuple[str, ...]]
# Edits closer than this are one place of a multi-place change; so are edits in one
# paragraph up to PARAGRAPH_GAP apart.
PLACE_GAP = 60
PARAGRAPH_GAP = 1000


def fix_key(code: str, spans: Sequence[Span], fx: Fix) -> FixKey:
    return (code, tuple(spans), tuple(e.replacement for e in fx.edits))


@dataclass(frozen=True)
class Offer:
    """One fix as the editor sees it."""

    finding: Finding
    fix: Fix
    key: FixKey
    origin: tuple[Span, ...]      # the fix's edit spans in the story as opened
    exact: bool                   # its edits apply to the story as opened (a first-pass fix)
    by_default: bool              # the accept-all run applied it

    @property
    def edits(self) -> list[Edit]:
        """Its edits in the story's coordinates (exact offers only)."""
        return [Edit(s, e, x.replacement, self.finding.rule, self.finding.code)
                for (s, e), x in zip(self.origin, self.fix.edits, strict=True)]


@dataclass(frozen=True)
class Place:
    """One stretch of the story an option changes: its text before and after."""

    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class Option:
    """One way to resolve a change: the offers it applies together."""

    offers: tuple[Offer, ...]
    places: tuple[Place, ...]
    title: str
    default: bool                 # what --fix --unsafe-fixes does here

    @property
    def applicability(self) -> Applicability:
        """The least sure of its fixes."""
        order = (Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY)
        return max((o.fix.applicability for o in self.offers), key=order.index,
                   default=Applicability.DISPLAY)

    @property
    def keys(self) -> tuple[FixKey, ...]:
        return tuple(o.key for o in self.offers)

    @property
    def signature(self) -> tuple[tuple[int, int, str], ...]:
        """What the option writes where (two options that write the same are one)."""
        return tuple((p.start, p.end, p.after) for p in self.places)


@dataclass(frozen=True)
class State:
    """The mutable part of a change, as one value (what undo restores)."""

    decision: Decision = Decision.PENDING
    # index into Change.options chosen by the editor; None: the default (for a flag: none)
    choice: int | None = None
    edited: str | None = None        # text written by hand for [edit_start, edit_end)
    edit_span: Span | None = None    # the stretch the hand edit replaces (None: the change's)
    note: str = ""


@dataclass
class Change:
    """One reviewable item: the fixes that compete for one stretch of text, or a flag."""

    index: int
    kind: str
    findings: tuple[Finding, ...]
    options: tuple[Option, ...]
    start: int                    # the stretch every option touches, in the story
    end: int
    before: str
    line: int = 0
    state: State = field(default_factory=State)
    covered_by: int | None = None   # a hand edit of another change rewrote this text

    # -- what the change is about ---------------------------------------------------------
    @property
    def primary(self) -> Finding:
        if self.options and self.options[0].offers:
            return self.options[0].offers[0].finding
        return self.findings[0]

    @property
    def choice(self) -> int:
        return self.state.choice if self.state.choice is not None else 0

    @property
    def option(self) -> Option | None:
        """The option that accepting applies (None: a flag with no hint chosen)."""
        if self.state.edited is not None:
            return None
        if self.kind == FLAG and self.state.choice is None:
            return None
        return self.options[self.choice] if self.choice < len(self.options) else None

    @property
    def finding(self) -> Finding:
        """The finding of the current choice (or the primary one)."""
        opt = self.option
        if opt is not None and opt.offers:
            return opt.offers[0].finding
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
        return tuple(dict.fromkeys(f.fingerprint for f in self.findings if f.fingerprint))

    @property
    def is_flag(self) -> bool:
        return self.kind == FLAG

    @property
    def multi_place(self) -> bool:
        return any(len(o.places) > 1 for o in self.options)

    @property
    def has_fix(self) -> bool:
        """Whether accepting has something to apply: for a fix always; for a flag once the
        editor chose a hint or wrote the text by hand."""
        return self.state.edited is not None or self.option is not None

    @property
    def explicit(self) -> bool:
        """Accepted with the editor's own wording: a chosen option, a hint, or a hand edit."""
        st = self.state
        return st.edited is not None or (st.choice is not None
                                         and (st.choice > 0 or self.kind == FLAG))

    @property
    def choice_kind(self) -> str:
        if self.state.edited is not None:
            return CHOICE_EDITED
        return CHOICE_ALTERNATIVE if self.explicit else CHOICE_DEFAULT

    @property
    def edit_span(self) -> Span:
        return self.state.edit_span or (self.start, self.end)

    @property
    def after(self) -> str:
        """The change's text once accepted as things stand (the whole stretch; a hand edit
        of a wider stretch is shown by the session, which has the text around it)."""
        if self.state.edited is not None and self.edit_span == (self.start, self.end):
            return self.state.edited
        opt = self.option
        if opt is None:
            return self.before
        return render_after(self.start, self.before, opt.places)

    def after_for(self, choice: int) -> str:
        return render_after(self.start, self.before, self.options[choice].places)

    @property
    def default_after(self) -> str:
        """What --fix --unsafe-fixes writes here (for a flag: its first hint, or nothing)."""
        return self.after_for(0) if self.options else self.before

    @property
    def identity(self) -> tuple[str, str, str]:
        """Changes with the same identity are "identical" for ``a``/``d``."""
        return (self.primary.rule, self.before, self.default_after)


def render_after(start: int, before: str, places: Sequence[Place]) -> str:
    """``before`` (the change's stretch from ``start``) with the places rewritten."""
    out, pos = [], 0
    for p in sorted(places, key=lambda p: (p.start, p.end)):
        a, b = p.start - start, p.end - start
        if a < pos or b > len(before):
            continue
        out.append(before[pos:a])
        out.append(p.after)
        pos = b
    out.append(before[pos:])
    return "".join(out)


# -- building -------------------------------------------------------------------------------
def build_changes(text: str, run: "FixResult") -> list[Change]:
    """The changes of a story from the traced accept-all run of the fix loop."""
    applied = {fix_key(s.choice.finding.code, s.origin, s.choice.fix): s for s in run.steps}
    offers: list[Offer] = []
    flags: list[Finding] = []
    first_keys: set[FixKey] = set()
    for f in run.first:
        if not f.applies(True):
            flags.append(f)
            continue
        for fx in f.fixes:
            if not fx.applicability.allowed(True):
                continue    # a hint next to a fix: the fix is what is offered
            key = fix_key(f.code, fx.spans, fx)
            first_keys.add(key)
            offers.append(Offer(f, fx, key, tuple(fx.spans), True, key in applied))
    for key, step in applied.items():
        if key not in first_keys:    # uncovered by an earlier fix of the run
            offers.append(Offer(step.choice.finding, step.choice.fix, key, step.origin, False,
                                True))
    flags.extend(_late_flags(run, {(f.rule, f.start, f.end) for f in run.first}))
    changes: list[Change] = []
    for group in _groups(offers):
        if not any(o.by_default for o in group) and all(o.exact for o in group):
            # found on the story as opened, but the fixes before it took away what it was
            # found for, so the accept-all run applied none of it: a flag whose fixes are
            # hints, so that accepting every change still writes what --fix writes
            for f in dict.fromkeys(o.finding for o in group):
                changes.append(_flag_change(text, replace(f, note=_DROPPED_NOTE)))
            continue
        changes.append(_fix_change(text, group, run))
    for f in flags:
        changes.append(_flag_change(text, f))
    changes.sort(key=lambda c: (c.start, c.end, c.kind == FLAG))
    line_starts = _line_starts(text)
    for i, ch in enumerate(changes):
        ch.index = i
        ch.line = _line_of(line_starts, ch.start)
    return changes


_DROPPED_NOTE = ("not applied by --fix: once the fixes before it were made, the rule no "
                "longer found this")


def _late_flags(run: "FixResult", first: set[tuple[str, int, int]]) -> list[Finding]:
    """Flags raised only once fixes were applied, with their spans in the story as opened."""
    out = []
    for f in run.remaining:
        if f.applies(True):
            continue
        s, e = run.chain.span_to_first(f.start, f.end)
        if (f.rule, s, e) in first:
            continue
        hints = tuple(fx.moved([x._replace(start=a, end=b) for x in fx.edits
                                for a, b in [run.chain.span_to_first(x.start, x.end)]])
                      for fx in f.fixes) if run.chain.maps else f.fixes
        out.append(replace(f, start=s, end=e, fixes=hints))
    return out


def _groups(offers: list[Offer]) -> list[list[Offer]]:
    """Offers whose edits compete, as groups; every fix of one finding in one group."""
    parent = list(range(len(offers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    owner: dict[int, int] = {}
    for i, o in enumerate(offers):
        if o.exact:
            j = owner.setdefault(id(o.finding), i)
            if j != i:
                join(i, j)
    # sweep the edit spans in order; an edit competes only with ones that start before its
    # end, so the sweep keeps the open ones
    spans = sorted((s, e, i) for i, o in enumerate(offers) for s, e in o.origin)
    active: list[tuple[int, int, int]] = []
    for s, e, i in spans:
        active = [a for a in active if a[1] >= s]
        for a_s, a_e, j in active:
            if j != i and competing(a_s, a_e, s, e):
                join(i, j)
        active.append((s, e, i))
    out: dict[int, list[Offer]] = {}
    for i, o in enumerate(offers):
        out.setdefault(root(i), []).append(o)
    return list(out.values())


def _fix_change(text: str, group: list[Offer], run: "FixResult") -> Change:
    spans = [sp for o in group for sp in o.origin]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    # the engine's order: catalogue priority, then position
    group.sort(key=lambda o: (o.finding.priority, o.finding.start, o.finding.end))
    options: list[Option] = []
    default = [o for o in group if o.by_default]
    if default:
        options.append(_option(text, default, run, default=True))
    for o in group:
        if len(default) == 1 and o is default[0]:
            continue
        if o.exact:
            options.append(_option(text, [o], run, default=not default and not options))
    seen: set = set()
    kept = []
    for opt in options:      # two options that write the same text are one choice
        if opt.signature not in seen:
            seen.add(opt.signature)
            kept.append(opt)
    findings = tuple(dict.fromkeys(o.finding for o in group))
    return Change(0, FIX, findings, tuple(kept), start, end, text[start:end])


def _option(text: str, offers: list[Offer], run: "FixResult", default: bool) -> Option:
    edits = sorted((e for o in offers for e in o.edits if o.exact), key=lambda e: (e.start, e.end))
    if all(o.exact for o in offers) and not any(
            b.start < a.end for a, b in zip(edits, edits[1:], strict=False)):
        places = _places(text, edits)
    else:
        # fixes applied one after another (damage an earlier fix uncovered, or a fix made
        # again over another's words): the accept-all run's own text for that stretch
        spans = merged(sp for o in offers for sp in o.origin)
        places = tuple(_place_from_run(text, run, s, e) for s, e in _clusters(spans, text))
    if len(offers) == 1:
        title = offers[0].fix.title or offers[0].finding.fix_title or "Apply the fix"
    else:
        titles = list(dict.fromkeys(o.fix.title for o in offers if o.fix.title))
        title = "; then ".join(titles) if titles else f"{len(offers)} fixes"
    return Option(tuple(offers), places, title, default)


def _places(text: str, edits: list[Edit]) -> tuple[Place, ...]:
    out = []
    for s, e in _clusters([(x.start, x.end) for x in edits], text):
        inner = [x for x in edits if s <= x.start and x.end <= e]
        after, _ = apply_edits(text[s:e], [x._replace(start=x.start - s, end=x.end - s)
                                           for x in inner])
        out.append(Place(s, e, text[s:e], after))
    return tuple(out)


def _place_from_run(text: str, run: "FixResult", s: int, e: int) -> Place:
    a, b = run.chain.span_to_last(s, e)
    return Place(s, e, text[s:e], run.text[a:b])


def _clusters(spans: Sequence[Span], text: str) -> list[Span]:
    """Edits close together, or in one paragraph (the two marks of a quotation), joined
    into places; edits in different paragraphs are places of their own."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and (s - out[-1][1] <= PLACE_GAP or (
                s - out[-1][1] <= PARAGRAPH_GAP and "\n" not in text[out[-1][1]:s])):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _flag_change(text: str, f: Finding) -> Change:
    options = []
    seen: set = set()
    for fx in f.fixes:   # hints the editor may pick
        edits = sorted((Edit(x.start, x.end, x.replacement, f.rule, f.code) for x in fx.edits),
                       key=lambda x: (x.start, x.end))
        offer = Offer(f, fx, fix_key(f.code, fx.spans, fx), tuple(fx.spans), True, False)
        opt = Option((offer,), _places(text, edits), fx.title or f"Use “{fx.edits[0].replacement}”",
                     False)
        if opt.signature not in seen:
            seen.add(opt.signature)
            options.append(opt)
    return Change(0, FLAG, (f,), tuple(options), f.start, f.end, text[f.start:f.end])


def _line_starts(text: str) -> list[int]:
    out = [0]
    pos = text.find("\n")
    while pos != -1:
        out.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return out


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)
