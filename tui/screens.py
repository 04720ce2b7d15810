"""The review app's modal screens: confirm, edit, filter, search, preview, help, quit."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from wirefix.cleaner.review import Change, Filter

from . import render
from .keys import EXTRA_HELP, KEYS


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. y or enter says yes; n or esc says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "yes"),
        Binding("n,escape", "answer(False)", "no"),
    ]

    def __init__(self, question: str, detail: Content | str = "", *, title: str = "Confirm"):
        super().__init__()
        self.question = question
        self.detail = detail
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield Static(Content(self.question), id="question")
            if self.detail:
                yield Static(self.detail if isinstance(self.detail, Content)
                             else Content(self.detail), classes="dialog-detail")
            yield Static(Content.styled("y / enter: yes     n / esc: no", "$text-muted"),
                         classes="dialog-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class QuitScreen(ModalScreen[str]):
    """Quitting with unsaved changes: save first, quit anyway, or stay."""

    BINDINGS = [
        Binding("s,w", "choose('save')", "save and quit"),
        Binding("q,y", "choose('discard')", "quit without saving"),
        Binding("escape,n,c", "choose('cancel')", "cancel"),
    ]

    def __init__(self, accepted: int):
        super().__init__()
        self.accepted = accepted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("The story is not saved", "bold"), classes="dialog-title")
            yield Static(Content(
                f"{self.accepted} accepted change{'s are' if self.accepted != 1 else ' is'} "
                "not in the story yet. Your decisions are kept in the log either way, so "
                "re-opening the story resumes the review."))
            yield Static(Content.styled(
                "s: save and quit     q: quit without saving     esc: keep reviewing",
                "$text-muted"), classes="dialog-keys")

    def action_choose(self, what: str) -> None:
        self.dismiss(what)


class EditScreen(ModalScreen["str | None"]):
    """Write the text by hand. Enter keeps it and esc cancels; a line break needs ctrl+j and
    a yes, so that a stray Enter never splits a paragraph of the story."""

    BINDINGS = [
        Binding("enter,ctrl+s", "keep", "keep", priority=True),
        Binding("escape", "cancel", "cancel", priority=True),
        Binding("ctrl+j", "line_break", "line break", priority=True),
    ]

    def __init__(self, change: Change, before: str, start_text: str, blink: bool = True):
        super().__init__()
        self.change = change
        self.before = before
        self.start_text = start_text
        self.blink = blink

    def compose(self) -> ComposeResult:
        ch = self.change
        what = "the text around this flag" if ch.is_flag else "the replacement"
        with Vertical(classes="dialog wide"):
            yield Static(Content.styled(f"Edit {what} · {ch.rule}", "bold"),
                         classes="dialog-title")
            shown = self.before if len(self.before) <= 160 else \
                self.before[:90] + " … " + self.before[-60:]
            yield Static(Content.assemble(("Before  ‹", "$text-muted"),
                                          render.visible(shown, "$text-error"),
                                          ("›", "$text-muted")), id="edit-before")
            area = TextArea(self.start_text, id="replacement", soft_wrap=True,
                            show_line_numbers=False)
            area.cursor_blink = self.blink
            yield area
            yield Static(Content.styled("enter: keep this wording     esc: cancel     "
                                        "ctrl+j: a line break (asks first)", "$text-muted"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_line_break(self) -> None:
        area = self.query_one(TextArea)

        def done(yes: bool | None) -> None:
            if yes:
                area.insert("\n")
            area.focus()

        self.app.push_screen(ConfirmScreen(
            "Put a line break into the story here?",
            "A line break inside a paragraph splits it in two.", title="Line break"), done)


class LineScreen(ModalScreen["str | None"]):
    """One line of text from the editor: enter gives it, esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]
    TITLE_TEXT = ""
    PLACEHOLDER = ""
    KEYS = ""
    BOX_ID = "line"

    def __init__(self, value: str = "", blink: bool = True):
        super().__init__()
        self.value = value
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), classes="dialog-title")
            box = Input(self.value, placeholder=self.PLACEHOLDER, id=self.BOX_ID)
            box.cursor_blink = self.blink
            yield box
            yield Static(Content.styled(f"enter: {self.KEYS}     esc: cancel", "$text-muted"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteScreen(LineScreen):
    """Defer a change: a note for the desk."""

    TITLE_TEXT = "Defer: a note for the desk"
    PLACEHOLDER = "what to ask"
    KEYS = "defer with this note"
    BOX_ID = "note"


class BulkScreen(ModalScreen["str | None"]):
    """Accept many changes: all of them (y), only the safe ones (s), or none (n, esc)."""

    BINDINGS = [
        Binding("y,enter", "answer('all')", "all"),
        Binding("s", "answer('safe')", "safe only"),
        Binding("n,escape", "answer('cancel')", "cancel"),
    ]

    def __init__(self, question: str, detail: str, total: int, unsafe: int):
        super().__init__()
        self.question = question
        self.detail = detail
        self.total = total
        self.unsafe = unsafe

    def compose(self) -> ComposeResult:
        safe = self.total - self.unsafe
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Accept many", "bold"), classes="dialog-title")
            yield Static(Content(self.question), id="question")
            counts = (f"{self.unsafe} of them {'are' if self.unsafe != 1 else 'is'} unsafe "
                      f"(may change what the copy says); {safe} "
                      f"{'are' if safe != 1 else 'is'} safe.")
            yield Static(Content.styled(counts, "bold $text-warning" if self.unsafe else ""),
                         id="bulk-counts")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            keys = "y / enter: accept all     " + (f"s: accept the {safe} safe only     "
                                                   if self.unsafe and safe else "") + "n / esc: cancel"
            yield Static(Content.styled(keys, "$text-muted"), classes="dialog-keys")

    def action_answer(self, what: str) -> None:
        if what == "safe" and not (self.unsafe and self.total - self.unsafe):
            return
        self.dismiss(what)


class FilterScreen(ModalScreen["Filter | None"]):
    """Pick what the list shows: everything, a status, flags, a family or a rule, or one of
    those with only its pending changes."""

    BINDINGS = [Binding("escape,f", "cancel", "cancel")]

    def __init__(self, options: list[tuple[Filter, int]], current: Filter):
        super().__init__()
        self.choices = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Filter the changes", "bold"), classes="dialog-title")
            items = []
            for i, (flt, n) in enumerate(self.choices):
                label = Content.assemble((flt.label, "bold" if flt == self.current else ""),
                                         (f"  ({n})", "$text-muted"))
                items.append(Option(label, id=f"f{i}"))
            yield OptionList(*items, id="filters", markup=False)
            yield Static(Content.styled("enter: apply     esc: cancel", "$text-muted"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.focus()
        for i, (flt, _n) in enumerate(self.choices):
            if flt == self.current:
                ol.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class SearchScreen(LineScreen):
    """A search query; enter searches (again, from the current change)."""

    TITLE_TEXT = "Search the changes"
    PLACEHOLDER = "a word, a rule, a family…"
    KEYS = "find the next match"
    BOX_ID = "query"


class PreviewScreen(ModalScreen[None]):
    """The text as saving would write it."""

    BINDINGS = [Binding("escape,p,q", "close", "close")]

    def __init__(self, body: Content, summary: str):
        super().__init__()
        self.body = body
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full"):
            yield Static(Content.assemble(("Preview of the saved text  ", "bold"),
                                          (self.summary, "$text-muted")), classes="dialog-title")
            with VerticalScroll(id="preview-scroll"):
                yield Static(self.body, id="preview-text", markup=False)
            yield Static(Content.styled("esc / p: back to the review", "$text-muted"),
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the review app."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "close")]

    def compose(self) -> ComposeResult:
        rows: list[Content] = [Content.styled("Keys", "bold"), Content("")]
        width = max(len(k.shown) for k in KEYS)
        for k in KEYS:
            rows.append(Content.assemble((k.shown.ljust(width + 2), "bold $text-accent"), k.help))
        for shown, text in EXTRA_HELP:
            rows.append(Content.assemble((shown.ljust(width + 2), "bold $text-accent"), text))
        rows += [
            Content(""),
            Content.styled("Status: ○ pending  ✓ accepted  ✗ rejected  ? deferred  "
                           "✎ fixed by hand  ⚐ a flag (no fix)  N⇄ options  ×N places",
                           "$text-muted"),
            Content.styled("In the diff: struck = deleted (⌫ marks deleted punctuation), "
                           "marked = inserted; ⍽ no-break space, ↵ line break, ⇥ tab, "
                           "∅ zero-width; quotes and dashes are underlined and named.",
                           "$text-muted"),
        ]
        with Vertical(classes="dialog wide"):
            with VerticalScroll(id="help-scroll"):
                yield Static(Content("\n").join(rows), markup=False, id="help-text")
            yield Static(Content.styled("esc / ?: close", "$text-muted"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["BulkScreen", "ConfirmScreen", "EditScreen", "FilterScreen", "HelpScreen",
           "NoteScreen", "PreviewScreen", "QuitScreen", "SearchScreen"]
