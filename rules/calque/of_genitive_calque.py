"""WF961 of-genitive-calque."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import apostrophe
from wirefix.rules.base import Example, LooksFor, Rule

# Nouns whose "of" complement is the agent in the calque ("the war of Russia in Ukraine").
_AGENT_NOUNS = ("war", "invasion", "aggression", "offensive", "occupation", "annexation",
                "attack", "attacks", "assault", "blockade", "incursion", "bombardment")
_PATTERN = lazy_regex(
    r"(?<![\p{L}])(?P<the>[Tt]he) (?P<noun>" + "|".join(_AGENT_NOUNS) + r") of "
    r"(?P<agent>\p{Lu}[\p{L}\p{M}-]+(?: \p{Lu}[\p{L}\p{M}-]+)?) "
    r"(?P<prep>in|on|against) (?P<target>\p{Lu}[\p{L}\p{M}-]+)")
# A necessary part of every match: what the rule looks for.
_NOUN_OF = r"he (?:" + "|".join(_AGENT_NOUNS) + r") of "


class OfGenitiveCalque(Rule):
    """A word-for-word translation of a foreign genitive: "the war of Russia in Ukraine".

    ## What it does
    Finds "the <war|invasion|offensive|...> of <Name> in/on/against <Place>", where English
    news style puts the agent first as a possessive, and suggests "<Name>’s <war> in <Place>".

    ## Why it happens in wire copy
    Romance and Slavic languages and Chinese express the agent with "of" ("la guerra de
    Rusia en Ucrania"); a literal round trip keeps that order.

    ## Example
    "the war of Russia in Ukraine" becomes "Russia’s war in Ukraine".

    ## Fix safety
    Unsafe: "the invasion of Iraq in ..." can name the victim, not the agent; an editor must
    check who did what.

    ## Known false positives
    Names of historical events ("the War of Independence", "the Invasion of Normandy") are
    capitalised and skipped; an "of" phrase whose object is the victim followed by a place
    ("the occupation of Berlin in Germany") would be flagged.
    """

    code = "WF961"
    name = "of-genitive-calque"
    family = "calque"
    applicability = Applicability.UNSAFE
    message = "“{found}” reads as a literal translation; English puts the agent first"
    fix_title = "Write “{fixed}”"
    looks_for = LooksFor(patterns=[_NOUN_OF])
    examples = (
        Example.bad("China did not condemn the war of Russia in Ukraine.",
                    flagged=["the war of Russia in Ukraine"],
                    fixed="China did not condemn Russia’s war in Ukraine."),
        Example.bad("It followed the offensive of Israel against Hamas.",
                    flagged=["the offensive of Israel against Hamas"],
                    fixed="It followed Israel’s offensive against Hamas."),
        Example.good("China did not condemn Russia’s war in Ukraine."),
        Example.good("He fought in the War of Independence in America."),
        Example.good("The war of words in Washington went on."),
    )

    def check(self, doc, ctx):
        apos = apostrophe(doc, ctx.option("quotes", "follow"))
        for m in _PATTERN.finditer(doc.text):
            agent = m.group("agent")
            owner = agent + (apos if agent.endswith("s") else apos + "s")
            if m.group("the") == "The":
                owner = owner[0].upper() + owner[1:]
            fixed = f"{owner} {m.group('noun')} {m.group('prep')} {m.group('target')}"
            yield self.finding(m.start(), m.end(), [fixed], found=m.group(), fixed=fixed)
