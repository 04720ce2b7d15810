"""Which LanguageTool checks run for wire copy, and which may offer a fix.

Every id here was checked against a real LanguageTool 6.8 server's /v2/configinfo listing
(tests/test_languagetool.py checks them again on every run): rule ids for ENABLE, DISABLE
and UNSAFE_RULES, category ids for DISABLE_CATEGORIES.
"""
from __future__ import annotations

# Off in LanguageTool by default, but they catch damage that wire copy suffers.
ENABLE: dict[str, str] = {
    "PUNCTUATION_PARAGRAPH_END2": "a paragraph that lost its closing full stop (MT, scrapers)",
    "EN_UNPAIRED_QUOTES": "a quotation mark whose partner was stripped",
    "EN_CONSISTENT_APOS": "straight and curly apostrophes mixed by merged feeds",
}

# On in LanguageTool by default, but they fight AP style or repeat a wirefix family.
DISABLE: dict[str, str] = {
    "EN_SPECIFIC_CASE": "capitalises what AP lowercases: 'secretary of state', "
                        "'Dow Jones industrial average'",
    "SERIAL_COMMA_ON": "AP omits the serial (Oxford) comma",
    "EN_QUOTES": "curly or straight quotes are house style (style option `quotes`)",
    "ELLIPSIS": "AP writes an ellipsis as three full stops",
    "HYPHEN_TO_EN": "AP joins scores and ranges with a hyphen: 98-95, 2004-2008",
    "EN_DIACRITICS_REPLACE_ORTHOGRAPHY": "AP drops the diacritics of many names",
    "SAO_PAOLO": "AP writes Sao Paulo",
    "ERDOGAN": "AP writes Erdogan",
    "DATE_NEW_YEAR": "depends on today's date, which means nothing for archived copy",
    "TOO_LONG_SENTENCE": "wire ledes are long by design",
    "ENGLISH_WORD_REPEAT_BEGINNING_RULE": "wire paragraphs often open with the same subject",
    "WHITESPACE_RULE": "spacing is the whitespace family's, which knows tables and layout",
    "CONSECUTIVE_SPACES": "spacing is the whitespace family's, which knows tables and layout",
}

DISABLE_CATEGORIES: dict[str, str] = {
    "MULTITOKEN_SPELLING": "adds diacritics to names that AP writes without them",
}

# The only checks whose first suggestion is offered as an (unsafe) fix: mechanical repairs
# that hardly depend on meaning. Everything else LanguageTool says is a display flag.
UNSAFE_RULES: dict[str, str] = {
    "EN_A_VS_AN": "'a apple' -> 'an apple'",
    "PUNCTUATION_PARAGRAPH_END2": "add the full stop a paragraph lost",
    "ENGLISH_WORD_REPEAT_RULE": "'has has' -> 'has'",
    "DOUBLE_PUNCTUATION": "'..' -> '.'",
    "I_LOWERCASE": "'i think' -> 'I think'",
    "EN_CONTRACTION_SPELLING": "'Thats' -> 'That's'",
}

# Spelling checks (MORFOLOGIK_RULE_EN_US, _EN_GB, ...). A capitalised word that the
# dictionary lacks is nearly always a name in news copy, so those hits are dropped.
SPELLING_RULE_PREFIX = "MORFOLOGIK_RULE_"

# LanguageTool issue types that are matters of style rather than errors: severity info.
STYLE_ISSUE_TYPES = frozenset({"style", "register", "locale-violation", "uncategorized"})


def all_ids() -> list[str]:
    return sorted(set(ENABLE) | set(DISABLE) | set(DISABLE_CATEGORIES) | set(UNSAFE_RULES))
