"""Output formats for ``wirefix check``: text, json, jsonl, github, sarif.

Every reporter takes the list of FileReports and returns a string. The JSON object per
finding is the stable contract (see docs/json-contract.md)."""
from __future__ import annotations

import json
import os
import re
from typing import Callable, Sequence
from urllib.parse import quote

from ..document import Document
from ..findings import Finding
from ..runner import FileReport

FORMATS = ("text", "json", "jsonl", "github", "sarif", "concise")


def finding_dict(report: FileReport, f: Finding, doc: Document) -> dict:
    """The JSON contract for one finding."""
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(f.end)
    return {
        "path": report.path,
        "code": f.code,
        "rule": f.rule,
        "family": f.family,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "text": doc.text[f.start:f.end],
        "message": f.message,
        "replacements": f.replacement_texts(doc.text),
        "applicability": f.applicability.value,
        "severity": f.severity.value,
        "fix_title": f.fix_title,
        "fingerprint": f.fingerprint,
        "note": f.note,
        # every edit of the best fix (the span's first replacement plus any extra edits)
        "edits": [_edit_dict(e) for e in f.edits()],
        # every fix, best first: its title, its own applicability and all of its edits
        "fixes": [{"title": fx.title, "applicability": fx.applicability.value,
                   "edits": [_edit_dict(e) for e in fx.edits]} for fx in f.fixes],
    }


def _edit_dict(e) -> dict:
    return {"start": e.start, "end": e.end, "replacement": e.replacement}


def finding_dicts(reports: Sequence[FileReport]) -> list[dict]:
    out: list[dict] = []
    for r in reports:
        if r.error or not r.findings:
            continue
        doc = Document(r.text)
        out.extend(finding_dict(r, f, doc) for f in r.findings)
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(obj, **kw) -> str:
    """JSON that is valid UTF-8 whatever the file names: a name that is not UTF-8 reaches
    wirefix with its bad bytes as lone surrogates (Python's surrogate escapes), which cannot
    be written as UTF-8. They are written as \\udcXX escapes, which JSON allows and which
    give the name's exact bytes back (json.loads, then os.fsencode)."""
    text = json.dumps(obj, ensure_ascii=False, **kw)
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def uri(path: str) -> str:
    """A file name as a URI reference (SARIF's artifactLocation.uri): its bytes, with
    anything that is not a plain URI character percent-encoded."""
    return quote(os.fsencode(path), safe="/:@!$&'()*+,;=-._~")


def printable_path(path: str) -> str:
    """A file name for a line of text that must be valid UTF-8: bytes that are not UTF-8
    shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", path)


def get_reporter(name: str) -> Callable[..., str]:
    if name in ("text", "concise"):
        from .text import render as render_text
        return render_text
    if name == "json":
        from .jsonfmt import render_json
        return render_json
    if name == "jsonl":
        from .jsonfmt import render_jsonl
        return render_jsonl
    if name == "github":
        from .github import render as render_github
        return render_github
    if name == "sarif":
        from .sarif import render as render_sarif
        return render_sarif
    raise ValueError(f"unknown format {name!r}")
