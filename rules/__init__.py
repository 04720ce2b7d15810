"""The wirefix rule catalogue. Each rule is a small module (or a TOML entry under data/)
with its metadata, documentation and examples; ``rules.registry`` collects them."""
# The engine first: rules.base imports cleaner, whose engine imports rules.base again, so
# importing `rules` before `cleaner` would meet a half-built rules.base.
import cleaner  # noqa: F401,E402

from .base import Example, Phase, Rule, RuleContext  # noqa: E402

__all__ = ["Example", "Phase", "Rule", "RuleContext"]
