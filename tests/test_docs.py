"""The README is the front door and docs/ the reference: both must stay true to the code."""
from __future__ import annotations

import re
from pathlib import Path

from wirefix.cleaner.catalogue import all_entries, rule_pages
from wirefix.rules.families import FAMILIES

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def test_the_rule_pages_are_generated_from_the_code():
    """docs/rules/ holds exactly the pages `wirefix rules --write-docs docs/rules` writes."""
    want = rule_pages(all_entries())
    have = {p.name: p.read_text(encoding="utf-8") for p in (DOCS / "rules").glob("*.md")}
    stale = sorted(name for name in want if have.get(name) != want[name])
    extra = sorted(set(have) - set(want))
    assert not stale and not extra, (
        f"docs/rules is out of date (stale: {stale}, not a rule: {extra}): "
        "run `wirefix rules --write-docs docs/rules`")


def test_every_rule_has_a_page_with_the_five_sections():
    for entry in all_entries():
        if not isinstance(entry, type):
            continue   # the engine's notices (WF000, WF001) have no examples or sections to show
        page = (DOCS / "rules" / f"{entry.code}.md").read_text(encoding="utf-8")
        for section in ("What it does", "Why it happens in wire copy", "Example", "Fix safety",
                        "Known false positives"):
            assert f"## {section}\n" in page, (entry.code, section)


def test_the_readme_is_a_short_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    assert "make run" in text and "make test" in text
    for surface in ("wirefix check", "wirefix review", "wirefix batch", "pre-commit"):
        assert surface in text, surface


def test_every_local_link_in_the_readme_and_docs_resolves():
    pages = [README, *DOCS.rglob("*.md")]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken


def test_the_rule_index_names_every_family():
    index = (DOCS / "rules" / "README.md").read_text(encoding="utf-8")
    used = {e.family for e in all_entries()}
    for family in FAMILIES:
        if family in used:
            assert f"| {family} |" in index, family


def test_the_review_keys_in_the_docs_are_the_apps_key_map():
    from wirefix.tui.keys import markdown_table
    assert markdown_table() in (DOCS / "review.md").read_text(encoding="utf-8")
