"""WF931 mixed-us-abbreviation."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability, Edit
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import in_quote
from wirefix.rules.base import Example, LooksFor, Rule

# "US" that is part of a company's or a product's name, or a grade ("US 1-3"), is not the
# country's abbreviation.
_NAME_AFTER = lazy_regex(
    r"\s+(?:Sprint|Air|Airways|West(?!\s+Coast)|Steel|Bancorp|Open|Foods|Cellular|Shoe|Tobacco|Home|"
    r"Healthcare|Surgical|Trust|Robotics|Ecology|Weekly|Magazine|No\b|\p{N})")
_FORMS = lazy_regex(r"(?<![\p{L}\p{N}.])(?:(U\.S\.)(?![\p{L}$])|(US)(?![\p{L}\p{N}$]|\.\p{L}))")
_CURRENCY_AFTER = lazy_regex(r"\s?(?:\$|#36;|&#36;)")
# The agency a dateline names, and how it abbreviates the United States.
_AGENCY = lazy_regex(r"\((AP|Reuters|UPI|Bloomberg|AFP|dpa|Xinhua)\)")
# A sentence's end: a headline has none, neither at its end nor inside.
_SENTENCE_END = lazy_regex(r"[.!?…][\"'’”)]*(?:\s|$)")
_AGENCY_STYLE = {"AP": "U.S.", "Reuters": "U.S.", "UPI": "U.S.", "Bloomberg": "U.S.",
                 "AFP": "US", "dpa": "US", "Xinhua": "U.S."}


def headline_end(doc) -> int:
    """Where the story's headline ends: its first paragraph when another follows and it
    holds no sentence's end (0 when there is no such headline)."""
    paras = doc.paragraphs
    if len(paras) < 2:
        return 0
    first = paras[0]
    if _SENTENCE_END.search(doc.text, first.start, first.end) is not None:
        return 0
    return first.end


def wanted_form(text: str, option: str, dotted: int, bare: int) -> tuple[str, str]:
    """The form the story should use, and why."""
    if option in ("U.S.", "US"):
        return option, f"house style is “{option}”"
    agency = _AGENCY.search(text, 0, 400)
    if agency is not None:
        want = _AGENCY_STYLE[agency.group(1)]
        return want, f"the dateline says {agency.group(1)}, which writes “{want}”"
    if dotted == bare:
        return "U.S.", "AP style is “U.S.”"
    want = "U.S." if dotted > bare else "US"
    return want, f"“{want}” is the story's majority"


class MixedUSAbbreviation(Rule):
    """A story that writes both "U.S." and "US" for the United States.

    ## What it does
    When a story uses both forms, flags the first stand-alone use of the form it should not
    use, with one fix that changes every such use. Which form: the house style when the
    style option `us-abbreviation` sets one; else the style of the agency the dateline names
    ("(AP)", "(Reuters)": "U.S."; "(AFP)": "US"); else the story's majority ("U.S." on a
    tie). The message says which.

    ## Why it happens in wire copy
    Machine translation and stories merged from several feeds mix the two forms; AP style
    keeps the full stops, most other agencies drop them.

    ## Example
    A story with "U.S. officials" and "US allegations" gets "US allegations" flagged, with the
    fix "U.S. allegations" (and every other "US" changed with it).

    ## Fix safety
    Unsafe: it is a style change across the whole story. Quoted text (inside quotation
    marks) keeps its form.

    ## Known false positives
    "US$" (the currency) is never touched. "US" in a name the list in this module does not know ("US Airways", "US Sprint" and
    "US Open" are known and skipped) is changed by the fix; reject it there.
    Stories that use only one form are never flagged. A headline's "US" is not counted
    against a body that writes "U.S.": AP style drops the full stops in headlines only.
    """

    code = "WF931"
    name = "mixed-us-abbreviation"
    family = "consistency"
    applicability = Applicability.UNSAFE
    message = "The story writes both “U.S.” ({dotted}×) and “US” ({bare}×); {why}"
    fix_title = "Write “{want}” throughout ({places})"
    looks_for = LooksFor("US")
    examples = (
        Example.bad("U.S. officials met. China rejected US allegations. Two U.S. envoys left.",
                    flagged=["US"],
                    fixed="U.S. officials met. China rejected U.S. allegations. Two U.S. envoys left."),
        Example.bad("The China-US talks and US allegations, said U.S. officials.",
                    flagged=["US"],
                    fixed="The China-U.S. talks and U.S. allegations, said U.S. officials.",
                    options={"us-abbreviation": "U.S."}),
        Example.bad("US officials met U.S. envoys and US troops.", flagged=["U.S."],
                    fixed="US officials met US envoys and US troops.",
                    options={"us-abbreviation": "US"}),
        Example.bad("US officials met US envoys and U.S. troops.", flagged=["U.S."],
                    fixed="US officials met US envoys and US troops."),
        Example.bad("PARIS (AFP) - US officials met U.S. envoys and US troops.", flagged=["U.S."],
                    fixed="PARIS (AFP) - US officials met US envoys and US troops."),
        Example.good("U.S. officials met U.S. envoys."),
        Example.good("U.S. officials paid US$5 million and US #36;3 billion."),
        Example.good("U.S. regulators approved the US Sprint deal; US Air Corp bid too."),
        # "US West" is a company, but not before "Coast"
        Example.bad("U.S. importers paid more. Rates to the US West Coast rose 9%.",
                    flagged=["US"],
                    fixed="U.S. importers paid more. Rates to the U.S. West Coast rose 9%."),
        Example.good("US officials met US envoys."),
        Example.good("U.S. officials said “US pressure works,” a diplomat said."),
        # WMT22 references (issue 13): AP headlines write "US", AP body text "U.S."
        Example.good("Biden rules out sending US troops to the region\n\n"
                     "U.S. officials never planned to send troops, the U.S. president said."),
        Example.bad("Biden rules out sending US troops to the region\n\n"
                    "U.S. officials said US troops would stay home.",
                    flagged=["US"], fixed="Biden rules out sending US troops to the region\n\n"
                    "U.S. officials said U.S. troops would stay home."),
    )

    def check(self, doc, ctx):
        text = doc.text
        dotted, bare = [], []
        headline = headline_end(doc)
        in_headline = 0
        for m in _FORMS.finditer(text):
            if m.group(2) and m.start() < headline:
                in_headline += 1
                continue  # "US" in a headline is AP style even where the body writes "U.S."
            if in_quote(doc, m.start()) or (m.group(2) and _NAME_AFTER.match(text, m.end())):
                continue  # quoted words keep their form; "US Sprint" is a name
            if m.group(2) and _CURRENCY_AFTER.match(text, m.end()):
                continue  # "US $3 billion", "US #36;3 billion": the currency
            (dotted if m.group(1) else bare).append(m)
        if not dotted or not bare:
            return
        want, why = wanted_form(text, ctx.option("us-abbreviation", "follow"),
                                len(dotted), len(bare))
        if in_headline:
            why += " (the headline's “US” is AP headline style and is not counted)"
        wrong = bare if want == "U.S." else dotted
        standalone = [m for m in wrong if text[m.start() - 1:m.start()] != "-"]
        anchor = (standalone or wrong)[0]
        extras = tuple(Edit(m.start(), m.end(), want) for m in wrong if m is not anchor)
        yield self.finding(anchor.start(), anchor.end(), [want], extra_edits=extras,
                           dotted=len(dotted), bare=len(bare), want=want, why=why,
                           places=f"{len(wrong)} place{'s' if len(wrong) != 1 else ''}")
