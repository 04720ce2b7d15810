"""Damage clean wire stories the way machine-translation round trips do, and score wirefix
on the damage: which sites it detects (a finding of the site's family over the site) and
which it repairs (after the safe and unsafe fixes, the site reads as the clean story did).

The stories are tests/data/generalisation/*.txt (written for this project: AP and Reuters
styles, many names, countries and companies). The damage is drawn with a fixed seed per
story, so the set is the same on every run. Used by tests/test_mt_generalisation.py and
bench/mt_generalisation.py.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

STORIES = Path(__file__).parent / "data" / "generalisation"
HOLDOUT = Path(__file__).parent / "data" / "generalisation_holdout"
HOLDOUT2 = Path(__file__).parent / "data" / "generalisation_holdout2"
HOLDOUT3 = Path(__file__).parent / "data" / "generalisation_holdout3"
HOLDOUT4 = Path(__file__).parent / "data" / "generalisation_holdout4"
HOLDOUT5 = Path(__file__).parent / "data" / "generalisation_holdout5"
HOLDOUT6 = Path(__file__).parent / "data" / "generalisation_holdout6"
HOLDOUT7 = Path(__file__).parent / "data" / "generalisation_holdout7"
HOLDOUT8 = Path(__file__).parent / "data" / "generalisation_holdout8"

# The family each kind of damage belongs to (the rules of that family should find it).
FAMILY = {
    "possessive": "possessive",
    "contraction-word": "contraction", "contraction-nonword": "contraction",
    "contraction-space": "contraction", "contraction-odd-mark": "contraction",
    "contraction-own-verb": "contraction", "contraction-doubled-modal": "contraction",
    "its-for-person": "agreement",
    "stripped-quote": "quotation",
    "stray-stop-preposition": "sentence-boundary", "stray-stop-conjunction": "sentence-boundary",
    "fragment": "sentence-boundary",
    "doubled-word": "repetition",
    "mixed-us": "consistency",
    "dateline-dash": "wire-format",
    "missing-stop": "punctuation",
}
# Kinds whose repair is only flagged by design (an editor rewords the clause).
FLAG_ONLY = {"fragment"}


@dataclass
class Site:
    kind: str
    start: int              # in the clean story
    end: int
    damaged: str            # what replaces clean[start:end]
    accept: tuple[str, ...] = ()   # other repairs that count (besides the clean text)
    dstart: int = 0         # in the damaged story
    dend: int = 0
    guard: tuple[int, ...] = field(default_factory=tuple)  # clean offsets other sites avoid

    @property
    def family(self) -> str:
        return FAMILY[self.kind]


# "It’s", "That’s": contractions, not possessives
_NOT_POSSESSIVE = frozenset("It That There What Here Let He She Who Where".split())

_CONTRACTION_WORDS = {  # contraction -> the real word it becomes without its apostrophe
    "it’s": "its", "we’re": "were", "we’ll": "well", "he’ll": "hell", "she’ll": "shell",
    "I’ll": "Ill", "we’d": "wed", "I’d": "Id", "can’t": "cant", "won’t": "wont",
}
_CONTRACTION_NONWORDS = {
    "don’t": "dont", "didn’t": "didnt", "doesn’t": "doesnt", "isn’t": "isnt", "couldn’t":
    "couldnt", "they’re": "theyre", "that’s": "thats", "there’s": "theres", "I’m": "Im",
    "we’ve": "weve", "they’ve": "theyve", "I’ve": "Ive", "you’re": "youre", "wasn’t": "wasnt",
}
_PREPOSITIONS = ("for", "on", "in", "at", "with", "from", "after", "during", "by", "near",
                 "across", "over", "until", "since")
_VERBS_BEFORE_PRONOUN = ("began", "ended", "made", "spent", "gave", "defended", "presented",
                         "shared", "explained", "planned", "met", "opened", "started",
                         "finished", "delivered", "announced", "took", "held", "led")


def _variants(word: str) -> list[str]:
    return [word, word[0].upper() + word[1:]] if word[0].islower() else [word]


def candidate_sites(text: str, rng: random.Random) -> list[Site]:
    """Every place of the clean story where a kind of damage could be made."""
    out: list[Site] = []
    straight = text.count("'") + text.count('"') > text.count("’") + text.count("“")

    def q(s: str) -> str:
        return s.replace("’", "'") if straight else s

    # possessive: "Japan’s" -> "Japans’"
    for m in re.finditer(r"(?<![\w’'-])([A-Z][a-z]+)([’'])s(?![\w])", text):
        if re.search(r"\b[Tt]he\s+$", text[max(0, m.start() - 5):m.start()]) or \
                m.group(1) in _NOT_POSSESSIVE:
            continue
        out.append(Site("possessive", m.start(), m.end(), m.group(1) + "s" + m.group(2)))
    # contractions that become real words, non-words, spaced, odd marks
    for table, kind in ((_CONTRACTION_WORDS, "contraction-word"),
                        (_CONTRACTION_NONWORDS, "contraction-nonword")):
        for contraction, word in table.items():
            for form in _variants(contraction):
                bare = word if form[0] == contraction[0] else word[0].upper() + word[1:]
                for m in re.finditer(rf"(?<![\w’'-]){re.escape(q(form))}(?![\w’'-])", text):
                    out.append(Site(kind, m.start(), m.end(), bare))
    for m in re.finditer(r"(?<![\w’'-])(He|She|We|They|I|he|she|we|they)([’'])ll(?= [a-z])", text):
        out.append(Site("contraction-space", m.start(), m.end(), m.group(1) + " ll"))
    for m in re.finditer(r"(?<![\w’'-])(\w+n)([’'])t(?![\w])", text):
        if m.group(1).lower() in ("can", "won"):
            continue
        out.append(Site("contraction-space", m.start(), m.end(), m.group(1) + " t"))
    for m in re.finditer(r"(?<![\w’'-])(I)([’'])(m|ve)(?![\w])", text):
        out.append(Site("contraction-space", m.start(), m.end(), f"I{m.group(2)} {m.group(3)}"))
    for m in re.finditer(r"(?<=[a-z])([’'])(t|s|ll|re|ve)(?![\w’'])", text):
        mark = rng.choice(["´", "`", m.group(1) * 2])
        lo = m.start()
        while lo > 0 and text[lo - 1].isalpha():
            lo -= 1
        out.append(Site("contraction-odd-mark", lo, m.end(), text[lo:m.start()] + mark + m.group(2)))
    for m in re.finditer(r"(?<![\w’'-])(They|We|You|They|I)([’'])ll (?=[a-z]+ )", text):
        fused = m.group(1) + ("ll" if rng.random() < 0.5 else m.group(2) + "ll")
        if fused.lower() in ("well", "ill"):
            fused = m.group(1) + m.group(2) + "ll"
        out.append(Site("contraction-own-verb", m.start(), m.end() - 1, fused + " will",
                        accept=(m.group(1) + " will",)))
    for m in re.finditer(r"(?<![\w’'-])(He|She|We)([’'])ll (?=[a-z]+ )", text):
        word = {"He": "Hell", "She": "Shell", "We": "Well"}[m.group(1)]
        out.append(Site("contraction-doubled-modal", m.start(), m.end() - 1, word + " will",
                        accept=(m.group(1) + " will",)))
    # "its" for a person: "Okafor began his visit" -> "Okafor began its visit"
    for m in re.finditer(rf"\b[A-Z][a-z]+ (?:{'|'.join(_VERBS_BEFORE_PRONOUN)}) (his|her)\b", text):
        out.append(Site("its-for-person", m.start(1), m.end(1), "its"))
    # stripped quotation marks: every mark of a paragraph that quotes
    for para in re.finditer(r"[^\n]+", text):
        marks = [i for i in range(para.start(), para.end()) if text[i] in "“”\""]
        if len(marks) >= 2 and len(marks) % 2 == 0:
            out.append(Site("stripped-quote", para.start(), para.end(),
                            "".join(c for c in para.group() if c not in "“”\""),
                            guard=tuple(marks)))
    # stray full stops: before a preposition, a conjunction, a relative pronoun
    for m in re.finditer(rf"(?<=[a-z]{{3}}) ({'|'.join(_PREPOSITIONS)}) (?=[\w’'-]+ [\w’'-]+ )", text):
        if _mid_sentence(text, m.start(), 25):
            out.append(Site("stray-stop-preposition", m.start(), m.start(), "."))
    for m in re.finditer(r"(?<=[a-z]{3}) (and|but) (?=[\w’'-]+ [\w’'-]+ )", text):
        if _mid_sentence(text, m.start(), 25):
            out.append(Site("stray-stop-conjunction", m.start(), m.start(), ".",
                            accept=(",",)))
    for m in re.finditer(r"(?<=[a-z]{3}),? (who|which) (?=[\w’'-]+ )", text):
        if _mid_sentence(text, m.start(), 15):
            out.append(Site("fragment", m.start(), m.start() + (text[m.start()] == ","), "."))
    # doubled function words
    for m in re.finditer(r"(?<=[a-z,] )(the|of|to|a|in)(?= [a-z])", text):
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and before[-1].endswith("ed"):
            continue  # "filled in in" would be legitimate English
        out.append(Site("doubled-word", m.start(), m.end(), f"{m.group(1)} {m.group(1)}"))
    # "U.S." -> "US" once in a story that writes "U.S."
    dotted = list(re.finditer(r"(?<![\w.])U\.S\.(?=[ -][A-Za-z])", text))
    for m in dotted if len(dotted) >= 2 else ():  # one form must remain to mix with
        out.append(Site("mixed-us", m.start(), m.end(), "US"))
    # feed and format slips (other engineers' rules; scored for the whole picture)
    m = re.match(r"[A-Z][A-Za-z .,]+ \((?:AP|Reuters)\) ([—-]) ", text)
    if m:
        out.append(Site("dateline-dash", m.start(1) - 1, m.end(1), ""))
    for m in re.finditer(r"(?<=[a-z])\.\n\n(?=[A-Z])", text):
        out.append(Site("missing-stop", m.start(), m.start() + 1, ""))
    return out


def _mid_sentence(text: str, at: int, room: int) -> bool:
    """At least ``room`` characters of the same sentence before ``at``, and no quotation
    mark or sentence end close by."""
    lo = max(0, at - room)
    window = text[lo:at + 12]
    return at - room >= 0 and not re.search(r"[.!?“”\"\n;:]", window)


def damage(text: str, seed: int, per_kind: dict[str, int] | None = None) -> tuple[str, list[Site]]:
    """The story damaged at a random selection of its candidate sites (sites at least 25
    characters apart, quotation marks of a stripped quote included), and those sites with
    their offsets in the damaged story."""
    rng = random.Random(seed)
    limits = per_kind or {
        "possessive": 3, "contraction-word": 2, "contraction-nonword": 1,
        "contraction-space": 1, "contraction-odd-mark": 1, "contraction-own-verb": 1,
        "contraction-doubled-modal": 1, "its-for-person": 1, "stripped-quote": 2,
        "stray-stop-preposition": 1, "stray-stop-conjunction": 1, "fragment": 1,
        "doubled-word": 1, "mixed-us": 1, "dateline-dash": 1, "missing-stop": 1,
    }
    candidates = candidate_sites(text, rng)
    rng.shuffle(candidates)
    # quotes first (they guard a whole paragraph's marks), then the rest
    candidates.sort(key=lambda s: s.kind != "stripped-quote")
    chosen: list[Site] = []
    taken: dict[str, int] = {}
    for site in candidates:
        if taken.get(site.kind, 0) >= limits.get(site.kind, 0):
            continue
        points = [(site.start, site.end)] if site.kind != "stripped-quote" else \
            [(g, g + 1) for g in site.guard]
        if any(_near(points, other) for other in chosen):
            continue
        if site.kind != "stripped-quote" and any(
                o.kind == "stripped-quote" and o.start <= site.start < o.end and
                site.kind in ("stray-stop-preposition", "stray-stop-conjunction", "fragment",
                              "its-for-person") for o in chosen):
            continue  # sentence damage inside a quote: too much for one paragraph
        chosen.append(site)
        taken[site.kind] = taken.get(site.kind, 0) + 1
    chosen.sort(key=lambda s: s.start)
    # apply, quotes being whole paragraphs that may contain other sites
    return _apply(text, chosen)


def _near(points, other: Site, gap: int = 25) -> bool:
    others = [(other.start, other.end)] if other.kind != "stripped-quote" else \
        [(g, g + 1) for g in other.guard]
    return any(a < d + gap and c < b + gap for a, b in points for c, d in others)


def _apply(text: str, sites: list[Site]) -> tuple[str, list[Site]]:
    """Apply the sites (a stripped quote deletes its marks; the others replace a span)."""
    edits: list[tuple[int, int, str, Site | None]] = []
    for s in sites:
        if s.kind == "stripped-quote":
            for g in s.guard:
                edits.append((g, g + 1, "", None))
        else:
            edits.append((s.start, s.end, s.damaged, s))
    edits.sort(key=lambda e: (e[0], e[1]))
    out = []
    pos = shift = 0
    starts: dict[int, int] = {}
    for start, end, new, site in edits:
        out.append(text[pos:start])
        if site is not None:
            site.dstart = start + shift
            site.dend = site.dstart + len(new)
        starts[start] = start + shift
        out.append(new)
        shift += len(new) - (end - start)
        pos = end
    out.append(text[pos:])
    damaged = "".join(out)

    def mapped(offset: int) -> int:
        delta = 0
        for start, end, new, _ in edits:
            if start < offset:
                delta += len(new) - (min(end, offset) - start)
        return offset + delta

    for s in sites:
        if s.kind == "stripped-quote":
            s.dstart, s.dend = mapped(s.start), mapped(s.end)
    return damaged, sites


def stories(folder: Path = STORIES) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


SETS = {"main": (STORIES, 1000), "holdout": (HOLDOUT, 5000), "holdout2": (HOLDOUT2, 7000),
        "holdout3": (HOLDOUT3, 9000), "holdout4": (HOLDOUT4, 11000),
        "holdout5": (HOLDOUT5, 13000), "holdout6": (HOLDOUT6, 15000),
        "holdout7": (HOLDOUT7, 17000), "holdout8": (HOLDOUT8, 19000)}


def damaged_set(which: str = "main") -> list[tuple[str, str, str, list[Site]]]:
    """(name, clean, damaged, sites) for every story, with a seed per story: the 42 stories
    of the generalisation set, or a holdout set written later to check the rules on stories
    they were not tuned to ("holdout": 14 stories, "holdout2": 12, "holdout3": 10, "holdout4" to "holdout8": 12; each
    folder's README says what was scored when)."""
    folder, base = SETS[which]
    out = []
    for i, (name, clean) in enumerate(stories(folder)):
        damaged, sites = damage(clean, seed=base + i)
        out.append((name, clean, damaged, sites))
    return out


def _window(text: str, start: int, end: int, pad: int = 8) -> str:
    return text[max(0, start - pad):end + pad]


def score(clean: str, damaged: str, sites: list[Site], findings, fixed: str) -> list[dict]:
    """Per site: detected (a finding of its family over it) and repaired (the fixed story
    reads there as the clean one, or as an accepted alternative)."""
    rows = []
    for s in sites:
        lo, hi = s.dstart, max(s.dend, s.dstart + 1)
        detected = False
        for f in findings:
            if f.family != s.family:
                continue
            spans = [(f.start, max(f.end, f.start + 1))] + [
                (e.start, max(e.end, e.start + 1)) for e in (f.fixes[0].edits if f.fixes else ())]
            if any(a < hi + 1 and lo - 1 < b for a, b in spans):
                detected = True
                break
        if s.kind == "stripped-quote":
            marks = [clean[max(0, g - 6):g + 7] for g in s.guard]
            repaired = all(fixed.count(w) >= clean.count(w) for w in marks)
        else:
            want = _window(clean, s.start, s.end)
            repaired = fixed.count(want) >= clean.count(want) > 0
            for alt in s.accept:
                alt_text = clean[max(0, s.start - 8):s.start] + alt + clean[s.end:s.end + 8]
                if s.kind.startswith("stray-stop"):
                    alt_text = clean[max(0, s.start - 8):s.start] + alt + clean[s.start:s.start + 8]
                repaired = repaired or alt_text in fixed
        rows.append({"kind": s.kind, "family": s.family, "detected": detected,
                     "repaired": repaired, "damaged": damaged[max(0, lo - 25):hi + 25]})
    return rows
