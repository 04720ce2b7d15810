"""WF112 fullwidth-character."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import quote_pair
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# Wide characters: the ideographic space and CJK punctuation (U+3000–U+303F), the katakana
# middle dot, the fullwidth and halfwidth forms block, and "丨" (U+4E28), a stroke Chinese
# copy uses as a separator ("Xinhua｜Beijing").
_WIDE = lazy_regex(r"[\u3000-\u303f\u30fb\uff01-\uffee\u4e28]+")
# Letters of the CJK scripts: a wide mark beside one belongs to CJK text, where it is right.
_CJK = lazy_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3005\u3006\u30fc]")

# CJK punctuation and its English form; quotation marks and brackets that have no ASCII
# twin take the story's quotation marks (“ ” or " ").
_PUNCTUATION = {
    "\u3000": " ", "、": ",", "。": ".", "｡": ".", "､": ",", "〃": '"',
    "【": "[", "】": "]", "〔": "[", "〕": "]", "〖": "[", "〗": "]", "〘": "[", "〙": "]",
    "〚": "[", "〛": "]", "⦅": "(", "⦆": ")", "｟": "(", "｠": ")",
}
_OPEN_QUOTES = frozenset("「『《〈〝｢")
_CLOSE_QUOTES = frozenset("」』》〉〞〟｣")
# Marks whose English form is a guess: a separator ("OK・Shipping", "Media+丨Beijing") or a
# wave dash, which is a range between figures and a tilde elsewhere.
_GUESSES = {"・": [" / ", ", "], "･": [" / ", ", "], "丨": [" | "], "〜": ["~"], "～": ["~"]}
_SPACE_AFTER = frozenset(",.;:!?)]”")
_SPACE_BEFORE = frozenset("([“")
_KAOMOJI = frozenset("^＾_＿°´`｀・･;ω▽□∀￣≧≦ﾉノヽ*＊ﾟ｡◕‿╯︵┻━()（）＼／\\/")


def _narrow(ch: str, open_q: str, close_q: str) -> str:
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    if ch in _OPEN_QUOTES:
        return open_q
    if ch in _CLOSE_QUOTES:
        return close_q
    from ftfy.chardata import WIDTH_MAP

    return ch.translate(WIDTH_MAP)


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest characters that are not spaces before and after a run ("" at an edge)."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    return (text[i - 1] if i else ""), (text[j] if j < len(text) else "")


def _in_kaomoji(text: str, start: int, end: int) -> bool:
    """A wide character in a face made of symbols: ＼(^o^)／, (＾▽＾). The face is the run
    of characters without spaces around it: mostly marks, hardly a letter."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace() and start - lo < 12:
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace() and hi - end < 12:
        hi += 1
    face = text[lo:hi]
    return sum(ch in _KAOMOJI for ch in face) >= 2 and sum(ch.isalpha() for ch in face) <= 2


def english_form(text: str, start: int, end: int, quotes: tuple[str, str]) -> tuple[str, bool] | None:
    """The English form of the wide run ``text[start:end]`` and whether it is certain, or
    None where the run belongs to CJK text or a kaomoji."""
    before, after = _neighbours(text, start, end)
    if (before and _CJK.match(before)) or (after and _CJK.match(after)):
        return None
    if _in_kaomoji(text, start, end):
        return None
    run = text[start:end]
    if any(ch in _GUESSES for ch in run):
        if len(run) != 1:
            return None
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if run in "〜～" and prev.isdigit() and nxt.isdigit():
            return "-", True         # a range: 1〜3
        guess = _GUESSES[run][0]
        if prev.isspace() or not prev:
            guess = guess.lstrip()
        if nxt.isspace() or not nxt:
            guess = guess.rstrip()
        return guess, False
    narrow = "".join(_narrow(ch, *quotes) for ch in run)
    if narrow == run:
        return None
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    if narrow.strip() == "":
        # an ideographic space: one ordinary space, none beside another space
        return ("" if prev.isspace() or nxt.isspace() or not prev or not nxt else " "), True
    # the wide marks carried their own spacing: give the English ones theirs
    if narrow[-1] in _SPACE_AFTER and nxt and (nxt.isalpha() or (nxt.isdigit() and not prev.isdigit())
                                               or nxt in "([“\""):
        narrow += " "
    if narrow[0] in _SPACE_BEFORE and prev.isalnum():
        narrow = " " + narrow
    return narrow, True


class FullwidthCharacter(Rule):
    """Fullwidth forms and CJK punctuation in English copy: "ＬＯＵＤ", "Ningbo，China",
    "【Genuine Book】".

    ## What it does
    Writes the English form of fullwidth letters, digits and punctuation (ftfy's width
    table), the ideographic space and CJK punctuation: "，" and "、" become ", ", "。" ". ",
    "：" ": ", "（）" "()", "【】" "[]", and corner and angle quotation marks become the
    story's quotation marks. One finding per run of wide characters.

    ## Why it happens in wire copy
    Copy typed with a CJK input method, or translated from Chinese or Japanese, keeps the
    input method's punctuation, which carries its own spacing, so the English text looks
    squeezed ("Ningbo，China").

    ## Example
    "Ningbo，China" becomes "Ningbo, China"; "the website（http://example.org）" becomes
    "the website (http://example.org)".

    ## Fix safety
    Safe where the neighbours are Latin text: the English mark is what was meant, with the
    space the wide mark carried. Left alone where a neighbour is a Chinese, Japanese or
    Korean letter (CJK text, where the marks are right; untranslated-text flags it) and
    inside kaomoji ("＼(^o^)／"). Separators ("OK・Shipping", "Media+丨Beijing") and the wave
    dash "〜" outside a range are suggestions only: their English form is a guess.

    ## Known false positives
    A name that a brand writes in fullwidth letters on purpose.
    """

    code = "WF112"
    name = "fullwidth-character"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "fullwidth or CJK form “{wide}” in English text"
    fix_title = "Write “{narrow}”"
    looks_for = LooksFor(patterns=[r"[\u3000-\u303f\u30fb\uff01-\uffee\u4e28]"])
    examples = (
        Example.bad("Ningbo，China", flagged=["，"], fixed="Ningbo, China"),
        Example.bad("ＬＯＵＤ NOISES", flagged=["ＬＯＵＤ"], fixed="LOUD NOISES"),
        Example.bad("Color：red。Size：large", flagged=["：", "。", "："],
                    fixed="Color: red. Size: large"),
        Example.bad("【Genuine Book】 Beautiful English", flagged=["【", "】"],
                    fixed="[Genuine Book] Beautiful English"),
        Example.bad("the website（http://example.org）for more", flagged=["（", "）"],
                    fixed="the website (http://example.org) for more"),
        Example.bad("It costs １，０００ yen.", flagged=["１，０００"], fixed="It costs 1,000 yen."),
        Example.bad("the book 《Red Star》 sold well", flagged=["《", "》"],
                    fixed="the book “Red Star” sold well"),
        Example.bad("OK・Shipping", flagged=["・"], fixed="OK / Shipping"),
        Example.bad("Why are there six wontons？", flagged=["？"], fixed="Why are there six wontons?"),
        Example.good("北京，中国"),
        Example.good("Plain, narrow text."),
        Example.good("He cheered ＼(^o^)／ at the news."),
        Example.good("I'm at #ADDRESS #，美新里那个分店"),
    )

    def check(self, doc, ctx):
        text = doc.text
        quotes = None
        for m in _WIDE.finditer(text):
            if quotes is None:
                quotes = quote_pair(doc, ctx.option("quotes", "follow"))
            found = english_form(text, m.start(), m.end(), quotes)
            if found is None:
                continue
            narrow, certain = found
            yield self.finding(m.start(), m.end(), [narrow], wide=m.group(), narrow=narrow,
                               applicability=None if certain else Applicability.UNSAFE)
