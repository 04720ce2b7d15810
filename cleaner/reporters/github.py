"""GitHub Actions workflow commands: one ::warning/::error/::notice line per finding."""
from __future__ import annotations

from typing import Sequence

from ..runner import FileReport
from . import finding_dicts, printable_path

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], **_: object) -> str:
    out = []
    for d in finding_dicts(reports):
        props = ",".join([
            f"file={_escape_prop(printable_path(d['path']))}",
            f"line={d['line']}", f"col={d['column']}",
            f"endLine={d['end_line']}", f"endColumn={d['end_column']}",
            f"title={_escape_prop('wirefix ' + d['code'] + ' ' + d['rule'])}",
        ])
        out.append(f"::{_LEVEL[d['severity']]} {props}::{_escape_data(d['code'] + ' ' + d['message'])}\n")
    return "".join(out)
