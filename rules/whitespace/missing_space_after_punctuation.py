"""WF209 missing-space-after-punctuation."""
from __future__ import annotations

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import line_around
from wirefix.rules._shared.evidence import english_zipf
from wirefix.rules.base import Example, LooksFor, Rule

from wirefix.rules.translation._text import DOMAIN_ENDINGS, TOKEN_RUN, is_address

# A comma, semicolon, colon, full stop, question or exclamation mark squeezed between two
# letters: "a problem,I can't", "poled.Everything is normal".
_SQUEEZED = lazy_regex(r"(?<=\p{L})[,;:.!?](?=\p{L})")
_WORD_BEFORE = lazy_regex(r"[\p{L}\p{M}'’-]+$")
_WORD_AFTER = lazy_regex(r"[\p{L}\p{M}'’]+")
_POSSESSIVE_END = lazy_regex(r"['’]s$")
# stdlib: its \s is str.isspace (the regex module does not count U+001C..U+001F)
_NON_SPACE_RUN = lazy_re(r"\S+")
# Characters that make a token code, markup or an identifier, not prose.
_CODE_CHARS = frozenset("/\\@=_#<>{}|~`&$%^*+[]")
# Entities that lost their "&" ("quot;Hello"): feed damage, not a missing space.
_ENTITY_NAMES = frozenset({"quot", "amp", "lt", "gt", "apos", "nbsp"})


def _capitalised(word: str) -> bool:
    """"Everything", "Don't": a capital, then at least one small letter."""
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


def _in_tag(text: str, at: int) -> bool:
    """Inside an HTML tag on its line: after a "<" (or "&lt;") with no ">" since (looked
    for at most TAG_REACH characters back: a tag is shorter)."""
    line_start = line_around(text, at, at, TAG_REACH)[0]
    head = text[line_start:at]
    opened = max(head.rfind("<"), head.rfind("&lt;"))
    return opened >= 0 and max(head.rfind(">"), head.rfind("&gt;")) < opened


WORD_REACH = 100
TAG_REACH = 1000


class _Tokens:
    """The runs of non-space characters around the story's marks: each mark is judged with
    the run around it (without brackets and quotes, and whole), and what a run says about
    itself (an address, code, markup) is decided once per run, not once per mark in it.

    A run is found where a mark asks for it, not for the whole story up front: most stories
    have a mark or two ("U.S"), and splitting all of one into runs was the rule's main cost.
    The marks come in order, so the last run found is kept, and a long run holding many
    marks is read once (the rule stays linear)."""

    def __init__(self, text: str):
        self.text = text
        self._token = (0, 0)
        self._raw = (0, 0)
        self._verdicts: dict[tuple[int, int], bool] = {}
        self._raw_verdicts: dict[tuple[int, int], bool] = {}

    def around(self, at: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """The run of TOKEN_RUN's characters and the run of visible characters that hold
        ``at`` (each the match of its pattern that holds it; ``(at, at + 1)`` if none)."""
        token, raw = self._token, self._raw
        if not token[0] <= at < token[1]:
            token = self._token = _run_around(self.text, at, TOKEN_RUN, _TOKEN_STOPS)
        if not raw[0] <= at < raw[1]:
            raw = self._raw = _run_around(self.text, at, _NON_SPACE_RUN, "")
        return token, raw

    def may_be_prose(self, tok_start: int, tok_end: int, raw: tuple[int, int]) -> bool:
        key = (tok_start, tok_end)
        verdict = self._verdicts.get(key)
        if verdict is None:
            token = self.text[tok_start:tok_end]
            verdict = self._verdicts[key] = not (
                is_address(token) or any(ch in _CODE_CHARS for ch in token) or "::" in token)
        return verdict and self._raw_may_be_prose(raw)

    def _raw_may_be_prose(self, raw: tuple[int, int]) -> bool:
        # decided once per visible run: a run without spaces can hold thousands of tokens
        # ("a.a(a.a(..."), and reading it again for each made the rule quadratic
        verdict = self._raw_verdicts.get(raw)
        if verdict is None:
            raw_text = self.text[raw[0]:raw[1]]
            verdict = self._raw_verdicts[raw] = not (
                any(x in raw_text for x in ('="', "='", "<", ">", "&lt;", "&gt;"))
                or len(_SQUEEZED.findall(raw_text)) > 1)
        return verdict


# The visible characters that end a TOKEN_RUN (its class is "neither white space nor these").
_TOKEN_STOPS = "\"“”«»()[]<>"


def _run_around(text: str, at: int, run, stops: str) -> tuple[int, int]:
    """The match of ``run`` (a pattern of one class of characters, repeated: every match is
    a longest run of them) that holds ``at``: back to the first character that is white
    space or one of ``stops`` (the characters outside the class), then ``run`` forward."""
    start = at
    while start > 0:
        c = text[start - 1]
        if c.isspace() or c in stops:
            break
        start -= 1
    m = run.match(text, start)
    if m is None or m.end() <= at:
        return (at, at + 1)
    return (m.start(), m.end())


def _known(word: str) -> bool:
    """An English word or a name: in the word list, or capitalised."""
    return word[:1].isupper() or english_zipf(word.lower()) >= 1.0


_LOWER_NEAR = lazy_regex(r"\p{Ll}")


def judge(text: str, at: int, spans: "_Tokens | None" = None) -> Applicability | None:
    """How sure is a space after the mark at ``text[at]``: SAFE, UNSAFE, or None (not a
    missing space: a web address, e-mail, domain, file name, abbreviation, markup or code).
    ``spans``: the story's tokens, when the caller judges many marks of one story."""
    mark = text[at]
    if spans is None:
        spans = _Tokens(text)
    (tok_start, tok_end), raw_span = spans.around(at)
    token = text[tok_start:tok_end]
    if not spans.may_be_prose(tok_start, tok_end, raw_span) or _in_tag(text, at):
        return None  # an address, code or markup, or a list squeezed without spaces
    # a word is shorter than WORD_REACH: a long run of marks and letters is not searched
    # from its start for every mark in it
    before = _WORD_BEFORE.search(text, max(tok_start, at - WORD_REACH), at)
    after = _WORD_AFTER.match(text, at + 1)
    if before is None or after is None:
        return None
    left, right = before.group(), after.group()
    bare_right = _POSSESSIVE_END.sub("", right)
    if left.lower() in _ENTITY_NAMES:
        return None
    if mark == ".":
        rest = text[after.end():tok_end]
        if len(left) == 1 or len(bare_right) == 1 or rest.startswith("."):
            return None  # U.S., e.g., a.m., N.I., Ph.D., www.x.y
        if token.count(".") > 1 and not token.endswith((".", ".”", '."')):
            return None  # English.news.cn, a.b.c
        if bare_right.lower() in DOMAIN_ENDINGS or right.isupper():
            return None  # Amazon.com, kp.ru, Gazeta.Ru, Authorize.net's, URA.RU
        if right[0].islower():
            # a sentence starts with a capital: "ver.di" (a union), "dot.com", "kp.ru" are
            # names and domains. Reuters, AG News and the WMT22 references and output
            # write no lower-case word after a full stop and a missing space (100 and
            # more of this shape, every one a name or a domain)
            return None
        if left[0].islower() and _capitalised(right):
            return Applicability.SAFE   # "normal.All rested": a sentence ends
        return Applicability.UNSAFE     # "Downloader.Lunii", "St.Laurent": a name, perhaps
    if mark == ":" and (left.isupper() or right.isupper()):
        return None  # tickers and codes: HD:NYSE, Nd:YAG
    if len(right) == 1 and mark == ";" or (len(left) == 1 and len(right) == 1):
        return None if mark == ";" else Applicability.UNSAFE  # "Scientific;s", "x,y"
    if mark in ",;" and left.isupper() and right.isupper() and right != "I":
        if len(left) == 1 or len(right) == 1:
            return None   # "RTS,S" (a vaccine), "A,B": a code
        if _LOWER_NEAR.search(text, max(0, at - 80), at + 80):
            return Applicability.UNSAFE   # "USA,UK" in mixed case: a list, or a name
        # (in copy set all in capitals, "NIL,CAMPO MOURAO" is two words as any others)
    if mark in ",;":
        # "adjustm,ent" is a slip of the keys inside a word, not a missing space
        return Applicability.SAFE if _known(left) and _known(right) else Applicability.UNSAFE
    # colon, question and exclamation marks: sure before a capital
    return Applicability.SAFE if _capitalised(right) or right == "I" else Applicability.UNSAFE


class MissingSpaceAfterPunctuation(Rule):
    """No space after a comma, full stop or other mark between two words: "a problem,I
    can't", "poled.Everything is normal".

    ## What it does
    Inserts the missing space after a comma, semicolon, colon, full stop, question or
    exclamation mark squeezed between two words.

    ## Why it happens in wire copy
    Translation engines join segments and drop the space at the join, above all after
    punctuation they turned from a CJK mark (which carries its own spacing) into an ASCII
    one. Feeds that strip line breaks do the same at the end of a line.

    ## Example
    "They're flying to hot countries,but I don't want to fly away" becomes "…countries, but
    I don't…"; "Everything is normal.All rested" becomes "Everything is normal. All rested".

    ## Fix safety
    Safe after a comma or semicolon between two words of the word list (wordfreq) or
    names, after a full stop between a word in lower case and a capitalised one, and after
    a colon, question or exclamation mark before a capitalised word. Unsafe otherwise:
    "Downloader.Lunii" may be a name, and "adjustm,ent" a slip of the keys inside one
    word. Never touched: a full stop before a word in lower case (a sentence starts with a
    capital: "ver.di", a German union, and "dot.com" are names), web and e-mail addresses, domains
    ("Amazon.com", "kp.ru", "Gazeta.Ru"), file names, abbreviations ("U.S.", "e.g.",
    "a.m.", "Ph.D."), numbers, entities that lost their "&" ("quot;Hi") and anything with
    code characters (= / _ @ # &), markup (face="verdana,MS Sans Serif"), lists squeezed
    without spaces ("a,b,c"), codes with a comma ("RTS,S", a malaria vaccine) and tickers
    and codes around a colon ("HD:NYSE", "Nd:YAG"). Between two words in capitals
    ("USA,UK") the space is unsafe, the pair may be a name, unless the copy around is
    set all in capitals ("PONTA GROSSA NIL,CAMPO MOURAO NIL").

    ## Known false positives
    A sentence joined to the next one in lower case ("he said.the talks") is missed: human
    and MT copy write none. A brand written with a mark inside ("Yahoo!Finance") and a domain with an uncommon
    ending before a capital ("Example.Travel") get a space.
    """

    code = "WF209"
    name = "missing-space-after-punctuation"
    family = "whitespace"
    applicability = Applicability.SAFE
    message = "no space after “{mark}” between two words"
    fix_title = "Add a space after “{mark}”"
    # a mark between two letters (any character beyond ASCII stands for a letter)
    looks_for = LooksFor(patterns=[r"[A-Za-z\u0080-\U0010ffff][,;:.!?][A-Za-z\u0080-\U0010ffff]"])
    examples = (
        Example.bad("They fly to hot countries,but I stay.", flagged=[""],
                    fixed="They fly to hot countries, but I stay."),
        Example.bad("Everything is normal.All rested.", flagged=[""],
                    fixed="Everything is normal. All rested."),
        Example.bad("Do I need to order again?Don't pay twice.", flagged=[""],
                    fixed="Do I need to order again? Don't pay twice."),
        Example.bad("Color classification:Droplet chip", flagged=[""],
                    fixed="Color classification: Droplet chip"),
        Example.good("A steward for the ver.di union said the dot.com boom was over."),
        Example.good("Shares of Amazon.com rose, the U.S. said at 10 a.m. on Monday, e.g. today."),
        Example.good("As the site kp.ru wrote, Gazeta.Ru and URA.RU agreed."),
        Example.good("Xinhua English.news.cn reported it."),
        Example.good("Write to press@example.org or see https://example.org/a,b?x=1."),
        Example.good("Open report.pdf and N.I. Pirogov's Ph.D. thesis."),
        Example.good("It cost 1,500 yuan, or 2.5 times more, at 10:30."),
        Example.good("Players said quot;Hello quot; to fans."),
        Example.good("The malaria vaccine RTS,S was piloted in 2019."),
        Example.bad("PONTA GROSSA NIL,CAMPO MOURAO NIL.", flagged=[""],
                    fixed="PONTA GROSSA NIL, CAMPO MOURAO NIL."),
        Example.bad("Trade between the USA,UK and Japan", flagged=[""],
                    fixed="Trade between the USA, UK and Japan"),
        Example.good('&lt;FONT face="verdana,MS Sans Serif,arial,helvetica" size="-2"&gt;'),
        Example.good("Home Depot (HD:NYSE - news) rose; the Nd:YAG laser; Authorize.net's site."),
        Example.bad("after adjustm,ent for the split", flagged=[""],
                    fixed="after adjustm, ent for the split"),
        Example.bad("Codenamed Downloader.Lunii, it spread.", flagged=[""],
                    fixed="Codenamed Downloader. Lunii, it spread."),
    )

    def check(self, doc, ctx):
        text = doc.text
        spans = None
        for m in _SQUEEZED.finditer(text):
            if spans is None:
                spans = _Tokens(text)
            applicability = judge(text, m.start(), spans)
            if applicability is None:
                continue
            yield self.finding(m.end(), m.end(), [" "], applicability=applicability,
                               mark=m.group())
