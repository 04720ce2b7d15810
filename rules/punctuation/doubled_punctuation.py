"""WF402 doubled-punctuation."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Rule

# ",," ";;" "::" and exactly two full stops between words; ",." (a comma before a stop).
_SAFE = lazy_regex(r"(?<=[\p{L}\p{N}\p{Pe}\p{Pf}])(,,|;;|::|(?<!\.)\.\.(?!\.)|,\.)(?=\s|$|\p{Pe}|\p{Pf})")
_LOWER_NEXT = lazy_regex(r"[\s\\]*\p{Ll}")
_UNSAFE = lazy_regex(r"(?<=[\p{L}\p{N}])(!!+|\?\?+)(?=\s|$|\p{Pf}|\p{Pe}|[\"'])")


class DoubledPunctuation(Rule):
    """A punctuation mark typed twice: "talks,, he said", "the end.." or a comma before a
    full stop.

    ## What it does
    Replaces doubled commas, semicolons, colons and full stops (two exactly, never an
    ellipsis) with one mark, and a comma directly before a full stop with the full stop.
    Doubled "!!" and "??" are flagged with an unsafe fix.

    ## Why it happens in wire copy
    Joining feed fragments and machine translation of clause boundaries both leave an extra
    mark where two pieces of text meet.

    ## Example
    "He declined to comment.." becomes "He declined to comment."

    ## Fix safety
    Safe for ",,", ";;", "::", ".." and ",." between words: none is ever meant. Where a
    lower-case word follows, which mark was meant is unclear ("president,. chairman" wants
    the comma), so the fix is only a suggestion. Unsafe for "!!" and "??", which may be the
    source's emphasis in a quote.

    ## Known false positives
    Ellipses ("..." and longer dot leaders), ranges such as "1..5" and web addresses are not
    matched.
    """

    code = "WF402"
    name = "doubled-punctuation"
    family = "punctuation"
    applicability = Applicability.SAFE
    message = "“{found}” is doubled punctuation"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor("..", ",,", ",.", ";;", "::", "!!", "??")
    examples = (
        Example.bad("He declined to comment..", flagged=[".."], fixed="He declined to comment."),
        Example.bad("Sadat turned to the U.S..", flagged=[".."], fixed="Sadat turned to the U.S."),
        Example.bad("The talks,, officials said, failed.", flagged=[",,"],
                    fixed="The talks, officials said, failed."),
        Example.bad("It rose 5 percent,.", flagged=[",."], fixed="It rose 5 percent."),
        Example.bad("He gave up his title of president,. chairman and chief.", flagged=[",."],
                    fixed="He gave up his title of president, chairman and chief."),
        Example.bad("“We won!!” he said.", flagged=["!!"], fixed="“We won!” he said."),
        Example.good("He paused... and then spoke."),
        Example.good("Pages 1..5 of the report, see example.com."),
        Example.good("Revenue.............. 1,234"),
        Example.good("....T-bonds..Fed funds..Prime..\nNikko.....8.25......6.15..\n"),
        Example.good("The score was 3:1, a rout."),
    )

    def check(self, doc, ctx):
        text = doc.text
        leaders: dict[int, bool] = {}      # each line looked at once, however many matches
        for m in _SAFE.finditer(text):
            n = doc.line_index(m.start())
            if n not in leaders:
                line = doc.lines[n]
                leaders[n] = text.find("...", line.start, line.end) != -1
            if leaders[n]:
                continue  # a table with dot leaders ("T-bonds..Fed funds..Prime..")
            found = m.group(1)
            lower_next = _LOWER_NEXT.match(text, m.end(1)) is not None
            if found == ",.":
                # before a capital the sentence ended; before a lower-case word the stop is stray
                fixed = "," if lower_next else "."
            else:
                fixed = found[0]
            yield self.finding(m.start(1), m.end(1), [fixed], found=found, fixed=fixed,
                               applicability=Applicability.UNSAFE if lower_next else Applicability.SAFE)
        for m in _UNSAFE.finditer(text):
            found = m.group(1)
            yield self.finding(m.start(1), m.end(1), [found[0]], found=found, fixed=found[0],
                               applicability=Applicability.UNSAFE)
