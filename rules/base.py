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
from typing import Any, ClassVar, Iterable, Mapping, Sequence

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


class LooksFor:
    """What a rule looks for: the literals and patterns without which it cannot flag a text,
    or ``always``. The engine derives the rule's trigger from this: one scan of each text
    finds which rules' literals or patterns occur (``cleaner.scan``), and a rule whose do
    not is not run. So a rule says what it means, and the scan is the engine's business.

    It must be a superset of what the rule flags: it may say yes for nothing, never no for
    damage (tests/test_looks_for.py runs every rule without its scan to check it).

    ``literals`` are plain strings, matched as written. ``patterns`` are ``regex`` patterns
    written in the syntax Hyperscan shares with it (character classes, ``\\p{..}``
    properties, alternation, repeats, ``(?i)``); a look-around is allowed but is read as
    matching anything by Hyperscan's prefilter mode, so the pattern around it must still
    say something."""

    __slots__ = ("literals", "patterns", "always")

    def __init__(self, *literals: str, patterns: Sequence[str] = (), always: bool = False):
        if not always and not (literals or patterns):
            raise ValueError("a rule looks for some literal or pattern, or always")
        if any(not lit for lit in literals):
            raise ValueError("an empty literal occurs in every text: say always=True")
        self.literals = tuple(literals)
        self.patterns = tuple(patterns)
        self.always = always

    @classmethod
    def chars(cls, chars: str, *, patterns: Sequence[str] = ()) -> "LooksFor":
        """Any one of these characters."""
        return cls(*dict.fromkeys(chars), patterns=patterns)

    def __repr__(self) -> str:
        if self.always:
            return "LooksFor(always=True)"
        return f"LooksFor(*{self.literals!r}, patterns={self.patterns!r})"


# A rule that looks at every text (its check is cheap, or what it looks for is everywhere).
ALWAYS = LooksFor(always=True)


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
    # What the rule looks for (see LooksFor): its check runs only on texts that hold it.
    looks_for: ClassVar[LooksFor] = ALWAYS
    examples: ClassVar[tuple[Example, ...]] = ()
    # The rule waits on an outside service (LanguageTool's server), whose client has its own
    # timeouts: the engine's per-rule time budget (cleaner.clock) does not apply to it.
    uses_service: ClassVar[bool] = False
    # The rule reads words other rules repair (a contraction that lost its apostrophe is a
    # mark of speech once it has it back): the fix loop applies its fixes only in a pass
    # where no other rule's fix applies, so it reads the repaired story first.
    waits_for_repairs: ClassVar[bool] = False
    # The rule's place in the catalogue, set by the engine (decides between overlapping edits).
    priority: int = 0

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
            if not extra_edits and type(replacements) in _SIZED and len(replacements) == 1:
                # the usual shape (hard-wrap's joins, most repairs): one fix of one edit,
                # built directly; span_fix's list and sort are for extra edits
                fixes = (Fix((Edit(start, end, replacements[0]),), how, fix_title),)
            else:
                fixes = [span_fix(start, end, r, how,
                                  fix_title if i == 0 else alternative_title(r),
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


# the types of ``replacements`` whose length can be read before they are iterated
_SIZED = (tuple, list)


def alternative_title(replacement: str) -> str:
    """The title of a further replacement a rule offers (the best one has the rule's own)."""
    if not replacement:
        return "Delete it"
    if not replacement.strip():
        return "Replace with white space" if len(replacement) > 1 else "Replace with a space"
    return f"Replace with “{replacement}”"
