"""The wheel ships the whole rule catalogue: build it, install it (not editable) into a fresh
venv in a temporary folder, and check that the installed `wirefix` runs every rule exactly as
the source tree does.

Offline-friendly: the wheel is built with --no-build-isolation (setuptools and wheel are in
the dev extra), and the fresh venv reaches the dependencies (ftfy, regex, click, ...) through
a .pth line naming this venv's site-packages. A plain path line does not run that folder's
own .pth files, so the editable install of the source tree stays invisible; wirefix itself
comes from the wheel only, which the test checks."""
from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

SKIP = shutil.ignore_patterns(".venv", ".git", ".cache", "build", "dist", "*.egg-info",
                              "__pycache__", ".hypothesis", ".pytest_cache", "out", "tests",
                              "*.wirefix.jsonl")

# Runs every example of every rule (as the meta-test does) with whichever wirefix it imports,
# and prints what each rule found and what its fix gave.
PROBE = r"""
import json
from wirefix import cleaner, rules
from wirefix.cleaner import Config, fix, lint
from wirefix.rules.registry import builtin_rules
out = {"cleaner": cleaner.__file__, "rules": rules.__file__, "results": []}
for r in builtin_rules():
    if r.family == "grammar":      # needs a LanguageTool server: tested in its own suite
        continue
    for i, ex in enumerate(r.examples):
        cfg = Config(select=(r.code,), style=tuple(ex.options.items()))
        found = sorted((f.code, f.start, f.end) for f in lint(ex.text, cfg))
        fixed = fix(ex.text, cfg, unsafe=True).text
        out["results"].append([r.code, r.family, i, ex.is_bad, found, fixed])
print(json.dumps(out))
"""


def run(*args, cwd=None, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                       timeout=600, **kw)
    return r


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with wirefix installed from a freshly built wheel; returns its bin/."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=SKIP)
    r = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
            "--no-index", "-w", tmp / "dist", src)
    assert r.returncode == 0, r.stdout + r.stderr
    wheels = list((tmp / "dist").glob("wirefix-*.whl"))
    assert len(wheels) == 1, wheels
    venv = tmp / "venv"
    r = run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert r.returncode == 0, r.stderr
    py = venv / "bin" / "python"
    purelib = run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    deps = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    Path(purelib, "wirefix-test-deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    r = run(sys.executable, "-m", "pip", "--python", py, "install", "--no-deps", "--no-index",
            wheels[0])
    assert r.returncode == 0, r.stdout + r.stderr
    return venv / "bin"


def test_the_installed_package_comes_from_the_wheel(installed, tmp_path):
    r = run(installed / "python", "-c",
            "from wirefix import cleaner, rules; import wirefix.cleaner.data, importlib.metadata as m; "
            "print(cleaner.__file__); print(rules.__file__); "
            "print(m.distribution('wirefix').read_text('direct_url.json') or '')", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    cleaner_file, rules_file = r.stdout.splitlines()[:2]
    venv = installed.parent
    assert Path(cleaner_file).is_relative_to(venv) and Path(rules_file).is_relative_to(venv)
    assert '"editable": true' not in r.stdout
    assert (installed / "wirefix").exists()


def test_the_wheel_installs_one_top_level_import_name(installed, tmp_path):
    """wirefix.cleaner, wirefix.rules and wirefix.tui: nothing named cleaner, rules or tui
    lands in site-packages, where it would clash with other packages."""
    r = run(installed / "python", "-c",
            "import importlib.metadata as m; d = m.distribution('wirefix'); "
            "print(d.read_text('top_level.txt') or ''); "
            "print('\\n'.join(sorted({str(f).split('/')[0] for f in d.files "
            "if not str(f).split('/')[0].endswith(('.dist-info', '.data')) "
            "and not str(f).startswith('../')})))", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names = set(r.stdout.split())
    assert names == {"wirefix"}, names
    for bare in ("cleaner", "rules", "tui"):
        probe = run(installed / "python", "-c", f"import {bare}", cwd=tmp_path)
        assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr, bare


def test_python_dash_m_wirefix_runs_the_command_line(installed, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The talks went on &amp; on.\n", encoding="utf-8")
    r = run(installed / "python", "-m", "wirefix", "check", "--format", "json", story, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert [f["code"] for f in json.loads(r.stdout)] == ["WF103"]
    version = run(installed / "python", "-m", "wirefix", "--version", cwd=tmp_path)
    assert version.returncode == 0 and "wirefix" in version.stdout


def test_pyproject_lists_every_package_of_the_tree():
    """pyproject's package-dir maps the three folders under `wirefix`; its explicit package
    list must name every folder with an __init__.py, or a wheel would silently lack it."""
    import tomllib
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(cfg["packages"])
    found = {"wirefix"}
    for folder, name in (("cleaner", "wirefix.cleaner"), ("rules", "wirefix.rules"),
                         ("tui", "wirefix.tui")):
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *rel)))
    assert listed == found


def test_the_wheel_holds_every_data_file(installed):
    src_data = sorted("wirefix/" + p.relative_to(ROOT).as_posix()
                      for pat in ("cleaner/**/*.toml", "rules/**/*.toml", "tui/**/*.tcss")
                      for p in ROOT.glob(pat))
    r = run(installed / "python", "-c",
            "import sysconfig, pathlib; root = pathlib.Path(sysconfig.get_paths()['purelib']); "
            "print('\\n'.join(sorted(p.relative_to(root).as_posix() for pat in "
            "('wirefix/**/*.toml', 'wirefix/**/*.tcss') for p in root.glob(pat))))")
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.split()) == src_data


def test_installed_rules_list_the_same_catalogue(installed, tmp_path):
    wheel = run(installed / "wirefix", "rules", "--format", "json", cwd=tmp_path)
    source = run(Path(sys.executable).with_name("wirefix"), "rules", "--format", "json",
                 cwd=tmp_path)
    assert wheel.returncode == 0 and source.returncode == 0, wheel.stderr + source.stderr
    assert json.loads(wheel.stdout) == json.loads(source.stdout)
    codes = {d["code"] for d in json.loads(wheel.stdout)}
    from wirefix.rules.registry import builtin_rules
    assert codes == {r.code for r in builtin_rules()} | {"WF000", "WF001"}


def test_installed_wirefix_runs_every_rule_like_the_source_tree(installed, tmp_path):
    wheel = run(installed / "python", "-c", PROBE, cwd=tmp_path)
    source = run(sys.executable, "-c", PROBE, cwd=ROOT)
    assert wheel.returncode == 0, wheel.stderr
    assert source.returncode == 0, source.stderr
    w, s = json.loads(wheel.stdout), json.loads(source.stdout)
    assert Path(w["cleaner"]).is_relative_to(installed.parent)
    assert w["results"] == s["results"]
    # every rule with an incorrect example fired on it, in the installed package
    fired = {code for code, _fam, _i, bad, found, _fx in w["results"]
             if bad and any(c == code for c, _s, _e in found)}
    from wirefix.rules.registry import builtin_rules
    expected = {r.code for r in builtin_rules() if r.family != "grammar"}
    assert fired == expected


def test_installed_check_finds_every_family_in_a_damaged_story(installed, tmp_path):
    from wirefix.rules.registry import builtin_rules

    # an incorrect example of every default rule (no house-style options), each in a story of
    # its own: rules that read the whole story (a first-person column is not stripped speech)
    # must see each example as its own story, as the examples harness does
    names = []
    for r in builtin_rules():
        bad = [e for e in r.examples if e.is_bad and not e.options]
        if r.default_enabled and bad:
            name = f"{r.code}.txt"
            (tmp_path / name).write_text(bad[0].text.strip() + "\n", encoding="utf-8")
            names.append(name)
    wheel = run(installed / "wirefix", "check", "--format", "json", *names, cwd=tmp_path)
    source = run(Path(sys.executable).with_name("wirefix"), "check", "--format", "json",
                 *names, cwd=tmp_path)
    assert wheel.returncode == 1, wheel.stderr
    assert json.loads(wheel.stdout) == json.loads(source.stdout)
    families = {d["family"] for d in json.loads(wheel.stdout)}
    default_families = {r.family for r in builtin_rules() if r.default_enabled}
    assert families == default_families
    story = "\n\n".join((tmp_path / n).read_text(encoding="utf-8").strip() for n in names) + "\n"
    fixed = run(installed / "wirefix", "check", "--fix", "--unsafe-fixes", "-", cwd=tmp_path,
                input=story)
    assert fixed.returncode in (0, 1) and "Traceback" not in fixed.stderr
    assert fixed.stdout and fixed.stdout != story
