"""WF103 html-entity."""
from __future__ import annotations



from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, LooksFor, Phase, Rule
from wirefix.rules.whitespace._layout import waits_for_unwrap

from ._entities import (ENTITY, REUTERS_MARKUP, cp1252_note, decode, double_escaped_spans,
                        inside, is_broken_reference, is_control_reference, markup_runs)
from ._ftfy_repairs import changed_stretches

_NON_ASCII = lazy_regex(r"[^\x00-\x7f]")


class HtmlEntity(Rule):
    """An HTML entity or character reference left in plain text: "&lt;", "&#39;", "&apos;".

    ## What it does
    Decodes named entities ("&amp;", "&eacute;"), numeric references ("&#8217;",
    "&#x2019;") and Moses tokeniser escapes ("&apos;", "&quot;", "&#124;") into the
    characters they stand for, one finding per entity.

    ## Why it happens in wire copy
    Copy is escaped for HTML or XML on its way through a feed and never unescaped. Reuters'
    1987 feed half-escaped its company markup ("&lt;BP>" for "<BP>"); statistical MT
    pipelines escape apostrophes as "&apos;"; Windows tools write curly quotes as
    "&#146;", a Windows-1252 byte dressed up as a Unicode number.

    ## Example
    "Plc &lt;BP>, which" becomes "Plc <BP>, which"; "it&apos;s" becomes "it's";
    "the minister&#146;s" becomes "the minister’s".

    ## Fix safety
    Safe: an entity that decodes is unambiguous. Unsafe when the decoded character joins
    the mojibake around it ("10Î&frac14;s" is "10μs" only after a second repair): two layers
    of damage make the combined repair a guess. A reference to no character ("&#0;") is only
    flagged. References to control codes ("&#3;") belong to feed-control-code (WF350);
    escaped tags to escaped-html-markup (WF106); "&amp;#39;" to double-escaped-entity (WF104).

    ## Known false positives
    A story about HTML that quotes an entity on purpose ("type &amp;nbsp; for a space") is
    decoded too; protect such passages with `ignore-patterns`. Entities without a semicolon
    ("&amp" or "R&D") are never touched.
    """

    code = "WF103"
    name = "html-entity"
    family = "encoding"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "HTML entity “{entity}” is “{char}”{detail}"
    fix_title = "Replace with “{char}”"
    looks_for = LooksFor(patterns=[r"&[#A-Za-z][0-9A-Za-z]{0,31};"])
    examples = (
        Example.bad("British Petroleum Co Plc &lt;BP>, which also owns", flagged=["&lt;"],
                    fixed="British Petroleum Co Plc <BP>, which also owns"),
        Example.bad("it&apos;s a deal , &quot;he said&quot;", flagged=["&apos;", "&quot;", "&quot;"],
                    fixed="it's a deal , \"he said\""),
        Example.bad("the minister&#146;s visit", flagged=["&#146;"], fixed="the minister’s visit"),
        Example.bad("Caf&eacute; Tortoni &amp; Co", flagged=["&eacute;", "&amp;"],
                    fixed="Café Tortoni & Co"),
        Example.bad("Texas Instruments Inc. &lt;TXN.N&gt;, on Thursday", flagged=["&lt;", "&gt;"],
                    fixed="Texas Instruments Inc. <TXN.N>, on Thursday"),
        Example.bad("10Î&frac14;s", flagged=["Î&frac14;"], fixed="10μs"),
        Example.bad("a broken &#0; reference", flagged=["&#0;"]),
        Example.good("AT&T and R&D spending rose; S&P said so."),
        Example.good("Ends with a control code&#3;"),
        Example.good("Turner &amp;#39; s"),
        Example.good("He said &lt;b&gt;hello&lt;/b&gt; twice."),
        Example.good("Unknown &notanentity; stays."),
    )

    def check(self, doc, ctx):
        text = doc.text
        markup = markup_runs(doc)
        doubles = double_escaped_spans(doc)
        for m in ENTITY.finditer(text):
            s, e = m.span()
            entity = m.group()
            if is_control_reference(entity) or waits_for_unwrap(doc, ctx, s, e):
                continue
            if (markup and inside(markup, s, e)) or (doubles and inside(doubles, s, e)):
                continue
            if is_broken_reference(entity):
                yield self.finding(s, e, message="“{entity}” refers to no character; "
                                   "a character was lost here", applicability=Applicability.DISPLAY,
                                   fix_title="Restore the character from the source",
                                   entity=entity)
                continue
            char = decode(entity)
            if char is None:
                continue
            tangled = _tangled_with_mojibake(doc, s, e, char)
            if tangled is not None:
                a, b, repl = tangled
                yield self.finding(
                    a, b, [repl], applicability=Applicability.UNSAFE,
                    message=("HTML entity inside mojibake: “{span}” decodes to “{decoded}”, "
                             "which is mojibake for “{repl}”; two layers of damage, check it"),
                    fix_title="Replace with “{repl}”",
                    span=text[a:b], decoded=text[a:s] + char + text[e:b], repl=repl)
                continue
            note = cp1252_note(entity)
            if entity.lower() == "&lt;" and REUTERS_MARKUP.match(text, s):
                note = " (Reuters company markup, half escaped)"
            yield self.finding(s, e, [char], entity=entity, char=_shown(char), detail=note)


def _shown(char: str) -> str:
    return {"\xa0": "no-break space", "\n": "line break", "\t": "tab"}.get(char, char)


_WHOLE_LINE = 256      # lines up to this long are read whole by ftfy
_REACH = 64            # on a longer line, at most this far either side of the entity


def _stretch_around(text: str, ls: int, le: int, s: int, e: int) -> tuple[int, int]:
    """The stretch of the line ``ls:le`` around ``s:e`` between spaces or tabs."""
    lo = max(ls, s - _REACH, text.rfind(" ", ls, s) + 1, text.rfind("\t", ls, s) + 1)
    ends = [p for p in (text.find(" ", e, le), text.find("\t", e, le)) if p != -1]
    hi = min([le, e + _REACH] + ends)
    return lo, hi


def _tangled_with_mojibake(doc, s: int, e: int, char: str) -> tuple[int, int, str] | None:
    """If decoding the entity makes mojibake with its neighbours, the combined span and
    its repair; None when the decoded character stands on its own."""
    text = doc.text
    if not _NON_ASCII.search(char):
        return None
    near = text[max(0, s - 3):s] + text[e:e + 3]
    if not _NON_ASCII.search(near):
        return None
    line = doc.lines[doc.line_index(s)]
    ls, le = line.start, line.end
    if le - ls > _WHOLE_LINE:
        # a long line: ftfy reads the entity's own stretch between spaces (mojibake never
        # spans an ASCII space), so that a line of entities is not re-read once per entity
        ls, le = _stretch_around(text, ls, le, s, e)
    decoded = text[ls:s] + char + text[e:le]
    import ftfy

    fixed = ftfy.fix_encoding(decoded)
    if fixed == decoded:
        return None
    d0, d1 = s - ls, s - ls + len(char)
    for a, b, repl in changed_stretches(decoded, fixed):
        if a < d1 and d0 < b or (a == b and d0 <= a <= d1):
            lo, hi = min(a, d0), max(b, d1)
            replacement = decoded[lo:a] + repl + decoded[b:hi]
            shift = (e - s) - len(char)
            return ls + lo, ls + hi + shift, replacement
    return None
