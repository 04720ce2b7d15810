"""`wirefix batch` and cleaner.batch: JSON Lines, CSV and folders, bad records, ordered
parallel output, atomic output, progress, summary and exit codes. The expected text of
every record is what the engine API gives for it (cleaner.fix), so the batch mode is held
to the very engine the CLI uses."""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wirefix import cleaner
from wirefix.cleaner.batch import run as batch_mod
from wirefix.cleaner.batch.run import BatchError, ordered_results, run_batch
from wirefix.cleaner.batch.records import BatchOptions, JsonlChunk, member_spans
from conftest import ROOT, run_cli

DAMAGED = "Talks  on Monday were  useful."          # WF201 space-run, a safe fix
CLEAN = "Talks on Monday were useful."


def fixed(text: str, unsafe: bool = False) -> str:
    return cleaner.fix(text, cleaner.Config(), unsafe=unsafe).text


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) + "\n")
    return path


def stories(n: int) -> list[str]:
    """Varied stories, about half damaged, none identical."""
    kinds = [
        "Talks  on Monday were  useful, officials said in story {i}.",
        "The ministry said on Tuesday that exports rose {i} percent.",
        "Shares of Acme Corp. rose {i} cents  to close at a record high.",
        "He said the deal, worth {i} mln dlrs , would close soon.",
    ]
    return [kinds[i % len(kinds)].format(i=i) for i in range(n)]


# -- JSON Lines ------------------------------------------------------------------------------
def test_jsonl_fixes_the_field_and_keeps_every_other_byte(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        '{"id":1,"text":"Talks  on Monday were  useful.","meta":{"a":[1,2.50,null]}}\n',
        '{"id": 2, "text": "Nothing to fix here.", "x": 1e5}\n',
        '{"text": "Talks  on\\u00a0Monday.", "id": 3}\n',
    ]
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(src), "-o", str(out))
    assert r.returncode == 0, r.stderr
    got = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(got) == 3
    # unchanged record: byte for byte
    assert got[1] == lines[1]
    for before, after in ((lines[0], got[0]), (lines[2], got[2])):
        b, a = json.loads(before), json.loads(after)
        assert a["text"] == fixed(b["text"]) != b["text"]
        assert {k: v for k, v in a.items() if k != "text"} == \
               {k: v for k, v in b.items() if k != "text"}
        # the bytes around the text's value are untouched (spacing, number forms, order)
        sb, _ = member_spans(before)
        sa, _ = member_spans(after)
        (vs, ve), (ws, we) = sb["text"], sa["text"]
        assert before[:vs] == after[:ws] and before[ve:] == after[we:]
    # a file that wrote \u escapes keeps writing them
    assert "\\u" in got[2]


def test_other_field_and_null_text(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"title": "A  title", "body": DAMAGED},
        {"title": "Brief", "body": None},
        {"title": "Empty", "body": ""},
    ])
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(src), "-o", str(out), "--field", "body", "--summary-json",
                str(tmp_path / "s.json"))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows[0] == {"title": "A  title", "body": fixed(DAMAGED)}   # title untouched
    assert rows[1:] == [{"title": "Brief", "body": None}, {"title": "Empty", "body": ""}]
    summary = json.loads((tmp_path / "s.json").read_text())
    assert (summary["records"], summary["changed"], summary["no_text"], summary["bad"]) == \
           (3, 1, 2, 0)
    assert {"code": "WF201", "rule": "space-run", "family": "whitespace", "count": 2} in \
        summary["fixed"]


def _bad_corpus(path: Path) -> list[bytes]:
    lines = [
        json.dumps({"id": 1, "text": DAMAGED}).encode() + b"\n",
        b"this is not json\n",
        json.dumps({"id": 3, "body": "no text field"}).encode() + b"\n",
        b'{"id": 4, "text": "caf\xe9 latin-1 byte"}\n',
        b"[1, 2, 3]\n",
        json.dumps({"id": 6, "text": 42}).encode() + b"\n",
        b"\n",
        json.dumps({"id": 8, "text": DAMAGED}).encode() + b"\n",
        b'{"id": 9, "text": "unterminated',           # last line, no newline, truncated
    ]
    path.write_bytes(b"".join(lines))
    return lines


def test_bad_records_are_reported_with_line_numbers_and_passed_through(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = _bad_corpus(src)
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(src), "-o", str(out))
    assert r.returncode == 1, r.stderr                 # done, but some records were bad
    err = r.stderr.decode()
    for n, what in ((2, "not JSON"), (3, "no field 'text'"), (4, "not UTF-8"),
                    (5, "not a JSON object"), (6, "field 'text' is a JSON int"), (9, "not JSON")):
        assert f"{src}:{n}: {what}" in err, (n, err)
    got = out.read_bytes().splitlines(keepends=True)
    assert len(got) == len(lines)
    for i in (1, 2, 3, 4, 5, 6, 8):                   # bad and blank lines: byte for byte
        assert got[i] == lines[i]
    assert json.loads(got[0])["text"] == fixed(DAMAGED)
    assert json.loads(got[7])["text"] == fixed(DAMAGED)
    assert "6 bad (passed through unchanged)" in err


def test_reject_file_takes_the_bad_records(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = _bad_corpus(src)
    out, rej = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    r = run_cli("batch", str(src), "-o", str(out), "--reject", str(rej))
    assert r.returncode == 1
    assert rej.read_bytes() == b"".join(lines[i] for i in (1, 2, 3, 4, 5, 8))
    kept = out.read_bytes().splitlines(keepends=True)
    assert len(kept) == 3 and kept[1] == b"\n"
    assert f"written to {rej}" in r.stderr.decode()


def test_too_large_records_are_bad_not_fatal(tmp_path):
    big_text = "word " * 5000                                    # 25,000 characters
    huge_line = json.dumps({"text": "x", "pad": "y" * 200_000}) + "\n"  # over the line limit
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": big_text}, huge_line, {"text": DAMAGED}])
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(src), "-o", str(out), "--max-record-size", "20000")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"{src}:1: field 'text' holds 25,000 characters" in err
    assert f"{src}:2: a line of {len(huge_line):,} bytes" in err
    got = out.read_text().splitlines(keepends=True)
    assert got[0] == src.read_text().splitlines(keepends=True)[0]
    assert got[1] == huge_line                                  # copied through from disk
    assert json.loads(got[2])["text"] == fixed(DAMAGED)


def test_findings_are_added_per_record(tmp_path):
    text = "Talks  on Monday. He said they dont know."
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": text}, {"id": 2, "text": None}])
    out = tmp_path / "out.jsonl"
    r = run_cli("batch", str(src), "-o", str(out), "--findings", "--no-fix")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows[0]["text"] == text                              # --no-fix: text as it was
    found = rows[0]["wirefix_findings"]
    expected = cleaner.lint(text, cleaner.Config())
    assert [(f["code"], f["start"], f["end"]) for f in found] == \
           [(f.code, f.start, f.end) for f in expected]
    assert found and all(text[f["start"]:f["end"]] == f["text"] for f in found)
    assert {"code", "rule", "family", "message", "replacements", "applicability",
            "fingerprint", "line", "column"} <= set(found[0])
    assert rows[1]["wirefix_findings"] == []                    # same schema for every record
    # with fixes, the findings left refer to the fixed text
    r = run_cli("batch", str(src), "-o", str(out), "--findings", "--findings-field", "issues")
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    res = cleaner.fix(text, cleaner.Config())
    assert rows[0]["text"] == res.text
    assert [(f["code"], f["start"]) for f in rows[0]["issues"]] == \
           [(f.code, f.start) for f in res.remaining]


def test_unsafe_fixes_and_selection(tmp_path):
    text = "Officials said they dont expect  a deal."
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": text}])
    out = tmp_path / "out.jsonl"
    assert run_cli("batch", str(src), "-o", str(out), "--select", "WF201").returncode == 0
    assert json.loads(out.read_text())["text"] == cleaner.fix(
        text, cleaner.Config(select=("WF201",))).text
    assert run_cli("batch", str(src), "-o", str(out), "--unsafe-fixes").returncode == 0
    assert json.loads(out.read_text())["text"] == fixed(text, unsafe=True)


@pytest.mark.shared
def test_records_match_the_engine_api_on_a_real_corpus(shared, tmp_path):
    """Every record of the first 400 AG News rows: the batch output is cleaner.fix()."""
    src = tmp_path / "ag.jsonl"
    with open(shared / "corpora" / "agnews" / "agnews_test.jsonl", encoding="utf-8") as fh:
        src.write_text("".join(next(fh) for _ in range(400)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli("batch", str(src), "-o", str(out), "--field", "description",
                   "-j", "2").returncode == 0
    ins = [json.loads(x) for x in src.read_text().splitlines()]
    outs = [json.loads(x) for x in out.read_text().splitlines()]
    assert [o["description"] for o in outs] == [fixed(i["description"]) for i in ins]
    assert [(o["label"], o["title"]) for o in outs] == [(i["label"], i["title"]) for i in ins]
    assert sum(o != i for o, i in zip(outs, ins, strict=True)) > 50          # the corpus does get fixed


# -- ordered parallel output, bounded read-ahead ---------------------------------------------
def test_jobs_give_the_same_bytes_in_the_same_order(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_mod, "CHUNK_RECORDS", 37)      # many chunks, odd sizes
    src = write_jsonl(tmp_path / "in.jsonl",
                      [{"id": i, "text": t} for i, t in enumerate(stories(600))])
    outs = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"out{jobs}.jsonl"
        s = run_batch(str(src), str(out), BatchOptions(), jobs=jobs)
        assert s.stats.records == 600 and s.stats.changed > 150
        outs[jobs] = out.read_bytes()
    assert outs[1] == outs[2] == outs[3]
    ids = [json.loads(x)["id"] for x in outs[2].splitlines()]
    assert ids == list(range(600))


def test_read_ahead_is_bounded(tmp_path):
    """Memory does not grow with the corpus: the pool is fed at most a few chunks per
    worker ahead of the output."""
    pulled = []

    def chunks():
        for i in range(200):
            pulled.append(i)
            yield JsonlChunk(i + 1, [json.dumps({"text": DAMAGED}).encode() + b"\n"])

    results = ordered_results(chunks(), BatchOptions(), 2, False)
    first = next(results)
    assert first.stats.changed == 1
    window = batch_mod.IN_FLIGHT_PER_JOB * 2
    assert len(pulled) <= window + 1
    seen = 1
    for _res in results:
        seen += 1
        assert len(pulled) <= seen + window
    assert seen == 200


# -- CSV -------------------------------------------------------------------------------------
def test_csv_keeps_quoting_and_other_columns(tmp_path):
    rows = [["label", "title", "text"],
            ["1", "A title, with comma", DAMAGED],
            ["2", "Clean", "Nothing to fix."],
            ["3", "Multi-line", "First line  of two\nsecond line."]]
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)
    out = tmp_path / "out.csv"
    r = run_cli("batch", str(src), "-o", str(out))
    assert r.returncode == 0, r.stderr
    raw_in = src.read_bytes().decode("utf-8")
    raw_out = out.read_bytes().decode("utf-8")
    assert raw_out.splitlines()[0] == raw_in.splitlines()[0]       # header as it was
    got = list(csv.reader(io.StringIO(raw_out, newline="")))
    assert got[0] == rows[0]
    assert [g[:2] for g in got[1:]] == [r[:2] for r in rows[1:]]
    assert [g[2] for g in got[1:]] == [fixed(r[2]) for r in rows[1:]]
    assert all(line.startswith('"') for line in raw_out.splitlines() if line[:1] != "s")
    assert '"2","Clean","Nothing to fix."\r\n' in raw_out               # untouched row


def test_csv_bad_rows_missing_column_and_findings(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text\n1,Talks  on Monday.\n2,too,many,fields\n3,caf\xe9\n4,Fine.\n")
    out = tmp_path / "out.csv"
    r = run_cli("batch", str(src), "-o", str(out), "--findings")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"{src}:3: 4 fields where the header has 2" in err
    assert f"{src}:4: not UTF-8" in err
    lines = out.read_bytes().splitlines(keepends=True)
    assert lines[0] == b"id,text,wirefix_findings\n"
    assert lines[2] == b"2,too,many,fields\n" and lines[3] == b"3,caf\xe9\n"
    first = next(csv.reader([lines[1].decode()]))
    res = cleaner.fix("Talks  on Monday.", cleaner.Config())
    assert first[1] == res.text != "Talks  on Monday."
    assert [f["code"] for f in json.loads(first[2])] == [f.code for f in res.remaining]
    r = run_cli("batch", str(src), "-o", str(tmp_path / "o2.csv"), "--field", "body")
    assert r.returncode == 2
    assert "no column 'body' (columns: id, text)" in r.stderr.decode()
    assert not (tmp_path / "o2.csv").exists()


def test_csv_with_byte_order_mark_and_tsv(tmp_path):
    src = tmp_path / "bom.csv"
    src.write_bytes(b'\xef\xbb\xbf"id","text"\r\n"1","Talks  here."\r\n')
    out = tmp_path / "bom.out.csv"
    assert run_cli("batch", str(src), "-o", str(out), "-q").returncode == 0
    assert out.read_bytes() == ('\ufeff"id","text"\r\n"1","' + fixed("Talks  here.")
                                + '"\r\n').encode("utf-8")
    tsv = tmp_path / "x.tsv"
    tsv.write_text("id\ttext\n1\tTalks  here.\n", encoding="utf-8")
    assert run_cli("batch", str(tsv), "-o", str(tmp_path / "o.tsv"), "-q").returncode == 0
    assert (tmp_path / "o.tsv").read_text() == f"id\ttext\n1\t{fixed('Talks  here.')}\n"


# -- folders ---------------------------------------------------------------------------------
def test_folder_mirrors_the_tree(tmp_path):
    src = tmp_path / "stories"
    (src / "world").mkdir(parents=True)
    (src / "a.txt").write_text(DAMAGED + "\n", encoding="utf-8")
    (src / "world" / "b.txt").write_text("Nothing to fix.\n", encoding="utf-8")
    (src / "world" / "c.txt").write_bytes(b"Caf\xe9 talks  ended.\n")   # cp1252 byte
    (src / "bin.dat").write_bytes(b"\x00\x01binary\x00" * 10)
    (src / ".hidden.txt").write_text("skip  me", encoding="utf-8")
    out = tmp_path / "clean"
    r = run_cli("batch", str(src), "-o", str(out), "--findings")
    assert r.returncode == 1                                     # the binary file is bad
    assert f"{src / 'bin.dat'}: binary data (NUL bytes)" in r.stderr.decode()
    assert (out / "a.txt").read_text(encoding="utf-8") == fixed(DAMAGED + "\n")
    assert (out / "world" / "b.txt").read_bytes() == b"Nothing to fix.\n"
    assert (out / "world" / "c.txt").read_text(encoding="utf-8") == fixed("Café talks  ended.\n")
    assert (out / "bin.dat").read_bytes() == (src / "bin.dat").read_bytes()
    assert not (out / ".hidden.txt").exists()
    left = cleaner.fix(DAMAGED + "\n", cleaner.Config()).remaining
    assert [f["code"] for f in json.loads((out / "a.txt.findings.json").read_text())] == \
           [f.code for f in left]
    assert json.loads((out / "world" / "b.txt.findings.json").read_text()) == []
    assert not (out / "bin.dat.findings.json").exists()


def test_folder_honours_per_file_ignores_and_editors_decisions(tmp_path):
    src = tmp_path / "stories"
    (src / "briefs").mkdir(parents=True)
    (src / "wirefix.toml").write_text('[per-file-ignores]\n"briefs/*.txt" = ["WF201"]\n')
    (src / "briefs" / "b.txt").write_text(DAMAGED, encoding="utf-8")
    (src / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (src / "c.txt").write_text(DAMAGED, encoding="utf-8")
    # the editor rejected the first space-run fix in c.txt
    finding = next(f for f in cleaner.lint(DAMAGED, cleaner.Config()) if f.code == "WF201")
    log = json.dumps({"fingerprint": finding.fingerprint, "rule": finding.rule,
                      "code": finding.code, "decision": "rejected"}) + "\n"
    (src / "c.txt.wirefix.jsonl").write_text(log, encoding="utf-8")
    out = tmp_path / "clean"
    r = run_cli("batch", str(src), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert (out / "a.txt").read_text() == fixed(DAMAGED)
    assert (out / "briefs" / "b.txt").read_text() == cleaner.fix(
        DAMAGED, cleaner.Config(ignore=("WF201",))).text
    c = (out / "c.txt").read_text()
    assert c != fixed(DAMAGED) and c[finding.start:finding.end] == DAMAGED[finding.start:finding.end]
    assert (out / "c.txt.wirefix.jsonl").read_text() == log     # the log travels along
    assert "3 files in" in r.stderr.decode()            # the log and the config are no stories
    assert (out / "wirefix.toml").read_text() == (src / "wirefix.toml").read_text()


def test_folder_output_must_be_new_and_outside(tmp_path):
    src = tmp_path / "stories"
    src.mkdir()
    (src / "a.txt").write_text(DAMAGED, encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    r = run_cli("batch", str(src), "-o", str(busy))
    assert r.returncode == 2 and "exists and is not empty" in r.stderr.decode()
    assert (busy / "keep.txt").read_text() == "mine"
    r = run_cli("batch", str(src), "-o", str(src / "out"))
    assert r.returncode == 2 and "inside the input folder" in r.stderr.decode()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("batch", str(src), "-o", str(empty)).returncode == 0
    assert (empty / "a.txt").read_text() == fixed(DAMAGED)


# -- streams, gzip, errors -------------------------------------------------------------------
def test_stdin_to_stdout(tmp_path):
    data = (json.dumps({"text": DAMAGED}) + "\n").encode()
    r = run_cli("batch", "-", "-o", "-", "-q", input=data)
    assert r.returncode == 0
    assert json.loads(r.stdout)["text"] == fixed(DAMAGED)
    assert r.stderr == b""


def test_gzip_in_and_out(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        for t in stories(50):
            fh.write(json.dumps({"text": t}) + "\n")
    out = tmp_path / "out.jsonl.gz"
    assert run_cli("batch", str(src), "-o", str(out), "-q").returncode == 0
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        got = [json.loads(x)["text"] for x in fh]
    assert got == [fixed(t) for t in stories(50)]


def test_errors_leave_the_old_output_alone(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": DAMAGED}])
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    r = run_cli("batch", str(src), "-o", str(out), "--select", "NOPE999")
    assert r.returncode == 2 and "unknown rule selector" in r.stderr.decode()
    r = run_cli("batch", str(tmp_path / "missing.jsonl"), "-o", str(out))
    assert r.returncode == 2 and "no such file" in r.stderr.decode()
    r = run_cli("batch", str(src), "-o", str(src))
    assert r.returncode == 2 and "must not be the input" in r.stderr.decode()
    r = run_cli("batch", str(tmp_path / "in.txt"), "-o", str(out))
    assert r.returncode == 2
    assert out.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir() if "wirefix-tmp" in p.name] == []


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".wirefix-tmp")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_run_leaves_no_output_under_the_final_name(tmp_path, sig):
    # far more work than the moment it takes to interrupt it (seconds even on a fast machine)
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in stories(100_000)])
    out = tmp_path / "out.jsonl"
    exe = Path(sys.executable).with_name("wirefix")
    proc = subprocess.Popen([str(exe), "batch", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _temp_files(tmp_path):          # the output has been opened
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)                           # the workers are busy cleaning
    assert proc.poll() is None
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert not out.exists()
    if sig == signal.SIGKILL:   # no chance to clean up: only a hidden temporary file is left
        assert all(p.name.startswith(".out.jsonl.") for p in _temp_files(tmp_path))
    else:
        assert proc.returncode == 130
        assert "interrupted; nothing was written" in proc.stderr.read().decode()
        assert _temp_files(tmp_path) == []
    deadline = time.monotonic() + 20          # and the worker processes are gone too
    while _running_with(str(src)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running_with(str(src)) == []


def _running_with(arg: str) -> list[int]:
    """Processes whose command line holds ``arg`` (forked workers keep the parent's)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if arg.encode() in fh.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                pass
    return found


# -- progress and summary --------------------------------------------------------------------
def test_no_progress_bar_in_a_pipe(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in stories(300)])
    r = run_cli("batch", str(src), "-o", str(tmp_path / "out.jsonl"))
    err = r.stderr.decode()
    assert "\r" not in err and "ETA" not in err
    assert err.startswith("wirefix batch: 300 records in ")
    assert "family / rule" in err and "WF201 space-run" in err and "whitespace" in err


def test_progress_bar_with_rate_and_eta_on_a_terminal(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in stories(6000)])
    master, slave = pty.openpty()
    exe = Path(sys.executable).with_name("wirefix")
    proc = subprocess.Popen([str(exe), "batch", str(src), "-o", str(tmp_path / "out.jsonl")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:          # the child closed the terminal
            break
        if not data:
            break
        seen += data
    os.close(master)
    assert proc.wait(timeout=60) == 0
    text = seen.decode("utf-8", "replace")
    assert "\r[" in text and "%" in text and "records/s" in text
    assert "MB/s" in text or "kB/s" in text
    assert "ETA" in text
    assert "wirefix batch: 6,000 records" in text


def test_cli_start_up_imports_no_heavy_modules():
    """`wirefix check` must start fast: Textual, LanguageTool, Dask, the batch machinery and
    the language server (pygls, lsprotocol, cattrs) are imported only by the commands that
    use them."""
    code = ("import sys; from wirefix.cleaner.cli import main; "
            "sys.argv = ['wirefix', 'check', sys.argv[1]]; main()")
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", code,
                        str(ROOT / "seeds" / "000_671eb16220e30160.txt")],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr[-2000:]
    mods = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines()
            if line.startswith("import time:")}
    assert "wirefix.cleaner.engine" in mods and "click" in mods       # the parse really happened
    for heavy in ("textual", "language_tool_python", "dask", "distributed", "wirefix.cleaner.batch.run",
                  "wirefix.tui", "pygls", "lsprotocol", "cattrs", "wirefix.cleaner.lsp.server",
                  "wirefix.cleaner.languagetool", "tempfile", "importlib.resources"):
        assert heavy not in mods, heavy


def test_batch_errors_as_exceptions_in_the_api(tmp_path):
    with pytest.raises(BatchError, match="no such file or folder"):
        run_batch(str(tmp_path / "x.txt"), str(tmp_path / "o"), BatchOptions())
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(BatchError, match="cannot tell the format"):
        run_batch(str(tmp_path / "x.txt"), str(tmp_path / "o"), BatchOptions())
    s = run_batch(str(tmp_path / "x.txt"), str(tmp_path / "o.jsonl"), BatchOptions(),
                  fmt="jsonl")
    assert s.stats.bad == 1
