"""WF503 contraction-with-doubled-modal."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import finditer_near, lazy_re, lazy_regex
from wirefix.rules._shared.analysis import FEMALE, MALE, people, starts_clause, word_after
from wirefix.rules.base import Example, LooksFor, Rule

# word → (pronoun, who it must refer to)
_PRONOUNS = {"Hell": ("He", "male"), "Shell": ("She", "female"), "Well": ("We", "we")}
_PATTERN = lazy_regex(r"(?<![\p{L}\p{N}’'-])(Hell|Shell|Well) will(?= \p{Ll})")
# "Hell will freeze over", "all hell will break loose": the noun, not a pronoun.
_IDIOM_VERBS = frozenset({"freeze", "break", "be"})
_LETTERS = lazy_regex(r"\p{L}+")
_AS_WORD = {w: lazy_regex(rf"(?<![\p{{L}}])({w})(?![\p{{L}}])") for w in _PRONOUNS}
_WE = lazy_regex(r"\b(?:we|our|us)\b")
WINDOW = 3000
# A contraction followed by its own verb: "They’ll will", "Theyll will", "She’s is", "We’re
# are", "They’ve have", "I’d would". Without the apostrophe only where the fused word is no
# word ("theyll", "shes"): "Ill will", "Hell will", "its is", "were are" are other matters.
_DOUBLED = lazy_regex(
    r"(?<![\p{L}\p{N}’'-])(?:"
    r"(?P<a>I|[Yy]ou|[Ww]e|[Tt]hey|[Hh]e|[Ss]he|[Ii]t|[Tt]hat)[’']ll(?P<va> will)"
    r"|(?P<b>[Yy]ou|[Tt]hey|[Ii]t|[Tt]hat)ll(?P<vb> will)"
    r"|(?P<c>[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Tt]here|[Ww]hat|[Ww]ho)[’']s(?P<vc> is)"
    r"|(?P<d>[Hh]e|[Ss]he|[Tt]hat|[Tt]here|[Ww]hat)s(?P<vd> is)"
    r"|(?P<e>[Ww]e|[Yy]ou|[Tt]hey)[’']?re(?P<ve> are)"
    r"|(?P<f>I|[Ww]e|[Yy]ou|[Tt]hey)[’']ve(?P<vf> have)"
    r"|(?P<g>[Ww]e|[Yy]ou|[Tt]hey)ve(?P<vg> have)"
    r"|(?P<h>I|[Ww]e|[Yy]ou|[Tt]hey|[Hh]e|[Ss]he)[’']d(?P<vh> would)"
    r"|(?P<i>[Yy]ou|[Tt]hey)d(?P<vi> would))"
    r"(?= \p{Ll})")
# What every match of _DOUBLED holds, starting at most _DOUBLED_REACH characters into it
# (the contraction's ending and its verb): _DOUBLED is tried only just before these
# (cleaner.patterns.finditer_near). The longest head before one: "There’" or "They’".
_DOUBLED_ANCHOR = lazy_re(r"ll will|s is|re are|ve have|d would")
_DOUBLED_REACH = 6


def antecedent(doc, offset: int, who: str) -> str | None:
    """Who the pronoun can be, from this paragraph and the one before it: "certain" when a
    matching pronoun or a person of that gender is there, "possible" when only a person of
    unknown gender is, None when nobody is."""
    p = doc.paragraph_at(offset)
    if p is None:
        return None
    i = doc.paragraph_index_at(offset)
    lo = doc.paragraphs[i - 1].start if i > 0 else p.start
    # at most WINDOW characters back: a pronoun's antecedent is near it, and a story that is
    # one long paragraph is not read again for every match
    window = doc.text[max(lo, offset - WINDOW):offset]
    if who == "we":
        return "certain" if _WE.search(window) is not None else None
    words = set(_LETTERS.findall(window))
    pronouns = MALE if who == "male" else FEMALE
    if words & pronouns or {w.capitalize() for w in pronouns} & words:
        return "certain"
    known = people(doc)
    named = [known[w] for w in words if w in known]
    if any(person.gender == who for person in named):
        return "certain"
    if any(person.gender is None and person.titled for person in named):
        return "possible"
    return None


def _used_as_name(doc, word: str, offset: int) -> bool:
    """Is the word used elsewhere in the story as a name (Royal Dutch Shell, Shell’s)?"""
    # Once per word and story. The word at ``offset`` is always followed by " will" (the
    # match being judged), so "any use not followed by ' will'" is a use elsewhere.
    text = doc.text
    return doc.memo_item("doubled_modal_name_uses", word, lambda: any(
        not text.startswith(" will", m.end()) for m in _AS_WORD[word].finditer(text)))


class ContractionWithDoubledModal(Rule):
    """"Hell will have talks": He’ll lost its apostrophe, and the translation doubled the modal;
    "They’ll will meet", "She’s is": a contraction followed by its own verb.

    ## What it does
    Writes a contraction followed by the verb it already holds ("They’ll will", "Theyll
    will", "She’s is", "We’re are", "They’ve have", "I’d would") as the pronoun and the verb
    ("They will"): safe, since the verb is said twice.
    Finds "Hell will", "Shell will" and "Well will" at the start of a sentence, followed by a
    verb, where the story has someone for the pronoun to be, and rewrites it as "He will",
    "She will" or "We will".

    ## Why it happens in wire copy
    A round trip through machine translation turns "He’ll have" into "Hell will have": the
    apostrophe is lost, and the engine spells out the "’ll" it no longer recognises.

    ## Example
    "Hell will have additional talks with Qin" becomes "He will have additional talks with Qin".

    ## Fix safety
    Safe when this paragraph or the one before refers to a man (or a woman, for "Shell";
    first-person plural, for "Well") by pronoun or by a name the story genders, and the word
    is not used as a name anywhere else in the story. Unsafe when the only candidate is a
    person whose gender the story does not show, and for "Well will" with no "we" nearby
    ("well" never takes "will" as its verb, but the speaker is unknown). "He will" rather than "He’ll" avoids
    guessing which of the two the source had; both mean the same.

    ## Known false positives
    Idioms ("Hell will freeze over", "all hell will break loose") and the oil company Shell are
    skipped. A sentence about the place called Hell, Norway, with a man named just before it,
    would be changed: report such stories.
    """

    code = "WF503"
    name = "contraction-with-doubled-modal"
    family = "contraction"
    applicability = Applicability.SAFE
    message = "“{found} will” reads as “{pronoun}’ll will”: a lost apostrophe and a doubled modal"
    fix_title = "Write “{pronoun} will”"
    looks_for = LooksFor("ll will", "s is", "re are", "ve have", "d would")
    examples = (
        Example.bad("Blinken opened his program in Beijing. Hell will have talks with Qin on Monday.",
                    flagged=["Hell will"],
                    fixed="Blinken opened his program in Beijing. He will have talks with Qin on Monday."),
        Example.bad("The minister said she was ready.\n\nShell will meet the envoy on Friday.",
                    flagged=["Shell will"],
                    fixed="The minister said she was ready.\n\nShe will meet the envoy on Friday."),
        Example.bad("We are ready, our coach said. Well will play on Sunday.",
                    flagged=["Well will"], fixed="We are ready, our coach said. We will play on Sunday."),
        Example.bad("President Ana Souza opened the summit. Shell will meet the envoy, aides said.",
                    flagged=["Shell will"],
                    fixed="President Ana Souza opened the summit. She will meet the envoy, aides said."),
        Example.bad("They’ll will meet on Monday, and she's is ready.",
                    flagged=["They’ll will", "she's is"],
                    fixed="They will meet on Monday, and she is ready."),
        Example.bad("Theyll will meet on Monday.", flagged=["Theyll will"],
                    fixed="They will meet on Monday."),
        Example.good("He warned of the risks. Hell will freeze over before we agree, he said."),
        Example.good("What it is is a test; the shells will do; his is the best."),
        Example.good("Royal Dutch Shell reported profits. Shell will invest in wind power, she said."),
        Example.good("Shell will invest in wind power, the company said."),
        Example.good("Hell will have talks with Qin on Monday."),
        Example.bad("“Well will get through the winter,” the minister said.", flagged=["Well will"],
                    fixed="“We will get through the winter,” the minister said."),
        Example.good("Ill will between the two sides grew."),
    )

    def check(self, doc, ctx):
        for m in finditer_near(_DOUBLED, doc.text, _DOUBLED_ANCHOR, _DOUBLED_REACH):
            group = next(g for g in "abcdefghi" if m.group(g))
            pronoun, verb = m.group(group), m.group("v" + group)
            fixed = pronoun + verb
            yield self.finding(m.start(), m.end(), [fixed],
                               message=f"“{m.group()}” says its verb twice: the contraction "
                                       f"and “{verb.strip()}”",
                               fix_title=f"Write “{fixed}”")
        for m in _PATTERN.finditer(doc.text):
            found = m.group(1)
            if not starts_clause(doc, m.start()):
                continue
            nxt = word_after(doc.text, m.end())
            if nxt is None or (found == "Hell" and nxt[0] in _IDIOM_VERBS):
                continue
            pronoun, who = _PRONOUNS[found]
            level = antecedent(doc, m.start(), who)
            if level is None and who == "we":
                level = "possible"  # "Well will get through": "well" never takes "will" so
            if level is None or _used_as_name(doc, found, m.start()):
                continue
            yield self.finding(m.start(), m.end(), [f"{pronoun} will"], found=found, pronoun=pronoun,
                               applicability=Applicability.SAFE if level == "certain" else Applicability.UNSAFE)
