"""WF104 double-escaped-entity."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._entities import DOUBLE_ESCAPED, decode, is_control_reference


class DoubleEscapedEntity(Rule):
    """An entity escaped twice: "&amp;#39;" for an apostrophe, "&amp;quot;" for a quote.

    ## What it does
    Decodes an entity whose ampersand was itself escaped ("&amp;#39;", "&amp;amp;",
    "&amp;amp;quot;") in one step, to the character it stood for in the first place.

    ## Why it happens in wire copy
    A feed escapes text that an earlier stage had already escaped: an RSS generator that
    escapes HTML descriptions, or a CMS that stores escaped text and escapes it again on
    export. Each layer turns "&" into "&amp;".

    ## Example
    "Turner&amp;#39;s" becomes "Turner's"; "&amp;quot;No&amp;quot;" becomes "\"No\"".

    ## Fix safety
    Safe: the inner entity must be a known one, and plain text has no reason to spell out
    "&amp;#39;".

    ## Known false positives
    Copy that explains HTML escaping ("write &amp;amp; in XML") is decoded too; protect it
    with `ignore-patterns`.
    """

    code = "WF104"
    name = "double-escaped-entity"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "double-escaped entity “{entity}” is “{char}”"
    fix_title = "Replace with “{char}”"
    looks_for = LooksFor(patterns=[r"(?i)&amp;"])
    examples = (
        Example.bad("Turner&amp;#39;s pension", flagged=["&amp;#39;"], fixed="Turner's pension"),
        Example.bad("&amp;quot;No&amp;quot;, he said", flagged=["&amp;quot;", "&amp;quot;"],
                    fixed="\"No\", he said"),
        Example.bad("AT&amp;amp;T", flagged=["&amp;amp;"], fixed="AT&T"),
        Example.good("Tate &amp; Lyle"),
        Example.good("Tate & Lyle said &amp;c is not an entity; neither is &amp;zzz;"),
    )

    def check(self, doc, ctx):
        for m in DOUBLE_ESCAPED.finditer(doc.text):
            inner = "&" + m.group("inner") + ";"
            if is_control_reference(inner) or waits_for_unwrap(doc, ctx, m.start(), m.end()):
                continue
            char = decode(inner)
            if char is None:
                continue
            yield self.finding(m.start(), m.end(), [char], entity=m.group(), char=char)
