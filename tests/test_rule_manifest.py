"""The rule manifest (rules/registry.py): the CLI's `check` knows the catalogue from it and
imports a rule's module only when the rule first has something to check. It must answer
exactly as the rule classes do, and never be read when the code changed."""
from __future__ import annotations

import os
import subprocess
import sys

from wirefix.rules import registry

_CHECK = r"""
import json, sys
from wirefix.rules import registry
from wirefix.cleaner import Config, engine_for
with registry.deferred_imports():
    engine = engine_for(Config())
    deferred = sum(isinstance(r, registry.DeferredRule) for r in engine.rules)
    found = [(f.code, f.start, f.end, f.message, [x.edits for x in f.fixes])
             for f in engine.lint(sys.argv[1])]
    imported = sorted(m for m in sys.modules if m.startswith("wirefix.rules.")
                      and m.count(".") == 3 and not m.rsplit(".", 1)[1].startswith("_"))
print(json.dumps([deferred, repr(found), len(imported)]))
"""

_STORY = ("date 2023-06-19 BEIJING (AP) U.S. Secretary of State Antony Blinken arrived. "
          "Hell will meet Qin. I believe it, Xi told Gates\n")


def _run(cache: str, text: str = _STORY) -> list:
    import json
    env = {**os.environ, "WIREFIX_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", _CHECK, text], capture_output=True, text=True,
                         check=True, env=env).stdout
    return json.loads(out)


def test_the_second_process_checks_with_stand_ins_and_finds_the_same(tmp_path):
    first = _run(str(tmp_path))
    assert first[0] == 0                          # no manifest yet: the classes themselves
    assert list(tmp_path.glob("rules-manifest-*.marshal"))
    second = _run(str(tmp_path))
    assert second[0] > 50                         # every rule stood in for
    assert second[1] == first[1]                  # the same findings, spans, messages, edits
    assert second[2] < first[2]                   # and fewer rule modules imported


def test_a_manifest_from_other_files_is_not_read(tmp_path, monkeypatch):
    _run(str(tmp_path))
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path))
    sources = registry._source_files()
    assert registry._read_manifest(sources) is not None
    path, size, mtime = sources[0]
    assert registry._read_manifest([(path, size + 1, mtime), *sources[1:]]) is None
    assert registry._read_manifest(sources[1:]) is None        # a file removed
    (store,) = tmp_path.glob("rules-manifest-*.marshal")
    store.write_bytes(b"not a manifest")
    assert registry._read_manifest(sources) is None


def test_each_stand_in_answers_as_its_rule_class(tmp_path, monkeypatch):
    monkeypatch.setenv("WIREFIX_CACHE_DIR", str(tmp_path))
    real = list(registry.loaded_rules())
    assert any(r.__module__ == registry._TOML_MODULE for r in real)   # TOML rules too
    registry._write_manifest(registry._source_files(), real)
    entries = registry._read_manifest(registry._source_files())
    assert entries is not None and len(entries) == len(real)
    for cls, entry in zip(real, entries, strict=True):
        stand_in = registry._stand_in(entry)
        assert issubclass(stand_in, registry.DeferredRule) and stand_in.loaded() is cls
        for name in registry._KEPT:
            if name == "looks_for":
                assert repr(stand_in.looks_for) == repr(cls.looks_for), cls.code
            else:
                assert getattr(stand_in, name) == getattr(cls, name), (cls.code, name)
        # documentation and examples come from the class itself
        assert stand_in.__doc__ == cls.__doc__
        assert stand_in.metadata() == cls.metadata()


def test_outside_deferred_imports_the_catalogue_is_the_rule_classes():
    assert not any(issubclass(r, registry.DeferredRule) for r in registry.builtin_rules())


def test_a_stand_in_never_answers_with_rule_defaults_its_rule_overrides():
    """A stand-in is a subclass of ``Rule``: what a rule class sets that is neither kept in
    the manifest (``_KEPT``: ``Rule``'s annotated attributes) nor handed on by
    ``DeferredRule`` would be read as ``Rule``'s own default, silently. So every attribute of
    ``Rule`` that some rule class overrides must be one of those; a new one fails here until
    it is annotated on ``Rule`` (and so kept) or handed on."""
    handed_on = set(vars(registry.DeferredRule)) | set(vars(registry._DeferredMeta)) | \
        set(registry._KEPT)
    missing = set()
    for cls in registry.loaded_rules():
        for name in dir(registry.Rule):
            if name.startswith("__") or name in handed_on:
                continue
            definer = next(k for k in cls.__mro__ if name in vars(k))
            if definer is not registry.Rule:
                missing.add((cls.code, name))
    assert missing == set()
