"""JSON (one array) and JSON Lines (one object per line) output."""
from __future__ import annotations

import json
from typing import Sequence

from ..runner import FileReport
from . import finding_dicts


def render_json(reports: Sequence[FileReport], **_: object) -> str:
    return json.dumps(finding_dicts(reports), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[FileReport], **_: object) -> str:
    rows = finding_dicts(reports)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
