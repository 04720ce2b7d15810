"""WF208 backslash-escape."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# A single backslash escaping a character that shells, CSV tools and TeX escape.
# "¯\_(ツ)_/¯" is a shrug, not an escape.
_ESCAPE = lazy_regex(r"(?<![\\¯])\\(?=[$%&#_])(?!_\()")


class BackslashEscape(Rule):
    """A character escaped with a backslash: "\\$7.2 billion", "40\\%".

    ## What it does
    Removes the backslash before "$", "%", "&", "#" or "_", keeping the character.

    ## Why it happens in wire copy
    An export step escaped characters that are special to a shell, a template engine or TeX
    and nothing unescaped them. AG News writes "\\$" 680 times ("US\\$5 billion").

    ## Example
    "Rouse for \\$7.2 billion" becomes "Rouse for $7.2 billion".

    ## Fix safety
    Safe: in plain copy a backslash before these characters has no meaning.

    ## Known false positives
    A story that quotes code or TeX on purpose.
    """

    code = "WF208"
    name = "backslash-escape"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“\\{char}” is an escaped “{char}”"
    fix_title = "Remove the backslash"
    looks_for = LooksFor("\\")
    examples = (
        Example.bad("Rouse for \\$7.2 billion, or US\\$5 a share", flagged=["\\", "\\"],
                    fixed="Rouse for $7.2 billion, or US$5 a share"),
        Example.bad("up 40\\% on the year", flagged=["\\"], fixed="up 40% on the year"),
        Example.good("Rouse for $7.2 billion"),
        Example.good("A path C:\\\\$Recycle"),
        Example.good("He shrugged ¯\\_(ツ)_/¯ and left."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _ESCAPE.finditer(text):
            yield self.finding(m.start(), m.end(), [""], char=text[m.end()])
