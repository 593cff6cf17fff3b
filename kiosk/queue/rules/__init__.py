"""Hall rules that need no database: opening hours, free-text input, passwords and
the Chinese names of the codes the core stores."""
