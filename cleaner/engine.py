"""The engine: ``lint`` and ``fix``. The CLI, the batch mode and the review app all call these.

Linting is layered. Raw-phase rules (encoding, feed furniture, whitespace) see the text as
given. Their safe repairs are applied to a scratch copy, and prose rules (contractions,
possessives, quotation, ...) run on that clean copy; their spans are mapped back, so every
offset the caller sees indexes the text the caller passed.

Fixing lints, applies the edits that may apply together (see ``cleaner.plan``), and repeats
until a pass changes nothing, at most ``MAX_PASSES`` times.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Callable, Protocol, Sequence

import regex

from wirefix.rules.base import Phase, Rule, RuleContext
from wirefix.rules.declarative import load_rules_file
from wirefix.rules.registry import RegistryError, builtin_rules, check_unique, order

from . import selection
from .config import Config, ConfigError
from .document import Document
from .findings import Applicability, Finding, Severity, fingerprint
from .merge import merge_agreeing
from .plan import FixPlan, apply_edits, edits_of, select_edits

log = logging.getLogger("wirefix")

MAX_PASSES = 8
INTERNAL_ERROR = "WF000"


class ServiceUnavailable(Exception):
    """Raised by a rule whose outside service (the LanguageTool server) cannot answer.
    Not a bug, so no WF000 finding: the engine notes the message (``take_unavailable``),
    the other rules' findings stand, and the runner reports it once."""


class DecisionFilter(Protocol):
    """Decides which findings an editor has already settled (see cleaner.decisions)."""

    def suppresses(self, finding: Finding) -> bool: ...


@dataclass
class FixResult:
    text: str
    plan: FixPlan
    remaining: list[Finding]
    passes: int
    converged: bool = True
    # rules that were still editing when the pass cap was hit
    cycling_rules: list[str] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return len(self.plan)

    def applied_by_rule(self) -> Counter[str]:
        return Counter(f"{e.code} {e.rule}" for e in self.plan.edits)


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
        ignore = self.config.ignores_for(path)
        selectors = list(self.config.select or ()) + list(self.config.extend_select) + list(ignore)
        cli = self.config.cli
        if cli is not None:
            selectors += list(cli[0] or ()) + list(cli[1]) + list(cli[2])
        selection.validate(selectors, catalogue)
        extend = tuple(self.config.extend_select)
        if self.config.languagetool or os.environ.get("WIREFIX_LANGUAGETOOL_URL"):
            # a LanguageTool URL turns grammar on (imported only then: cold start)
            from .languagetool import implied_selectors
            extend += implied_selectors(self.config)
        per_file = ignore[len(self.config.ignore):]
        enabled = selection.resolve(catalogue, self.config.select, extend, self.config.ignore)
        if cli is not None:  # the command line's layer on top of the config file's
            enabled = selection.resolve(catalogue, *cli, previous=enabled)
        if per_file:  # per-file-ignores always have the last word
            enabled = selection.resolve(catalogue, None, (), per_file, previous=enabled)
        priority = {cls: i for i, cls in enumerate(catalogue)}
        self.rules: list[Rule] = [cls() for cls in enabled]
        for r in self.rules:  # Rule.finding stamps it, so findings need no copy to get it
            r.priority = priority[type(r)]
            r.trigger_search = _trigger_search(r.trigger)
        # LanguageTool's findings are merged with the rules' own (cleaner.merge); without
        # the grammar family there is nothing to merge
        self._second_engine = any(r.family == "grammar" for r in self.rules)
        self.raw_rules = [r for r in self.rules if r.phase is Phase.RAW]
        # most copy is ASCII: the rules whose trigger needs another character sit out
        self._ascii_raw_rules = [r for r in self.raw_rules
                                 if not getattr(r.trigger, "needs_non_ascii", False)]
        self.prose_rules = [r for r in self.rules if r.phase is not Phase.RAW]
        self.context = RuleContext(style=self.config.style_options, path=path, config=self.config)
        self._ignore = (regex.compile("|".join(f"(?:{p})" for p in self.config.ignore_patterns),
                                      regex.MULTILINE)
                        if self.config.ignore_patterns else None)
        self._unavailable = threading.local()  # per thread: stories run in parallel
        self._prose_memo = threading.local()   # the last prose phase, per thread (_run_prose)

    # -- linting --------------------------------------------------------------------------
    def _run(self, rules: Sequence[Rule], doc: Document) -> list[Finding]:
        out: list[Finding] = []
        text = doc.text
        size = len(text)
        ctx = self.context
        for rule in rules:
            # the trigger first: most rules find nothing to look at in most stories
            search = rule.trigger_search
            if search is not None and search(text) is None:
                continue
            prio = rule.priority
            try:
                for f in rule.check(doc, ctx):
                    if f.extra_edits or not 0 <= f.start <= f.end <= size:
                        _validate(f, size)
                    out.append(f if f.priority == prio else replace(f, priority=prio))
            except ServiceUnavailable as exc:
                found = self._unavailable.__dict__.setdefault("rules", {})
                found.setdefault(type(rule), str(exc))
            except Exception as exc:  # a broken rule must not lose the rest of the run
                log.debug("rule %s failed", rule.code, exc_info=True)  # formatted only if shown
                out.append(Finding(
                    code=INTERNAL_ERROR, rule="internal-error", family="internal",
                    start=0, end=0, severity=Severity.ERROR,
                    message=f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}",
                    priority=prio))
        return out

    def take_unavailable(self) -> dict[type[Rule], str]:
        """Rules whose service failed in this thread since the last call, with the message
        (then forgotten). The runner calls it before and after each story."""
        return self._unavailable.__dict__.pop("rules", {})

    def lint(self, text: str, decisions: DecisionFilter | None = None, *,
             stamp: bool = True) -> list[Finding]:
        """All findings, sorted. ``stamp=False`` leaves the fingerprints out (the fix loop's
        inner passes need none, and computing them is a good share of a lint)."""
        findings, _ = self._lint_layers(text)
        return self._finish(text, findings, decisions, stamp or decisions is not None)

    def _lint_layers(self, text: str) -> tuple[list[Finding], _Scratch | None]:
        """The findings of both layers (unsorted, offsets into ``text``), and the scratch
        copy the prose rules read: the safe raw repairs chosen and the text they made.
        The fix loop reuses that copy when its own choice of edits would be the same."""
        last = getattr(self._prose_memo, "last", None)
        # the text the previous prose phase read (a fix pass that made no prose edit lints
        # it again): its document has lines and paragraphs built already
        doc = last[2] if last is not None and last[0] == text else Document(text)
        raw = self._run(self._ascii_raw_rules if text.isascii() else self.raw_rules, doc)
        if not self.prose_rules:
            return raw, None
        candidates = [f for f in raw if f.applicability is Applicability.SAFE]
        repairs = select_edits(candidates) if candidates else []
        if not repairs:
            return raw + self._run_prose(doc), _Scratch(frozenset(map(id, candidates)), [], text)
        edits = edits_of(repairs)
        clean, omap = apply_edits(text, edits)
        out = raw
        for f in self._run_prose(Document(clean)):
            s, e = omap.span_to_old(f.start, f.end)
            if f.extra_edits:
                extras = tuple(x._replace(start=a, end=b) for x in f.extra_edits
                               for a, b in [omap.span_to_old(x.start, x.end)])
                f = replace(f, start=s, end=e, extra_edits=extras)
            elif (s, e) != (f.start, f.end):
                f = replace(f, start=s, end=e)
            out.append(f)
        return out, _Scratch(frozenset(map(id, candidates)), edits, clean)

    def _run_prose(self, doc: Document) -> list[Finding]:
        """The prose phase, remembered for the last text seen in this thread. When a fix pass
        applied only raw repairs, the next pass's prose rules would see exactly the text the
        previous pass's saw (the repaired copy): the most common case in feed copy, and the
        costliest half of a lint (bench/profile_hot_path.py)."""
        last = getattr(self._prose_memo, "last", None)
        if last is not None and last[0] == doc.text:
            return list(last[1])
        out = self._run(self.prose_rules, doc)
        if not self._unavailable.__dict__.get("rules"):  # a failed service is retried next time
            self._prose_memo.last = (doc.text, out, doc)
        return list(out)

    def _finish(self, text: str, findings: list[Finding],
                decisions: DecisionFilter | None, stamp: bool = True) -> list[Finding]:
        if self._ignore is not None:
            protected = [(m.start(), m.end()) for m in self._ignore.finditer(text)]
            if protected:
                findings = [f for f in findings
                            if not any(_touches_any(a, b, protected) for a, b in _spans(f))]
        if self._second_engine:
            findings = merge_agreeing(findings)
        findings.sort(key=_POSITION)
        if not stamp:
            return findings
        stamped = _stamp(text, findings)
        if decisions is not None:
            stamped = [f for f in stamped if not decisions.suppresses(f)]
        return stamped

    # -- fixing ---------------------------------------------------------------------------
    def fix(self, text: str, unsafe: bool = False,
            decisions: DecisionFilter | None = None, max_passes: int = MAX_PASSES) -> FixResult:
        result = self._fix(text, unsafe, decisions, max_passes)
        # the findings that remain get their fingerprints once, on the final text
        if decisions is None:
            result.remaining = _stamp(result.text, result.remaining)
        return result

    def _fix(self, text: str, unsafe: bool, decisions: DecisionFilter | None,
             max_passes: int) -> FixResult:
        plan = FixPlan()
        seen_texts = {text}
        current = text
        findings, held, scratch = self._lint_holding(current, decisions, None, set())
        for n in range(1, max_passes + 1):
            if scratch is not None and _same_choice(findings, scratch, unsafe):
                # the edits this pass would choose are the lint's own safe raw repairs, and
                # the text they make is the scratch copy it built: take both as they are
                edits, new = scratch.edits, scratch.text
                if not edits:
                    return FixResult(current, plan, findings, passes=n - 1)
                omap = None if decisions is None else apply_edits(current, edits)[1]
            else:
                chosen = select_edits(findings, unsafe)
                if not chosen:
                    return FixResult(current, plan, findings, passes=n - 1)
                edits = edits_of(chosen)
                new, omap = apply_edits(current, edits)
            current = new
            plan.add_pass(edits)
            findings, held, scratch = self._lint_holding(current, decisions, omap, held)
            if current in seen_texts:  # a cycle: rules undo each other
                return self._stuck(current, plan, findings, n, unsafe)
            seen_texts.add(current)
        if select_edits(findings, unsafe):
            return self._stuck(current, plan, findings, max_passes, unsafe)
        return FixResult(current, plan, findings, passes=max_passes)

    def _lint_holding(self, text: str, decisions: DecisionFilter | None, omap,
                      held: set) -> tuple[list[Finding], set, _Scratch | None]:
        """Lint inside a fix run. A settled finding stays settled for the whole run: it is
        held by its position (mapped through this pass's edits), because a fix nearby changes
        the words around it and so its fingerprint. A decision about old copy still lapses
        between runs, when the story itself has changed."""
        found, scratch = self._lint_layers(text)
        if decisions is None:
            return self._finish(text, found, None, stamp=False), held, scratch
        kept, now_held = [], set()
        # (stamped, not filtered: a suppressed finding is held below, by position)
        for f in self._finish(text, found, None):
            before = omap.span_to_old(f.start, f.end) if omap is not None else None
            if decisions.suppresses(f) or (before is not None and (f.rule, *before) in held):
                now_held.add((f.rule, f.start, f.end))
            else:
                kept.append(f)
        return kept, now_held, scratch

    def _stuck(self, text: str, plan: FixPlan, findings: list[Finding], passes: int,
               unsafe: bool) -> FixResult:
        still = {f"{f.code} {f.rule}" for f in select_edits(findings, unsafe)}
        recent = {f"{e.code} {e.rule}" for p in plan.passes[-2:] for e in p}
        return FixResult(text, plan, findings, passes=passes, converged=False,
                         cycling_rules=sorted(still | recent))


@dataclass
class _Scratch:
    """The copy a lint's prose rules read: the safe raw findings (by identity: the lint's
    result holds these very objects), the edits chosen among them, and the text they made."""

    candidates: frozenset[int]     # id() of each safe raw finding
    edits: list
    text: str


def _same_choice(findings: list[Finding], scratch: _Scratch, unsafe: bool) -> bool:
    """Would ``select_edits(findings, unsafe)`` choose the scratch copy's repairs? It would
    when the findings that may apply are exactly the safe raw ones the lint chose among:
    the same candidates give the same choice. (No prose finding may apply, none may be
    unsafe with ``unsafe``, none may have been dropped by an ignore pattern or a decision.)"""
    n = 0
    ids = scratch.candidates
    for f in findings:
        # f.applies(unsafe), inline: this runs over every finding of every pass
        if f.replacements and (f.applicability is Applicability.SAFE or
                               (unsafe and f.applicability is Applicability.UNSAFE)):
            if id(f) not in ids:
                return False
            n += 1
    return n == len(ids)


def _stamp(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings with their fingerprints (see cleaner.findings.fingerprint)."""
    seen: Counter[str] = Counter()
    stamped = []
    for f in findings:
        fp = fingerprint(f.rule, text, f.start, f.end, f.replacements[0] if f.replacements else "")
        seen[fp] += 1
        if seen[fp] > 1:  # the same damage in the same words twice: number the repeats
            fp = f"{fp}.{seen[fp]}"
        stamped.append(replace(f, fingerprint=fp))
    return stamped


_POSITION = attrgetter("start", "end", "priority")   # the order findings are reported in


def _trigger_search(trigger) -> Callable[[str], object] | None:
    """The function the engine calls with a text before a rule's check (None: always run)."""
    if trigger is None:
        return None
    compiled = getattr(trigger, "compiled", None)
    return compiled() if compiled is not None else trigger.search


def _validate(f: Finding, size: int) -> None:
    """Raise when a finding's edits lie outside the text or overlap each other (a rule bug:
    the engine turns it into a WF000 finding)."""
    if not 0 <= f.start <= f.end <= size:
        raise ValueError(f"span {f.start}..{f.end} outside the text")
    if f.extra_edits:
        if not all(0 <= a <= b <= size for a, b in _spans(f)):
            raise ValueError(f"an extra edit of {f.start}..{f.end} is outside the text")
        if _self_overlapping(f):
            raise ValueError(f"the edits of one fix overlap ({f.start}..{f.end})")


def _spans(f: Finding) -> list[tuple[int, int]]:
    return [(f.start, f.end)] + [(e.start, e.end) for e in f.extra_edits]


def _self_overlapping(f: Finding) -> bool:
    """Would the edits of this one fix overlap each other (apply_edits would refuse)?"""
    spans = sorted(_spans(f))
    return any(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False))


def _touches_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Does the span (an insertion when start == end) touch any protected span?"""
    for s, e in spans:
        if start == end and s <= start <= e:
            return True
        if start < e and s < end:
            return True
    return False


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
