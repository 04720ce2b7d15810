"""WF942 look-alike-letter."""
from __future__ import annotations

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.data import read_toml
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._text import script_of

_TABLE = read_toml("lookalikes.toml")
LOOKALIKES: dict[str, str] = {k: v for script in _TABLE.values() for k, v in script.items()}

# A word: letters, marks and digits, with a degree sign before it ("50°С").
_WORD = lazy_regex(r"°?[\p{L}\p{M}\p{N}]+")
_FOREIGN = lazy_regex(r"[\p{Cyrillic}\p{Greek}]")
_LATIN = lazy_regex(r"\p{Latin}")


def repair(word: str) -> tuple[str, str] | None:
    """(Latin spelling, applicability) for a word with letters of another script in it, or
    None when it is not a mixed word. Applicability: "safe" when every foreign letter has a
    Latin twin and Latin letters or digits carry the word ("WНO", "105х195", "°С"),
    "display" otherwise (a Cyrillic word with one Latin letter, or a letter with no twin)."""
    foreign = _FOREIGN.findall(word)
    if not foreign:
        return None
    latin = len(_LATIN.findall(word))
    digits = sum(ch.isdigit() for ch in word)
    unit = word.startswith("°")
    if not latin and not digits and not unit:
        return None  # a whole word in another script: untranslated, not a look-alike
    fixed = "".join(LOOKALIKES.get(ch, ch) for ch in word)
    if _FOREIGN.search(fixed) is None and (latin >= len(foreign) or (not latin and (digits or unit))):
        return fixed, "safe"
    return fixed, "display"


class LookAlikeLetter(Rule):
    """A letter of another script inside a Latin word: "WНO" with a Cyrillic Н, "105х195"
    with a Cyrillic х.

    ## What it does
    Finds words that mix Latin letters or digits with Cyrillic or Greek ones. Where every
    foreign letter has a Latin twin that looks the same (Cyrillic А В Е К М Н О Р С Т Х а е
    о р с у х, Greek Α Β Ε Η Ι Κ Μ Ν Ο Ρ Τ Χ ο; the table is rules/data/lookalikes.toml) and
    Latin letters or digits carry the word, it writes the Latin letters. Other mixed words
    are flagged.

    ## Why it happens in wire copy
    Translators and engines working from Russian, Ukrainian or Greek type on a keyboard
    that switches layouts, and a letter of the wrong layout looks right on the page. Search,
    spelling checks and sorting then fail on the word ("WНO" is not "WHO").

    ## Example
    "According to WНO data" (Cyrillic Н) becomes "According to WHO data"; "Mattress
    105х195" becomes "Mattress 105x195"; "50°С" becomes "50°C".

    ## Fix safety
    Safe where the letters are twins and the word is Latin or a figure: the text reads the
    same and now is what it reads. A word mostly in the other script ("Мoсква" with a Latin
    o) is only flagged: which script was meant is for the editor.

    ## Known false positives
    A whole word in another script is not a look-alike (untranslated-text flags it). A
    deliberate mix, such as a brand written in two scripts, is changed.
    """

    code = "WF942"
    name = "look-alike-letter"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "“{word}” has {script} letters that look like Latin ones"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor(patterns=[r"[\u0370-\u03ff\u0400-\u052f]"])
    examples = (
        Example.bad("According to WНO data, cases rose.", flagged=["WНO"],
                    fixed="According to WHO data, cases rose."),
        Example.bad("Mattress 90х190х27, weight 27.9 kg.", flagged=["90х190х27"],
                    fixed="Mattress 90x190x27, weight 27.9 kg."),
        Example.bad("It works from -50 to 50°С.", flagged=["°С"], fixed="It works from -50 to 50°C."),
        Example.bad("The Рrime minister spoke.", flagged=["Рrime"], fixed="The Prime minister spoke."),
        Example.bad("He praised Мoсква.", flagged=["Мoсква"]),
        Example.good("He said страшно and left."),
        Example.good("The ΑΕΚ Athens coach."),
        Example.good("Plain English text."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _WORD.finditer(text):
            word = m.group()
            if word.isascii():
                continue
            found = repair(word)
            if found is None:
                continue
            fixed, applicability = found
            start = m.start()
            scripts = " and ".join(dict.fromkeys(script_of(ch) for ch in _FOREIGN.findall(word)))
            if applicability == "safe":
                yield self.finding(start, m.end(), [fixed], word=word, fixed=fixed, script=scripts)
            else:
                yield self.finding(start, m.end(), [], applicability=Applicability.DISPLAY,
                                   word=word, fixed=fixed, script=scripts,
                                   message=f"“{word}” mixes Latin and {scripts} letters")
