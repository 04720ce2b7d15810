"""Rule selection: which rules run, from --select / --extend-select / --ignore.

A selector is ``ALL``, a family name, a rule name, a full code or a code prefix (``WF5``).
``LT:<RULE_ID>`` names one check of the LanguageTool rule (code ``LT``): selected, it turns
that rule on for just that check; ignored, it turns the check off (the rule reads these).
The most specific selector that matches a rule decides; on a tie, ``ignore`` wins. So
``--ignore whitespace --select WF201`` runs WF201 alone of its family.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from wirefix.rules.base import Rule
from wirefix.rules.families import FAMILIES

EXACT = 1000


class SelectionError(ValueError):
    pass


def names_subcheck(selector: str) -> bool:
    """``LT:EN_A_VS_AN``: one check inside a rule, not a rule."""
    head, sep, tail = selector.partition(":")
    return bool(sep and head and tail)


def specificity(selector: str, rule: type[Rule]) -> int | None:
    """How closely ``selector`` names ``rule``: None when it does not match at all."""
    if names_subcheck(selector) and selector != rule.code:
        return EXACT if selector.partition(":")[0] == rule.code else None
    if selector == "ALL":
        return 0
    if selector == rule.family:
        return 1
    if selector in (rule.code, rule.name):
        return EXACT
    if rule.code.startswith(selector) and selector[:1].isalpha():
        return 2 + len(selector)
    return None


def every_selector(config, path: str | None = None) -> list[str]:
    """Every selector a configuration names for ``path``: its select, extend-select and
    ignore (per-file ignores included) and the command line's."""
    out = list(config.select or ()) + list(config.extend_select) + list(config.ignores_for(path))
    if config.cli is not None:
        out += list(config.cli[0] or ()) + list(config.cli[1]) + list(config.cli[2])
    return out


def validate(selectors: Iterable[str], rules: Sequence[type[Rule]]) -> None:
    for sel in selectors:
        if sel == "ALL" or sel in FAMILIES:
            continue
        if any(specificity(sel, r) is not None for r in rules):
            continue
        raise SelectionError(f"unknown rule selector {sel!r} (use a code, a code prefix, "
                             f"a rule name, a family or ALL; `wirefix rules` lists them)")


def best(selectors: Iterable[str], rule: type[Rule]) -> int | None:
    scores = [s for s in (specificity(sel, rule) for sel in selectors) if s is not None]
    return max(scores) if scores else None


def resolve(rules: Sequence[type[Rule]], select: Sequence[str] | None,
            extend_select: Sequence[str] = (), ignore: Sequence[str] = (),
            previous: Sequence[type[Rule]] | None = None) -> list[type[Rule]]:
    """The enabled rules, in catalogue order. ``select=None`` keeps the set of the layer
    before (``previous``: the config file's, under the command line's), or the default set."""
    out = []
    kept = set(previous) if previous is not None else None
    for rule in rules:
        if select is None:
            enabled = rule.default_enabled if kept is None else rule in kept
            chosen = -1 if enabled else None
        else:
            chosen = best(select, rule)
        extra = best(extend_select, rule)
        if extra is not None and (chosen is None or extra > chosen):
            chosen = extra
        if chosen is None:
            continue
        dropped = best([s for s in ignore if not names_subcheck(s) or s == rule.code], rule)
        if dropped is not None and dropped >= chosen:
            continue
        out.append(rule)
    return out


def explicitly_selected(rule: type[Rule], select: Sequence[str] | None,
                        extend_select: Sequence[str] = ()) -> bool:
    """True when the user named the rule, its code prefix or its family (not just ALL)."""
    score = best(list(select or ()) + list(extend_select), rule)
    return score is not None and score >= 1


def resolve_config(rules: Sequence[type[Rule]], config, path: str | None = None,
                   implied: Sequence[str] = ()) -> list[type[Rule]]:
    """The rules of ``rules`` that ``config`` enables for ``path``, layer by layer as the
    engine resolves them: the config file's select / extend-select (plus ``implied``
    selectors) / ignore, then the command line's (``config.cli``), then per-file-ignores,
    which always win. For a rule that needs to know whether another rule runs."""
    ignore = config.ignores_for(path)
    per_file = ignore[len(config.ignore):]
    enabled = resolve(rules, config.select, tuple(config.extend_select) + tuple(implied),
                      config.ignore)
    if config.cli is not None:
        select, extend_select, ignore_cli = config.cli
        enabled = resolve(rules, select, extend_select, ignore_cli, previous=enabled)
    if per_file:
        enabled = resolve(rules, None, (), per_file, previous=enabled)
    return enabled
