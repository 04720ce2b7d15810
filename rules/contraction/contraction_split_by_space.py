"""WF504 contraction-split-by-space."""
from __future__ import annotations

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import finditer_near, lazy_re, lazy_regex
from wirefix.rules._shared.analysis import apostrophe
from wirefix.rules.base import Example, LooksFor, Rule

# A space where the apostrophe was: "He ll", "couldn t", "we re". The word before is one
# that takes that ending, so "He ll" cannot be anything else.
_LOST = lazy_regex(
    r"(?<![\p{L}\p{N}’'-])"
    r"(?:(?P<pro>I|[Yy]ou|[Ww]e|[Tt]hey|[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Tt]here|[Ww]ho|[Ww]hat)"
    r"(?P<gap1>[ \t])(?P<end1>ll|re|ve|m|d|s)"
    r"|(?P<verb>(?:[Dd]o|[Dd]oes|[Dd]id|[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Hh]as|[Hh]ave|[Hh]ad|[Cc]ould|"
    r"[Ww]ould|[Ss]hould|[Mm]ust|[Nn]eed|[Mm]ight)n|[Cc]an|[Ww]on|[Aa]in|[Dd]on)"
    r"(?P<gap2>[ \t])(?P<end2>t))"
    r"(?![\p{L}\p{N}’'-])")
# What every match of _LOST holds, starting at most _LOST_REACH characters into it (the gap
# and an ending that no ASCII letter, digit, apostrophe or hyphen follows: a superset of
# _LOST's end): _LOST is tried only just before these (cleaner.patterns.finditer_near).
# The longest word before the gap: "Shouldn".
_LOST_ANCHOR = lazy_re(r"[ \t](?:ll|re|ve|m|d|s|t)(?![A-Za-z0-9’'-])")
_LOST_REACH = 7
# An apostrophe with a space after it: "I' m", "don' t", "we' re".
_SPACED = lazy_regex(
    r"(?<=(?<![\p{L}\p{N}])(?:I|\p{L}+n|[Yy]ou|[Ww]e|[Tt]hey|[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Tt]here|"
    r"[Ww]ho|[Ww]hat|[Ll]et)[’'])([ \t])(?=(?:ll|re|ve|m|d|s|t)(?![\p{L}\p{N}’'-]))")
# the rest of the word after the apostrophe's space: "I' m" -> "m"
_LETTERS = lazy_regex(r"\p{L}+")
# which pronoun-endings are the contraction only: "it s" / "he d" could be a list label
_CERTAIN_END = frozenset({"ll", "re", "ve", "m", "t"})
_WRONG_PAIR = {("I", "s"), ("I", "re"), ("you", "m"), ("we", "m"), ("they", "m"), ("he", "m"),
               ("she", "m"), ("it", "m"), ("he", "re"), ("she", "re"), ("it", "re"),
               ("he", "ve"), ("she", "ve"), ("it", "ve"), ("that", "m"), ("there", "m"),
               ("who", "m"), ("what", "m")}


class ContractionSplitBySpace(Rule):
    """A contraction whose apostrophe became a space: "He ll be there", "couldn t", "I' m".

    ## What it does
    Finds a pronoun or an auxiliary followed, after a space, by the ending of a contraction
    ("He ll", "we re", "couldn t", "don t") or an apostrophe followed by a space and the
    ending ("I' m", "don' t"), and writes the contraction in the story's apostrophe style.

    ## Why it happens in wire copy
    Feeds that cannot carry a typographic apostrophe replace it with a space, and some
    machine-translation pipelines detokenise "I ' m" into "I' m".

    ## Example
    "He ll travel to Seoul, but he couldn t say when" becomes "He’ll travel to Seoul, but he
    couldn’t say when".

    ## Fix safety
    Safe where the pair is only a contraction ("He ll", "couldn t", "I' m"). Unsafe for "it
    s", "he d" and the like, where "s" and "d" may be list labels or initials.

    ## Known false positives
    A pronoun followed by a one-letter label ("group it s and t") would be joined: such text
    is rare in wire copy. "we re-elected" is skipped (a hyphen follows).
    """

    code = "WF504"
    name = "contraction-split-by-space"
    family = "contraction"
    applicability = Applicability.SAFE
    message = "“{found}” is the contraction “{fixed}” with a space for its apostrophe"
    fix_title = "Write “{fixed}”"
    # a space or tab before a contraction's ending that ends a word, or after an apostrophe
    looks_for = LooksFor(patterns=[r"[ \t](?:ll|re|ve|m|d|s|t)(?:[^\p{L}\p{N}’'\-]|\Z)",
                                   r"[’'][ \t]"])
    examples = (
        Example.bad("He ll travel to Seoul, but he couldn t say when.", flagged=[" ", " "],
                    fixed="He’ll travel to Seoul, but he couldn’t say when."),
        Example.bad("I' m sure we re ready, and they don' t mind.", flagged=[" ", " ", " "],
                    fixed="I'm sure we're ready, and they don't mind."),
        Example.bad("She said it s over.", flagged=[" "], fixed="She said it’s over."),
        Example.good("He’ll travel to Seoul, but he couldn’t say when."),
        Example.good("Voters said we re-elected him, group T s, the letter s and vitamin D."),
        Example.good("They won the cup; I'm sure they'll be back."),
    )

    def check(self, doc, ctx):
        text = doc.text
        apos = None
        for m in finditer_near(_LOST, text, _LOST_ANCHOR, _LOST_REACH):
            if m.group("pro"):
                word, gap, end = m.group("pro"), "gap1", m.group("end1")
                if (word.lower() if word != "I" else "I", end) in _WRONG_PAIR:
                    continue
                safe = end in _CERTAIN_END
            else:
                word, gap, end = m.group("verb"), "gap2", m.group("end2")
                safe = True
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            fixed = word + apos + end
            yield self.finding(m.start(gap), m.end(gap), [apos], found=m.group(), fixed=fixed,
                               applicability=Applicability.SAFE if safe else Applicability.UNSAFE)
        for m in _SPACED.finditer(text):
            lo = text.rfind(" ", 0, m.start())
            word = text[lo + 1:m.start()]
            end = _LETTERS.match(text[m.end():]).group()
            fixed = word + end
            yield self.finding(m.start(), m.end(), [""], found=text[lo + 1:m.end() + len(end)],
                               fixed=fixed)
