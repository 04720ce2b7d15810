"""Speed work must not change what wirefix says. This dumps, for every Reuters body and every
AG News title and description (34,243 texts), the lint findings (code, span, fixes,
applicability, message, fingerprint, extra edits), the `--fix` text with its remaining
findings and pass count, and the `--fix --unsafe-fixes` text; then compares two dumps.

    # before the change: a worktree of the last commit
    git worktree add /tmp/before HEAD
    .venv/bin/python bench/output_digest.py /tmp/before.jsonl --root /tmp/before
    # after it
    .venv/bin/python bench/output_digest.py /tmp/after.jsonl
    .venv/bin/python bench/output_digest.py --compare /tmp/before.jsonl /tmp/after.jsonl

Prints figures and differences; asserts nothing (exit status 1 when the dumps differ).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys

from _common import AGNEWS, heading, need_shared, reuters_bodies

FIELDS = ("lint", "fix", "remaining", "passes", "unsafe fix")


def _texts(limit: int) -> list[str]:
    texts = reuters_bodies()
    with open(AGNEWS, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.extend(v for k, v in row.items() if isinstance(v, str))
    return texts[:limit] if limit else texts


def _fix_effects(f, text: str) -> tuple[list[str], str]:
    """What a finding's fixes do, independent of how the fixes are written down: each fix's
    replacement for the finding's span, and a hash of the whole text with the best fix
    applied. (Before fixes had a type a finding had `replacements` and `extra_edits`; this
    reads either, so that dumps of old and new checkouts compare.)"""
    if hasattr(f, "fixes"):
        texts = f.replacement_texts(text)
        edits = [(e.start, e.end, e.replacement) for e in f.fixes[0].edits] if f.fixes else []
    else:
        texts = list(f.replacements)
        edits = ([(f.start, f.end, f.replacements[0])] if f.replacements else [])
        edits += [(e.start, e.end, e.replacement) for e in f.extra_edits]
    out, pos = [], 0
    for s, e, r in sorted(edits):
        out += [text[pos:s], r]
        pos = e
    out.append(text[pos:])
    digest = hashlib.blake2b("".join(out).encode("utf-8", "surrogatepass"),
                             digest_size=8).hexdigest() if edits else ""
    return texts, digest


def _import_from(root: str) -> None:
    """Make `import wirefix` load the checkout at ``root``. Its folders cleaner/, rules/ and
    tui/ install under `wirefix`, so a folder on sys.path is not enough: a temporary
    `wirefix` package links to them, and it goes before the installed one."""
    import tempfile
    from pathlib import Path
    farm = Path(tempfile.mkdtemp(prefix="wirefix-digest-"))
    pkg = farm / "wirefix"
    pkg.mkdir()
    src = Path(root).resolve()
    init = src / "wirefix" / "__init__.py"
    (pkg / "__init__.py").write_text(init.read_text() if init.exists() else "")
    for part in ("cleaner", "rules", "tui"):
        (pkg / part).symlink_to(src / part, target_is_directory=True)
    sys.path.insert(0, str(farm))


def record(engine, i: int, text: str) -> str:
    """One text's line of the dump: its findings, its --fix text with what remains and the
    passes it took, and its --fix --unsafe-fixes text."""
    lint = [(f.code, f.start, f.end, *_fix_effects(f, text), f.applicability.value,
             f.message, f.fingerprint)
            for f in engine.lint(text)]
    safe, unsafe = engine.fix(text), engine.fix(text, unsafe=True)
    remaining = [(f.code, f.start, f.end, f.fingerprint) for f in safe.remaining]
    return json.dumps([i, lint, safe.text, remaining, safe.passes, unsafe.text],
                      ensure_ascii=False)


def sample(every: int) -> list[tuple[int, str]]:
    """Every ``every``-th corpus text with its index: the fixed sample tests/ checks."""
    need_shared()
    return [(i, t) for i, t in enumerate(_texts(0)) if i % every == 0]


def dump(out: str, root: str | None, limit: int) -> None:
    if root:
        _import_from(root)
    from wirefix import cleaner
    from wirefix.cleaner import Config, engine_for

    need_shared()
    texts = _texts(limit)
    engine = engine_for(Config())
    with open(out, "w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(record(engine, i, text) + "\n")
    heading(f"output digest: {len(texts):,} texts from {cleaner.__file__.rsplit('/', 2)[0]} -> {out}")


def compare(a: str, b: str) -> int:
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        left, right = fa.read().splitlines(), fb.read().splitlines()
    differ = [i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y]
    heading(f"output digest: {len(left):,} and {len(right):,} texts, {len(differ):,} differ")
    for i in differ[:5]:
        x, y = json.loads(left[i]), json.loads(right[i])
        for name, u, v in zip(FIELDS, x[1:], y[1:], strict=True):
            if u != v:
                print(f"text {i}, {name}:\n  before: {str(u)[:300]}\n  after:  {str(v)[:300]}")
    return 1 if differ or len(left) != len(right) else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="write the dump here")
    ap.add_argument("--root", help="dump the checkout in this directory instead of this one")
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("give an output file, or --compare BEFORE AFTER")
    dump(args.out, args.root, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
