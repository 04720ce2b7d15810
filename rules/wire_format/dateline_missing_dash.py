"""WF301 dateline-missing-dash."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Rule

AGENCIES = ("AP", "Reuters", "AFP", "UPI", "Bloomberg", "dpa", "DPA", "Xinhua", "Kyodo", "CNN",
            "AAP", "PA", "ANSA", "EFE", "Yonhap", "TASS", "IANS", "PTI", "Interfax", "CP", "Canadian Press")
_CAPS_WORD = r"\p{Lu}[\p{Lu}\p{M}’'.]*(?:-\p{Lu}[\p{Lu}\p{M}’'.]*)*"
_DATELINE = lazy_regex(
    rf"(?P<place>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})"
    rf"(?P<region>, \p{{Lu}}[\p{{L}}.]*(?: \p{{Lu}}[\p{{L}}.]*){{0,2}})?"
    rf" \((?P<agency>{'|'.join(AGENCIES)})\)"
    r"(?P<gap>[ \t\u00a0]*)(?P<dash>—|–|--|-|)(?P<after>[ \t\u00a0]*)(?=\S)")
# The agency's own dash, where the style says to follow the story.
_AGENCY_DASH = {"Reuters": "-"}


class DatelineMissingDash(Rule):
    """A dateline that lost the dash after its source tag: "BEIJING (AP) U.S. Secretary ...".

    ## What it does
    Finds a dateline at the start of a paragraph (a place in capitals, an optional region, an
    agency tag such as "(AP)" or "(Reuters)") followed directly by the story's first words,
    and puts the dash back: "BEIJING (AP) — U.S. Secretary ...". With the house-style option
    `dateline-dash` set, a different dash is also flagged.

    ## Why it happens in wire copy
    Scrapers and translation engines drop the em dash, which many encodings and tokenisers
    treat as a separator rather than a character.

    ## Example
    "BEIJING (AP) U.S. Secretary of State Antony Blinken" becomes "BEIJING (AP) — U.S.
    Secretary of State Antony Blinken".

    ## Fix safety
    Safe for a missing dash: a dateline with a source tag always has one. Changing one dash
    for another (house style) is unsafe, since a story may quote a feed's own form.

    ## Known false positives
    A paragraph that starts with a capitalised place and an agency in brackets that is not a
    dateline ("NATO (AP) officials") would be changed; such openings are vanishingly rare.
    """

    code = "WF301"
    name = "dateline-missing-dash"
    family = "wire-format"
    applicability = Applicability.SAFE
    message = "{problem} after the dateline “{dateline}”"
    fix_title = "Write “{dateline} {dash} ”"
    looks_for = LooksFor(*(f"({agency})" for agency in AGENCIES))
    examples = (
        Example.bad("BEIJING (AP) U.S. Secretary of State Antony Blinken arrived on Sunday.",
                    flagged=[" "],
                    fixed="BEIJING (AP) — U.S. Secretary of State Antony Blinken arrived on Sunday."),
        Example.bad("TAIPEI, Taiwan (AP) The island said on Monday it saw ships.", flagged=[" "],
                    fixed="TAIPEI, Taiwan (AP) — The island said on Monday it saw ships."),
        Example.bad("LOS ANGELES (Reuters) Shares rose on Friday.", flagged=[" "],
                    fixed="LOS ANGELES (Reuters) - Shares rose on Friday."),
        Example.bad("LONDON (Reuters) - Shares rose.", flagged=[" - "],
                    fixed="LONDON (Reuters) — Shares rose.", options={"dateline-dash": "—"}),
        Example.good("BEIJING (AP) — U.S. Secretary of State Antony Blinken arrived on Sunday."),
        Example.good("LOS ANGELES (Reuters) - Shares rose on Friday."),
        Example.good("The report by NATO (AP) officials was late."),
    )

    def check(self, doc, ctx):
        text = doc.text
        style = ctx.option("dateline-dash", "follow")
        for p in doc.paragraphs:
            m = _DATELINE.match(text, p.start, p.end)
            if m is None:
                continue
            agency = m.group("agency")
            dateline = text[m.start():m.end("agency") + 1]
            want = _AGENCY_DASH.get(agency, "—") if style == "follow" else style
            gap_start, gap_end = m.start("gap"), m.end("after")
            found = m.group("dash")
            if not found:
                yield self.finding(gap_start, gap_end, [f" {want} "], problem="No dash",
                                   dateline=dateline, dash=want)
            elif style != "follow" and found != want:
                yield self.finding(gap_start, gap_end, [f" {want} "],
                                   applicability=Applicability.UNSAFE,
                                   problem=f"House style wants “{want}”, not “{found}”,",
                                   dateline=dateline, dash=want)
