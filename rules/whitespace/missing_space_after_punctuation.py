"""WF209 missing-space-after-punctuation."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.evidence import english_zipf
from wirefix.rules.base import Example, LooksFor, Rule

from wirefix.rules.translation._text import DOMAIN_ENDINGS, is_address, token_at

# A comma, semicolon, colon, full stop, question or exclamation mark squeezed between two
# letters: "a problem,I can't", "poled.Everything is normal".
_SQUEEZED = lazy_regex(r"(?<=\p{L})[,;:.!?](?=\p{L})")
_WORD_BEFORE = lazy_regex(r"[\p{L}\p{M}'’-]+$")
_WORD_AFTER = lazy_regex(r"[\p{L}\p{M}'’]+")
# Characters that make a token code, markup or an identifier, not prose.
_CODE_CHARS = frozenset("/\\@=_#<>{}|~`&$%^*+[]")
# Entities that lost their "&" ("quot;Hello"): feed damage, not a missing space.
_ENTITY_NAMES = frozenset({"quot", "amp", "lt", "gt", "apos", "nbsp"})


def _capitalised(word: str) -> bool:
    """"Everything", "Don't": a capital, then at least one small letter."""
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word[1:])


def _raw_token(text: str, at: int) -> str:
    """The whole run of non-space characters around ``text[at]``, quotes and brackets
    included (face="verdana,MS Sans Serif" is markup however it is cut)."""
    lo = at
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = at
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def _in_tag(text: str, at: int) -> bool:
    """Inside an HTML tag on its line: after a "<" (or "&lt;") with no ">" since."""
    line_start = text.rfind("\n", 0, at) + 1
    head = text[line_start:at]
    opened = max(head.rfind("<"), head.rfind("&lt;"))
    return opened >= 0 and max(head.rfind(">"), head.rfind("&gt;")) < opened


def _known(word: str) -> bool:
    """An English word or a name: in the word list, or capitalised."""
    return word[:1].isupper() or english_zipf(word.lower()) >= 1.0


def judge(text: str, at: int) -> Applicability | None:
    """How sure is a space after the mark at ``text[at]``: SAFE, UNSAFE, or None (not a
    missing space: a web address, e-mail, domain, file name, abbreviation, markup or code)."""
    mark = text[at]
    tok_start, tok_end = token_at(text, at)
    token = text[tok_start:tok_end]
    raw = _raw_token(text, at)
    if is_address(token) or any(ch in _CODE_CHARS for ch in token) or "::" in token:
        return None
    if any(x in raw for x in ('="', "='", "<", ">", "&lt;", "&gt;")) or len(_SQUEEZED.findall(raw)) > 1 \
            or _in_tag(text, at):
        return None  # markup, or a list squeezed without spaces: verdana,MS,arial,helvetica
    before = _WORD_BEFORE.search(text, tok_start, at)
    after = _WORD_AFTER.match(text, at + 1)
    if before is None or after is None:
        return None
    left, right = before.group(), after.group()
    bare_right = regex.sub(r"['’]s$", "", right)
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
        if left[0].islower() and _capitalised(right):
            return Applicability.SAFE   # "normal.All rested": a sentence ends
        return Applicability.UNSAFE     # "Downloader.Lunii", "St.Laurent": a name, perhaps
    if mark == ":" and (left.isupper() or right.isupper()):
        return None  # tickers and codes: HD:NYSE, Nd:YAG
    if len(right) == 1 and mark == ";" or (len(left) == 1 and len(right) == 1):
        return None if mark == ";" else Applicability.UNSAFE  # "Scientific;s", "x,y"
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
    "said.the" may be a file or a domain the story names, "Downloader.Lunii" a name, and
    "adjustm,ent" a slip of the keys inside one word. Never touched: web and e-mail addresses, domains
    ("Amazon.com", "kp.ru", "Gazeta.Ru"), file names, abbreviations ("U.S.", "e.g.",
    "a.m.", "Ph.D."), numbers, entities that lost their "&" ("quot;Hi") and anything with
    code characters (= / _ @ # &), markup (face="verdana,MS Sans Serif"), lists squeezed
    without spaces ("a,b,c"), and tickers and codes around a colon ("HD:NYSE", "Nd:YAG").

    ## Known false positives
    A brand written with a mark inside ("Yahoo!Finance") and a domain with an uncommon
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
        Example.bad("He said.the talks ended", flagged=[""], fixed="He said. the talks ended"),
        Example.good("Shares of Amazon.com rose, the U.S. said at 10 a.m. on Monday, e.g. today."),
        Example.good("As the site kp.ru wrote, Gazeta.Ru and URA.RU agreed."),
        Example.good("Xinhua English.news.cn reported it."),
        Example.good("Write to press@example.org or see https://example.org/a,b?x=1."),
        Example.good("Open report.pdf and N.I. Pirogov's Ph.D. thesis."),
        Example.good("It cost 1,500 yuan, or 2.5 times more, at 10:30."),
        Example.good("Players said quot;Hello quot; to fans."),
        Example.good('&lt;FONT face="verdana,MS Sans Serif,arial,helvetica" size="-2"&gt;'),
        Example.good("Home Depot (HD:NYSE - news) rose; the Nd:YAG laser; Authorize.net's site."),
        Example.bad("after adjustm,ent for the split", flagged=[""],
                    fixed="after adjustm, ent for the split"),
        Example.bad("Codenamed Downloader.Lunii, it spread.", flagged=[""],
                    fixed="Codenamed Downloader. Lunii, it spread."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _SQUEEZED.finditer(text):
            applicability = judge(text, m.start())
            if applicability is None:
                continue
            yield self.finding(m.end(), m.end(), [" "], applicability=applicability,
                               mark=m.group())
