"""Which hall a machine belongs to: the sample hall needs no configuration, a real hall's
PC without ``hall.code`` refuses to start instead of quietly serving the sample."""
from __future__ import annotations

import pytest

from kiosk import bootstrap
from kiosk.errors import NotConfigured
from kiosk.queue.store import migrate
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Hall


def _add_hall(url: str, code: str) -> None:
    db = Database(url)
    with db.write() as session:
        session.add(Hall(code=code, name="西安市政务服务中心", timezone="Asia/Shanghai"))
    db.dispose()


def _hall_of(**options) -> str:
    ctx = bootstrap.hall_context(bootstrap.Options(**options))
    ctx.db.dispose()
    return ctx.hall_code


def test_the_sample_hall_needs_no_configuration(db_url):
    assert _hall_of(db=db_url) == "demo"


def test_a_pc_without_hall_code_refuses_a_database_of_other_halls(db_url, tmp_path):
    _add_hall(db_url, "xian")
    with pytest.raises(NotConfigured) as refused:
        _hall_of(db=db_url)
    assert "本机未设置所属大厅" in refused.value.message_zh
    assert "demo、xian" in refused.value.message_zh
    assert "[hall]" in refused.value.message_zh and "hall.code" in refused.value.message_zh
    assert "demo, xian" in refused.value.message_en and "--hall" in refused.value.message_en
    assert _hall_of(db=db_url, hall="xian") == "xian"
    config = tmp_path / "kiosk.ini"
    config.write_text("[hall]\ncode = xian\n", encoding="utf-8")
    assert _hall_of(db=db_url, config=str(config)) == "xian"


def test_an_empty_database_is_the_sample_halls_until_a_real_hall_is_in_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert _hall_of(db=url) == "demo"                 # no database yet: being set up
    assert not (tmp_path / "new.sqlite3").exists()    # and looking created none
    db = Database(url)
    migrate.upgrade(db)
    db.dispose()
    assert _hall_of(db=url) == "demo"                 # schema, no hall
    _add_hall(url, "xian")
    with pytest.raises(NotConfigured):
        _hall_of(db=url)                              # one hall, not the sample
