"""The server's own settings: which documents it checks, how long it waits after a keystroke,
where the rule pages live. Given by the editor as ``initializationOptions`` (or as the
``wirefix`` section of ``workspace/didChangeConfiguration``), all optional::

    {"languages": ["plaintext", "text", "markdown"],   # LSP language ids checked
     "extensions": [".txt", ".text", ".md", ".markdown"],  # or file name endings
     "debounceMs": 100,                                 # wait after the last keystroke
     "docsUrl": "<base URL>",                           # rule pages: <docsUrl>/docs/rules/<CODE>.md
     "markdown": true}                                  # leave Markdown syntax alone

What wirefix checks for (rules, house style, LanguageTool) is not set here: it is the
story's ``wirefix.toml`` / ``[tool.wirefix]``, as for ``wirefix check``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

DEFAULT_LANGUAGES = ("plaintext", "text", "markdown")
DEFAULT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
MARKDOWN_LANGUAGES = ("markdown",)
MARKDOWN_EXTENSIONS = (".md", ".markdown")


@lru_cache(maxsize=1)
def project_docs_url() -> str:
    """The Documentation URL of the installed wirefix (pyproject's [project.urls])."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        for entry in metadata("wirefix").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "documentation":
                return url.strip().rstrip("/")
    except PackageNotFoundError:
        pass
    return ""


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    debounce_ms: int = 100
    docs_url: str | None = None     # None: the project's Documentation URL
    markdown: bool = True

    @property
    def base_url(self) -> str:
        return (self.docs_url if self.docs_url is not None else project_docs_url()).rstrip("/")

    def checks(self, language_id: str | None, path: str | None) -> bool:
        """Is a document of this language id (or file name) one the server checks?"""
        if language_id and language_id in self.languages:
            return True
        return path is not None and path.lower().endswith(tuple(e.lower() for e in self.extensions))

    def is_markdown(self, language_id: str | None, path: str | None) -> bool:
        if not self.markdown:
            return False
        if language_id in MARKDOWN_LANGUAGES:
            return True
        return path is not None and path.lower().endswith(MARKDOWN_EXTENSIONS)

    def updated(self, options: Any) -> tuple["Settings", list[str]]:
        """These settings with the editor's options applied, and a message per bad option
        (a bad option is left at its old value)."""
        if not isinstance(options, dict):
            return self, ([] if options is None else ["wirefix: the settings must be an object"])
        if isinstance(options.get("wirefix"), dict):   # {"wirefix": {...}} as some clients send
            options = options["wirefix"]
        out, problems = self, []

        def strings(key: str) -> tuple[str, ...] | None:
            v = options[key]
            if isinstance(v, list) and all(isinstance(s, str) for s in v):
                return tuple(v)
            problems.append(f"wirefix: setting `{key}` must be a list of strings")
            return None

        if "languages" in options and (v := strings("languages")) is not None:
            out = replace(out, languages=v)
        if "extensions" in options and (v := strings("extensions")) is not None:
            out = replace(out, extensions=v)
        if "debounceMs" in options:
            v = options["debounceMs"]
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10_000:
                out = replace(out, debounce_ms=v)
            else:
                problems.append("wirefix: setting `debounceMs` must be a whole number of "
                                "milliseconds from 0 to 10000")
        if "docsUrl" in options:
            v = options["docsUrl"]
            if isinstance(v, str):
                out = replace(out, docs_url=v)
            else:
                problems.append("wirefix: setting `docsUrl` must be a URL string")
        if "markdown" in options:
            if isinstance(options["markdown"], bool):
                out = replace(out, markdown=options["markdown"])
            else:
                problems.append("wirefix: setting `markdown` must be true or false")
        known = {"languages", "extensions", "debounceMs", "docsUrl", "markdown"}
        unknown = sorted(set(options) - known)
        if unknown:
            problems.append(f"wirefix: unknown setting(s) {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(known))})")
        return out, problems
