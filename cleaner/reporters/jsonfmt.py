"""JSON (one array) and JSON Lines (one object per line) output."""
from __future__ import annotations

from typing import Sequence

from ..runner import FileReport
from . import dumps, finding_dicts


def render_json(reports: Sequence[FileReport], **_: object) -> str:
    return dumps(finding_dicts(reports), indent=2) + "\n"


def render_jsonl(reports: Sequence[FileReport], **_: object) -> str:
    rows = finding_dicts(reports)
    return "".join(dumps(r) + "\n" for r in rows)
