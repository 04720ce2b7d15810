"""Scanners that count the sites of each machine-translation artefact kind of issue #13.

They are written apart from the rules, as plain definitions of each artefact (a site is a
place an editor would have to change), so that bench/mt_artefacts.py and
tests/test_mt_artefacts.py can measure how many of them the rules find and repair. Each
scanner takes a story and returns the spans of its sites. They read no rule code.
"""
from __future__ import annotations

import unicodedata
from collections import Counter

import regex

# -- untranslated text -------------------------------------------------------------------------
_NON_LATIN_LETTER = r"[\p{L}--\p{Latin}--\p{Common}--\p{Inherited}--\u4e28]"
_FOREIGN_RUN = regex.compile(rf"{_NON_LATIN_LETTER}+(?:[ \p{{P}}\p{{N}}]*?{_NON_LATIN_LETTER}+)*",
                             regex.V1)
_SPACE_TOKEN = regex.compile(r"\S+")


def _token(text: str, at: int) -> str:
    lo = text.rfind(" ", 0, at) + 1
    lo = max(lo, text.rfind("\n", 0, at) + 1)
    m = _SPACE_TOKEN.match(text, lo)
    return m.group() if m else ""


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


def untranslated_text(text: str) -> list[tuple[int, int]]:
    """Runs of letters of another script in English copy. Not sites: web addresses (a
    token with "://", "www." or a dot-separated domain), a Cyrillic or Greek letter joined to
    Latin letters or digits (a look-alike), a lone Greek letter (a symbol), a run that is the
    whole content of brackets or quotation marks (a gloss or a quoted name), a face made of
    symbols, and stories mostly in another script."""
    letters = sum(ch.isalpha() for ch in text)
    runs = list(_FOREIGN_RUN.finditer(text))
    if sum(len(m.group()) for m in runs) * 2 > letters:
        return []
    out = []
    for m in runs:
        s, e = m.span()
        tok = _token(text, s)
        if "://" in tok or tok.startswith("www.") or regex.search(r"\.\p{L}{2,3}/?$", tok):
            continue
        script = _script(m.group()[0])
        b = text[s - 1] if s else " "
        a = text[e] if e < len(text) else " "
        if script in ("CYRILLIC", "GREEK") and (b.isalnum() or a.isalnum() or b == "°"):
            continue
        if script == "GREEK" and e - s == 1:
            continue
        if b in "(（[“\"«「《【" and a in ")）]”\"»」》】":
            continue
        if e - s <= 2 and sum(not c.isalnum() and not c.isspace() for c in tok) >= 3:
            continue  # a face: (ツ), (ノ°Д°)
        out.append((s, e))
    return out


# -- CJK and fullwidth punctuation ---------------------------------------------------------------
_WIDE_MARK = regex.compile(r"[\u3000-\u303f\u30fb\uff01-\uff65\uffe0-\uffee\u4e28]")
_CJK_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def cjk_punctuation(text: str) -> list[tuple[int, int]]:
    """Wide punctuation, fullwidth letters and digits, the ideographic space and the "丨"
    separator, where neither neighbouring character (past spaces) is a CJK letter: inside
    CJK text they are right. Faces made of symbols ("＼(^o^)／") are not sites."""
    out = []
    for m in _WIDE_MARK.finditer(text):
        s = m.start()
        i, j = s, s + 1
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        while j < len(text) and text[j] in " \t":
            j += 1
        b = text[i - 1] if i else ""
        a = text[j] if j < len(text) else ""
        if (b and _CJK_LETTER.match(b)) or (a and _CJK_LETTER.match(a)):
            continue
        if "^" in _token(text, s) or "＾" in _token(text, s):
            continue
        out.append((s, s + 1))
    return _merge(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching spans as one site: "ＬＯＵＤ" is one piece of damage, not four."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


# -- look-alike letters ---------------------------------------------------------------------------
_MIXED_WORD = regex.compile(r"°?[\p{L}\p{N}]+")


def look_alike_letters(text: str) -> list[tuple[int, int]]:
    """Words that hold Cyrillic or Greek letters and also Latin letters or digits (or a
    degree sign before a Cyrillic letter: "50°С")."""
    out = []
    for m in _MIXED_WORD.finditer(text):
        w = m.group()
        if w.isascii():
            continue
        foreign = [c for c in w if _script(c) in ("CYRILLIC", "GREEK")]
        if not foreign:
            continue
        if any(c.isdigit() or ("LATIN" in _script(c)) for c in w) or w.startswith("°"):
            out.append(m.span())
    return out


# -- doubled quotation marks -------------------------------------------------------------------
_DOUBLED = regex.compile(r'(?<!["“”])(?:""|““|””)(?!["“”])')


def doubled_quotation_marks(text: str) -> list[tuple[int, int]]:
    """Two double quotation marks in a row (not three), unless they stand for an empty
    string (after "=" or "(", or before ")" or ",")."""
    out = []
    for m in _DOUBLED.finditer(text):
        s, e = m.span()
        prev = text[:s].rstrip()[-1:]
        nxt = text[e:e + 1]
        if prev in ("=", "(", "[") or nxt in (")", ",", "]", ";"):
            continue
        out.append((s, e))
    return out


# -- missing space after punctuation ----------------------------------------------------------
_SQUEEZE = regex.compile(r"(?<=\p{L})[,;:.!?](?=\p{L})")
_TLDS = frozenset("com org net edu gov info io co uk ru cn de fr jp kr ua by kz tw hk in "
                  "html htm php pdf jpg png doc docx txt xls js py".split())


def missing_space(text: str) -> list[tuple[int, int]]:
    """A comma, semicolon, colon, full stop, question or exclamation mark with a letter
    right before and right after it. Not sites: tokens with "://", "@", "www.", "/", "=",
    "_", "&" or "#"; a full stop with a one-letter word on either side (U.S., a.m., e.g.,
    Ph.D.), before a domain or file ending (kp.ru, report.pdf) or an all-capital word, or in
    a token with two or more such full stops (news.cn, English.news.cn)."""
    out = []
    for m in _SQUEEZE.finditer(text):
        s = m.start()
        tok = _token(text, s)
        if any(x in tok for x in ("://", "@", "www.", "/", "=", "_", "&", "#", "\\", "::")):
            continue
        left = regex.search(r"\p{L}+$", text[max(0, s - 30):s]).group()
        right = regex.match(r"\p{L}+", text[s + 1:s + 31]).group()
        if m.group() == ".":
            if len(left) == 1 or len(right) == 1 or right.lower() in _TLDS or right.isupper():
                continue
            if len(regex.findall(r"\p{L}\.\p{L}", tok)) > 1:
                continue
        if left.lower() in ("quot", "amp", "lt", "gt", "apos", "nbsp"):
            continue
        out.append((s, s + 1))
    return out


# -- spaces inside quotation marks and brackets ----------------------------------------------
_OPEN_GAP = regex.compile(r"(?:^|(?<=[\s(\[]))(?:[(\[“«])[ \t]+(?=[\p{L}\p{N}\"“])", regex.M)
_CLOSE_GAP = regex.compile(r"(?<=[\p{L}\p{N}.,!?…\"”])[ \t]+[)\]”»](?=$|[\s,.;:!?)\]])", regex.M)
_STRAIGHT = regex.compile(r'"')


def space_inside_quotes(text: str) -> list[tuple[int, int]]:
    """A space after an opening bracket, “ or « (at a line start or after a space), before
    a closing bracket, ” or » (at a line end or before a space or punctuation), and, for
    straight marks, a space after the odd-numbered mark of a line or before the even one
    when the line's straight marks pair up. Emoticons and empty brackets are not sites."""
    out = []
    for m in _OPEN_GAP.finditer(text):
        s = m.start()
        if s >= 1 and text[s - 1] in ":;=":
            continue
        out.append(m.span())
    for m in _CLOSE_GAP.finditer(text):
        mark = m.group()[-1]
        if mark in ")]":
            lo = text.rfind("\n", 0, m.start()) + 1
            if text.count("(", lo, m.start()) + text.count("[", lo, m.start()) <= \
                    text.count(")", lo, m.start()) + text.count("]", lo, m.start()):
                continue
        out.append(m.span())
    for line in _lines(text):
        lo, hi = line
        marks = [m.start() for m in _STRAIGHT.finditer(text, lo, hi)]
        if not marks or len(marks) % 2:
            continue
        for n, at in enumerate(marks):
            if n % 2 == 0 and text[at + 1:at + 2] == " " and (at == lo or text[at - 1].isspace()):
                out.append((at, at + 2))
            if n % 2 == 1 and text[at - 1:at] == " " and (at + 1 == hi or not text[at + 1].isalnum()):
                out.append((at - 1, at + 1))
    return sorted(set(out))


def _lines(text: str):
    lo = 0
    for line in text.split("\n"):
        yield lo, lo + len(line)
        lo += len(line) + 1


# -- Russian-style attribution ------------------------------------------------------------------
_DASH_ATTRIBUTION = regex.compile(
    r"[,!?…][\"”»]?[ \t]+[-–—][ \t]+(?=(?:\p{Ll}[\p{L}'’-]*[ \t]+){0,5}?"
    r"(?:said|says|say|told|wrote|writes|added|adds|explained|explains|noted|notes|stressed|"
    r"comments|commented|concluded|concludes|believe|believes|think|thinks|clarified|stated|"
    r"states|quotes|reported|reports|emphasized|recalled|spoken|asked|asks|replied)\b)"
    r"|[\"”»][,!?][ \t]+[-–—][ \t]+(?=\p{Ll})")


def dash_attribution(text: str) -> list[tuple[int, int]]:
    """A comma (or ? or !), perhaps a closing quotation mark, then a dash between spaces,
    before a verb of saying within a few lower-case words: ", - says", "”, - said"."""
    return [m.span() for m in _DASH_ATTRIBUTION.finditer(text)]


# -- decoder loops ---------------------------------------------------------------------------------
_LOOP = regex.compile(r"(?i)(?<![\p{L}\p{N}])((?:[\p{L}\p{N}][\p{L}\p{N}'’-]*[ \t,]+){2,15}"
                      r"[\p{L}\p{N}][\p{L}\p{N}'’-]*)(?:[ \t]+|,[ \t]+|[ \t]+and[ \t]+)\1(?![\p{L}\p{N}])")


def decoder_loops(text: str) -> list[tuple[int, int]]:
    """Three or more words written twice in a row on one line, with only a space, a comma
    or "and" between the copies."""
    out = []
    pos = 0
    for line in text.split("\n"):
        for m in _LOOP.finditer(line):
            out.append((pos + m.start(), pos + m.end()))
        pos += len(line) + 1
    return out


# -- unknown-word markers --------------------------------------------------------------------------
_UNK = regex.compile(r"<unk>|\[UNK\]|<UNK>|⁇+")


def unknown_tokens(text: str) -> list[tuple[int, int]]:
    """The unknown-word markers of neural translation: <unk>, [UNK], ⁇."""
    return [m.span() for m in _UNK.finditer(text)]


# -- lower-case pronoun i ------------------------------------------------------------------------
_LOWER_I = regex.compile(r"(?:^|(?<=[ \t\"“]))i(?:['’](?:m|ve|ll|d))?(?=[ \t]+\p{Ll})", regex.M)
_ROMAN = regex.compile(r"\b(?:ii|iii|iv)\b")


def lowercase_i(text: str) -> list[tuple[int, int]]:
    """A lone "i" (or "i'm", "i've", "i'll", "i'd") at a line start or after a space,
    before a lower-case word, on a line without Roman numerals and not after "for" (code)."""
    out = []
    for m in _LOWER_I.finditer(text):
        s = m.start()
        lo = text.rfind("\n", 0, s) + 1
        hi = text.find("\n", s)
        hi = len(text) if hi < 0 else hi
        if _ROMAN.search(text, lo, hi) or text[max(lo, s - 4):s] == "for ":
            continue
        if regex.match(r"i[ \t]+in\b", text[s:s + 6]):
            continue
        out.append(m.span())
    return out


# -- one name spelt two ways -----------------------------------------------------------------------
_CAP_WORD = regex.compile(r"(?<![\p{L}'’-])\p{Lu}\p{Ll}{3,}(?![\p{L}'’-])")


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


# Endings that make another word of a name, not another spelling: Caledonia/Caledonians,
# Mauritius/Mauritian, Metaphysics/Metaphysical, Geminid/Geminids, Korea/Korean.
_ENDINGS = frozenset(["", "s", "es", "n", "an", "ans", "ns", "ian", "ians", "i", "is", "us",
                      "al", "ic", "ics", "ical", "ese", "ism", "ist", "ists", "ite", "ites",
                      "er", "ers", "ed", "ing", "y", "ies", "e", "a", "ia", "id", "ids"])


def _derived(a: str, b: str) -> bool:
    """Is one word the other with another English ending (a stem and two endings from
    _ENDINGS, the endings taking in the whole difference)?"""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    for stem in range(n, max(n - 3, 0), -1):
        if a[stem:] in _ENDINGS and b[stem:] in _ENDINGS:
            return True
    return False


def name_variants(text: str, common=None) -> list[tuple[int, int]]:
    """Pairs of capitalised words of five letters or more, with the same first letter, at
    edit distance 1 (or 2 for words of eight letters or more), in one story, used a
    different number of times, where neither is a common English word (``common(word)``,
    from a frequency list: Brazil/Brasil, Human/Hunan are two words) and one is not the
    other with another ending (Caledonia/Caledonians). Each use of the rarer spelling is a
    site."""
    words = Counter(m.group() for m in _CAP_WORD.finditer(text) if len(m.group()) >= 5)
    rare = {}
    for a in words:
        for b in words:
            if a >= b or a[0] != b[0] or abs(len(a) - len(b)) > 2 or words[a] == words[b]:
                continue
            limit = 2 if min(len(a), len(b)) >= 8 else 1
            if _distance(a, b) > limit or _derived(a, b):
                continue
            if common is not None and (common(a) or common(b)):
                continue
            rare[a if words[a] < words[b] else b] = True
    return [m.span() for m in _CAP_WORD.finditer(text) if m.group() in rare]


# The kinds of issue #13's table, each with its scanner, the rule expected to find it and
# whether its repair is safe (applied by --fix), unsafe (--unsafe-fixes) or a flag only.
KINDS = {
    "untranslated text": (untranslated_text, "WF941", "display"),
    "CJK and fullwidth punctuation": (cjk_punctuation, "WF112", "safe"),
    "look-alike letters": (look_alike_letters, "WF942", "safe"),
    "doubled quotation marks": (doubled_quotation_marks, "WF943", "safe"),
    "missing space after punctuation": (missing_space, "WF209", "safe"),
    "space inside quotes or brackets": (space_inside_quotes, "WF210", "safe"),
    "dash attribution": (dash_attribution, "WF944", "unsafe"),
    "decoder loops": (decoder_loops, "WF945", "unsafe"),
    "unknown-word markers": (unknown_tokens, "WF946", "display"),
    "lower-case pronoun i": (lowercase_i, "WF947", "safe"),
    "name spelt two ways": (name_variants, "WF932", "unsafe"),
}
