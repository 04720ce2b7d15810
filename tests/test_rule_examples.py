"""The meta-test: every rule's examples, run through the real engine (after ruff's and
LanguageTool's harnesses). An incorrect example must give exactly the flagged spans, its fix
must give the expected text, and the fixed text must not fire the rule again. A correct
example must not fire. A rule without both kinds of example, or without its docs, fails."""
from __future__ import annotations

from pathlib import Path

import pytest

from wirefix.cleaner import Config, fix, lint
from wirefix.cleaner.engine import Engine
from wirefix.rules.base import DOC_SECTIONS, Phase
from wirefix.rules.declarative import load_rules_file
from wirefix.rules.registry import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
HOUSE_STYLE = ROOT / "examples" / "house-style.toml"

RULES = list(builtin_rules())
EXTRA = load_rules_file(HOUSE_STYLE) if HOUSE_STYLE.exists() else []
ALL = RULES + EXTRA


def _config(rule, example) -> Config:
    extra = () if rule in RULES else (str(HOUSE_STYLE),)
    return Config(select=(rule.code,), style=tuple(example.options.items()),
                  extend_rules=extra, root=str(ROOT) if extra else None)


def _cases():
    for rule in ALL:
        for i, ex in enumerate(rule.examples):
            kind = "bad" if ex.is_bad else "good"
            # the grammar family's examples need the LanguageTool server (see conftest)
            marks = [pytest.mark.languagetool] if rule.phase is Phase.GRAMMAR else []
            yield pytest.param(rule, ex, id=f"{rule.code}-{rule.name}-{kind}{i}", marks=marks)


def test_catalogue_is_not_empty():
    assert len(RULES) >= 2
    assert {"doubled-word", "space-run"} <= {r.name for r in RULES}


@pytest.mark.parametrize("rule", ALL, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_has_examples_and_docs(rule):
    assert any(e.is_bad for e in rule.examples), f"{rule.code} has no incorrect example"
    assert any(not e.is_bad for e in rule.examples), f"{rule.code} has no correct example"
    sections = rule.doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code} docstring lacks sections: {missing}"
    assert rule.summary(), f"{rule.code} has no one-line summary"
    assert rule.message and rule.name == rule.name.lower() and " " not in rule.name


@pytest.mark.parametrize("rule,example", list(_cases()))
def test_rule_example(rule, example):
    config = _config(rule, example)
    found = lint(example.text, config)
    assert not [f for f in found if f.family == "internal"], found
    # LanguageTool's findings are coded LT:<RULE_ID> under the rule coded LT
    own = [f for f in found if f.code == rule.code or f.code.startswith(rule.code + ":")]
    spans = [example.text[f.start:f.end] for f in own]
    if not example.is_bad:
        assert spans == [], f"{rule.code} fired on correct text: {own}"
        return
    assert spans == list(example.flagged), f"{rule.code} flagged {spans}, expected {list(example.flagged)}"
    if example.fixed is None:
        assert not any(f.applies(True) for f in own), "an example without `fixed` must not offer fixes"
        return
    result = fix(example.text, config, unsafe=True)
    assert result.converged, result.cycling_rules
    assert result.text == example.fixed
    again = [f for f in lint(result.text, config) if f.code == rule.code]
    flags_only = [f for f in own if not f.applies(True)]
    assert not any(f.applies(True) for f in again), f"the fix re-triggers {rule.code}: {again}"
    assert len(again) == len(flags_only)


def test_engine_accepts_every_rule_alone():
    for rule in RULES:
        Engine(Config(select=(rule.code,)))
