"""The language server (``wirefix lsp``): see ``cleaner.lsp.server``."""
