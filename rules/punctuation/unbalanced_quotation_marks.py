"""WF403 unbalanced-quotation-marks."""
from __future__ import annotations

import bisect


from wirefix.cleaner.document import Span
from wirefix.cleaner.findings import Applicability
# lazy_re: _MARK_AT finds a character class over the whole story, which the stdlib engine
# does about twice as fast as `regex`.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import trailing_attribution
from wirefix.rules.base import Example, LooksFor, Rule

# The same marks for a scan of the whole story: the standard library's engine finds a
# character class about twice as fast as ``regex``. Written as one class followed by a test
# (a lone apostrophe is no mark, two are), not as `[“”"()]|''`: the stdlib engine skips
# ahead only to a pattern's first character class or literal, and tries an alternation at
# every offset (half the time; tests/test_patterns.py checks the two give the same marks).
_MARK_AT = lazy_re(r"[“”\"()'](?:(?<!')|')")
_CLOSE_CHARS = "”\"’')]»"
# A quotation of fewer words is a name, a title or a term, not speech that runs on.
_SPEECH_WORDS = 5
_ATTRIBUTION_REACH = 300
_LABEL_BEFORE = lazy_regex(r"(?:\p{N}{1,2}|\p{L}|[ivx]{1,4})$")


def _role(text: str, at: int, width: int = 1) -> str:
    """A straight quote (``width`` characters long: two for '') opens when it follows a
    space, a bracket or the start of a line, or when it sits between a word and a capital
    ('said"It was'); otherwise it closes."""
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + width] if at + width < len(text) else "\n"
    if before.isspace() or before in "([{—–-:":
        return "open"
    # glued between a word or a sentence's end and a capital: 'said"It was', 'magazine."I
    # view', 'added ,"The Commission'
    return "open" if (before.isalpha() or before in ".,;!?") and after.isupper() else "close"


def _emoticon(text: str, at: int, lo: int, hi: int, last_run: list[int] | None = None) -> bool:
    """Is the bracket at ``at`` part of an emoticon: ":)", ":-(", ";)", "=)", or a run of
    two or more brackets as chat writes a smile or a frown (")))", "(("), not a bracket?
    ``last_run``: [start, end] of the run found for the previous bracket, reused for the
    next one in the same run (a run of n brackets is measured once, not n times)."""
    ch = text[at]
    before = text[at - 1] if at > lo else ""
    if (before and before in ":;=") or (before == "-" and at - 1 > lo and text[at - 2] in ":;="):
        return True
    if last_run is not None and last_run[0] <= at < last_run[1] and text[last_run[0]] == ch:
        run_lo, run_hi = last_run
    else:
        run_lo, run_hi = at, at + 1
        while run_lo > lo and text[run_lo - 1] == ch:
            run_lo -= 1
        while run_hi < hi and text[run_hi] == ch:
            run_hi += 1
        if last_run is not None:
            last_run[:] = [run_lo, run_hi]
    return run_hi - run_lo >= 2 and (run_hi == hi or not text[run_hi].isalnum()) and (
        ch == ")" or run_lo == lo or not text[run_lo - 1].isalnum())


def _opens_words(text: str, at: int) -> bool:
    """A straight quote after a space with a letter right after it: it opens a quotation."""
    return text[at - 1].isspace() and at + 1 < len(text) and text[at + 1].isalpha()


def _closes_later(straight: list[int], at: int, end: int) -> bool:
    """Two or more straight quotes (``straight``: their sorted offsets) follow ``at`` before
    ``end``: one to close an inner quote opened at ``at`` and one to close the outer. (A
    bisection, not a count over the text: a paragraph of many quotes stays linear.)"""
    return bisect.bisect_left(straight, end) - bisect.bisect_right(straight, at) >= 2


def _double_apostrophe_is_quote(text: str, at: int) -> bool:
    """Two straight apostrophes stand for a double quotation mark (typewriter and TeX habit,
    kept by old feeds: "the ``Shrek'' films") unless a letter or digit sits on both sides
    ("We''ll" is a contraction with its apostrophe doubled)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 2] if at + 2 < len(text) else " "
    return not (before.isalnum() and after.isalnum())


def _cut_end(text: str, paras) -> bool:
    """Does the text stop mid-sentence, so that a mark left open in its last sentence lost
    its partner to the cut, not to damage? An ellipsis at the very end says so; so does a
    one-paragraph text (an excerpt or a feed's description) that ends without a stop."""
    tail = text.rstrip()
    if tail.endswith(("...", "…")):
        return True
    return len(paras) == 1 and bool(tail) and tail[-1] not in ".!?" + _CLOSE_CHARS


def _speech_goes_on(text: str, start: int, end: int) -> bool:
    """Could the quote opened at ``start`` go on in a next paragraph, AP style? Only speech
    does: a few words or more ("a name or a title" is closed where it ends: 'code-named
    "Hollywood.'), and not attributed inside itself (", said Daniel Kritenbrink." shows the
    quote closed before the attribution and lost its mark)."""
    if len(text[start:end].split()) < _SPEECH_WORDS:
        return False
    # an attribution ends the quote, so only its last _ATTRIBUTION_REACH characters are
    # searched: the search backtracks over what it is given, and a paragraph of thousands
    # of commas must stay linear
    return trailing_attribution(text, Span(max(start, end - _ATTRIBUTION_REACH), end)) is None


def _cut_inside_bracket(text: str, at: int) -> bool:
    """A bracket opened before the text's last token, with nothing after it: "(UAIR." or
    "(No." is a ticker or a figure cut in half ("(UAIR.O)", "(No. 5)"), not a lost bracket."""
    rest = text[at + 1:].rstrip()
    return 0 < len(rest) <= 12 and not any(ch.isspace() for ch in rest)


def _list_label(text: str, at: int, lo: int) -> bool:
    """A list label such as "1)", "a)" or "(iv)": a letter or a number or two before the
    bracket, at the start of the paragraph or after a space or bracket."""
    m = _LABEL_BEFORE.search(text, max(lo, at - 4), at)
    if m is None:
        return False
    s = m.start()
    return s == lo or text[s - 1].isspace() or text[s - 1] == "("


def _bracketed_pair(text: str, marks: list[int]) -> set[int]:
    """The quotation marks that pair inside one pair of brackets, two marks and no other
    bracket between: an editor's note that quotes a term ('("disease severity" — Ed.)')
    inside a quote. Its marks are its own, whatever quote stands open around it."""
    own: set[int] = set()
    opened = False
    inner: list[int] = []
    for at in marks:
        ch = text[at]
        if ch == "(":
            opened, inner = True, []
        elif ch == ")":
            if opened and len(inner) == 2 and text[inner[0]] in '"“' and text[inner[1]] in '"”':
                own.update(inner)
            opened, inner = False, []
        elif opened:
            inner.append(at)
    return own


def unmatched_marks(doc) -> list[tuple[int, str]]:
    """Marks with no partner. Quotes pair across paragraphs, since a quote may run over
    several: AP style leaves it open at a paragraph's end and opens the next paragraph with a
    quotation mark again, which continues the quote rather than opening a new one; other
    styles (and translations that split a paragraph into sentences) open it once and close
    it some paragraphs later. A quote is flagged as never closed when another quote opens
    inside a paragraph before it is closed, or when the story ends. Brackets pair within
    their paragraph, but a bracket left open at a paragraph's end pairs with a closing one
    in the next paragraph that has none of its own (a parenthetical split over two lines, as
    text written one sentence per line splits it); emoticons (":)", ")))") and list labels
    ("1)") are not brackets."""
    text = doc.text
    paras = doc.paragraphs
    out: list[tuple[int, str]] = []
    open_quote: int | None = None
    # brackets left open at the end of the paragraph before (and only that one)
    carried: list[int] = []
    # where the marks are, found in one pass: a paragraph without one changes nothing
    # (most paragraphs of a story have none), even while a quote is open
    marks = [m.start() for m in _MARK_AT.finditer(text)]
    straight = [at for at in marks if text[at] == '"']
    for p in paras:
        lo = bisect.bisect_left(marks, p.start)
        hi = bisect.bisect_left(marks, p.end, lo)
        if lo == hi:
            out.extend((at, "bracket that is never closed") for at in carried)
            carried = []
            continue
        # a quote left open at an earlier paragraph's end, and this one reopens it
        continues = open_quote is not None and text[p.start] in "“\""
        parens: list[int] = []
        last_run = [0, 0]
        nested: int | None = None   # a straight quote opened inside a straight quote
        # the mark that opened the open quote in this paragraph, or reopened it (AP style)
        mark_here: int | None = None
        bracketed = _bracketed_pair(text, marks[lo:hi])
        for at in marks[lo:hi]:
            if at in bracketed:
                continue
            ch = text[at]
            if ch in "()":
                if _emoticon(text, at, p.start, p.end, last_run):
                    continue
                if ch == "(":
                    parens.append(at)
                elif parens:
                    parens.pop()
                elif _list_label(text, at, p.start):
                    pass
                elif carried:
                    carried.pop()  # closes the one the paragraph before left open
                else:
                    out.append((at, "closing bracket without an opening one"))
                continue
            if ch == "'":
                if not _double_apostrophe_is_quote(text, at):
                    continue
                role = _role(text, at, width=2)
            else:
                role = "open" if ch == "“" else "close" if ch == "”" else _role(text, at)
            if ch == '"' and nested is not None:
                if role == "close":
                    nested = None      # the inner quote closes: '"... of "C" sugar ...,"'
                    continue
                nested = None          # not an inner pair after all: the outer one closed
                open_quote = mark_here = None
            if ch == '"' and role == "open" and open_quote is not None and \
                    mark_here is not None and text[mark_here] == '"' and at != p.start and \
                    _opens_words(text, at) and _closes_later(straight, at, p.end):
                # '"... to the "haves" as opposed to the "have-nots."' (two more marks follow
                # in the paragraph, so the next one always settles ``nested``)
                nested = at
                continue
            if ch in "\"'" and open_quote is not None and role == "open" and at != p.start \
                    and (mark_here is not None or not _opens_words(text, at)):
                # a straight quote after an open one closes it, unless the quote was opened
                # in an earlier paragraph and not reopened in this one, and this mark stands
                # before a word ('said. "What it did'): then the earlier quote lost its close
                role = "close"
            if ch == '"' and open_quote is None and role == "close" and at > 0 \
                    and text[at - 1].isdigit():
                continue  # an inch or second mark: 6" tall, a 3.5" drive, 5'10"
            if role == "open":
                if continues and at == p.start:
                    continues = False
                    mark_here = at
                    continue
                if open_quote is not None:
                    out.append((open_quote, "quotation mark that is never closed"))
                open_quote = mark_here = at
            elif open_quote is not None:
                open_quote = mark_here = None
            else:
                out.append((at, "closing quotation mark without an opening one"))
        out.extend((at, "bracket that is never closed") for at in carried)
        carried = parens
    # marks left open when the text stops: the cut took their partners when the text stops
    # mid-sentence (or inside a bracket's one token)
    cut = _cut_end(text, paras)
    out.extend((at, "bracket that is never closed") for at in carried
               if not (cut or _cut_inside_bracket(text, at)))
    # A quote still open at the end of a one-paragraph text is left open the way AP leaves a
    # quote that goes on in the next paragraph; an excerpt or a feed's description (a
    # story's first paragraph) shows no next paragraph to tell continuation from damage.
    if open_quote is not None and not (open_quote >= paras[-1].start and (
            cut or len(paras) == 1 and _speech_goes_on(text, open_quote, paras[-1].end))):
        out.append((open_quote, "quotation mark that is never closed"))
    return sorted(set(out))


class UnbalancedQuotationMarks(Rule):
    """Quotation marks or brackets without their partner in a paragraph.

    ## What it does
    Flags an opening quotation mark that is never closed, a bracket never closed in its
    paragraph (or the next one: text written one sentence per line splits a parenthetical
    over two lines), and a closing one that was never opened. A quote may run over several
    paragraphs: left open at a paragraph's end, it continues when the next paragraph opens
    with a quotation mark again (AP style) or when a later paragraph closes it before any
    other quote opens (styles that mark only the start and the end, and translations that
    split a paragraph into one sentence per line).

    Two quotation marks inside one pair of brackets pair with each other, whatever quote
    stands open around them (an editor's note: '("disease severity" — Ed.)').

    Two apostrophes ('') count as a double quotation mark, as typewriters and old feeds
    write one, except between two letters ("We''ll"). A straight quote right after a figure
    with no quote open is an inch or second mark (1" drives), not a closing quote. Marks
    left open when the text stops mid-sentence are not flagged: an ellipsis at the end, a
    one-paragraph excerpt ending without a stop, or a bracket holding only the text's last
    token ("(UAIR." cut from "(UAIR.O)") says the text was cut, and the partner went with the
    cut. Nor is a quote left open at the end of a text of one paragraph: AP leaves a quote
    open at a paragraph's end when it goes on in the next paragraph, and an excerpt or a
    feed's description (a story's first paragraph) does not show whether one follows.

    ## Why it happens in wire copy
    Translation engines and feed converters drop one mark of a pair, most often when a quote
    spans a line break or a tag boundary.

    ## Example
    "“We came to Beijing with a realistic approach, said Daniel Kritenbrink." is flagged: the
    quote is never closed.

    ## Fix safety
    Display only: where the missing mark belongs is for an editor to decide.

    ## Known false positives
    List labels such as "a)" and "1)" and emoticons (":)", ":-(", ")))") are not counted as
    brackets. A quote that is never closed is not flagged when a much later paragraph
    happens to close another. A straight quote nested in a straight quote ('"... of "C"
    sugar ...," he said') is read as an inner pair when two more marks follow in the
    paragraph; one nested two deep, or an inner quote that ends where the outer one does
    with a single mark ('the "have-nots."'), is misread and the flag lands on a correct mark.
    """

    code = "WF403"
    name = "unbalanced-quotation-marks"
    family = "punctuation"
    applicability = Applicability.DISPLAY
    message = "A {what}"
    looks_for = LooksFor('"', "(", ")", "“", "”", "''")
    examples = (
        Example.bad("“We came to Beijing with a realistic approach, said Daniel Kritenbrink.",
                    flagged=["“"]),
        Example.bad("He said the talks (which began Monday were long.", flagged=["("]),
        Example.bad("Officials called it a success” on Friday.", flagged=["”"]),
        Example.good("“We came to Beijing,” said Daniel Kritenbrink (the top US diplomat)."),
        Example.good("“The first paragraph of a long quote runs on.\n\n“And the quote ends here,” he said."),
        Example.good("The options were a) talks and b) sanctions."),
        Example.good('"The decline will go on for some time,\nhe said.\n    Businesses are reacting more than we thought."'),
        Example.good('He called the report "outlandish and unprofessional" on Monday.'),
        Example.good("Biden said, “We know the task is hard.\n\nBut we can meet it.\n\nAnd we "
                     "will,” he added.\n\nLater he left."),
        Example.good("Great news :) see you soon)))\n\nI'm sad :-( but fine (really)."),
        Example.good("Our couriers:\n\n1) Refer to the sign.\n\n2) SF Express"),
        Example.good("(Deutsche Welle) After the summit, talks began."),
        # WMT22 references (issue 13): one sentence per line splits a parenthetical in two
        Example.good("Ethics has two parts: normative ethics (which judges conduct.\n\n"
                     "It asks what people ought to do) and descriptive ethics."),
        Example.bad("The plan (a draft ran long.\n\nIt was approved on Monday.\n\nHe left).",
                    flagged=["(", ")"]),
        Example.bad("“We came to Beijing, he said.\n\nHe called it “a start” on Monday.",
                    flagged=["“"]),
        # AG News (old feeds): two apostrophes close a quote; a straight quote after a figure
        # is an inch mark; a one-paragraph excerpt cut mid-sentence or inside a ticker
        Example.good("The studio that made the \"Shrek'' films said Hahn would step down."),
        Example.good("Makers will soon offer players with small 1\" hard drives."),
        Example.good("The agency said the explosives \"could have fallen into the wrong"),
        Example.good("Sales rose, the company said. \"We are pleased with the quarter ..."),
        Example.good("It suspended aircraft deliveries to US Airways (UAIR."),
        Example.good("We''ll see, he said."),
        # a story of several paragraphs whose last one lost its stop and its closing mark
        Example.bad("Talks ended on Monday.\n\nHe said, “We will meet again in May",
                    flagged=["“"]),
        Example.bad("He said ''We will go.\n\nLater he left.", flagged=["''"]),
        # a description (a story's first paragraph) whose quote goes on, AP style, in the
        # paragraph it does not show; one attributed inside itself lost its closing mark
        Example.good("Coach Smith said to himself, \"we might not be able to play with this "
                     "team."),
        Example.bad("Rain fell. “The roads will close tonight, said the mayor on Friday.",
                    flagged=["“"]),
        # an inner quote in a paragraph that reopens an AP quote is a pair of its own
        Example.good('"We will go on," he said. "And we will win.\n\n"Nobody can stop the '
                     '"reform" plan," he added.\n\nHe left.'),
        # Reuters: a straight quote inside a straight quote, and one glued to the stop before
        Example.good("Sales rose.\n\n\"The price would have to rise to make \"C\" sugar "
                     "worthwhile,\" the spokesman said.\n\nPrices fell."),
        Example.good("He spoke to the magazine.\"I view the move calmly,\" he said.\n\nHe left."),
        # an editor's note in brackets quotes a term inside a quote open since the paragraph
        # before (WMT22 references)
        Example.good('"Data suggest the vaccine works less well.\n\nIt is assumed that it '
                     '("disease severity" — Ed.) may be milder," the report said.'),
        Example.bad('He called it (a "fair deal) on Monday.', flagged=['"']),
        # a quote left open two paragraphs back: the flag goes to it, not to a later pair
        Example.bad("\"I see no reason to change the estimates, said an analyst.\n\nHe gave "
                    "no figure.\n\nHe added: \"What it did was distort the pattern,\" he said.",
                    flagged=['"']),
    )

    def check(self, doc, ctx):
        text = doc.text
        for at, what in unmatched_marks(doc):
            yield self.finding(at, at + (2 if text.startswith("''", at) else 1), what=what)
