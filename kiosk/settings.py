"""The one settings registry: every option is declared here once, with its type,
default and description (the way Picard's options and qutebrowser's configdata work).

Two scopes:

* ``hall`` options are shared by every machine of a hall and live in the database
  (the manager edits them; each change is an audited event);
* ``machine`` options belong to one PC (its printer, its window, its database URL) and
  live in that PC's config file (an INI file: ``[printer]`` / ``kind = network``).

Values are read through ``Settings.get(name)``, which parses and falls back to the
declared default, so no module invents a default of its own. A stored hall option this
release does not know or cannot parse (a newer PC wrote it during a LAN upgrade) is
skipped, not fatal: it is logged, kept in ``Settings.rejected`` for the manager's
alert, and its default applies until a valid value is stored.
"""
from __future__ import annotations

import configparser
import dataclasses
import json
import logging
import os
import re
import string
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import InvalidInput

APP_NAME = "kiosk-hall"

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    description: str
    label_zh: str
    scope: str  # "hall" or "machine"
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    #: further rule on the parsed value: returns (zh, en) of what is wrong, or None
    check: Callable[[Any], tuple[str, str] | None] | None = None

    def parse(self, raw: Any) -> Any:
        """Turn a stored or typed-in value into this option's type, or raise InvalidInput."""
        try:
            value = _coerce(self.type, raw)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(
                f"设置“{self.label_zh}”的值无效：{raw!r}",
                f"invalid value for {self.name}: {raw!r} ({exc})",
                option=self.name,
            ) from None
        if self.choices and value not in self.choices:
            raise InvalidInput(
                f"设置“{self.label_zh}”只能取：{'、'.join(map(str, self.choices))}",
                f"{self.name} must be one of {self.choices}, not {value!r}",
                option=self.name,
            )
        if self.minimum is not None and value < self.minimum:
            raise InvalidInput(
                f"设置“{self.label_zh}”不能小于 {self.minimum}",
                f"{self.name} must be >= {self.minimum}, not {value!r}",
                option=self.name,
            )
        if self.maximum is not None and value > self.maximum:
            raise InvalidInput(
                f"设置“{self.label_zh}”不能大于 {self.maximum}",
                f"{self.name} must be <= {self.maximum}, not {value!r}",
                option=self.name,
            )
        if self.check is not None and (wrong := self.check(value)) is not None:
            raise InvalidInput(f"设置“{self.label_zh}”无效：{wrong[0]}",
                               f"invalid {self.name} {value!r}: {wrong[1]}", option=self.name)
        return value


def _coerce(kind: type, raw: Any) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError("not a boolean")
    if kind is list:
        if isinstance(raw, list):
            return raw
        return json.loads(raw) if str(raw).strip().startswith("[") else [
            part.strip() for part in str(raw).split(",") if part.strip()
        ]
    if kind is int and isinstance(raw, float) and not raw.is_integer():
        raise ValueError("not a whole number")
    return kind(raw)


OPTIONS: dict[str, Option] = {}

#: a 办件编号 is typed on a kiosk's keypad (looked up in upper case) and printed in a
#: QR code: upper-case letters, digits and -
_CASE_NO = re.compile(r"[A-Z0-9-]{1,40}")


def _case_number_problem(fmt: str) -> tuple[str, str] | None:
    """What is wrong with a ``cases.number_format``, tried on the longest values."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError as exc:
        return "格式写法有误，例如 {hall}{year}{seq:06d}", str(exc)
    if "seq" not in fields:
        return "必须包含 {seq}（流水号），否则编号会重复", "needs {seq}, or numbers repeat"
    if fields - {"hall", "year", "seq"}:
        return ("只能使用 {hall}、{year}、{seq}",
                f"unknown fields {sorted(fields - {'hall', 'year', 'seq'})}")
    try:
        longest = fmt.format(hall="X" * 20, year=9999, seq=999_999_999)
    except (ValueError, IndexError, KeyError) as exc:
        return "格式写法有误，例如 {hall}{year}{seq:06d}", str(exc)
    if not _CASE_NO.fullmatch(longest):
        return ("编号只能由大写字母、数字和 - 组成，最长 40 位",
                "numbers must be upper-case letters, digits and -, at most 40 characters")
    return None


def _declare(name, kind, default, description, label_zh, scope, **limits) -> None:
    assert name not in OPTIONS, f"option {name} declared twice"
    OPTIONS[name] = Option(name, kind, default, description, label_zh, scope, **limits)


# --- machine: where things are -------------------------------------------------------
_declare("database.url", str, "",
         "SQLAlchemy URL of the hall database; empty = SQLite file in the user data folder",
         "数据库地址", "machine")
_declare("hall.code", str, "demo",
         "Code of the hall this machine belongs to (needed unless the database holds "
         "only the sample hall demo)",
         "所属大厅代码", "machine")
_declare("machine.name", str, "",
         "Name of this PC in the manager's alerts (clock check); empty = its host name",
         "本机名称", "machine")
_declare("security.key_file", str, "",
         "File of the personal-data key (phone hashes); empty = personal.key next to "
         "this machine's config file. Every PC that books or checks in by phone needs "
         "the same file", "个人信息密钥文件", "machine")
_declare("web.trusted_proxies", list, [],
         "Addresses or networks of the reverse proxies in front of 'python -m kiosk web' "
         "(e.g. 127.0.0.1, 10.0.0.0/24); only their X-Forwarded-For is believed",
         "可信反向代理地址", "machine")
_declare("web.rate_per_minute", int, 120,
         "Requests per minute one client address may make to the phone service; 0 = off",
         "每个地址每分钟请求上限", "machine", minimum=0)
_declare("web.form_rate_per_minute", int, 10,
         "Form submissions per minute one client address may make; 0 = off",
         "每个地址每分钟提交上限", "machine", minimum=0)
_declare("web.phone_per_hour", int, 5,
         "Reminder sign-ups per hour for one phone number through the web; 0 = off",
         "每个手机号每小时提醒登记上限", "machine", minimum=0)
_declare("web.secure_cookies", bool, False,
         "Mark the web service's cookies Secure (turn on when the proxy serves HTTPS)",
         "仅通过 HTTPS 发送 Cookie", "machine")
_declare("log.level", str, "INFO", "Logging level", "日志级别", "machine",
         choices=("DEBUG", "INFO", "WARNING", "ERROR"))

# --- machine: the kiosk's printer ------------------------------------------------------
_declare("printer.kind", str, "none",
         "Ticket printer transport", "打印机类型", "machine",
         choices=("none", "network", "usb", "serial", "file", "win32raw"))
_declare("printer.host", str, "127.0.0.1", "Network printer host", "网络打印机地址", "machine")
_declare("printer.port", int, 9100, "Network printer TCP port", "网络打印机端口", "machine",
         minimum=1, maximum=65535)
_declare("printer.usb_vendor", str, "0x0416", "USB vendor id (hex)", "USB 厂商号", "machine")
_declare("printer.usb_product", str, "0x5011", "USB product id (hex)", "USB 产品号", "machine")
_declare("printer.serial_device", str, "COM1", "Serial port of the printer", "串口", "machine")
_declare("printer.baudrate", int, 9600, "Serial baud rate", "波特率", "machine", minimum=1200)
_declare("printer.path", str, "", "Device or file the printer bytes are written to",
         "设备或文件路径", "machine")
_declare("printer.win32_name", str, "", "Windows printer name for raw printing",
         "Windows 打印机名称", "machine")
_declare("printer.paper_mm", int, 80, "Paper width in millimetres", "纸宽(毫米)", "machine",
         choices=(58, 80))
_declare("printer.text_mode", str, "raster",
         "raster: Chinese drawn as an image (works everywhere); gb18030: printer's own font",
         "中文打印方式", "machine", choices=("raster", "gb18030"))
_declare("printer.font_path", str, "",
         "Chinese font file for raster printing; empty = the first one found on this PC",
         "打印字体文件", "machine")
_declare("printer.status_query", bool, True,
         "Ask the printer's status (DLE EOT) before and after each slip; a slip counts as "
         "printed only if the printer confirms it. Turn off for models that cannot answer",
         "打印前后查询打印机状态", "machine")
_declare("printer.timeout_s", float, 5.0, "Seconds before a print job counts as failed",
         "打印超时(秒)", "machine", minimum=0.5, maximum=60)

# --- machine: the kiosk's code scanner -------------------------------------------------
_declare("scanner.kind", str, "keyboard",
         "Code scanner: keyboard = a USB scanner typing the code as keystrokes ending "
         "with Enter; serial = on a serial or USB-serial port; none = no scanner",
         "扫码枪类型", "machine", choices=("none", "keyboard", "serial"))
_declare("scanner.serial_device", str, "",
         "Serial port of the scanner (COM3, /dev/ttyACM0) or a pyserial URL",
         "扫码枪串口", "machine")
_declare("scanner.baudrate", int, 9600, "Serial baud rate of the scanner",
         "扫码枪波特率", "machine", minimum=1200)
_declare("scanner.suffix", str, "enter",
         "What the serial scanner sends after each code: enter or cr = CR, lf = LF, "
         "crlf = CR LF (keyboard mode always ends with the Enter key)",
         "扫码枪结束符", "machine", choices=("enter", "cr", "lf", "crlf"))
_declare("scanner.max_gap_ms", int, 50,
         "Keyboard mode: the longest pause between a scan's keystrokes; slower keys are "
         "a person typing. Raise it for a scanner set to a longer inter-character delay",
         "扫码按键最大间隔(毫秒)", "machine", minimum=5, maximum=500)

# --- machine: the kiosk's ID card reader (GA 450, kiosk.devices.idcard) ---------------
_declare("idcard.kind", str, "none",
         "ID card reader: serial = a GA 450 reader on a serial or USB-serial port "
         "(刷身份证取号); none = no reader", "身份证阅读器类型", "machine",
         choices=("none", "serial"))
_declare("idcard.serial_device", str, "",
         "Serial port of the ID card reader (COM3, /dev/ttyUSB0) or a pyserial URL",
         "身份证阅读器串口", "machine")
_declare("idcard.baudrate", int, 115200, "Serial baud rate of the ID card reader",
         "身份证阅读器波特率", "machine", minimum=1200)

# --- machine: window client and display ------------------------------------------------
_declare("window.number", int, 0, "Window this PC is fixed to; 0 = chosen at login",
         "本机窗口号", "machine", minimum=0)
_declare("window.keys", str,
         '{"call_next": "F1", "recall": "F2", "no_show": "F3", "finish": "F4", '
         '"transfer": "F5", "pause": "F6", "call_number": "F7", "requeue": "F8", '
         '"start": "F9", "inquiry": "F10", "finish_and_call": "F11"}',
         "Keyboard shortcuts of the window client (JSON: action -> key)",
         "窗口快捷键", "machine")
_declare("window.documents_dir", str, "",
         "Folder where the window client saves the notices it prints as A4 PDF "
         "(受理通知书 / 补正告知书); empty = 'documents' in this PC's data folder",
         "通知书保存文件夹", "machine")
_declare("display.mode", str, "hall", "hall: the big hall display; window: one window's screen",
         "显示屏模式", "machine", choices=("hall", "window"))
_declare("display.portrait", bool, False, "Portrait screen", "竖屏", "machine")
_declare("speech.enabled", bool, True, "Speak calls on this machine", "语音播报", "machine")
_declare("speech.voice", str, "", "TTS voice id; empty = first Chinese voice found",
         "语音", "machine")
_declare("speech.rate", int, 150, "Speech rate (words per minute)", "语速", "machine",
         minimum=50, maximum=400)
_declare("speech.volume", float, 1.0, "Speech volume 0..1", "音量", "machine",
         minimum=0.0, maximum=1.0)

# --- hall: the queue rules ------------------------------------------------------------
_declare("queue.priority_streak_limit", int, 3,
         "After this many priority/appointment calls in a row at one window, the oldest "
         "ordinary ticket goes next (so priority never starves ordinary tickets)",
         "连续优先叫号上限", "hall", minimum=1, maximum=100)
_declare("queue.recall_max", int, 3, "How many times one call may be repeated",
         "最多重呼次数", "hall", minimum=0, maximum=20)
_declare("queue.no_show_min_recalls", int, 1,
         "A no-show needs no confirmation once the call was recalled this many times "
         "(or queue.no_show_min_seconds passed), so a stray key cannot drop a citizen",
         "过号前最少重呼次数", "hall", minimum=0, maximum=20)
_declare("queue.no_show_min_seconds", int, 60,
         "A no-show needs no confirmation once this many seconds passed since the call "
         "(or queue.no_show_min_recalls recalls were made)",
         "过号前最短等候(秒)", "hall", minimum=0, maximum=3600)
_declare("queue.requeue_position", str, "end",
         "Where a returning no-show goes: end = behind everyone now waiting; "
         "keep = back at its original place",
         "过号重排位置", "hall", choices=("end", "keep"))
_declare("queue.issue_cutoff_minutes", int, 0,
         "Stop issuing tickets this many minutes before a period ends",
         "停止取号提前(分钟)", "hall", minimum=0, maximum=240)
_declare("queue.appointment_early_minutes", int, 30,
         "How early before its slot an appointment may check in",
         "预约最早提前签到(分钟)", "hall", minimum=0, maximum=240)
_declare("queue.appointment_late_minutes", int, 15,
         "How late after its slot starts an appointment may still check in as one; "
         "later, the citizen takes an ordinary ticket",
         "预约最迟迟到(分钟)", "hall", minimum=0, maximum=240)
_declare("booking.days_ahead", int, 5,
         "Online booking offers the next this many working days (the hall calendar's)",
         "可预约工作日数", "hall", minimum=1, maximum=30)
_declare("booking.cancel_before_minutes", int, 120,
         "A booking can be cancelled on the phone until this many minutes before its slot",
         "预约最晚取消(提前分钟)", "hall", minimum=0, maximum=2880)
_declare("booking.no_show_limit", int, 3,
         "This many missed bookings within booking.no_show_window_days block booking; "
         "0 = never",
         "爽约次数上限", "hall", minimum=0, maximum=20)
_declare("booking.no_show_window_days", int, 180,
         "Missed bookings count over this many days",
         "爽约统计天数", "hall", minimum=1, maximum=730)
_declare("booking.no_show_block_days", int, 30,
         "How long booking is blocked after too many missed bookings",
         "爽约后暂停预约天数", "hall", minimum=1, maximum=365)
_declare("queue.default_handling_minutes", float, 8.0,
         "Handling time assumed before a service has finished tickets today",
         "默认办理时长(分钟)", "hall", minimum=0.5, maximum=240)
_declare("queue.estimate_sample", int, 20,
         "How many recent finished tickets the wait estimate averages",
         "预计等候样本数", "hall", minimum=1, maximum=500)
_declare("queue.green_channel_age", int, 0,
         "A ticket taken by ID card whose holder is this old or older is a 绿色通道 "
         "(elderly) ticket without a clerk's check; 0 = off",
         "刷证自动绿色通道年龄", "hall", minimum=0, maximum=120)
_declare("login.max_failures", int, 5, "Failed logins before an account locks",
         "登录失败锁定次数", "hall", minimum=1, maximum=50)
_declare("login.lock_minutes", int, 5, "How long a locked account stays locked",
         "锁定时长(分钟)", "hall", minimum=1, maximum=1440)
_declare("rating.timeout_s", int, 30, "Seconds the rating pad waits before 未评",
         "评价等待时间(秒)", "hall", minimum=5, maximum=600)
_declare("rating.phone_days", int, 7,
         "Calendar days after a ticket is finished during which the citizen may still "
         "rate it from the ticket's phone page (QR code)",
         "手机评价期限(天)", "hall", minimum=0, maximum=90)
_declare("hall.supervision_phone", str, "12345",
         "The hall's complaints line (监督电话) shown to citizens on the rating pads; "
         "12345 is the 政务服务便民热线 every city has; empty = not shown",
         "监督电话", "hall")
_declare("kiosk.idle_timeout_s", int, 60, "Idle seconds before the kiosk goes home",
         "自助机空闲返回(秒)", "hall", minimum=10, maximum=3600)
_declare("web.base_url", str, "",
         "Address of the hall's web service for phones (e.g. https://zwfw.example.gov.cn); "
         "when set, a ticket's QR code links to the ticket's page there; empty = the QR "
         "code holds a readable text (号码, queue, hall, date)",
         "手机服务网址", "hall")
_declare("speech.template", str, "请 {code} 号到 {window} 号窗口办理",
         "Announcement text; {code} and {window} are filled in", "叫号语音模板", "hall")
_declare("speech.repeat", int, 2, "Times each call is spoken", "播报次数", "hall",
         minimum=1, maximum=5)
_declare("speech.chime", bool, True, "Play a chime before each call", "叫号提示音", "hall")
_declare("speech.digits_one_by_one", bool, True,
         "Read ticket digits one by one (A 零 一 二) instead of as a number",
         "号码逐位播报", "hall")
_declare("display.notice", str, "请携带好您的证件，按号码顺序办理。",
         "Scrolling notice line on the hall display", "大屏滚动通知", "hall")
_declare("display.recent_calls", int, 6, "How many recent calls the display lists",
         "大屏最近叫号条数", "hall", minimum=1, maximum=20)
_declare("alerts.wait_minutes", int, 30, "Alert when a ticket waits longer than this",
         "等候超时告警(分钟)", "hall", minimum=1)
_declare("alerts.pause_overdue_minutes", int, 0,
         "Alert when a pause runs this long past its expected return",
         "暂停超时告警(分钟)", "hall", minimum=0)
_declare("followup.verify_days", int, 1, "Working days to verify a bad rating",
         "差评核实期限(工作日)", "hall", minimum=1)
_declare("followup.fix_days", int, 15, "Working days to fix a verified bad rating",
         "差评整改期限(工作日)", "hall", minimum=1)
_declare("cases.number_format", str, "{hall}{year}{seq:06d}",
         "办件编号 format: {hall} (hall code, upper case), {year}, {seq} (per hall and "
         "year when {year} is used, else per hall; gap-free)", "办件编号格式", "hall",
         check=_case_number_problem)
_declare("cases.supply_later_workdays", int, 5,
         "Working days a 容缺受理 applicant has to bring the missing materials",
         "容缺材料补交期限(工作日)", "hall", minimum=1)
_declare("cases.yellow_workdays", int, 1,
         "黄牌 when this many working days or fewer are left (0 = off); with "
         "cases.yellow_share, whichever warns first wins", "黄牌预警(剩余工作日)", "hall",
         minimum=0)
_declare("cases.yellow_share", int, 20,
         "黄牌 when this percent or less of the time limit is left (0 = off); with "
         "cases.yellow_workdays, whichever warns first wins", "黄牌预警(剩余时限%)", "hall",
         minimum=0, maximum=100)
_declare("cases.lookup_tries", int, 5,
         "Wrong 办件查询 tries (case number + phone's last four digits) allowed within "
         "cases.lookup_minutes, per kiosk and, on the phone pages, per case number; "
         "more are refused until the oldest is that old", "办件查询允许输错次数", "hall",
         minimum=1, maximum=100)
_declare("cases.lookup_minutes", int, 10,
         "The window of cases.lookup_tries, in minutes", "办件查询输错计数时长(分钟)",
         "hall", minimum=1, maximum=1440)
_declare("reminders.enabled", bool, True,
         "Whether the kiosk offers 到号短信提醒 after a ticket (turn off when the hall "
         "has no SMS or WeChat sender)", "自助机提供到号提醒", "hall")
_declare("reminders.sender", str, "log",
         "Who sends call reminders: log (the demo: the log only) or http (the hall's SMS "
         "or WeChat gateway, see reminders.http_url)", "到号提醒发送方式", "machine",
         choices=("log", "http"))
_declare("reminders.http_url", str, "", "URL the http sender POSTs each message to (JSON)",
         "短信网关地址", "machine")
_declare("reminders.http_token", str, "", "Bearer token for the gateway; empty = none",
         "短信网关令牌", "machine")
_declare("reminders.http_timeout_s", float, 5.0, "Seconds before a gateway call fails",
         "短信网关超时(秒)", "machine", minimum=0.1, maximum=120)
_declare("reminders.http_fields", str, "",
         'Field names the gateway expects, as JSON {"our field": "their field"} (ours: '
         'to, text, idem_key, kind, code, window, ahead); empty = ours', "短信网关字段对照",
         "machine")
_declare("reminders.per_phone_per_hour", int, 5,
         "Messages one phone may get per hour; more wait for the hour (0 = no limit)",
         "每个手机号每小时短信上限", "hall", minimum=0)
_declare("outbox.max_attempts", int, 8, "Tries before a message counts as failed",
         "消息最多发送次数", "hall", minimum=1, maximum=100)
_declare("outbox.backoff_cap_s", int, 900, "Longest wait between two tries (seconds)",
         "消息重试最长间隔(秒)", "hall", minimum=1)
_declare("province.url", str, "",
         "URL of the provincial 好差评 platform's rating interface (JSON POST); empty = "
         "ratings wait in the outbox, nothing is sent", "好差评平台地址", "machine")
_declare("province.app_id", str, "", "Our app id at the 好差评 platform",
         "好差评平台应用标识", "machine")
_declare("province.secret", str, "",
         "Secret signing each request (HMAC-SHA256 over timestamp + nonce + body)",
         "好差评平台签名密钥", "machine")
_declare("province.timeout_s", float, 10.0, "Seconds before a platform call fails",
         "好差评平台超时(秒)", "machine", minimum=0.1, maximum=120)
_declare("province.fields", str, "",
         'The platform\'s field names, as JSON {"our field": "their field"}; dots nest '
         '("level": "data.pjdj"); "" leaves a field out; empty = ours (see '
         "kiosk.queue.actions.rating_report)", "好差评平台字段对照", "machine")
_declare("province.channel_codes", str, "",
         'The platform\'s channel codes, as JSON {"pad": "…", "qrcode": "…"}; empty = ours',
         "好差评平台渠道代码", "machine")
_declare("province.ack_path", str, "data.id",
         "Where the platform's acknowledgement id is in its JSON answer (dots nest); "
         "empty = any 2xx answer counts as delivered", "好差评平台回执路径", "machine")
_declare("province.header_app_id", str, "X-App-Id", "Header carrying the app id",
         "好差评平台应用标识请求头", "machine")
_declare("province.header_timestamp", str, "X-Timestamp", "Header carrying the timestamp",
         "好差评平台时间戳请求头", "machine")
_declare("province.header_nonce", str, "X-Nonce", "Header carrying the nonce",
         "好差评平台随机数请求头", "machine")
_declare("province.header_signature", str, "X-Signature",
         "Header carrying the signature (lower-case hex)", "好差评平台签名请求头", "machine")
_declare("province.max_attempts", int, 0,
         "Tries before a rating report counts as failed; 0 = keep trying (an outage never "
         "loses a rating; a refusal by the platform fails at once)",
         "好差评上报最多次数", "hall", minimum=0, maximum=1000)
_declare("province.rating_window_days", int, 7,
         "Calendar days after 办结 within which a rating counts as timely for the "
         "platform (set it to the province's rule)", "好差评有效评价期限(天)", "hall",
         minimum=0, maximum=365)
_declare("rating.burst_seconds", int, 60,
         "Suspicious: rating.burst_count top ratings from one pad (window) within this "
         "many seconds", "刷好评判定时间窗(秒)", "hall", minimum=1, maximum=3600)
_declare("rating.burst_count", int, 3,
         "Suspicious: this many top ratings from one pad within rating.burst_seconds",
         "刷好评判定条数", "hall", minimum=2, maximum=100)
_declare("rating.late_days", int, 3,
         "Suspicious: a rating given this many calendar days or more after 办结",
         "迟到评价判定(天)", "hall", minimum=1, maximum=365)


def option(name: str) -> Option:
    try:
        return OPTIONS[name]
    except KeyError:
        raise InvalidInput(f"没有这项设置：{name}", f"unknown option {name!r}") from None


@dataclasses.dataclass(frozen=True)
class Rejected:
    """A stored hall option that was skipped: unknown here, or not a valid value."""

    name: str
    raw: Any
    message_zh: str
    message_en: str


#: (name, value) pairs already logged: every action reads the settings, log each once
_LOGGED_REJECTS: set[tuple[str, str]] = set()


def _rejected(name: str, raw: Any, error: InvalidInput | None) -> Rejected:
    """Describe (and log, once) a skipped hall option; ``error``: why its value failed,
    None for a name this release does not know as a hall option."""
    if error is None:
        rejected = Rejected(name, raw,
                            f"大厅设置“{name}”不是本版本的设置项（可能来自较新版本），已忽略；"
                            "请把大厅各电脑升级到同一版本",
                            f"{name} is not a hall option of this release")
    else:
        rejected = Rejected(name, raw,
                            f"{error.message_zh}，暂用默认值 {OPTIONS[name].default}；"
                            "请在管理端“设置”页重新设置",
                            error.message_en)
    if (name, repr(raw)) not in _LOGGED_REJECTS:
        _LOGGED_REJECTS.add((name, repr(raw)))
        log.warning("ignoring the stored hall option %s = %r (%s): the default applies",
                    name, raw, rejected.message_en)
    return rejected


class Settings:
    """Read-only view of the effective settings: stored values over declared defaults."""

    def __init__(self, machine: Mapping[str, Any] | None = None,
                 hall: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = {}
        #: stored hall options skipped (unknown or invalid), by name
        self.rejected: dict[str, Rejected] = {}
        for name, raw in (machine or {}).items():
            opt = OPTIONS.get(name)
            if opt is None or opt.scope != "machine":
                continue  # not this PC's option (or of another release): ignore it
            self._values[name] = opt.parse(raw)  # this PC's own file: fix it to start
        for name, raw in (hall or {}).items():
            opt = OPTIONS.get(name)
            if opt is None or opt.scope != "hall":
                self.rejected[name] = _rejected(name, raw, None)
                continue
            try:
                self._values[name] = opt.parse(raw)
            except InvalidInput as exc:  # one bad row must not stop every action
                self.rejected[name] = _rejected(name, raw, exc)

    def get(self, name: str) -> Any:
        opt = option(name)
        return self._values.get(name, opt.default)

    def with_values(self, **values: Any) -> Settings:
        """A copy with some options changed (dotted names use ``__``: queue__recall_max)."""
        clone = Settings()
        clone._values = dict(self._values)
        clone.rejected = dict(self.rejected)
        for key, raw in values.items():
            name = key.replace("__", ".")
            clone._values[name] = option(name).parse(raw)
        return clone


# --- the machine config file ---------------------------------------------------------

def default_config_path() -> Path:
    import platformdirs

    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk.ini"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def read_machine_config(path: Path | None = None) -> dict[str, str]:
    """Machine options from the INI file (missing file = all defaults)."""
    path = path or default_config_path()
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        parser.read(path, encoding="utf-8")
    values: dict[str, str] = {}
    for section in parser.sections():
        for key, raw in parser.items(section):
            values[f"{section}.{key}"] = raw
    return values


def write_machine_option(name: str, raw: str, path: Path | None = None) -> None:
    opt = option(name)
    if opt.scope != "machine":
        raise InvalidInput(f"“{opt.label_zh}”是大厅设置，请在管理端修改",
                           f"{name} is a hall option: change it in the database")
    opt.parse(raw)
    path = path or default_config_path()
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        parser.read(path, encoding="utf-8")
    section, key = name.split(".", 1)
    if not parser.has_section(section):
        parser.add_section(section)
    parser.set(section, key, str(raw))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        parser.write(fh)
