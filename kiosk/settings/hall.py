"""The options a hall shares (stored in its database, edited by the manager)."""
from __future__ import annotations

import re
import string

from kiosk.settings.registry import declare as _declare

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
