"""What a rule is: metadata, documentation, examples and a ``check`` method.

A rule is a class with class-level metadata and one method::

    class DoubledWord(Rule):
        '''## What it does ...'''
        code = "WF010"
        name = "doubled-word"
        family = "repetition"
        ...
        examples = (Example.bad("the the end", fixed="the end", flagged=["the the"]),
                    Example.good("that that is"))

        def check(self, doc, ctx):
            yield self.finding(start, end, ["replacement"])

The registry (``rules.registry``) finds every subclass in the ``rules`` package.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

import regex

from wirefix.cleaner.document import Document
from wirefix.cleaner.findings import Applicability, Edit, Finding, Fix, Severity, span_fix

DOC_SECTIONS = (
    "What it does",
    "Why it happens in wire copy",
    "Example",
    "Fix safety",
    "Known false positives",
)


class Phase(enum.IntEnum):
    """When a rule runs. Whole-text repairs (encoding, feed furniture, whitespace) run first
    so that sentence-level rules see clean text; offsets are mapped back to the input."""

    RAW = 0
    PROSE = 1
    GRAMMAR = 2


@dataclass(frozen=True)
class Example:
    """An example for a rule, run by the meta-test (tests/test_rule_examples.py).

    ``fixed``   the text after applying this rule's fixes (unsafe included); None means the
                findings carry no applicable fix (display rules).
    ``flagged`` the exact text of each expected finding's span, in document order; an
                insertion point is written as "".
    ``options`` house-style options for this example (see Config.style).
    """

    text: str
    fixed: str | None = None
    flagged: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_bad(self) -> bool:
        return bool(self.flagged)

    @classmethod
    def bad(cls, text: str, *, flagged: Sequence[str], fixed: str | None = None,
            options: Mapping[str, Any] | None = None) -> "Example":
        if not flagged:
            raise ValueError("a bad example must name what it flags")
        return cls(text, fixed, tuple(flagged), dict(options or {}))

    @classmethod
    def good(cls, text: str, *, options: Mapping[str, Any] | None = None) -> "Example":
        return cls(text, None, (), dict(options or {}))


@dataclass
class RuleContext:
    """What a rule may read besides the document: house-style options, the path, and the
    whole resolved configuration (a ``cleaner.config.Config``) for engine-level settings."""

    style: Mapping[str, Any]
    path: str | None = None
    config: Any = None
    # codes of the rules the engine runs for this configuration and path
    enabled: frozenset[str] = frozenset()

    def option(self, name: str, default: Any = None) -> Any:
        return self.style.get(name, default)

    def runs(self, code: str) -> bool:
        """Does the engine run the rule ``code`` here? (A rule that defers to another asks.)"""
        return code in self.enabled


class Cheap:
    """A fast trigger: the engine calls ``search(text)`` before a rule's ``check`` and skips
    the rule when it is false. Plain substrings are tested with ``in`` (C speed); a
    ``pattern`` (best one that starts with a literal character) is searched when none of
    them occurs; ``unicode`` is tried only on text that is not pure ASCII, so that checks for
    no-break spaces, curly quotes or invisible characters cost nothing on ASCII copy.

    A trigger must be a superset of what the rule finds: it may say yes for nothing, never
    no for damage."""

    __slots__ = ("literals", "ends", "pattern", "unicode", "test", "_gate")

    def __init__(self, *literals: str, ends: tuple[str, ...] = (), pattern=None, unicode=None,
                 test=None):
        self.literals = literals
        self.ends = ends
        self.pattern = pattern
        self.unicode = unicode
        self.test = test    # any other cheap predicate of the text
        # Each `in` test of a missing substring reads the whole text. With several
        # literals that each hold a punctuation mark, first test those marks: a text
        # without any of them holds none of the literals.
        marks = tuple(dict.fromkeys(_telling_char(lit) for lit in literals))
        self._gate = marks if len(marks) < len(literals) and \
            not any(c.isalnum() or c.isspace() for c in marks) else ()

    @classmethod
    def chars(cls, chars: str) -> "Cheap":
        """Any of these characters: ASCII ones by substring, the rest only on non-ASCII text."""
        ascii_chars = "".join(c for c in chars if c.isascii())
        other = "".join(c for c in chars if not c.isascii())
        return cls(*ascii_chars, unicode=regex.compile("[" + regex.escape(other) + "]") if other else None)

    def search(self, text: str) -> bool | None:
        """True when the rule may fire, None when it cannot (like a pattern's search)."""
        if self.literals and self._literal_in(text):
            return True
        if self.ends and text.endswith(self.ends):
            return True
        if self.pattern is not None and self.pattern.search(text) is not None:
            return True
        if self.unicode is not None and not text.isascii() and self.unicode.search(text) is not None:
            return True
        if self.test is not None and self.test(text):
            return True
        return None

    @property
    def needs_non_ascii(self) -> bool:
        """Can this trigger only fire on text that is not pure ASCII?"""
        return self.unicode is not None and not (self.literals or self.ends or self.pattern
                                                 or self.test)

    def compiled(self):
        """``search`` as a plain function specialised to the parts this trigger has: the
        engine calls triggers some fifty times per story, and most are one kind of test."""
        literals, pattern, unicode, test = self.literals, self.pattern, self.unicode, self.test
        if self.ends or self._gate or sum(map(bool, (literals, pattern, unicode, test))) != 1:
            return self.search
        if pattern is not None:
            return pattern.search
        if test is not None:
            return lambda text: True if test(text) else None
        if unicode is not None:
            search = unicode.search
            return lambda text: None if text.isascii() or search(text) is None else True
        if len(literals) == 1:
            (literal,) = literals
            return lambda text: True if literal in text else None

        def any_literal(text: str) -> bool | None:   # a loop, not any(generator): cheaper
            for literal in literals:
                if literal in text:
                    return True
            return None

        return any_literal

    def _literal_in(self, text: str) -> bool:
        # plain loops: a generator per call costs more than the tests themselves
        if self._gate:
            for c in self._gate:
                if c in text:
                    break
            else:
                return False
        for lit in self.literals:
            if lit in text:
                return True
        return False


def _telling_char(literal: str) -> str:
    """The character of a literal that prose holds least often: punctuation before letters
    and digits, and those before white space."""
    return min(literal, key=lambda c: 0 if not (c.isalnum() or c.isspace()) else
               1 if c.isalnum() else 2)


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    applicability: ClassVar[Applicability] = Applicability.DISPLAY
    message: ClassVar[str] = ""
    fix_title: ClassVar[str] = ""
    phase: ClassVar[Phase] = Phase.PROSE
    default_enabled: ClassVar[bool] = True
    # A quick pre-check: when this pattern (or Cheap trigger) does not occur in the text,
    # ``check`` is skipped. Prefer Cheap: a pattern that starts with a character class costs
    # a regex step at every position of every story.
    trigger: ClassVar[regex.Pattern | Cheap | None] = None
    examples: ClassVar[tuple[Example, ...]] = ()
    # The rule waits on an outside service (LanguageTool's server), whose client has its own
    # timeouts: the engine's per-rule time budget (cleaner.clock) does not apply to it.
    uses_service: ClassVar[bool] = False
    # The rule's place in the catalogue, set by the engine (decides between overlapping edits).
    priority: int = 0
    # The trigger as the engine calls it (see Cheap.compiled), set by the engine.
    trigger_search: Callable[[str], object] | None = None

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, start: int, end: int, replacements: Sequence[str] = (), *,
                message: str | None = None, applicability: Applicability | None = None,
                severity: Severity | None = None, fix_title: str | None = None,
                note: str = "", extra_edits: Sequence[Edit] = (),
                fixes: Sequence[Fix] | None = None, **fmt: Any) -> Finding:
        """Make a finding for this rule; ``fmt`` fills the message and fix-title templates.

        The usual form names whole replacements for ``[start, end)``, best first: each becomes
        a ``Fix`` of this rule's applicability (or ``applicability``), and ``extra_edits``
        belong to the best one (the closing mark of a restored quotation). A rule that needs
        more (alternatives with edits of their own, or of different safety) passes ``fixes``."""
        if fmt:
            message = (message or self.message).format(**fmt)
            fix_title = (fix_title or self.fix_title).format(**fmt)
        else:
            message = message or self.message
            fix_title = fix_title or self.fix_title
        if fixes is None:
            how = applicability or self.applicability
            fixes = [span_fix(start, end, r, how, fix_title if i == 0 else alternative_title(r),
                              extra_edits if i == 0 else ())
                     for i, r in enumerate(replacements)]
        # positional: rules make a finding per piece of damage
        return Finding(self.code, self.name, self.family, start, end, message, tuple(fixes),
                       severity or self.severity, "", note, self.priority)

    # -- documentation --------------------------------------------------------------------
    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split at its '## ' headings; the text before them is the summary."""
        return parse_doc_sections(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc_sections().get("", "").strip()

    @classmethod
    def metadata(cls) -> dict[str, Any]:
        return {
            "code": cls.code,
            "name": cls.name,
            "family": cls.family,
            "severity": cls.severity.value,
            "applicability": cls.applicability.value,
            "phase": cls.phase.name.lower(),
            "default_enabled": cls.default_enabled,
            "message": cls.message,
            "fix_title": cls.fix_title,
            "summary": cls.summary(),
            "sections": {k: v for k, v in cls.doc_sections().items() if k},
            "examples": [
                {"text": e.text, "fixed": e.fixed, "flagged": list(e.flagged),
                 "options": dict(e.options), "kind": "incorrect" if e.is_bad else "correct"}
                for e in cls.examples
            ],
        }


def parse_doc_sections(doc: str) -> dict[str, str]:
    import inspect

    text = inspect.cleandoc(doc)
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def alternative_title(replacement: str) -> str:
    """The title of a further replacement a rule offers (the best one has the rule's own)."""
    if not replacement:
        return "Delete it"
    if not replacement.strip():
        return "Replace with white space" if len(replacement) > 1 else "Replace with a space"
    return f"Replace with “{replacement}”"
