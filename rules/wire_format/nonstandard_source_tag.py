"""WF352 nonstandard-source-tag."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import ALWAYS, Example, Phase, Rule

from .feed_data import AGENCY_OF

_NAMES = "|".join(regex.escape(v) for v in sorted(AGENCY_OF, key=len, reverse=True))
# "AP - text" at the start of a story: an aggregator's credit line instead of a tag.
_PREFIX = lazy_regex(rf"\A[ \t]*(?P<tag>(?P<agency>{_NAMES})[ \t]+[-–—]{{1,2}}[ \t]+)(?=\S)")
# "(REUTERS)", "(A.P.)", "(Associated Press)": a tag in parentheses, spelt another way.
_PAREN = lazy_regex(rf"\((?P<agency>{_NAMES})\)")


class NonstandardSourceTag(Rule):
    """A wire source tag not in house form: "AP - text", "(REUTERS)", "(Associated Press)".

    ## What it does
    With the `source-tag` style option set to "AP" or "Reuters", rewrites source tags in
    that agency's form. A credit prefix at the start of the story ("AP - A company...")
    becomes a tag in parentheses followed by a dash: "(AP) — A company..." in AP form and
    "(AP) - A company..." in Reuters form, unless the `dateline-dash` option names a dash.
    Tags in parentheses get the agency's own short spelling: "(REUTERS)" and "(Reuter)"
    become "(Reuters)", "(A.P.)" and "(Associated Press)" become "(AP)". The agency named is
    never changed. With "keep" (the default) the rule does nothing.

    ## Why it happens in wire copy
    Aggregators rewrite the tags of the feeds they merge: AG News starts 1,414 summaries
    with "AP - " or "Reuters - " and ends 1,078 headlines with "(AP)" or "(Reuters)".

    ## Example
    With `source-tag = "AP"`: "AP - A company founded by a chemist" becomes
    "(AP) — A company founded by a chemist".

    ## Fix safety
    Safe: a house-style choice the newsroom made in its configuration, and only known
    agency names are touched. AP's separator line ("___") and contributor line ("Associated
    Press writer ... contributed") are not tags and are left as they are.

    ## Known false positives
    A story that starts with an agency's name followed by a dash as part of a sentence.
    """

    code = "WF352"
    name = "nonstandard-source-tag"
    family = "wire-format"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "source tag “{tag}” is not in {form} form"
    fix_title = "Write “{fixed}”"
    looks_for = ALWAYS   # with the default style (keep) the check returns at once
    examples = (
        Example.bad("AP - A company founded by a chemist won a grant.", flagged=["AP - "],
                    fixed="(AP) — A company founded by a chemist won a grant.",
                    options={"source-tag": "AP"}),
        Example.bad("AFP - The talks ended.", flagged=["AFP - "], fixed="(AFP) - The talks ended.",
                    options={"source-tag": "Reuters"}),
        Example.bad(" LONDON (REUTERS) - Shares rose.", flagged=["(REUTERS)"],
                    fixed=" LONDON (Reuters) - Shares rose.", options={"source-tag": "Reuters"}),
        Example.bad("Ky. Company Wins Grant (Associated Press)", flagged=["(Associated Press)"],
                    fixed="Ky. Company Wins Grant (AP)", options={"source-tag": "AP"}),
        Example.good("AP - A company founded by a chemist won a grant."),
        Example.good("The talks ended.\n___\nAssociated Press writer Jane Doe contributed to this "
                     "report.", options={"source-tag": "AP"}),
        Example.good("WASHINGTON (AP) — Talks ended.", options={"source-tag": "AP"}),
    )

    def check(self, doc, ctx):
        form = ctx.option("source-tag", "keep")
        if form == "keep":
            return
        text = doc.text
        m = _PREFIX.match(text)
        if m is not None:
            agency = AGENCY_OF[m.group("agency")]
            dash = ctx.option("dateline-dash", "follow")
            if dash == "follow":
                dash = "—" if form == "AP" else "-"
            fixed = f"({agency}) {dash} "
            yield self.finding(m.start("tag"), m.end("tag"), [fixed], tag=m.group("tag").strip(),
                               form=form, fixed=fixed.strip())
        for m in _PAREN.finditer(text):
            agency = AGENCY_OF[m.group("agency")]
            if m.group("agency") == agency:
                continue
            fixed = f"({agency})"
            yield self.finding(m.start(), m.end(), [fixed], tag=m.group(), form=form, fixed=fixed)
