"""`wirefix lsp` driven over stdio by an LSP client library (pytest-lsp), as an editor drives
it: the real server process, the real protocol, the seed story; its answers are compared
with what `wirefix check` says about the same file."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from conftest import SEED, run_cli
from lsp_client import Editor, config, position, start, until

pytestmark = pytest.mark.asyncio(loop_scope="function")

FIX_ALL = "source.fixAll.wirefix"
BROKEN_RULE = Path(__file__).parent / "data" / "lsp_broken_rule"


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient):
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest.fixture
def story(tmp_path):
    """A copy of the seed, so that fixes and the decisions log stay in the test's folder."""
    p = tmp_path / "story.txt"
    shutil.copy(SEED, p)
    return p


def _check_json(path) -> list[dict]:
    r = run_cli("check", "--format", "json", "-q", str(path))
    assert r.returncode in (0, 1), r.stderr.decode()
    return json.loads(r.stdout)


def _check_fix(path, tmp_path) -> str:
    out = tmp_path / "fixed.txt"
    shutil.copy(path, out)
    r = run_cli("check", "--fix", "-q", str(out))
    assert r.returncode in (0, 1), r.stderr.decode()
    return out.read_text(encoding="utf-8")


async def test_seed_diagnostics_equal_check_json(client, story):
    result = await start(client)
    assert result.capabilities.position_encoding in (None, T.PositionEncodingKind.Utf16)
    sync = result.capabilities.text_document_sync
    assert sync.change == T.TextDocumentSyncKind.Incremental and sync.save
    ed = Editor(client, story)
    ed.open()
    diags = await ed.checked()
    want = _check_json(story)
    assert len(want) > 10
    got = [(d.code, (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character), d.message, d.severity, d.source)
           for d in diags]
    severity = {"error": 1, "warning": 2, "info": 3}
    expected = [(f["code"], position(ed.text, f["start"]), position(ed.text, f["end"]),
                 f["message"], severity[f["severity"]], "wirefix") for f in want]
    assert got == expected
    # each links to its rule page under the project's documentation URL
    for d, f in zip(diags, want, strict=True):
        assert d.code_description.href.endswith(f"/docs/rules/{f['code']}.md")
        assert d.data["fingerprint"] == f["fingerprint"]


async def test_applying_every_safe_action_gives_check_fix(client, story, tmp_path):
    await start(client)
    ed = Editor(client, story)
    ed.open()
    await ed.checked()
    applied = 0
    for _ in range(60):
        actions = await ed.actions(only=[T.CodeActionKind.QuickFix])
        safe = [a for a in actions if a.is_preferred and a.edit is not None]
        if not safe:
            break
        ed.apply(safe[0].edit)
        applied += 1
        await ed.checked()
    assert applied >= 5
    assert ed.text == _check_fix(story, tmp_path)


async def test_fix_all_gives_check_fix_eagerly_and_on_resolve(client, story, tmp_path):
    await start(client, capabilities="neovim")
    ed = Editor(client, story)
    ed.open()
    await ed.checked()
    actions = await ed.actions(only=[FIX_ALL])
    assert [a.kind for a in actions] == [FIX_ALL]
    action = actions[0]
    if action.edit is None:           # the client resolves the edit lazily
        action = await client.code_action_resolve_async(action)
    ed.apply(action.edit)
    assert ed.text == _check_fix(story, tmp_path)
    await ed.checked()
    assert await ed.actions(only=[FIX_ALL]) == []   # nothing safe left


async def test_every_edit_of_a_fix_is_applied(client, tmp_path):
    """A fix with several edits (every "US" of a story that writes "U.S.") applies all of
    them in one workspace edit, and the unsafe fix says so in its title."""
    p = tmp_path / "us.txt"
    p.write_text("U.S. officials and U.S. envoys held China-US talks on US allegations.\n",
                 encoding="utf-8")
    await start(client)
    ed = Editor(client, p)
    ed.open()
    diags = await ed.checked()
    assert [d.code for d in diags] == ["WF931"]
    actions = [a for a in await ed.actions(only=[T.CodeActionKind.QuickFix]) if a.edit]
    assert len(actions) == 1 and "unsafe" in actions[0].title
    assert not actions[0].is_preferred
    edits = [e for c in actions[0].edit.document_changes for e in c.edits]
    assert len(edits) == 2
    ed.apply(actions[0].edit)
    assert ed.text == "U.S. officials and U.S. envoys held China-U.S. talks on U.S. allegations.\n"
    assert await ed.checked() == []


async def test_ignore_hides_the_finding_in_a_later_check(client, story):
    await start(client)
    ed = Editor(client, story)
    ed.open()
    diags = await ed.checked()
    target = diags[0]
    fp = target.data["fingerprint"]
    actions = await ed.actions(only=[T.CodeActionKind.QuickFix])
    ignore = [a for a in actions if a.command and a.command.command == "wirefix.ignore"
              and a.command.arguments[1] == fp]
    assert ignore and ignore[0].title.startswith("Ignore this finding")
    await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command=ignore[0].command.command, arguments=ignore[0].command.arguments))
    await until(lambda: all(d.data["fingerprint"] != fp
                            for d in client.diagnostics.get(ed.uri, [])))
    log = story.with_name(story.name + ".wirefix.jsonl")
    rec = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    assert rec["decision"] == "rejected" and rec["fingerprint"] == fp
    after = _check_json(story)
    assert fp not in {f["fingerprint"] for f in after}
    assert len(after) == len(diags) - 1


async def test_positions_count_utf16_code_units(client, tmp_path):
    """Emoji and other characters beyond U+FFFF count two; U+2028 and U+0085 do not end a
    line in LSP (they do in Python's splitlines)."""
    text = "Fans 😀🎉 cheered 𝐀 lot\u2028and the the crowd sang.\nThen\x85the the end.\n"
    p = tmp_path / "emoji.txt"
    p.write_text(text, encoding="utf-8")
    await start(client)
    ed = Editor(client, p)
    ed.open()
    diags = [d for d in await ed.checked() if d.code == "WF010"]
    starts = [(d.range.start.line, d.range.start.character) for d in diags]
    first = text.index("the the")
    second = text.index("the the", first + 1)
    assert starts == [position(text, first), position(text, second)]
    assert starts[0] == (0, len("Fans 😀🎉 cheered 𝐀 lot\u2028and ") + 3)
    # an incremental change after the astral characters lands where the editor put it
    at = text.index("crowd")
    ed.replace(at, at, "happy ")
    diags = [d for d in await ed.checked() if d.code == "WF010"]
    assert [(d.range.start.line, d.range.start.character) for d in diags] == \
        [position(ed.text, ed.text.index("the the")),
         position(ed.text, ed.text.index("the the", ed.text.index("the the") + 1))]
    assert "happy crowd" in ed.text


async def test_changes_are_rechecked_incrementally_and_on_save(client, story):
    await start(client)
    ed = Editor(client, story)
    ed.open()
    before = await ed.checked()
    # type a doubled word at the end of the story, one keystroke at a time
    for ch in "\n\nThey met the the minister.":
        ed.replace(len(ed.text), len(ed.text), ch)
    diags = await ed.checked()
    assert len([d for d in diags if d.code == "WF010"]) == \
        len([d for d in before if d.code == "WF010"]) + 1
    story.write_text(ed.text, encoding="utf-8")
    client.text_document_did_save(T.DidSaveTextDocumentParams(
        text_document=T.TextDocumentIdentifier(uri=ed.uri)))
    n = len(client.checked)
    await until(lambda: len(client.checked) > n)
    want = _check_json(story)
    assert [d.code for d in client.diagnostics[ed.uri]] == [f["code"] for f in want]


async def test_hover_shows_the_rule_page(client, story):
    await start(client)
    ed = Editor(client, story)
    ed.open()
    diags = await ed.checked()
    d = next(d for d in diags if d.code == "WF601")
    hover = await client.text_document_hover_async(T.HoverParams(
        text_document=T.TextDocumentIdentifier(uri=ed.uri), position=d.range.start))
    assert hover.contents.kind == T.MarkupKind.Markdown
    assert "# WF601 `misplaced-possessive-apostrophe`" in hover.contents.value
    assert "## Fix safety" in hover.contents.value


async def test_config_is_found_from_the_path_and_reloaded(client, story):
    await start(client)
    ed = Editor(client, story)
    ed.open()
    diags = await ed.checked()
    assert any(d.code == "WF601" for d in diags)
    cfg = story.parent / "wirefix.toml"
    cfg.write_text('ignore = ["WF601"]\n', encoding="utf-8")
    ed.replace(len(ed.text), len(ed.text), " ")
    diags = await ed.checked()
    assert not any(d.code == "WF601" for d in diags)
    # a bad config: a clear message and a diagnostic; the server keeps running
    cfg.write_text('ignore = [\n', encoding="utf-8")
    ed.replace(len(ed.text), len(ed.text), " ")
    diags = await ed.checked()
    assert [d.code for d in diags] == ["wirefix"]
    assert "configuration cannot be used" in diags[0].message
    assert any("wirefix.toml" in m.message for m in client.messages)
    cfg.unlink()
    ed.replace(len(ed.text), len(ed.text), " ")
    diags = await ed.checked()
    assert any(d.code == "WF601" for d in diags)


async def test_bad_input_gets_a_message_and_the_server_keeps_running(client, tmp_path):
    await start(client)
    binary = Editor(client, tmp_path / "blob.txt", text="PK\x00\x03 binary")
    binary.open()
    diags = await binary.checked()
    assert len(diags) == 1 and "binary data" in diags[0].message
    # a message whose body is not UTF-8: skipped with a message, the server carries on
    body = (b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": '
            b'{"uri": "file:///x/bad.txt", "languageId": "plaintext", "version": 1, '
            b'"text": "caf\xe9"}}}')
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await until(lambda: any("not valid UTF-8" in m.message for m in client.messages))
    ok = Editor(client, tmp_path / "ok.txt", text="The the cat sat.\n")
    ok.open()
    diags = await ok.checked()
    assert [d.code for d in diags] == ["WF010"]
    # a file whose bytes are not UTF-8 (the editor guessed latin-1): a message says how
    # `wirefix check` will read them, and the editor's text is checked
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"Caf\xe9 owners met. The the talks ended.\n")
    shown = Editor(client, legacy, text="Café owners met. The the talks ended.\n")
    shown.open()
    assert [d.code for d in await shown.checked()] == ["WF010"]
    assert any("not valid UTF-8 on disk (byte 0xE9" in m.message for m in client.messages)


@pytest_lsp.fixture(config=config(env={"PYTHONPATH": str(BROKEN_RULE)}))
async def broken_client(lsp_client: LanguageClient):
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_a_rule_that_raises_is_reported_and_the_rest_still_run(broken_client, story):
    await start(broken_client)
    ed = Editor(broken_client, story)
    ed.open()
    diags = await ed.checked()
    internal = [d for d in diags if d.code == "WF000"]
    assert len(internal) == 1 and "simulated bug in doubled-word" in internal[0].message
    assert any(d.code == "WF601" for d in diags)                  # the other rules ran
    assert any("doubled-word" in m.message for m in broken_client.messages)
    ed.replace(len(ed.text), len(ed.text), " The the end.")
    diags = await ed.checked()                                      # still running
    assert any(d.code == "WF000" for d in diags) and any(d.code == "WF601" for d in diags)


@pytest.mark.languagetool
async def test_languagetool_findings_come_after_wirefixs_own(client, tmp_path, languagetool_url):
    """With the grammar family configured, wirefix's own diagnostics are published first
    and LanguageTool's when its server has answered (never on the typing path)."""
    (tmp_path / "wirefix.toml").write_text(f'languagetool = "{languagetool_url}"\n',
                                           encoding="utf-8")
    p = tmp_path / "grammar.txt"
    p.write_text("She ate a apple before the the meeting.\n", encoding="utf-8")
    await start(client)
    ed = Editor(client, p)
    ed.open()
    await until(lambda: ed.uri in client.diagnostics)
    first = [d.code for d in client.diagnostics[ed.uri]]
    assert "WF010" in first and not any(c.startswith("LT:") for c in first)
    final = [d.code for d in await ed.checked(timeout=120)]
    assert "LT:EN_A_VS_AN" in final and "WF010" in final
    want = [f["code"] for f in _check_json(p)]
    assert sorted(final) == sorted(want)
    # typing: the provisional diagnostics keep LanguageTool's finding (carried over), the
    # final ones come from a new whole-story check with LanguageTool
    ed.replace(len(ed.text), len(ed.text), "It was an hour late.\n")
    assert "LT:EN_A_VS_AN" in [d.code for d in await ed.checked(timeout=120)]


async def test_markdown_syntax_is_left_alone_and_its_prose_checked(client, tmp_path):
    p = tmp_path / "notes.md"
    p.write_text(
        "---\ntitle: Notes  on  it\n---\n\n# The talks\n\n"
        "Officials met on Monday and the talks went on late into the night, said the\n"
        "spokesman, who gave no details of what was agreed at the meeting.  \n"
        "The [summit](https://example.org/a--b) ended &mdash; at last.\n\n"
        "```\nx  =  1 -- comment &amp; more\n```\n\n"
        "    indented  code  here\n\n"
        "| a   | b   |\n|-----|-----|\n| 1   | 2   |\n\n"
        "The the envoys left. They dont agree.\n", encoding="utf-8")
    await start(client)
    ed = Editor(client, p, language="markdown")
    ed.open()
    codes = [d.code for d in await ed.checked()]
    assert codes == ["WF010", "WF501"]          # the prose's damage, none of the syntax's
    plain = [f["code"] for f in _check_json(p)]  # `wirefix check` reads it as plain text
    assert len(plain) > len(codes)
