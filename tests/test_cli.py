"""`wirefix check` and `wirefix rules` end to end, through a subprocess, as a user runs them:
every output format, every option and every exit code (0 clean, 1 findings, 2 error).

Most tests pin the rule set with a wirefix.toml (select = WF010, WF201), so that rules other
engineers add do not change the expected output; a few run the default catalogue."""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli

DAMAGED = "Talks  with the the minister began.\n\nHe said said no.\n"
# WF201 safe "  " ; WF010 safe "the the" ; WF010 unsafe "said said"
FIXED_SAFE = "Talks with the minister began.\n\nHe said said no.\n"
FIXED_ALL = "Talks with the minister began.\n\nHe said no.\n"
CLEAN = "Talks with the minister began.\n"
PINNED = 'select = ["WF010", "WF201"]\n'
CONTRACT_KEYS = {"path", "code", "rule", "family", "start", "end", "line", "column", "end_line",
                 "end_column", "message", "replacements", "applicability", "severity",
                 "fingerprint"}


class Run:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out_bytes = proc.stdout
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8")

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


def wf(*args, cwd=None, input=b"", env=None) -> Run:
    run = Run(run_cli(*map(str, args), input=input, cwd=cwd, env=env))
    assert "Traceback" not in run.err, run
    return run


@pytest.fixture()
def story(tmp_path) -> Path:
    """A damaged story in a folder whose wirefix.toml pins the rule set."""
    (tmp_path / "wirefix.toml").write_text(PINNED, encoding="utf-8")
    path = tmp_path / "story.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    return path


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, computed independently of cleaner.Document."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def _check_contract(objs, text, path):
    for d in objs:
        assert CONTRACT_KEYS <= set(d), CONTRACT_KEYS - set(d)
        assert d["path"] == path
        assert isinstance(d["start"], int) and isinstance(d["end"], int)
        assert 0 <= d["start"] <= d["end"] <= len(text)
        assert d["text"] == text[d["start"]:d["end"]]
        assert (d["line"], d["column"]) == _line_col(text, d["start"])
        assert (d["end_line"], d["end_column"]) == _line_col(text, d["end"])
        assert isinstance(d["replacements"], list) and all(isinstance(r, str) for r in d["replacements"])
        assert d["applicability"] in ("safe", "unsafe", "display")
        assert d["severity"] in ("error", "warning", "info")
        assert d["fingerprint"].startswith(d["rule"] + ":")
        assert re.fullmatch(r"[A-Z]+[0-9A-Z:_]*", d["code"]) and d["rule"] == d["rule"].lower()


# -- output formats -------------------------------------------------------------------------------
def test_text_format_shows_context_caret_change_and_summary(story):
    r = wf("check", story.name, cwd=story.parent)
    assert r.code == 1, r
    assert "story.txt:1:6: WF201 [*] space-run: 2 spaces in a row" in r.out
    lines = r.out.splitlines()
    i = lines.index("1 | Talks  with the the minister began.")
    assert lines[i + 1] == "  |      ^^"
    assert lines[i + 2] == "  = fix (Replace with one space): “  ” → “ ”"
    assert "story.txt:3:4: WF010 [~] doubled-word" in r.out
    assert "= unsafe fix (Remove the second “said”): “said said” → “said”" in r.out
    assert r.out.rstrip().endswith(
        "3 findings; 2 fixable with --fix; 1 more fixable with --unsafe-fixes")


def test_text_summary_after_fix_counts_fixed_and_remaining(story):
    r = wf("check", "--fix", story.name, cwd=story.parent)
    assert r.code == 1, r
    assert r.out.rstrip().endswith(
        "3 findings (2 fixed, 1 remaining); 1 more fixable with --unsafe-fixes")


def test_concise_format_is_one_line_per_finding(story):
    r = wf("check", "--format", "concise", story.name, cwd=story.parent)
    assert r.code == 1
    assert r.out.splitlines() == [
        "story.txt:1:6: WF201 [*] space-run: 2 spaces in a row",
        "story.txt:1:13: WF010 [*] doubled-word: “the” is written twice",
        "story.txt:3:4: WF010 [~] doubled-word: “said” is written twice",
        "3 findings; 2 fixable with --fix; 1 more fixable with --unsafe-fixes",
    ]


def test_json_format_is_the_documented_contract(story):
    r = wf("check", "--format", "json", story.name, cwd=story.parent)
    assert r.code == 1
    objs = r.json()
    assert isinstance(objs, list) and len(objs) == 3
    _check_contract(objs, DAMAGED, "story.txt")
    first = objs[0]
    assert {k: first[k] for k in ("code", "rule", "family", "start", "end", "line", "column",
                                  "end_line", "end_column", "replacements", "applicability",
                                  "severity")} == {
        "code": "WF201", "rule": "space-run", "family": "whitespace", "start": 5, "end": 7,
        "line": 1, "column": 6, "end_line": 1, "end_column": 8, "replacements": [" "],
        "applicability": "safe", "severity": "warning"}
    assert [o["applicability"] for o in objs] == ["safe", "safe", "unsafe"]
    assert first["edits"] == [{"start": 5, "end": 7, "replacement": " "}]
    # the summary goes to stderr, so stdout is pure JSON
    assert "3 findings" in r.err


def test_json_offsets_are_code_points_with_crlf_and_astral_characters(tmp_path):
    text = "\U0001F600 Emoji first.\r\nThen the the end\r\n"
    p = tmp_path / "s.txt"
    p.write_bytes(text.encode("utf-8"))
    r = wf("check", "--format", "json", "--select", "WF010", p.name, cwd=tmp_path)
    objs = r.json()
    _check_contract(objs, text, "s.txt")
    # one code point for the emoji (not two UTF-16 units, not four bytes), two for the CRLF
    assert [(o["start"], o["end"], o["line"], o["column"]) for o in objs] == [(21, 28, 2, 6)]


def test_json_of_clean_text_is_an_empty_array_and_exit_0(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "c.txt").write_text(CLEAN)
    r = wf("check", "--format", "json", "c.txt", cwd=tmp_path)
    assert r.code == 0 and r.json() == []


def test_jsonl_format_has_one_contract_object_per_line(story):
    r = wf("check", "--format", "jsonl", story.name, cwd=story.parent)
    assert r.code == 1
    objs = [json.loads(line) for line in r.out.splitlines()]
    assert len(objs) == 3
    _check_contract(objs, DAMAGED, "story.txt")
    as_json = wf("check", "--format", "json", story.name, cwd=story.parent).json()
    assert objs == as_json


def test_github_format_writes_workflow_commands(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    odd = tmp_path / "a,b:100%.txt"
    odd.write_text(DAMAGED)
    r = wf("check", "--format", "github", odd.name, cwd=tmp_path)
    assert r.code == 1
    lines = r.out.splitlines()
    assert len(lines) == 3
    assert lines[0] == ("::warning file=a%2Cb%3A100%25.txt,line=1,col=6,endLine=1,endColumn=8,"
                        "title=wirefix WF201 space-run::WF201 2 spaces in a row")
    assert all(re.match(r"::(warning|error|notice) file=", line) for line in lines)


def test_sarif_format_is_valid_sarif_with_rules_regions_and_fixes(story):
    r = wf("check", "--format", "sarif", story.name, cwd=story.parent)
    assert r.code == 1
    doc = r.json()
    assert doc["version"] == "2.1.0" and "sarif" in doc["$schema"]
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "wirefix"
    assert run["columnKind"] == "unicodeCodePoints"
    assert {x["id"] for x in run["tool"]["driver"]["rules"]} == {"WF010", "WF201"}
    results = run["results"]
    assert len(results) == 3
    first = results[0]
    assert first["ruleId"] == "WF201" and first["level"] == "warning"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 8,
                      "charOffset": 5, "charLength": 2}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": " "}
    assert first["partialFingerprints"]["wirefix/v1"].startswith("space-run:")
    assert r.err == ""


def test_sarif_describes_engine_notices(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "l.txt").write_bytes(b"caf\xe9 ok\n")
    doc = wf("check", "--format", "sarif", "l.txt", cwd=tmp_path).json()
    assert [x["id"] for x in doc["runs"][0]["tool"]["driver"]["rules"]] == ["WF001"]


# -- fixing -------------------------------------------------------------------------------------------
def test_fix_writes_safe_fixes_in_place(story):
    r = wf("check", "--fix", story.name, cwd=story.parent)
    assert r.code == 1
    assert story.read_text() == FIXED_SAFE
    assert "WF010 [~] doubled-word" in r.out and "WF201" not in r.out


def test_fix_exit_0_when_nothing_remains(story):
    r = wf("check", "--fix", "--unsafe-fixes", story.name, cwd=story.parent)
    assert r.code == 0, r
    assert story.read_text() == FIXED_ALL
    assert "3 findings (3 fixed, 0 remaining)" in r.out


def test_fix_keeps_crlf_the_missing_final_newline_and_the_mode(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Talks  with the the minister.\r\nNo final newline here, the the end")
    os.chmod(p, 0o640)
    before = p.stat()
    r = wf("check", "--fix", p.name, cwd=tmp_path)
    assert r.code == 0, r
    assert p.read_bytes() == b"Talks with the minister.\r\nNo final newline here, the end"
    after = p.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert after.st_ino != before.st_ino      # written to a temp file and renamed over
    assert sorted(x.name for x in tmp_path.iterdir()) == ["crlf.txt", "wirefix.toml"]


def test_fix_through_a_symlink_edits_the_target_and_keeps_the_link(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    target = tmp_path / "real.txt"
    target.write_text("a  b\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert wf("check", "--fix", "link.txt", cwd=tmp_path).code == 0
    assert link.is_symlink() and target.read_text() == "a b\n"


def test_fix_leaves_clean_files_untouched(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    p = tmp_path / "c.txt"
    p.write_text(CLEAN)
    ino = p.stat().st_ino
    r = wf("check", "--fix", "c.txt", cwd=tmp_path)
    assert r.code == 0 and "All clean" in r.out
    assert p.stat().st_ino == ino


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    r = wf("check", "--fix", "-", cwd=tmp_path, input=DAMAGED.replace("\n", "\r\n"))
    assert r.code == 1
    assert r.out_bytes == FIXED_SAFE.replace("\n", "\r\n").encode()
    assert "-:3:4: WF010 [~] doubled-word" in r.err
    assert "3 findings (2 fixed, 1 remaining)" in r.err


def test_stdin_fix_with_json_keeps_both_streams_parseable(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    r = wf("check", "--fix", "--format", "json", "-", cwd=tmp_path, input=DAMAGED)
    assert r.out == FIXED_SAFE
    remaining = json.loads(r.err)
    assert [d["text"] for d in remaining] == ["said said"]
    _check_contract(remaining, FIXED_SAFE, "-")


def test_stdin_fix_keeps_a_bom_and_utf16(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    bom = "\ufeffa  b\r\n".encode("utf-8")
    assert wf("check", "--fix", "-", cwd=tmp_path, input=bom).out_bytes == "\ufeffa b\r\n".encode("utf-8")
    u16 = "a  b\n".encode("utf-16")
    out = wf("check", "--fix", "-", cwd=tmp_path, input=u16).out_bytes
    assert out.startswith(b"\xff\xfe") and out.decode("utf-16") == "a b\n"


def test_unsafe_fixes_and_no_unsafe_fixes_override_the_config(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED + "unsafe-fixes = true\n")
    r = wf("check", "--fix", "-", cwd=tmp_path, input=DAMAGED)
    assert r.out == FIXED_ALL and r.code == 0
    r = wf("check", "--fix", "--no-unsafe-fixes", "-", cwd=tmp_path, input=DAMAGED)
    assert r.out == FIXED_SAFE and r.code == 1


def test_diff_prints_a_unified_diff_and_writes_nothing(story):
    r = wf("check", "--diff", story.name, cwd=story.parent)
    assert r.code == 1
    assert story.read_text() == DAMAGED
    assert r.out.splitlines() == [
        "--- a/story.txt", "+++ b/story.txt", "@@ -1,3 +1,3 @@",
        "-Talks  with the the minister began.", "+Talks with the minister began.",
        " ", " He said said no."]
    assert "2 would be fixed, 1 remaining" in r.err


def test_diff_with_unsafe_fixes_and_of_clean_text(story, tmp_path):
    r = wf("check", "--diff", "--unsafe-fixes", story.name, cwd=story.parent)
    assert "+He said no." in r.out and r.code == 1
    (tmp_path / "c.txt").write_text(CLEAN)
    r = wf("check", "--diff", "c.txt", cwd=tmp_path)
    assert r.code == 0 and r.out == ""


def test_diff_marks_a_missing_final_newline(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "n.txt").write_text("a  b")
    r = wf("check", "--diff", "n.txt", cwd=tmp_path)
    assert r.out.splitlines()[-4:] == ["-a  b", "\\ No newline at end of file", "+a b",
                                       "\\ No newline at end of file"]


def test_fix_only_applies_fixes_reports_nothing_and_exits_0(story):
    r = wf("check", "--fix-only", story.name, cwd=story.parent)
    assert r.code == 0, r
    assert story.read_text() == FIXED_SAFE
    assert r.out == "" and "Fixed 2 findings." in r.err
    assert "said said" not in r.err


def test_fix_only_with_exit_non_zero_on_fix(story):
    r = wf("check", "--fix-only", "--exit-non-zero-on-fix", story.name, cwd=story.parent)
    assert r.code == 1 and story.read_text() == FIXED_SAFE
    r = wf("check", "--fix-only", "--exit-non-zero-on-fix", story.name, cwd=story.parent)
    assert r.code == 0  # nothing left to fix the second time


def test_exit_non_zero_on_fix_fails_even_when_nothing_remains(story):
    r = wf("check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", story.name,
           cwd=story.parent)
    assert r.code == 1 and story.read_text() == FIXED_ALL
    assert "0 remaining" in r.out


def test_show_fixes_lists_the_applied_fixes_per_file_and_rule(story):
    r = wf("check", "--fix", "--show-fixes", story.name, cwd=story.parent)
    assert "Fixed 2 findings in story.txt:\n    1 × WF010 (doubled-word)\n    1 × WF201 (space-run)" in r.out
    r2 = wf("check", "--fix-only", "--show-fixes", story.name, cwd=story.parent)
    assert r2.err == "Fixed 0 findings.\n"


def test_statistics_counts_findings_per_rule(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(DAMAGED)
    r = wf("check", "--statistics", "a.txt", "b.txt", cwd=tmp_path)
    assert r.code == 1
    rows = [line.split("\t") for line in r.out.splitlines()[:-1]]
    assert rows == [["2", "WF010", "[*]", "doubled-word"], ["2", "WF010", "[~]", "doubled-word"],
                    ["2", "WF201", "[*]", "space-run"]]
    assert "story.txt" not in r.out and "|" not in r.out
    js = wf("check", "--statistics", "--format", "json", "a.txt", "b.txt", cwd=tmp_path).json()
    assert js == [
        {"code": "WF010", "rule": "doubled-word", "family": "repetition", "count": 4,
         "fixable": 2, "unsafe_fixable": 2},
        {"code": "WF201", "rule": "space-run", "family": "whitespace", "count": 2,
         "fixable": 2, "unsafe_fixable": 0}]


# -- selection -----------------------------------------------------------------------------------
@pytest.mark.parametrize("flag,value,codes", [
    ("--select", "WF201", {"WF201"}),                   # code
    ("--select", "WF2", {"WF201"}),                     # code prefix
    ("--select", "doubled-word", {"WF010"}),            # rule name
    ("--select", "repetition", {"WF010"}),              # family
    ("--select", "WF201,doubled-word", {"WF010", "WF201"}),
    ("--ignore", "WF201", {"WF010"}),
    ("--ignore", "WF0", {"WF201"}),
    ("--ignore", "doubled-word", {"WF201"}),
    ("--ignore", "whitespace", {"WF010"}),
])
def test_select_and_ignore_by_code_prefix_name_and_family(story, flag, value, codes):
    r = wf("check", "--format", "json", flag, value, story.name, cwd=story.parent)
    assert {d["code"] for d in r.json()} == codes


def test_select_replaces_and_extend_select_adds(tmp_path):
    (tmp_path / "wirefix.toml").write_text('select = ["WF201"]\n')
    (tmp_path / "s.txt").write_text(DAMAGED)
    codes = lambda *a: {d["code"] for d in wf("check", "--format", "json", *a, "s.txt",  # noqa: E731
                                                cwd=tmp_path).json()}
    assert codes() == {"WF201"}
    assert codes("--extend-select", "WF010") == {"WF010", "WF201"}
    assert codes("--extend-select", "repetition") == {"WF010", "WF201"}
    assert codes("--select", "doubled-word") == {"WF010"}
    # options repeat and take comma lists; within the command line the more specific wins
    assert codes("--select", "WF010", "--select", "WF201", "--ignore", "doubled-word") == {"WF201"}
    assert codes("--select", "ALL", "--ignore", "WF0,WF201", "--extend-select", "WF010") == {"WF010"}
    # the command line's --ignore beats the config's select, however specific
    assert codes("--ignore", "whitespace") == set()


def test_unknown_selector_is_an_error_exit_2(story):
    r = wf("check", "--select", "no-such-rule", story.name, cwd=story.parent)
    assert r.code == 2 and "unknown rule selector 'no-such-rule'" in r.err
    assert r.err.count("\n") == 1


# -- stdin, names, config -----------------------------------------------------------------------
def test_stdin_is_read_when_no_path_is_given(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    r = wf("check", "--format", "concise", cwd=tmp_path, input=DAMAGED)
    assert r.code == 1 and r.out.startswith("-:1:6: WF201")


def test_stdin_filename_names_the_story_and_finds_its_config(tmp_path):
    (tmp_path / "wirefix.toml").write_text(
        PINNED + '[per-file-ignores]\n"briefs/*.txt" = ["repetition"]\n')
    (tmp_path / "briefs").mkdir()
    r = wf("check", "--format", "json", "--stdin-filename", "briefs/x.txt", "-", cwd=tmp_path,
           input=DAMAGED)
    assert {(d["path"], d["code"]) for d in r.json()} == {("briefs/x.txt", "WF201")}
    r = wf("check", "--format", "json", "--stdin-filename", "news/x.txt", "-", cwd=tmp_path,
           input=DAMAGED)
    assert {d["code"] for d in r.json()} == {"WF010", "WF201"}
    # the config is looked up from the stdin filename's folder, not the working folder
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "wirefix.toml").write_text('select = ["WF010"]\n')
    r = wf("check", "--format", "json", "--stdin-filename", str(other / "s.txt"), "-",
           cwd=tmp_path, input=DAMAGED)
    assert {d["code"] for d in r.json()} == {"WF010"}


def test_stdin_can_be_read_only_once(tmp_path):
    r = wf("check", "-", "-", cwd=tmp_path, input=CLEAN)
    assert r.code == 2 and "stdin can be read only once" in r.err


def test_config_option_uses_that_file_and_skips_discovery(story, tmp_path):
    cfg = tmp_path / "other.toml"
    cfg.write_text('select = ["WF010"]\nignore-patterns = ["said said"]\n')
    r = wf("check", "--format", "json", "--config", cfg, story.name, cwd=story.parent)
    assert [d["text"] for d in r.json()] == ["the the"]
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.wirefix]\nselect = ["WF201"]\n')
    r = wf("check", "--format", "json", "--config", pyproject, story.name, cwd=story.parent)
    assert [d["code"] for d in r.json()] == ["WF201"]


def test_config_errors_exit_2_with_one_line(tmp_path):
    (tmp_path / "s.txt").write_text(CLEAN)
    r = wf("check", "--config", tmp_path / "missing.toml", "s.txt", cwd=tmp_path)
    assert r.code == 2 and "config file not found" in r.err
    bad = tmp_path / "bad.toml"
    bad.write_text("selekt = ['WF010']\n")
    r = wf("check", "--config", bad, "s.txt", cwd=tmp_path)
    assert r.code == 2 and "unknown key(s) selekt" in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_discovered_config_errors_are_reported_per_file(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "wirefix.toml").write_text(PINNED)
    (bad / "wirefix.toml").write_text("bogus = 1\n")
    (good / "s.txt").write_text(DAMAGED)
    (bad / "s.txt").write_text(DAMAGED)
    r = wf("check", "--format", "concise", "bad/s.txt", "good/s.txt", cwd=tmp_path)
    assert r.code == 2
    assert "unknown key(s) bogus" in r.err
    assert "good/s.txt:1:6: WF201" in r.out     # the other file is still checked


def test_show_settings_prints_the_resolved_config_and_rules(story):
    r = wf("check", "--show-settings", "--ignore", "WF201", "--style", "quotes=curly",
           story.name, cwd=story.parent)
    assert r.code == 0
    assert r.out.startswith("# settings for story.txt\n")
    assert f"# config file: {story.parent / 'wirefix.toml'}" in r.out
    body = r.out.split("\n", 2)[2]
    settings = json.loads(body[:body.index("\n# ")])
    assert settings["select"] == ["WF010", "WF201"]
    assert settings["command-line"] == {"select": None, "extend-select": [], "ignore": ["WF201"]}
    assert settings["style"]["quotes"] == "curly"
    assert settings["max-file-size"] == 16_000_000
    assert r.out.rstrip().endswith("# 1 rules enabled:\nWF010\tdoubled-word\trepetition\tunsafe")


def test_show_settings_without_paths_and_for_stdin(tmp_path):
    (tmp_path / "wirefix.toml").write_text('languagetool = "http://127.0.0.1:1"\n')
    r = wf("check", "--show-settings", cwd=tmp_path, input=b"")
    assert r.code == 0 and '"languagetool": "http://127.0.0.1:1"' in r.out
    r = wf("check", "--show-settings", "--languagetool", "http://127.0.0.1:2",
           "--stdin-filename", "x/y.txt", "-", cwd=tmp_path, input=b"")
    assert "# settings for x/y.txt" in r.out and '"http://127.0.0.1:2"' in r.out


def test_style_option_is_validated(story):
    r = wf("check", "--style", "quotes=fancy", story.name, cwd=story.parent)
    assert r.code == 2 and "style option 'quotes' must be one of" in r.err
    r = wf("check", "--style", "nonsense=1", story.name, cwd=story.parent)
    assert r.code == 2 and "unknown style option 'nonsense'" in r.err
    r = wf("check", "--style", "quotes", story.name, cwd=story.parent)
    assert r.code == 2 and "KEY=VALUE" in r.err
    r = wf("check", "--style", "unwrap=false", "--style", "quotes=straight", "--show-settings",
           story.name, cwd=story.parent)
    assert r.code == 0 and '"unwrap": false' in r.out and '"quotes": "straight"' in r.out


def test_max_file_size_refuses_larger_files_and_checks_the_rest(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "big.txt").write_text("a  b " * 100)
    (tmp_path / "small.txt").write_text("a  b\n")
    r = wf("check", "--format", "concise", "--max-file-size", "100", "big.txt", "small.txt",
           cwd=tmp_path)
    assert r.code == 2
    assert "big.txt: 500 bytes is larger than max-file-size (100)" in r.err
    assert "small.txt:1:2: WF201" in r.out
    r = wf("check", "--max-file-size", "10", "-", cwd=tmp_path, input="a  b " * 100)
    assert r.code == 2 and "larger than max-file-size" in r.err
    r = wf("check", "--max-file-size", "0", "small.txt", cwd=tmp_path)
    assert r.code == 2 and "--max-file-size" in r.err
    (tmp_path / "wirefix.toml").write_text(PINNED + "max-file-size = 100\n")
    assert wf("check", "big.txt", cwd=tmp_path).code == 2
    assert wf("check", "--max-file-size", "1000", "big.txt", cwd=tmp_path).code == 1


def test_quiet_drops_the_summary(story):
    r = wf("check", "--quiet", story.name, cwd=story.parent)
    assert r.code == 1 and "fixable" not in r.out and "WF201" in r.out
    r = wf("check", "-q", "--format", "json", story.name, cwd=story.parent)
    assert r.err == "" and len(r.json()) == 3
    r = wf("check", "-q", "--fix-only", story.name, cwd=story.parent)
    assert r.err == "" and r.out == ""


def test_exit_zero_keeps_findings_but_not_errors(story):
    r = wf("check", "--exit-zero", story.name, cwd=story.parent)
    assert r.code == 0 and "3 findings" in r.out
    r = wf("check", "--exit-zero", story.name, "missing.txt", cwd=story.parent)
    assert r.code == 2


def test_show_decided_reports_findings_an_editor_rejected(story):
    found = wf("check", "--format", "json", story.name, cwd=story.parent).json()
    rejected = next(d for d in found if d["text"] == "said said")
    log = story.parent / (story.name + ".wirefix.jsonl")
    log.write_text(json.dumps({"time": "2024-05-01T10:12:03.120Z",
                               "fingerprint": rejected["fingerprint"], "rule": rejected["rule"],
                               "code": rejected["code"], "before": "said said", "after": "said",
                               "decision": "rejected", "note": ""}) + "\n")
    quiet = wf("check", "--format", "json", story.name, cwd=story.parent).json()
    assert [d["text"] for d in quiet] == ["  ", "the the"]
    shown = wf("check", "--format", "json", "--show-decided", story.name, cwd=story.parent).json()
    assert shown == found
    # a rejected unsafe fix is not applied by --unsafe-fixes either
    wf("check", "--fix", "--unsafe-fixes", story.name, cwd=story.parent)
    assert "He said said no." in story.read_text()


# -- errors and exit codes -------------------------------------------------------------------------
def test_exit_codes_0_1_2(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "clean.txt").write_text(CLEAN)
    (tmp_path / "dirty.txt").write_text(DAMAGED)
    assert wf("check", "clean.txt", cwd=tmp_path).code == 0
    assert wf("check", "dirty.txt", cwd=tmp_path).code == 1
    assert wf("check", "missing.txt", cwd=tmp_path).code == 2
    assert wf("check", "--no-such-option", "clean.txt", cwd=tmp_path).code == 2
    assert wf("check", "--format", "xml", "clean.txt", cwd=tmp_path).code == 2


def test_bad_inputs_get_one_line_each_and_the_rest_is_still_checked(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02\x03binary\x00")
    (tmp_path / "folder").mkdir()
    (tmp_path / "dirty.txt").write_text(DAMAGED)
    r = wf("check", "--format", "concise", "missing.txt", "bin.dat", "folder", "dirty.txt",
           cwd=tmp_path)
    assert r.code == 2
    errors = [line for line in r.err.splitlines() if line.startswith("wirefix: error:")]
    assert errors == [
        "wirefix: error: missing.txt: no such file",
        "wirefix: error: bin.dat: binary data (NUL bytes), not a text story",
        "wirefix: error: folder: is a folder, not a story (name the files, or use "
        "`wirefix batch` for a whole folder)",
    ]
    assert "dirty.txt:1:6: WF201" in r.out
    assert r.out.rstrip().endswith("; 3 files could not be checked")


def test_unreadable_stdin_with_fix_is_echoed_unchanged_and_exits_2(tmp_path):
    data = b"\x00\x01binary\x00 junk"
    r = wf("check", "--fix", "-", cwd=tmp_path, input=data)
    assert r.code == 2 and r.out_bytes == data
    assert r.err.startswith("wirefix: error: -: binary data") and "could not be checked" in r.err
    r = wf("check", "--fix", "--max-file-size", "5", "-", cwd=tmp_path, input="a  b c d\n")
    assert r.code == 2 and r.out_bytes == b"a  b c d\n"


def test_empty_file_is_a_warning_and_exit_0(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = wf("check", "empty.txt", cwd=tmp_path)
    assert r.code == 0 and "empty.txt: empty file, nothing to check" in r.err


def test_legacy_bytes_are_reported_and_fixed_to_utf8(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    p = tmp_path / "l.txt"
    p.write_bytes(b"caf\xe9 \x93quoted\x94\n")
    r = wf("check", "--format", "json", "l.txt", cwd=tmp_path)
    assert r.code == 1
    objs = r.json()
    assert [(d["code"], d["rule"], d["text"]) for d in objs] == [
        ("WF001", "non-utf8-byte", "é"), ("WF001", "non-utf8-byte", "“"),
        ("WF001", "non-utf8-byte", "”")]
    r = wf("check", "--fix", "l.txt", cwd=tmp_path)
    assert r.code == 0
    assert p.read_bytes() == "café “quoted”\n".encode("utf-8")


def test_rules_that_never_settle_are_reported(tmp_path):
    (tmp_path / "house.toml").write_text('''
[[rule]]
type = "substitution"
code = "HT001"
name = "towards"
family = "house-style"
message = "m"
applicability = "safe"
swap = { towards = "toward" }
doc = "One house style."
[[rule]]
type = "substitution"
code = "HT002"
name = "toward"
family = "house-style"
message = "m"
applicability = "safe"
swap = { toward = "towards" }
doc = "The opposite house style."
''')
    (tmp_path / "wirefix.toml").write_text('select = ["house-style"]\nextend-rules = ["house.toml"]\n')
    r = wf("check", "--fix", "-", cwd=tmp_path, input="They moved towards peace.\n")
    assert "fixes did not settle after" in r.err
    assert "HT001 towards" in r.err and "HT002 toward" in r.err


def test_version_and_help():
    r = wf("--version")
    assert r.code == 0 and re.search(r"wirefix, version \d+\.\d+", r.out)
    r = wf("check", "--help")
    assert r.code == 0
    for option in ("--fix", "--unsafe-fixes", "--diff", "--fix-only", "--show-fixes",
                   "--statistics", "--select", "--ignore", "--extend-select", "--stdin-filename",
                   "--exit-zero", "--exit-non-zero-on-fix", "--config", "--format",
                   "--show-settings", "--show-decided", "--style", "--max-file-size", "--quiet"):
        assert option in r.out


def test_default_catalogue_on_the_seed_keeps_the_contract():
    text = SEED.read_text(encoding="utf-8")
    r = wf("check", "--format", "json", "-", cwd=ROOT, input=text)
    assert r.code in (0, 1)
    objs = r.json()
    _check_contract(objs, text, "-")
    assert not [d for d in objs if d["code"] == "WF000"]
    fixed = wf("check", "--fix", "--unsafe-fixes", "-", cwd=ROOT, input=text)
    assert fixed.code in (0, 1) and fixed.out
    # protected copy of the seed is never touched
    for phrase in ("U.S. officials", "Microsoft Corp. co-founder"):
        assert phrase in fixed.out


# -- wirefix rules ---------------------------------------------------------------------------------
def _source_catalogue():
    from wirefix.rules.registry import builtin_rules
    return list(builtin_rules())


def test_rules_table_lists_every_rule_and_notice():
    r = wf("rules")
    assert r.code == 0
    for rule in _source_catalogue():
        assert re.search(rf"^  {rule.code}\s+{re.escape(rule.name)}\s", r.out, re.M), rule.code
    assert "WF000" in r.out and "WF001" in r.out


@pytest.mark.parametrize("key", ["WF201", "space-run"])
def test_rules_one_rule_by_code_or_name_prints_its_docs(key):
    r = wf("rules", key)
    assert r.code == 0
    assert r.out.startswith("WF201 space-run\n")
    for section in ("What it does", "Why it happens in wire copy", "Example", "Fix safety",
                    "Known false positives", "Examples"):
        assert f"\n{section}\n" in r.out
    assert "✗ 'Talks  on Monday.'" in r.out and "→ 'Talks on Monday.'" in r.out


def test_rules_json_lists_the_catalogue_with_metadata():
    r = wf("rules", "--format", "json")
    data = r.json()
    codes = [d["code"] for d in data]
    assert set(codes) == {r.code for r in _source_catalogue()} | {"WF000", "WF001"}
    one = next(d for d in data if d["code"] == "WF010")
    assert one["name"] == "doubled-word" and one["family"] == "repetition"
    assert set(one["sections"]) >= {"What it does", "Fix safety"}
    assert any(e["kind"] == "incorrect" for e in one["examples"])
    single = wf("rules", "doubled-word", "--format", "json").json()
    assert single == one


def test_rules_with_config_lists_house_style_rules(tmp_path):
    cfg = tmp_path / "wirefix.toml"
    cfg.write_text(f"extend-rules = [{json.dumps(str(ROOT / 'examples' / 'house-style.toml'))}]\n")
    r = wf("rules", "--config", cfg, cwd=tmp_path)
    assert r.code == 0, r
    assert re.search(r"^house-style$", r.out, re.M)
    assert re.search(r"^  HS001\s+british-spelling-judgement\s+safe", r.out, re.M)
    r = wf("rules", "HS002", "--config", cfg, cwd=tmp_path)
    assert r.code == 0 and r.out.startswith("HS002 unverified-claim-wording")
    assert wf("rules", "HS002").code == 2


def test_rules_unknown_is_exit_2():
    r = wf("rules", "WF999")
    assert r.code == 2 and "no rule 'WF999'" in r.err


# -- the fast path: `wirefix check` read without click (cleaner.check_command) -------------------
_CLICK_ARGVS = [
    [], ["story.txt"], ["a.txt", "-", "b.txt"], ["-q", "story.txt"], ["story.txt", "--quiet"],
    ["--fix", "--unsafe-fixes", "story.txt"], ["--unsafe-fixes", "--no-unsafe-fixes", "s"],
    ["--diff", "--fix-only", "--show-fixes", "--statistics", "--exit-zero",
     "--exit-non-zero-on-fix", "--show-settings", "--show-decided", "s"],
    ["--select", "WF0,WF2", "--select=WF3", "--extend-select", "x", "--ignore", "y", "s"],
    ["--select=", "s"], ["--style", "quotes=curly", "--style=dashes=em", "s"],
    ["--stdin-filename", "n.txt", "--stdin-filename=m.txt", "-"],
    ["--config", "missing.toml", "s"], ["--config=wirefix.toml", "s"],
    *(["--format", f, "s"] for f in ("text", "concise", "json", "jsonl", "github", "sarif")),
    ["--format=json", "--format", "sarif", "s"], ["--languagetool", "http://x:8081", "s"],
    ["--max-file-size", "12", "s"], ["--max-file-size= 7", "s"], ["--max-file-size", "1_000"],
    ["s", "--fix", "t", "-q", "u"], ["+plus", "-"],
]
# what the fast path leaves to click: help, usage errors, forms it does not read itself
_LEFT_TO_CLICK = [
    ["--help"], ["-h", "s"], ["s", "--", "-x"], ["-qq", "s"], ["--fi", "s"], ["--fix=1", "s"],
    ["--quiet=yes"], ["--select"], ["--select", "-x"], ["--format", "xml", "s"],
    ["--format", "JSON", "s"], ["--max-file-size", "0", "s"], ["--max-file-size", "x", "s"],
    ["--config", "."], ["--version"], ["-x"],
]


def test_the_fast_path_reads_check_s_options_as_click_does(tmp_path, monkeypatch):
    """`check_command.parse` gives `check` the parameters click gives it, or leaves the
    command line to click."""
    from wirefix.cleaner import check_command
    from wirefix.cleaner.cli import check

    monkeypatch.chdir(tmp_path)
    (tmp_path / "wirefix.toml").write_text("", encoding="utf-8")
    for argv in _CLICK_ARGVS:
        fast = check_command.parse(argv)
        assert fast is not None, argv
        assert fast == check.make_context("check", list(argv)).params, argv
    for argv in _LEFT_TO_CLICK:
        assert check_command.parse(argv) is None, argv
    monkeypatch.setenv("_WIREFIX_COMPLETE", "bash_complete")
    assert check_command.parse(["s"]) is None


def test_the_fast_path_knows_every_option_click_declares():
    """An option added to `check` in cleaner.cli must be added to the fast path too (until
    then the fast path would hand a command line that uses it to click; this keeps the two
    tables in step)."""
    import click

    from wirefix.cleaner import check_command
    from wirefix.cleaner.cli import check

    declared = set()
    for p in check.params:
        if isinstance(p, click.Argument):
            continue
        for opt in p.opts + p.secondary_opts:
            declared.add(opt)
            table = check_command._FLAGS if p.is_flag else check_command._VALUED
            assert table[opt][0] == p.name, opt
            if not p.is_flag:
                assert table[opt][1] == p.multiple, opt
    assert declared == set(check_command._FLAGS) | set(check_command._VALUED)
    assert {p.name for p in check.params} == set(check_command.defaults())
    fmt = next(p for p in check.params if p.name == "fmt")
    assert tuple(fmt.type.choices) == check_command.FORMATS


def test_check_imports_no_click_and_its_output_is_the_same(tmp_path):
    """The console script runs a plain `wirefix check` without click; what it prints and
    its exit status are those of the same command line read by click."""
    import subprocess
    import sys

    code = ("import sys\nfrom wirefix.console import main\nsys.argv = ['wirefix'] + sys.argv[1:]\n"
            "{run}\n")
    fast = code.format(run="try:\n    main()\nfinally:\n    sys.stderr.write(repr('click' in sys.modules))")
    slow = code.format(run="from wirefix.cleaner.cli import main as cli\ncli()")
    for args in (["check", str(SEED)], ["check", "--format", "json", "-q", str(SEED)],
                 ["check", "--statistics", str(SEED)], ["check", "--diff", str(SEED)]):
        a = subprocess.run([sys.executable, "-c", fast, *args], capture_output=True, cwd=tmp_path)
        b = subprocess.run([sys.executable, "-c", slow, *args], capture_output=True, cwd=tmp_path)
        assert a.stderr.endswith(b"False"), a.stderr[-500:]
        assert (a.returncode, a.stdout, a.stderr[:-len(b"False")]) == (
            b.returncode, b.stdout, b.stderr), args
