"""The clerk's photo and 工号 as the manager sets them, and what the rating pad reads."""
import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import AlreadyExists, IllegalTransition, InvalidInput, NotPermitted
from kiosk.queue.actions import staff, windows
from kiosk.queue.reads.pad import pad_screen, staff_photo
from kiosk.queue.store.models import Event
from tests.helpers import PASSWORD, open_window

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9"
MANAGER, ADMIN = "9001", "9000"


def test_a_photo_set_by_the_manager_reaches_the_pad(ctx):
    staff.set_staff_photo(ctx, staff_no="1001", jpeg=JPEG, by=MANAGER)
    assert staff_photo(ctx, "1001") == JPEG
    open_window(ctx, 1)
    view = pad_screen(ctx, 1)
    assert (view.staff_no, view.staff_name, view.photo_jpeg) == ("1001", "王芳", JPEG)
    assert view.hall_name == "示例市政务服务中心"
    assert view.supervision_phone == "12345"          # the default 监督电话 (政务服务便民热线)
    staff.set_staff_photo(ctx, staff_no="1001", jpeg=None, by=MANAGER)
    assert pad_screen(ctx, 1).photo_jpeg is None


def test_a_photo_must_be_a_small_jpeg_set_by_a_manager(ctx):
    with pytest.raises(InvalidInput):
        staff.set_staff_photo(ctx, staff_no="1001", jpeg=b"\x89PNG....", by=MANAGER)
    with pytest.raises(InvalidInput):
        staff.set_staff_photo(ctx, staff_no="1001", jpeg=JPEG + b"\x00" * 300_000,
                              by=MANAGER)
    with pytest.raises(NotPermitted):
        staff.set_staff_photo(ctx, staff_no="1001", jpeg=JPEG, by="1002")
    assert staff_photo(ctx, "1001") is None


def test_the_paused_pad_reads_the_return_time(ctx, clock):
    open_window(ctx, 1)
    windows.pause(ctx, window=1, staff_no="1001", reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=15))
    view = pad_screen(ctx, 1)
    assert view.state == "paused" and view.back_at == "09:45"


def test_an_admin_renumbers_a_clerk_who_then_logs_in_with_it(ctx):
    staff.change_staff_no(ctx, staff_no="1003", new_staff_no="SC0003", by=ADMIN)
    windows.sign_in(ctx, staff_no="SC0003", password=PASSWORD, window=3)
    assert pad_screen(ctx, 3).staff_no == "SC0003"
    with ctx.db.read() as session:
        event = session.scalars(select(Event).where(Event.action == "staff_updated")).all()[-1]
        assert (event.payload["old"], event.payload["new"]) == ("1003", "SC0003")


def test_renumbering_is_refused_when_taken_signed_in_or_not_an_admin(ctx):
    with pytest.raises(AlreadyExists):
        staff.change_staff_no(ctx, staff_no="1003", new_staff_no="1004", by=ADMIN)
    with pytest.raises(InvalidInput):
        staff.change_staff_no(ctx, staff_no="1003", new_staff_no="10 03", by=ADMIN)
    with pytest.raises(NotPermitted):
        staff.change_staff_no(ctx, staff_no="1003", new_staff_no="X3", by=MANAGER)
    open_window(ctx, 3)
    with pytest.raises(IllegalTransition) as err:
        staff.change_staff_no(ctx, staff_no="1003", new_staff_no="X3", by=ADMIN)
    assert "退出窗口" in err.value.message_zh
