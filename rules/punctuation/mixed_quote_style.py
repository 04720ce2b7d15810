"""WF450 mixed-quote-style."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.encoding._ftfy_repairs import may_hold_mojibake, mojibake_spans
from wirefix.rules.whitespace._layout import waits_for_unwrap

_MARK = lazy_regex(r"['\"‘’“”]")
_CURLY = frozenset("‘’“”")
_DOUBLE = lazy_regex(r"[\"“”]")
# Words that begin with an elided letter: the apostrophe is ’ even at the start ('em, '90s).
_ELISION = lazy_regex(r"(?:em|tis|twas|cause|cos|til|till|n|bout|round|nuff|s)(?![\p{L}])",
                      regex.IGNORECASE | regex.V1)
_OPENERS = frozenset("([{—–-/")


def _is_prime(text: str, i: int) -> bool:
    """5'10", 12" screen: a foot or inch mark after a number."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isdigit() and not after.isalpha()


def curly_form(text: str, i: int, doubles_before: int) -> tuple[str, bool] | None:
    """The curly mark for the straight one at ``text[i]``, and whether that choice is safe.

    ``doubles_before`` counts the double quotation marks earlier in the paragraph, which
    decides a double mark squeezed between two words ('said,"We').
    """
    ch = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    opens_after = not before or before.isspace() or before in _OPENERS or before in "\"“‘"
    ends_before = not after or after.isspace() or (not after.isalnum() and after not in "‘“")
    if ch == "'":
        if before.isalnum() and after.isalpha():
            return "’", True                       # don't, O'Neill, 1990's
        if after.isdigit() or (opens_after and _ELISION.match(text, i + 1)):
            return "’", True                       # '90s, 'em, rock 'n' roll
        if not opens_after and ends_before:
            return "’", True                       # closing quote, workers' union
        if opens_after and not ends_before:
            return "‘", True                       # opening quote
        return None
    if opens_after and not ends_before:
        return "“", True
    if not opens_after and ends_before:
        return "”", True
    if not opens_after and not ends_before:
        return ("“" if doubles_before % 2 == 0 else "”"), False
    return None


class MixedQuoteStyle(Rule):
    """Straight and curly quotation marks mixed in one story, or against house style.

    ## What it does
    Makes quotation marks and apostrophes follow the `quotes` style option. With "follow"
    (the default) the story's majority wins: a story with mostly curly marks has its
    straight ones curled, and the other way round; a tie changes nothing. "curly" and
    "straight" force one style. Curling chooses opening or closing marks from the
    neighbouring characters: "don't" gets ’, "'90s" and "'em" get ’, an opening quote gets
    ‘ or “. Straightening uses ftfy's quote uncurling, which wirefix otherwise leaves off.

    ## Why it happens in wire copy
    Copy assembled from several systems mixes their quote styles; mojibake repair restores
    curly marks into a story typed with straight ones; MT output mixes both.

    ## Example
    In a story written with curly marks, "He said \\"no\\" to China’s offer" becomes
    "He said “no” to China’s offer".

    ## Fix safety
    Safe for straightening, and for curling where the neighbours decide the mark. A double
    mark squeezed between two words ('said,"We') is curled by counting the marks before it
    in the paragraph, which is a guess: unsafe. Foot and inch marks after a number (5'10")
    are never changed.

    ## Known false positives
    A straight mark quoted on purpose (a code sample, a measurement without a number).
    """

    code = "WF450"
    name = "mixed-quote-style"
    family = "punctuation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{style} quotation mark “{found}” in a story that uses {target} marks{why}"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor.chars("'\"‘’“”")
    examples = (
        Example.bad("“We will win,” she said. He said \"no\" to China’s offer.",
                    flagged=["\"", "\""], fixed="“We will win,” she said. He said “no” to China’s offer."),
        Example.bad("He said \"no\" to China's offer. \"We're done,\" he added. It’s over.",
                    flagged=["’"], fixed="He said \"no\" to China's offer. \"We're done,\" he added. It's over."),
        Example.bad("In the '90s he said 'stop' and didn't.", flagged=["'", "'", "'", "'"],
                    fixed="In the ’90s he said ‘stop’ and didn’t.", options={"quotes": "curly"}),
        Example.bad("“Yes,” she said. It’s done.", flagged=["“", "”", "’"],
                    fixed="\"Yes,\" she said. It's done.", options={"quotes": "straight"}),
        Example.bad("“A” and “B” and “C” said,\"We", flagged=["\""],
                    fixed="“A” and “B” and “C” said,“We"),
        Example.good("He said \"no\" to China's offer; she is 5'10\" tall."),
        # the "”" of "â€”" (an em dash read as Windows-1252) is no quotation mark
        Example.good("The vote was 300-102 â€” a win for Reagan's critics."),
        Example.good("He said “no” to China’s offer."),
        Example.good("He said \"no\" to China’s and Iran’s offer."),
        Example.good("“Yes,” she said, 6'2\" tall.", options={"quotes": "curly"}),
    )

    def check(self, doc, ctx):
        text = doc.text
        style = ctx.option("quotes", "follow")
        if style == "follow" and (text.isascii() or not any(c in text for c in _CURLY)):
            return  # one style only (most copy): nothing to follow
        marks = [m.start() for m in _MARK.finditer(text) if not _is_prime(text, m.start())]
        if may_hold_mojibake(text):
            # "â€”" is an em dash read as Windows-1252, not a closing quotation mark
            damaged = {i for s, e in mojibake_spans(doc) for i in range(s, e)}
            marks = [i for i in marks if i not in damaged]
        curly = sum(1 for i in marks if text[i] in _CURLY)
        straight = len(marks) - curly
        if style == "follow":
            if curly == straight or not curly or not straight:
                return
            target = "curly" if curly > straight else "straight"
            why = f" ({max(curly, straight)} of {len(marks)})"
        else:
            target, why = style, " (house style)"
        if target == "straight":
            from ftfy.fixes import uncurl_quotes

            for i in marks:
                if text[i] in _CURLY:
                    fixed = uncurl_quotes(text[i])
                    yield self.finding(i, i + 1, [fixed], style="curly", found=text[i],
                                       target=target, why=why, fixed=fixed)
            return
        doubles: dict[int, int] = {}
        for p in doc.paragraphs:
            n = 0
            for m in _DOUBLE.finditer(text, p.start, p.end):
                doubles[m.start()] = n
                n += 1
        for i in marks:
            if text[i] in _CURLY or waits_for_unwrap(doc, ctx, i, i + 1):
                continue
            choice = curly_form(text, i, doubles.get(i, 0))
            if choice is None:
                continue
            fixed, safe = choice
            yield self.finding(i, i + 1, [fixed], style="straight", found=text[i], target=target,
                               why=why, fixed=fixed,
                               applicability=None if safe else Applicability.UNSAFE)
