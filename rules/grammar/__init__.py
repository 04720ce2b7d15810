"""The grammar family: LanguageTool's checks as wirefix findings (off by default)."""
