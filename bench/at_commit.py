#!/usr/bin/env python3
"""Run a bench script with the rules and engine of an older commit, to score the same
stories with the code of then and of now:

    .venv/bin/python bench/at_commit.py ffc3887 bench/mt_generalisation.py --holdout holdout5

The commit is checked out into a temporary git worktree. The script, the stories and the
damage generator come from this checkout (so a story set written today can be scored with
last week's code); only ``wirefix`` (cleaner/, rules/, tui/) comes from the commit.

Why not just run the script from a worktree: an editable install (``make install-dev``)
maps ``wirefix.cleaner`` and ``wirefix.rules`` to this checkout whatever ``sys.path``
says, so a worktree run silently measures today's code. This drops that mapping first and
checks where the rules were imported from.
"""
from __future__ import annotations

import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _use_code_of(tree: Path) -> None:
    """Import ``wirefix`` from ``tree`` (its wirefix/ shim, with cleaner/, rules/ and tui/
    beside it, as the wheel lays them out)."""
    sys.meta_path[:] = [f for f in sys.meta_path
                        if "editable" not in type(f).__module__.lower()
                        and "editable" not in getattr(f, "__name__", "").lower()]
    for name in [n for n in sys.modules if n == "wirefix" or n.startswith("wirefix.")]:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    import wirefix
    wirefix.__path__.append(str(tree))
    import wirefix.rules
    if not Path(wirefix.rules.__file__).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"wirefix.rules came from {wirefix.rules.__file__}, not {tree}")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    commit, script, *rest = argv
    with tempfile.TemporaryDirectory(prefix="wirefix-at-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(tree), commit], check=True)
        try:
            _use_code_of(tree)
            print(f"wirefix code of {commit}; script and data of this checkout",
                  file=sys.stderr)
            sys.argv = [str(ROOT / script), *rest]
            try:
                runpy.run_path(str(ROOT / script), run_name="__main__")
            except SystemExit as stop:
                return int(stop.code or 0) if not isinstance(stop.code, str) else 1
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(tree)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
