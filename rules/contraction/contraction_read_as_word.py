"""WF502 contraction-read-as-word."""
from __future__ import annotations


import regex

from wirefix.cleaner.findings import Applicability
# lazy_re: _LITERALS finds the candidate words with the stdlib engine, several times
# faster than `regex` steps through the text; each is then tested in place with _CANDIDATES.
from wirefix.cleaner.patterns import lazy_re, lazy_regex
from wirefix.rules._shared.analysis import (_SPEECH_ALT, DETERMINERS, LEXICON, PREPOSITIONS,
                                            apostrophe, lower_words, starts_clause)
from wirefix.rules._shared.evidence import ContextOdds, context_odds, particle_of
from wirefix.rules.base import Example, Rule

# The words that are also a contraction without its apostrophe, and the contraction in the
# case of the word: "its" → "it’s", "Ill" → "I’ll".
_CONTRACTED = {"its": "it’s", "were": "we’re", "well": "we’ll", "hell": "he’ll",
               "shell": "she’ll", "ill": "I’ll", "wed": "we’d", "id": "I’d", "cant": "can’t",
               "wont": "won’t"}
# Lower-case forms, and the capitalised ones at a sentence start ("Were going", "Ill be").
# "ID", "Shell" and "Hell" in mid-sentence are names or abbreviations, never candidates.
_CANDIDATES = lazy_regex(
    r"(?<![\p{L}\p{N}’'`´-])(its|Its|were|Were|well|Well|hell|Hell|shell|Shell|ill|Ill|wed|Wed|"
    r"id|Id|cant|Cant|wont|Wont)(?![\p{L}\p{N}’'`´-])")
_LITERALS = lazy_re(r"\b(?:its|Its|were|Were|well|Well|hell|Hell|shell|Shell|ill|Ill|wed|Wed|"
                    r"id|Id|cant|Cant|wont|Wont)\b")
_GATE = frozenset(_CONTRACTED)
# the word or mark after a candidate, and the one after that
_NEXT = lazy_regex(r"\s*([\p{L}][\p{L}\p{M}’'-]*|[,.;:!?])(?:\s*([\p{L}][\p{L}\p{M}’'-]*|[,.;:!?]))?")
# Words the safe repair may be made for: never a real word in that place ("its the",
# "wont be"). The rest are suggestions: "were", "well", "hell", "shell", "ill", "wed", "id"
# also stand for themselves in places the counts cannot tell apart.
_SAFE_WORDS = frozenset({"its", "cant", "wont"})
# A possessive is never followed by an article or "been": "its a", "its been" are "it’s".
_NEVER_AFTER_POSSESSIVE = frozenset({"a", "an", "the", "been", "being"})
_MODALS = frozenset("can could will would shall should may might must".split())
_SUBJECT_AFTER = frozenset({"there", "it", "they", "he", "she", "we", "you", "i", "these", "those"})
_PRONOUN_FIRST = frozenset({"were", "well", "hell", "shell", "ill", "wed", "id"})
# Words that cannot be the subject of an inverted "Were" ("Were they ...?", "Were the bank
# to fail, ..."): after one, a statement that opens "Were" has no subject at all.
_NO_SUBJECT_NEXT = frozenset(
    "still not just really also so too now already never always very going here".split())
# A statement's start: the paragraph's, or after a sentence's end or a colon, perhaps with
# an opening quotation mark (not after a comma: ', "were on target' goes on a sentence)
_STATEMENT_START = lazy_regex(r"(?:^|\n|[.!?:][\p{Pf}\"]?\s)[\s\"“‘]*$")
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "my", "our", "your"})
_POSSESSIVE_BEFORE = _POSSESSIVE_DETERMINERS | {"its", "as"}


def candidates(text: str):
    """The matches of _CANDIDATES, in order: the words found by the stdlib engine (several
    times faster than ``regex`` stepping through the text), each then tested in place with
    the full pattern (no apostrophe, hyphen or backtick next to it)."""
    for m in _LITERALS.finditer(text):
        c = _CANDIDATES.match(text, m.start())
        if c is not None:
            yield c


def _sentence_ends_with_question(doc, offset: int) -> bool:
    s = doc.sentence_at(offset)
    return s is not None and doc.text[s.start:s.end].rstrip("\"”’) ").endswith("?")


_CLAUSE_MARKS = frozenset(".!?:;“\"(‘'")
# After "its" and an adjective or participle, a noun means the possessive ("its known
# length", "its expensive models"); "it’s" is followed by a clause, a preposition or an end
# ("it’s clear that", "it’s impossible to say", "it’s unlikely he").
_CLAUSE_NEXT = frozenset(
    "that to for of in on at by with from about as than if whether because when while and or "
    "but so he she they we i it you there this these those his her their our a an the no not "
    "any some all".split()) | frozenset(",.;:!?")
_NOT_ADJECTIVE = frozenset(
    "a an the not no been being going getting just very so too still also now all always "
    "never only quite really even".split())
# A past participle after "were", perhaps behind an adverb: "were (actually) needed".
_PARTICIPLE_AFTER = lazy_regex(r"\s+(?:\p{Ll}+ly\s+)?\p{Ll}{2,}ed(?![\p{L}’'-])")
# (a number ends with a digit or its comma: in "to $3,150. Its" the full stop ends the
# sentence, while "At 62, wed again" keeps "62," as the word before)
# Searched backwards (REVERSE) from the offset: it ends there, and a forward search tried
# each of the 40 offsets before it, reading each word to its end (about 12 times the cost).
# The same match either way: the alternatives cannot both end a window (a word ends in a
# letter, mark, apostrophe or hyphen, a number in a digit or a comma), and reading back
# greedily stops where the forward search's leftmost start is (compared on 100,000 corpus
# offsets and 300,000 random windows).
_TOKEN_BEFORE = lazy_regex(r"(?:([\p{L}][\p{L}\p{M}’'-]*)|(\d(?:[\d.,]*\d)?,?)|(\S))\s*$",
                           regex.REVERSE)




def previous_token(text: str, start: int) -> str:
    """The word, number or mark before ``start`` (lower case, across a line break), as the
    context counts write it: "said", ",", ">"."""
    m = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return "<s>"
    if m.group(3) and m.group(3) in "\"“”‘'":
        # a quotation mark: what stands before it decides (a partial quote after a noun,
        # "banks "were now", goes on the sentence; after a stop or a colon it starts one)
        before = previous_token(text, m.start())
        return "<s>" if before in _CLAUSE_MARKS or before in ",<s>" else before
    if m.group(1):
        return m.group(1).lower().replace("’", "'")
    return m.group(2) or m.group(3)


# "We’re betting on X, and were betting on Y": a clause whose subject is "we" in the present
# (a contraction or "we are", or a statement that opens "Were" + -ing, itself a damaged
# "We’re") opens the sentence or a quote in it, and "and were" + the same -ing verb repeats
# it. The coordinated clause shares that subject and that verb, so the past "were" breaks
# the parallel the sentence set: it is "we’re".
_WE_PRESENT = lazy_regex(r"(?<![\p{L}])(?:[Ww]e(?:[’'`´]| )re|[Ww]e are|Were)\s+([\p{L}]+ing)(?![\p{L}])")
_OPENS_CLAUSE = lazy_regex(r"(?:^|[\"“‘(—]|[.!?:;]\s)\s*$")
# How far back the "we" clause is looked for: a sentence of speech that repeats itself is
# short, and a bound keeps a long run of "and were" linear.
_WE_REACH = 300
_COORDINATORS = frozenset({"and", "but"})
# After a verb and its particle, "of" makes the pair a noun ("its setting up of a venture"),
# and so does a finite verb later in the clause ("its winding down in Russia would cost").
_NOUN_AFTER_PARTICLE = lazy_regex(r"\s+of(?![\p{L}])")
_FINITE_LATER = lazy_regex(
    r"[^,.;:!?\"“”]{0,80}?(?<![\p{L}])(?:would|will|was|is|were|are|has|had|have|could|should|"
    r"may|might|must|can|did|does)(?![\p{L}])")
# A time before now later in the clause: "and were working on it before the storm" contrasts
# the past with the present, so the past tense is the writer's.
_PAST_TIME_LATER = lazy_regex(
    r"[^,.;:!?\"“”]{0,80}?(?<![\p{L}])(?:before|last|earlier|yesterday|until|ago|previously|"
    r"once|then)(?![\p{L}])")


# Between the "we" clause and "and were", a subordinate clause, another finite verb, an
# attribution or a quotation mark may own the "were" ("We’re seeing prices that rose and
# were falling"; "..., police said, and were questioning two men"): no evidence then.
_OTHER_CLAUSE = lazy_regex(
    rf"(?<![\p{{L}}])(?:that|which|who|whose|because|as|when|while|if|after|before|since|where|"
    rf"was|were|is|are|has|have|had|{_SPEECH_ALT})(?![\p{{L}}])|[\"“”]", regex.IGNORECASE)


def _we_clause_before(doc, start: int, verb: str) -> str | None:
    """The present-tense "we" clause with ``verb`` ("We’re betting") that opens the sentence
    or a quote in it before ``start``, with no other clause between them; else None."""
    s = doc.sentence_at(start)
    lo = max(s.start if s is not None else 0, start - _WE_REACH)
    text = doc.text
    last = None  # the nearest such clause
    for last in _WE_PRESENT.finditer(text, lo, start):  # noqa: B007
        continue
    if last is None or last.group(1).lower() != verb.lower() \
            or not _OPENS_CLAUSE.search(text, max(0, last.start() - 3), last.start()) \
            or _OTHER_CLAUSE.search(text, last.end(), start):
        return None
    return last.group(0)


def _continues_we_clause(doc, low: str, prev: str, following: str, start: int):
    """Evidence that "and were V-ing" continues a "we’re V-ing" clause of the same sentence,
    as a ContextOdds the message can quote; else None."""
    if low != "were" or prev not in _COORDINATORS or not following.lower().endswith("ing"):
        return None
    clause = _we_clause_before(doc, start, following)
    if clause is None or _PAST_TIME_LATER.match(doc.text, start + 4):
        return None
    reason = (f"the sentence opens a clause with “{clause}”, and “{prev} were {following}” "
              f"goes on in its tense with the same subject")
    return ContextOdds("we're", 0.0, 0.0, 0, 0, reason)


def _subjectless_were(doc, word: str, prev: str, following: str, after: str | None,
                      start: int):
    """Evidence that a "Were" which opens a statement ("Were buying a bank") is "We’re":
    "were" opens a clause only in a question or an inversion ("Were the bank to fail",
    "Were rising prices to persist"), and both need a subject next, which a preposition,
    an adverb such as "still" or an -ing form before an article, a preposition or a
    pronoun is not. (After a coordinator, "So were about a dozen protesters", "But were
    still within reach", the subject is the sentence before's.) A ContextOdds for the
    message, else None."""
    nxt = following.lower()
    verb_ing = len(nxt) > 4 and nxt.endswith("ing") and (
        after is None or after.lower() in _CLAUSE_NEXT)
    if prev != "<s>" or not (nxt in _NO_SUBJECT_NEXT or nxt in PREPOSITIONS or verb_ing) \
            or nxt in _SUBJECT_AFTER:
        return None
    if not _STATEMENT_START.search(doc.text, max(0, start - 8), start):
        return None   # ', "were on target with ...": a partial quote goes on a sentence
    if _sentence_ends_with_question(doc, start) or _written_mid_sentence(doc, word):
        return None   # a question, or a name ("winger Paul Were")
    reason = (f"“{word}” opens a statement before “{following}”, which no subject is: a "
              f"clause opens with “were” only in a question or an inversion with a subject")
    return ContextOdds("we're", 0.0, 0.0, 0, 0, reason)


# Conjunctions that open a clause and need its subject straight after them: a finite
# "were" cannot follow ("whether were flying", "because were short of staff"), so it is
# "we’re". ("though" is also an adverb: "The sales though were inappropriate".) Reuters,
# AG News and the WMT22 references and MT output write none of these before "were".
_SUBJECT_NEEDED = frozenset("whether because although unless if whereas".split())


# The conjunction must open its clause, not be a word talked about: written in lower case
# (or capitalised where a sentence starts), straight before "were" (no quotation mark: 'The words "because" and "unless" were
# struck'), and not after a word that makes it a noun or an item of a list ("how, when and
# whether were left to a later summit", "clauses beginning with unless were deleted").
_CONJUNCTION_BEFORE_WERE = lazy_regex(
    r"(?<![\p{L}’'-])(whether|because|although|unless|if|whereas)[ \t\n]+were\Z",
    regex.IGNORECASE)
_MENTION_BEFORE = frozenset(
    "and or nor the a an with as of than such word words term heading headed beginning "
    "starting how when why where what who which whether because although unless if whereas "
    "though".split())
_WORD_AND_MARK_BEFORE = lazy_regex(r"([\p{L}][\p{L}’'-]*)?\s*([,;:—–-]?)\s*$")


def _were_without_subject(doc, word: str, prev: str, following: str, start: int):
    """Evidence that a "were" straight after a conjunction that needs a subject is "we’re",
    as a ContextOdds for the message, else None."""
    if word != "were" or prev not in _SUBJECT_NEEDED or following.lower() in _SUBJECT_AFTER:
        return None
    text = doc.text
    # (searched up to the end of this "were": \Z matches there)
    m = _CONJUNCTION_BEFORE_WERE.search(text, max(0, start - 20), start + 4)
    if m is None:
        return None   # a quotation mark between: 'the words "because" and "unless" were'
    if text[m.start()].isupper() and m.start() not in doc.sentence_initial_offsets:
        return None   # a title or a name: "the Beatles songs Something and Because were"
    before = _WORD_AND_MARK_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if before is not None and (before.group(2) in (",", ";") or
                               (before.group(1) or "").lower() in _MENTION_BEFORE):
        return None   # "how, when and whether were left", "beginning with unless were"
    reason = (f"“{prev}” opens a clause whose subject comes before its verb, and “were” "
              f"has none before it")
    return ContextOdds("we're", 0.0, 0.0, 0, 0, reason)


_BARE_VERBS = frozenset(LEXICON["bare_verbs_not_participles"])
_WELL_ADVERB_BEFORE = frozenset(LEXICON["well_adverb_before"])
# where a clause's subject stands: a clause's start, a comma, or a word that opens a clause
_CLAUSE_SLOT = frozenset({"<s>", ","}) | frozenset(
    "and but so then when if because that once until unless while whether".split())


def _well_before_bare_verb(word: str, prev: str, following: str):
    """Evidence that "well" straight before a bare verb, in a clause's subject slot, is
    "we’ll": the adverb comes before a bare verb only after a modal ("may well see") or a
    degree word ("as well make"). Of the 917 "well" + word with no modal before in
    Reuters, AG News and the WMT22 references, this reads none (bench/its_shapes.py). A
    ContextOdds for the message, else None."""
    if word.lower() != "well" or prev in _WELL_ADVERB_BEFORE or prev not in _CLAUSE_SLOT \
            or following not in _BARE_VERBS:
        return None
    reason = (f"“{word} {following}”: “{following}” is a bare verb, which the adverb "
              f"“well” only comes before after a modal (“may well {following}”)")
    return ContextOdds("we'll", 0.0, 0.0, 0, 0, reason)


_AFTER_I_WOULD = frozenset(LEXICON["after_i_would"])


def _id_before_its_verb(word: str, following: str):
    """Evidence that "Id" in mid-sentence (not after an article, a possessive or a comma,
    in a story that never writes it as a name) is "I’d": a word follows that only "I’d"
    takes ("rather", "hoped", "been", "just"); the noun "id" takes none of them. A
    ContextOdds for the message, else None."""
    if word != "Id" or following not in _AFTER_I_WOULD:
        return None
    reason = f"“{following}” follows “I’d”, not the noun “id”"
    return ContextOdds("i'd", 0.0, 0.0, 0, 0, reason)


# Words that open a clause and are never a noun a possessive could take, before a word
# that opens the clause's subject: "Its where a director can take risks"
_CLAUSE_OPENERS = frozenset("where when why how because".split())
_SUBJECT_OPENERS = frozenset(
    "the a an this that these those i we you he she they it people".split())


def its_opens_clause(first: str, second: str | None) -> bool:
    """Does "Its" at a clause's start go on with a word that opens a clause and the start
    of that clause's subject ("Its where a director ...")? A possessive needs a noun
    phrase after it, and this is a clause: grammar decides, since human wire copy opens
    no sentence with this shape in either spelling (bench/its_shapes.py). (Later in a
    sentence "its why", "its where clause", "use its when the word ..." are nouns and
    the word "its" itself.)"""
    return first.lower() in _CLAUSE_OPENERS and second is not None \
        and second.lower() in _SUBJECT_OPENERS


# Where "it’s" may stand: a clause's start, or after a verb of saying or "that". After a
# verb, a preposition or "and", "its" + -ing is a possessive and a gerund ("ended its
# wrangling over", "since its setting up in 1990").
_SUBJECT_PLACE = frozenset({"<s>", "said", "says", "that"})


def _its_before_phrasal_verb(text: str, low: str, prev: str, following: str,
                             after: str | None, end_after: int):
    """Evidence that "its" + -ing + particle ("Its catching up with them") is "it’s" before
    a phrasal verb: "its" stands where a subject does, wire copy writes the particle after
    the verb at least 1 time in 8 and never writes "its" before the -ing form; "of" after
    the particle makes the pair a noun ("its setting up of a joint venture"). A ContextOdds
    for the message, else None."""
    if low != "its" or prev not in _SUBJECT_PLACE or not after \
            or not following.lower().endswith("ing"):
        return None
    pair, seen = particle_of(following, after)
    if not pair:
        return None
    odds = context_odds("its", None, following.lower())
    if odds is None or odds.against or _NOUN_AFTER_PARTICLE.match(text, end_after) \
            or _FINITE_LATER.match(text, end_after):
        return None  # "its setting up of", "its winding down in Russia would cost": a noun
    reason = (f"“{following} {after}” is a verb and its particle (wire copy writes “{after}” "
              f"after “{following}” {pair} times in {seen}), and wire copy never writes "
              f"“its {following.lower()}”")
    return ContextOdds("it's", 0.0, 0.0, 0, 0, reason)


# "I" is written in capitals wherever it stands, so "I’d" and "I’ll" that lost their
# apostrophe read "Id" and "Ill" in mid-sentence too ("and Id rather wait a year"). Names
# and abbreviations are written so as well: not after an article, a possessive or a comma
# ("the Id and the ego", "Freud's Id", "Naperville, Ill."), and the counts of what follows
# decide the rest ("Id al-Fitr": wire copy never writes "I’d al").
_NOT_BEFORE_PRONOUN_I = DETERMINERS | _POSSESSIVE_BEFORE | frozenset({",", "of", "eid"})


def _pronoun_i_form(doc, word: str, prev: str) -> bool:
    return word in ("Id", "Ill") and prev not in _NOT_BEFORE_PRONOUN_I \
        and not prev.endswith("'s") and prev.isalpha() and not _named_in_story(doc, word)


# A name does what a pronoun cannot: it takes a verb in "-s" ("Ill never leaves", "Id also
# brings") or follows a preposition or an article ("home for Id", "the Id").
_NAME_USE = {w: lazy_regex(
    rf"(?<![\p{{L}}’'])(?:{w}\s+(?:\p{{Ll}}+ly\s+|(?:never|also|just|still|then|again|"
    rf"often|always|only)\s+)?(?:is|was|has|\p{{Ll}}+(?<![su]s)s)(?![\p{{L}}’'])"
    rf"|(?:for|of|the|during|after|before|at|on|until|since)\s+{w})(?![\p{{L}}’'])")
    for w in ("Id", "Ill")}


def _named_in_story(doc, word: str) -> bool:
    """Does the story use ``word`` ("Id", "Ill") as a name anywhere (asked once a story)?"""
    return doc.memo_item("i_form_named", word,
                         lambda: _NAME_USE[word].search(doc.text) is not None)


def _cased(contraction: str, word: str) -> str:
    if word[0].isupper():
        return contraction[0].upper() + contraction[1:]
    return contraction


def _written_mid_sentence(doc, word: str) -> bool:
    """Does the story write ``word`` (capitalised) after a word or a comma? Asked once per
    word and story, so a story with many "Its" is not searched again for each."""
    return doc.memo_item("written_mid_sentence", word, lambda: regex.search(
        rf"(?<=[\p{{L}},] ){word}(?![\p{{L}}])", doc.text) is not None)


class ContractionReadAsWord(Rule):
    """A contraction that lost its apostrophe and now reads as another word: "Its the only
    way", "Were going", "wont be", "Hell be there", "ill be back", "wed like".

    ## What it does
    Looks at every "its", "were", "well", "hell", "shell", "ill", "wed", "id", "cant" and
    "wont" (lower case anywhere, capitalised at a sentence start) and asks the word-pair
    counts of human wire copy (rules/data/context_counts.json) whether the words around it
    are those of the contraction ("it’s a", "said we’re", "we’ll be", "I’d like") or of the
    word itself ("its own", "they were", "as well as", "ill health", "wed in"). Where the
    counts favour the contraction ten to one or more, and the words after it do not speak
    against it, it suggests the contraction and says what the counts were. Two readings of
    the sentence settle what two words of context cannot: "and were V-ing" that repeats the
    verb of a "we’re V-ing" opening the sentence or a quote ("We’re betting on Ohio, and were
    betting on its workers") shares that clause's subject and tense, unless a past time
    follows ("... before the storm"); and "its" where a subject stands, before an -ing word
    and its particle ("Its catching up with them"), where wire copy writes the particle
    after the verb and never writes "its" before it, is "it’s", unless "of" or a finite
    verb follows ("its winding down in Russia would cost"). A preposition after "its" is
    never the noun a possessive needs ("today its about one thing"). Grammar settles one
    more: a statement (no question mark) that opens with "Were" before a preposition, an
    adverb such as "still", or an -ing form followed by an article, a preposition or a
    pronoun has no subject, and "were" opens a clause only in a question or an inversion
    with one ("Were the bank to fail", "Were rising prices to persist"): it is "We’re"
    ("Were buying a bank"), unless the story writes "Were" as a name. (After a coordinator
    the subject is the last sentence's: "So were about a dozen protesters.") The pronoun
    "I" is capitalised wherever it stands, so "Id" and "Ill" are read in mid-sentence
    too, except after an article, a possessive or a comma ("the Id", "Freud's Id",
    "Naperville, Ill."), and in a story that writes them as names somewhere (a verb in
    "-s" after them, "Ill never leaves"; a preposition before, "home for Id"). "Its" that
    opens a sentence before "where", "when", "why", "how" or "because" and the start of a
    subject ("Its where a director ...") needs "It’s": a possessive takes a noun (grammar
    decides; human wire copy has the shape in neither spelling); later in a sentence those
    words may be nouns ("its why", "its where clause"). "well" straight before a bare verb
    whose participle is another word ("see", "learn", "make"), where a clause's subject
    stands (a clause's start, a comma, "and", "when", "if" ...), is "we’ll": the adverb
    comes before a bare verb only after a modal or a degree word ("may well see", "as
    well make"). "its" before another possessive ("know its their last chance") is "it’s":
    a possessive takes a noun. "Id" in mid-sentence before a word only "I’d" takes
    ("rather", "hoped", "been", "just") is "I’d".

    ## Why it happens in wire copy
    Machine translation and apostrophe-stripping feeds turn "it’s", "we’re", "won’t", "he’ll"
    and "I’ll" into real words, which spell checkers then accept.

    ## Example
    "Its the only way to dispel misperceptions" becomes "It’s the only way ..." (wire copy
    writes "it’s/it is the" 118 times and "its the" 3 times).

    ## Fix safety
    Safe for "its" before an article or "been" where the counts agree (a possessive is never
    followed by one), and for "its", "cant" and "wont" where the counts are overwhelming (a
    hundredfold or more, seen at least 20 times, the word itself at most once in 15): "its
    the", "its been",
    "wont be". Every other finding is an unsafe suggestion: "were", "well", "hell", "shell",
    "ill", "wed" and "id" stand for themselves in places that two words of context cannot
    always tell apart ("the ships he said were ready").

    ## Known false positives
    A word capitalised in mid-sentence ("Shell", "Hell, Norway", "ID") is a name and never
    looked at; nor is a candidate before a capitalised word ("its Tokyo unit"), "as is his
    wont.", or a question opening with "Were". A story about the place called Hell would see
    "Hell be" at a sentence start flagged. Lower-case "were" after a word that usually
    precedes "we" is suggested even where a plural subject came earlier ("the two that I
    didn't think were good": "think we" is common in wire copy); the suggestion is unsafe
    for that. After "than" and before a past participle ("fewer reserves than were actually
    needed") "were" is the verb of a comparative and is left alone. "well" before a verb
    whose participle is its bare form is not read ("They're well run", "a well read
    man"), so "Well read the details" is missed.
    """

    code = "WF502"
    name = "contraction-read-as-word"
    family = "contraction"
    applicability = Applicability.UNSAFE
    message = "“{word}” here reads as “{contraction}” without its apostrophe: {reason}"
    fix_title = "Write “{contraction}”"
    examples = (
        Example.bad("Its the only way to dispel misperceptions.", flagged=["Its"],
                    fixed="It’s the only way to dispel misperceptions."),
        Example.bad("The players know its their last chance, he said.", flagged=["its"],
                    fixed="The players know it’s their last chance, he said."),
        Example.bad("He said its been a long week.", flagged=["its"],
                    fixed="He said it’s been a long week."),
        Example.bad("Officials said its not clear.", flagged=["its"],
                    fixed="Officials said it’s not clear."),
        Example.bad("The talks wont be easy, he said.", flagged=["wont"],
                    fixed="The talks won’t be easy, he said."),
        # a conjunction that needs a subject before its verb
        # "well" before a bare verb in a clause's subject slot, with no modal before it
        Example.bad("If the weather holds, well see a big improvement, she said.",
                    flagged=["well"],
                    fixed="If the weather holds, we’ll see a big improvement, she said."),
        Example.good("We may well see a rise in prices, and the move bodes well for sales."),
        Example.good("The banks are well run, and they can as well make a profit."),
        Example.good("The company well sell 1.4 million shares."),
        # "Id" in mid-sentence before a word only "I’d" takes
        Example.bad("It went better than Id hoped, she said.", flagged=["Id"],
                    fixed="It went better than I’d hoped, she said."),
        Example.good("The Id rather than the ego drives it, Freud wrote."),
        Example.bad("Nobody has told us whether were flying tonight.", flagged=["were"],
                    fixed="Nobody has told us whether we’re flying tonight."),
        Example.good("Nobody has told us whether they were flying tonight."),
        Example.good("The sales though were inappropriate, officials said."),
        # the conjunction talked about, as a word or a title, not opening a clause
        Example.good("Questions of how, when and whether were left to a later summit."),
        Example.good('The words "because" and "unless" were struck from the text.'),
        Example.good("The Beatles songs Something and Because were recorded in 1969."),
        Example.good("Clauses beginning with unless were deleted from the draft."),
        Example.bad("Were going to win, the captain said.", flagged=["Were"],
                    fixed="We’re going to win, the captain said."),
        Example.bad("The envoy left early. Hell be back on Monday.", flagged=["Hell"],
                    fixed="The envoy left early. He’ll be back on Monday."),
        Example.bad("The coach said well be ready and ill be there.", flagged=["well", "ill"],
                    fixed="The coach said we’ll be ready and I’ll be there."),
        Example.bad("The minister left. Shell meet the envoy on Friday.", flagged=["Shell"],
                    fixed="The minister left. She’ll meet the envoy on Friday."),
        Example.bad("Wed like to see a deal, the union said.", flagged=["Wed"],
                    fixed="We’d like to see a deal, the union said."),
        Example.bad("He said they cant afford it.", flagged=["cant"],
                    fixed="He said they can’t afford it."),
        Example.bad("We’re betting on Ohio, and were betting on its workers, he said.",
                    flagged=["were"],
                    fixed="We’re betting on Ohio, and we’re betting on its workers, he said."),
        Example.bad("\"Its catching up with them now,\" an analyst said.", flagged=["Its"],
                    fixed="\"It's catching up with them now,\" an analyst said."),
        # a preposition after "its" is never its noun; the word after can settle it alone
        Example.bad("“But today its about one thing only,” she said.", flagged=["its"],
                    fixed="“But today it’s about one thing only,” she said."),
        Example.good("The party made its about-face on Monday; its now-defunct unit was sold."),
        # words that follow "it’s" in wire copy also stand before a possessive's noun
        Example.good("Regulators fined the bank and its now defunct broker."),
        Example.good("The crisis was not of its making, the government said."),
        Example.good("The company said its profit rose."),
        Example.good("The bank added fewer reserves than were actually needed."),
        Example.good("We’re seeing prices that rose and were falling by noon."),
        Example.good("We’re told prices were rising, and were falling by noon."),
        Example.good("Spain approved its setting up of a joint venture."),
        Example.good("The union ended its wrangling over the budget on Monday."),
        Example.good("Since its setting up in 1990, the fund has grown."),
        Example.good("The firm said that its winding down in Russia would cost $1 billion."),
        Example.good("\"We’re working on it, and were working on it before the storm,\" the "
                     "mayor said."),
        Example.bad("As far as were concerned, the deal is dead, the union leader said.",
                    flagged=["were"],
                    fixed="As far as we’re concerned, the deal is dead, the union leader said."),
        Example.good("China rejected the report, calling its claims outlandish."),
        Example.good("He arrived late, as is his wont."),
        Example.good("Were they going to win?"),
        # ... and a number's comma is still the word before ("At 62, wed again")
        Example.good("At 62, wed again, she said she had never been happier."),
        # a sentence that ends in a number ends before "Its"
        Example.bad("The rate rose to $3,150.\n\n\"Its not a crisis,\" she said.",
                    flagged=["Its"], fixed="The rate rose to $3,150.\n\n\"It's not a crisis,\" she said."),
        # a clause after a sentence-opening "Its" needs "It’s"; later, "its why" is a noun
        Example.bad("“Its where a director can take risks,” she said.", flagged=["Its"],
                    fixed="“It’s where a director can take risks,” she said."),
        Example.good("Every brand needs its why. Every query has its where clause, and the "
                     "tribunal issued its unless order. Use its when the word shows "
                     "possession."),
        Example.good("Seoul defended its won by selling dollars; the army moved its wounded "
                     "by helicopter; it will fold its already existing in-house team."),
        # a statement that opens "Were" before no subject: "We’re"
        Example.bad("“Were buying a bank whose customers trust us,” she said.",
                    flagged=["Were"],
                    fixed="“We’re buying a bank whose customers trust us,” she said."),
        # ... not after a coordinator, nor before an -ing word and a noun, nor as a name
        Example.good("Three police officers were injured. So were about a dozen protesters."),
        Example.good("The Lakers were down 15 at halftime. But were still within reach."),
        Example.good("Were rising prices to persist, the bank would act again, she said."),
        Example.good("Kenyan winger Paul Were scored twice. Were on Saturday signed a deal."),
        Example.good("Were the bank to fail, taxpayers would pay. Were it not for rain, "
                     "it would burn."),
        Example.good('It said profits, "were on target with earlier expectations".'),
        Example.good("Prices rose and were falling by noon. But were they right?"),
        Example.good("They were going to win."),
        Example.good("Ill health forced him to resign."),
        Example.good("The ministry said its time in office was short, its not-for-profit arm said."),
        Example.good("Hell is other people, he wrote."),
        Example.good("Japan must reduce its still huge trade surplus."),
        Example.good("GAF would consider increasing its the dollar value of its offer."),
        Example.good("Officials said the U.S. Were not innocents."),
        Example.good("Royal Dutch Shell said it would sell its shell companies as well as its stake."),
        Example.good("The couple will wed in June; he was critically ill."),
        # capitalised in mid-sentence: a name or an abbreviation, never looked at, but for
        # the pronoun "I" the counts say stands there
        Example.good("Freud wrote that the Id and the ego clash; Naperville, Ill man held; "
                     "ahead of Id al-Fitr."),
        Example.bad("It has to be done properly, and Id rather wait a year.", flagged=["Id"],
                    fixed="It has to be done properly, and I’d rather wait a year."),
        Example.bad("The vote failed, and Ill be back next year.", flagged=["Ill"],
                    fixed="The vote failed, and I’ll be back next year."),
        # ... but a story that writes them as names (a verb in "-s", "for Id") is left be
        Example.good("The town waits, but Ill never leaves it again, and Ill be the victim."),
        Example.good("Families travel home for Id, and Id also brings a surge in sales."),
        Example.good("Voters must show an ID card. Well, that was that."),
        Example.good("It is not known whether its Tokyo unit was sold."),
        Example.good("Adobe will combine services, like its widely used reader, with search."),
        Example.good("A flared skirt can well cover it. The unit said its offering of shares "
                     "was sold."),
        Example.good("\"It's one of those laws, and I think its time has come,\" he said."),
        Example.good("The rate set at the auction, from which\nreporters were barred, was 3.7."),
    )

    def check(self, doc, ctx):
        if _GATE.isdisjoint(lower_words(doc)):
            return
        text = doc.text
        apos = None  # the story's apostrophe, looked up at the first finding (most have none)
        for m in candidates(text):
            word = m.group(1)
            verdict = self._judge(doc, word, m.start(1), m.end(1))
            if verdict is None:
                continue
            odds, safe = verdict
            if apos is None:
                apos = apostrophe(doc, ctx.option("quotes", "follow"))
            contraction = _cased(_CONTRACTED[word.lower()], word).replace("’", apos)
            yield self.finding(
                m.start(1), m.end(1), [contraction],
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
                word=word, contraction=contraction, reason=odds.reason)

    def _judge(self, doc, word: str, start: int, end: int):
        text = doc.text
        low = word.lower()
        prev = previous_token(text, start)
        # a clause starts after a sentence's end, a colon or an opening quote, not at a
        # line break of a hard-wrapped paragraph
        initial = prev in _CLAUSE_MARKS and starts_clause(doc, start) if prev != "<s>" else True
        if initial:
            prev = "<s>"
        if word[0].isupper() and not initial and not _pronoun_i_form(doc, word, prev):
            return None  # "Shell", "Hell, Norway", "Ill." in mid-sentence: names
        nxt = _NEXT.match(text, end)
        if nxt is None:
            return None
        following, after = nxt.group(1), nxt.group(2)
        if following[0].isalpha() and following[0].isupper():
            return None  # "its Tokyo unit", "were Chinese": a name follows, not a verb
        if following.lower() == "will" and low in ("hell", "shell", "well", "ill"):
            return None  # "Hell will have talks": contraction-with-doubled-modal's
        if low == "wont" and following in ".,;":
            return None  # "as is his wont."
        if initial and low == "were" and (_sentence_ends_with_question(doc, start)
                                          or following.lower() in _SUBJECT_AFTER):
            return None  # "Were they going?", "Were there to be an uptick": inversion
        if low == "were" and (subjectless := _subjectless_were(doc, word, prev, following,
                                                              after, start)):
            return subjectless, False
        if subjectless := _were_without_subject(doc, word, prev, following, start):
            return subjectless, False
        if prev in _MODALS:
            return None  # "which can well cover": after a modal, "well" is the adverb
        if bare := _well_before_bare_verb(word, prev, following):
            return bare, False
        if pronoun := _id_before_its_verb(word, following):
            return pronoun, False
        if low == "were" and prev == "than" and _PARTICIPLE_AFTER.match(text, end):
            return None  # "fewer reserves than were actually needed": a comparative's verb
        if low == "its" and following.lower().endswith("ing") and (after or "").lower() == "of":
            return None  # "said its offering of 14,000 units": a noun in -ing
        if low == "its" and following.lower() in ("said", "says") and (after or "") != "that":
            return None  # "its said it bought": a slip for "it said", not "it’s"
        if low == "its" and following.lower() in _POSSESSIVE_DETERMINERS:
            # "know its their last chance": a possessive takes a noun, never another
            # possessive (the three human corpora write "its their/his/her/our/my/your" 0
            # times, "it's their" 5)
            return ContextOdds("it's", 0.0, 0.0, 0, 0,
                               f"“{word} {following}”: a possessive is never followed by "
                               f"another (“{following}”)"), False
        if low == "its" and initial and its_opens_clause(following, after):
            return ContextOdds("it's", 0.0, 0.0, 0, 0,
                               f"“{word} {following} {after}” opens a sentence with a clause, "
                               f"and a possessive takes a noun, not “{following}”"), False
        if low == "its" and after and following.lower() not in _NOT_ADJECTIVE \
                and following.lower() not in PREPOSITIONS and after.lower() not in _CLAUSE_NEXT:
            # "its known length", "its widely used program": its noun follows; unless the
            # -ing word and the next make a phrasal verb ("Its catching up with them")
            phrasal = _its_before_phrasal_verb(text, low, prev, following, after, nxt.end())
            return (phrasal, False) if phrasal is not None else None
        odds = context_odds(low, prev, following.lower(), after.lower() if after else None)
        if odds is None:
            return None
        if initial and word[0].isupper() and _written_mid_sentence(doc, word):
            return None  # the story writes "Shell" in mid-sentence: a name
        if low in _PRONOUN_FIRST and not initial and odds.log_odds - odds.right < 0.5:
            # "we’re", "we’ll", "he’ll", "I’d" need their pronoun as a subject: the word before
            # must be one that a subject follows ("said", "that", a sentence start), not a
            # noun that is the subject already ("reporters were barred"); "and" is that word
            # when the sentence's "we’re" clause goes on ("We’re betting ..., and were betting")
            we_clause = _continues_we_clause(doc, low, prev, following, start)
            return (we_clause, False) if we_clause is not None else None
        if not _favours_contraction(odds, initial):
            if low in ("cant", "wont") and not odds.against and following.isalpha() \
                    and following.islower() and following not in DETERMINERS \
                    and prev not in _POSSESSIVE_BEFORE:
                # "cant" and "wont" are all but unused as words ("his wont"): before any
                # lower-case word that is not an article, the contraction is the reading
                return odds, False
            return None
        safe = (low in _SAFE_WORDS and odds.log_odds >= 2.5 and odds.right >= 1.5
                and odds.support >= 20 and odds.support >= 15 * odds.against) or \
            (low == "its" and following.lower() in _NEVER_AFTER_POSSESSIVE and odds.log_odds >= 1.5)
        return odds, safe


def _favours_contraction(odds, initial: bool) -> bool:
    """The counts favour the contraction: either the word before settles it on its own
    (twentyfold: "Were" opening a statement, where "were" only opens questions) and the word
    after does not speak against it; or wire copy has written the contraction before the
    word that follows, the evidence is tenfold in all (the damaged reading has to beat the
    word's own, far more common, use), the words after favour it, and wire copy (nearly)
    never writes the word there or the word before also favours the contraction."""
    left = odds.log_odds - odds.right
    if initial and left >= 1.3 and odds.right >= 0:
        return True  # "Were betting", "Were not": only the contraction opens a statement so
    return (odds.support > 0 and odds.log_odds >= 1.5 and odds.right >= 0.3
            and (odds.support >= 10 * odds.against or left >= 1.0))
