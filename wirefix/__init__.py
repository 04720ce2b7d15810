"""wirefix: finds and repairs damage in news wire copy.

One import name holds the whole tool. The repository keeps its three parts as top-level
folders, installed under this name:

    wirefix.cleaner   the engine: document model, findings, fixes, the fix loop, config,
                      CLI, reporters, batch and review models
    wirefix.rules     the rule catalogue
    wirefix.tui       the Textual review app

The engine's public API (``lint``, ``fix``, ``Config``, ...) is re-exported here, loaded on
first use so that ``import wirefix`` stays cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Applicability", "Config", "ConfigError", "Edit", "Engine", "Finding", "Fix",
           "FixResult", "Severity", "__version__", "fix", "lint"]


def __getattr__(name: str):
    if name in __all__ and name != "__version__":
        from . import cleaner
        return getattr(cleaner, name)
    raise AttributeError(f"module 'wirefix' has no attribute {name!r}")

