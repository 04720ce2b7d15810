"""The fix loop: the one loop that repairs a story, whichever surface asks.

``wirefix check --fix``, ``wirefix batch``, the review app's preview and save, and any new
surface call ``Engine.fix``, which runs ``fix_loop``. Pass by pass:

1. Lint the current text (both layers; see ``cleaner.engine``). With ``decisions`` (an
   editor's audit log), settled findings are left out, and a finding settled once stays
   settled for the whole run: it is held by its position, mapped through each pass's edits,
   because a fix nearby changes the words its fingerprint hashes.
2. Ask the policy which fix each finding gets. ``BestFix`` (``--fix``) takes each finding's
   best fix when its applicability allows: safe, and unsafe with ``unsafe``. The review
   app's policy (``cleaner.review.session``) takes only fixes the editor accepted, known by
   where their edits sit in the original story and what they write, plus the editor's own
   edits in the first pass.
3. Choose the fixes that can apply together (``plan.select``) and apply them in one sweep.
   A rule that reads what others repair (``Rule.waits_for_repairs``) has its fixes taken
   only in a pass where no other fix applies.
4. Stop when a pass applies nothing; when the text comes back to one seen before (rules
   undoing each other: ``converged`` is False and the rules are named); or after
   ``max_passes``.
5. A story that did not end in a line break never ends in one after fixing: a fix that
   deletes the last line (a Reuters "&#3;", a line of markup) leaves the break before it,
   and a last edit (recorded in the plan like any other) takes it away.

The shortcut: a lint already applies the safe raw repairs to a scratch copy for its prose
rules (``engine.Layers``). When ``BestFix`` would choose exactly those repairs, the scratch
copy is the pass's result, so the edits are chosen and applied once per pass, not twice
(tests/test_engine.py checks the loop ends where the plain loop ends).

Tracing (``trace=True``) records every applied fix with its edits mapped into the original
text, the first pass's findings, and the offset chain from the final text back to the
original: the review app builds its list of changes from the trace of the accept-all run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, Sequence

from .engine import MAX_PASSES
from .findings import Applicability, Edit, Finding, Fix, stamp_fingerprints
from .plan import Choice, FixPlan, apply_edits, best_fixes, edits_of, select
from .spans import OffsetChain, OffsetMap, Span

if TYPE_CHECKING:
    from .engine import DecisionFilter, Engine, Layers

# how step 5's edit is labelled in the plan (--show-fixes counts it with the story edges)
FINAL_BREAK_RULE, FINAL_BREAK_CODE = "story-edge-whitespace", "WF303"


@dataclass(frozen=True)
class Step:
    """One applied fix, for a trace: the pass, the choice, and where its edits sit in the
    original text (a span inside text an earlier pass wrote maps to that region's edges)."""

    pass_no: int
    choice: Choice
    origin: tuple[Span, ...]
    finding_origin: Span


@dataclass
class FixResult:
    text: str
    plan: FixPlan
    remaining: list[Finding]
    passes: int
    converged: bool = True
    # rules that were still editing when the loop stopped without settling
    cycling_rules: list[str] = field(default_factory=list)
    # with trace=True: the applied fixes, the first pass's findings and the offset chain
    steps: list[Step] = field(default_factory=list)
    first: list[Finding] = field(default_factory=list)
    chain: OffsetChain = field(default_factory=OffsetChain)

    @property
    def applied(self) -> int:
        """How many edits were applied."""
        return len(self.plan)


class Origin:
    """Spans of the current pass's text in the original's coordinates."""

    __slots__ = ("chain",)

    def __init__(self, chain: OffsetChain):
        self.chain = chain

    def span(self, start: int, end: int) -> Span:
        return self.chain.span_to_first(start, end)

    def fix(self, fx: Fix) -> tuple[Span, ...]:
        return tuple(self.span(e.start, e.end) for e in fx.edits)


class Policy(Protocol):
    """Which fixes a fix run applies."""

    def choices(self, findings: Sequence[Finding], origin: Origin, pass_no: int) -> list[Choice]:
        """The fix each finding gets (none for most), plus any fixes of the policy's own."""
        ...


class BestFix:
    """``--fix``: each finding's best fix, when its applicability allows."""

    def __init__(self, unsafe: bool):
        self.unsafe = unsafe

    def choices(self, findings: Sequence[Finding], origin: Origin, pass_no: int) -> list[Choice]:
        return best_fixes(findings, self.unsafe)


def fix_loop(engine: "Engine", text: str, *, unsafe: bool = False,
             decisions: "DecisionFilter | None" = None, policy: Policy | None = None,
             max_passes: int = MAX_PASSES, trace: bool = False) -> FixResult:
    plain = policy is None
    policy = policy or BestFix(unsafe)
    plan = FixPlan()
    chain = OffsetChain()
    origin = Origin(chain)
    seen = {text}
    current = text
    steps: list[Step] = []
    layers = engine.lint_layers(current)
    findings, held = _settle(engine, current, layers, decisions, None, set())
    first = engine.finish(text, list(layers.findings), None) if trace else []
    # offsets are needed by decisions (held by position), by a trace, and by a policy
    # that knows fixes by where they sit in the original
    need_map = decisions is not None or trace or not plain
    for n in range(1, max_passes + 1):
        if plain and not trace and _same_choice(findings, layers, unsafe):
            # the edits this pass would choose are the lint's own safe raw repairs, and the
            # text they make is the scratch copy it built: take both as they are
            edits, new = layers.edits, layers.scratch
            if not edits:
                return _done(engine, current, plan, findings, n - 1, decisions, steps, first,
                             chain, text)
            omap = apply_edits(current, edits)[1] if need_map else None
        else:
            chosen = select(policy.choices(findings, origin, n), engine.patient)
            if not chosen:
                return _done(engine, current, plan, findings, n - 1, decisions, steps, first,
                             chain, text)
            edits = edits_of(chosen)
            new, omap = apply_edits(current, edits)
            if trace:
                steps.extend(Step(n, c, origin.fix(c.fix),
                                  origin.span(c.finding.start, c.finding.end)) for c in chosen)
        current = new
        plan.add_pass(edits)
        if omap is not None:
            chain.add(omap)
        layers = engine.lint_layers(current)
        findings, held = _settle(engine, current, layers, decisions, omap, held)
        if current in seen:  # a cycle: rules undo each other
            return _stuck(engine, current, plan, findings, n, policy, origin, decisions, steps,
                          first, chain, text)
        seen.add(current)
    if select(policy.choices(findings, origin, max_passes + 1), engine.patient):
        return _stuck(engine, current, plan, findings, max_passes, policy, origin, decisions,
                      steps, first, chain, text)
    return _done(engine, current, plan, findings, max_passes, decisions, steps, first, chain,
                 text)


def _settle(engine: "Engine", text: str, layers: "Layers", decisions, omap: OffsetMap | None,
            held: set) -> tuple[list[Finding], set]:
    """The pass's findings, without the settled ones. A settled finding stays settled for
    the whole run: it is held by its position (mapped through this pass's edits), because a
    fix nearby changes the words around it and so its fingerprint. A decision about old
    copy still lapses between runs, when the story itself has changed."""
    if decisions is None:
        return engine.finish(text, list(layers.findings), None, stamp=False), held
    kept, now_held = [], set()
    # (stamped, not filtered: a suppressed finding is held below, by position)
    for f in engine.finish(text, list(layers.findings), None):
        before = omap.span_to_old(f.start, f.end) if omap is not None else None
        if decisions.suppresses(f) or (before is not None and (f.rule, *before) in held):
            now_held.add((f.rule, f.start, f.end))
        else:
            kept.append(f)
    return kept, now_held


def _same_choice(findings: list[Finding], layers: "Layers", unsafe: bool) -> bool:
    """Would ``--fix`` choose the scratch copy's repairs? It would when the findings that
    may apply are exactly the safe raw ones the lint chose among: the same candidates give
    the same choice. (No prose finding may apply, none may be unsafe with ``unsafe``, none
    may have been dropped by an ignore pattern or a decision.)"""
    n = 0
    ids = layers.candidates
    for f in findings:
        # f.applies(unsafe), inline: this runs over every finding of every pass
        fixes = f.fixes
        if fixes and (fixes[0].applicability is Applicability.SAFE or
                      (unsafe and fixes[0].applicability is Applicability.UNSAFE)):
            if id(f) not in ids:
                return False
            n += 1
    return n == len(ids)


def _done(engine, text, plan, findings, passes, decisions, steps, first, chain,
          original: str) -> FixResult:
    if plan.passes:
        text, findings = _keep_final_break(original, text, plan, findings, chain)
    if decisions is None:   # the findings that remain get their fingerprints once, at the end
        findings = stamp_fingerprints(text, findings)
    return FixResult(text, plan, findings, passes, steps=steps, first=first, chain=chain)


def _keep_final_break(original: str, text: str, plan: FixPlan, findings: list[Finding],
                      chain: OffsetChain) -> tuple[str, list[Finding]]:
    """Step 5: the white space fixing left at the end of a story that had none there."""
    if original.endswith(("\n", "\r")) or not text.endswith(("\n", "\r")):
        return text, findings
    kept = len(text.rstrip())
    if kept == 0:
        return text, findings
    edit = Edit(kept, len(text), "", FINAL_BREAK_RULE, FINAL_BREAK_CODE)
    new, omap = apply_edits(text, [edit])
    plan.add_pass([edit])
    chain.add(omap)
    return new, [f for f in findings if f.end <= kept]


def _stuck(engine, text, plan, findings, passes, policy, origin, decisions, steps, first,
           chain, original) -> FixResult:
    still = {f"{c.finding.code} {c.finding.rule}"
             for c in select(policy.choices(findings, origin, passes + 1), engine.patient)}
    recent = {f"{e.code} {e.rule}" for p in plan.passes[-2:] for e in p}
    res = _done(engine, text, plan, findings, passes, decisions, steps, first, chain, original)
    res.converged = False
    res.cycling_rules = sorted(still | recent)
    return res
