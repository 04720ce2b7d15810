"""The review app's key map: one table for the bindings, the Footer, the help screen, the
command palette and docs/review.md."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    keys: str          # Textual key names, comma-separated
    shown: str         # how the help screen and docs/review.md write the keys
    action: str        # ReviewApp.action_<name>
    title: str         # the command palette's title
    help: str          # one line for the help screen
    footer: bool = False
    footer_label: str = ""


KEYS: tuple[Key, ...] = (
    Key("j", "j", "next_pending", "Next pending change",
        "Go to the next pending change", True, "next"),
    Key("k", "k", "previous_pending", "Previous pending change",
        "Go to the previous pending change", True, "prev"),
    Key("J", "J", "next_any", "Next change", "Go to the next change, decided or not"),
    Key("K", "K", "previous_any", "Previous change", "Go to the previous change, decided or not"),
    Key("y", "y", "accept", "Accept", "Accept the change and move on", True, "accept"),
    Key("n", "n", "reject", "Reject", "Reject the change (dismiss a flag) and move on",
        True, "reject"),
    Key("space", "space", "toggle", "Toggle", "Toggle the change between accepted and rejected"),
    Key("m", "m", "defer", "Defer (ask the desk)",
        "Defer the change with a note for the desk, and move on", True, "defer"),
    Key("u,ctrl+z", "u  ctrl+z", "undo", "Undo", "Undo the last decision (a stack; it "
        "survives a save)", True, "undo"),
    Key("ctrl+y", "ctrl+y", "redo", "Redo", "Redo what was undone"),
    Key("a", "a", "accept_identical", "Accept identical",
        "Accept every pending change identical to this one (same rule, same before→after); "
        "shows the count first"),
    Key("d", "d", "reject_identical", "Reject identical",
        "Reject every pending change identical to this one; shows the count first"),
    Key("A", "A", "accept_shown", "Accept all shown",
        "Accept every pending change the filter shows, after a confirmation that counts "
        "the unsafe ones and offers the safe ones only"),
    Key("D", "D", "reject_shown", "Reject all shown",
        "Reject every pending change the filter shows, after a confirmation"),
    Key("e", "e", "edit", "Edit by hand",
        "Write the text by hand: a fix's words, or the sentence or paragraph around a flag "
        "(enter keeps it, esc cancels)", True, "edit"),
    Key("E", "E", "external_edit", "Edit in $EDITOR",
        "Open the story in $EDITOR at this line; re-check it afterwards, keeping decisions"),
    Key("1,2,3,4,5,6,7,8,9", "1…9", "choose", "Choose an option",
        "Accept option N of the change (or a flag's hint N)"),
    Key("f", "f", "filter", "Filter", "Show only a status, a family, a rule, or both",
        True, "filter"),
    Key("left_square_bracket", "[", "narrow", "Narrow the context", "Show less text around the change"),
    Key("right_square_bracket", "]", "widen", "Widen the context", "Show more text around the change"),
    Key("r", "r", "docs", "Rule documentation", "Show or hide the rule's documentation"),
    Key("p", "p", "preview", "Preview the saved text", "Preview the final text with the accepted changes"),
    Key("slash", "/", "search", "Search", "Search the changes (rule, words, nearby text)"),
    Key("full_stop", ".", "search_next", "Next match", "Go to the next match of the search"),
    Key("comma", ",", "search_previous", "Previous match",
        "Go to the previous match of the search"),
    Key("w", "w", "save", "Save", "Save the story with the accepted changes", True, "save"),
    Key("q", "q", "quit", "Quit", "Quit (asks first when the story is not saved)", True, "quit"),
    Key("question_mark", "?", "help", "Help", "Show all keys", True, "help"),
)
# The Footer shows these first, so that a narrow terminal keeps the keys an editor needs.
FOOTER_ORDER = ("accept", "reject", "save", "quit", "help", "next_pending", "previous_pending",
                "defer", "edit", "undo", "filter")

# Keys that Textual provides and the help screen lists too.
EXTRA_HELP: tuple[tuple[str, str], ...] = (
    ("ctrl+p", "Command palette: every action above by name"),
    ("↑ ↓ PgUp PgDn", "Move in the list of changes"),
)


def bindings():
    """Textual ``Binding``\\ s for the table (imported lazily: Textual is only needed here)."""
    from textual.binding import Binding

    out = []
    rank = {a: i for i, a in enumerate(FOOTER_ORDER)}
    for k in sorted(KEYS, key=lambda k: rank.get(k.action, len(rank))):
        if k.action == "choose":
            for n in k.keys.split(","):
                out.append(Binding(n, f"choose({n})", k.title, show=False))
            continue
        first, *rest = k.keys.split(",")
        out.append(Binding(first, k.action, k.footer_label or k.title, show=k.footer))
        for other in rest:
            out.append(Binding(other, k.action, k.title, show=False))
    return out


def markdown_table() -> str:
    """The key map for docs/review.md."""
    rows = ["| Key | Action |", "|---|---|"]
    for k in KEYS:
        rows.append(f"| `{k.shown}` | {k.help} |")
    for shown, text in EXTRA_HELP:
        rows.append(f"| `{shown}` | {text} |")
    return "\n".join(rows)
