"""WF501 contraction-missing-apostrophe."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.rules._shared.analysis import NONWORD_CONTRACTIONS, apostrophe, lower_words, starts_clause
from wirefix.rules.base import Example, Rule

# Forms that are also names or abbreviations when capitalised (Jony Ive, the Korean surname
# Im, HES): only their lower-case form is taken as a contraction.
_LOWER_ONLY = frozenset({"ive", "im", "hes", "shes", "whos", "heres", "wheres", "theres"})

_WORDS = regex.compile(
    r"(?<![\p{L}\p{N}@#/._’'-])(" + "|".join(sorted(NONWORD_CONTRACTIONS, key=len, reverse=True))
    + r")(?![\p{L}\p{N}@/_’'-]|\.\p{L})",
    regex.IGNORECASE | regex.V1,
)


_KEYS = frozenset(NONWORD_CONTRACTIONS)


def restore(word: str, apos: str) -> str | None:
    """The contraction for ``word`` with its apostrophe back, in the word's case."""
    target = NONWORD_CONTRACTIONS.get(word.lower())
    if target is None:
        return None
    target = target.replace("’", apos)
    if word.isupper() and len(word) > 1:
        return None  # a headline or an acronym: leave it to an editor
    if word[0].isupper():
        return target[0].upper() + target[1:]
    return target


class ContractionMissingApostrophe(Rule):
    """A contraction that lost its apostrophe and is now a non-word: "dont", "isnt", "theyre".

    ## What it does
    Restores the apostrophe in contractions whose apostrophe-less form is not an English word
    ("dont" → "don’t", "theyre" → "they’re"), using the story's apostrophe style.

    ## Why it happens in wire copy
    Machine translation, text messages pasted into copy and feeds that strip punctuation drop
    the apostrophe; the result survives spell checkers that only look for known words.

    ## Example
    "Officials said they dont expect a deal" becomes "Officials said they don’t expect a deal".

    ## Fix safety
    Safe: these forms are never words of their own. Words that are real words without the
    apostrophe ("its", "well", "hell", "cant", "wont") are left to `contraction-read-as-word`.

    ## Known false positives
    Capitalised "Ive", "Im", "Hes" are names or abbreviations (Jony Ive), so only their lower
    case is changed. All-capitals forms (headlines, acronyms), handles, hashtags and web
    addresses are skipped.
    """

    code = "WF501"
    name = "contraction-missing-apostrophe"
    family = "contraction"
    applicability = Applicability.SAFE
    message = "“{word}” is a contraction without its apostrophe"
    fix_title = "Write “{fixed}”"
    examples = (
        Example.bad("Officials said they dont expect a deal.", flagged=["dont"],
                    fixed="Officials said they don’t expect a deal."),
        Example.bad("Theyre due on Monday, but it isnt clear.", flagged=["Theyre", "isnt"],
                    fixed="They’re due on Monday, but it isn’t clear."),
        Example.bad("He said he couldnt attend.", flagged=["couldnt"],
                    fixed="He said he couldn't attend.", options={"quotes": "straight"}),
        Example.bad("Thats the plan, ive heard.", flagged=["Thats", "ive"],
                    fixed="That’s the plan, I’ve heard."),
        Example.good("Officials said they don’t expect a deal."),
        Example.good("Apple designer Jony Ive left the company."),
        Example.good("Im Dong-won met the delegation."),
        Example.good("Follow @dont on the service, or see example.com/dont for more."),
        Example.good("SHE SAID SHE DONT KNOW"),
    )

    def check(self, doc, ctx):
        if _KEYS.isdisjoint(lower_words(doc)):
            return
        text = doc.text
        apos = None  # the story's apostrophe, looked up at the first finding (most have none)
        for m in _WORDS.finditer(text):
            word = m.group(1)
            low = word.lower()
            if low in _LOWER_ONLY and word != low:
                continue
            if word[0].isupper() and word[1:].islower() and not starts_clause(doc, m.start()):
                # "Thats" in mid-sentence with a capital is more likely a name than a slip
                continue
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            fixed = restore(word, apos)
            if fixed is None:
                continue
            yield self.finding(m.start(1), m.end(1), [fixed], word=word, fixed=fixed)
