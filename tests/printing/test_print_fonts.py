"""Finding a CJK font portably, and failing clearly when there is none. The app ships its
own font, found first; ``shipped=None`` tests the search of the system's fonts."""
import pytest

from kiosk.printing.errors import FontNotFound
from kiosk.printing.fonts import find_cjk_font, load_font


def test_this_machine_has_a_usable_cjk_font():
    path = find_cjk_font()
    font = load_font(str(path), 24)
    assert font.getlength("号") == 24  # a full-width glyph fills the em square
    family = font.getname()[0]
    assert not family.endswith((" JP", " KR", " TC", " HK")), family  # simplified face


def test_explicit_path_wins_or_is_named_in_the_error(tmp_path):
    font = tmp_path / "hall.ttf"
    font.write_bytes(b"")
    assert find_cjk_font(font) == font
    with pytest.raises(FontNotFound) as caught:
        find_cjk_font(tmp_path / "missing.ttf")
    assert str(tmp_path / "missing.ttf") in caught.value.message_en


def test_nothing_found_names_every_folder_searched(tmp_path):
    with pytest.raises(FontNotFound) as caught:
        find_cjk_font(platform="linux", dirs=[tmp_path / "a", tmp_path / "b"], shipped=None)
    message = caught.value.message_en
    assert str(tmp_path / "a") in message and str(tmp_path / "b") in message
    assert "wqy-zenhei.ttc" in message and "fonts-noto-cjk" in message


def test_linux_prefers_sans_fonts_found_anywhere_below_the_folders(tmp_path):
    (tmp_path / "truetype" / "wqy").mkdir(parents=True)
    (tmp_path / "truetype" / "wqy" / "wqy-zenhei.ttc").write_bytes(b"")
    assert find_cjk_font(platform="linux", dirs=[tmp_path], shipped=None).name == "wqy-zenhei.ttc"
    other = tmp_path / "more"
    (other / "opentype" / "noto").mkdir(parents=True)
    (other / "opentype" / "noto" / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    (other / "truetype" / "wqy").mkdir(parents=True)
    (other / "truetype" / "wqy" / "wqy-zenhei.ttc").write_bytes(b"")
    assert find_cjk_font(platform="linux", dirs=[other], shipped=None).name == "NotoSansCJK-Regular.ttc"


def test_windows_looks_in_the_windows_fonts_folder(tmp_path):
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    (fonts / "simsun.ttc").write_bytes(b"")
    (fonts / "simhei.ttf").write_bytes(b"")
    found = find_cjk_font(platform="win32", env={"WINDIR": str(tmp_path)}, shipped=None)
    assert found == fonts / "simhei.ttf"  # 黑体 before 宋体: thin strokes print badly
    with pytest.raises(FontNotFound) as caught:
        find_cjk_font(platform="win32", env={"WINDIR": str(tmp_path / "none")},
                      shipped=None)
    assert "msyh.ttc" in caught.value.message_en
