"""Small pure helpers shared by the translation rules: scripts, tokens, web addresses."""
from __future__ import annotations

import unicodedata

import regex
# lazy_re: _TOKEN_CHARS must stop where the loop before it stops, at str.isspace's white
# space, which is the stdlib's \s (not `regex`'s: U+001C..U+001F differ).
from wirefix.cleaner.patterns import lazy_re, lazy_regex

# A letter of a script other than Latin (Han, kana, Hangul, Cyrillic, Greek, Arabic, ...).
FOREIGN_LETTER = lazy_regex(r"[\p{L}--\p{Latin}--\p{Common}--\p{Inherited}]", regex.V1)
# A character outside the blocks of Latin letters, marks, punctuation and symbols: every
# FOREIGN_LETTER is one (tests/test_looks_for.py checks each code point). Blocks, not
# scripts, because Hyperscan's Unicode tables are older than the `regex` module's.
OUTSIDE_LATIN_BLOCKS = r"[^\u0000-\u02e9\u02ec-\u036f\u1e00-\u1eff\u2000-\u2125\u2127-\u2bff]"
# The letters of the scripts translation engines leave behind most (Latin text never holds
# one): how much of a text is foreign.
HAS_FOREIGN = lazy_regex(r"[\u0370-\u052f\u0590-\u08ff\u0e00-\u0e7f\u1100-\u11ff"
                         r"\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# The names editors know the scripts by, keyed by the first word of the Unicode name.
_SCRIPT_NAMES = {
    "CJK": "Chinese (Han)", "HIRAGANA": "Japanese (kana)", "KATAKANA": "Japanese (kana)",
    "HANGUL": "Korean (Hangul)", "CYRILLIC": "Cyrillic", "GREEK": "Greek", "ARABIC": "Arabic",
    "HEBREW": "Hebrew", "THAI": "Thai", "DEVANAGARI": "Devanagari", "BENGALI": "Bengali",
    "GEORGIAN": "Georgian", "ARMENIAN": "Armenian", "TAMIL": "Tamil", "KHMER": "Khmer",
    "LAO": "Lao", "ETHIOPIC": "Ethiopic", "MONGOLIAN": "Mongolian", "TIBETAN": "Tibetan",
    "SINHALA": "Sinhala", "MYANMAR": "Myanmar", "GUJARATI": "Gujarati", "GURMUKHI": "Gurmukhi",
    "TELUGU": "Telugu", "KANNADA": "Kannada", "MALAYALAM": "Malayalam", "SYRIAC": "Syriac",
    "THAANA": "Thaana",
}


def script_of(ch: str) -> str:
    """The script of one letter, as an editor would name it ("Cyrillic", "Chinese (Han)")."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first == "HALFWIDTH" and "KATAKANA" in name:
        return "Japanese (kana)"
    return _SCRIPT_NAMES.get(first, first.title() or "another script")


def scripts_in(text: str) -> list[str]:
    """The scripts of the foreign letters in ``text``, in order of first use."""
    seen: dict[str, None] = {}
    for m in FOREIGN_LETTER.finditer(text):
        seen.setdefault(script_of(m.group()), None)
    return list(seen)


# A web address, e-mail address or domain name around an offset: the run of characters
# without white space that holds it.
_TOKEN_CHARS = lazy_re(r"[^\s\"“”«»()\[\]<>]+")
TOKEN_RUN = _TOKEN_CHARS   # for rules that find every token of a story at once
_URLISH = lazy_regex(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|[\w.+-]+@[\w-]+\.)")
# Top-level domains and file extensions that follow a dot in running text ("Amazon.com",
# "kp.ru", "report.pdf"): a dot before one of them is not the end of a sentence.
DOMAIN_ENDINGS = frozenset("""
com org net edu gov mil int info biz io co ai app dev tv me fm am ly to cc ws us uk ca au nz
ie de fr it es pt nl be ch at se no dk fi is pl cz sk hu ro bg gr tr ru ua by kz uz ge am az
cn hk tw jp kr in pk sg my id th vn ph br ar mx cl pe za ng ke eg il ir sa ae qa
html htm php asp aspx jsp pdf doc docx xls xlsx ppt pptx txt csv json xml jpg jpeg png gif
svg mp3 mp4 avi mov zip rar gz exe dmg apk py js ts css md rss
""".split())


def token_at(text: str, at: int) -> tuple[int, int]:
    """The span of the run of non-space characters (brackets and quotes excluded) that
    holds ``text[at]``."""
    start = at
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "\"“”«»()[]<>":
        start -= 1
    m = _TOKEN_CHARS.match(text, start)
    return (start, m.end()) if m else (at, at + 1)


def is_address(token: str) -> bool:
    """Does this token hold a web or e-mail address ("https://…", "www.", "a@b.com")?"""
    # _URLISH only where one of its markers occurs: its "[\w.+-]+@" would otherwise try
    # every start of a long token
    low = token.lower()
    return (("://" in token or "www." in low or "mailto:" in low or "@" in token)
            and _URLISH.search(token) is not None) or "/" in token.strip("/") and "." in token
