"""wirefix's engine: the document model, findings, edit plans, fix application and config.

The public API, shared by the CLI, the batch mode and the review app::

    from cleaner import lint, fix, Config
    findings = lint(text, Config())
    result = fix(text, Config(), unsafe=False)   # result.text, result.plan, result.remaining
"""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, ConfigError, ConfigResolver, load_file  # noqa: E402
from .document import Document  # noqa: E402
from .engine import Engine, FixResult, MAX_PASSES, engine_for, fix, lint  # noqa: E402
from .findings import Applicability, Edit, Finding, Severity, fingerprint  # noqa: E402
from .plan import FixPlan, OffsetMap, apply_edits, apply_plan, select_edits  # noqa: E402

__all__ = [
    "Applicability", "Config", "ConfigError", "ConfigResolver", "Document", "Edit", "Engine",
    "Finding", "FixPlan", "FixResult", "MAX_PASSES", "OffsetMap", "Severity", "__version__",
    "apply_edits", "apply_plan", "engine_for", "fingerprint", "fix", "lint", "load_file",
    "select_edits",
]
