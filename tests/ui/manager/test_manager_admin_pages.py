"""Administration pages: every edit goes through the service layer (on the console's
worker thread) and lands in the database (checked with plain SELECTs); what the service
refuses is shown, not stored."""
import csv

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.queue.actions import windows
from kiosk.queue.actions.manager_auth import sign_in_manager
from kiosk.queue.store.models import Event, HallSetting, Item, Service, Staff, Window
from kiosk.queue.actions.windows import LoginFailed
from kiosk.settings import Settings
from tests.helpers import PASSWORD, open_window, serve_next, take
from tests.ui.manager.boxes import WAIT_MS, close_boxes, settle, wait_boxes

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _page(qtbot, ctx, module, staff_no):
    import importlib

    page = importlib.import_module(f"kiosk.ui.manager.{module}").build(
        ctx, Settings(), sign_in_manager(ctx, staff_no, PASSWORD))
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    settle(qtbot, page)  # the page has read what it shows
    return page


def _select(table, key_column_text):
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == key_column_text:
            table.selectRow(row)
            return
    raise AssertionError(f"{key_column_text} not in the table")


def test_settings_page_saves_through_the_service(qtbot, sqlite_ctx):
    page = _page(qtbot, sqlite_ctx, "settings_page", "9001")
    wait = page.editors["alerts.wait_minutes"]
    assert wait.value() == 30 and wait.minimum() == 1
    wait.setValue(20)
    page.editors["queue.requeue_position"].setCurrentIndex(1)
    assert set(page.changed()) == {"alerts.wait_minutes", "queue.requeue_position"}
    page.save()
    assert "已保存 2 项设置" in wait_boxes(qtbot)[0]
    with sqlite_ctx.db.read() as session:
        stored = dict(session.execute(select(HallSetting.name, HallSetting.value)).all())
        actors = session.scalars(select(Event.actor).where(
            Event.action == "setting_changed")).all()
    assert stored == {"alerts.wait_minutes": 20, "queue.requeue_position": "keep"}
    assert actors == ["staff:9001", "staff:9001"]
    assert page.changed() == {}


def test_services_editor_changes_a_daily_limit(qtbot, sqlite_ctx):
    page = _page(qtbot, sqlite_ctx, "catalog_page", "9001")  # a manager may do this
    editor = page.services
    _select(editor.table, "F")
    assert editor.daily_limit.value() == 60
    editor.daily_limit.setValue(1)
    with qtbot.waitSignal(editor.service_saved, timeout=WAIT_MS) as saved:
        assert editor.save()
    assert saved.args == ["F", ["daily_limit"]]
    close_boxes()
    with sqlite_ctx.db.read() as session:
        assert session.scalar(select(Service.daily_limit).where(Service.prefix == "F")) == 1
    # a manager's item edit is refused in the service layer, even with the form open
    assert not page.editor.save_button.isEnabled()
    page.editor.fees.setReadOnly(False)
    page.editor.fees.setText("收费 10 元")
    with qtbot.waitSignal(page.editor.save_refused, timeout=WAIT_MS):
        assert page.editor.save()
    assert "权限" in close_boxes()[0]


def test_item_editor_shows_the_catalog_rules_and_saves(qtbot, sqlite_ctx):
    page = _page(qtbot, sqlite_ctx, "catalog_page", "9000")
    page.select_item("SCJG-001")
    editor = page.editor
    assert editor.name.text() == "个体工商户设立登记"
    assert editor.materials.table.rowCount() == len(page.item_data("SCJG-001")["materials"])
    editor.promised_days.setValue(2)  # an instant item promises 0 days
    with qtbot.waitSignal(editor.save_refused, timeout=WAIT_MS):
        assert editor.save()
    [text] = close_boxes()
    assert "即办件的承诺期限应为 0" in text
    editor.promised_days.setValue(0)
    editor.materials.add_row({"name": "营业执照副本", "form": "copy", "copies": 2,
                              "required": False, "may_supply_later": True})
    editor.fees.setText("免费")
    with qtbot.waitSignal(editor.item_saved, timeout=WAIT_MS):
        assert editor.save()
    settle(qtbot, page)
    with sqlite_ctx.db.read() as session:
        [fields] = session.scalars(select(Event.payload).where(
            Event.action == "item_updated")).all()
        assert fields["fields"] == ["materials", "fees"]
        item = session.scalar(select(Item).where(Item.code == "SCJG-001"))
        assert item.fees == "免费"
        assert [(m.name, m.copies, m.may_supply_later) for m in item.materials][-1] == \
            ("营业执照副本", 2, True)


def test_staff_page_resets_a_password_and_unlocks(qtbot, sqlite_ctx):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            windows.sign_in(sqlite_ctx, staff_no="1003", password="nope!!", window=3)
    manager_page = _page(qtbot, sqlite_ctx, "staff_page", "9001")
    _select(manager_page.table, "1003")
    assert "已锁定" in manager_page.table.item(manager_page.table.currentRow(), 4).text()
    with qtbot.waitSignal(manager_page.staff_changed, timeout=WAIT_MS):
        manager_page.unlock()
    settle(qtbot, manager_page)
    assert "正常" in manager_page.table.item(manager_page.table.currentRow(), 4).text()
    assert not manager_page.password_button.isEnabled()
    manager_page.reset_password("abcdef")  # refused below the button, in the service
    assert "权限" in wait_boxes(qtbot)[0]

    admin_page = _page(qtbot, sqlite_ctx, "staff_page", "9000")
    _select(admin_page.table, "1003")
    admin_page.reset_password("abcdef")
    assert "已重置" in wait_boxes(qtbot)[0]
    settle(qtbot, admin_page)
    windows.sign_in(sqlite_ctx, staff_no="1003", password="abcdef", window=3)
    with sqlite_ctx.db.read() as session:
        actions = session.execute(select(Event.action, Event.actor).where(
            Event.action.in_(("staff_unlocked", "password_reset")))
            .order_by(Event.id)).all()
    assert [tuple(a) for a in actions][-2:] == [("staff_unlocked", "staff:9001"),
                                                ("password_reset", "staff:9000")]


def test_windows_page_sets_services_and_refuses_an_unserved_queue(qtbot, sqlite_ctx):
    page = _page(qtbot, sqlite_ctx, "windows_page", "9000")
    _select(page.table, "14")
    assert page.checked_prefixes() == ["G"]
    for i in range(page.services.count()):
        item = page.services.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                           == "A" else Qt.CheckState.Unchecked)
    page.save()
    assert "没有窗口办理此业务" in wait_boxes(qtbot)[0]
    settle(qtbot, page)
    _select(page.table, "1")
    page.services.item(1).setCheckState(Qt.CheckState.Checked)  # B
    page.backup.setCurrentIndex(page.backup.findData("1005"))
    with qtbot.waitSignal(page.window_saved, timeout=WAIT_MS):
        page.save()
    close_boxes()
    settle(qtbot, page)
    with sqlite_ctx.db.read() as session:
        window = session.scalar(select(Window).where(Window.number == 1))
        assert [s.prefix for s in window.services] == ["A", "B"]
        assert session.get(Staff, window.backup_staff_id).staff_no == "1005"


def test_audit_page_filters_and_exports(qtbot, sqlite_ctx, clock, tmp_path):
    open_window(sqlite_ctx, 1)
    take(sqlite_ctx)
    take(sqlite_ctx)
    clock.advance(minutes=4)
    serve_next(sqlite_ctx, 1)
    page = _page(qtbot, sqlite_ctx, "audit_page", "9001")
    page.ticket.setText("A1")
    page.search()
    settle(qtbot, page)
    assert [page.table.item(r, 4).text() for r in range(page.table.rowCount())] == \
        ["办结", "开始办理", "叫号", "取号"]
    assert page.table.item(0, 1).text() == "2026-11-23 09:34:00"
    assert "共 4 条" in page.position.text()
    page.ticket.clear()
    page.staff_no.setText("1001")
    page.search()
    settle(qtbot, page)
    with sqlite_ctx.db.read() as session:
        expected = session.scalar(select(Event.id).where(Event.actor == "staff:1001")
                                  .order_by(Event.id.desc()).limit(1))
        count = len(session.scalars(select(Event.id).where(
            Event.actor == "staff:1001")).all())
    assert page.table.item(0, 0).text() == str(expected)
    assert page.result.total == count
    path = tmp_path / "audit.csv"
    task = page.export(str(path))
    with qtbot.waitSignal(task.finished_ok, timeout=10000):
        pass
    close_boxes()
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["序号", "时间", "操作人", "姓名", "操作"]
    assert len(rows) == count + 1 and {r[2] for r in rows[1:]} == {"1001"}
    assert [r[4] for r in rows[1:]] == ["窗口登录", "叫号", "开始办理", "办结"]
