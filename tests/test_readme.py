"""The README's rule catalogue is generated from the registry; it must not go stale."""
from __future__ import annotations

from pathlib import Path

from wirefix.cleaner.catalogue import all_entries, render_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_catalogue_is_current():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- catalogue:start -->\n") + len("<!-- catalogue:start -->\n")
    end = text.index("<!-- catalogue:end -->")
    assert text[start:end] == render_markdown(all_entries()), (
        "README rule catalogue is out of date: run `wirefix rules --format markdown`")


def test_readme_names_every_family_and_both_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
    from wirefix.rules.families import FAMILIES
    for family in FAMILIES:
        assert family in text, family
