"""WF105 bare-entity."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._entities import cp1252_note, decode, is_symbol

# Named entities a feed commonly loses the "&" of; a longer list would start to match words.
BARE_NAMES = ("quot", "amp", "apos", "lt", "gt", "nbsp", "mdash", "ndash", "hellip",
              "lsquo", "rsquo", "ldquo", "rdquo", "laquo", "raquo")
# Names no English word ends with: they may follow a word directly ("offeredquot;", as AG
# News writes a closing quote after a word). "amp", "lt", "gt" end words ("champ;", "salt;").
GLUED_NAMES = ("quot", "apos", "nbsp", "mdash", "ndash", "hellip", "lsquo", "rsquo", "ldquo",
               "rdquo", "laquo", "raquo")
BARE = lazy_regex(
    r"(?<!&amp;|&#0*38;|&#[xX]0*26;)"
    r"(?:(?<![&#])#(?:(?P<num>[0-9]{2,5})|[xX](?P<hex>[0-9a-fA-F]{2,5}))"
    rf"|(?<![&\p{{L}}\p{{N}}_])(?P<name>{'|'.join(BARE_NAMES)})"
    rf"|(?<=\p{{L}})(?<!ali)(?P<glued>{'|'.join(GLUED_NAMES)}));",
    regex.V1,
)
APOSTROPHES = frozenset("'’‘")
DOUBLE_QUOTES = frozenset("\"“”")
# Letters after an apostrophe that make it part of a word: it's, isn't, they're, O'Neill.
_CLITIC = lazy_regex(r"(?:s|t|d|m|re|ve|ll)(?![\p{L}\p{N}])", regex.IGNORECASE | regex.V1)
_SPACE = " \t\u00a0"
# What every bare entity holds: the start of a numeric reference, or the end of a name
# (each name ends in one of these letters).
_MARKS = (r"#[0-9xX]", r"[tpsho];")
_MAY_HOLD = lazy_regex("|".join(_MARKS))


def lost_ampersand_space(text: str, start: int, end: int, char: str) -> bool:
    """Whether the space just before a bare entity is where its "&" was.

    Some feeds replace the "&" of an entity with a space ("isn #39;t" for "isn&#39;t").
    Two spaces before the entity always hold one such space. A single space does when the
    decoded character belongs to the word before it: an apostrophe inside or after a word
    ("isn't", "Yankees' fans", "O'Neill"), a closing quotation mark, or the "&" of "AT&T".
    """
    if start == 0 or text[start - 1] not in _SPACE:
        return False
    if start >= 2 and text[start - 2] in _SPACE:
        return True
    before = text[start - 2] if start >= 2 else ""
    after = text[end] if end < len(text) else ""
    if not before or before in "\r\n":
        return False
    glued_left = before.isalnum() or before in ".,;:!?)]'\"’”"
    if char in APOSTROPHES:
        if not glued_left:
            return False
        if after.isalpha():
            word_start = start - 1
            while word_start > 0 and text[word_start - 1].isalnum():
                word_start -= 1
            single_capital = start - 1 - word_start == 1 and text[word_start].isupper()
            return bool(_CLITIC.match(text, end)) or single_capital
        return not after.isalnum()          # closing quote or plural possessive
    if char in DOUBLE_QUOTES:
        return glued_left and not after.isalnum()
    if char == "&":
        return before.isupper() and after.isupper()
    return False


def _bare_entities(doc) -> list[tuple[int, int, str, str]]:
    """(start, end, entity, char) of every bare entity to decode, ``start`` taking in the
    space where the "&" was."""
    text = doc.text
    out = []
    for m in BARE.finditer(text):
        if m.group("num"):
            entity = "&#" + m.group("num") + ";"
        elif m.group("hex"):
            entity = "&#x" + m.group("hex") + ";"
        else:
            entity = "&" + (m.group("name") or m.group("glued")) + ";"
        char = decode(entity)
        if char is None or not is_symbol(char):
            continue
        start = m.start()
        if lost_ampersand_space(text, m.start(), m.end(), char):
            start -= 1
        out.append((start, m.end(), entity, char))
    return out


def bare_entities(doc) -> list[tuple[int, int, str, str]]:
    # the test of _MAY_HOLD is kept with the answer: space-run and bare-entity both ask, and
    # a Reuters story's "&#3;" at its very end makes the test read the whole story
    return doc.memo("encoding.bare-entities", _gated_bare_entities)


def _gated_bare_entities(doc) -> list[tuple[int, int, str, str]]:
    return _bare_entities(doc) if _may_hold(doc.text) else []


def _may_hold(text: str) -> bool:
    """``_MAY_HOLD.search(text)``, by the marks' own characters: a "#" and a digit or x
    after it, or a ";" and one of the names' last letters before it. Found with str.find
    (a story holds few of either), where the pattern read every character of a story
    whose only candidate is the "&#3;" at its end."""
    at = text.find("#")
    while at >= 0:
        if text[at + 1:at + 2] in _NUMBER_OPENERS:
            return True
        at = text.find("#", at + 1)
    at = text.find(";", 1)
    while at >= 0:
        if text[at - 1] in _NAME_ENDS:
            return True
        at = text.find(";", at + 1)
    return False


# _MARKS' characters: a digit or x after "#" (not the empty string: "#" at the very end),
# a last letter of an entity name before ";"
_NUMBER_OPENERS = frozenset("0123456789xX")
_NAME_ENDS = frozenset("tpsho")


def lost_ampersand_starts(doc) -> frozenset[int]:
    """Where a bare entity's lost "&" (a space) sits just before the entity."""
    text = doc.text
    return frozenset(s + 1 for s, e, entity, char in bare_entities(doc) if text[s] in _SPACE)


class BareEntity(Rule):
    """An entity that lost its "&": "#39;", "quot;", "#36;10 million".

    ## What it does
    Decodes the entities that a feed stripped of their ampersand. When the feed put a space
    where the "&" was ("isn #39;t", "said  quot;We"), that space goes too. Windows-1252 codes
    written as numbers ("#146;", "#151;") become the curly quote or dash they meant.

    ## Why it happens in wire copy
    A cleaning step that deletes or blanks "&" (to defuse HTML) runs after the text was
    escaped, leaving the rest of each entity behind. The AG News corpus has about 3,600 of
    them: "#39;" 2,789, "quot;" 595, "amp;" 105, "#36;" 71, "#151;" 43.

    ## Example
    "Microsoft #39;s profit" becomes "Microsoft's profit"; "the  #36;10 million prize"
    becomes "the $10 million prize"; "ex quot; se" becomes "ex\\" se".

    ## Fix safety
    Safe: only known entity names, and only numbers that stand for punctuation or symbols
    ("#100;" would be a letter and is left alone); a named form needs a non-letter before it,
    so "champ;" or "salt;" never match. Whether a single space before it was the lost "&"
    is decided from the character: apostrophes and closing quotes join the word before.

    ## Known false positives
    A list numbered with hash signs and semicolons ("items #36; and #38;") would be decoded.
    """

    code = "WF105"
    name = "bare-entity"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“{entity}” is an HTML entity that lost its “&”: “{char}”{detail}"
    fix_title = "Replace with “{char}”"
    looks_for = LooksFor(patterns=_MARKS)
    examples = (
        Example.bad("Microsoft #39;s profit", flagged=[" #39;"], fixed="Microsoft's profit"),
        Example.bad("the  #36;10 million Ansari X Prize", flagged=[" #36;"],
                    fixed="the $10 million Ansari X Prize"),
        Example.bad("he said  quot;We will win quot; on Monday",
                    flagged=[" quot;", " quot;"], fixed="he said \"We will win\" on Monday"),
        Example.bad("ROGER #39;S READY", flagged=[" #39;"], fixed="ROGER'S READY"),
        Example.bad("AT amp;T Wireless", flagged=[" amp;"], fixed="AT&T Wireless"),
        Example.bad("Johnson  amp; Johnson", flagged=[" amp;"], fixed="Johnson & Johnson"),
        Example.bad("the Yankees #39; fans", flagged=[" #39;"], fixed="the Yankees' fans"),
        Example.bad("Bill O #39;Reilly", flagged=[" #39;"], fixed="Bill O'Reilly"),
        Example.bad("the minister #146;s visit  #151; brief", flagged=[" #146;", " #151;"],
                    fixed="the minister’s visit — brief"),
        Example.bad("quot;Hello, quot; she said.", flagged=["quot;", " quot;"],
                    fixed="\"Hello,\" she said."),
        # AG News row 3925: two apostrophes typed for a closing quote, each with its lost "&"
        Example.bad("join Moammar Gadhafi for a  quot;mini-summit #39; #39; Sunday",
                    flagged=[" quot;", " #39;", " #39;"],
                    fixed="join Moammar Gadhafi for a \"mini-summit'' Sunday"),
        # a closing quote glued to the word, and an apostrophe after a figure (AG News)
        Example.bad("would buy it if offeredquot; the wheat, and 70 SS-20#39;s", flagged=["quot;", "#39;"],
                    fixed="would buy it if offered\" the wheat, and 70 SS-20's"),
        Example.good("The champ; the lamp; salt; a belt; items 1; 2; an aliquot; a stamp;"),
        Example.good("Seed #100; and Room #12"),
        Example.good("Tate &amp; Lyle and &#39; are whole entities"),
        Example.good("Turner &amp;#39; s"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for start, end, entity, char in bare_entities(doc):
            if waits_for_unwrap(doc, ctx, start, end):
                continue
            yield self.finding(start, end, [char], entity=text[start:end].lstrip(), char=char,
                               detail=cp1252_note(entity))
