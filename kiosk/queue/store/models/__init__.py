"""The hall's tables, as SQLAlchemy 2 typed mappings, one module per part of the hall.

Names follow the glossary in GUIDE.md. Models hold data and small derived facts only;
every change goes through a service function. Importing this package registers every
table on ``Base.metadata`` (Alembic's env.py relies on that).
"""
from kiosk.queue.store.models.base import NAMING, Base, BigId
from kiosk.queue.store.models.cases import (
    CASE_STATE_NOTE, CASE_STATE_ZH, OPEN_CASE_STATES, CaseCounter, CaseFile, CaseMaterial, CaseState, CaseStep,
)
from kiosk.queue.store.models.followups import (
    AlertAck, Followup, FollowupState, FollowupStep, WorkCalendarDay,
)
from kiosk.queue.store.models.hall import (
    Department, Hall, HallSetting, Item, ItemKind, Material, MaterialForm, Role, Service,
    Staff, Window, WindowState, service_item, window_service,
)
from kiosk.queue.store.models.outside import Outbox, Reminder
from kiosk.queue.store.models.visits import (
    ACTIVE_STATES, WAITING_STATES, Appointment, AppointmentState, Event, FirstInquiry,
    Outcome, Priority, Rating, Ticket, TicketCounter, TicketState,
)

__all__ = [
    "NAMING", "Base", "BigId", "AlertAck", "Followup", "FollowupState", "FollowupStep",
    "WorkCalendarDay", "Department", "Hall", "HallSetting", "Item", "ItemKind", "Material",
    "MaterialForm", "Role", "Service", "Staff", "Window", "WindowState", "service_item",
    "window_service", "ACTIVE_STATES", "WAITING_STATES", "Appointment", "AppointmentState",
    "Event", "FirstInquiry", "Outcome", "Priority", "Rating", "Ticket", "TicketCounter",
    "TicketState", "Outbox", "Reminder", "CASE_STATE_NOTE", "CASE_STATE_ZH", "OPEN_CASE_STATES", "CaseCounter", "CaseFile",
    "CaseMaterial", "CaseState", "CaseStep",
]
