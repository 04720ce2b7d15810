"""Where a story's review decisions live: the audit log beside it (JSON Lines). A module of
its own so that `wirefix check` can look for the log without importing the review code."""
from __future__ import annotations

import os
from pathlib import Path

LOG_SUFFIX = ".wirefix.jsonl"


def log_path_for(story: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(story)}{LOG_SUFFIX}")
