"""WF944 dash-attribution."""
from __future__ import annotations

import bisect


from wirefix.cleaner.findings import Applicability, Edit
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import SPEECH_VERBS, quote_pair
from wirefix.rules.base import Example, LooksFor, Rule

# Verbs of attribution beyond the speech verbs of the shared lexicon, in the forms Russian
# copy translates them to ("- comments the doctor", "- believe the editors").
_MORE_VERBS = frozenset("""
comment comments commented conclude concludes concluded clarify clarifies clarified emphasize
emphasizes emphasized emphasise emphasises emphasised believe believes believed think thinks
thought quote quotes quoted report reports reported consider considers considered summed
summarized summarised sums note confirm confirms confirmed recall admitted admits admit
specified specifies exclaimed exclaims shared shares assured assures suggested suggests
answered answers explained spoken written stated reported believes writes complained
complains pointed points
""".split())
ATTRIBUTION_VERBS = SPEECH_VERBS | _MORE_VERBS

# The mark that ends the quote, an optional closing quotation mark before or after it, and
# a dash between spaces: ", - says", "”, - said", "," - wrote", "? - asked".
_DASH = lazy_regex(r"(?P<q1>[\"”»]?)(?P<p>[,!?…])(?P<q2>[\"”»]?)(?P<gap>[ \t]*[-–—][ \t]+)(?=\p{Ll})")
_WORDS = lazy_regex(r"[\p{L}’'-]+")
_QUOTES = lazy_regex(r"[\"“”«»]")
_SENTENCE_END = lazy_regex(r"[.!?]")


def _marks_before(doc, p, at: int) -> str:
    """The quotation marks of paragraph ``p`` before ``at``, in order (the paragraph's marks
    are found once, however many dashes it has)."""
    def build():
        ms = list(_QUOTES.finditer(doc.text, p.start, p.end))
        return [x.start() for x in ms], "".join(x.group() for x in ms)

    positions, marks = doc.memo_item("dash_attribution_marks", p.start, build)
    return marks[:bisect.bisect_left(positions, at)]


def attribution_follows(text: str, at: int, end: int) -> bool:
    """Do the first eight words after ``at`` (up to the sentence end) hold a verb of
    attribution ("says pulmonologist Sergey Puryasev", "the editors of the channel believe")?"""
    # the first eight words, then the sentence's end among them: a paragraph without a full
    # stop is not read to its end for every dash in it
    found = []
    for w in _WORDS.finditer(text, at, end):
        found.append(w)
        if len(found) == 8:
            break
    if not found:
        return False
    stop = _SENTENCE_END.search(text, at, found[-1].end())
    words = [w.group() for w in found if stop is None or w.end() <= stop.start()]
    return any(w.lower() in ATTRIBUTION_VERBS for w in words)


class DashAttribution(Rule):
    """A quote attributed Russian style, with a dash: "…during mutations, - says
    pulmonologist Sergey Puryasev."

    ## What it does
    Finds a quotation that ends with a comma (or a question or exclamation mark) and a dash
    before its attribution, the way Russian and Ukrainian punctuate direct speech, and
    writes it the English way: the mark, a closing quotation mark, and no dash. Where the
    quote has no opening mark and starts the paragraph, the opening mark is restored too.

    ## Why it happens in wire copy
    Russian marks direct speech with «quotes» or a dash and puts ", —" before the
    attribution. Translation engines keep the dash and often drop the quotation marks, so
    the reader cannot tell the speaker's words from the reporter's.

    ## Example
    "Their antibodies were not cut during mutations, - says pulmonologist Sergey Puryasev."
    becomes "“Their antibodies were not cut during mutations,” says pulmonologist Sergey
    Puryasev."

    ## Fix safety
    Safe where the quote's marks are there and only the dash and the comma's place are wrong
    ("“the delta”, - said" → "“the delta,” said"). Unsafe where the opening mark has to be
    restored: the quote is taken to start with the paragraph. Where the paragraph holds other
    quotation marks before the dash, the quote's start is unclear and the finding is a flag.

    ## Known false positives
    A dash that sets off an aside before a verb of saying ("the plan, - which officials
    said…") would be read as an attribution; it needs the dash between spaces after a comma,
    which English asides rarely have.
    """

    code = "WF944"
    name = "dash-attribution"
    family = "translation"
    applicability = Applicability.SAFE
    message = "quote attributed with a dash (“{found}”), as Russian punctuates direct speech"
    fix_title = "Close the quote and drop the dash"
    looks_for = LooksFor(" - ", " – ", " — ", patterns=[r"[,!?…][\"”»]?[–—]"])
    examples = (
        Example.bad("Their antibodies were not cut during mutations, - says pulmonologist "
                    "Sergey Puryasev.", flagged=[", - "],
                    fixed="“Their antibodies were not cut during mutations,” says pulmonologist "
                          "Sergey Puryasev."),
        Example.bad("It may be milder than the “delta”, - said a WHO report.", flagged=["”, - "],
                    fixed="It may be milder than the “delta,” said a WHO report."),
        Example.bad('"There will be bargaining over Ukraine," - wrote the analyst.',
                    flagged=['," - '], fixed='"There will be bargaining over Ukraine," wrote the analyst.'),
        Example.bad("“Why now? - asked the minister.", flagged=["? - "],
                    fixed="“Why now?” asked the minister."),
        Example.bad("Officials said “talks” matter, but it is late, - the editors believe.",
                    flagged=[", - "]),
        Example.good("Prices rose - sharply - in May, officials said."),
        Example.good("The plan, - as drafted, - failed."),
        Example.good("He waited, - and then left."),
    )

    def check(self, doc, ctx):
        text = doc.text
        open_mark, close_mark = quote_pair(doc, ctx.option("quotes", "follow"))
        for m in _DASH.finditer(text):
            p = doc.paragraph_at(m.start())
            if p is None or not attribution_follows(text, m.end(), p.end):
                continue
            q1, punct, q2 = m.group("q1"), m.group("p"), m.group("q2")
            found = m.group()
            closing = q1 or q2 or close_mark
            repl = punct + closing + " "
            marks = _marks_before(doc, p, m.start())
            if q1 or q2:
                # the quote's marks are there: put the punctuation inside, drop the dash
                yield self.finding(m.start(), m.end(), [repl], found=found.strip())
                continue
            opened = bool(marks) and marks[-1] in "“«\"" and len(marks) % 2 == 1
            if opened:
                yield self.finding(m.start(), m.end(), [repl], found=found.strip())
            elif not marks and (text[p.start].isupper() or text[p.start].isdigit()):
                yield self.finding(m.start(), m.end(), [repl], found=found.strip(),
                                   applicability=Applicability.UNSAFE,
                                   extra_edits=(Edit(p.start, p.start, open_mark),))
            else:
                yield self.finding(m.start(), m.end(), [], found=found.strip(),
                                   applicability=Applicability.DISPLAY)
