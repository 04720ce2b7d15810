"""WF943 doubled-quotation-marks."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability, Edit, Fix
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# Two quotation marks typed as one: "" or ““ or ””, never three or more ("""), which is
# code or a run of ditto marks.
_DOUBLE = lazy_regex(r'(?<!["“”])(?:""|““|””)(?!["“”])')
# A quoted span opened and closed with doubled marks: ""Ginza"", ““Ginza””. The words
# inside hold no other quotation mark and no line break.
_PAIR = lazy_regex(r'(?<!["“”\p{L}\p{N}])(""|““)(?=[^\s"“”])([^"“”\n]{1,300}?)(?<=[^\s"“”])(""|””)(?!["“”\p{L}\p{N}])')


def _opens_or_closes(text: str, start: int, end: int) -> bool:
    """Does a lone doubled mark open or close a quote (a word right after it, or a word or
    a clause's punctuation before it) rather than stand for an empty string (x = "",
    f("", 2))?"""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    # the last visible character before the mark (read back over white space only: a
    # copy of the text before it for every mark made a long story quadratic)
    i = start
    while i and text[i - 1].isspace():
        i -= 1
    prev = text[i - 1] if i else " "
    if prev in "=([{" or after in ")]},;:":
        return False
    return before.isalnum() or after.isalnum() or prev in ",.!?…" or after in "⁇<"


class DoubledQuotationMarks(Rule):
    """A quotation mark typed twice: it was called ""Ginza"".

    ## What it does
    Writes a single mark for a doubled one. A span opened and closed with doubled marks
    (""Ginza"") is repaired as a pair; a doubled mark on its own that opens or closes a
    quote is repaired as a suggestion.

    ## Why it happens in wire copy
    Translation engines trained on CSV exports, where a quotation mark inside a field is
    written twice, learned to write "" for ". Feeds that escape quotes for CSV and are then
    read as plain text do the same.

    ## Example
    "it was called ""Ginza""." becomes "it was called "Ginza"."

    ## Fix safety
    Safe for a pair: English never doubles a quotation mark. A lone doubled mark may be a
    nested quote closing with the outer one ("with "delta,"" the report said), so its fix is
    only a suggestion. Three or more marks and an empty pair between spaces (x = "") are
    left alone.

    ## Known false positives
    Code or CSV quoted inside a story.
    """

    code = "WF943"
    name = "doubled-quotation-marks"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "doubled quotation mark “{mark}”"
    fix_title = "Write one “{single}”"
    looks_for = LooksFor('""', "““", "””")
    examples = (
        Example.bad('it was called ""Ginza"".', flagged=['""Ginza""'], fixed='it was called "Ginza".'),
        Example.bad("the ““Ginza”” store", flagged=["““Ginza””"], fixed="the “Ginza” store"),
        # both marks in one fix, whatever else is mended beside them
        Example.bad('It was called ""Ginza""  today.', flagged=['""Ginza""'],
                    fixed='It was called "Ginza"  today.'),
        Example.bad('We know what you have done, "" the station quoted him.', flagged=['""'],
                    fixed='We know what you have done, " the station quoted him.'),
        Example.bad('The ""⁇"" tribe', flagged=['""⁇""'], fixed='The "⁇" tribe'),
        Example.good('He said "Ginza" twice.'),
        Example.good('Set name = "" to clear it.'),
        Example.good('A docstring starts with """ in Python.'),
    )

    def check(self, doc, ctx):
        text = doc.text
        paired: set[int] = set()
        for m in _PAIR.finditer(text):
            paired.update((m.start(1), m.start(3)))
            # both marks in one fix: a pair half mended (the other mark's edit put off by a
            # neighbouring fix) would leave a lone "" that only an unsafe fix may touch
            fix = Fix((Edit(m.start(1), m.end(1), m.group(1)[0]),
                       Edit(m.start(3), m.end(3), m.group(3)[0])),
                      Applicability.SAFE, f"Write one “{m.group(1)[0]}” on each side")
            yield self.finding(m.start(1), m.end(3), fixes=[fix], mark=m.group(1),
                               single=m.group(1)[0])
        for m in _DOUBLE.finditer(text):
            if m.start() in paired or not _opens_or_closes(text, m.start(), m.end()):
                continue
            yield self.finding(m.start(), m.end(), [m.group()[0]],
                               applicability=Applicability.UNSAFE,
                               mark=m.group(), single=m.group()[0])
