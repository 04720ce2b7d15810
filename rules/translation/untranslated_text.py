"""WF941 untranslated-text."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

from ._text import HAS_FOREIGN, OUTSIDE_LATIN_BLOCKS, is_address, script_of, scripts_in, token_at

# A run of foreign letters, with the spaces, digits and CJK punctuation between them
# ("买了，但是我写错了地址", "страшно", "は味もコスパも大満足"); U+4E28 "丨" is a separator,
# left to fullwidth-character. The vowel signs of Indic and other scripts are marks of
# that script, not letters, and belong to the word ("वापसी", "สวัสดี"); marks shared with
# Latin (U+0301 in a decomposed "é") are Inherited and stay out.
_F = r"[[\p{L}\p{M}]--\p{Latin}--\p{Common}--\p{Inherited}--\u4e28]"
_RUN = lazy_regex(rf"{_F}+(?:[ \t\-'’·・ー\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\p{{N}}]*{_F}+)*",
                  regex.V1)
# Scripts with letters that look like Latin ones: a letter of these inside a Latin word is
# a look-alike (look-alike-letter), not untranslated text.
_LOOKALIKE_SCRIPTS = frozenset({"Cyrillic", "Greek", "Armenian"})
_LATIN_OR_DIGIT = lazy_regex(r"[\p{Latin}\p{N}°]")
_LATIN_WORD = lazy_regex(r"\p{Latin}{2,}")
# Top-level domains written in their own script: "премияарсеньева.рф".
_FOREIGN_TLD = lazy_regex(r"\.(?:рф|рус|укр|бел|срб|мкд|қаз|бг|中国|中國|公司|网络|香港|台灣|台湾|한국|日本)\b")
# Characters that make up kaomoji and emoticons around a letter: ¯\_(ツ)_/¯, (´・ω・`)
_KAOMOJI_MARKS = frozenset("()（）^＾_＿\\＼/／°´`｀・･;；~～≧≦▽□◕‿╯︵┻━┳ﾉノヽ*＊'ﾟ･｡。∀￣≡")


def _is_kaomoji(text: str, start: int, end: int) -> bool:
    """A letter or two inside a face made of symbols: ¯\\_(ツ)_/¯, (ノ°Д°)ノ, (´・ω・`)."""
    if end - start > 2:
        return False
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    marks = sum(ch in _KAOMOJI_MARKS for ch in text[lo:start] + text[end:hi])
    return marks >= 2


def _enclosed(text: str, start: int, end: int) -> bool:
    """Is the run the whole content of a pair of brackets or quotation marks: a gloss
    ("Xi Jinping (习近平)") or a name the story quotes ("the slogan “加油”")?"""
    before = text[:start].rstrip(" ")[-1:]
    after = text[end:].lstrip(" ")[:1]
    pairs = {"(": ")", "（": "）", "[": "]", "“": "”", "\"": "\"", "«": "»", "「": "」",
             "『": "』", "‘": "’", "《": "》", "【": "】"}
    return bool(before) and pairs.get(before) == after


def _foreign_story(text: str) -> bool:
    """Is most of the story in other scripts (not English copy at all)?"""
    foreign = len(HAS_FOREIGN.findall(text))
    return foreign * 2 > sum(ch.isalpha() for ch in text)


def untranslated_runs(text: str):
    """(start, end, scripts) of each run of another script that translation left in
    English copy."""
    if _foreign_story(text):
        return
    for m in _RUN.finditer(text):
        start, end = m.span()
        run = m.group()
        first_script = script_of(run[0])
        tok_start, tok_end = token_at(text, start)
        token = text[tok_start:tok_end]
        if is_address(token) or _FOREIGN_TLD.search(token):
            continue  # a web address with a name in its own script
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if first_script in _LOOKALIKE_SCRIPTS and (
                _LATIN_OR_DIGIT.match(before) or _LATIN_OR_DIGIT.match(after)):
            continue  # inside a Latin word: look-alike-letter's
        if first_script == "Greek" and len(run) == 1:
            continue  # a symbol: α-helix, β, π, Δ
        if _is_kaomoji(text, start, end):
            continue
        if _enclosed(text, start, end):
            continue
        yield start, end, scripts_in(run)


class UntranslatedText(Rule):
    """Text in another script left untranslated in English copy: "страшно it's scary",
    "#は味もコスパも大満足 this spring!".

    ## What it does
    Flags each run of letters of another script (Chinese characters, Japanese kana, Korean
    Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai, ...) in an English story, and names the
    script. A whole paragraph left untranslated is one run.

    ## Why it happens in wire copy
    Translation engines pass through what they cannot translate (hashtags, shop names, a
    word the model never saw) and sometimes drop out of translating in mid-sentence, most of
    all in chat, product listings and social-media posts.

    ## Example
    "I'm at the shop 对面等 again" is flagged: “对面等” is untranslated Chinese (Han).

    ## Fix safety
    Display only: the translation has to come from the source.

    ## Known false positives
    Left alone: a run that is the whole content of brackets or quotation marks (a gloss such
    as "Xi Jinping (习近平)" or a quoted name), web addresses in another script
    ("https://премияарсеньева.рф"), a single Greek letter used as a symbol ("β-blockers"),
    kaomoji ("¯\\_(ツ)_/¯"), a look-alike letter inside a Latin word (look-alike-letter's), and
    stories mostly written in another script. A foreign phrase an editor kept on purpose
    without quotation marks is flagged.
    """

    code = "WF941"
    name = "untranslated-text"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.DISPLAY
    message = "Untranslated {script} text “{run}” in English copy"
    looks_for = LooksFor(patterns=[OUTSIDE_LATIN_BLOCKS])
    examples = (
        Example.bad("I'm at the shop 对面等 again.", flagged=["对面等"]),
        Example.bad("Don't go, страшно it's scary out there.", flagged=["страшно"]),
        Example.bad("#は味もコスパも大満足 this spring!", flagged=["は味もコスパも大満足"]),
        # vowel signs are marks of their script and belong to the word
        Example.bad("The word वापसी was painted on the wall.", flagged=["वापसी"]),
        Example.bad("The rider said 我写错了 地址 and left.", flagged=["我写错了 地址"]),
        Example.good("Chinese leader Xi Jinping (习近平) arrived."),
        Example.good("Fans chanted “加油” as the team came out."),
        Example.good("Details are on https://премияарсеньева.рф/ for now."),
        Example.good("Doctors prescribed β-blockers."),
        Example.good("The WНO said so."),
        Example.good("He shrugged ¯\\_(ツ)_/¯ and left."),
        Example.good("北京是中国的首都，也是一座历史悠久的城市。"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for start, end, scripts in untranslated_runs(text):
            run = text[start:end]
            shown = run if len(run) <= 40 else run[:39] + "…"
            yield self.finding(start, end, script=" and ".join(scripts), run=shown)
