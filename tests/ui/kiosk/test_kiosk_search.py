"""Search by Chinese text or pinyin initials, typed on the on-screen keyboard."""
from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.kiosk.search_index import ItemIndex
from tests.ui.kiosk.conftest import WAIT_MS, click


def open_search(qtbot, kiosk):
    w = kiosk.window
    qtbot.waitUntil(lambda: w.search.index is not None, timeout=WAIT_MS)
    click(qtbot, w.home.search_button)
    assert w.current() is w.search
    return w.search


def test_pinyin_initials_on_the_keyboard_find_the_item(qtbot, kiosk):
    search = open_search(qtbot, kiosk)
    for letter in "GTGS":
        click(qtbot, search.keyboard.keys[letter])
    assert search.field.text() == "gtgs"
    titles = search.pager.visible_titles()
    assert titles[0] == "个体工商户设立登记"
    assert "个体工商户注销登记" in titles
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, search.pager.tiles[0])  # the guide is read on a worker thread
    w = kiosk.window
    assert w.current() is w.guide
    assert w.guide.guide.code == "SCJG-001"


def test_chinese_text_finds_the_item(qtbot, kiosk):
    search = open_search(qtbot, kiosk)
    commit = QInputMethodEvent()  # what a Chinese input method sends
    commit.setCommitString("公积金")
    QApplication.sendEvent(search.field, commit)
    assert search.field.text() == "公积金"
    titles = search.pager.visible_titles()
    assert titles and all("公积金" in t for t in titles)
    search.field.setText("个体工商户")
    assert search.pager.visible_titles()[:2] == ["个体工商户设立登记", "个体工商户注销登记"]


def test_erase_clear_and_no_match(qtbot, kiosk):
    search = open_search(qtbot, kiosk)
    for letter in "QQQ":
        click(qtbot, search.keyboard.keys[letter])
    assert search.pager.visible_titles() == []
    assert "没有找到" in search.pager.empty_label.plain_text()
    assert search.pager.empty_label.isVisible()
    click(qtbot, search.keyboard.erase_button)
    assert search.field.text() == "qq"
    click(qtbot, search.keyboard.clear_button)
    assert search.field.text() == ""


class _Item:
    def __init__(self, code, name, department_name="部门"):
        self.code, self.name, self.department_name = code, name, department_name


def test_index_ranks_and_matches_full_pinyin():
    index = ItemIndex([_Item("X-1", "个体工商户注销登记"), _Item("X-2", "个体工商户设立登记"),
                       _Item("X-3", "居民身份证换领", "公安局")])
    assert [e.code for e in index.search("gtgs")] == ["X-1", "X-2"]
    assert [e.code for e in index.search("GTGS")] == ["X-1", "X-2"]
    assert [e.code for e in index.search("sldj")] == ["X-2"]      # initials inside
    assert [e.code for e in index.search("shenfenzheng")] == ["X-3"]  # full pinyin
    assert [e.code for e in index.search("设立")] == ["X-2"]
    assert [e.code for e in index.search("公安局")] == ["X-3"]      # department name
    assert index.search("   ") == []
    assert index.search("zz") == []
