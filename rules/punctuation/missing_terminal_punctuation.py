"""WF401 missing-terminal-punctuation."""
from __future__ import annotations

from operator import itemgetter

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.language import abbreviation_kind
# lazy_re: _ASCII_WORD is _WORD on ASCII text, in the stdlib engine, which is faster
# there; a non-ASCII text uses _WORD.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import (CONJUNCTIONS, DETERMINERS, LEXICON, PREPOSITIONS,
                                            RELATIVE_PRONOUNS)
from wirefix.rules.base import Example, LooksFor, Rule
from wirefix.rules.whitespace._layout import is_tabular, opens_with_dateline

# Words a sentence cannot end on: the paragraph was cut off, not just left without its stop.
_CANNOT_END = PREPOSITIONS | CONJUNCTIONS | DETERMINERS | RELATIVE_PRONOUNS | \
    frozenset(LEXICON["open_endings"])
_CLAUSE_VERBS = frozenset(LEXICON["clause_verbs"])
# A sentence's end inside a paragraph: a headline or a title has none.
# Headlines run to a dozen words; a longer first phrase could be a lede that lost its stop.
HEADLINE_WORDS = 12
# A headline's credit: " - Xinhuanet", " – Xinhua News", " - Reuters" (a title line names its
# source after a dash; a sentence does not end that way).
_CREDIT_TAIL = lazy_regex(r"\s[-–—]\s*\p{Lu}[\p{L}\p{N}.]*(?:\s\p{Lu}[\p{L}\p{N}.]*){0,2}$", regex.V1)
_INNER_STOP = lazy_regex(r"[.!?][\"'’”)]*\s+[\"'‘“(]*\p{Lu}", regex.V1)
# Sign-offs and feed markers run on to the last line ("... said. Reuter", "More").
_FEED_MARKERS = frozenset({"reuter", "reuters", "more", "end", "ap", "afp", "upi", "mmmm"})

_WORD = lazy_regex(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'.-]*")
_CLAUSE_WORD = lazy_regex(r"[\p{L}’']+", regex.V1)
# The same on ASCII text, for the stdlib engine (twice as fast): there \p{L} is [A-Za-z],
# \p{N} is [0-9] and \p{M} and ’ do not occur.
_ASCII_WORD = lazy_re(r"[A-Za-z0-9][A-Za-z0-9'.-]*")
_LIST_ITEM = lazy_regex(r"(?:--|[-*•–—]|\p{N}{1,2}[.)]|\p{L}[.)])\s")
# A paragraph that announces a list ends with a colon, not a full stop.
_ANNOUNCES_LIST = lazy_regex(r"\b(?:following|as follows)\b", regex.IGNORECASE)
# "... dlrs. -- Corrects name of purchaser": an editor's note closing the paragraph.
_EDITORS_NOTE = lazy_regex(r"(?:^|[.!?]\s+)(?:--|—|–)[^.!?]*$")
# "... community.\n(corrects spelling of town in line five)": a feed's note on its own
# correction, in brackets after the story's last sentence, which takes no stop.
_CORRECTION_NOTE = lazy_regex(
    r"(?:^|[.!?][\"”’]?\s+)\((?i:corrects?|corrected|correcting|adds|updates|recasts|changes|"
    r"fixes|repeats|refiles)\b(?![^()]*\b(?:is|are|was|were|will|would)\b)[^()]*\)$")
# (a note has no verb of its own besides the feed's: "(Changes in the share count are not
# expected)" is a sentence in brackets, and takes its stop)
_LAST_WORD = lazy_regex(r"([\p{L}\p{M}’'-]+)$")
# A form's field: a capitalised label of a word or two, a colon, and a value in lower case
# ("Color: as shown in the picture (...)"); a dateline with a colon ("NEW DELHI: Prime
# Minister ...") goes on in capitals.
_FIELD = lazy_regex(r"\p{Lu}\p{Ll}+(?: \p{L}+)?: (?=\p{Ll})", regex.V1)
_BRACKETED = lazy_regex(r"\([^()]*\)")
_BYLINE = lazy_regex(r"(?i:by|from|with|photo|video|editing|reporting|writing)\b")
_FIRST = itemgetter(0)
_CLOSERS = "”\"’')]»"
# The last characters of a paragraph that may count as ended in check() (a superset).
_ENDED = frozenset(".!?:…" + _CLOSERS)
# A web address at the end of a paragraph: a scheme, "www." or a domain with a path.
_URL_TAIL = lazy_re(r"(?i)(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)+/)\S*$")
# A comma, full stop or semicolon between words (not inside a figure such as 1,234.5).
_INNER_PUNCT = lazy_regex(r"[,.;](?=\s)")


def _may_lack_stop(text: str) -> bool:
    """Whether some line ends in a letter or a digit, closing marks and white space aside,
    and at least two lines end in a stop, a colon or a closing mark. A paragraph ends where
    one of its lines does: without the first kind of line every paragraph ends in
    punctuation and nothing can be flagged; without two of the second kind fewer than two
    paragraphs end properly, while check() wants 80% of at least two other paragraphs of
    running text to (most tables of figures stop here). A test of the bare text, so that
    such a story is never split into paragraphs for this rule."""
    open_line = False
    stops = 0
    for line in text.splitlines():  # splits wherever Document.lines does, and more often
        line = line.rstrip()
        if not line:
            continue
        if line[-1] in _ENDED:
            stops += 1
        if not open_line:
            core = line.rstrip(_CLOSERS)
            open_line = bool(core) and core[-1].isalnum()
        if open_line and stops >= 2:
            return True
    return False


def _words_finder(text: str):
    """``findall`` of _WORD, or of its stdlib twin when ``text`` is ASCII (then every slice
    of it is too)."""
    return _ASCII_WORD.findall if text.isascii() else _WORD.findall


def _known_word(doc, word: str) -> bool:
    """A whole word, not a fragment of one cut off with the rest of the paragraph: long, or
    used elsewhere in the story."""
    if len(word) >= 6:
        return True
    # once per word and story (many paragraphs ending in one word do not each read it all)
    return doc.memo_item("terminal_known_word", word, lambda: len(regex.findall(
        rf"(?<![\p{{L}}]){regex.escape(word)}(?![\p{{L}}])", doc.text, regex.IGNORECASE)) >= 2)


def _in_table(doc, paras, n: int) -> bool:
    """A paragraph in a column layout, or the heading line of a table right after it (the
    whitespace rules' layout analysis decides what a table is)."""
    p = paras[n]
    if any(is_tabular(doc, i) for i in range(p.first_line, p.last_line + 1)):
        return True
    return n + 1 < len(paras) and is_tabular(doc, paras[n + 1].first_line)


def _has_inner_stop(body: str) -> bool:
    """A sentence ends inside the paragraph (not at an abbreviation: "Dr. Pavlova spoke")."""
    for m in _INNER_STOP.finditer(body):
        if body[m.start()] != "." or abbreviation_kind(body, m.start()) is None:
            return True
    return False


def _ends_a_sentence(text: str, p) -> bool:
    return text[p.start:p.end].rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _ends_in_link(core: str) -> bool:
    """The paragraph's last word is a web address ("pic.example.com/x7Kq", "www.example.org",
    "https://..."): a full stop after it would become part of the link."""
    return _URL_TAIL.search(core) is not None


def _aside_end(body: str) -> int | None:
    """Where a full stop goes when the paragraph ends with a bracket closing an aside inside
    the sentence ("... on the road (my own idea)"): after the bracket, as English punctuates
    it. None when the stop goes before the closing marks: a bracket that holds a sentence of
    its own ("It was loud! (In fact it was fun)"), or any other closing mark."""
    if not body.endswith(")") or body[-2:-1] in _CLOSERS:
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] == ")":
            depth += 1
        elif body[i] == "(":
            depth -= 1
            if depth == 0:
                before = body[:i].rstrip().rstrip(_CLOSERS)
                return None if not before or before[-1] in ".!?…" else len(body)
    return None


def _has_clause(body: str) -> bool:
    """A common finite verb, or a word in -ed: the paragraph holds a clause, not a title."""
    for w in _CLAUSE_WORD.findall(body.lower()):
        if w in _CLAUSE_VERBS or (w.endswith("ed") and len(w) > 4) or w.endswith(("n’t", "n't")):
            return True
    return False


def _is_field(body: str) -> bool:
    """A form's field: a label of a word or two, a colon and a lower-case value with no
    clause outside its brackets ("Color: as shown in the picture (colours may differ)").
    "Update: police said the suspect was arrested" is a sentence under a label."""
    m = _FIELD.match(body)
    return m is not None and not _has_inner_stop(body) and \
        not _has_clause(_BRACKETED.sub("", body[m.end():]))


def _is_running_text(words: list[str]) -> bool:
    """Prose, not a headline, a label or a line of figures: enough words, most of them lower
    case, and few numbers ("Net loss 110.6 mln vs profit 4.1 mln" is a table row)."""
    if len(words) < 8 or " vs " in " ".join(words):
        return False
    initials = "".join(map(_FIRST, words))  # counted in C, not word by word
    numbers = sum(map(str.isdigit, initials))
    if numbers / len(words) > 0.2:
        return False
    lower = sum(map(str.islower, initials))
    return lower / len(words) >= 0.5


class MissingTerminalPunctuation(Rule):
    """A paragraph of running text that ends without a full stop.

    ## What it does
    Adds the missing full stop at the end of a paragraph of prose whose last sentence has no
    terminal punctuation (. ! ? or a closing quotation mark after one).

    ## Why it happens in wire copy
    Translation engines and scrapers drop the last character of a paragraph, and
    paragraph-splitting feeds cut a sentence's final stop off with the line break.

    ## Example
    "... as outlandish and unprofessional" at the end of a paragraph becomes "... as
    outlandish and unprofessional."

    ## Fix safety
    Safe when the paragraph is running text (at least eight words, mostly lower case, few
    figures, with a comma or a full stop inside) holding a clause (a common finite verb or
    a word in -ed: a product title has none); it ends in a lower-case whole word that can
    end a sentence (not a name, a stray letter, a preposition, article, auxiliary or
    quantifier, or a short fragment the story uses nowhere else, such as a word cut off with
    the rest of the line); its quotation marks are balanced; the story is not laid out like
    an old feed (paragraphs marked by indentation), where a paragraph may have lost its last
    line; it is the story's only paragraph without a stop (several are the writer's habit:
    reviews, chat); and the story's other paragraphs of running text (at least two) nearly
    all end with terminal punctuation: then the missing stop is an accident, not the
    story's style.
    Unsafe when it ends in a number, a capitalised word or a closing quotation mark, where
    it might be a caption, a label or a quote whose punctuation belongs elsewhere. A
    paragraph that stops on a word no sentence ends with (a preposition, an article, an
    auxiliary: "the growth of income has") lost its end: it is flagged, with no fix.
    Where the paragraph ends with a bracket around an aside inside the sentence ("... on
    the road (my own view)"), the stop goes after the bracket; where the bracket holds a
    sentence of its own, after the sentence's end ("It was loud! (In fact it was fun)"),
    inside it.

    ## Known false positives
    Sign-offs run on to the last line ("said. Reuter") and editors' notes ("-- corrects name",
    or in brackets after the last sentence: "(corrects spelling of town in line five)") are
    skipped. Headlines, datelines, bylines, separator lines ("___"), list items ("-", "--", "1."),
    the lead-in of a list ("... makes the following proposals"), tables, credits in brackets
    ("(Photo: Xinhua)"), lines ending with a colon, lines ending in a web address (a stop
    would join the link) and a form's fields ("Color: as shown in the picture (...)") are
    never flagged, nor is a story's first paragraph when it is one phrase without a
    sentence's end inside and no dateline opens it (a headline or a product title in
    sentence case: "In Brazil, as a result of downpours, seven people died"). Under a
    dateline, or in an old feed that marks paragraphs by indentation (and carries the
    headline in a field of its own), the first phrase is the lede, and a stop is only
    suggested; a story in blank-line paragraphs with no dateline whose lede lost its stop is
    missed.
    """

    code = "WF401"
    name = "missing-terminal-punctuation"
    family = "punctuation"
    applicability = Applicability.SAFE
    message = "The paragraph ends without a full stop"
    fix_title = "Add a full stop"
    # a line that ends in a letter or a digit, closing marks and white space aside (any
    # character beyond ASCII stands for the letters and the curly closing marks)
    looks_for = LooksFor(patterns=[r"[0-9A-Za-z\u0080-\U0010ffff][\")'\]]*[\s\x1c-\x1f]*(?:\r|\n|\Z)"])
    examples = (
        Example.bad("A spokesperson repeated the accusations made on Monday, the ministry said."
                    "\n\nChina rejected a report by a US security firm, which blamed hackers, as "
                    "outlandish and unprofessional\n\nThe talks, the first in years, went on "
                    "until late on Sunday evening.\n",
                    flagged=[""],
                    fixed="A spokesperson repeated the accusations made on Monday, the ministry said."
                          "\n\nChina rejected a report by a US security firm, which blamed hackers, as "
                          "outlandish and unprofessional.\n\nThe talks, the first in years, went on "
                          "until late on Sunday evening.\n"),
        # a long first phrase is the lede when a dateline opens it, else the headline
        Example.bad("SEOUL, South Korea (AP) — The central bank raised its key rate on Thursday, "
                    "the first rise in a year, as prices climb\n\nThe bank said prices, which "
                    "rose in May, would keep rising.\n\nAnalysts, polled last week, had expected "
                    "the move.\n",
                    flagged=[""],
                    fixed="SEOUL, South Korea (AP) — The central bank raised its key rate on Thursday, "
                          "the first rise in a year, as prices climb.\n\nThe bank said prices, which "
                          "rose in May, would keep rising.\n\nAnalysts, polled last week, had expected "
                          "the move.\n"),
        Example.good("Doctors in the south: although it spreads faster, most patients infected by "
                     "the new variant are mild cases\n\nDoctors and experts in the south say most "
                     "patients infected by the variant are mild cases, the ministry said.\n\nThe "
                     "data, gathered over two weeks, were published on Monday.\n"),
        Example.good("COVID-19 cases rose on Thursday in the capital, the first rise in a year, "
                     "as schools reopen\n\nThe ministry said cases, which fell in May, would "
                     "rise again.\n\nDoctors, asked last week, had expected the rise.\n"),
        Example.bad("NEW DELHI: The central bank raised its key rate on Thursday, the first rise "
                    "in a year, as prices climb\n\nThe bank said prices, which rose in May, "
                    "would keep rising.\n\nAnalysts, polled last week, had expected the move.\n",
                    flagged=[""],
                    fixed="NEW DELHI: The central bank raised its key rate on Thursday, the first "
                          "rise in a year, as prices climb.\n\nThe bank said prices, which rose "
                          "in May, would keep rising.\n\nAnalysts, polled last week, had "
                          "expected the move.\n"),
        # a label before a sentence is no form's field
        Example.bad("The bank said prices, which rose in May, would keep rising.\n\nUpdate: "
                    "police said the suspect, a man in his 30s, was arrested on Friday night"
                    "\n\nAnalysts, polled last week, had expected the move.\n\nThe bank, "
                    "founded in 1950, is state-owned.\n",
                    flagged=[""],
                    fixed="The bank said prices, which rose in May, would keep rising.\n\nUpdate: "
                          "police said the suspect, a man in his 30s, was arrested on Friday "
                          "night.\n\nAnalysts, polled last week, had expected the move.\n\nThe "
                          "bank, founded in 1950, is state-owned.\n"),
        # Reuters: a note on the feed's own correction, in brackets under the last sentence
        Example.good("    The deal was approved by the four\ntop officers of the company.\n    Under "
                     "the terms of the proposed merger, each share\nof common stock will be "
                     "converted into six dlrs a share, it\nsaid.\n    The officers hold about 73 "
                     "pct of the total 896,000\ncommon shares outstanding, it said.\n(corrects "
                     "company name, GGHF, in first paragraph)\n REUTER\n&#3;"),
        Example.good("These are vintage clothes, the seller said, and each one is unique.\n\n"
                     "Color: as shown in the picture (colours differ a little in photos, so please "
                     "ask us, the seller said, before you order)\n\nSmall flaws, she said, are to "
                     "be expected.\n\nReturns, she said, are accepted within a week.\n"),
        Example.good("1985 operating profit includes gains of 1.8 mln dlrs, or 17 cts a share\n\n"
                     "Operating net excludes a loss of 647,000 dlrs, or three cts a share\n\n"
                     "The company said, in a statement, that results were final."),
        Example.bad("The figures came out on Monday, a week late, the ministry said.\n\n"
                    "The ministry said output rose, in line with forecasts, to 4.5 million\n\n"
                    "Officials said the figures, released on Monday, were final.\n\n"
                    "The report said the growth, which surprised analysts, would go on.",
                    flagged=[""],
                    fixed="The figures came out on Monday, a week late, the ministry said.\n\n"
                          "The ministry said output rose, in line with forecasts, to 4.5 million.\n\n"
                          "Officials said the figures, released on Monday, were final.\n\n"
                          "The report said the growth, which surprised analysts, would go on."),
        Example.good("Blinken Opens Talks in Beijing as Tensions Run High\n\nThe talks began."),
        Example.good("Students of the vocational college, trained for the trade, are hired "
                     "before they graduate, the city said - Xinhuanet\n\n"
                     "The city's education board said on Monday that hiring began early.\n"),
        # WMT22 output (issue 13): a headline in sentence case, a product title, a photo
        # credit, a paragraph cut off on "has", and a review whose writer drops stops
        Example.good("Dr. Pavlova spoke about the weekend migraine of workaholics\n\n"
                     "In Russia, doctors named the causes of the weekend migraine\n\n"
                     "Several factors, she said, can make people feel worse at weekends.\n\n"
                     "Stress, the doctor said, is the first of them.\n"),
        Example.good("In Brazil, as a result of downpours, seven people died last week\n\n"
                     "At least seven people died and 175 were injured, officials said.\n\n"
                     "The rains, the worst in years, flooded towns, the agency said.\n"),
        Example.good("The house comes in pink, the maker said, and ships this month.\n\n"
                     "Pony house with accessories, 6 pcs in display, pink and white\n\n"
                     "A charming pony lives in a cozy, pink folding house, it said.\n\n"
                     "(Photo by Lin Wei, courtesy of the maker, in Beijing, on a Monday)\n\n"
                     "The results, the ministry said, were better than expected.\n"),
        Example.bad("The scale of employment grew, the ministry said on Monday.\n\n"
                    "The number of new jobs rose, and the growth of residents' income has\n\n"
                    "The results, the ministry said, were better than expected.\n",
                    flagged=[""]),
        # WMT22 references (issue 13): an aside in brackets at the sentence's end takes the
        # stop after the bracket, and a line that ends in a link takes none
        Example.bad("The car is loud, the owner said, and everyone looks at it.\n\n"
                    "The owner feels lonely, since nobody else drives one (my own view, ha)\n\n"
                    "Parking, he said, is the hardest part of the day.\n",
                    flagged=[""],
                    fixed="The car is loud, the owner said, and everyone looks at it.\n\n"
                          "The owner feels lonely, since nobody else drives one (my own view, ha).\n\n"
                          "Parking, he said, is the hardest part of the day.\n"),
        Example.bad("The car is loud, the owner said, and everyone looks at it!\n\n"
                    "It draws every eye on the street! (In fact, he said, it is fun)\n\n"
                    "Parking, he said, is the hardest part of the day.\n",
                    flagged=[""],
                    fixed="The car is loud, the owner said, and everyone looks at it!\n\n"
                          "It draws every eye on the street! (In fact, he said, it is fun.)\n\n"
                          "Parking, he said, is the hardest part of the day.\n"),
        Example.good("The group, founded in 1989, helps the families, its head said.\n\n"
                     "(Chart: the group's site, which the founder runs.) pic.example.com/Ab3xQ9\n\n"
                     "The money, she said, did not always reach them.\n\n"
                     "In 1994, a new team, led by a teacher, took over the work.\n"),
        Example.good("___\n\nAssociated Press writer Seung Min Kim in Washington contributed to this report."),
        Example.good("The officials listed three demands for the talks to go ahead:\n- a ceasefire"),
        Example.good("- the release of detained citizens and an end to the export of precursors"),
        Example.good("Shr 22 cts vs 19 cts\nNet 1,234,000 vs 987,000"),
        Example.good("    Shr loss 6.52 dlrs vs profit 3.87 dlrs\n    net loss 111.2 mln vs profit 64.2 mln"),
        Example.good("    Average CD rates of city, trust and long-term banks\n    Less than 60 days  4.33 pct"),
        Example.good("He said the talks were over and there was nothing left to discuss at all!"),
        Example.good("By Seung Min Kim and Huizhong Wu of the Associated Press in Washington and Taipei"),
        Example.good("The plan, without the lessors consent, would allow the lessor\n to buy the "
                     "plant, he said.\n\nThe talks, the first in years, went on.\n\nIt was, he said, late."),
        Example.good("It will be represented in Canada by Gilbey Canada Inc, the firm said. reuter\n\n"
                     "The talks, the first in years, went on.\n\nThe unit, sold in May, was small."),
    )

    def check(self, doc, ctx):
        text = doc.text
        if not _may_lack_stop(text):   # (a test of the bare text: no paragraphs built)
            return
        paras = doc.paragraphs
        # Old feeds that mark paragraphs by indentation also drop whole lines, so a paragraph
        # without its stop there may have lost its end: only a suggestion. They carry the
        # headline in a field of its own, so their first paragraph is the lede.
        old_feed = sum(1 for p in paras[1:] if text[doc.lines[p.first_line].start] in " \t") > len(paras[1:]) / 2
        candidates = list(self._candidates(doc, paras, old_feed))
        if not candidates:
            return
        # The story's own habit decides: flag only where the other paragraphs of running text
        # end properly. Financial notes and telegraphic briefs drop the stop on purpose.
        words_of = _words_finder(text)
        prose = [p for p in paras if _is_running_text(words_of(text[p.start:p.end]))]
        ended = sum(1 for p in prose if text[p.end - 1] in ".!?:…" or
                    (text[p.end - 1] in _CLOSERS and text[p.start:p.end].rstrip(_CLOSERS)[-1:] in ".!?,"))
        others = len(prose) - len(candidates)
        # (so at least two paragraphs must end properly: _may_lack_stop counts on it)
        if others < 2 or ended < 0.8 * others:
            return
        # One paragraph without its stop is an accident; several are the writer's habit
        # (reviews, chat, social posts: issue 13's WMT22 output), where a stop is only offered.
        habit = len(candidates) > 1
        for at, safe, cut in candidates:
            if cut:
                # "... and the growth of income has": no full stop mends a cut-off sentence
                yield self.finding(at, at, (), applicability=Applicability.DISPLAY,
                                   message=f"The paragraph stops on “{cut}”, which leaves the "
                                           "sentence open: its end may have been lost",
                                   fix_title="Restore the end from the source")
                continue
            safe = safe and not old_feed and not habit
            yield self.finding(at, at, ["."],
                               applicability=Applicability.SAFE if safe else Applicability.UNSAFE)

    @staticmethod
    def _certain(doc, p, word: str) -> bool:
        """Safe only when a lower-case, whole word ends the paragraph (no name, label,
        stray letter or cut-off fragment), the word can end a sentence, and the paragraph's
        quotation marks are balanced (an open quote means the ending may be mangled)."""
        if len(word) < 2 or not word.islower():
            return False
        body = doc.text[p.start:p.end]
        if body.count('"') % 2 or body.count("“") != body.count("”"):
            return False
        return _known_word(doc, word)

    def _candidates(self, doc, paras, old_feed: bool):
        # The tests run cheapest first: most paragraphs end in a stop, and of those that do
        # not, nearly all are headlines, datelines or table rows that are not running text,
        # so that test comes before the rarer exclusions (lists, bylines).
        # The layout analysis (_in_table), the costliest test, runs last.
        text = doc.text
        words_of = _words_finder(text)
        for n, p in enumerate(paras):
            body = text[p.start:p.end]
            last = body[-1]
            if not (last.isalnum() or last in _CLOSERS):
                continue
            core = body.rstrip(_CLOSERS)
            if not core or not core[-1].isalnum():
                continue  # '... ended.”' or 'said:'
            if n + 1 < len(paras) and text[paras[n + 1].start].islower():
                continue  # the next "paragraph" is this sentence's own wrapped line
            if not _is_running_text(words_of(body)) or not _INNER_PUNCT.search(body[:-1]):
                continue
            if _LIST_ITEM.match(body) or _BYLINE.match(body):
                continue
            # the story's first phrase, or a second one right under it (a deck): a headline
            headline_like = n + 1 < len(paras) and n <= 1 and not _has_inner_stop(body) and \
                (n == 0 or not _ends_a_sentence(text, paras[0]) and not _has_inner_stop(
                    text[paras[0].start:paras[0].end]))
            if headline_like and (len(body.split()) <= HEADLINE_WORDS or _CREDIT_TAIL.search(body)
                                  or (n == 0 and not old_feed and not opens_with_dateline(body))):
                continue  # a headline or a product title: the story's first line, one phrase
            if _is_field(body):
                continue  # a form's field ("Color: as shown ..."), not a sentence
            if body[0] in "([" and body[-1] in ")]":
                continue  # a credit or a note in brackets: "(Photo: Xinhua)"
            if _ANNOUNCES_LIST.search(body):
                continue
            if n + 1 < len(paras) and _LIST_ITEM.match(text, paras[n + 1].start):
                continue  # the lead-in of a list
            last = _LAST_WORD.search(core)
            word = last.group(1) if last else ""
            if word.lower() in _FEED_MARKERS or _EDITORS_NOTE.search(core) \
                    or _CORRECTION_NOTE.search(body):
                continue  # a sign-off or an editor's note ("-- corrects name of purchaser")
            if _in_table(doc, paras, n):
                continue
            if not _has_clause(body):
                continue  # "Pony house with accessories, 6 pcs in display": a product title
            if _ends_in_link(core):
                continue  # "... (Photo: ...) pic.example.com/x7Kq": a stop would join the link
            aside = _aside_end(body)
            at = p.start + (len(core) if aside is None else aside)
            cut = word if word.lower() in _CANNOT_END and core == body else ""
            # a longer first phrase under a dateline is the lede; a deck under a headline may
            # be a sentence or a second headline: only suggested
            yield at, core == body and not headline_like and self._certain(doc, p, word), cut
