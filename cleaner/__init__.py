"""wirefix's engine: the document model, findings, fixes, the fix loop and config.

The public API, shared by the CLI, the batch mode, the review app and any new surface::

    from wirefix.cleaner import lint, fix, Config
    findings = lint(text, Config())
    result = fix(text, Config(), unsafe=False)   # result.text, result.plan, result.remaining

Names are loaded on first use: importing one module of the engine (a rule importing
``wirefix.cleaner.findings``, say) does not import the engine, the rules or the config.
"""
from __future__ import annotations

from importlib import import_module

from wirefix import __version__

# public name -> the module that defines it
_WHERE = {
    "Config": "config", "ConfigError": "config", "ConfigResolver": "config", "load_file": "config",
    "Document": "document",
    "Engine": "engine", "engine_for": "engine", "fix": "engine", "lint": "engine",
    "FixResult": "fixloop", "MAX_PASSES": "engine",
    "Applicability": "findings", "Edit": "findings", "Finding": "findings", "Fix": "findings",
    "Severity": "findings", "fingerprint": "findings",
    "Choice": "plan", "FixPlan": "plan", "apply_edits": "plan", "apply_plan": "plan",
    "select": "plan", "select_edits": "plan",
    "OffsetMap": "spans",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = ["__version__", *_WHERE]  # noqa: PLE0604 (the names are strings: _WHERE's keys)
