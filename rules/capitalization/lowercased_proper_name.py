"""WF981 lowercased-proper-name."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import lower_words
from wirefix.rules.data import read_toml
from wirefix.rules.base import Example, Rule

_NAMES = read_toml("proper_names.toml")["name"]

# The lower-case words of each name: a name can only occur where all of them do.
_PATTERNS = [
    (n["canonical"], frozenset(regex.findall(r"\w+", n["canonical"].lower())),
     lazy_regex(r"(?<![\p{L}\p{M}-])" + regex.escape(n["canonical"]).replace(r"\ ", r"\s+")
                + r"(?![\p{L}\p{M}])" + (f"(?={n['after']})" if n.get("after") else ""),
                regex.IGNORECASE))
    for n in _NAMES
]
# One word of each name (its longest): a story without any of them holds none of the names,
# and one set test rules that out before the names are tried one by one.
_ONE_WORD_EACH = frozenset(max(regex.findall(r"\w+", n["canonical"].lower()), key=len) for n in _NAMES)


class LowercasedProperName(Rule):
    """The name of an institution or a forum written in lower case: "the Asia-Pacific
    economic cooperation summit".

    ## What it does
    Matches a list of proper names (rules/data/proper_names.toml) in any case, and where
    the story's capitalisation differs from the name's, suggests the name. Names that are
    also ordinary phrases are matched only before a word that shows the name is meant
    ("summit", "leaders").

    ## Why it happens in wire copy
    Translation engines lower-case words they do not recognise as part of a name, especially
    inside long multi-word names.

    ## Example
    "the Asia-Pacific economic cooperation summit" becomes "the Asia-Pacific Economic
    Cooperation summit".

    ## Fix safety
    Unsafe: the phrase might be used generically in a way the context check misses.

    ## Known false positives
    Text in capitals (headlines) is skipped. Generic uses before a context word ("a national
    security council meeting" about another country's council) would be flagged.
    """

    code = "WF981"
    name = "lowercased-proper-name"
    family = "capitalization"
    applicability = Applicability.UNSAFE
    message = "“{found}” is the name “{canonical}”"
    fix_title = "Write “{canonical}”"
    examples = (
        Example.bad("The leaders meet at the Asia-Pacific economic cooperation summit in November.",
                    flagged=["Asia-Pacific economic cooperation"],
                    fixed="The leaders meet at the Asia-Pacific Economic Cooperation summit in November."),
        Example.bad("The world health organization said cases rose.",
                    flagged=["world health organization"],
                    fixed="The World Health Organization said cases rose."),
        Example.good("They promote Asia-Pacific economic cooperation and trade."),
        Example.good("The Asia-Pacific Economic Cooperation summit opens today."),
        Example.good("THE UNITED NATIONS SAID NO"),
    )

    def check(self, doc, ctx):
        text = doc.text
        words = lower_words(doc)
        if _ONE_WORD_EACH.isdisjoint(words):
            return
        for canonical, needed, pattern in _PATTERNS:
            if not needed <= words:
                continue
            for m in pattern.finditer(text):
                found = m.group()
                if found.isupper() or " ".join(found.split()) == canonical:
                    continue  # headline capitals, or the right name across a line break
                yield self.finding(m.start(), m.end(), [canonical], found=found, canonical=canonical)
