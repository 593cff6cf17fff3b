import logging
from types import SimpleNamespace as V

from kiosk.speech.voices import best_chinese_voice, chinese_rank, choose_voice

# What pyttsx3 2.99 lists on Debian 12 (espeak-ng 1.51), in its order, abridged.
ESPEAK = [
    V(id="gmw/en", name="English (Great Britain)", languages=["en-gb"]),
    V(id="sit/cmn", name="Chinese (Mandarin, latin as English)", languages=["cmn"]),
    V(id="sit/cmn-latn-pinyin", name="Chinese (Mandarin, latin as Pinyin)",
      languages=["cmn-latn-pinyin"]),
    V(id="sit/yue", name="Chinese (Cantonese)", languages=["yue"]),
    V(id="zle/ru", name="Russian", languages=["ru"]),
]
SAPI = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"
WINDOWS = [
    V(id=SAPI + "TTS_MS_EN-US_DAVID_11.0", name="Microsoft David Desktop - English (United States)",
      languages=["en-US"]),
    V(id=SAPI + "TTS_MS_ZH-HK_TRACY_11.0", name="Microsoft Tracy Desktop - Chinese(Traditional, HongKong SAR)",
      languages=["zh-HK"]),
    V(id=SAPI + "TTS_MS_ZH-TW_HANHAN_11.0", name="Microsoft Hanhan Desktop - Chinese (Taiwan)",
      languages=["zh-TW"]),
    V(id=SAPI + "TTS_MS_ZH-CN_HUIHUI_11.0", name="Microsoft Huihui Desktop - Chinese (Simplified)",
      languages=["zh-CN"]),
]


def test_espeak_prefers_the_pinyin_mandarin_voice():
    # sit/cmn reads Chinese characters as English-spelled pinyin on espeak-ng 1.51
    assert best_chinese_voice(ESPEAK).id == "sit/cmn-latn-pinyin"
    assert chinese_rank(ESPEAK[3]) > chinese_rank(ESPEAK[1]) > chinese_rank(ESPEAK[2])
    assert chinese_rank(ESPEAK[0]) is None and chinese_rank(ESPEAK[4]) is None


def test_windows_prefers_mainland_then_taiwan_then_cantonese():
    assert best_chinese_voice(WINDOWS).name.startswith("Microsoft Huihui")
    assert best_chinese_voice(WINDOWS[:3]).name.startswith("Microsoft Hanhan")
    assert best_chinese_voice(WINDOWS[:2]).name.startswith("Microsoft Tracy")


def test_language_code_0804_and_names_count_as_mainland():
    assert chinese_rank(V(id="X", name="Some voice", languages=["0804"])) == 1
    assert chinese_rank(V(id="Y", name="Vendor Yaoyao", languages=[])) == 1
    assert chinese_rank(V(id="Z", name="Chinese", languages=[b"\x05zh"])) == 3


def test_no_chinese_voice():
    assert best_chinese_voice([ESPEAK[0], WINDOWS[0]]) is None
    assert choose_voice([]) is None


def test_configured_voice_wins_even_if_not_chinese():
    assert choose_voice(ESPEAK, "sit/cmn").id == "sit/cmn"
    assert choose_voice(ESPEAK, "GMW/EN").id == "gmw/en"
    assert choose_voice(WINDOWS, "Microsoft David Desktop - English (United States)") is WINDOWS[0]


def test_missing_configured_voice_falls_back_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.voices"):
        assert choose_voice(ESPEAK, "sit/nope").id == "sit/cmn-latn-pinyin"
    assert "sit/nope" in caplog.text
