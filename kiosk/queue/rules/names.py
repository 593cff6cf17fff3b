"""The Chinese names of the codes the core stores, defined once.

Screens, printed tickets, reports and exports name an outcome, a priority class and a
rating level the same way. Each name is marked for Qt's lupdate (see
``kiosk.i18n_marks``) under the context a screen translates it with.
"""
from __future__ import annotations

from kiosk.i18n_marks import QT_TRANSLATE_NOOP

#: 办理结果, by ``Outcome`` value
OUTCOME_ZH = {
    "completed": QT_TRANSLATE_NOOP("Outcome", "办结"),
    "accepted": QT_TRANSLATE_NOOP("Outcome", "受理"),
    "supply_later": QT_TRANSLATE_NOOP("Outcome", "容缺受理"),
    "notice_given": QT_TRANSLATE_NOOP("Outcome", "一次性告知"),
    "consultation": QT_TRANSLATE_NOOP("Outcome", "咨询"),
    "rejected": QT_TRANSLATE_NOOP("Outcome", "不予受理"),
}

#: 绿色通道 classes, by ``Priority`` value (``none`` has no name)
PRIORITY_ZH = {
    "elderly": QT_TRANSLATE_NOOP("Priority", "老年人"),
    "disabled": QT_TRANSLATE_NOOP("Priority", "残疾人"),
    "military": QT_TRANSLATE_NOOP("Priority", "军人"),
    "pregnant": QT_TRANSLATE_NOOP("Priority", "孕妇"),
}

#: 好差评 levels, best first
LEVEL_ZH = {
    5: QT_TRANSLATE_NOOP("Rating", "非常满意"),
    4: QT_TRANSLATE_NOOP("Rating", "满意"),
    3: QT_TRANSLATE_NOOP("Rating", "基本满意"),
    2: QT_TRANSLATE_NOOP("Rating", "不满意"),
    1: QT_TRANSLATE_NOOP("Rating", "非常不满意"),
}
