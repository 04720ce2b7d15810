"""Checking one input end to end: read, lint or fix, write back safely, report.

The CLI's ``check`` command and the batch mode call this; neither holds rule logic.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .config import ConfigError, ConfigResolver
from .engine import engine_for
from .findings import Applicability, Finding
from .plan import FixPlan
from .selection import SelectionError
from .sidecar import log_path_for, own_file_kind
from .textio import (InputError, Story, atomic_write, decode, encode,
                     read_path)

if TYPE_CHECKING:
    from .fixloop import FixResult

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
    skipped: str | None = None     # not a story (wirefix's own file): said why, not checked
    source: bytes | None = None    # the bytes read (for --diff: a patch of the file itself)
    legacy: bool = False           # bytes that are not UTF-8 (--fix rewrites them as UTF-8)

    @property
    def changed(self) -> bool:
        return (self.plan is not None and len(self.plan) > 0) or self.legacy

    def diff(self) -> str:
        """What ``--fix`` would change, as a unified diff that ``patch`` applies to the file
        as it is on disk. Lines are split at LF only, as patch splits them (so a CR, a form
        feed, U+2028 or NEL stays inside its line), and compared as the bytes --fix would
        write: a BOM, CRLF and bytes that are not UTF-8 (carried as surrogate escapes, which
        the output turns back into the same bytes) all match the file. UTF-16 and UTF-32
        stories are shown as text: patch cannot apply those."""
        if self.original == self.text and not self.legacy:
            return ""
        if self.source is not None and self.encoding in ("utf-8", "utf-8-sig"):
            a = _lines(self.source)
            b = _lines(encode(self.text, Story("", encoding=self.encoding)))
        else:
            a = self.original.split("\n")
            b = self.text.split("\n")
            a = [x + "\n" for x in a[:-1]] + ([a[-1]] if a[-1] else [])
            b = [x + "\n" for x in b[:-1]] + ([b[-1]] if b[-1] else [])
        import difflib   # only --diff needs it

        lines = difflib.unified_diff(a, b, fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
                                     lineterm="\n")
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


def _lines(data: bytes) -> list[str]:
    """``data`` split after each LF (as patch splits it), each line decoded with surrogate
    escapes, so that writing it back with them gives the same bytes."""
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return [line.decode("utf-8", "surrogateescape") for line in lines]


def load_decisions(path: str | None, text: str):
    """The editor's stored decisions for this story (see cleaner.decisions), or None.
    Raises ``InputError`` when a log is there but cannot be read (a folder, no permission):
    without it, ``--fix`` would apply fixes the editor rejected."""
    if not path or path == STDIN:
        return None
    log_path = log_path_for(path)
    if not os.path.lexists(log_path):
        return None  # no review yet (and no import of the review code: cold start)
    from .decisions import DecisionLog

    log = DecisionLog.for_story(path)
    log.check_readable()
    decided = log.filter()
    return decided, log.warnings


def check_story(story: Story, path: str, config_path: str | None, resolver: ConfigResolver,
                mode: Mode, decisions=None) -> FileReport:
    """Lint or fix one decoded story. ``path`` is the name to report."""
    config = resolver.for_path(config_path)
    engine = engine_for(config, config_path)
    report = FileReport(path=path, text=story.text, original=story.text)
    if story.empty:
        report.warnings.append(f"{path}: empty file, nothing to check")
    elif blank(story.text):
        # as `wirefix batch` does: white space alone is no story, and is left as it is
        report.warnings.append(f"{path}: only white space, nothing to check")
        report.plan = FixPlan() if mode.fixing else None
        return report
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


def blank(text: str) -> bool:
    """White space alone (or nothing): no story to check; --fix and batch leave it as is."""
    return not text.strip()


def _with_notices(notices: list[Finding], findings: list[Finding], same_text: bool) -> list[Finding]:
    if not notices or not same_text:
        return findings
    return sorted(notices + findings, key=lambda f: (f.start, f.end))


def check_path(path: str, resolver: ConfigResolver, mode: Mode,
               stdin_filename: str | None = None,
               read_stdin: Callable[[], bytes] | None = None) -> FileReport:
    """Check one path (or "-" for stdin). Never raises: whatever goes wrong becomes the
    report's error, the story is left as it was, and with ``--fix`` the bytes of stdin are
    echoed unchanged (``passthrough``), so that a pipeline never loses a story."""
    is_stdin = path == STDIN
    shown = (stdin_filename or STDIN) if is_stdin else path
    config_path = stdin_filename if is_stdin else path
    data: bytes | None = None
    if is_stdin:
        try:
            data = (read_stdin or (lambda: sys.stdin.buffer.read()))()
        except OSError as exc:
            return FileReport(path=shown, error=f"{shown}: cannot read stdin: "
                                                f"{exc.strerror or exc}")
    echo = data if (is_stdin and mode.fix) else None
    kind = own_file_kind(config_path) if config_path else None
    if kind:
        return FileReport(path=shown, passthrough=echo,
                          skipped=f"{shown}: skipped: {kind}, not a story (wirefix never "
                                  f"checks or edits its own files)")
    try:
        return _check_path(path, shown, config_path, data, resolver, mode)
    except (InputError, ValueError) as exc:  # bad input, a bad config file, key or selector
        return FileReport(path=shown, error=str(exc), passthrough=echo)
    except RecursionError:
        return FileReport(path=shown, passthrough=echo,
                          error=f"{shown}: nested too deeply for wirefix to check")
    except Exception as exc:  # noqa: BLE001 - a wirefix bug stops this story, not the run
        return FileReport(path=shown, passthrough=echo,
                          error=f"{shown}: wirefix failed on this story "
                                f"({type(exc).__name__}: {exc}); please report it")


def _selector_source(config, message: str) -> str:
    """Where an unknown selector was written: an option, or the config file."""
    select, extend, ignore = config.cli or (None, (), ())
    for option, values in (("--select", select), ("--extend-select", extend),
                           ("--ignore", ignore)):
        if any(repr(v) in message for v in values or ()):
            return option
    return config.source or "the configuration"


def _check_path(path: str, shown: str, config_path: str | None, data: bytes | None,
                resolver: ConfigResolver, mode: Mode) -> FileReport:
    base_config = resolver.for_path(config_path)
    if data is not None:
        story = decode(data, shown, base_config.max_file_size)
    else:
        story = read_path(path, base_config.max_file_size)
    decisions, log_warnings = None, []
    if data is None:
        found = load_decisions(path, story.text)
        if found is not None:
            decisions, log_warnings = found
    config = resolver.for_path(config_path)
    try:   # the engine of this config (cached): a bad setting is named with its source
        engine_for(config, config_path)
    except ConfigError:
        raise
    except SelectionError as exc:
        raise ConfigError(f"{_selector_source(config, str(exc))}: {exc}") from None
    except ValueError as exc:   # e.g. extend-rules names a file that is not there
        raise ConfigError(f"{config.source or 'the configuration'}: {exc}") from None
    report = check_story(story, shown, config_path, resolver, mode, decisions)
    report.warnings.extend(log_warnings)
    if mode.diff:
        report.source = story.raw
        report.encoding = story.encoding
        report.legacy = bool(story.legacy_bytes)
    if mode.fix:
        if data is not None and blank(story.text):
            report.passthrough = data       # no story: its bytes go back as they came
        elif data is not None:
            report.output = report.text
            report.encoding = story.encoding
        elif report.changed or (story.legacy_bytes and not blank(story.text)):
            try:
                atomic_write(path, encode(report.text, story))
                report.written = True
            except OSError as exc:
                report.error = f"{path}: could not write the fixed story: {exc.strerror or exc}"
            except UnicodeEncodeError as exc:
                report.error = f"{path}: the fixed story cannot be written as {story.encoding}: {exc}"
    return report
