"""The engine: the rules resolved for one configuration, ``lint`` and ``fix``. The CLI, the
batch mode, the review app and any new surface call these.

Linting is layered. Raw-phase rules (encoding, feed furniture, whitespace) see the text as
given. Their safe repairs are applied to a scratch copy, and prose rules (contractions,
possessives, quotation, ...) run on that clean copy; their spans are mapped back, so every
offset the caller sees indexes the text the caller passed.

Fixing is the fix loop of ``cleaner.fixloop``: lint, choose, apply, until a pass changes
nothing, at most ``MAX_PASSES`` times. ``Engine.fix`` is its one entry point.

Each rule runs under a time budget (``cleaner.clock``): a rule that runs away on some input
is stopped and reported as a WF000 finding, and the other rules' findings stand.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol, Sequence

import regex

from wirefix.rules.base import Phase, Rule, RuleContext
from wirefix.rules.declarative import load_rules_file
from wirefix.rules.registry import RegistryError, builtin_rules, check_unique, order

from . import selection
from .clock import RuleClock, RuleTimeout
from .config import Config, ConfigError
from .document import Document
from .findings import (TIGHTEN_MIN, Applicability, Edit, Finding, Severity, needs_tightening,
                       stamp_fingerprints, tighten)
from .merge import merge_agreeing
from .plan import Choice, apply_edits, edits_of, select
from .scan import Scanner
from .spans import OffsetMap, reaches, self_overlapping

if TYPE_CHECKING:
    from .fixloop import FixResult

INTERNAL_ERROR = "WF000"
# The most passes of the fix loop (cleaner.fixloop, which imports it from here: the loop's
# module is imported by the first fix, so a check that only lints never imports it).
MAX_PASSES = 8


class ServiceUnavailable(Exception):
    """Raised by a rule whose outside service (the LanguageTool server) cannot answer.
    Not a bug, so no WF000 finding: the engine notes the message (``take_unavailable``),
    the other rules' findings stand, and the runner reports it once."""


class DecisionFilter(Protocol):
    """Decides which findings an editor has already settled (see cleaner.decisions)."""

    def suppresses(self, finding: Finding) -> bool: ...


@dataclass
class Layers:
    """One lint of a text: every finding (offsets into the text), and the scratch copy the
    prose rules read: the safe raw repairs chosen among ``candidates`` (the safe raw
    findings, by identity) and the text they made. The fix loop takes that copy as its
    pass's result when its own choice would be the same (``fixloop``)."""

    findings: list[Finding]
    candidates: frozenset[int]
    edits: list[Edit]
    scratch: str


class Engine:
    """Rules resolved for one configuration (and path), ready to lint many texts."""

    def __init__(self, config: Config | None = None, path: str | None = None,
                 extra_rules: Sequence[type[Rule]] = ()):
        self.config = config or Config()
        self.path = path
        catalogue = list(builtin_rules())
        for f in self.config.rule_files():
            catalogue.extend(load_rules_file(f))
        catalogue.extend(extra_rules)
        if len(catalogue) != len(builtin_rules()):
            try:
                check_unique(catalogue)
            except RegistryError as exc:  # a house-style code or name clashes: a config error
                raise ConfigError(f"{self.config.source or 'extend-rules'}: {exc}") from None
            catalogue = order(catalogue)
        self.catalogue = catalogue
        implied: tuple[str, ...] = ()
        if self.config.languagetool or os.environ.get("WIREFIX_LANGUAGETOOL_URL"):
            # a LanguageTool URL turns grammar on (imported only then: cold start)
            from .languagetool import implied_selectors
            implied = implied_selectors(self.config)
        selection.validate(selection.every_selector(self.config, path), catalogue)
        enabled = selection.resolve_config(catalogue, self.config, path, implied)
        priority = {cls: i for i, cls in enumerate(catalogue)}
        self.rules: list[Rule] = [cls() for cls in enabled]
        for r in self.rules:  # Rule.finding stamps it, so findings need no copy to get it
            r.priority = priority[type(r)]
        # LanguageTool's findings are merged with the rules' own (cleaner.merge); without
        # the grammar family there is nothing to merge
        self._second_engine = any(r.family == "grammar" for r in self.rules)
        # rules whose fixes wait for a pass with no other fix (plan.select)
        self.patient = frozenset(r.code for r in self.rules if r.waits_for_repairs)
        self.raw_rules = [r for r in self.rules if r.phase is Phase.RAW]
        self.prose_rules = [r for r in self.rules if r.phase is not Phase.RAW]
        # one scan per text finds the rules with something to look at (cleaner.scan)
        self.raw_scan = Scanner(self.raw_rules)
        self.prose_scan = Scanner(self.prose_rules)
        self.context = RuleContext(style=self.config.style_options, path=path, config=self.config,
                                   enabled=frozenset(r.code for r in self.rules))
        self._ignore = (regex.compile("|".join(f"(?:{p})" for p in self.config.ignore_patterns),
                                      regex.MULTILINE)
                        if self.config.ignore_patterns else None)
        self.clock = RuleClock(self.config.rule_time_budget)
        self._unavailable = threading.local()  # per thread: stories run in parallel
        self._prose_memo = threading.local()   # the last prose phase, per thread (_run_prose)

    def prepare_scans(self) -> None:
        """Compile the scans' Hyperscan databases now rather than after the first texts
        (cleaner.scan): for a corpus, before the batch mode forks its workers."""
        self.raw_scan.prepare()
        self.prose_scan.prepare()

    # -- linting --------------------------------------------------------------------------
    def _run(self, scanner: Scanner, doc: Document) -> list[Finding]:
        out: list[Finding] = []
        text = doc.text
        size = len(text)
        ctx = self.context
        rules = scanner.rules
        hits = scanner.hits(text)   # most rules find nothing to look at in most stories
        with self.clock.watch(size) as clock:
            for i in sorted(hits):  # in the catalogue's order
                rule = rules[i]
                try:
                    self._check(rule, doc, ctx, size, clock, out)
                except RuleTimeout as exc:   # the clock's tick landed just after the rule
                    clock.clear()
                    out.append(_internal(rule, rule.priority, str(exc)))
        return out

    def _check(self, rule: Rule, doc: Document, ctx: RuleContext, size: int, clock,
               out: list[Finding]) -> None:
        """One rule's findings on one document, appended to ``out``; a rule that fails, runs
        over its time budget or finds its service down leaves the others' findings alone."""
        prio = rule.priority
        mark = len(out)
        clock.start(None if rule.uses_service else rule)
        try:
            for f in rule.check(doc, ctx):
                fixes = f.fixes
                # the common shape (one fix, one edit of the span) needs no check
                if not 0 <= f.start <= f.end <= size or fixes and (
                        len(fixes) > 1 or len(fixes[0].edits) > 1
                        or fixes[0].edits[0][:2] != (f.start, f.end)):
                    _validate(f, size)
                if fixes and f.end - f.start >= TIGHTEN_MIN and needs_tightening(f):
                    f = tighten(f, doc.text)
                out.append(f if f.priority == prio else replace(f, priority=prio))
            clock.stop()   # raises RuleTimeout when the rule ran over without being stopped
        except ServiceUnavailable as exc:
            clock.clear()
            found = self._unavailable.__dict__.setdefault("rules", {})
            found.setdefault(type(rule), str(exc))
        except RuleTimeout as exc:
            clock.clear()
            if exc.interrupted:   # what it found before it was stopped may be half a story
                del out[mark:]
            out.append(_internal(rule, prio, str(exc)))
        except Exception as exc:  # a broken rule must not lose the rest of the run
            clock.clear()
            import logging   # here: a cold start imports no logging
            logging.getLogger("wirefix").debug("rule %s failed", rule.code,
                                               exc_info=True)  # formatted only if shown
            out.append(_internal(rule, prio, f"failed: {type(exc).__name__}: {exc}"))

    def take_unavailable(self) -> dict[type[Rule], str]:
        """Rules whose service failed in this thread since the last call, with the message
        (then forgotten). The runner calls it before and after each story."""
        return self._unavailable.__dict__.pop("rules", {})

    def lint(self, text: str, decisions: DecisionFilter | None = None, *,
             stamp: bool = True) -> list[Finding]:
        """All findings, sorted. ``stamp=False`` leaves the fingerprints out (the fix loop's
        inner passes need none, and computing them is a good share of a lint)."""
        return self.finish(text, self.lint_layers(text).findings, decisions,
                           stamp or decisions is not None)

    def lint_layers(self, text: str) -> Layers:
        """The findings of both layers (unsorted, offsets into ``text``) and the scratch copy
        the prose rules read (see ``Layers``)."""
        last = getattr(self._prose_memo, "last", None)
        # the text the previous prose phase read (a fix pass that made no prose edit lints
        # it again): its document has lines and paragraphs built already
        doc = last[2] if last is not None and last[0] == text else Document(text)
        raw = self._run(self.raw_scan, doc)
        if not self.prose_rules:
            return Layers(raw, frozenset(), [], text)
        safe_raw = [f for f in raw if f.applicability is Applicability.SAFE]
        candidates = frozenset(map(id, safe_raw))
        repairs = select(Choice(f, f.fixes[0]) for f in safe_raw) if safe_raw else []
        if not repairs:
            return Layers(raw + self._run_prose(doc), candidates, [], text)
        edits = edits_of(repairs)
        clean, omap = apply_edits(text, edits)
        out = raw
        for f in self._run_prose(Document(clean)):
            out.append(_mapped(f, omap, clean))
        return Layers(out, candidates, edits, clean)

    def _run_prose(self, doc: Document) -> list[Finding]:
        """The prose phase, remembered for the last text seen in this thread. When a fix pass
        applied only raw repairs, the next pass's prose rules would see exactly the text the
        previous pass's saw (the repaired copy): the most common case in feed copy, and the
        costliest half of a lint (bench/profile_hot_path.py)."""
        last = getattr(self._prose_memo, "last", None)
        if last is not None and last[0] == doc.text:
            return list(last[1])
        out = self._run(self.prose_scan, doc)
        if not self._unavailable.__dict__.get("rules"):  # a failed service is retried next time
            self._prose_memo.last = (doc.text, out, doc)
        return list(out)

    def finish(self, text: str, findings: list[Finding],
               decisions: DecisionFilter | None, stamp: bool = True) -> list[Finding]:
        """The findings as reported: ignore patterns applied, LanguageTool's merged, sorted,
        fingerprinted (``stamp``) and, with ``decisions``, the settled ones left out."""
        if self._ignore is not None:
            protected = [(m.start(), m.end()) for m in self._ignore.finditer(text)]
            if protected:
                findings = [f for f in findings
                            if not any(reaches(a, b, protected) for a, b in footprint(f))]
        if self._second_engine:
            findings = merge_agreeing(findings)
        findings.sort(key=_POSITION)
        if not stamp:
            return findings
        stamped = stamp_fingerprints(text, findings)
        if decisions is not None:
            stamped = [f for f in stamped if not decisions.suppresses(f)]
        return stamped

    # -- fixing ---------------------------------------------------------------------------
    def fix(self, text: str, unsafe: bool = False, decisions: DecisionFilter | None = None,
            max_passes: int = MAX_PASSES, *, policy=None, trace: bool = False) -> FixResult:
        """Run the fix loop on ``text`` (see ``cleaner.fixloop``)."""
        from .fixloop import fix_loop

        with self.clock.watch(len(text)):   # one timer for every pass (cleaner.clock)
            return fix_loop(self, text, unsafe=unsafe, decisions=decisions, policy=policy,
                            max_passes=max_passes, trace=trace)


def footprint(f: Finding) -> list[tuple[int, int]]:
    """Where a finding reaches: its span and the spans of every edit of its fixes."""
    out = [(f.start, f.end)]
    for fx in f.fixes:
        out.extend((e.start, e.end) for e in fx.edits)
    return out


def _mapped(f: Finding, omap: OffsetMap, scratch: str) -> Finding:
    """A prose finding of the scratch copy, with its span and fixes in the caller's text."""
    s, e = _span_to_old(omap, scratch, f.start, f.end)
    fixes = f.fixes
    if fixes:
        moved = []
        for fx in fixes:
            edits = tuple(x._replace(start=a, end=b) for x in fx.edits
                          for a, b in [_span_to_old(omap, scratch, x.start, x.end)])
            moved.append(fx if edits == fx.edits else fx.moved(edits))
        fixes = tuple(moved)
    if (s, e) == (f.start, f.end) and fixes is f.fixes:
        return f
    return replace(f, start=s, end=e, fixes=fixes)


def _span_to_old(omap: OffsetMap, scratch: str, start: int, end: int) -> tuple[int, int]:
    """``omap.span_to_old``, except for an insertion point where the raw repairs deleted
    text: there it goes with the word it touches in the scratch copy. A full stop after
    a paragraph's last word ("summer|" where "\n Reuter\n&#3;" was removed) goes before
    the deleted text; a mark before a word ("|The" after a removed scraper label), after
    it."""
    if start == end and 0 < start and not scratch[start - 1].isspace() and (
            start == len(scratch) or scratch[start].isspace()):
        old = omap.to_old(start, side="end")
        return old, old
    return omap.span_to_old(start, end)


def _internal(rule: Rule, priority: int, what: str) -> Finding:
    return Finding(code=INTERNAL_ERROR, rule="internal-error", family="internal",
                   start=0, end=0, severity=Severity.ERROR, priority=priority,
                   message=f"rule {rule.code} ({rule.name}) {what}")


_POSITION = attrgetter("start", "end", "priority")   # the order findings are reported in


def _validate(f: Finding, size: int) -> None:
    """Raise when a finding's span or a fix's edits lie outside the text, or a fix's edits
    overlap each other (a rule bug: the engine turns it into a WF000 finding)."""
    if not 0 <= f.start <= f.end <= size:
        raise ValueError(f"span {f.start}..{f.end} outside the text")
    for fx in f.fixes:
        if not fx.edits:
            raise ValueError(f"a fix of {f.start}..{f.end} has no edits")
        if not all(0 <= e.start <= e.end <= size for e in fx.edits):
            raise ValueError(f"an edit of a fix of {f.start}..{f.end} is outside the text")
        if list(fx.edits) != sorted(fx.edits, key=lambda e: (e.start, e.end)):
            raise ValueError(f"the edits of a fix of {f.start}..{f.end} are not in order")
        if self_overlapping(fx.spans):
            raise ValueError(f"the edits of one fix overlap ({f.start}..{f.end})")


_ENGINES: dict[tuple, Engine] = {}


def engine_for(config: Config | None = None, path: str | None = None) -> Engine:
    """A cached engine for this configuration (rules are built once per config)."""
    config = config or Config()
    # the environment's LanguageTool URL changes the default rule set (see Engine.__init__)
    key = (config, config.ignores_for(path), os.environ.get("WIREFIX_LANGUAGETOOL_URL"))
    eng = _ENGINES.get(key)
    if eng is None:
        if len(_ENGINES) > 64:
            _ENGINES.clear()
        eng = _ENGINES[key] = Engine(config, path)
    return eng


def lint(text: str, config: Config | None = None, *, path: str | None = None,
         decisions: DecisionFilter | None = None) -> list[Finding]:
    """All findings in ``text``, sorted by position, with offsets into ``text``."""
    return engine_for(config, path).lint(text, decisions)


def fix(text: str, config: Config | None = None, *, unsafe: bool = False,
        path: str | None = None, decisions: DecisionFilter | None = None,
        max_passes: int = MAX_PASSES) -> FixResult:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``) until nothing changes."""
    return engine_for(config, path).fix(text, unsafe, decisions, max_passes)
