"""The review app (tui/), driven with Textual's Pilot: every key, the dialogs, the command
palette, saving, quitting and resuming. The app runs headless at a fixed size; the stories
and findings are real (the catalogue on the seed, or the small test rules of
tests/review_rules.py where a test needs alternatives, flags or identical changes)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wirefix.cleaner.decisions import Decision, DecisionLog
from wirefix.cleaner.review import ReviewSession
from wirefix.tui.app import CONTEXT_LEVELS, DEFAULT_CONTEXT, ReviewApp
from wirefix.tui.screens import (BulkScreen, ConfirmScreen, EditScreen, FilterScreen, HelpScreen,
                                 NoteScreen, PreviewScreen, QuitScreen, SearchScreen)
from wirefix.tui.keys import KEYS

from conftest import SEED, run_cli
from review_rules import review_engine

pytestmark = pytest.mark.asyncio
SIZE = (110, 32)
STORY = ("They had teh talks on Monday, somewhat late. Officials said teh talks failed "
         "<<< and teh minister left [at once]. Teh end.")


@pytest.fixture()
def story(tmp_path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    return p


def make_app(path: Path, engine=None, **kw) -> ReviewApp:
    session = ReviewSession.open(str(path), engine=engine or review_engine(), **kw)
    return ReviewApp(session, cursor_blink=False)


def detail_text(app: ReviewApp) -> str:
    return app.query_one("#detail").visual.plain if hasattr(app.query_one("#detail").visual, "plain") \
        else str(app.query_one("#detail").content)


def status_text(app: ReviewApp) -> str:
    return str(app.query_one("#status").content)


def cur(app: ReviewApp):
    return app.session.changes[app.current]


async def test_opens_with_every_change_listed_progress_and_the_first_change(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ol = app.changes_list
        assert ol.option_count == len(app.session.changes) > 3
        assert "0 accepted" in status_text(app)
        assert f"{len(app.session.changes)}/{len(app.session.changes)} pending" in status_text(app)
        assert "filter: all" in status_text(app)
        assert app.current == 0
        assert cur(app).rule in detail_text(app)
        # the Footer shows the core keys
        footer_keys = {k for k, b in app.active_bindings.items() if b.binding.show}
        assert {"j", "k", "y", "n", "w", "q", "question_mark"} <= footer_keys
        shown = {fk.key for fk in app.query("FooterKey")}
        assert {"j", "y", "n", "u", "w", "q"} <= shown


async def test_j_k_move_between_pending_changes_and_J_K_between_all(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        await pilot.press("j")
        assert app.current == 1
        await pilot.press("k")
        assert app.current == 0
        s.reject(1)
        app.refresh_rows([1])
        await pilot.press("j")
        assert app.current == 2                   # skips the decided one
        await pilot.press("k")
        assert app.current == 0
        await pilot.press("J")
        assert app.current == 1                   # J visits decided ones too
        await pilot.press("K")
        assert app.current == 0


async def test_y_n_m_decide_and_move_on(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert app.session.changes[0].decision is Decision.ACCEPTED and app.current == 1
        await pilot.press("n")
        assert app.session.changes[1].decision is Decision.REJECTED and app.current == 2
        await pilot.press("m")
        assert isinstance(app.screen, NoteScreen)  # defer asks for a note for the desk
        await pilot.press("ctrl+u", *"is it tea?", "enter")
        assert app.session.changes[2].decision is Decision.DEFERRED and app.current == 3
        assert app.session.changes[2].state.note == "is it tea?"
        assert "1 accepted · 1 rejected · 1 deferred" in status_text(app)
        assert "● unsaved" in status_text(app)
        glyphs = [str(app.changes_list.get_option_at_index(i).prompt)[0] for i in range(3)]
        assert glyphs == ["✓", "✗", "?"]


async def test_space_toggles_in_place(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert cur(app).decision is Decision.ACCEPTED and app.current == 0
        await pilot.press("space")
        assert cur(app).decision is Decision.REJECTED and app.current == 0


async def test_a_flag_is_dismissed_with_n_and_cannot_be_accepted_with_y(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        flag = next(c for c in app.session.changes if c.is_flag)
        app.go(flag.index)
        await pilot.press("y")
        assert flag.decision is Decision.PENDING and app.current == flag.index
        await pilot.press("2")                    # its second hint
        assert flag.decision is Decision.ACCEPTED and flag.after == "quite"


async def test_digits_choose_one_of_the_alternatives(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        assert len(cur(app).options) == 3
        assert "Options: press 1–9" in detail_text(app)
        await pilot.press("3")
        ch = app.session.changes[0]
        assert ch.decision is Decision.ACCEPTED and ch.after == "ten"
        app.go(0)
        await pilot.press("9")                    # no such alternative: nothing happens
        assert ch.after == "ten"


async def test_u_ctrl_z_undo_and_ctrl_y_redo(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n", "m", "enter")
        await pilot.press("u")
        assert app.session.changes[2].decision is Decision.PENDING and app.current == 2
        await pilot.press("ctrl+z")
        assert app.session.changes[1].decision is Decision.PENDING and app.current == 1
        await pilot.press("ctrl+y")
        assert app.session.changes[1].decision is Decision.REJECTED
        await pilot.press("u", "u", "u")
        assert all(c.decision is Decision.PENDING for c in app.session.changes)


async def test_a_and_d_decide_identical_changes_after_showing_the_count(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        same = app.session.identical(0)
        assert len(same) == 3                     # three lower-case "teh"
        await pilot.press("a")
        assert isinstance(app.screen, BulkScreen)
        assert "3 identical" in str(app.screen.query_one("#question").content)
        assert "3 of them are unsafe" in str(app.screen.query_one("#bulk-counts").content)
        await pilot.press("n")                    # cancel
        assert all(app.session.changes[i].decision is Decision.PENDING for i in same)
        await pilot.press("a", "y")
        assert all(app.session.changes[i].decision is Decision.ACCEPTED for i in same)
        await pilot.press("u")
        assert all(app.session.changes[i].decision is Decision.PENDING for i in same)
        await pilot.press("d", "enter")
        assert all(app.session.changes[i].decision is Decision.REJECTED for i in same)


async def test_A_and_D_decide_everything_the_filter_shows_after_a_confirm_modal(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, BulkScreen)
        await pilot.press("escape")
        assert all(c.decision is Decision.PENDING for c in app.session.changes)
        await pilot.press("A", "y")
        fixes = [c for c in app.session.changes if c.has_fix]
        assert all(c.decision is Decision.ACCEPTED for c in fixes)
        flags = [c for c in app.session.changes if c.is_flag]
        assert flags and all(c.decision is Decision.PENDING for c in flags)
        await pilot.press("D", "y")               # only pending ones: the flags
        assert all(c.decision is Decision.REJECTED for c in flags)
        assert all(c.decision is Decision.ACCEPTED for c in fixes)


async def test_e_edits_the_replacement_in_a_modal(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        await pilot.press("y", "n")               # typed into the editor, not decisions
        assert app.session.changes[0].decision is Decision.PENDING
        await pilot.press("escape")
        assert not isinstance(app.screen, EditScreen)
        assert app.session.changes[0].decision is Decision.PENDING
        await pilot.press("e")
        area = app.screen.query_one("#replacement")
        area.text = "THE"
        await pilot.press("ctrl+s")
        ch = app.session.changes[0]
        assert ch.decision is Decision.ACCEPTED and ch.after == "THE"
        assert "edited by hand" in detail_text(app)


async def test_f_filters_by_rule_and_the_header_shows_it(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FilterScreen)
        labels = [f.label for f, _n in screen.choices]
        target = labels.index("rule: chevron-run")
        screen.query_one("#filters").highlighted = target
        await pilot.press("enter")
        assert "filter: rule: chevron-run" in status_text(app)
        shown = [app.session.changes[int(o.id[1:])].rule for o in app.changes_list.options]
        assert shown == ["chevron-run"]
        await pilot.press("A", "y")               # "all shown" means only what the filter shows
        assert [c.rule for c in app.session.changes
                if c.decision is Decision.ACCEPTED] == ["chevron-run"]
        await pilot.press("f")
        app.screen.query_one("#filters").highlighted = 0      # all changes
        await pilot.press("enter")
        assert app.changes_list.option_count == len(app.session.changes)


async def test_brackets_narrow_and_widen_the_context(tmp_path):
    p = tmp_path / "long.txt"
    filler = "The delegations met again in the afternoon and spoke at length. " * 12
    p.write_text(filler + "They had teh talks. " + filler, encoding="utf-8")
    app = make_app(p)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        base = len(detail_text(app))
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.context_level == DEFAULT_CONTEXT - 2
        narrow = len(detail_text(app))
        await pilot.press(*["right_square_bracket"] * (len(CONTEXT_LEVELS) + 2))
        assert app.context_level == len(CONTEXT_LEVELS) - 1
        wide = len(detail_text(app))
        assert narrow < base < wide


async def test_p_previews_the_text_that_saving_writes(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.press("p")
        assert isinstance(app.screen, PreviewScreen)
        shown = app.screen.query_one("#preview-text").visual.plain
        assert shown == app.session.build().text
        assert shown.startswith("They had the talks")
        await pilot.press("p")
        assert not isinstance(app.screen, PreviewScreen)
        assert story.read_text() == STORY        # a preview writes nothing


async def test_slash_searches_and_enter_again_finds_the_next(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"minister", "enter")
        hit = app.current
        assert app.session.match_in(cur(app), "minister")[0] == "text"
        await pilot.press("slash", "enter")       # the last query is kept
        assert app.current != hit
        await pilot.press("slash", *"zzz", "enter")
        assert app.current is not None            # no match: stays put


async def test_question_mark_shows_every_key_and_blocks_review_keys(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").visual.plain
        for k in KEYS:
            assert k.shown in text and k.help in text
        assert "ctrl+p" in text
        await pilot.press("y")                    # not a decision while the help is open
        assert app.session.changes[0].decision is Decision.PENDING
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_palette_offers_the_same_actions(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for k in KEYS:
            if k.action != "choose":
                assert k.title in titles
        assert "Choose option 3" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Accept all shown")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, BulkScreen)
        await pilot.press("y")
        assert all(c.decision is Decision.ACCEPTED for c in app.session.changes if c.has_fix)


async def test_w_saves_atomically_and_the_review_goes_on_with_undo(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")                    # "teh" -> "the"
        await pilot.press("n")
        await pilot.press("w")
        await pilot.pause()
        saved = story.read_text(encoding="utf-8")
        assert saved.startswith("They had the talks") and "said teh talks" in saved
        assert "● unsaved" not in status_text(app)
        rejected = [c for c in app.session.changes if c.decision is Decision.REJECTED]
        assert [c.before for c in rejected] == ["somewhat"]      # the flag n dismissed
        assert sorted(p.name for p in story.parent.iterdir()) == [
            "story.txt", "story.txt.wirefix.jsonl"]
        await pilot.press("u", "u")               # undo survives the save
        assert all(c.decision is Decision.PENDING for c in app.session.changes[:2])
        assert "● unsaved" in status_text(app)


async def test_q_quits_at_once_when_nothing_is_unsaved(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0


async def test_q_asks_first_when_unsaved_esc_stays_and_q_quits_without_saving(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("q", "q")
        await pilot.pause()
    assert story.read_text() == STORY
    # the decision is in the log all the same
    assert ReviewSession.open(str(story), engine=review_engine()).changes[0].decision \
        is Decision.ACCEPTED


async def test_q_then_s_saves_and_quits(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "q", "s")
        await pilot.pause()
    assert story.read_text().startswith("They had the talks")


async def test_reopening_resumes_where_the_editor_stopped(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "n", "m", "enter")
    again = make_app(story)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 accepted · 1 rejected · 1 deferred" in status_text(again)
        assert again.current == 3                 # the first pending change


async def test_copy_is_shown_without_markup_and_special_characters_are_visible(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text("He said [b]no[/b] to teh\u00a0“deal” at 5–6 pm.", encoding="utf-8")
    app = make_app(p)
    async with app.run_test(size=SIZE):
        text = detail_text(app)
        assert "[b]no[/b]" in text                # not parsed as markup
        app.context_level = len(CONTEXT_LEVELS) - 1
        app.refresh_view()
        ch = cur(app)
        assert ch.before == "teh"
        text = detail_text(app)
        assert "⍽" in text                        # the no-break space after "teh"
        assert "“deal”" in text


async def test_the_legend_names_quotes_dashes_and_no_break_spaces(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text("Say ‘teh’ now.", encoding="utf-8")
    app = make_app(p)
    async with app.run_test(size=SIZE):
        app.session.edit(0, "the\u00a0– ’")
        app.refresh_view()
        text = detail_text(app)
        assert "U+00A0 no-break space" in text
        assert "U+2013 en dash" in text
        assert "U+2019 right single quotation mark" in text


async def test_on_the_seed_reject_hell_will_accept_the_rest_save_and_check(tmp_path):
    """The issue's seed scenario through the keys: / finds the change, n rejects it, A
    accepts the rest, w saves; `wirefix check` is then quiet about "Hell will"."""
    p = tmp_path / "seed.txt"
    p.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Hell will", "enter")
        ch = cur(app)
        assert "Hell will" in ch.before, "no change for “Hell will” (the contraction rule)"
        await pilot.press("n", "A", "y", "w")
        await pilot.pause()
        assert "Saved" in "".join(str(n.message) for n in app._notifications)
        await pilot.pause()
        await pilot.press("q")
    saved = p.read_text(encoding="utf-8")
    assert "Hell will" in saved and saved != SEED.read_text(encoding="utf-8")
    quiet = json.loads(run_cli("check", "--format", "json", str(p)).stdout)
    assert not [f for f in quiet if f["text"].startswith("Hell")]
    log = DecisionLog.for_story(p)
    assert any(r.decision is Decision.REJECTED and r.before.startswith("Hell")
               for r in log.records())


async def test_a_quotes_longer_bound_is_an_option_and_only_the_chosen_one_is_saved(tmp_path):
    """stripped-quotation-marks offers the quote's rest up to its last sentence of speech
    and, as option 2, the run-on to the paragraph's end: the editor picks 2 for the
    first quote and 1 for the second, and the saved story holds exactly those bounds."""
    text = ("PARIS (AP) — The strike went on.\n\n"
            "We have been patient, said union leader Ana Ruiz. We will not go back. "
            "The talks resume on Monday.\n\n"
            "We asked for a fair deal, said Marc Blanc. We did not get one. "
            "Shares fell 3 percent.\n")
    p = tmp_path / "strike.txt"
    p.write_text(text, encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        rests = [i for i, ch in enumerate(app.session.changes)
                 if ch.rule == "stripped-quotation-marks" and len(ch.options) == 2]
        assert len(rests) == 2, [(c.rule, c.before) for c in app.session.changes]
        app.go(rests[0])
        await pilot.press("2")
        app.go(rests[1])
        await pilot.press("1")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("q")
    saved = p.read_text(encoding="utf-8")
    assert "“We will not go back. The talks resume on Monday.”" in saved
    assert "“We did not get one.” Shares fell 3 percent." in saved
    # nothing else was accepted: the openers' quotes stay as they were
    assert "We have been patient, said" in saved and "We asked for a fair deal, said" in saved


async def test_a_grammar_server_that_is_down_is_said_on_opening(tmp_path, monkeypatch):
    """An editor must not take a missing grammar check for a clean story: with LanguageTool
    asked for and its server stopped (a closed port), the app opens with the other rules'
    changes and a notice that says what was not checked."""
    import socket

    import wirefix.tui.app as tui_app
    from wirefix.cleaner import Config
    from wirefix.cleaner import languagetool as lt

    monkeypatch.delenv(lt.ENV_URL, raising=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    p = tmp_path / "story.txt"
    p.write_text("Talks  on Monday. He ate a apple.\n", encoding="utf-8")
    config = Config(extend_select=("grammar",), languagetool=url)

    class Noting(ReviewApp):   # the real app, keeping a copy of what it tells the editor
        CSS_PATH = str(Path(tui_app.__file__).with_name(ReviewApp.CSS_PATH))
        shown: list = []

        def notify(self, message, **kw):
            self.shown.append((message, kw.get("title"), kw.get("severity")))
            super().notify(message, **kw)

    app = Noting(ReviewSession.open(str(p), config=config), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [ch.findings[0].code for ch in app.session.changes] == ["WF201"]
        assert [(m.split(" is ")[0], t, sev) for m, t, sev in app.shown] == \
            [(f"LanguageTool at {url}", "Not checked", "error")], app.shown
        assert "unavailable (connection refused)" in app.shown[0][0]


# -- issue 11: integrity and an editor on deadline ---------------------------------------------
def seed_copy(tmp_path) -> Path:
    p = tmp_path / "seed.txt"
    p.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return p


def log_lines(story: Path) -> list[dict]:
    path = Path(f"{story}.wirefix.jsonl")
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


async def test_11_1_choosing_one_option_saves_only_that_edit(tmp_path):
    """J to a change with options, a digit, p, w: the preview and the saved story hold that
    one edit, and the log one accepted line with its own before and after."""
    p = seed_copy(tmp_path)
    original = p.read_text(encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        target = next(c for c in app.session.changes if len(c.options) > 1 and not c.is_flag)
        while app.current != target.index:
            await pilot.press("J")
        await pilot.press("2")
        await pilot.press("p")
        assert isinstance(app.screen, PreviewScreen)
        assert "1 edit in 1 pass" in str(app.screen.summary)
        await pilot.press("escape", "w")
        await pilot.pause()
    opt = target.options[1]
    want = original
    for place in sorted(opt.places, key=lambda x: -x.start):
        want = want[:place.start] + place.after + want[place.end:]
    assert p.read_text(encoding="utf-8") == want
    decided = [r for r in log_lines(p) if "decision" in r]
    assert len(decided) == 1 and decided[0]["decision"] == "accepted"
    assert decided[0]["before"] == target.before and decided[0]["after"] == target.after_for(1)


async def test_11_2_every_change_has_its_own_row_and_search_lands_on_it(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Bidens", "enter")
        ch = cur(app)
        assert ch.rule == "misplaced-possessive-apostrophe" and ch.before == "Bidens’"
        quotes = [c for c in app.session.changes if c.rule == "stripped-quotation-marks"
                  and not c.is_flag]
        assert any(c.line == 53 for c in quotes)           # the line-53 quote has its row
        for c in app.session.changes:
            assert len(c.before) < 400 or c.multi_place, (c.rule, len(c.before))


async def test_11_3_a_stripped_quotation_is_repaired_with_e_in_the_app(tmp_path):
    p = seed_copy(tmp_path)
    original = p.read_text(encoding="utf-8")
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        flag = next(c for c in app.session.changes
                    if c.is_flag and c.rule == "stripped-quotation-marks")
        app.go(flag.index)
        await pilot.press("y")
        assert flag.decision is Decision.PENDING        # a flag has nothing to accept
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        start, end, text = app.session.edit_region(flag.index)
        area = app.screen.query_one("#replacement")
        assert area.text == text and "\n" not in text
        fixed = "“" + text.replace(", Blinken said", ",” Blinken said")
        area.text = fixed
        await pilot.press("enter")                      # enter keeps it
        assert not isinstance(app.screen, EditScreen)
        assert flag.decision is Decision.FIXED_BY_HAND
        assert "✎" in str(app.changes_list.get_option(f"c{flag.index}").prompt)
        await pilot.press("w")
        await pilot.pause()
    assert p.read_text(encoding="utf-8") == original[:start] + fixed + original[end:]


async def test_11_3_E_opens_the_editor_and_rechecks_keeping_decisions(tmp_path, monkeypatch):
    """E hands the story to $EDITOR (here a real program that edits the file: sed), then
    checks it again; decisions made before are kept."""
    p = seed_copy(tmp_path)
    editor = tmp_path / "editor.py"     # an editor program: "+LINE FILE", edits the file
    editor.write_text(
        "import sys, pathlib\n"
        "line, path = sys.argv[1], pathlib.Path(sys.argv[2])\n"
        "assert line.startswith('+') and int(line[1:]) > 0\n"
        "t = path.read_text(encoding='utf-8')\n"
        "path.write_text(t.replace('we communicate', '“we communicate', 1), encoding='utf-8')\n",
        encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        hell = next(c for c in app.session.changes if c.before.startswith("Hell"))
        app.go(hell.index)
        await pilot.press("n")
        flag = next(c for c in app.session.changes if c.is_flag)
        app.go(flag.index)
        await pilot.press("E")
        await pilot.pause()
        assert "“we communicate" in app.session.text
        again = next(c for c in app.session.changes if c.before.startswith("Hell"))
        assert again.decision is Decision.REJECTED       # kept through the re-check
        await pilot.press("w")
        await pilot.pause()
    assert "“we communicate" in p.read_text(encoding="utf-8")


async def test_11_5_each_change_opens_at_the_top_with_options_under_before_and_after(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=(100, 20)) as pilot:
        target = next(c for c in app.session.changes if len(c.options) > 1 and not c.is_flag)
        app.go(target.index)
        await pilot.pause()
        text = detail_text(app)
        assert text.index("Before") < text.index("Options") < text.index("r: the rule")
        assert "What it does" not in text               # folded behind a key
        await pilot.press("r")
        assert "What it does" in detail_text(app)
        pane = app.query_one("#detail-pane")
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert pane.scroll_y > 0
        await pilot.press("J")
        await pilot.pause()
        assert pane.scroll_y == 0                       # the next change opens at the top


async def test_11_6_enter_keeps_the_edit_and_a_line_break_needs_ctrl_j_and_a_yes(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        area = app.screen.query_one("#replacement")
        area.text = "He will"
        await pilot.press("enter")
        assert app.session.changes[0].after == "He will"
        assert "\n" not in app.session.build().text
        assert app.current == 0
        await pilot.press("e")
        area = app.screen.query_one("#replacement")
        assert area.text == "He will"
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert "\n" not in area.text
        await pilot.press("ctrl+j", "y", "enter")
        assert "\n" in app.session.changes[0].after


async def test_11_7_a_filter_says_what_is_pending_elsewhere(story):
    app = make_app(story)
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_filter("rule", "chevron-run")
        app.rebuild_list()
        seen: list[str] = []
        app.notify = lambda message, **kw: seen.append(message)
        await pilot.press("A", "y")
        await pilot.pause()
        assert any("pending elsewhere" in m and "Every change this filter" in m for m in seen)
        assert not any(m.startswith("Every change is decided") for m in seen)


async def test_11_8_diffs_are_word_level(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=(140, 40)) as pilot:
        quote = next(c for c in app.session.changes if c.rule == "stripped-quotation-marks"
                     and not c.is_flag)
        app.go(quote.index)
        await pilot.pause()
        text = detail_text(app)
        sentence = "I believe the foundation of China-US relations lies with the people,"
        context_line = next(line for line in text.splitlines() if "foundation" in line)
        assert context_line.count("foundation") == 1      # not struck and re-inserted
        assert "“" + sentence + "”" in context_line
        its = next(c for c in app.session.changes if c.before == "its")
        app.go(its.index)
        await pilot.pause()
        assert "its→his" in detail_text(app)
        stop = next(c for c in app.session.changes if c.rule == "stray-full-stop"
                    and "Austin" in app.session.text[c.start - 10:c.start])
        app.go(stop.index)
        await pilot.pause()
        app.session.accept(stop.index, choice=next(
            i for i, o in enumerate(stop.options) if o.places[0].after == ""))
        app.refresh_view()
        assert "Austin⌫. for a meeting" in detail_text(app)   # a deleted stop is marked
        line = next(x for x in detail_text(app).splitlines() if "Austin" in x)
        assert "·" not in line                                # ordinary spaces stay spaces


async def test_11_9_a_small_terminal_keeps_the_keys_that_matter_and_a_wide_one_uses_the_width(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        footer = [fk for fk in app.query("FooterKey")]
        visible = {fk.key for fk in footer if fk.region.right <= 80 and fk.region.width}
        assert {"y", "n", "w", "q", "question_mark"} <= visible, visible
        assert "● unsaved" in status_text(app)
    for size in ((80, 24), (200, 40)):
        wide = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
        async with wide.run_test(size=size) as pilot:
            await pilot.pause()
            possessive = next(c for c in wide.session.changes if c.before == "Blinkens’")
            row = str(wide.changes_list.get_option(f"c{possessive.index}").prompt)
            assert "Blinkens’→Blinken’s" in row, row
            if size[0] == 200:
                assert "misplaced-possessive-apostro" in row


async def test_11_11_the_status_line_names_the_output_file(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p), output=str(tmp_path / "out.txt")),
                    cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE):
        assert "→ " in status_text(app) and "out.txt" in status_text(app)


async def test_11_12_a_change_on_disk_is_offered_for_reload_at_once(story):
    app = ReviewApp(ReviewSession.open(str(story), engine=review_engine()), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        story.write_text(STORY + "\n\nA new paragraph from the desk about teh results.",
                         encoding="utf-8")
        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "changed on disk" in str(app.screen.query_one("#question").content)
        await pilot.press("y")
        await pilot.pause()
        assert "A new paragraph" in app.session.text
        assert app.session.changes[0].decision is Decision.REJECTED   # kept


async def test_11_12_bulk_accept_counts_unsafe_changes_and_can_take_the_safe_ones_only(tmp_path):
    p = seed_copy(tmp_path)
    app = ReviewApp(ReviewSession.open(str(p)), cursor_blink=False, watch_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, BulkScreen)
        counts = str(app.screen.query_one("#bulk-counts").content)
        assert "unsafe" in counts
        await pilot.press("s")
        accepted = [c for c in app.session.changes if c.decision is Decision.ACCEPTED]
        assert accepted and all(c.option.applicability.value == "safe" for c in accepted)
        pending_fixes = [c for c in app.session.changes
                         if c.decision is Decision.PENDING and c.has_fix]
        assert pending_fixes and all(c.option.applicability.value != "safe"
                                     for c in pending_fixes)


async def test_11_12_an_empty_file_is_not_called_clean(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    app = make_app(p)
    async with app.run_test(size=SIZE):
        text = detail_text(app)
        assert "empty" in text and "no damage" not in text


async def test_11_12_search_highlights_and_steps_with_full_stop_and_comma(tmp_path):
    p = tmp_path / "s.txt"
    filler = "words " * 15
    p.write_text(f"teh zebra {filler} teh b {filler} teh zebra", encoding="utf-8")
    app = make_app(p)
    async with app.run_test(size=SIZE) as pilot:
        tehs = [c.index for c in app.session.changes if c.rule == "teh-the"]
        await pilot.press("slash", *"zebra", "enter")
        assert app.current == tehs[2] or app.current == tehs[0]
        first = app.current
        await pilot.press("full_stop")
        assert app.current != first and app.current in (tehs[0], tehs[2])
        await pilot.press("comma")
        assert app.current == first
        assert app.show_match and "zebra" in detail_text(app)
