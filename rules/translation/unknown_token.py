"""WF946 unknown-token."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule

# The markers neural translation systems write for a word or character they cannot
# produce: "<unk>" (OpenNMT, fairseq, Marian), "[UNK]" (BERT-style vocabularies) and "⁇"
# (U+2047, SentencePiece's rendering of an unknown piece).
_UNKNOWN = lazy_regex(r"<unk>|<UNK>|\[UNK\]|\[unk\]|⁇+")
_PREV_WORD = lazy_regex(r"([\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*)[^\p{L}\p{N}]*$")


def where(text: str, start: int, end: int) -> str:
    """Which word was lost, as far as the text tells: the damaged word itself when the
    marker is inside one ("caf⁇"), else the word it follows."""
    lo = start
    while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "'’-"):
        lo -= 1
    hi = end
    while hi < len(text) and (text[hi].isalnum() or text[hi] in "'’-"):
        hi += 1
    if lo < start or hi > end:
        return f"letters lost inside the word “{text[lo:hi]}”"
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    if prev is not None:
        return f"the word after “{prev.group(1)}” was lost"
    return "a word was lost at the start"


class UnknownToken(Rule):
    """A translation engine's unknown-word marker left in the copy: "can <unk>", ""⁇"" tribe".

    ## What it does
    Flags the markers neural translation engines write for a word or character they could
    not produce ("<unk>", "[UNK]", "⁇"), and says which word was lost: the damaged word when
    the marker is inside one, else the word before it.

    ## Why it happens in wire copy
    A translation model has a fixed vocabulary. A rare name, an emoji or a character its
    vocabulary lacks comes out as the unknown-word token, and the pipeline prints it.

    ## Example
    "It's been 2 hours since 19:06<unk>" is flagged: a word was lost after "19:06".

    ## Fix safety
    Display only: the lost word has to come from the source.

    ## Known false positives
    A story about tokenisers that names "<unk>" on purpose.
    """

    code = "WF946"
    name = "unknown-token"
    family = "translation"
    phase = Phase.RAW
    applicability = Applicability.DISPLAY
    message = "unknown-word marker “{token}”: {lost}; restore it from the source"
    looks_for = LooksFor("<unk>", "<UNK>", "[UNK]", "[unk]", "⁇")
    examples = (
        Example.bad("Can I order it? Yes, you can <unk>.", flagged=["<unk>"]),
        Example.bad('The ""⁇"" tribe lives there.', flagged=["⁇"]),
        Example.bad("We met at the caf⁇ on Monday.", flagged=["⁇"]),
        Example.good("Unknown words are rare today."),
    )

    def check(self, doc, ctx):
        text = doc.text
        for m in _UNKNOWN.finditer(text):
            yield self.finding(m.start(), m.end(), token=m.group(),
                               lost=where(text, m.start(), m.end()))
