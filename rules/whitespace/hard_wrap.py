"""WF204 hard-wrap."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._layout import wrap_joins

_REUTERS_1987 = (
    "Showers continued throughout the week in\n"
    "the Bahia cocoa zone, alleviating the drought since early\n"
    "January and improving prospects for the coming temporao,\n"
    "although normal humidity levels have not been restored,\n"
    "Comissaria Smith said in its weekly review.\n"
    "    The dry period means the temporao will be late this year.\n"
    " Reuter\n"
)
_REUTERS_1987_FIXED = (
    "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought "
    "since early January and improving prospects for the coming temporao, although normal "
    "humidity levels have not been restored, Comissaria Smith said in its weekly review.\n"
    "    The dry period means the temporao will be late this year.\n"
    " Reuter\n"
)


class HardWrap(Rule):
    """A paragraph broken into lines at a fixed width: a hard wrap.

    ## What it does
    Joins the lines of a hard-wrapped paragraph into one line, with one space where each
    line break was. Paragraph breaks stay: a blank line, or an indented line, which is how
    the 1987 Reuters feed started a paragraph. Tables and column layouts, lists, rule lines
    such as AP's "___" separator, and short lines that end where the writer ended them
    (headers, bylines, the contributor line) are never joined.

    ## Why it happens in wire copy
    Teleprinter and terminal feeds wrapped copy at 60–80 columns and sent the line breaks
    along. Every sentence rule then sees a sentence cut into pieces.

    ## Example
    "talks in\\nVienna on Monday" becomes "talks in Vienna on Monday" when the first line
    was wrapped.

    ## Fix safety
    Safe when the break is a wrap: the text must show a wrap width (several lines filled to
    within a few characters of it) and the next line's first word must not have fitted on
    the line. The first line of a paragraph may be short because a dateline stood before
    it; it joins when the line after it is itself full, when it stops on a word no sentence
    ends with ("its", "of"), or when its one sentence ends on the next, last line. A short
    first line in Title Case is a headline only when a dateline or a blank line follows it
    (the paragraph's own shape): above a wrapped line of the same paragraph it joins, and
    above a dateline the join is only suggested. A line that opens a quotation it does not
    close is not taken as the only evidence of a wrap width (verse set line by line).
    Unsafe for a line that ends in a hyphen: "English-\\nlanguage" is a compound but
    "orga-\\nnise" was hyphenated by the wrap, so the join (keeping the hyphen) is only
    suggested. The `unwrap` style option switches the
    rule off.

    ## Known false positives
    A deliberate short line inside a wrapped paragraph, followed by a long word, can look
    like a wrap.
    """

    code = "WF204"
    name = "hard-wrap"
    family = "whitespace"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "line break inside a paragraph ({reason})"
    fix_title = "Join the lines"
    looks_for = LooksFor("\n", "\r")
    examples = (
        Example.bad(_REUTERS_1987, flagged=["\n"] * 4, fixed=_REUTERS_1987_FIXED),
        Example.bad("Standard Oil Co and BP North America\r\n"
                    "Inc said they plan to form a venture to manage the money market\r\n"
                    "borrowing and investment activities of both companies.\r\n",
                    flagged=["\r\n", "\r\n"],
                    fixed="Standard Oil Co and BP North America Inc said they plan to form a "
                          "venture to manage the money market borrowing and investment "
                          "activities of both companies.\r\n"),
        Example.bad("The paper said it chose an English-\n"
                    "language edition after talks with its owners in May and June\n"
                    "of this year, according to the company statement.\n",
                    flagged=["\n", "\n"],
                    fixed="The paper said it chose an English-language edition after talks "
                          "with its owners in May and June of this year, according to the "
                          "company statement.\n"),
        # Reuters, NEWID 2: a short first line in Title Case may be a headline: suggested only
        Example.bad("Standard Oil Co and BP North America\n"
                    "Revised plans to form a venture to manage the money market\n"
                    "borrowing and investment activities of both companies.\n",
                    flagged=["\n", "\n"],
                    fixed="Standard Oil Co and BP North America Revised plans to form a venture to "
                          "manage the money market borrowing and investment activities of both "
                          "companies.\n"),
        # NEWID 15684: a ticker at the start of the next line carries the name on
        Example.bad("Avions Marcel Dassault-Breguet Aviation\n"
                    "&lt;AVMD.PA> has offered the French Defence Ministry a new version\n"
                    "of its Mirage fighter, a company spokesman said on Tuesday.\n",
                    flagged=["\n", "\n"],
                    fixed="Avions Marcel Dassault-Breguet Aviation &lt;AVMD.PA> has offered the "
                          "French Defence Ministry a new version of its Mirage fighter, a company "
                          "spokesman said on Tuesday.\n"),
        # NEWID 12229: too short to measure a width, but the first line stops mid-sentence
        Example.bad("Bank of New York said it raised its\nprime lending rate a quarter point.\n Reuter\n",
                    flagged=["\n"],
                    fixed="Bank of New York said it raised its prime lending rate a quarter point.\n Reuter\n"),
        # NEWID 416: a wrapped line may start with a dash or a number
        Example.bad("Reserves rose by 1.5 billion francs while other deposits on call\n"
                    "- mainly government funds - fell 1.60 billion francs to 1.04\n"
                    "billion, the central bank said in its weekly report on Friday.\n",
                    flagged=["\n", "\n"],
                    fixed="Reserves rose by 1.5 billion francs while other deposits on call - "
                          "mainly government funds - fell 1.60 billion francs to 1.04 billion, the "
                          "central bank said in its weekly report on Friday.\n"),
        Example.good("He said the talks would resume.\nThey did.\n"),
        # verse quoted line by line (a written "\n" in MT output, made a line break): no wrap
        Example.good("I will reply with the lines of the poet M. Isakovsky: \"Migrating birds are flying\n"
                     "Searching for the bygone summer.\"\n"),
        # a Title Case first line above a wrapped line of its own sentence is no headline
        Example.bad("Federal Reserve Board Chairman Paul\n"
                    "Volcker said that he did not believe there was a connection between\n"
                    "the Fed's policies and the fall of the dollar on world markets.\n",
                    flagged=["\n", "\n"],
                    fixed="Federal Reserve Board Chairman Paul Volcker said that he did not believe "
                          "there was a connection between the Fed's policies and the fall of the "
                          "dollar on world markets.\n"),
        Example.good("The company said the figures were confirmed by its auditors on\n"
                     "Friday and that the results would be published next week, too.\n"
                     "REUTER...\n", options={"unwrap": False}),
        Example.good("    OMAN............18.21......18.25......16.31\n"
                     "    DUBAI...........18.09......18.21......15.92\n"),
        Example.good("Shr 41 cts vs 38 cts\n    Net 5,630,000 vs 5,152,000\n    Revs 97.1 mln\n"),
        Example.bad("Officials said the talks in Vienna would resume on Monday after a\n"
                    "break of two weeks, and that both sides expected an agreement.\n"
                    "___\n"
                    "Associated Press writer Jane Doe contributed to this report.\n",
                    flagged=["\n"],
                    fixed="Officials said the talks in Vienna would resume on Monday after a "
                          "break of two weeks, and that both sides expected an agreement.\n"
                          "___\n"
                          "Associated Press writer Jane Doe contributed to this report.\n"),
        Example.good(" Wheat   2.55   2.40       IV     4.65     --\n"
                     " Corn    1.35   1.92       IV     3.15   3.15\n"
                     " Oats    1.24   0.99        V     1.65     --\n"),
        Example.good("Officials said the talks in Vienna would resume on Monday after a\n"
                     "break of two weeks.\n", options={"unwrap": False}),
        Example.good("The ministers agreed on these points in Vienna on Monday morning:\n"
                     "- a ceasefire that starts on Friday at noon local time and lasts\n"
                     "- talks on prisoners\n"),
    )

    def check(self, doc, ctx):
        if not ctx.option("unwrap", True):
            return
        messages: dict[str, str] = {}   # a story has one or two reasons: format each once
        for j in wrap_joins(doc):
            message = messages.get(j.reason)
            if message is None:
                message = messages[j.reason] = self.message.format(reason=j.reason)
            yield self.finding(j.start, j.end, (j.replacement,), message=message,
                               applicability=None if j.safe else Applicability.UNSAFE)
