"""The hall manager's console (管理端): live status, alerts, reports, 差评 follow-up,
administration and the audit trail. Built by ``console.build_console``; started by
``app.run``."""
