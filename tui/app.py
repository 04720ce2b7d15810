"""``wirefix review``: the Textual app in which an editor decides each suggested change.

The app only draws a ``cleaner.review.ReviewSession`` and calls it; the session holds the
changes, the decisions, the undo stack and the engine calls that build the saved text.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from wirefix.cleaner.config import Config
from wirefix.cleaner.decisions import Decision
from wirefix.cleaner.review import ReviewSession, StoryChangedOnDisk
from wirefix.cleaner.textio import InputError

from . import render
from .keys import KEYS, bindings
from .screens import (ConfirmScreen, EditScreen, FilterScreen, HelpScreen, PreviewScreen,
                      QuitScreen, SearchScreen)

CONTEXT_LEVELS = (20, 40, 80, 160, 320, 640, 1280)
DEFAULT_CONTEXT = 2


class ReviewApp(App[int]):
    """Review one story. ``cursor_blink=False`` makes screenshots repeatable."""

    CSS_PATH = "review.tcss"
    TITLE = "wirefix review"
    BINDINGS = bindings()
    # the review's own actions, disabled while a dialog is open
    REVIEW_ACTIONS = frozenset(k.action for k in KEYS)

    def __init__(self, session: ReviewSession, *, cursor_blink: bool = True):
        super().__init__()
        self.session = session
        self.cursor_blink = cursor_blink
        self.context_level = DEFAULT_CONTEXT
        self.last_query = ""
        self.name_shown = os.path.basename(session.path or "story")

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Horizontal(id="body"):
            yield OptionList(id="changes", markup=False)
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail", markup=False)
        yield Footer()

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

    @property
    def changes_list(self) -> OptionList:
        return self.query_one("#changes", OptionList)

    # -- drawing --------------------------------------------------------------------------
    def rebuild_list(self, highlight: int | None = None) -> None:
        """Fill the list with the changes the filter shows and highlight ``highlight``."""
        ol = self.changes_list
        shown = self.session.visible()
        ol.set_options(Option(render.list_row(self.session.changes[i]), id=f"c{i}")
                       for i in shown)
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
        if self.session.filter.kind == "status":
            self.rebuild_list(self.current)
            return
        for i in indexes:
            try:
                ol.replace_option_prompt(f"c{i}", render.list_row(self.session.changes[i]))
            except OptionDoesNotExist:
                pass  # not shown under the filter
        self.refresh_view()

    def refresh_view(self) -> None:
        self.query_one("#status", Static).update(render.status_line(self.session,
                                                                    self.name_shown))
        i = self.current
        detail = self.query_one("#detail", Static)
        if i is None:
            if self.session.changes:
                detail.update("No change matches this filter. Press f to change it.")
            else:
                detail.update("Nothing to review: wirefix found no damage in this story.")
            return
        detail.update(render.detail(self.session, self.session.changes[i],
                                    CONTEXT_LEVELS[self.context_level]))

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
                for n in range(1, min(9, len(change.alternatives) if change else 0) + 1):
                    yield SystemCommand(f"Choose alternative {n}", f"key {n}",
                                        lambda n=n: self.action_choose(n))
                continue
            yield SystemCommand(k.title, f"{k.help}  (key {k.shown})",
                                getattr(self, f"action_{k.action}"))
        yield from super().get_system_commands(screen)

    # -- moving ---------------------------------------------------------------------------
    def action_next_pending(self) -> None:
        nxt = self.session.step_from(self.current, 1)
        if nxt is None:
            self.notify("No pending change left. Press w to save.", timeout=3)
        self.go(nxt)

    def action_previous_pending(self) -> None:
        prev = self.session.step_from(self.current, -1)
        if prev is None:
            self.notify("No pending change left. Press w to save.", timeout=3)
        self.go(prev)

    def action_next_any(self) -> None:
        self.go(self.session.step_from(self.current, 1, pending_only=False, wrap=False))

    def action_previous_any(self) -> None:
        self.go(self.session.step_from(self.current, -1, pending_only=False, wrap=False))

    def _move_on(self, i: int) -> None:
        nxt = self.session.step_from(i, 1)
        if nxt is None:
            self.notify("Every change is decided. Press w to save, q to quit.", timeout=4)
            self.go(i)
        else:
            self.go(nxt)

    # -- deciding -------------------------------------------------------------------------
    def _decided(self, touched: Iterable[int], move_from: int | None) -> None:
        self.refresh_rows(touched)
        if move_from is not None:
            self._move_on(move_from)
        self.refresh_view()

    def action_accept(self) -> None:
        i = self.current
        if i is None:
            return
        ch = self.session.changes[i]
        if not ch.has_fix:
            self.notify("A flag has no fix to accept: n dismisses it, m defers it, "
                        "e writes a fix by hand" + (", 1–9 uses a hint." if ch.alternatives
                                                    else "."), severity="warning", timeout=5)
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
        if i is not None:
            self.session.defer(i)
            self._decided([i], i)

    def action_toggle(self) -> None:
        i = self.current
        if i is not None:
            self.session.toggle(i)
            self._decided([i], None)

    def action_choose(self, n: int) -> None:
        i = self.current
        if i is None:
            return
        ch = self.session.changes[i]
        if not 1 <= n <= len(ch.alternatives):
            self.notify(f"This change has no alternative {n}.", severity="warning", timeout=3)
            return
        self.session.accept(i, choice=n - 1)
        self._decided([i], i)

    def action_undo(self) -> None:
        touched = self.session.undo()
        if not touched:
            self.notify("Nothing to undo." + (" (Saving starts a new history.)"
                                               if self.session.saved_as else ""), timeout=3)
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

    def _decide_many(self, indexes: list[int], decision: Decision, question: str,
                     detail: str) -> None:
        if not indexes:
            self.notify("No pending change to decide here.", timeout=3)
            return
        verb = "Accepted" if decision is Decision.ACCEPTED else "Rejected"

        def done(yes: bool | None) -> None:
            if not yes:
                return
            here = self.current
            n = self.session.decide(indexes, decision)
            self.notify(f"{verb} {n} change{'s' if n != 1 else ''}.", timeout=3)
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
        verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
        self._decide_many(
            same, decision,
            f"{verb} {len(same)} identical pending change{'s' if len(same) != 1 else ''}?",
            f"{ch.primary.rule}: ‹{ch.before}› → ‹{ch.default_after}›")

    def action_accept_identical(self) -> None:
        self._identical(Decision.ACCEPTED)

    def action_reject_identical(self) -> None:
        self._identical(Decision.REJECTED)

    def _shown(self, decision: Decision) -> None:
        pending = [i for i in self.session.visible()
                   if self.session.changes[i].decision is Decision.PENDING]
        flags = 0
        if decision is Decision.ACCEPTED:
            fixes = [i for i in pending if self.session.changes[i].has_fix]
            flags = len(pending) - len(fixes)
            pending = fixes
        verb = "Accept" if decision is Decision.ACCEPTED else "Reject"
        detail = f"filter: {self.session.filter.label}"
        if flags:
            detail += f"; {flags} flag{'s' if flags != 1 else ''} without a fix stay pending"
        if not pending:
            self.notify("No pending change to decide here.", timeout=3)
            return
        self.push_screen(ConfirmScreen(
            f"{verb} all {len(pending)} pending change{'s' if len(pending) != 1 else ''} "
            f"that the list shows?", detail, title=f"{verb} all shown"),
            lambda yes: self._decide_all(yes, pending, decision))

    def _decide_all(self, yes: bool | None, indexes: list[int], decision: Decision) -> None:
        if not yes:
            return
        here = self.current
        n = self.session.decide(indexes, decision)
        verb = "Accepted" if decision is Decision.ACCEPTED else "Rejected"
        self.notify(f"{verb} {n} change{'s' if n != 1 else ''}.", timeout=3)
        self._decided(indexes, here)

    def action_accept_shown(self) -> None:
        self._shown(Decision.ACCEPTED)

    def action_reject_shown(self) -> None:
        self._shown(Decision.REJECTED)

    def action_edit(self) -> None:
        i = self.current
        if i is None:
            return

        def done(text: str | None) -> None:
            if text is None:
                return
            self.session.edit(i, text)
            self._decided([i], None)

        self.push_screen(EditScreen(self.session.changes[i], blink=self.cursor_blink), done)

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
        self.refresh_view()

    def action_widen(self) -> None:
        self.context_level = min(len(CONTEXT_LEVELS) - 1, self.context_level + 1)
        self.refresh_view()

    def action_preview(self) -> None:
        outcome = self.session.preview()
        n = len(outcome.plan)
        summary = f"{n} edit{'s' if n != 1 else ''} in {len(outcome.plan.passes)} pass" \
                  f"{'es' if len(outcome.plan.passes) != 1 else ''}"
        if outcome.unapplied:
            summary += f"; {len(outcome.unapplied)} edited change(s) no longer apply"
        self.push_screen(PreviewScreen(render.preview(outcome), summary))

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if not query:
                return
            self.last_query = query
            hit = self.session.search(query, self.current)
            if hit is None:
                self.notify(f"No change matches “{query}” here.", severity="warning", timeout=3)
            else:
                self.go(hit)

        self.push_screen(SearchScreen(self.last_query, blink=self.cursor_blink), done)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # -- saving and quitting --------------------------------------------------------------
    def action_save(self, then_quit: bool = False) -> None:
        self._save(force=False, then_quit=then_quit)

    def _save(self, *, force: bool, then_quit: bool) -> None:
        here = self.current
        anchor = self.session.changes[here].start if here is not None else 0
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
            msg += f"; {len(outcome.unapplied)} edited change(s) could not be applied"
        if not outcome.converged:
            msg += "; the fixes did not settle (please report this)"
        self.notify(msg + ".", timeout=4)
        if then_quit:
            self.exit(0)
            return
        # saving over the story re-opens the review on the saved text: stay near here
        changes = self.session.changes
        target = next((ch.index for ch in changes if ch.start >= anchor), None)
        if target is not None and changes[target].decision is not Decision.PENDING:
            target = self.session.step_from(target) or target
        self.rebuild_list(target)

    def action_quit(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        if not self.session.dirty:
            self.exit(0)
            return
        accepted = sum(1 for ch in self.session.changes if ch.decision is Decision.ACCEPTED)

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
