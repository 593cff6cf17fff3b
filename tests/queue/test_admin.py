"""Manager console administration in the service layer: sign-in, catalog edits checked by
the catalog's own rules, staff and settings, roles refused here, and the audit query."""
import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import CatalogInvalid, InvalidInput, NotFound, NotPermitted
from kiosk.queue.actions import admin, staff, windows
from kiosk.queue.reads import audit as audit_reads, manager as manager_reads
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.actions.manager_auth import sign_in_manager
from kiosk.queue.store.models import Event, HallSetting, Item, Material, Service, Staff
from kiosk.queue.actions.windows import LoginFailed
from tests.helpers import PASSWORD, open_window, serve_next, take

MANAGER, ADMIN, CLERK = "9001", "9000", "1001"


def _events(ctx, action):
    """[(actor, payload)] of the events of one action, in order."""
    with ctx.db.read() as session:
        return [(e.actor, e.payload) for e in session.scalars(
            select(Event).where(Event.action == action).order_by(Event.id))]


# --- signing in ------------------------------------------------------------------

def test_manager_and_admin_sign_in_and_it_is_recorded(ctx):
    manager = sign_in_manager(ctx, MANAGER, PASSWORD)
    assert (manager.name, manager.role, manager.is_admin) == ("周主任", "manager", False)
    assert sign_in_manager(ctx, ADMIN, PASSWORD).is_admin
    assert [actor for actor, _ in _events(ctx, "manager_signed_in")] == \
        ["staff:9001", "staff:9000"]


def test_wrong_password_counts_towards_the_lockout(ctx):
    with pytest.raises(LoginFailed) as err:
        sign_in_manager(ctx, MANAGER, "wrong!")
    assert "再错 4 次" in err.value.message_zh
    for _ in range(4):
        with pytest.raises(LoginFailed):
            sign_in_manager(ctx, MANAGER, "wrong!")
    with pytest.raises(NotPermitted) as err:
        sign_in_manager(ctx, MANAGER, PASSWORD)
    assert "锁定" in err.value.message_zh
    staff.unlock_staff(ctx, staff_no=MANAGER, by=ADMIN)
    assert sign_in_manager(ctx, MANAGER, PASSWORD).staff_no == MANAGER


def test_a_clerk_with_the_right_password_is_refused(ctx):
    with pytest.raises(NotPermitted) as err:
        sign_in_manager(ctx, CLERK, PASSWORD)
    assert "管理端" in err.value.message_zh
    assert _events(ctx, "manager_signed_in") == []
    with pytest.raises(NotFound):
        sign_in_manager(ctx, "7777", PASSWORD)


# --- services, items, windows ----------------------------------------------------

def test_manager_changes_a_daily_limit_and_the_kiosk_obeys_it(ctx):
    assert admin.update_service(ctx, prefix="F", daily_limit=1, by=MANAGER) == \
        ["daily_limit"]
    take(ctx, "ZRZY-001")
    from kiosk.errors import ServiceUnavailable
    with pytest.raises(ServiceUnavailable):
        take(ctx, "ZRZY-001")
    [(actor, payload)] = _events(ctx, "service_updated")
    assert actor == "staff:9001"
    assert payload["changes"] == {"daily_limit": {"old": 60, "new": 1}}
    assert admin.update_service(ctx, prefix="F", daily_limit=1, by=MANAGER) == []


def test_clerk_cannot_change_limits_and_bad_values_are_refused(ctx):
    with pytest.raises(NotPermitted):
        admin.update_service(ctx, prefix="A", daily_limit=5, by=CLERK)
    with pytest.raises(CatalogInvalid) as err:
        admin.update_service(ctx, prefix="A", daily_limit=-1, by=ADMIN)
    assert "每日限号" in err.value.problems[0].chinese()
    with pytest.raises(CatalogInvalid):
        admin.update_service(ctx, prefix="A", hours={"weekdays": [1], "periods": ["12-9"]},
                             by=ADMIN)
    admin.update_service(ctx, prefix="A", by=ADMIN,
                         hours={"weekdays": [1, 2, 3], "periods": ["08:30-12:00"]})
    with ctx.db.read() as session:
        service = session.scalar(select(Service).where(Service.prefix == "A"))
        assert (service.daily_limit, service.hours["periods"]) == (300, ["08:30-12:00"])


def test_admin_edits_an_item_with_the_catalog_rules(ctx):
    with pytest.raises(CatalogInvalid) as err:  # an instant item promises 0 days
        admin.update_item(ctx, code="SCJG-001", changes={"promised_days": 2}, by=ADMIN)
    assert "即办件" in err.value.problems[0].message_zh
    with pytest.raises(CatalogInvalid):
        admin.update_item(ctx, code="SCJG-001", by=ADMIN,
                          changes={"kind": "promised", "promised_days": 9, "legal_days": 3})
    with pytest.raises(InvalidInput):
        admin.update_item(ctx, code="SCJG-001", changes={"code": "X"}, by=ADMIN)
    materials = [{"name": "身份证", "form": "both", "copies": 1, "required": True,
                  "may_supply_later": False},
                 {"name": "租赁合同", "form": "copy", "copies": 2, "required": True,
                  "may_supply_later": True, "note": "可后补"}]
    changed = admin.update_item(ctx, code="SCJG-001", by=ADMIN, changes={
        "kind": "promised", "promised_days": 2, "fees": "免费", "materials": materials})
    assert changed == ["kind", "promised_days", "materials", "fees"]
    guide = hall_reads.item_guide(ctx, "SCJG-001")
    assert (guide.kind, guide.promised_days, guide.fees) == ("promised", 2, "免费")
    assert [(m.name, m.copies, m.may_supply_later) for m in guide.materials] == \
        [("身份证", 1, False), ("租赁合同", 2, True)]
    with ctx.db.read() as session:  # the old material rows are gone, not orphaned
        item_id = session.scalar(select(Item.id).where(Item.code == "SCJG-001"))
        assert session.scalar(select(Material.id).where(Material.item_id.is_(None))) is None
        assert len(session.scalars(select(Material).where(
            Material.item_id == item_id)).all()) == 2


def test_item_and_window_edits_are_the_admins_alone(ctx):
    for who in (CLERK, MANAGER):
        with pytest.raises(NotPermitted):
            admin.update_item(ctx, code="SCJG-001", changes={"fees": "x"}, by=who)
        with pytest.raises(NotPermitted):
            admin.set_window_services(ctx, window=1, prefixes=["A", "B"], by=who)


def test_window_services_keep_every_queue_served(ctx):
    with pytest.raises(CatalogInvalid) as err:  # G is served by window 14 only
        admin.set_window_services(ctx, window=14, prefixes=["A"], by=ADMIN)
    assert "没有窗口办理此业务" in err.value.problems[0].message_zh
    with pytest.raises(CatalogInvalid):
        admin.set_window_services(ctx, window=1, prefixes=["Z"], by=ADMIN)
    assert admin.set_window_services(ctx, window=1, prefixes=["A", "B"], by=ADMIN) == \
        ["services"]
    assert [w.service_prefixes for w in hall_reads.windows(ctx) if w.number == 1] == \
        [("A", "B")]


# --- staff and settings ----------------------------------------------------------

def test_password_reset_is_the_admins_and_unlock_the_managers(ctx):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            windows.sign_in(ctx, staff_no=CLERK, password="nope!!", window=1)
    with pytest.raises(NotPermitted):
        staff.unlock_staff(ctx, staff_no=CLERK, by="1002")
    staff.unlock_staff(ctx, staff_no=CLERK, by=MANAGER)
    [row] = [s for s in manager_reads.staff_list(ctx, by=ADMIN) if s.staff_no == CLERK]
    assert row.locked_until is None
    assert (row.primary_windows, row.backup_windows) == ((1,), (20,))
    with pytest.raises(NotPermitted):
        staff.reset_password(ctx, staff_no=CLERK, password="654321", by="1002")
    with pytest.raises(NotPermitted):
        staff.reset_password(ctx, staff_no=CLERK, password="654321", by=MANAGER)
    staff.reset_password(ctx, staff_no=CLERK, password="654321", by=ADMIN)
    windows.sign_in(ctx, staff_no=CLERK, password="654321", window=1)
    assert _events(ctx, "password_reset")[-1][0] == "staff:9000"


def test_settings_are_changed_by_a_manager_and_refused_to_a_clerk(ctx):
    with pytest.raises(NotPermitted):
        staff.set_hall_setting(ctx, name="alerts.wait_minutes", value=20, by=CLERK)
    with pytest.raises(InvalidInput):
        staff.set_hall_setting(ctx, name="alerts.wait_minutes", value=0, by=MANAGER)
    staff.set_hall_setting(ctx, name="alerts.wait_minutes", value="20", by=MANAGER)
    options = {o.option.name: o for o in manager_reads.hall_options(ctx, by=MANAGER)}
    assert (options["alerts.wait_minutes"].value, options["alerts.wait_minutes"].stored) \
        == (20, True)
    assert options["queue.recall_max"].stored is False
    assert all(o.option.scope == "hall" for o in options.values())
    with ctx.db.read() as session:
        assert session.get(HallSetting, (1, "alerts.wait_minutes")).value == 20


def test_admin_changes_roles_but_not_their_own(ctx):
    assert admin.update_staff(ctx, staff_no=CLERK, role="manager", department="RSJ",
                              by=ADMIN) == ["role", "department"]
    assert sign_in_manager(ctx, CLERK, PASSWORD).department_name == "人力资源和社会保障局"
    with pytest.raises(NotPermitted):
        admin.update_staff(ctx, staff_no=ADMIN, role="manager", by=ADMIN)
    with pytest.raises(NotPermitted):
        admin.update_staff(ctx, staff_no="1002", active=False, by=MANAGER)
    admin.update_staff(ctx, staff_no="1002", active=False, by=ADMIN)
    with pytest.raises(NotFound):
        windows.sign_in(ctx, staff_no="1002", password=PASSWORD, window=2)
    assert not [s for s in manager_reads.staff_list(ctx, by=ADMIN) if s.staff_no == "1002"][0].active


# --- the audit trail -------------------------------------------------------------

def _busy_morning(ctx, clock):
    open_window(ctx, 1)
    open_window(ctx, 6)
    take(ctx)                    # A001
    take(ctx, "RSJ-001")         # C001
    clock.advance(minutes=3)
    serve_next(ctx, 1)
    serve_next(ctx, 6)
    staff.set_hall_setting(ctx, name="speech.repeat", value=3, by=MANAGER)


def _trail(ctx, wanted, **options):
    return audit_reads.audit_events(ctx, wanted, by=MANAGER, **options)


def test_audit_filters_by_staff_window_ticket_and_action(ctx, clock):
    _busy_morning(ctx, clock)
    day = dt.date(2026, 11, 23)
    everything = _trail(ctx, audit_reads.AuditFilter(day, day))
    with ctx.db.read() as session:  # the sample hall was seeded that morning too
        assert everything.total == len(session.scalars(select(Event)).all())
    assert [r.id for r in everything.rows] == sorted((r.id for r in everything.rows),
                                                      reverse=True)
    by_clerk = _trail(ctx, audit_reads.AuditFilter(day, day, staff_no="1006"))
    assert {r.action for r in by_clerk.rows} == {"window_signed_in", "ticket_called",
                                                 "service_started", "service_finished"}
    assert {r.actor_name for r in by_clerk.rows} == {"杨磊"}
    at_one = _trail(ctx, audit_reads.AuditFilter(day, day, window=1))
    assert {r.window_number for r in at_one.rows} == {1}
    assert [r.action for r in at_one.rows] == ["service_finished", "service_started",
                                               "ticket_called", "window_signed_in",
                                               "window_staffing_set"]
    ticket = _trail(ctx, audit_reads.AuditFilter(day, day, ticket_code="c1"), newest_first=False)
    assert [r.action_zh for r in ticket.rows] == ["取号", "叫号", "开始办理", "办结"]
    assert {r.ticket_code for r in ticket.rows} == {"C001"}
    settings = _trail(ctx, audit_reads.AuditFilter(
        day, day, action="setting_changed", staff_no=MANAGER))
    assert [r.payload["new"] for r in settings.rows] == [3]
    assert _trail(ctx, audit_reads.AuditFilter(
        day + dt.timedelta(days=1), day + dt.timedelta(days=2))).total == 0
    with pytest.raises(InvalidInput):
        _trail(ctx, audit_reads.AuditFilter(day, day - dt.timedelta(days=1)))


def test_audit_pages_cover_every_row_once(ctx, clock):
    _busy_morning(ctx, clock)
    day = dt.date(2026, 11, 23)
    wanted = audit_reads.AuditFilter(day, day)
    total = _trail(ctx, wanted).total
    seen = []
    for page in range(0, total // 3 + 1):
        result = _trail(ctx, wanted, page=page, page_size=3)
        assert result.total == total
        seen += [r.id for r in result.rows]
    assert len(seen) == len(set(seen)) == total
    assert ("ticket_called", "叫号") in audit_reads.audit_actions(ctx, by=MANAGER)


def test_a_staff_name_is_checked_like_its_column_on_both_databases(ctx):
    """A 10,000-character name went into staff.name on SQLite and crashed PostgreSQL."""
    with pytest.raises(InvalidInput) as refused:
        admin.update_staff(ctx, staff_no="1002", by=ADMIN, name="名" * 10_000)
    assert "姓名太长" in refused.value.message_zh
    with pytest.raises(InvalidInput):
        staff.create_staff(ctx, staff_no="7001", name="王\x00芳", role="window",
                           password=PASSWORD)
    decomposed = "Zoe\u0308 阿依"
    assert admin.update_staff(ctx, staff_no="1002", by=ADMIN, name=decomposed) == ["name"]
    with ctx.db.read() as session:
        names = {s.staff_no: s.name for s in session.scalars(select(Staff))}
    assert names["1002"] == "Zoë 阿依" and "7001" not in names
