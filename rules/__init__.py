"""The wirefix rule catalogue. Each rule is a small module (or a TOML entry) with its
metadata, documentation and examples; ``wirefix.rules.registry`` collects them."""
from .base import Example, Phase, Rule, RuleContext

__all__ = ["Example", "Phase", "Rule", "RuleContext"]
