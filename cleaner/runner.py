"""Checking one input end to end: read, lint or fix, write back safely, report.

The CLI's ``check`` command and the batch mode call this; neither holds rule logic.
"""
from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from typing import Callable

from .config import ConfigResolver
from .engine import engine_for
from .fixloop import FixResult
from .findings import Applicability, Finding
from .plan import FixPlan
from .sidecar import log_path_for
from .textio import InputError, Story, atomic_write, decode, encode, read_path

STDIN = "-"


@dataclass(frozen=True)
class Mode:
    fix: bool = False            # apply fixes (write files, or fixed text to stdout for "-")
    diff: bool = False           # compute the fixes, show a diff, write nothing
    unsafe: bool = False         # unsafe fixes too
    show_decided: bool = False   # report findings an editor already rejected or deferred

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


@dataclass
class FileReport:
    path: str                      # as the user named it ("-" or --stdin-filename for stdin)
    text: str = ""                 # the text the findings' offsets refer to
    original: str = ""
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0                 # findings repaired by fixes that were applied (or shown)
    plan: FixPlan | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    # a service the user asked for by name (--select grammar) failed: exit 2, but the other
    # rules' findings are still reported (an ``error`` would discard them)
    service_errors: list[str] = field(default_factory=list)
    written: bool = False
    output: str | None = None      # for stdin with --fix: the text for stdout
    encoding: str = "utf-8"        # the input's encoding; --fix output keeps it (BOM, UTF-16)
    passthrough: bytes | None = None  # stdin with --fix that could not be read: echoed as is

    @property
    def changed(self) -> bool:
        return self.plan is not None and len(self.plan) > 0

    def diff(self) -> str:
        if self.original == self.text:
            return ""
        a = self.original.splitlines(keepends=True)
        b = self.text.splitlines(keepends=True)
        lines = difflib.unified_diff(a, b, fromfile=f"a/{self.path}", tofile=f"b/{self.path}")
        out = []
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)

    def more_with_unsafe(self, unsafe: bool) -> int:
        if unsafe:
            return 0
        return sum(1 for f in self.findings
                   if f.applicability is Applicability.UNSAFE)

    def fixable_now(self) -> int:
        return sum(1 for f in self.findings
                   if f.applicability is Applicability.SAFE)


def load_decisions(path: str | None, text: str):
    """The editor's stored decisions for this story (see cleaner.decisions), or None."""
    if not path or path == STDIN:
        return None
    if not log_path_for(path).exists():
        return None  # no review yet (and no import of the review code: cold start)
    try:
        from .decisions import DecisionLog
    except ImportError:  # the review feature is optional at this layer
        return None
    return DecisionLog.for_story(path).filter()


def check_story(story: Story, path: str, config_path: str | None, resolver: ConfigResolver,
                mode: Mode, decisions=None) -> FileReport:
    """Lint or fix one decoded story. ``path`` is the name to report."""
    config = resolver.for_path(config_path)
    engine = engine_for(config, config_path)
    report = FileReport(path=path, text=story.text, original=story.text)
    if story.empty:
        report.warnings.append(f"{path}: empty file, nothing to check")
    decision_filter = None if mode.show_decided else decisions
    unsafe = mode.unsafe or config.unsafe_fixes
    engine.take_unavailable()  # forget a failure left on this thread by an earlier caller
    if mode.fixing:
        res: FixResult = engine.fix(story.text, unsafe=unsafe, decisions=decision_filter)
        report.text = res.text
        report.plan = res.plan
        report.findings = res.remaining
        report.fixed = res.applied
        if not res.converged:
            report.warnings.append(
                f"{path}: fixes did not settle after {res.passes} passes; rules still editing: "
                f"{', '.join(res.cycling_rules)}. Please report this as a wirefix bug.")
        if story.legacy_bytes and mode.fix:
            report.fixed += len(story.legacy_bytes)  # written back as UTF-8
        elif story.legacy_bytes:
            report.findings = _with_notices(story.notices(), report.findings, story.text == res.text)
    else:
        report.findings = engine.lint(story.text, decisions=decision_filter)
        report.findings = _with_notices(story.notices(), report.findings, True)
    for rule, message in engine.take_unavailable().items():  # e.g. LanguageTool is down
        from .languagetool import explicitly_requested
        asked = explicitly_requested(rule, config)
        (report.service_errors if asked else report.warnings).append(message)
    return report


def _with_notices(notices: list[Finding], findings: list[Finding], same_text: bool) -> list[Finding]:
    if not notices or not same_text:
        return findings
    return sorted(notices + findings, key=lambda f: (f.start, f.end))


def check_path(path: str, resolver: ConfigResolver, mode: Mode,
               stdin_filename: str | None = None,
               read_stdin: Callable[[], bytes] | None = None) -> FileReport:
    """Check one path (or "-" for stdin); never raises for bad input."""
    is_stdin = path == STDIN
    shown = (stdin_filename or STDIN) if is_stdin else path
    config_path = stdin_filename if is_stdin else path
    data: bytes | None = None
    try:
        base_config = resolver.for_path(config_path)
        if is_stdin:
            data = (read_stdin or (lambda: sys.stdin.buffer.read()))()
            story = decode(data, shown, base_config.max_file_size)
        else:
            story = read_path(path, base_config.max_file_size)
    except InputError as exc:
        # a pipeline's stdout must not lose the story: --fix echoes unreadable stdin unchanged
        return FileReport(path=shown, error=str(exc),
                          passthrough=data if (is_stdin and mode.fix) else None)
    decisions = None if is_stdin else load_decisions(path, story.text)
    report = check_story(story, shown, config_path, resolver, mode, decisions)
    if mode.fix:
        if is_stdin:
            report.output = report.text
            report.encoding = story.encoding
        elif report.changed or story.legacy_bytes:
            try:
                atomic_write(path, encode(report.text, story))
                report.written = True
            except OSError as exc:
                report.error = f"{path}: could not write the fixed story: {exc.strerror or exc}"
            except UnicodeEncodeError as exc:
                report.error = f"{path}: the fixed story cannot be written as {story.encoding}: {exc}"
    return report
