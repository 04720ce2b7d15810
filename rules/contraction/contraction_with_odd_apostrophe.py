"""WF505 contraction-with-odd-apostrophe."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import apostrophe
from wirefix.rules.base import Example, LooksFor, Rule

# An accent, a backtick, a prime, an opening single quote or a doubled apostrophe between a
# letter and a contraction or possessive ending: "shouldn´t", "agent`s", "We''ll", "don‘t".
_ODD = lazy_regex(
    r"(?<=\p{L})(´|`|′|‘|''|’’|'’|’')(?=(?:s|t|re|ll|ve|d|m)(?![\p{L}\p{N}]))")


class ContractionWithOddApostrophe(Rule):
    """An accent, a backtick or a doubled mark for an apostrophe: "shouldn´t", "agent`s",
    "We''ll".

    ## What it does
    Replaces an acute accent, a backtick, a prime, an opening single quotation mark or a
    doubled apostrophe between a letter and the ending of a contraction or possessive ("t",
    "s", "ll", "re", "ve", "d", "m") with the story's apostrophe.

    ## Why it happens in wire copy
    Keyboards without a typographic apostrophe offer the accent and the backtick beside it;
    converters that escape apostrophes by doubling them ("We''ll") leave the double behind.

    ## Example
    "Officials shouldn´t comment on the agent`s report" becomes "Officials shouldn’t comment
    on the agent’s report".

    ## Fix safety
    Safe: none of these marks stands between a word and these endings in English.

    ## Known false positives
    Transliterations that use the backtick or accent for a sound ("Ma`alot") before an "s" or
    "t" ending would be changed.
    """

    code = "WF505"
    name = "contraction-with-odd-apostrophe"
    family = "contraction"
    applicability = Applicability.SAFE
    message = "“{mark}” stands for an apostrophe in “{word}”"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor("´", "`", "′", "‘", "''", "’’", "'’", "’'")
    examples = (
        Example.bad("Officials shouldn´t comment on the agent`s report.", flagged=["´", "`"],
                    fixed="Officials shouldn’t comment on the agent’s report."),
        Example.bad("We''ll see, he said.", flagged=["''"], fixed="We'll see, he said."),
        Example.bad("“We’’ll see,” he said.", flagged=["’’"], fixed="“We’ll see,” he said."),
        Example.bad("They don‘t agree.", flagged=["‘"], fixed="They don’t agree."),
        Example.good("Officials shouldn’t comment on the agent’s report."),
        Example.good("He said ‘yes’ and left; the `code` block and café."),
    )

    def check(self, doc, ctx):
        text = doc.text
        apos = None
        for m in _ODD.finditer(text):
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            lo = m.start()
            while lo > 0 and text[lo - 1].isalpha():
                lo -= 1
            hi = m.end()
            while hi < len(text) and text[hi].isalpha():
                hi += 1
            word = text[lo:hi]
            fixed = text[lo:m.start()] + apos + text[m.end():hi]
            yield self.finding(m.start(), m.end(), [apos], mark=m.group(1), word=word, fixed=fixed)
