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
    """Write the replacement by hand: ctrl+s keeps it, esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "keep", priority=True),
        Binding("escape", "cancel", "cancel", priority=True),
    ]

    def __init__(self, change: Change, blink: bool = True):
        super().__init__()
        self.change = change
        self.blink = blink

    def compose(self) -> ComposeResult:
        ch = self.change
        with Vertical(classes="dialog wide"):
            yield Static(Content.styled(f"Edit the replacement · {ch.rule}", "bold"),
                         classes="dialog-title")
            yield Static(Content.assemble(("Before  ‹", "$text-muted"),
                                          render.visible(ch.before, "$text-error"),
                                          ("›", "$text-muted")))
            area = TextArea(ch.after, id="replacement", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = self.blink
            yield area
            yield Static(Content.styled("ctrl+s: keep this wording     esc: cancel",
                                        "$text-muted"), classes="dialog-keys")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen["Filter | None"]):
    """Pick what the list shows: everything, a status, flags, a family or a rule."""

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


class SearchScreen(ModalScreen["str | None"]):
    """A search query; enter searches (again, from the current change), esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, last: str = "", blink: bool = True):
        super().__init__()
        self.last = last
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Search the changes", "bold"), classes="dialog-title")
            box = Input(self.last, placeholder="a word, a rule, a family…", id="query")
            box.cursor_blink = self.blink
            yield box
            yield Static(Content.styled("enter: find the next match     esc: cancel",
                                        "$text-muted"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


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
                           "⚐ a flag (no fix)  N⇄ alternatives", "$text-muted"),
            Content.styled("In the diff: struck = deleted, marked = inserted; ⍽ no-break "
                           "space, ↵ line break, ⇥ tab, ∅ zero-width; quotes and dashes "
                           "are underlined and named.", "$text-muted"),
        ]
        with Vertical(classes="dialog wide"):
            with VerticalScroll(id="help-scroll"):
                yield Static(Content("\n").join(rows), markup=False, id="help-text")
            yield Static(Content.styled("esc / ?: close", "$text-muted"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["ConfirmScreen", "EditScreen", "FilterScreen", "HelpScreen", "PreviewScreen",
           "QuitScreen", "SearchScreen"]
