"""Sample slips shared by the printing tests."""
from __future__ import annotations

import datetime as dt
import zoneinfo

from kiosk.printing.slips import Material, NoticeSlip, TicketSlip

HALL = "北京市朝阳区政务服务中心"


def ticket(**changes) -> TicketSlip:
    values = dict(
        hall_name=HALL,
        code="A012",
        service_name="社会保障综合业务",
        item_name="城乡居民基本养老保险参保登记（含关系转移接续）",
        windows=["3号窗口", "4号窗口", "12号窗口"],
        people_ahead=5,
        estimated_wait_minutes=40,
        issued_at_local=dt.datetime(2026, 5, 12, 9, 31, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
        priority_label=None,
        appointment_label=None,
        qr_payload="https://zwfw.example.gov.cn/t/Ab3_-x9QzK2mN7pR4sT6uV8w",
    )
    values.update(changes)
    return TicketSlip(**values)


def notice(**changes) -> NoticeSlip:
    values = dict(
        hall_name=HALL,
        item_code="110105-SB-0012",
        item_name="城乡居民基本养老保险参保登记",
        department_name="区人力资源和社会保障局",
        kind_label="承诺件",
        legal_days=20,
        promised_days=5,
        materials=[
            Material("居民身份证", "原件", 1, True, False, ""),
            ("户口簿", "原件和复印件", 1, True, True, "首页及本人页复印件，A4纸"),
            Material("委托书", "原件", 1, False, False, "他人代办时提供"),
            Material("近期一寸免冠彩色照片（白底，用于制作社会保障卡，务必与本人相符）", "原件", 2,
                     True, False),
        ],
        windows=["3号窗口", "5号窗口"],
        contact="010-12345678",
        qr_payload="110105-SB-0012",
        printed_at_local="2026-05-12 09:40",
    )
    values.update(changes)
    return NoticeSlip(**values)
