"""WF110 unnormalised-unicode."""
from __future__ import annotations

import unicodedata


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

_CLUSTER = lazy_regex(r"\X")
# CJK compatibility ideographs: NFC maps them to the unified form, losing a glyph variant
# that a name may need. They are left alone.
_CJK_COMPAT = lazy_regex(r"[\uf900-\ufaff\U0002f800-\U0002fa1f]")


class UnnormalisedUnicode(Rule):
    """A letter written as a base letter plus a combining accent, or another non-NFC form.

    ## What it does
    Rewrites each character sequence that is not in Unicode Normalisation Form C into its
    composed form: "e" + U+0301 becomes "é", the Angstrom sign becomes "Å".

    ## Why it happens in wire copy
    macOS file names, some PDF extractors and keyboard input methods produce decomposed
    accents. The text looks right but does not match itself in search ("Pérez" vs "Pérez"),
    and letter-counting rules see two characters.

    ## Example
    "Pe\\u0301rez" becomes "Pérez".

    ## Fix safety
    Safe: NFC is canonical equivalence; the composed and decomposed forms are the same text
    by definition. CJK compatibility ideographs are excluded, since NFC would erase the
    variant glyph they exist for.

    ## Known false positives
    None known.
    """

    code = "WF110"
    name = "unnormalised-unicode"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“{old}” is not in composed form (NFC): {detail}"
    fix_title = "Replace with “{new}”"
    looks_for = LooksFor(patterns=[r"[^\x00-\x7f]"])
    examples = (
        Example.bad("Pe\u0301rez said", flagged=["e\u0301"], fixed="Pérez said"),
        Example.bad("a radius of 10 \u212b", flagged=["\u212b"], fixed="a radius of 10 Å"),
        Example.good("Pérez and Müller said. 한국어"),
        Example.good("\uf900 stays"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for line in doc.lines:
            segment = text[line.start:line.end]
            if segment.isascii() or unicodedata.is_normalized("NFC", segment):
                continue
            run_start = run_end = None
            for m in _CLUSTER.finditer(text, line.start, line.end):
                cluster = m.group()
                if cluster.isascii() or unicodedata.is_normalized("NFC", cluster) \
                        or _CJK_COMPAT.search(cluster):
                    if run_start is not None:
                        yield self._finding(text, run_start, run_end)
                        run_start = None
                    continue
                if run_start is None:
                    run_start = m.start()
                run_end = m.end()
            if run_start is not None:
                yield self._finding(text, run_start, run_end)

    def _finding(self, text, start, end):
        old = text[start:end]
        new = unicodedata.normalize("NFC", old)
        detail = " + ".join(f"U+{ord(c):04X}" for c in old) + " → " + \
            " + ".join(f"U+{ord(c):04X}" for c in new)
        return self.finding(start, end, [new], old=old, new=new, detail=detail)
