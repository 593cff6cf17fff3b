"""Hall rules that need no database: opening hours, free-text input, passwords, the
Chinese names of the codes the core stores, and personal data (keyed hashes, masks)."""
