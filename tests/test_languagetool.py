"""The grammar family against a real LanguageTool server (no mocks, no fake servers).

`make test` (and so CI) runs the suite under `scripts/languagetool-server run`, which starts
LanguageTool on 127.0.0.1 and sets WIREFIX_LANGUAGETOOL_URL. Without it these tests skip,
except with WIREFIX_REQUIRE_SHARED=1 (CI), where they fail (see conftest)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from wirefix import cleaner  # noqa: F401  (import order: the engine before the rule modules)
from wirefix.cleaner import Config, Document, fix, lint
from wirefix.cleaner import languagetool as lt
from wirefix.rules.grammar import _curated as curated

from conftest import ROOT, SEED, run_cli

pytestmark = pytest.mark.languagetool

SCRIPT = ROOT / "scripts" / "languagetool-server"


def _json(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.stdout, proc.stderr.decode()
    return json.loads(proc.stdout)


def _lt(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["code"].startswith("LT:")]


def _dead_url() -> str:
    """A port on 127.0.0.1 where nothing listens: a stopped server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


# -- the server ------------------------------------------------------------------------------

def test_server_listens_on_loopback_only(languagetool_url):
    host_port = languagetool_url.split("//", 1)[1]
    host, port = host_port.split(":")
    assert host == "127.0.0.1"
    wanted = f"{int(port):04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and local.endswith(":" + wanted):  # 0A: LISTEN
                listening.append(local.split(":")[0])
    assert listening == ["0100007F"], listening  # 127.0.0.1 and nothing else


def test_every_curated_id_exists_on_the_server(languagetool_url):
    assert lt.verify_rule_ids(languagetool_url, curated.all_ids()) == []
    assert lt.verify_rule_ids(languagetool_url, ["NO_SUCH_RULE_XYZ"]) == ["NO_SUCH_RULE_XYZ"]


# -- findings ------------------------------------------------------------------------------------

def test_a_known_languagetool_hit_through_the_cli(tmp_path):
    story = _write(tmp_path, "story.txt", "He ate a apple on Monday.\n")
    proc = run_cli("check", "--select", "grammar", "--format", "json", str(story))
    assert proc.returncode == 1, proc.stderr.decode()
    [f] = _json(proc)
    assert f["code"] == "LT:EN_A_VS_AN" and f["family"] == "grammar" and f["rule"] == "languagetool"
    assert (f["start"], f["end"], f["text"]) == (7, 8, "a")
    assert f["replacements"] == ["an"] and f["applicability"] == "unsafe"
    assert "Miscellaneous (MISC)" in f["note"]  # the LanguageTool category
    assert "an" in f["message"]


def test_unsafe_fix_applies_only_with_unsafe_fixes():
    text = "He ate a apple on Monday.\n"
    proc = run_cli("check", "--fix", "--select", "grammar", "-", input=text)
    assert proc.stdout.decode() == text  # an LT fix is never safe
    proc = run_cli("check", "--fix", "--unsafe-fixes", "--select", "grammar", "-", input=text)
    assert proc.stdout.decode() == "He ate an apple on Monday.\n"


def test_seed_story_with_the_grammar_family(languagetool_url):
    plain = _json(run_cli("check", "--ignore", "grammar", "--format", "json", str(SEED)))
    proc = run_cli("check", "--extend-select", "grammar", "--format", "json", str(SEED))
    assert proc.returncode == 1, proc.stderr.decode()
    both = _json(proc)
    text = SEED.read_text(encoding="utf-8")
    grammar = _lt(both)
    assert grammar, "LanguageTool found nothing in the seed"
    for f in grammar:
        assert f["family"] == "grammar" and f["applicability"] in ("display", "unsafe")
        assert text[f["start"]:f["end"]] == f["text"]
    # the other families are untouched, apart from notes where LanguageTool agrees
    assert [(f["code"], f["start"], f["end"]) for f in both if not f["code"].startswith("LT:")] == \
        [(f["code"], f["start"], f["end"]) for f in plain]
    agreed = [f for f in both if "LanguageTool agrees" in f["note"]]
    assert agreed, "no wirefix finding notes LanguageTool's agreement"
    # the lost full stop after "unprofessional": one finding (wirefix's), with LT's agreement
    end = text.index("unprofessional") + len("unprofessional")
    at_end = [f for f in both if f["start"] <= end <= f["end"]]
    assert not _lt(at_end) and any("PUNCTUATION_PARAGRAPH_END2" in f["note"] for f in at_end)
    # names are not spelling mistakes; AP's lower-case titles are not errors
    spelling = [f for f in grammar if f["code"] == "LT:MORFOLOGIK_RULE_EN_US"]
    assert not [f for f in spelling if f["text"][:1].isupper()]
    assert not [f for f in grammar if f["code"] == "LT:EN_SPECIFIC_CASE"]
    # a URL in the environment turns the family on without --extend-select
    implied = _json(run_cli("check", "--format", "json", str(SEED),
                            env={lt.ENV_URL: languagetool_url}))
    assert [f["code"] for f in implied] == [f["code"] for f in both]


def test_astral_characters_and_crlf_give_exact_offsets(tmp_path):
    text = ("😀😀 He ate a apple on Monday. 𝒜𝒷 She saw a owl.\r\n\r\n"
            "🎉 The talks will will resume on Tuesday.\r\n")
    story = _write(tmp_path, "astral.txt", text)
    proc = run_cli("check", "--select", "grammar", "--format", "json", str(story))
    found = [(f["code"], f["start"], f["end"], f["text"]) for f in _json(proc)]
    a_apple = text.index("a apple")
    a_owl = text.index("a owl")
    will = text.index("will will")
    assert found == [
        ("LT:EN_A_VS_AN", a_apple, a_apple + 1, "a"),
        ("LT:EN_A_VS_AN", a_owl, a_owl + 1, "a"),
        ("LT:ENGLISH_WORD_REPEAT_RULE", will, will + 9, "will will"),
    ]
    result = fix(text, Config(select=("grammar",)), unsafe=True)
    assert result.text == ("😀😀 He ate an apple on Monday. 𝒜𝒷 She saw an owl.\r\n\r\n"
                           "🎉 The talks will resume on Tuesday.\r\n")


def test_a_story_larger_than_one_chunk(monkeypatch):
    """Errors planted in every paragraph of a story several chunks long, with astral
    characters and CRLF, are each found at their exact offset; a paragraph longer than a
    chunk is split at sentence ends and its errors are found too."""
    para = ("The delegation 🇺🇸 arrived in the capital on Monday for talks with the ministers "
            "of the region. Officials said the visit would last three days.")
    paragraphs = []
    for i in range(40):
        paragraphs.append(para + f" He ate a apple in city {i}.")
    long_one = " ".join([para] * 50) + " She saw a owl at the end."
    paragraphs.insert(20, long_one)
    text = "\r\n\r\n".join(paragraphs) + "\r\n"
    doc = Document(text)
    chunks = lt.plan_chunks(doc)
    assert len(chunks) >= 3 and len(long_one) > lt.CHUNK_CHARS
    long_start = text.index(long_one)
    assert any(long_start < s < long_start + len(long_one) for s, _ in chunks)  # split inside
    found = lint(text, Config(select=("LT:EN_A_VS_AN",)))
    expected = [i + len("He ate ") for i in _all(text, "He ate a apple")]
    expected.append(text.index("a owl"))
    expected.sort()
    assert [(f.start, text[f.start:f.end]) for f in found] == [(i, "a") for i in expected]
    assert all(f.code == "LT:EN_A_VS_AN" for f in found)


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def test_quoted_words_get_flags_not_fixes():
    found = lint('"He ate a apple," she said. He ate a apple too.\n', Config(select=("grammar",)))
    a_vs_an = [f for f in found if f.code == "LT:EN_A_VS_AN"]
    assert [f.applicability.value for f in a_vs_an] == ["display", "unsafe"]


def test_one_languagetool_check_can_be_selected_or_ignored():
    text = "He ate a apple. The talks will will resume on Monday.\n"
    only = lint(text, Config(select=("LT:EN_A_VS_AN",)))
    assert [f.code for f in only] == ["LT:EN_A_VS_AN"]
    without = lint(text, Config(select=("grammar",), ignore=("LT:EN_A_VS_AN",)))
    assert [f.code for f in without] == ["LT:ENGLISH_WORD_REPEAT_RULE"]


def test_a_doubled_word_found_by_both_engines_is_one_finding():
    text = "The talks will will resume on Monday.\n"
    found = lint(text, Config(extend_select=("grammar",)))
    at = [f for f in found if f.start <= text.index("will will") < f.end or
          text.index("will will") <= f.start < text.index("will will") + 9]
    assert len(at) == 1 and not at[0].code.startswith("LT:"), at
    assert "LanguageTool agrees (LT:ENGLISH_WORD_REPEAT_RULE)" in at[0].note


def test_several_stories_in_parallel_keep_their_order(tmp_path):
    paths = []
    for i in range(7):
        body = f"Story {i} says he ate a apple.\n" if i % 2 == 0 else f"Story {i} is clean.\n"
        paths.append(str(_write(tmp_path, f"s{i}.txt", body)))
    proc = run_cli("check", "--select", "grammar", "--format", "json", *paths,
                   env={lt.ENV_THREADS: "3"})
    findings = _json(proc)
    assert [Path(f["path"]).name for f in findings] == ["s0.txt", "s2.txt", "s4.txt", "s6.txt"]
    assert {f["code"] for f in findings} == {"LT:EN_A_VS_AN"}
    text_proc = run_cli("check", "--select", "grammar", "--format", "concise", *paths)
    lines = [ln for ln in text_proc.stdout.decode().splitlines() if "LT:" in ln]
    assert [Path(ln.split(":")[0]).name for ln in lines] == ["s0.txt", "s2.txt", "s4.txt", "s6.txt"]


# -- when the server is down, slow or fails -----------------------------------------------------

DAMAGED = "Talks  on Monday. He ate a apple.\n"


def test_server_down_is_one_warning_and_other_rules_still_run(tmp_path):
    url = _dead_url()
    paths = [str(_write(tmp_path, f"s{i}.txt", DAMAGED)) for i in range(3)]
    proc = run_cli("check", "--languagetool", url, "--format", "json", *paths)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err  # findings left; grammar was not asked for by name
    assert err.count("wirefix: warning: LanguageTool at") == 1, err
    assert f"LanguageTool at {url} is unavailable (connection refused)" in err
    assert "wirefix: error" not in err
    findings = _json(proc)
    assert [f["code"] for f in findings] == ["WF201"] * 3


def test_server_down_with_grammar_selected_exits_2_and_keeps_other_findings(tmp_path):
    url = _dead_url()
    story = _write(tmp_path, "s.txt", DAMAGED)
    proc = run_cli("check", "--extend-select", "grammar", "--languagetool", url, str(story))
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("LanguageTool at") == 1 and "wirefix: error: LanguageTool at" in err
    assert "WF201" in proc.stdout.decode()  # the whitespace finding is still reported
    proc = run_cli("check", "--select", "grammar", str(story), env={lt.ENV_URL: url})
    assert proc.returncode == 2


def _jsonl(tmp_path: Path, texts: list[str]) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    return src


def test_batch_with_the_server_down_says_how_many_records_went_unchecked(tmp_path):
    """A pipeline must not take a run without grammar findings for a run with them: every
    record is still cleaned by the other rules, the summary counts the records LanguageTool
    could not check, and asking for grammar by name makes that an error (exit 2)."""
    url = _dead_url()
    src = _jsonl(tmp_path, [DAMAGED, "A clean story.\n", DAMAGED])
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    proc = run_cli("batch", str(src), "-o", str(out), "--summary-json", str(summary),
                   env={lt.ENV_URL: url})
    err = proc.stderr.decode()
    assert proc.returncode == 0, err   # grammar was only implied by the environment
    assert f"warning: 3 records not checked: LanguageTool at {url} is unavailable" in err
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["text"] == "Talks on Monday. He ate a apple.\n"   # the other rules ran
    unchecked = json.loads(summary.read_text())["unchecked"]
    assert [(u["records"], u["requested"]) for u in unchecked] == [(3, False)]

    proc = run_cli("batch", str(src), "-o", str(out), "--extend-select", "grammar",
                   env={lt.ENV_URL: url})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "error: 3 records not checked: LanguageTool at" in err
    assert out.exists()   # written all the same: the summary says what it lacks


def test_batch_with_the_server_up_reports_nothing_unchecked(tmp_path, languagetool_url):
    src = _jsonl(tmp_path, [DAMAGED, "A clean story.\n"])
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    proc = run_cli("batch", str(src), "-o", str(out), "--extend-select", "grammar", "--findings",
                   "--summary-json", str(summary), env={lt.ENV_URL: languagetool_url})
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "not checked" not in err
    assert json.loads(summary.read_text())["unchecked"] == []
    first = json.loads(out.read_text().splitlines()[0])
    assert "LT:EN_A_VS_AN" in {f["code"] for f in first["wirefix_findings"]}


def test_no_server_configured_with_grammar_selected(tmp_path):
    story = _write(tmp_path, "s.txt", DAMAGED)
    env = dict(os.environ)
    env.pop(lt.ENV_URL, None)
    proc = subprocess.run([sys.executable, "-m", "wirefix", "check", "--select", "grammar",
                           str(story)], capture_output=True, env=env, cwd=tmp_path, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "needs a LanguageTool server" in err and "scripts/languagetool-server start" in err


def test_a_slow_server_times_out_with_a_clear_message(tmp_path, languagetool_url):
    """A real server that takes longer than the timeout (fresh text, never cached: several
    milliseconds of work against a one-millisecond timeout)."""
    fresh = " ".join(f"Report {uuid.uuid4().hex} said the minister left on Monday."
                     for _ in range(40))
    story = _write(tmp_path, "s.txt", DAMAGED + "\n" + fresh + "\n")
    proc = run_cli("check", "--extend-select", "grammar", str(story),
                   env={lt.ENV_TIMEOUT: "0.001"})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "no answer within 0.001 s" in err
    assert "WF201" in proc.stdout.decode()


def test_a_server_error_is_reported_not_a_traceback(tmp_path, languagetool_url):
    """The real server answers a path it does not serve with an HTTP error."""
    story = _write(tmp_path, "s.txt", DAMAGED)
    proc = run_cli("check", "--languagetool", languagetool_url + "/no/such/prefix/", str(story))
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.count("wirefix: warning: LanguageTool at") == 1, err
    assert "Traceback" not in err and "WF000" not in proc.stdout.decode()


def test_run_sets_the_url_and_stops_the_server_after_the_command(tmp_path):
    """`scripts/languagetool-server run` on its own server: the command sees the URL, the
    exit status is the command's, and the server is gone afterwards."""
    story = _write(tmp_path, "s.txt", "He ate a apple on Monday.\n")
    out = tmp_path / "out.json"
    inner = (f"import os, subprocess, sys; "
             f"open({str(tmp_path / 'url')!r}, 'w').write(os.environ['{lt.ENV_URL}']); "
             f"r = subprocess.run([{sys.executable!r}, '-m', 'wirefix', 'check', '--select', "
             f"'grammar', '--format', 'json', {str(story)!r}], stdout=open({str(out)!r}, 'w')); "
             f"sys.exit(r.returncode)")
    env = dict(os.environ)
    env[lt.ENV_THREADS] = "1"
    env["WIREFIX_LANGUAGETOOL_HEAP"] = "384m"
    proc = subprocess.run([str(SCRIPT), "run", "--", sys.executable, "-c", inner],
                          capture_output=True, env=env, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err  # wirefix's status: findings left
    url = (tmp_path / "url").read_text()
    assert url.startswith("http://127.0.0.1:") and url != os.environ[lt.ENV_URL]
    assert [f["code"] for f in json.loads(out.read_text())] == ["LT:EN_A_VS_AN"]
    assert "ready in" in err and "stopped the server" in err
    # stopped: the same check now reports the server as unavailable
    after = run_cli("check", "--select", "grammar", str(story), env={lt.ENV_URL: url})
    assert after.returncode == 2
    assert "connection refused" in after.stderr.decode()
