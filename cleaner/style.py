"""House-style options that rules read, with their defaults and allowed values.

Set them in config under ``[tool.wirefix.style]`` (pyproject.toml) or ``[style]``
(wirefix.toml). A rule reads one with ``ctx.option("quotes")``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StyleOption:
    name: str
    default: Any
    choices: tuple[Any, ...] | None
    help: str


STYLE_OPTIONS: dict[str, StyleOption] = {o.name: o for o in (
    StyleOption("quotes", "follow", ("follow", "curly", "straight"),
                "Quotation marks and apostrophes: follow the story's majority, or force curly "
                "(“ ” ‘ ’) or straight (\" ')."),
    StyleOption("us-abbreviation", "follow", ("follow", "U.S.", "US"),
                "How the story abbreviates United States: 'follow' takes the style of the "
                "agency its dateline names (AP, Reuters: U.S.; AFP: US), else the story's "
                "majority; or force one form."),
    StyleOption("dateline-dash", "follow", ("follow", "—", "–", "-"),
                "The dash after the dateline and source tag: CITY (AP) — ... 'follow' accepts "
                "any dash and inserts the agency's own (— for AP and most, - for Reuters) where "
                "it is missing; a dash forces that one."),
    StyleOption("source-tag", "keep", ("keep", "AP", "Reuters"),
                "Normalise wire source tags to this agency's form, or keep them as they are."),
    StyleOption("ellipsis", "...", ("...", "…"),
                "Ellipsis as three full stops (AP) or the single character."),
    StyleOption("dash", "—", ("—", "–", " - "),
                "The dash that replaces a typed '--' between words."),
    StyleOption("unwrap", True, (True, False),
                "Join hard-wrapped lines inside a paragraph into one line."),
)}


class StyleError(ValueError):
    pass


def resolve_style(given: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults overlaid with ``given``; unknown names and bad values raise StyleError."""
    style = {name: opt.default for name, opt in STYLE_OPTIONS.items()}
    for key, value in (given or {}).items():
        opt = STYLE_OPTIONS.get(key)
        if opt is None:
            raise StyleError(f"unknown style option {key!r} (known: {', '.join(STYLE_OPTIONS)})")
        if opt.choices is not None and value not in opt.choices:
            choices = ", ".join(repr(c) for c in opt.choices)
            raise StyleError(f"style option {key!r} must be one of {choices}, not {value!r}")
        style[key] = value
    return style
