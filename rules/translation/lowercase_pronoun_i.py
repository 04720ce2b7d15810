"""WF947 lowercase-pronoun-i."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
# lazy_re: _CODE_NEXT reads white space as the stdlib does (str.isspace, which counts
# U+001C..U+001F; `regex`'s \s does not): in `regex` it would match differently there.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import in_quote
from wirefix.rules.base import Example, LooksFor, Rule

from wirefix.rules._shared.evidence import english_zipf

# "i", "i'm", "i’ve", "i'll", "i'd" standing alone.
_I = lazy_regex(r"(?<![\p{L}\p{N}\p{M}_.'’(\[/\\@#&$-])i(?:['’](?:m|ve|ll|d))?(?![\p{L}\p{N}\p{M}_)\]/\\@-])")
_NEXT = lazy_regex(r"[ \t]+(\p{L}[\p{L}'’-]*)")
_PREV = lazy_regex(r"(\p{L}[\p{L}'’-]*)[ \t,]*$")
# Words after which "i" is a Roman numeral or a label ("part i", "(i)", "type i").
_NUMBERED = frozenset("""
part chapter section article appendix annex volume vol book phase type class stage figure
fig table step option item point clause schedule grade war act scene level tier round
category series model mark no number paragraph para article article
""".split())
_ROMAN_NEAR = lazy_regex(r"(?<![\p{L}])(?:ii|iii|iv|vi|vii|viii|ix|xi)(?![\p{L}])")
_CODE_NEXT = lazy_re(r"\s*(?:[=<>+*/%^&|\[\]]|-[-=>]|in\s+range|\+\+)")


def _english(word: str) -> bool:
    return english_zipf(word.lower()) >= 3.0


def judge(text: str, at: int, end: int, lo: int, hi: int) -> Applicability | None:
    """SAFE, UNSAFE or None (not the pronoun) for the "i" at ``text[at:end]`` in the
    paragraph ``text[lo:hi]``."""
    if at > lo and text[at - 1] not in " \t\n\"“‘":
        return None
    nxt = _NEXT.match(text, end, hi)
    contraction = end - at > 1
    if not contraction:
        if nxt is None or _CODE_NEXT.match(text, end, hi):
            return None     # "i" before an operator, a full stop or nothing: code or a label
        if not nxt.group(1)[0].islower() or not _english(nxt.group(1)):
            return None     # "Prawo i Sprawiedliwość", "i ragazzi", "i Stockholm"
    prev = _PREV.search(text, max(lo, at - 40), at)
    if prev is not None:
        word = prev.group(1)
        if word.lower() in _NUMBERED or word.lower() == "for":
            return None     # "part i", "type i", "for i in"
        if not _english(word):
            return None
    if _ROMAN_NEAR.search(text, max(lo, at - 60), min(hi, end + 60)):
        return None         # "i, ii and iii": a list of Roman numerals
    return Applicability.SAFE


class LowercasePronounI(Rule):
    """The pronoun "I" written in lower case: "i speak czech at a basic level but i study".

    ## What it does
    Capitalises "i" (and "i'm", "i've", "i'll", "i'd") standing as a word between English
    words.

    ## Why it happens in wire copy
    Translation engines copy the casing of chat and social-media sources, where "i" is
    common, and languages that have no capital pronoun give the model no reason to
    capitalise it.

    ## Example
    "do i need to stay in the conversation" becomes "do I need to stay in the conversation".

    ## Fix safety
    Safe between English words outside quotations (the word after "i" must be a common
    English word in lower case, from the wordfreq word list); unsafe inside quotation
    marks, where a quoted post may keep its own spelling. Left alone: list labels "(i)" and
    "i.", Roman numerals ("part i", "i, ii and iii"), code ("for i in", "i = 0"), and "i" in
    other languages ("Prawo i Sprawiedliwość", "i Stockholm").

    ## Known false positives
    A quoted poem or brand that writes "i" in lower case on purpose (the fix is only a
    suggestion inside quotation marks).
    """

    code = "WF947"
    name = "lowercase-pronoun-i"
    family = "translation"
    applicability = Applicability.SAFE
    message = "the pronoun “{word}” in lower case"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor(patterns=[r"(?m)(?:^|[\s\"“])i[\s'’]"])
    examples = (
        Example.bad("I speak czech at a basic level but i study every day.", flagged=["i"],
                    fixed="I speak czech at a basic level but I study every day."),
        Example.bad("do i need to stay in the conversation", flagged=["i"],
                    fixed="do I need to stay in the conversation"),
        Example.bad("Waiting since 7.\n\ni mean food", flagged=["i"], fixed="Waiting since 7.\n\nI mean food"),
        Example.bad("He said i’m late.", flagged=["i’m"], fixed="He said I’m late."),
        Example.bad('She wrote: "yes i know it." Then she left.', flagged=["i"],
                    fixed='She wrote: "yes I know it." Then she left.'),
        Example.good("The options are (i) talks and (ii) sanctions."),
        Example.good("Part i of the plan; for i in range(3): print(i)."),
        Example.good("The party Prawo i Sprawiedliwość won."),
        Example.good("Use i.e. this one."),
        Example.good("The options were i, ii and iii."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _I.finditer(text):
            p = doc.paragraph_at(m.start())
            lo, hi = (p.start, p.end) if p is not None else (0, len(text))
            applicability = judge(text, m.start(), m.end(), lo, hi)
            if applicability is None:
                continue
            if in_quote(doc, m.start()):
                applicability = Applicability.UNSAFE
            word = m.group()
            fixed = "I" + word[1:]
            yield self.finding(m.start(), m.end(), [fixed], applicability=applicability,
                               word=word, fixed=fixed)
