"""WF101 mojibake."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._ftfy_repairs import encoding_repairs, mojibake_markers


class Mojibake(Rule):
    """Text that was encoded in one character set and decoded in another: "â€™" for "’".

    ## What it does
    Finds mojibake (UTF-8 bytes read as Windows-1252, Latin-1, Mac Roman, Windows-1250/1251,
    code page 437, sometimes several times over) with ftfy's detector, and restores the
    characters that were meant. Each damaged stretch is its own finding, and the message
    says which encodings were confused.

    ## Why it happens in wire copy
    Copy passes through content systems, databases and scrapers that disagree about the
    character set: a curly apostrophe written as UTF-8 and read as Windows-1252 becomes
    "â€™", an "é" becomes "Ã©", and a second wrong round trip doubles the damage
    ("Ã¢â‚¬â„¢").

    ## Example
    "Assangeâ€™s lawyer" becomes "Assange’s lawyer"; "cafÃ©" becomes "café".

    ## Fix safety
    Safe: ftfy only changes a line when its badness heuristic says the text is mojibake and
    the repair decodes cleanly; text that merely looks odd ("ВІКІ", "Brontë…”") is left
    alone. Lines are repaired one at a time, so a correct line is never re-decoded because
    of its neighbour.

    ## Known false positives
    ftfy's heuristic is tuned for precision: rare strings of symbols that are valid text but
    also valid mojibake could be changed. ftfy's own test suite has one such synthetic case
    and wirefix passes every case ftfy does.
    """

    code = "WF101"
    name = "mojibake"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "mojibake: “{bad}” is “{good}”, {why}"
    fix_title = "Replace with “{good}”"
    # ftfy only ever repairs text that holds a lead-byte character (see _ftfy_repairs)
    looks_for = LooksFor.chars("".join(sorted(mojibake_markers())))
    examples = (
        Example.bad("Assangeâ€™s lawyer said", flagged=["â€™"], fixed="Assange’s lawyer said"),
        Example.bad("the cafÃ© owner", flagged=["Ã©"], fixed="the café owner"),
        Example.bad("â€œlossy decodingâ€�", flagged=["â€œ", "â€�"], fixed="“lossy decoding�"),
        Example.bad("He said:\nEcuadorâ€™s decision\nwas final.", flagged=["â€™"],
                    fixed="He said:\nEcuador’s decision\nwas final."),
        Example.bad("Times New Ã¢â‚¬Å“ RomanceÃ¢â‚¬Â\x9d.", flagged=["Ã¢â‚¬Å“", "Ã¢â‚¬Â\x9d"],
                    fixed="Times New “ Romance”."),
        # the decode dropped 0x9D, the last byte of "”": ftfy alone would give "deal,†he said"
        Example.bad("“It’s a good deal,â€ he said. “We waited 70 years.â€",
                    flagged=["â€", "â€"], fixed="“It’s a good deal,” he said. “We waited 70 years.”"),
        Example.good("The café owner said Brontë’s novel…”"),
        Example.good("ВІКІ is Ukrainian for WIKI"),
        Example.good("a radius of 10 Å—"),
        Example.good("There are a lot of Ã’s in mojibake text"),
    )

    def check(self, doc, ctx):
        text = doc.text
        for r in encoding_repairs(doc):
            if r.kind != "mojibake" or waits_for_unwrap(doc, ctx, r.start, r.end):
                continue
            yield self.finding(r.start, r.end, [r.replacement], bad=text[r.start:r.end],
                               good=r.replacement, why=r.explanation)
