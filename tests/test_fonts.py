"""The one font finder that slip printing and the PDF export share."""
from pathlib import Path

import pytest

from kiosk import fonts
from kiosk.printing.fonts import find_cjk_font as printing_font
from kiosk.reports.cjkfont import find_cjk_font as pdf_font


def _collection(path: Path, outlines: bytes) -> Path:
    """A stub .ttc of one face with the sfnt tag ``outlines`` (b"OTTO" for CFF)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"ttcf" + bytes([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16]) + outlines)
    return path


def test_a_pdf_prefers_truetype_outlines_and_printing_the_ranking(tmp_path):
    noto = _collection(tmp_path / "noto" / "NotoSansCJK-Regular.ttc", b"OTTO")
    zenhei = _collection(tmp_path / "wqy" / "wqy-zenhei.ttc", b"\0\1\0\0")
    assert fonts.has_cff_outlines(noto) and not fonts.has_cff_outlines(zenhei)
    assert printing_font(platform="linux", dirs=[tmp_path], shipped=None) == noto
    # fpdf2 embeds CFF fonts so that their text copies out garbled: TrueType first
    assert fonts.find_cjk_font(platform="linux", dirs=[tmp_path], embed=True, shipped=None) == zenhei
    zenhei.unlink()
    assert fonts.find_cjk_font(platform="linux", dirs=[tmp_path], embed=True, shipped=None) == noto


def test_this_machine_has_a_font_for_both(monkeypatch):
    monkeypatch.delenv("KIOSK_PDF_FONT", raising=False)
    assert printing_font().is_file() and pdf_font().path.is_file()


def test_the_home_folder_comes_from_the_environment_given(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_DATA_DIRS": "/opt/share"}
    dirs = fonts.font_dirs("linux", env)
    assert tmp_path / ".local/share/fonts" in dirs
    assert Path("/opt/share/fonts") in dirs
    assert fonts.font_dirs("darwin", env)[-1] == tmp_path / "Library/Fonts"
    (tmp_path / ".fonts").mkdir()
    (tmp_path / ".fonts" / "wqy-microhei.ttc").write_bytes(b"")
    found = fonts.find_cjk_font(platform="linux", env=env,
                                dirs=[tmp_path / ".local/share/fonts", tmp_path / ".fonts"],
                                shipped=None)
    assert found == tmp_path / ".fonts" / "wqy-microhei.ttc"


def test_a_miss_is_not_remembered(tmp_path):
    with pytest.raises(fonts.FontMissing) as missing:
        fonts.find_cjk_font(platform="linux", dirs=[tmp_path], shipped=None)
    assert str(tmp_path) in missing.value.searched[0]
    (tmp_path / "uming.ttc").write_bytes(b"")  # installed while the app runs
    assert fonts.find_cjk_font(platform="linux", dirs=[tmp_path], shipped=None) == tmp_path / "uming.ttc"


def test_windows_names_every_file_it_tried(tmp_path):
    env = {"WINDIR": str(tmp_path), "LOCALAPPDATA": str(tmp_path / "local")}
    with pytest.raises(fonts.FontMissing) as missing:
        fonts.find_cjk_font(platform="win32", env=env, shipped=None)
    user_fonts = tmp_path / "local" / "Microsoft" / "Windows" / "Fonts"
    assert missing.value.searched == [
        str(folder / name) for folder in (tmp_path / "Fonts", user_fonts)
        for name in fonts.WINDOWS_FILES]
