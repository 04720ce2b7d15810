"""Pieces of the language server that need no server process: positions, settings and the
wire form of diagnostics."""
from __future__ import annotations

from wirefix.cleaner.lsp.settings import Settings
from wirefix.cleaner.lsp.text import UTF8, UTF32, LineIndex, apply_change


def test_positions_follow_the_protocols_lines_and_utf16_units():
    text = "a😀b\u2028c\r\nd\re\x85f\n"
    ix = LineIndex(text)
    assert ix.position(text.index("b")) == (0, 3)            # 😀 is two UTF-16 units
    assert ix.position(text.index("c")) == (0, 5)            # U+2028 does not end a line
    assert ix.position(text.index("d")) == (1, 0)            # "\r\n" does
    assert ix.position(text.index("e")) == (2, 0)            # and a lone "\r"
    assert ix.position(text.index("f")) == (2, 2)            # U+0085 does not
    for off in range(len(text) + 1):
        if text[off - 1:off + 1] == "\r\n":
            continue                                           # inside a line break
        assert ix.offset(*ix.position(off)) == off
    assert ix.offset(0, 2) == text.index("😀") + 1             # mid-character: after it
    assert ix.offset(0, 99) == text.index("\u2028") + 2        # past the end: the line's end
    assert ix.offset(9, 0) == len(text)
    assert LineIndex(text, UTF8).position(text.index("b")) == (0, 5)
    assert LineIndex(text, UTF32).position(text.index("b")) == (0, 2)


def test_incremental_changes_apply_at_protocol_positions():
    text = "one\u2028two\nthree 😀 four\n"
    ix = LineIndex(text)
    out = apply_change(text, ix, (1, 9), (1, 13), "five")
    assert out == "one\u2028two\nthree 😀 five\n"
    assert apply_change(text, ix, None, None, "all new") == "all new"


def test_settings_take_the_editors_options_and_report_bad_ones():
    s, problems = Settings().updated({"languages": ["markdown"], "debounceMs": 40,
                                      "docsUrl": "https://docs.example/wirefix/",
                                      "bogus": 1, "extensions": "txt"})
    assert s.languages == ("markdown",) and s.debounce_ms == 40
    assert s.base_url == "https://docs.example/wirefix"
    assert len(problems) == 2 and any("bogus" in p for p in problems)
    assert s.checks("markdown", None) and not s.checks("python", "/x/a.py")
    assert s.checks("python", "/x/notes.TXT")                 # the extension still counts


def test_the_published_dict_is_lsprotocols_serialisation():
    """The server builds diagnostics as plain dicts for speed; they must be exactly what
    lsprotocol's converter makes of the same Diagnostic."""
    from pygls.protocol import default_converter

    from wirefix.cleaner.engine import Engine
    from wirefix.cleaner.lsp.server import build
    from wirefix.cleaner.lsp.text import LineIndex

    ls = build()
    text = "😀 The the cat’s \u2028 Blinkens’ visit &amp;amp; ok.\n"
    index = LineIndex(text)
    conv = default_converter()
    found = Engine().lint(text)
    assert found
    for f in found:
        obj = ls._diagnostic_object(f, index)
        assert conv.unstructure(obj) == ls.diagnostic(f, index)
