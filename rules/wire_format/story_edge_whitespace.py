"""WF303 story-edge-whitespace."""
from __future__ import annotations


from wirefix.cleaner.findings import Applicability
from wirefix.cleaner.patterns import lazy_regex
from wirefix.rules.base import Example, Phase, Rule

_LEADING = lazy_regex(r"\A(?:[ \t\u00a0\ufeff]*(?:\r\n|\n|\r))*[ \t\u00a0\ufeff]*")
_FINAL_BREAK = lazy_regex(r"(?:\r\n|\n|\r)\Z")


class StoryEdgeWhitespace(Rule):
    """Spaces or blank lines before the first word or after the last line of a story.

    ## What it does
    Removes white space before the story's first character, and trims what follows its last
    character to the story's own final line break (or nothing, if it had none).

    ## Why it happens in wire copy
    Scrapers join fields with spaces and newlines, and feeds pad records; the stray space then
    breaks dateline detection and slug matching downstream.

    ## Example
    " BEIJING (AP) — ..." becomes "BEIJING (AP) — ...".

    ## Fix safety
    Safe: white space at the edges of a story carries nothing. The final line break is kept
    exactly as the story wrote it (LF or CRLF).

    ## Known false positives
    Stories whose every paragraph is indented (old wire feeds) keep the first paragraph's
    indentation, which belongs to that layout.
    """

    code = "WF303"
    name = "story-edge-whitespace"
    family = "wire-format"
    phase = Phase.RAW
    applicability = Applicability.SAFE
    message = "{where} of the story"
    fix_title = "Remove it"
    examples = (
        Example.bad(" BEIJING (AP) — The talks began.\n", flagged=[" "],
                    fixed="BEIJING (AP) — The talks began.\n"),
        Example.bad("\n\nThe talks began.  \n\n\n", flagged=["\n\n", "  \n\n\n"],
                    fixed="The talks began.\n"),
        Example.bad("The talks began.\r\n\r\n", flagged=["\r\n\r\n"], fixed="The talks began.\r\n"),
        Example.bad("The talks began.\n   ", flagged=["\n   "], fixed="The talks began."),
        Example.good("The talks began.\n"),
        Example.good("The talks began."),
        Example.good("    Showers continued in the zone.\n    The dry period means delays.\n"),
    )

    def check(self, doc, ctx):
        text = doc.text
        if not text.strip():
            return
        lead = _LEADING.match(text)
        if lead and lead.end() > 0 and not self._indented_layout(doc, lead.group()):
            yield self.finding(0, lead.end(), [""], where="White space at the start")
        kept = len(text.rstrip())
        if kept < len(text):
            tail = text[kept:]
            brk = _FINAL_BREAK.search(tail)    # the story's own final line break, if any
            want = brk.group() if brk else ""
            if tail != want:
                yield self.finding(kept, len(text), [want], where="White space at the end")

    @staticmethod
    def _indented_layout(doc, lead: str) -> bool:
        """Only spaces before the first line, and other paragraphs indented too."""
        if "\n" in lead or "\r" in lead:
            return False
        indented = [p for p in doc.paragraphs[1:] if doc.text[doc.lines[p.first_line].start] in " \t"]
        return len(doc.paragraphs) > 1 and len(indented) >= (len(doc.paragraphs) - 1) / 2
