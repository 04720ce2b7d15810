"""Where a story's review decisions live: the audit log beside it (JSON Lines). A module of
its own so that `wirefix check` can look for the log without importing the review code.

wirefix's own files (an editor's decision log, the findings a batch run writes beside a
story, a temporary file of an interrupted write) are never stories: `wirefix check` skips
them whatever the file pattern that named them (a pre-commit hook's ``files: ^stories/``
matches ``stories/x.txt.wirefix.jsonl`` too)."""
from __future__ import annotations

import os
from pathlib import Path

LOG_SUFFIX = ".wirefix.jsonl"
FINDINGS_SUFFIX = ".findings.json"
TEMP_SUFFIX = ".wirefix-tmp"


def log_path_for(story: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(story)}{LOG_SUFFIX}")


def own_file_kind(path: str | os.PathLike) -> str | None:
    """What kind of wirefix file ``path`` is ("an editor's decision log", ...), or None for
    anything else. A findings file counts only beside the story it describes."""
    name = os.fspath(path)
    if name.endswith(LOG_SUFFIX):
        return "an editor's decision log"
    if name.endswith(TEMP_SUFFIX):
        return "a temporary file of a wirefix write"
    if name.endswith(FINDINGS_SUFFIX) and os.path.isfile(name[:-len(FINDINGS_SUFFIX)]):
        return "the findings file of a batch run"
    return None
