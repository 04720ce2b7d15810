"""Configuration (cleaner/config.py, cleaner/style.py, rules/declarative.py): discovery upward
of wirefix.toml / .wirefix.toml / pyproject [tool.wirefix], --config, validation of every key,
house-style options, and the declarative house-style rules of extend-rules."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirefix import cleaner
from wirefix.cleaner import Config, ConfigError, ConfigResolver, Engine, load_file
from wirefix.cleaner.config import find_config_file
from wirefix.cleaner.style import STYLE_OPTIONS, StyleError, resolve_style
from conftest import ROOT, run_cli
from wirefix.rules.declarative import DeclarativeError, load_rules_file, load_rules_text

HOUSE_STYLE = ROOT / "examples" / "house-style.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- discovery ---------------------------------------------------------------------------------
def test_discovery_walks_up_from_the_story_folder(tmp_path):
    cfg = write(tmp_path / "wirefix.toml", 'ignore = ["WF010"]\n')
    story = write(tmp_path / "desk" / "day" / "s.txt", "x")
    assert find_config_file(story.parent) == cfg
    resolved = ConfigResolver().for_path(story)
    assert resolved.ignore == ("WF010",) and resolved.source == str(cfg)
    assert resolved.root == str(tmp_path)


@pytest.mark.parametrize("name", ["wirefix.toml", ".wirefix.toml"])
def test_both_plain_names_are_found(tmp_path, name):
    cfg = write(tmp_path / name, 'select = ["WF201"]\n')
    assert find_config_file(tmp_path) == cfg
    assert load_file(cfg).select == ("WF201",)


def test_pyproject_needs_a_tool_wirefix_table(tmp_path):
    outer = write(tmp_path / "wirefix.toml", 'ignore = ["WF201"]\n')
    inner = tmp_path / "proj"
    write(inner / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(inner) == outer          # skipped: no [tool.wirefix]
    py = write(inner / "pyproject.toml", '[project]\nname = "x"\n[tool.wirefix]\nignore = ["WF010"]\n')
    assert find_config_file(inner) == py
    assert load_file(py).ignore == ("WF010",)
    empty_table = write(inner / "pyproject.toml", "[tool.wirefix]\n")
    assert find_config_file(inner) == empty_table and load_file(empty_table) == Config(
        source=str(empty_table), root=str(inner))


def test_in_one_folder_wirefix_toml_beats_dot_wirefix_beats_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.wirefix]\n")
    assert find_config_file(tmp_path).name == "pyproject.toml"
    write(tmp_path / ".wirefix.toml", "")
    assert find_config_file(tmp_path).name == ".wirefix.toml"
    write(tmp_path / "wirefix.toml", "")
    assert find_config_file(tmp_path).name == "wirefix.toml"


def test_the_nearest_config_wins_and_is_not_merged_with_parents(tmp_path):
    write(tmp_path / "wirefix.toml", 'ignore = ["WF201"]\nunsafe-fixes = true\n')
    write(tmp_path / "sub" / "wirefix.toml", 'ignore = ["WF010"]\n')
    cfg = ConfigResolver().for_path(tmp_path / "sub" / "s.txt")
    assert cfg.ignore == ("WF010",) and cfg.unsafe_fixes is False


def test_each_story_gets_the_config_of_its_own_folder_through_the_cli(tmp_path):
    write(tmp_path / "a" / "wirefix.toml", 'select = ["WF201"]\n')
    write(tmp_path / "b" / "wirefix.toml", 'select = ["WF010"]\n')
    text = "Talks  with the the minister.\n"
    write(tmp_path / "a" / "s.txt", text)
    write(tmp_path / "b" / "s.txt", text)
    r = run_cli("check", "--format", "json", "a/s.txt", "b/s.txt", cwd=tmp_path)
    got = {(d["path"], d["code"]) for d in json.loads(r.stdout)}
    assert got == {("a/s.txt", "WF201"), ("b/s.txt", "WF010")}


def test_explicit_config_skips_discovery_and_takes_overrides(tmp_path):
    write(tmp_path / "wirefix.toml", 'select = ["WF201"]\n')
    other = write(tmp_path / "cfg" / "house.toml", 'select = ["WF010"]\n')
    resolver = ConfigResolver(other, {"ignore": ("WF201",), "max_file_size": 10})
    cfg = resolver.for_path(tmp_path / "s.txt")
    assert cfg.select == ("WF010",) and cfg.source == str(other)
    assert cfg.root == str(other.parent) and cfg.max_file_size == 10
    assert cfg.cli == (None, (), ("WF201",))


def test_no_config_anywhere_gives_the_defaults_rooted_at_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = ConfigResolver().for_path(None)
    assert cfg.select is None and cfg.source is None and cfg.root == str(tmp_path)


def test_missing_and_malformed_config_files(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_file(tmp_path / "nope.toml")
    bad = write(tmp_path / "wirefix.toml", "select = [\n")
    with pytest.raises(ConfigError, match=str(bad)):
        load_file(bad)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'ignore = ["caf\xe9"]\n')
    with pytest.raises(ConfigError):
        load_file(latin)


# -- keys ------------------------------------------------------------------------------------------
FULL = '''
select = ["ALL"]
extend-select = ["grammar"]
ignore = ["WF401", "calque"]
unsafe-fixes = true
ignore-patterns = ['^SLUG: .*$']
extend-rules = ["house.toml"]
languagetool = "http://127.0.0.1:8081"
max-file-size = 1000
[per-file-ignores]
"briefs/*.txt" = ["punctuation"]
[style]
quotes = "curly"
unwrap = false
'''


def test_every_key_is_read(tmp_path):
    cfg = load_file(write(tmp_path / "wirefix.toml", FULL))
    assert cfg.select == ("ALL",)
    assert cfg.extend_select == ("grammar",)
    assert cfg.ignore == ("WF401", "calque")
    assert cfg.unsafe_fixes is True
    assert cfg.ignore_patterns == (r"^SLUG: .*$",)
    assert cfg.extend_rules == ("house.toml",)
    assert cfg.rule_files() == [tmp_path / "house.toml"]
    assert cfg.languagetool == "http://127.0.0.1:8081"
    assert cfg.max_file_size == 1000
    assert cfg.per_file_ignores == (("briefs/*.txt", ("punctuation",)),)
    assert cfg.style_options["quotes"] == "curly" and cfg.style_options["unwrap"] is False
    d = cfg.to_dict()
    assert d["per-file-ignores"] == {"briefs/*.txt": ["punctuation"]}
    assert d["style"]["quotes"] == "curly" and d["style"]["dash"] == "—"
    assert d["unsafe-fixes"] is True and d["ignore-patterns"] == [r"^SLUG: .*$"]


def test_pyproject_table_takes_the_same_keys(tmp_path):
    py = FULL.replace("[per-file-ignores]", "[tool.wirefix.per-file-ignores]").replace(
        "[style]", "[tool.wirefix.style]")
    from_py = load_file(write(tmp_path / "pyproject.toml", "[tool.wirefix]\n" + py))
    from_toml = load_file(write(tmp_path / "wirefix.toml", FULL))
    assert from_py.source.endswith("pyproject.toml")
    assert from_py.to_dict() | {"source": None} == from_toml.to_dict() | {"source": None}


@pytest.mark.parametrize("text,message", [
    ("selekt = []\n", "unknown key(s) selekt"),
    ("select = 3\n", "`select` must be a list of strings"),
    ("ignore = [1]\n", "`ignore` must be a list of strings"),
    ("extend-select = [true]\n", "`extend-select` must be a list of strings"),
    ("unsafe-fixes = 'yes'\n", "`unsafe-fixes` must be true or false"),
    ("ignore-patterns = ['(open']\n", "bad ignore pattern '(open'"),
    ("max-file-size = 0\n", "`max-file-size` must be a positive integer"),
    ("max-file-size = '1 MB'\n", "`max-file-size` must be a positive integer"),
    ("languagetool = 8081\n", "`languagetool` must be a URL string"),
    ("per-file-ignores = ['x']\n", "`per-file-ignores` must be a table"),
    ("[per-file-ignores]\n'*.txt' = 3\n", "per-file-ignores.*.txt"),
    ("style = 'curly'\n", "`style` must be a table"),
    ("[style]\nquotes = 'fancy'\n", "style option 'quotes' must be one of"),
    ("[style]\nhouse = 'x'\n", "unknown style option 'house'"),
])
def test_bad_values_name_the_file_and_the_key(tmp_path, text, message):
    path = write(tmp_path / "wirefix.toml", text)
    with pytest.raises(ConfigError) as err:
        load_file(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_string_selectors_are_accepted_as_one_item_lists(tmp_path):
    assert load_file(write(tmp_path / "wirefix.toml", 'ignore = "WF010"\n')).ignore == ("WF010",)


@pytest.mark.parametrize("where", ["wirefix.toml", "pyproject.toml"])
def test_unknown_keys_exit_2_through_the_cli(tmp_path, where):
    body = "colour = 'red'\n"
    write(tmp_path / where, ("[tool.wirefix]\n" + body) if where == "pyproject.toml" else body)
    write(tmp_path / "s.txt", "Fine.\n")
    r = run_cli("check", "s.txt", cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "unknown key(s) colour" in err and "Traceback" not in err


def test_bad_selector_in_config_exits_2(tmp_path):
    write(tmp_path / "wirefix.toml", 'ignore = ["WF9999"]\n')
    write(tmp_path / "s.txt", "Fine.\n")
    r = run_cli("check", "s.txt", cwd=tmp_path)
    assert r.returncode == 2 and "unknown rule selector 'WF9999'" in r.stderr.decode()


def test_merged_overrides_form_the_command_line_layer():
    base = Config(select=("WF201",), ignore=("WF010",), style=(("quotes", "curly"),))
    m = base.merged(select=None, extend_select=("repetition",), ignore=("whitespace",),
                    style=(("dash", "–"),), unsafe_fixes=True, max_file_size=None)
    assert m.select == ("WF201",) and m.ignore == ("WF010",)     # the config layer is kept
    assert m.cli == (None, ("repetition",), ("whitespace",))
    assert m.style_options["quotes"] == "curly" and m.style_options["dash"] == "–"
    assert m.unsafe_fixes is True and m.max_file_size == base.max_file_size
    assert {r.code for r in Engine(m).rules} == {"WF010"}
    assert base.merged() == base


def test_ignores_for_adds_matching_per_file_ignores(tmp_path):
    cfg = Config(ignore=("WF1",), per_file_ignores=(("briefs/*.txt", ("WF2",)), ("*.md", ("WF3",))),
                 root=str(tmp_path))
    assert cfg.ignores_for(str(tmp_path / "briefs" / "a.txt")) == ("WF1", "WF2")
    assert cfg.ignores_for(str(tmp_path / "docs" / "x.md")) == ("WF1", "WF3")
    assert cfg.ignores_for(str(tmp_path / "news" / "a.txt")) == ("WF1",)
    assert cfg.ignores_for(None) == ("WF1",)


# -- house style --------------------------------------------------------------------------------------
def test_style_defaults_are_valid_choices():
    defaults = resolve_style(None)
    assert set(defaults) == set(STYLE_OPTIONS)
    for name, opt in STYLE_OPTIONS.items():
        assert opt.help
        if opt.choices is not None:
            assert opt.default in opt.choices, name


def test_style_validation():
    assert resolve_style({"quotes": "straight"})["quotes"] == "straight"
    with pytest.raises(StyleError, match="unknown style option"):
        resolve_style({"colour": "red"})
    with pytest.raises(StyleError, match="must be one of"):
        resolve_style({"unwrap": "maybe"})


def test_rules_read_style_options_through_the_context():
    eng = Engine(Config(style=(("quotes", "curly"),)))
    assert eng.context.option("quotes") == "curly"
    assert eng.context.option("ellipsis") == "..."
    assert eng.context.option("no-such", "fallback") == "fallback"


# -- extend-rules: declarative house-style rules ---------------------------------------------------
def test_example_house_style_file_loads_three_rule_types():
    rules = load_rules_file(HOUSE_STYLE)
    assert [(r.code, r.name) for r in rules] == [
        ("HS001", "british-spelling-judgement"), ("HS002", "unverified-claim-wording"),
        ("HS003", "mixed-un-abbreviation")]
    assert all(r.family == "house-style" and r.examples for r in rules)


def test_extend_rules_run_through_the_engine(tmp_path):
    write(tmp_path / "wirefix.toml", f'select = ["house-style"]\nextend-rules = ["{HOUSE_STYLE}"]\n')
    cfg = load_file(tmp_path / "wirefix.toml")
    text = ("It was a judgement call, he reportedly said. The U.N. said the U.N. team met "
            "the UN envoy.")
    found = cleaner.lint(text, cfg)
    assert [(f.code, text[f.start:f.end], f.applicability.value) for f in found] == [
        ("HS001", "judgement", "safe"), ("HS002", "reportedly", "display"),
        ("HS003", "UN", "unsafe")]
    assert found[1].message == "“reportedly” needs attribution or a source"
    assert cleaner.fix(text, cfg).text == text.replace("judgement", "judgment")
    assert cleaner.fix(text, cfg, unsafe=True).text.endswith("the U.N. envoy.")


def test_extend_rules_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "house.toml").write_text(HOUSE_STYLE.read_text(encoding="utf-8"))
    write(tmp_path / "conf" / "wirefix.toml", 'extend-rules = ["house.toml"]\n')
    write(tmp_path / "s.txt", "A judgement call.\n")
    r = run_cli("check", "--config", "conf/wirefix.toml", "--select", "HS001", "--format", "json",
                "s.txt", cwd=tmp_path)
    assert [d["code"] for d in json.loads(r.stdout)] == ["HS001"]
    r = run_cli("check", "--config", "conf/wirefix.toml", "--fix", "s.txt", cwd=tmp_path)
    assert (tmp_path / "s.txt").read_text() == "A judgment call.\n"


def test_missing_rule_file_and_clashing_codes_are_config_errors(tmp_path):
    write(tmp_path / "s.txt", "Fine.\n")
    write(tmp_path / "wirefix.toml", 'extend-rules = ["missing.toml"]\n')
    r = run_cli("check", "s.txt", cwd=tmp_path)
    assert r.returncode == 2 and "missing.toml" in r.stderr.decode()
    write(tmp_path / "clash.toml", HOUSE_STYLE.read_text(encoding="utf-8").replace(
        'code = "HS001"', 'code = "WF201"'))
    write(tmp_path / "wirefix.toml", 'extend-rules = ["clash.toml"]\n')
    r = run_cli("check", "s.txt", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2 and "'WF201' is defined twice" in err and "Traceback" not in err


RULE = '''
[[rule]]
type = "{type}"
code = "HX001"
name = "x-rule"
family = "house-style"
message = "m"
doc = "d"
{extra}
'''


@pytest.mark.parametrize("type_,extra,message", [
    ("substitution", "", "needs `swap`"),
    ("existence", "", "needs `tokens` or `patterns`"),
    ("consistency", 'either = [["a", "b", "c"]]', "`either` must be a list of pairs"),
    ("existence", "patterns = ['(x']", "bad pattern"),
    ("spelling", "", "unknown type 'spelling'"),
    ("existence", 'tokens = ["x"]\napplicability = "maybe"', "'maybe' is not a valid Applicability"),
])
def test_malformed_declarative_rules_are_refused(type_, extra, message):
    with pytest.raises(DeclarativeError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_rules_text(RULE.format(type=type_, extra=extra), "house.toml")


def test_declarative_rule_without_required_keys():
    with pytest.raises(DeclarativeError, match="missing message, doc"):
        load_rules_text('[[rule]]\ntype = "existence"\ncode = "HX1"\nname = "n"\n'
                        'family = "house-style"\ntokens = ["x"]\n', "h.toml")


def test_declarative_existence_and_consistency_behaviour():
    rules = load_rules_text(RULE.format(type="existence", extra='tokens = ["U.N."]\npatterns = ["@\\\\w+@"]')
                            + RULE.format(type="consistency", extra='either = [["OK", "okay"]]')
                            .replace("HX001", "HX002").replace("x-rule", "y-rule"), "h.toml")
    eng = Engine(Config(select=("house-style",)), extra_rules=rules)
    text = "The U.N. said @foo@ was OK, okay, okay."
    found = eng.lint(text)
    assert [(f.code, text[f.start:f.end]) for f in found] == [
        ("HX001", "U.N."), ("HX001", "@foo@"), ("HX002", "OK")]
    assert found[-1].replacement_texts(text) == ["okay"]
    # literal words match at word edges only: "OK" is not found inside "BOOK" or "OKAY"
    assert eng.lint("BOOK OKAY UNITED okay") == []


def test_a_config_file_is_read_from_the_cache_by_its_bytes(tmp_path, monkeypatch):
    """A config file parsed once is read back from the user cache (cleaner.cache
    .parsed_bytes), named after its bytes: an edit that keeps the file's size and time is
    still read, and a broken file is an error every time."""
    import os

    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path / "cache"))
    cfg = tmp_path / "wirefix.toml"
    cfg.write_text('ignore = ["WF010"]\n', encoding="utf-8")
    first = load_file(cfg)
    assert len(list((tmp_path / "cache").glob("config-*.marshal"))) == 1
    assert load_file(cfg) == first and first.ignore == ("WF010",)
    st = cfg.stat()
    cfg.write_text('ignore = ["WF201"]\n', encoding="utf-8")      # same size
    os.utime(cfg, ns=(st.st_atime_ns, st.st_mtime_ns))               # same time
    assert load_file(cfg).ignore == ("WF201",)
    cfg.write_text('ignore = ["WF010"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="not valid TOML"):
            load_file(cfg)
