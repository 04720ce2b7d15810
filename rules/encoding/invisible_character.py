"""WF109 invisible-character."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._invisibles import BIDI_CONTROLS, INVISIBLE, NO_SPACE_SCRIPTS

_INVISIBLE = lazy_regex("[" + "".join(INVISIBLE) + "".join(BIDI_CONTROLS) + "]+")
_RTL = lazy_regex(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_NO_SPACE_SCRIPT = lazy_regex("[" + "".join(rf"\p{{Script={s}}}" for s in NO_SPACE_SCRIPTS) + "]")


class InvisibleCharacter(Rule):
    """Invisible characters inside the copy: zero-width spaces, soft hyphens, stray BOMs.

    ## What it does
    Removes zero-width spaces, soft hyphens, word joiners, invisible operators and byte order
    marks, and direction marks in lines with no right-to-left script. A run of them is one
    finding.

    ## Why it happens in wire copy
    Content systems insert soft hyphens and zero-width spaces to help line breaking on the
    web, and copying from a web page brings them along. They are invisible to the editor but
    split words for search, spelling and the sentence rules ("inter\\u00adnational").

    ## Example
    "inter\\u00adnational" becomes "international"; "Biden\\u200b said" becomes "Biden said".

    ## Fix safety
    Safe: they do not print. Zero-width joiners are never touched (emoji and several scripts
    need them); direction marks are kept in lines with Hebrew or Arabic, and zero-width
    spaces next to Thai, Lao, Khmer or Burmese, where they mark word breaks.

    ## Known false positives
    None known in English copy.
    """

    code = "WF109"
    name = "invisible-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "invisible {what}"
    fix_title = "Remove it"
    looks_for = LooksFor.chars("".join(INVISIBLE) + "".join(BIDI_CONTROLS))
    examples = (
        Example.bad("the inter\u00adnational community", flagged=["\u00ad"],
                    fixed="the international community"),
        Example.bad("Biden\u200b said", flagged=["\u200b"], fixed="Biden said"),
        Example.bad("\ufeffWASHINGTON \u200e\u200e(AP)", flagged=["\ufeff", "\u200e\u200e"],
                    fixed="WASHINGTON (AP)"),
        Example.good("A family: 👨\u200d👩\u200d👧 and می\u200cخواهم"),
        Example.good("Hebrew \u200fשלום\u200f stays."),
        Example.good("ภาษา\u200bไทย"),
    )

    def check(self, doc, ctx):
        text = doc.text
        rtl_line: dict[int, bool] = {}     # each line searched once, however many marks
        for m in _INVISIBLE.finditer(text):
            s, e = m.span()
            run = m.group()
            if waits_for_unwrap(doc, ctx, s, e):
                continue
            if any(c in BIDI_CONTROLS for c in run):
                n = doc.line_index(s)
                if n not in rtl_line:
                    line = doc.lines[n]
                    rtl_line[n] = _RTL.search(text, line.start, line.end) is not None
                if rtl_line[n]:
                    continue
            if "\u200b" in run:
                near = text[max(0, s - 1):s] + text[e:e + 1]
                if _NO_SPACE_SCRIPT.search(near):
                    continue
            names = list(dict.fromkeys(INVISIBLE.get(c) or BIDI_CONTROLS[c] for c in run))
            what = " and ".join(names)
            if len(run) > 1:
                what = f"{what} ({len(run)} characters)"
            yield self.finding(s, e, [""], what=what)
