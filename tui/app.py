"""``wirefix review``: the Textual app in which an editor decides each suggested change.

The app only draws a ``cleaner.review.ReviewSession`` and calls it; the session holds the
changes, the decisions, the undo stack and the engine calls that build the saved text.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from wirefix.cleaner.config import Config
from wirefix.cleaner.decisions import Decision, Record
from wirefix.cleaner.review import ReviewSession, StoryChangedOnDisk
from wirefix.cleaner.textio import InputError

from . import render
from .keys import KEYS, bindings
from .screens import (BulkScreen, ConfirmScreen, EditScreen, FilterScreen, HelpScreen,
                      NoteScreen, PreviewScreen, QuitScreen, SearchScreen)

CONTEXT_LEVELS = (20, 40, 80, 160, 320, 640, 1280)
DEFAULT_CONTEXT = 2
DISK_POLL_SECONDS = 2.0
LIST_SHARE = 0.45    # the list's width, as #changes in review.tcss


class ReviewApp(App[int]):
    """Review one story. ``cursor_blink=False`` makes screenshots repeatable."""

    CSS_PATH = "review.tcss"
    TITLE = "wirefix review"
    BINDINGS = bindings()
    # the review's own actions, disabled while a dialog is open
    REVIEW_ACTIONS = frozenset(k.action for k in KEYS)

    def __init__(self, session: ReviewSession, *, cursor_blink: bool = True,
                 watch_disk: bool = True):
        super().__init__()
        self.session = session
        self.cursor_blink = cursor_blink
        self.context_level = DEFAULT_CONTEXT
        self.last_query = ""
        self.show_docs = False
        self.show_match = False      # highlight the search's matches (after a search)
        self.watch_disk = watch_disk
        self._asked_about_disk = False
        self._built_width = 0        # the width the list's rows were last laid out for
        self.name_shown = os.path.basename(session.path or "story")

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Horizontal(id="body"):
            yield OptionList(id="changes", markup=False)
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.changes_list.focus()
        self.rebuild_list(self.session.step_from(None) if self.session.changes else None)
        if self.session.story.legacy_bytes:
            n = len(self.session.story.legacy_bytes)
            self.notify(f"{n} byte{'s' if n != 1 else ''} of the story are not UTF-8; saving "
                        f"writes the story as UTF-8.", severity="warning", timeout=8)
        for message in self.session.service_warnings:   # e.g. LanguageTool is down
            self.notify(message, title="Not checked", severity="error", timeout=12)
        if self.session.log is not None and self.session.log.warnings:
            self.notify("\n".join(self.session.log.warnings[:3]), title="Decisions log",
                        severity="warning", timeout=8)
        if self.session.restored:
            self.notify(f"Resumed: {self.session.restored} decision"
                        f"{'s' if self.session.restored != 1 else ''} restored from the log.",
                        timeout=4)
        if self.watch_disk and self.session.path:
            self.set_interval(DISK_POLL_SECONDS, self.check_disk)

    def on_resize(self) -> None:
        # rows are laid out for the list's width: redraw them only when it changed (a
        # terminal sends resize events at start-up with the size the app already used).
        # The first resize comes before on_mount, which lays the list out itself.
        if self._built_width and self._list_width() != self._built_width:
            self.rebuild_list(self.current)

    @property
    def changes_list(self) -> OptionList:
        return self.query_one("#changes", OptionList)

    # -- drawing --------------------------------------------------------------------------
    def _list_width(self) -> int:
        # the list takes LIST_SHARE of the screen (review.tcss): rows fill that width
        return max(30, int((self.size.width or 120) * LIST_SHARE) - 2)

    def _row(self, i: int, width: int):
        return render.list_row(self.session, self.session.changes[i], width)

    def rebuild_list(self, highlight: int | None = None) -> None:
        """Fill the list with the changes the filter shows and highlight ``highlight``."""
        ol = self.changes_list
        shown = self.session.visible()
        width = self._built_width = self._list_width()
        ol.set_options(Option(self._row(i, width), id=f"c{i}") for i in shown)
        if shown:
            target = highlight if highlight in shown else shown[0]
            ol.highlighted = shown.index(target)
        self.refresh_view()

    @property
    def current(self) -> int | None:
        """The index (into session.changes) of the highlighted change."""
        opt = self.changes_list.highlighted_option
        return int(opt.id[1:]) if opt is not None and opt.id else None

    def go(self, index: int | None) -> None:
        if index is None:
            return
        ol = self.changes_list
        try:
            ol.highlighted = ol.get_option_index(f"c{index}")
        except OptionDoesNotExist:
            # not shown under the filter: show everything again
            self.session.set_filter()
            self.rebuild_list(index)
            return
        ol.scroll_to_highlight()

    def refresh_rows(self, indexes: Iterable[int]) -> None:
        ol = self.changes_list
        if self.session.filter.status:
            self.rebuild_list(self.current)
            return
        for i in set(indexes) | self._covered_rows():
            try:
                ol.replace_option_prompt(f"c{i}", self._row(i, self._built_width))
            except OptionDoesNotExist:
                pass  # not shown under the filter
        self.refresh_view()

    def _covered_rows(self) -> set[int]:
        return {ch.index for ch in self.session.changes if self.session.covering(ch) is not None}

    def refresh_view(self, *, keep_scroll: bool = False) -> None:
        width = self.size.width or 120
        self.query_one("#status", Static).update(render.status_line(self.session,
                                                                    self.name_shown, width))
        i = self.current
        detail = self.query_one("#detail", Static)
        if i is None:
            if self.session.changes:
                detail.update("No change matches this filter. Press f to change it.")
            elif not self.session.text.strip():
                detail.update("The story is empty: there is nothing to review. (An empty "
                              "file is not a clean story: check that the right file was "
                              "opened.)")
            else:
                detail.update("Nothing to review: wirefix found no damage in this story.")
            return
        detail.update(render.detail(self.session, self.session.changes[i],
                                    CONTEXT_LEVELS[self.context_level], docs=self.show_docs,
                                    query=self.last_query if self.show_match else ""))
        if not keep_scroll:   # every change opens at the top of the pane
            self.query_one("#detail-pane", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "changes":
            self.refresh_view()

    # -- which actions apply --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.REVIEW_ACTIONS and isinstance(self.screen, ModalScreen):
            return False  # keys typed in a dialog belong to the dialog
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p) offers every action of the key map."""
        for k in KEYS:
            if k.action == "choose":
                change = self.session.changes[self.current] if self.current is not None else None
                for n in range(1, min(9, len(change.options) if change else 0) + 1):
                    yield SystemCommand(f"Choose option {n}", f"key {n}",
                                        lambda n=n: self.action_choose(n))
                continue
            yield SystemCommand(k.title, f"{k.help}  (key {k.shown})",
                                getattr(self, f"action_{k.action}"))
        yield from super().get_system_commands(screen)

    # -- moving ---------------------------------------------------------------------------
    def action_next_pending(self) -> None:
        nxt = self.session.step_from(self.current, 1)
        if nxt is None:
            self.notify(self._nothing_pending(), timeout=4)
        self.go(nxt)

    def action_previous_pending(self) -> None:
        prev = self.session.step_from(self.current, -1)
        if prev is None:
            self.notify(self._nothing_pending(), timeout=4)
        self.go(prev)

    def action_next_any(self) -> None:
        self.go(self.session.step_from(self.current, 1, pending_only=False, wrap=False))

    def action_previous_any(self) -> None:
        self.go(self.session.step_from(self.current, -1, pending_only=False, wrap=False))

    def _nothing_pending(self) -> str:
        """What to say when the list shows no pending change: every change, or only the
        ones this filter shows, with what is pending elsewhere."""
        s = self.session
        if s.filter.is_all:
            return "Every change is decided. Press w to save, q to quit."
        elsewhere = s.pending_elsewhere()
        if elsewhere:
            return (f"Every change this filter ({s.filter.label}) shows is decided; "
                    f"{elsewhere} {'are' if elsewhere != 1 else 'is'} still pending elsewhere. "
                    f"Press f to change the filter.")
        return (f"Every change this filter ({s.filter.label}) shows is decided, and none is "
                f"pending elsewhere. Press w to save.")

    def _move_on(self, i: int) -> None:
        nxt = self.session.step_from(i, 1)
        if nxt is None:
            self.notify(self._nothing_pending(), timeout=5)
            self.go(i)
        else:
            self.go(nxt)

    # -- deciding -------------------------------------------------------------------------
    def _decided(self, touched: Iterable[int], move_from: int | None) -> None:
        if self.session.log_failures:
            self.notify(self.session.log_failures[-1] + ". The decision is kept in this "
                        "session; save the story to keep it.", title="Audit log",
                        severity="error", timeout=10)
            self.session.log_failures.clear()
        self.refresh_rows(touched)
        if move_from is not None:
            self._move_on(move_from)
        self.refresh_view()

    def _covered(self, i: int) -> bool:
        by = self.session.covering(self.session.changes[i])
        if by is None:
            return False
        self.notify(f"This text was rewritten by hand in change {by + 1}; undo that edit to "
                    f"decide this change on its own.", severity="warning", timeout=5)
        return True

    def action_accept(self) -> None:
        i = self.current
        if i is None or self._covered(i):
            return
        ch = self.session.changes[i]
        if not ch.has_fix:
            self.notify("A flag has no fix to accept: e rewrites the text around it, "
                        "E opens it in your editor, n dismisses it, m defers it"
                        + (", 1–9 uses a hint." if ch.options else "."),
                        severity="warning", timeout=6)
            return
        self.session.accept(i)
        self._decided([i], i)

    def action_reject(self) -> None:
        i = self.current
        if i is not None:
            self.session.reject(i)
            self._decided([i], i)

    def action_defer(self) -> None:
        i = self.current
        if i is None:
            return

        def done(note: str | None) -> None:
            if note is None:
                return
            self.session.defer(i, note.strip() or "ask the desk")
            self._decided([i], i)

        current = self.session.changes[i].state.note
        self.push_screen(NoteScreen(current or "ask the desk", blink=self.cursor_blink), done)

    def action_toggle(self) -> None:
        i = self.current
        if i is not None and not self._covered(i):
            self.session.toggle(i)
            self._decided([i], None)

    def action_choose(self, n: int) -> None:
        i = self.current
        if i is None or self._covered(i):
            return
        ch = self.session.changes[i]
        if not 1 <= n <= len(ch.options):
            self.notify(f"This change has no option {n}.", severity="warning", timeout=3)
            return
        self.session.accept(i, choice=n - 1)
        self._decided([i], i)

    def action_undo(self) -> None:
        touched = self.session.undo()
        if not touched:
            self.notify("Nothing to undo.", timeout=3)
            return
        self.refresh_rows(touched)
        self.go(touched[0])
        self.refresh_view()

    def action_redo(self) -> None:
        touched = self.session.redo()
        if not touched:
            self.notify("Nothing to redo.", timeout=3)
            return
        self.refresh_rows(touched)
        self.go(touched[0])
        self.refresh_view()

    def _bulk_accept(self, indexes: list[int], question: str, detail: str) -> None:
        """Accept many changes after a confirmation that says how many are unsafe and offers
        to accept only the safe ones."""
        changes = [self.session.changes[i] for i in indexes]
        unsafe = [c.index for c in changes if c.option is not None
                  and c.option.applicability.value != "safe"]

        def done(answer: str | None) -> None:
            if answer not in ("all", "safe"):
                return
            chosen = indexes if answer == "all" else [i for i in indexes if i not in unsafe]
            here = self.current
            n = self.session.decide(chosen, Decision.ACCEPTED)
            self.notify(f"Accepted {n} change{'s' if n != 1 else ''}.", timeout=3)
            self._decided(chosen, here)

        if len(indexes) == 1 and indexes[0] == self.current and not unsafe:
            done("all")
            return
        self.push_screen(BulkScreen(question, detail, len(indexes), len(unsafe)), done)

    def _bulk_reject(self, indexes: list[int], question: str, detail: str) -> None:
        def done(yes: bool | None) -> None:
            if not yes:
                return
            here = self.current
            n = self.session.decide(indexes, Decision.REJECTED)
            self.notify(f"Rejected {n} change{'s' if n != 1 else ''}.", timeout=3)
            self._decided(indexes, here)

        if len(indexes) == 1 and indexes[0] == self.current:
            done(True)
            return
        self.push_screen(ConfirmScreen(question, detail), done)

    def _identical(self, decision: Decision) -> None:
        i = self.current
        if i is None:
            return
        ch = self.session.changes[i]
        same = self.session.identical(i)
        if decision is Decision.ACCEPTED:
            same = [j for j in same if self.session.changes[j].has_fix]
        if not same:
            self.notify("No pending change to decide here.", timeout=3)
            return
        verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
        question = f"{verb} {len(same)} identical pending change{'s' if len(same) != 1 else ''}?"
        detail = f"{ch.primary.rule}: ‹{ch.before}› → ‹{ch.default_after}›"
        if decision is Decision.ACCEPTED:
            self._bulk_accept(same, question, detail)
        else:
            self._bulk_reject(same, question, detail)

    def action_accept_identical(self) -> None:
        self._identical(Decision.ACCEPTED)

    def action_reject_identical(self) -> None:
        self._identical(Decision.REJECTED)

    def _shown(self, decision: Decision) -> None:
        s = self.session
        pending = [i for i in s.visible() if s.changes[i].decision is Decision.PENDING
                   and s.covering(s.changes[i]) is None]
        flags = 0
        if decision is Decision.ACCEPTED:
            fixes = [i for i in pending if s.changes[i].has_fix]
            flags = len(pending) - len(fixes)
            pending = fixes
        if not pending:
            self.notify("No pending change to decide here.", timeout=3)
            return
        verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
        detail = f"filter: {s.filter.label}"
        if flags:
            detail += f"; {flags} flag{'s' if flags != 1 else ''} without a fix stay pending"
        elsewhere = s.pending_elsewhere()
        if elsewhere:
            detail += f"; {elsewhere} pending change{'s' if elsewhere != 1 else ''} outside the filter stay pending"
        question = (f"{verb} all {len(pending)} pending change{'s' if len(pending) != 1 else ''} "
                    f"that the list shows?")
        if decision is Decision.ACCEPTED:
            self._bulk_accept(pending, question, detail)
        else:
            self._bulk_reject(pending, question, detail)

    def action_accept_shown(self) -> None:
        self._shown(Decision.ACCEPTED)

    def action_reject_shown(self) -> None:
        self._shown(Decision.REJECTED)

    def action_edit(self) -> None:
        i = self.current
        if i is None or self._covered(i):
            return
        start, end, text = self.session.edit_region(i)
        ch = self.session.changes[i]

        def done(written: str | None) -> None:
            if written is None:
                return
            self.session.edit(i, written, (start, end))
            self._decided([i], None)

        self.push_screen(EditScreen(ch, self.session.text[start:end], text,
                                    blink=self.cursor_blink), done)

    def action_external_edit(self) -> None:
        """Open the story in $EDITOR at the change's line; re-check afterwards, keeping the
        decisions (the audit log has them). A flag that is gone afterwards was fixed by hand."""
        i = self.current
        s = self.session
        line = s.changes[i].line if i is not None else 1
        gone_if_fixed = s.changes[i].fingerprints if i is not None and s.changes[i].is_flag else ()
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.TemporaryDirectory(prefix="wirefix-") as tmp:
            path = Path(tmp) / (Path(s.path).name if s.path else "story.txt")
            path.write_text(s.text, encoding="utf-8", newline="")
            command = [*shlex.split(editor), f"+{line}", str(path)]
            try:
                try:
                    with self.suspend():
                        code = subprocess.call(command)
                except SuspendNotSupported:   # no terminal to hand over (a headless run)
                    code = subprocess.call(command, stdin=subprocess.DEVNULL)
            except (OSError, ValueError) as exc:
                self.notify(f"Could not start the editor {editor!r}: {exc}", severity="error",
                            timeout=8)
                return
            if code != 0:
                self.notify(f"The editor exited with status {code}; the story is unchanged.",
                            severity="warning", timeout=6)
                return
            with open(path, encoding="utf-8", newline="") as fh:
                new = fh.read()
        if new == s.text:
            self.notify("The story is unchanged.", timeout=3)
            return
        s.reload(new)
        if gone_if_fixed and not any(set(gone_if_fixed) & set(ch.fingerprints)
                                     for ch in s.changes) and s.log is not None:
            s.log.append([Record(fingerprint=gone_if_fixed[0], also=gone_if_fixed[1:],
                                 decision=Decision.FIXED_BY_HAND, note="fixed in $EDITOR",
                                 line=line)])
        self.notify(f"Re-checked the edited story: {len(s.changes)} changes, "
                    f"{s.restored} decisions kept.", timeout=5)
        target = next((ch.index for ch in s.changes if ch.line >= line), None)
        self.rebuild_list(target)

    def check_disk(self) -> None:
        """Offer to reload as soon as the story changes on disk (not only at save)."""
        s = self.session
        if self._asked_about_disk or isinstance(self.screen, ModalScreen):
            return
        if not s.changed_on_disk():
            return
        self._asked_about_disk = True

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                s.reload()
            except InputError as exc:
                self.notify(f"Could not reload: {exc}", severity="error", timeout=8)
                return
            self._asked_about_disk = False
            self.notify(f"Reloaded and re-checked: {s.restored} decisions kept.", timeout=5)
            self.rebuild_list(s.step_from(None))

        self.push_screen(ConfirmScreen(
            f"{s.path} changed on disk. Reload it and check it again, keeping your "
            f"decisions?", "No: keep reviewing the text as it was; saving will ask before "
            "overwriting.", title="Story changed on disk"), done)

    # -- looking --------------------------------------------------------------------------
    def action_filter(self) -> None:
        def done(flt) -> None:
            if flt is None:
                return
            here = self.current
            self.session.filter = flt
            self.rebuild_list(here)

        self.push_screen(FilterScreen(self.session.filter_options(), self.session.filter), done)

    def action_narrow(self) -> None:
        self.context_level = max(0, self.context_level - 1)
        self.refresh_view(keep_scroll=True)

    def action_widen(self) -> None:
        self.context_level = min(len(CONTEXT_LEVELS) - 1, self.context_level + 1)
        self.refresh_view(keep_scroll=True)

    def action_docs(self) -> None:
        self.show_docs = not self.show_docs
        self.refresh_view(keep_scroll=True)

    def action_preview(self) -> None:
        outcome = self.session.preview()
        n = len(outcome.plan)
        summary = f"{n} edit{'s' if n != 1 else ''} in {len(outcome.plan.passes)} pass" \
                  f"{'es' if len(outcome.plan.passes) != 1 else ''}"
        if outcome.unapplied:
            summary += f"; {len(outcome.unapplied)} accepted change(s) no longer apply"
        self.push_screen(PreviewScreen(render.preview(outcome), summary))

    def _search(self, direction: int) -> None:
        query = self.last_query
        hit = self.session.search(query, self.current, direction)
        if hit is None:
            self.notify(f"No change matches “{query}” here.", severity="warning", timeout=3)
            return
        self.show_match = True
        self.go(hit)
        self.refresh_view()
        where = self.session.match_in(self.session.changes[hit], query)
        if where is not None and where[0] == "about":
            self.notify(f"“{query}” is in the rule or its message.", timeout=3)

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if not query:
                return
            self.last_query = query
            self._search(1)

        self.push_screen(SearchScreen(self.last_query, blink=self.cursor_blink), done)

    def action_search_next(self) -> None:
        if not self.last_query:
            self.action_search()
            return
        self._search(1)

    def action_search_previous(self) -> None:
        if not self.last_query:
            self.action_search()
            return
        self._search(-1)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # -- saving and quitting --------------------------------------------------------------
    def action_save(self, then_quit: bool = False) -> None:
        self._save(force=False, then_quit=then_quit)

    def _save(self, *, force: bool, then_quit: bool) -> None:
        try:
            outcome = self.session.save(force=force)
        except StoryChangedOnDisk:
            self.push_screen(ConfirmScreen(
                f"{self.session.path} changed on disk since you opened it. Overwrite it "
                f"with the reviewed text?", "Your decisions are in the log either way.",
                title="Story changed on disk"),
                lambda yes: self._save(force=True, then_quit=then_quit) if yes else None)
            return
        except (OSError, UnicodeEncodeError) as exc:
            self.notify(f"Could not save: {exc}. Nothing was lost: the decisions are in "
                        f"the log.", severity="error", timeout=10)
            return
        n = len(outcome.plan)
        msg = f"Saved {os.path.basename(self.session.saved_as or '')}: {n} edit{'s' if n != 1 else ''}"
        if outcome.kept:
            msg += f"; {len(outcome.kept)} decision{'s' if len(outcome.kept) != 1 else ''} kept"
        if outcome.unapplied:
            msg += f"; {len(outcome.unapplied)} accepted change(s) could not be applied"
        if not outcome.converged:
            msg += "; the fixes did not settle (please report this)"
        self.notify(msg + ".", timeout=4)
        if then_quit:
            self.exit(0)
            return
        self.refresh_view(keep_scroll=True)

    async def action_quit(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        if not self.session.dirty:
            self.exit(0)
            return
        accepted = sum(1 for ch in self.session.changes
                       if ch.decision in (Decision.ACCEPTED, Decision.FIXED_BY_HAND))

        def done(what: str | None) -> None:
            if what == "save":
                self.action_save(then_quit=True)
            elif what == "discard":
                self.exit(0)

        self.push_screen(QuitScreen(accepted), done)


def run_review(story: str, *, output: str | None = None, config: Config | None = None) -> int:
    """Entry point of ``wirefix review``; returns the exit status."""
    try:
        session = ReviewSession.open(story, output=output, config=config)
    except InputError as exc:
        print(f"wirefix: error: {exc}", file=sys.stderr)
        return 2
    if output and Path(output).is_dir():
        print(f"wirefix: error: {output}: is a folder; name the file to save to",
              file=sys.stderr)
        return 2
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("wirefix: error: `wirefix review` needs an interactive terminal; in a pipeline "
              "use `wirefix check --diff` or `--fix`.", file=sys.stderr)
        return 2
    result = ReviewApp(session).run()
    return result or 0
