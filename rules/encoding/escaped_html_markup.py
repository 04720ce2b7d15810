"""WF106 escaped-html-markup."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._entities import markup_runs


class EscapedHtmlMarkup(Rule):
    """HTML tags escaped into the text: "&lt;b&gt;", "&lt;A HREF=\\"…\\"&gt;".

    ## What it does
    Removes escaped HTML tags (a run of adjacent tags is one finding) and keeps the words
    between them: "&lt;b&gt;Letters:&lt;/b&gt;" becomes "Letters:", and an escaped link
    keeps its text but loses its address. Where a paragraph or line-break tag stood between
    two words, one space is left so the words stay apart.

    ## Why it happens in wire copy
    Aggregators escape the HTML of a partner's summary instead of stripping it. AG News has
    anchors around Reuters tickers ("&lt;A HREF=\\"…FullQuote…\\"&gt;SPLS.O&lt;/A&gt;") and
    font and bold tags around credits.

    ## Example
    "&lt;strong&gt;Letters:&lt;/strong&gt; The postbag" becomes "Letters: The postbag".

    ## Fix safety
    Safe: only the names of real HTML elements count as tags, and only when both brackets
    are escaped. Reuters company markup is half escaped ("&lt;BP>") and never matches; a
    ticker written "&lt;TXN.N&gt;" is not an element name and is left to html-entity.

    ## Known false positives
    A story that quotes HTML on purpose loses the quoted tags; protect it with
    `ignore-patterns`.
    """

    code = "WF106"
    name = "escaped-html-markup"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "escaped HTML markup “{markup}”"
    fix_title = "Remove the markup"
    looks_for = LooksFor(patterns=[r"&lt;/?[A-Za-z]"])
    examples = (
        Example.bad("&lt;strong&gt;Letters:&lt;/strong&gt; The postbag",
                    flagged=["&lt;strong&gt;", "&lt;/strong&gt;"], fixed="Letters: The postbag"),
        Example.bad('Staples Inc. &lt;A HREF="http://www.example.com/q?t=SPLS.O"&gt;SPLS.O&lt;/A&gt;, '
                    'the retailer', flagged=['&lt;A HREF="http://www.example.com/q?t=SPLS.O"&gt;',
                                             "&lt;/A&gt;"],
                    fixed="Staples Inc. SPLS.O, the retailer"),
        Example.bad("the end.&lt;/p&gt;&lt;p&gt;The start", flagged=["&lt;/p&gt;&lt;p&gt;"],
                    fixed="the end. The start"),
        Example.good("Texas Instruments Inc. &lt;TXN.N&gt; rose"),
        Example.good("Standard Oil Co &lt;SRD> said"),
        Example.good("A <b> in plain copy is not escaped markup."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for start, end, block in markup_runs(doc):
            if waits_for_unwrap(doc, ctx, start, end):
                continue
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            gap = block and before and after and not before.isspace() and not after.isspace()
            yield self.finding(start, end, [" " if gap else ""], markup=_short(text[start:end]))


def _short(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[:limit - 1] + "…"
