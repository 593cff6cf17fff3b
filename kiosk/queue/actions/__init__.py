"""Hall actions: one module per family, one service function per action.

Each function validates its input, changes rows and appends its event in one
transaction, and returns what changed (``snapshots``). The caller's identity is an
argument: roles are checked here, never in a screen.
"""
