"""The settings registry: declared once, parsed strictly, machine vs hall scope."""
import pytest

from kiosk.errors import InvalidInput
from kiosk.queue.actions import staff
from kiosk.queue.store.context import scope
from kiosk.settings import OPTIONS, Settings, read_machine_config, write_machine_option


def test_every_option_has_a_description_a_label_and_a_valid_default():
    for opt in OPTIONS.values():
        assert opt.description and opt.label_zh and opt.scope in ("hall", "machine")
        assert opt.parse(opt.default) == opt.default


def test_values_are_parsed_and_limits_enforced():
    settings = Settings(machine={"printer.port": "9101", "speech.enabled": "no"})
    assert settings.get("printer.port") == 9101 and settings.get("speech.enabled") is False
    with pytest.raises(InvalidInput) as err:
        Settings(machine={"printer.kind": "laser"})
    assert "打印机类型" in err.value.message_zh
    # a stored hall value is skipped, not fatal: see test_hall_options.py
    hall = Settings(hall={"queue.recall_max": -1})
    assert hall.get("queue.recall_max") == 3 and "queue.recall_max" in hall.rejected


@pytest.mark.parametrize("fmt, words", [
    ("{hall}{year}", "必须包含 {seq}"),
    ("{hall}{month}{seq}", "只能使用"),
    ("{hall}{seq:06", "格式写法有误"),
    ("{hall}/{year}/{seq:06d}", "大写字母、数字和 -"),
    ("bj{year}{seq:06d}", "大写字母、数字和 -"),
    ("{hall}{year}{seq:040d}", "最长 40 位"),
])
def test_a_case_number_format_that_cannot_give_good_numbers_is_refused(fmt, words):
    option = OPTIONS["cases.number_format"]
    with pytest.raises(InvalidInput) as err:
        option.parse(fmt)
    assert words in err.value.message_zh and "办件编号格式" in err.value.message_zh
    assert option.parse("SP-{year}-{seq:07d}") == "SP-{year}-{seq:07d}"


def test_options_of_the_other_scope_or_unknown_are_ignored():
    settings = Settings(machine={"queue.recall_max": 9, "no.such": 1})
    assert settings.get("queue.recall_max") == 3


def test_machine_config_file_round_trip(tmp_path):
    path = tmp_path / "kiosk.ini"
    write_machine_option("printer.kind", "network", path)
    write_machine_option("printer.host", "192.0.2.10", path)
    assert read_machine_config(path) == {"printer.kind": "network",
                                         "printer.host": "192.0.2.10"}
    with pytest.raises(InvalidInput):
        write_machine_option("queue.recall_max", "2", path)


def test_hall_setting_is_audited_role_checked_and_seen_by_the_next_action(ctx):
    staff.set_hall_setting(ctx, name="queue.recall_max", value="5", by="9001")
    with ctx.db.read() as session:
        assert scope(ctx, session).settings.get("queue.recall_max") == 5
    from kiosk.errors import NotPermitted

    with pytest.raises(NotPermitted):
        staff.set_hall_setting(ctx, name="queue.recall_max", value=1, by="1001")
    with pytest.raises(InvalidInput):
        staff.set_hall_setting(ctx, name="printer.kind", value="none", by="9001")
