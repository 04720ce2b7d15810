"""Input and output that lose nothing (cleaner/textio.py and the runner around it): encodings,
the cp1252 fallback, binary data, sizes, bad paths, and the atomic in-place write."""
from __future__ import annotations

import codecs
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from wirefix.cleaner import Config
from wirefix.cleaner.config import ConfigResolver
from wirefix.cleaner.runner import Mode, check_path
from wirefix.cleaner.textio import InputError, Story, atomic_write, decode, encode, read_path
from conftest import run_cli

PINNED = 'select = ["WF010", "WF201"]\n'


def roundtrip(data: bytes) -> bytes:
    story = decode(data)
    return encode(story.text, story)


# -- decoding ------------------------------------------------------------------------------------
def test_utf8_without_bom():
    story = decode("Blinken’s visit — 北京 \U0001F600\n".encode("utf-8"))
    assert story.text == "Blinken’s visit — 北京 \U0001F600\n"
    assert story.encoding == "utf-8" and story.legacy_bytes == [] and story.notices() == []


def test_utf8_bom_is_not_part_of_the_text_and_comes_back_on_write():
    data = codecs.BOM_UTF8 + "Talks\r\n".encode("utf-8")
    story = decode(data)
    assert story.text == "Talks\r\n" and story.encoding == "utf-8-sig"
    assert roundtrip(data) == data


@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_utf16_and_utf32_with_bom_round_trip_byte_for_byte_in_their_own_byte_order(bom, codec):
    text = "Talks in Beijing — “quoted” \U0001F600\r\nline two\n"
    data = bom + text.encode(codec)
    story = decode(data)
    assert story.text == text and story.encoding == codec
    assert roundtrip(data) == data
    assert encode("Talk", story) == bom + "Talk".encode(codec)


def test_a_bom_with_invalid_data_is_a_clear_error():
    with pytest.raises(InputError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "s.txt")      # a lone surrogate
    with pytest.raises(InputError, match="s.txt"):
        decode(codecs.BOM_UTF8 + b"ok \xff", "s.txt")


def test_cp1252_fallback_reads_each_bad_byte_and_reports_it():
    data = b"caf\xe9 \x93Yes\x94 \xe2\x80\x94 \x81 ok"
    story = decode(data, "s.txt")
    assert story.text == "café “Yes” — \x81 ok"
    # character offsets, not byte offsets; the valid UTF-8 dash in the middle is kept
    assert story.legacy_bytes == [(3, 0xE9), (5, 0x93), (9, 0x94), (13, 0x81)]
    notices = story.notices()
    assert [(n.code, n.rule, story.text[n.start:n.end]) for n in notices] == [
        ("WF001", "non-utf8-byte", "é"), ("WF001", "non-utf8-byte", "“"),
        ("WF001", "non-utf8-byte", "”"), ("WF001", "non-utf8-byte", "\x81")]
    assert "byte 0xE9 is not UTF-8; read as 'é' (cp1252)" in notices[0].message
    assert encode(story.text, story) == story.text.encode("utf-8")


def test_a_truncated_utf8_sequence_at_the_end_is_read_by_the_fallback():
    story = decode("Beijing ".encode() + "—".encode()[:2])
    assert story.text == "Beijing â€" and len(story.legacy_bytes) == 2


def test_the_reuters_latin1_byte_is_read_and_reported():
    story = decode(b"M\xfcller said")
    assert story.text == "Müller said" and story.legacy_bytes == [(1, 0xFC)]


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_give_a_one_line_error(data):
    try:
        story = decode(data, "s.txt")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("s.txt: ")
        return
    for offset, _byte in story.legacy_bytes:
        assert 0 <= offset < len(story.text)
    # what --fix would write reads back as the same text
    assert decode(encode(story.text, story)).text == story.text


def test_binary_data_is_refused():
    with pytest.raises(InputError, match=r"^x.bin: binary data \(NUL bytes\), not a text story$"):
        decode(b"GIF89a\x00\x01\x02", "x.bin")
    with pytest.raises(InputError, match="mostly control characters"):
        decode(bytes(range(1, 32)) * 20 + b"\xff", "x.bin")


def test_empty_input_is_an_empty_story():
    story = decode(b"")
    assert story.empty and story.text == ""


def test_max_size_is_checked_for_bytes_and_files(tmp_path):
    with pytest.raises(InputError, match="11 bytes is larger than max-file-size \\(10\\)"):
        decode(b"x" * 11, "-", max_size=10)
    assert decode(b"x" * 10, "-", max_size=10).text == "x" * 10
    p = tmp_path / "huge.txt"
    p.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="5,000 bytes is larger than max-file-size \\(4,096\\)"):
        read_path(p, max_size=4096)


def test_bad_paths(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder, not a story"):
        read_path(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)


# -- atomic write ----------------------------------------------------------------------------------
def test_atomic_write_replaces_by_rename_and_keeps_the_mode(tmp_path):
    p = tmp_path / "s.txt"
    p.write_bytes(b"old")
    os.chmod(p, 0o604)
    ino = p.stat().st_ino
    atomic_write(p, b"new text")
    assert p.read_bytes() == b"new text"
    assert stat.S_IMODE(p.stat().st_mode) == 0o604
    assert p.stat().st_ino != ino
    assert [x.name for x in tmp_path.iterdir()] == ["s.txt"]


def test_atomic_write_follows_a_symlink(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_failure_during_the_write_keeps_the_original_and_leaves_no_temp_file(tmp_path,
                                                                              monkeypatch, step):
    p = tmp_path / "s.txt"
    p.write_bytes(b"the original story")
    written = []
    real_replace = os.replace

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if step == "write":
        # the temp file gets half the data, then the disk is full
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                written.append(len(data))
                raise OSError(28, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.fh, name)

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    elif step == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    else:
        monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(p, b"the fixed story, much longer than the original one")
    monkeypatch.setattr(os, "replace", real_replace)
    assert p.read_bytes() == b"the original story"
    assert [x.name for x in tmp_path.iterdir()] == ["s.txt"]
    assert written == ([50] if step == "write" else [])


def test_a_failed_write_during_fix_is_an_error_and_the_story_is_intact(tmp_path, monkeypatch):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    p = tmp_path / "s.txt"
    p.write_text("Talks  with the the minister.\n")

    def fail(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", fail)
    report = check_path(str(p), ConfigResolver(), Mode(fix=True))
    assert report.error == f"{p}: could not write the fixed story: Read-only file system"
    assert not report.written
    assert p.read_text() == "Talks  with the the minister.\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["s.txt", "wirefix.toml"]


# -- end to end: what --fix writes ----------------------------------------------------------------
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_fix_keeps_line_endings_and_the_final_newline(tmp_path, newline, final):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    lines = ["Talks with the the minister.", "", "A  gap here."]
    text = newline.join(lines) + (newline if final else "")
    p = tmp_path / "s.txt"
    p.write_bytes(text.encode("utf-8"))
    r = run_cli("check", "--fix", "s.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    want = newline.join(["Talks with the minister.", "", "A gap here."]) + (newline if final else "")
    assert p.read_bytes() == want.encode("utf-8")


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_fix_writes_a_bom_file_back_in_its_own_encoding(tmp_path, bom, codec):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    p = tmp_path / "s.txt"
    p.write_bytes(bom + "Talks  on Monday.\r\n".encode(codec))
    r = run_cli("check", "--fix", "s.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert p.read_bytes() == bom + "Talks on Monday.\r\n".encode(codec)


def test_check_never_crashes_on_control_characters_and_odd_unicode(tmp_path):
    (tmp_path / "wirefix.toml").write_text(PINNED)
    text = "Bell\x07 tab\t NBSP\u00a0 LS\u2028 PS\u2029 ZWJ\u200d RTL\u202e \ufeff mid-BOM \U0001F600\n"
    (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
    r = run_cli("check", "--format", "json", "odd.txt", cwd=tmp_path)
    assert r.returncode in (0, 1) and b"Traceback" not in r.stderr


def test_the_runner_reads_stdin_bytes_with_the_same_rules():
    resolver = ConfigResolver(None, {"select": ("WF201",)})
    report = check_path("-", resolver, Mode(), read_stdin=lambda: b"caf\xe9  ok")
    assert [f.code for f in report.findings] == ["WF001", "WF201"]
    report = check_path("-", resolver, Mode(fix=True), read_stdin=lambda: b"caf\xe9  ok")
    assert report.output == "café ok" and report.encoding == "utf-8"
    report = check_path("-", resolver, Mode(), stdin_filename="x.txt",
                        read_stdin=lambda: b"\x00binary")
    assert report.error == "x.txt: binary data (NUL bytes), not a text story"


def test_story_defaults():
    s = Story("x")
    assert s.encoding == "utf-8" and not s.empty and s.notices() == []
    assert Config().max_file_size == 16_000_000
