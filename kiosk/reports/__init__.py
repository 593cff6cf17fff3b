"""Statistics, reports, registers and exports for the hall manager (no Qt).

``report.build_report`` for grouped figures over a date range, ``live.live_status`` for
the console's live view, ``registers`` for the monthly paper-form registers, ``xlsx`` and
``pdf`` for exports, ``simulate`` for a seeded, realistic hall day. See docs/manager.md.
"""
