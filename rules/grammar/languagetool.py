"""LT languagetool: every LanguageTool match as a finding coded LT:<RULE_ID>."""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING

from wirefix.cleaner.config import Config
from wirefix.cleaner import selection
from wirefix.cleaner.findings import Applicability, Finding, Severity, span_fix
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, Phase, Rule, alternative_title

from . import _curated as curated

if TYPE_CHECKING:
    from wirefix.cleaner import languagetool as lt


def _client():
    """The LanguageTool client module, imported when the rule runs: the rule is off by
    default, and `wirefix check` does not import the client (HTTP, JSON) for nothing."""
    from wirefix.cleaner import languagetool

    return languagetool

# Direct speech inside one paragraph: curly pairs, or straight pairs.
_QUOTED = lazy_regex(r"“[^“”]*”|\"[^\"]*\"")


def quoted_spans(doc) -> list[tuple[int, int]]:
    """Spans of quoted words, where only clear artefacts may be changed."""
    out = []
    for p in doc.paragraphs:
        out.extend((m.start(), m.end()) for m in _QUOTED.finditer(doc.text, p.start, p.end))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def policy_for(config, path: str | None, rule: type[Rule]) -> lt.RulePolicy:
    # the environment's URL takes part: it decides whether the whole rule was wanted
    return _policy(config, path, rule, _client().server_url(config))


@lru_cache(maxsize=256)
def _policy(config, path: str | None, rule: type[Rule], _url: str | None) -> lt.RulePolicy:
    """The curated configuration, adjusted by LT:<RULE_ID> selectors: selected ones run
    (alone, when nothing selected the whole rule), ignored ones do not."""
    lt = _client()
    select, extend, ignore = lt.layered_selectors(config, path)
    chosen = select + extend
    turn_on = [s.partition(":")[2] for s in chosen
               if selection.names_subcheck(s) and s.partition(":")[0] == rule.code]
    turn_off = [s.partition(":")[2] for s in ignore
                if selection.names_subcheck(s) and s.partition(":")[0] == rule.code]
    whole = [s for s in chosen if not selection.names_subcheck(s)]
    whole += list(lt.implied_selectors(config))
    if selection.best(whole, rule) is None and turn_on:
        return lt.RulePolicy(enabled=tuple(sorted(set(turn_on))),
                             disabled=tuple(sorted(set(turn_off))), enabled_only=True)
    enabled = set(curated.ENABLE) | set(turn_on)
    disabled = (set(curated.DISABLE) - set(turn_on)) | set(turn_off)
    return lt.RulePolicy(enabled=tuple(sorted(enabled - disabled)),
                         disabled=tuple(sorted(disabled)),
                         disabled_categories=tuple(sorted(curated.DISABLE_CATEGORIES)))


class LanguageToolGrammar(Rule):
    """Grammar, spelling and punctuation from a LanguageTool server (the second engine).

    ## What it does
    Sends the story (after wirefix's certain raw repairs) to a LanguageTool server and reports
    each match as a finding coded `LT:<RULE_ID>`, with LanguageTool's message, category (in the
    note) and suggestions. A curated configuration turns on checks that catch wire damage
    (PUNCTUATION_PARAGRAPH_END2, EN_UNPAIRED_QUOTES, EN_CONSISTENT_APOS) and turns off those
    that fight AP style (EN_SPECIFIC_CASE, SERIAL_COMMA_ON, HYPHEN_TO_EN, ...); see
    rules/grammar/_curated.py. `--select LT:<RULE_ID>` runs one check, `--ignore LT:<RULE_ID>`
    drops one. Where a wirefix rule flags the same span, the wirefix finding is kept and
    notes that LanguageTool agrees.

    Off by default. It runs with `--select grammar` or `--extend-select grammar`, or when a
    server is named: `--languagetool URL`, `languagetool = "URL"` in the config, or the
    environment variable WIREFIX_LANGUAGETOOL_URL (`scripts/languagetool-server` starts one).

    ## Why it happens in wire copy
    Machine-translation round trips and hurried edits leave errors that are not feed
    artefacts: a wrong article, a doubled word, a dropped full stop, a sentence that starts
    in lower case after a stray stop. LanguageTool knows thousands of such patterns.

    ## Example
    "He ate a apple." gets LT:EN_A_VS_AN with the suggestion "an".

    ## Fix safety
    Never safe. A few mechanical checks (a/an, a doubled word, a doubled full stop, a lost
    paragraph-end stop, lower-case "i", "Thats") offer their first suggestion as an unsafe fix;
    everything else is a display flag. Inside quotation marks every match is a flag only:
    quotes are the source's words.

    ## Known false positives
    Names: a capitalised word missing from the dictionary is nearly always a name in news
    copy, so such spelling matches are dropped (a misspelt name is missed too). Headlines,
    tables and bylines draw punctuation and capitalisation flags. When the server is down,
    slow or fails, one warning is printed and the other rules still run; the exit status is
    2 only when the grammar family was selected explicitly.
    """

    code = "LT"
    name = "languagetool"
    family = "grammar"
    phase = Phase.GRAMMAR
    uses_service = True   # the client has its own timeouts; the rule budget does not apply
    default_enabled = False
    applicability = Applicability.DISPLAY
    severity = Severity.WARNING
    message = "LanguageTool: a grammar, spelling or punctuation problem"
    fix_title = "LanguageTool's suggestion"
    examples = (
        Example.bad("He ate a apple on Monday.", flagged=["a"], fixed="He ate an apple on Monday."),
        Example.bad("The talks will will resume on Monday.", flagged=["will will"],
                    fixed="The talks will resume on Monday."),
        Example.good("He ate an apple on Monday."),
        # AP style: lower-case title, no serial comma, names LanguageTool's dictionary lacks
        Example.good("The secretary of state met Qin Gang, Wang Yi and Xi Jinping on Monday."),
    )

    def check(self, doc, ctx):
        config = ctx.config if ctx.config is not None else Config()
        lt = _client()
        url = lt.server_url(config)
        if not url:
            raise lt.LanguageToolUnavailable(lt.NO_SERVER)
        policy = policy_for(config, ctx.path, type(self))
        matches = lt.client_for(url).check(doc, policy)
        if not matches:
            return
        quoted = quoted_spans(doc)
        quote_starts = [s for s, _ in quoted]
        text = doc.text
        for m in matches:
            span_text = text[m.start:m.end]
            if m.rule_id.startswith(curated.SPELLING_RULE_PREFIX) and span_text[:1].isupper():
                continue  # a name, nearly always
            replacements = tuple(r for r in m.replacements if r != span_text)
            unsafe = (replacements and m.rule_id in curated.UNSAFE_RULES
                      and not _inside(quoted, quote_starts, m.start, m.end))
            how = Applicability.UNSAFE if unsafe else Applicability.DISPLAY
            title = m.short_message or self.fix_title
            yield Finding(
                code=f"LT:{m.rule_id}", rule=self.name, family=self.family,
                start=m.start, end=m.end,
                message=m.message or m.description or self.message,
                fixes=tuple(span_fix(m.start, m.end, r, how, title if i == 0 else
                                     alternative_title(r))
                            for i, r in enumerate(replacements)),
                severity=(Severity.INFO if m.issue_type in curated.STYLE_ISSUE_TYPES
                          else Severity.WARNING),
                note=f"LanguageTool category {m.category_name or m.category} ({m.category}); "
                     f"rule: {m.description}",
            )
