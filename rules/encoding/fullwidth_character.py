"""WF112 fullwidth-character."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Cheap, Example, Phase, Rule

# The ideographic space and the fullwidth and halfwidth forms block; ftfy's WIDTH_MAP (imported
# when one occurs) says which of them have a narrow form.
_WIDE = regex.compile(r"[\u3000\uff01-\uffee]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3001-\u303f]")


class FullwidthCharacter(Rule):
    """Fullwidth or halfwidth forms in Latin copy: "ＬＯＵＤ", "Ningbo，China".

    ## What it does
    Suggests the ordinary form of fullwidth ASCII letters, digits and punctuation, the
    ideographic space and halfwidth katakana (ftfy's width table), one finding per run.
    Lines that contain Chinese, Japanese or Korean text are skipped, since fullwidth
    punctuation is correct there.

    ## Why it happens in wire copy
    Copy typed with a CJK input method, or translated from Chinese or Japanese sources,
    keeps the input method's fullwidth commas, colons and digits.

    ## Example
    "Ningbo，China" becomes "Ningbo,China".

    ## Fix safety
    Unsafe: the fullwidth comma in "Ningbo，China" also carried its own spacing, so the plain
    comma may need a space after it; the editor decides.

    ## Known false positives
    Romanised names quoted from CJK layouts on a line without CJK characters.
    """

    code = "WF112"
    name = "fullwidth-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.UNSAFE
    message = "fullwidth form “{wide}” in Latin text"
    fix_title = "Write “{narrow}”"
    trigger = Cheap(unicode=regex.compile(r"[\u3000\uff01-\uffee]"))
    examples = (
        Example.bad("Ningbo，China", flagged=["，"], fixed="Ningbo,China"),
        Example.bad("ＬＯＵＤ NOISES", flagged=["ＬＯＵＤ"], fixed="LOUD NOISES"),
        Example.good("北京，中国"),
        Example.good("Plain, narrow text."),
    )

    def check(self, doc, ctx):
        text = doc.text
        cjk_line: dict[int, bool] = {}     # each line searched once, however many runs
        for m in _WIDE.finditer(text):
            n = doc.line_index(m.start())
            if n not in cjk_line:
                line = doc.lines[n]
                cjk_line[n] = _CJK.search(text, line.start, line.end) is not None
            if cjk_line[n]:
                continue
            from ftfy.chardata import WIDTH_MAP

            narrow = m.group().translate(WIDTH_MAP)
            if narrow == m.group():
                continue
            yield self.finding(m.start(), m.end(), [narrow], wide=m.group(), narrow=narrow)
