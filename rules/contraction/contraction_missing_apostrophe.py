"""WF501 contraction-missing-apostrophe."""
from __future__ import annotations

import regex

from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules._shared.analysis import (NONWORD_CONTRACTIONS, SPEECH_VERBS, apostrophe,
                                            lower_words, starts_clause, word_after, word_before)
from wirefix.rules._shared.evidence import context_odds
from wirefix.rules.base import Example, Rule

# Forms that are also names or abbreviations when capitalised (Jony Ive, the Korean surname
# Im, HES): only their lower-case form is taken as a contraction.
_LOWER_ONLY = frozenset({"ive", "im", "hes", "shes", "whos", "heres", "wheres", "theres"})
# ... and these may be names even at a sentence start ("Ive said", "Im Dong-won"); the
# others are taken capitalised where a sentence starts ("Theres still a long way to go").
_NAMES = frozenset({"ive", "im", "hes"})
# ... but "Ive been" and "Im not" at a clause start are the pronoun, when the story never
# writes the word as a name; a name's own verbs speak against it ("Ive said", "Im has").
_PRONOUN_NAMES = frozenset({"ive", "im"})
# Where the story writes "Ive"/"Im" as a name: after a word or a comma, before a capitalised
# word or a hyphen, or with a possessive ("Jony Ive", "Im Sung-jae", "Ive’s").
_NAME_USES = {w.lower(): lazy_regex(
    rf"(?<=[\p{{L}},] ){w}(?![\p{{L}}’'])|(?<![\p{{L}}]){w}(?:[’']s\b|-| \p{{Lu}})")
    for w in ("Ive", "Im")}
_OPENING_CONJUNCTIONS = frozenset({"But", "And", "So", "Or", "Yet"})
# Words in lower case after which a clause, and so its subject, begins ("and Im glad")
_CLAUSE_BEFORE = frozenset(
    "and but so or yet that because if when as since until think thought know knew hope "
    "guess believe feel felt said say says mean".split())
# In mid-sentence a surname stands there too ("and Im shot 68", "say Ive rarely speaks",
# "if Im s > 0" in mathematics), so only words that no name takes after it count there:
# a participle that is no past tense after "Ive", a word of "I am" after "Im"
_PRONOUN_ONLY_NEXT = {
    "Ive": frozenset("been seen done gone taken given known shown written spoken begun "
                     "gotten".split()),
    "Im": frozenset("not going sorry glad sure proud happy afraid trying looking getting "
                    "doing being told right wrong ready fine".split())}
_NAME_VERBS = SPEECH_VERBS | frozenset(
    "has is was does and of who also will would to as at in on".split())

_WORDS = lazy_regex(
    r"(?<![\p{L}\p{N}@#/._’'-])(" + "|".join(sorted(NONWORD_CONTRACTIONS, key=len, reverse=True))
    + r")(?![\p{L}\p{N}@/_’'-]|\.\p{L})",
    regex.IGNORECASE | regex.V1,
)


_KEYS = frozenset(NONWORD_CONTRACTIONS)
_OWN_VERB = lazy_regex(r" (?:will|is|are|have|would)\b")
_SAME_VERB = frozenset({("ll", "will"), ("re", "are"), ("ve", "have"), ("es", "is"),
                        ("ts", "is"), ("yd", "would"), ("ud", "would")})


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
    Safe: these forms are never words of their own (but a capitalised "Ive" or "Im", which
    may be a name, is an unsafe suggestion). "youre" is "you’re" or "your": the
    word-pair counts of wire copy choose ("youre going" → "you’re", "youre results" →
    "your"), safe only where they are overwhelming. A fused form followed by its own verb
    ("Theyll will meet") is left to `contraction-with-doubled-modal`, which writes "They
    will". Words that are real words without the
    apostrophe ("its", "well", "hell", "cant", "wont") are left to `contraction-read-as-word`.

    ## Known false positives
    Capitalised "Ive", "Im", "Hes" are names or abbreviations (Jony Ive), so only their lower
    case is changed, with one exception: "Ive" or "Im" that opens a clause (or follows a
    "But", "And" that does, or a lower-case word after which a clause begins: "and Im
    glad", "think Ive gone", where only a word no name takes may follow: "been", "gone",
    "seen"... after "Ive", "not", "glad", "right"... after "Im") before a word in lower
    case that is not a name's verb ("said", "has", "is"...), in a story that never writes
    it as a name elsewhere ("Jony Ive"), is offered as "I’ve"/"I’m" (unsafe: a story may
    use a surname it never wrote in full). All-capitals forms (headlines, acronyms),
    handles, hashtags and web addresses are skipped.
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
        Example.bad("Post youre results online; youre going to win.", flagged=["youre", "youre"],
                    fixed="Post your results online; you’re going to win."),
        Example.good("Officials said they don’t expect a deal."),
        Example.good("Apple designer Jony Ive left the company."),
        Example.good("Im Dong-won met the delegation."),
        # at a clause start, before a word a name would not take, in a story with no "Ive"
        Example.bad("The harvest was poor. “Ive been farming for 35 years,” he said.",
                    flagged=["Ive"],
                    fixed="The harvest was poor. “I’ve been farming for 35 years,” he said."),
        Example.bad("I support the strike. But Im paid by the hour, she said.", flagged=["Im"],
                    fixed="I support the strike. But I’m paid by the hour, she said."),
        Example.good("Jony Ive designed the phone. Ive left Apple in 2019."),
        # after a word that opens a clause in mid-sentence, before a word no name takes
        Example.bad("My kids think Ive gone mad, and Im glad of it.",
                    flagged=["Ive", "Im"],
                    fixed="My kids think I’ve gone mad, and I’m glad of it."),
        Example.good("Jony Ive joined in 1992, and Ive designed the iMac, Apple said."),
        Example.good("Scheffler shot 66, and Im shot 68. Colleagues say Ive rarely speaks. "
                     "The sum converges if Im s > 0."),
        Example.good("Im said the talks would go on."),
        Example.good("Im Sung-jae shot a 66 on Sunday. Im finished two strokes clear."),
        Example.good("Sir Jony Ive’s firm will work with Ferrari. Ive previously worked on the iMac."),
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
            applicability = Applicability.SAFE
            if low in _LOWER_ONLY and word != low and (low in _NAMES or not starts_clause(doc, m.start())):
                if not (low in _PRONOUN_NAMES and self._pronoun_not_name(doc, m)):
                    continue
                applicability = Applicability.UNSAFE   # "Ive been farming": not Jony Ive
            elif word[0].isupper() and word[1:].islower() and not starts_clause(doc, m.start()):
                # "Thats" in mid-sentence with a capital is more likely a name than a slip
                continue
            if low.endswith(("ll", "re", "ve", "s", "d")) and _OWN_VERB.match(text, m.end(1)) \
                    and (low[-2:], text[m.end(1):m.end(1) + 6].split()[0]) in _SAME_VERB:
                continue  # "Theyll will meet": contraction-with-doubled-modal says "They will"
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            if low == "youre":
                yield from self._youre(doc, m, word, apos)
                continue
            fixed = restore(word, apos)
            if fixed is None:
                continue
            yield self.finding(m.start(1), m.end(1), [fixed], word=word, fixed=fixed,
                               applicability=applicability)

    @staticmethod
    def _pronoun_not_name(doc, m) -> bool:
        """Is a capitalised "Im" or "Ive" the pronoun ("Ive been farming", "Im not going")?
        It is where it opens a clause before a word in lower case that a name would not
        take as its verb, and the story never writes it as a name: after a word or a comma
        ("Jony Ive", "said Im"), before a capitalised word or a hyphen ("Im Sung-jae"), or
        with a possessive ("Ive’s")."""
        text = doc.text
        word = m.group(1)
        if not starts_clause(doc, m.start(1)):
            before = word_before(text, m.start(1))
            # "But Im paid by the hour": after a conjunction that opens the sentence, or a
            # word that opens a clause in mid-sentence before a word no name takes ("and
            # Im glad", "think Ive gone")
            nxt = word_after(text, m.end(1))
            if before is None or not (
                    before[0] in _OPENING_CONJUNCTIONS and starts_clause(doc, before[1])
                    or before[0] in _CLAUSE_BEFORE and before[2] == m.start(1) - 1
                    and nxt is not None and nxt[0] in _PRONOUN_ONLY_NEXT[word]):
                return False
        else:
            nxt = word_after(text, m.end(1))
        if nxt is None or not nxt[0].islower() or nxt[0] in _NAME_VERBS:
            return False
        uses = doc.memo_item("name-in-story", word, lambda: {
            u.start() for u in _NAME_USES[word.lower()].finditer(text)})
        return not (uses - {m.start(1)})   # (this very "But Im" aside)

    def _youre(self, doc, m, word, apos):
        """"youre" is "you’re" or "your": the words around it decide ("youre results" is
        "your results", "youre going" is "you’re going")."""
        text = doc.text
        nxt = word_after(text, m.end(1))
        prev = None if starts_clause(doc, m.start(1)) else word_before(text, m.start(1))
        odds = context_odds("your", prev[0].lower() if prev else None,
                            nxt[0].lower() if nxt else None)
        contraction = restore(word, apos)
        your = "Your" if word[0].isupper() else "your"
        if odds is not None and odds.log_odds < 0:
            yield self.finding(m.start(1), m.end(1), [your, contraction], word=word, fixed=your,
                               applicability=Applicability.UNSAFE,
                               message=f"“{word}” is “{your}” or “{contraction}” without its "
                                       f"apostrophe: {odds.reason}")
        else:
            yield self.finding(m.start(1), m.end(1), [contraction, your], word=word,
                               fixed=contraction,
                               applicability=(Applicability.SAFE if odds is not None
                                              and odds.log_odds >= 2 else Applicability.UNSAFE))
