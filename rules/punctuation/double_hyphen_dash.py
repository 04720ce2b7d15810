"""WF460 double-hyphen-dash."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace.space_run import is_tabular

# A typed dash between words: "agenda -- particularly" or "agenda--particularly", with the
# same spacing on both sides. Not "---" (a rule line or a table cell), not "--help" (a
# command-line flag: space before, none after), not "12--14" (a range).
_DOUBLE_HYPHEN = lazy_regex(
    r"(?<=[\p{L}\p{N}.,;:!?)\]\"'’”])(?<!<!)(?P<pre>[ \t]?)(?<!-)--(?!-)(?P<post>[ \t]?)"
    r"(?=[\p{L}\p{N}\"'‘“(\[])",
    regex.V1,
)
# A command-line flag ("-it", "-n", "--dry-run", "--namespace=x"): a line that holds one is a
# command, where "--" ends the options ("kubectl exec -it pod -- nslookup"). A lone "--word"
# is not one: prose types "2003 --with a surplus".
_FLAG = lazy_regex(r"(?<!\S)(?:-[a-z]{1,3}(?![\w-])|--[a-z]+(?:-[a-z]+)+|--[a-z]+=)")
# An HTML or XML comment: "<!-- note -->".
_COMMENT = lazy_regex(r"<!--.*?-->", regex.DOTALL)


class DoubleHyphenDash(Rule):
    """Two hyphens typed for a dash: "the agenda -- particularly with Congress".

    ## What it does
    Replaces "--" between two words with the dash named by the `dash` style option: an em
    dash (the default, AP style), an en dash, or a spaced hyphen. The spacing typed around
    the hyphens is kept for the em and en dash ("a -- b" gives "a — b", "a--b" gives "a—b").

    ## Why it happens in wire copy
    Typewriters and teleprinters had no dash; wire copy typed two hyphens, and the 1987
    Reuters feed and AG News still carry them.

    ## Example
    "he repeated -- as he has done since -- that he would stay" becomes
    "he repeated — as he has done since — that he would stay".

    ## Fix safety
    Safe: between two words two hyphens are always a dash. Spaced on one side only
    ("banks-- Barclays") they still are, and get the house spacing; but " --word" in lower
    case could be a command-line flag and is skipped, as is "--" on a line that holds a
    flag ("kubectl exec -it pod -- nslookup") and inside an HTML comment ("<!-- ... -->").
    Table lines, rule lines ("---") and number ranges ("12--14") are skipped.

    ## Known false positives
    Code quoted in a story ("x--" in C).
    """

    code = "WF460"
    name = "double-hyphen-dash"
    family = "punctuation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“--” typed for a dash"
    fix_title = "Write “{dash}”"
    looks_for = LooksFor("--")
    examples = (
        Example.bad("he repeated -- as he has done since November -- that he would stay",
                    flagged=[" -- ", " -- "],
                    fixed="he repeated — as he has done since November — that he would stay"),
        Example.bad("TORONTO, Canada--A second team", flagged=["--"], fixed="TORONTO, Canada—A second team"),
        Example.bad("the agenda -- particularly", flagged=[" -- "], fixed="the agenda - particularly",
                    options={"dash": " - "}),
        Example.bad("the agenda -- particularly", flagged=[" -- "], fixed="the agenda – particularly",
                    options={"dash": "–"}),
        Example.bad("Four banks-- Barclays and Lloyds --Midland agreed", flagged=["-- ", " --"],
                    fixed="Four banks — Barclays and Lloyds — Midland agreed"),
        Example.good("Run it with --help; scores of 12--14; a rule ---"),
        # a command line ends its options with "--"; an HTML comment is no dash
        Example.good("Run kubectl exec -it busybox -- nslookup kubernetes.default to test it."),
        Example.bad("Trade will reach 1.1 trillion dollars in 2004 -- up 30 percent", flagged=[" -- "],
                    fixed="Trade will reach 1.1 trillion dollars in 2004 — up 30 percent"),
        Example.good("The page hid it in a comment, <!-- draft -- do not publish -->, and left."),
        Example.good(" Chicago       --    3.04   2.98  --    --\n Toledo        --    3.04   2.98  2.90  --"),
        Example.good("Over the next two days it expects --\n 2/26  2/27"),
    )

    def check(self, doc, ctx):
        text = doc.text
        dash = ctx.option("dash", "—")
        comments = [c.span() for c in _COMMENT.finditer(text)] if "<!--" in text else []
        for m in _DOUBLE_HYPHEN.finditer(text):
            if comments and any(a <= m.start() < b for a, b in comments):
                continue
            if _in_command_line(doc, m.start(), m.end()):
                continue
            before, after = text[m.start() - 1], text[m.end()]
            if m.group("pre") != m.group("post"):
                # "banks-- Barclays" is a dash typed carelessly; " --who" could also be a
                # command-line flag ("run it with --help"), and is left alone
                if (m.group("pre") and after.islower()) or is_tabular(doc, doc.line_index(m.start())):
                    continue
                yield self.finding(m.start(), m.end(), [" - " if dash == " - " else f" {dash} "],
                                   dash=dash.strip())
                continue
            if before.isdigit() and after.isdigit():
                continue
            if is_tabular(doc, doc.line_index(m.start())):
                continue
            if dash == " - ":
                s, e, repl = m.start(), m.end(), " - "
            else:
                s, e, repl = m.start() + len(m.group("pre")), m.end() - len(m.group("post")), dash
                if m.group("pre"):
                    s, e, repl = m.start(), m.end(), f"{m.group('pre')}{dash}{m.group('post')}"
            yield self.finding(s, e, [repl], dash=dash.strip())


def _in_command_line(doc, start: int, end: int) -> bool:
    """The line of the "--" at ``start:end`` holds a command-line flag elsewhere."""
    # once per line: a long line with many "--" is searched once, not once per "--"
    line = doc.lines[doc.line_index(start)]
    return doc.memo_item("command_line_flag", line.start,
                         lambda: _FLAG.search(doc.text, line.start, line.end) is not None)
