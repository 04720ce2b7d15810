"""SARIF 2.1.0, for code-scanning dashboards."""
from __future__ import annotations

from typing import Sequence

from ..runner import FileReport
from . import dumps, finding_dicts, uri

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(reports: Sequence[FileReport], *, rules=(), version: str = "", **_: object) -> str:
    rows = finding_dicts(reports)
    used = {d["code"] for d in rows}
    from ..catalogue import NOTICES

    driver_rules = []
    described = set()
    for r in (*NOTICES, *rules):
        if r.code not in used or r.code in described:
            continue
        described.add(r.code)
        meta = r.metadata()
        driver_rules.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": meta["summary"] or meta.get("message") or r.name},
            "fullDescription": {"text": meta["sections"].get("What it does", meta["summary"])},
            "help": {"text": "\n\n".join(f"{k}\n{v}" for k, v in meta["sections"].items())},
            "properties": {"family": r.family, "applicability": meta["applicability"]},
        })
    # rules outside the built-in catalogue (house-style TOML, LanguageTool): name and family
    for d in rows:
        if d["code"] not in described:
            described.add(d["code"])
            driver_rules.append({"id": d["code"], "name": d["rule"],
                                 "shortDescription": {"text": d["rule"]},
                                 "properties": {"family": d["family"]}})
    results = []
    for d in rows:
        region = {
            "startLine": d["line"], "startColumn": d["column"],
            "endLine": d["end_line"], "endColumn": d["end_column"],
            "charOffset": d["start"], "charLength": d["end"] - d["start"],
        }
        result = {
            "ruleId": d["code"],
            "level": _LEVEL[d["severity"]],
            "message": {"text": d["message"]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(d["path"])},
                                                "region": region}}],
            "partialFingerprints": {"wirefix/v1": d["fingerprint"]},
            "properties": {"rule": d["rule"], "family": d["family"],
                           "applicability": d["applicability"]},
        }
        if d["edits"]:
            result["fixes"] = [{
                "description": {"text": d["fix_title"] or "Apply the suggested change"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(d["path"])},
                    "replacements": [{"deletedRegion": {"charOffset": e["start"],
                                                        "charLength": e["end"] - e["start"]},
                                      "insertedContent": {"text": e["replacement"]}}
                                     for e in d["edits"]],
                }],
            }]
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "wirefix", "version": version,
                                "informationUri": "https://example.invalid/wirefix",
                                "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return dumps(doc, indent=2) + "\n"
