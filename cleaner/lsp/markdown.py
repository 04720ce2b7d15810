"""Markdown documents: the prose is checked, the syntax is left alone.

A Markdown file is checked as text, like any story, with its syntax protected by the
config's own mechanism, ``ignore-patterns`` (no rule touches a match): front matter, fenced
and indented code, inline code, HTML and its entities (``&nbsp;`` is Markdown, not feed
debris), link targets, autolinks and bare URLs, table rows and backslash escapes. Three rules are left out, because in Markdown what they repair is syntax:
hard-wrap (Markdown paragraphs are wrapped on purpose and render as one), trailing-whitespace
(two spaces end a line: a hard line break) and stray-indent (indented list items and
continuations). ``wirefix check`` reads a .md file as plain text; the server does this only
for documents the editor calls Markdown (setting ``markdown``: false turns it off).
"""
from __future__ import annotations

from ..config import Config

PATTERNS = (
    r"\A(?:---|\+\+\+)[ \t]*\n[\s\S]*?\n(?:---|\+\+\+|\.\.\.)[ \t]*$",   # front matter
    r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)",  # fenced code
    r"^(?: {4}|\t)[^\n]*$",                          # indented code (and deep list lines)
    r"(`+)(?!`)[^\n]*?(?<!`)\2(?!`)",                # inline code
    r"<!--[\s\S]*?-->",                              # HTML comments
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",     # HTML tags
    r"<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>",           # autolinks
    r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)",   # link and image targets
    r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$",          # reference definitions
    r"\bhttps?://[^\s<>()\]]+",                      # bare URLs
    r"^[ \t]*\|.*\|[ \t]*$",                         # table rows
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$",  # table rules
    r"\\[!-/:-@\[-`{-~]",                            # backslash escapes
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",  # entities: Markdown's own
)

# rules whose repair would change Markdown syntax (see the module docstring)
LEFT_OUT = ("hard-wrap", "trailing-whitespace", "stray-indent")


def markdown_config(config: Config) -> Config:
    """The config for a Markdown document: its own settings plus the protections above."""
    return with_ignored(config, LEFT_OUT).merged(
        ignore_patterns=tuple(config.ignore_patterns) + PATTERNS)


def with_ignored(config: Config, selectors: tuple[str, ...]) -> Config:
    """``config`` with ``selectors`` added to its command-line ignore layer (which wins over
    the file's selection, as ``--ignore`` does)."""
    layer = config.cli
    return config.merged(select=layer[0] if layer else None,
                         extend_select=tuple(layer[1]) if layer else None,
                         ignore=(tuple(layer[2]) if layer else ()) + tuple(selectors))
