"""Length limits of every text the hall stores, defined once: the models size their
columns from these, and the catalog schema and the free-text rule check against them,
so a text is refused the same way on SQLite and on PostgreSQL before anything is
written."""
from __future__ import annotations

# --- the catalog (kiosk.queue.catalog; columns in kiosk.queue.store.models.hall) -----
#: codes of halls and departments; item codes; hall time zone names
HALL_CODE_MAX = 32
DEPARTMENT_CODE_MAX = 32
ITEM_CODE_MAX = 40
TIMEZONE_MAX = 64
#: names of the hall, departments, queues and windows; items' and materials' names
HALL_NAME_MAX = 100
DEPARTMENT_NAME_MAX = 100
SERVICE_NAME_MAX = 100
WINDOW_NAME_MAX = 100
ITEM_NAME_MAX = 200
MATERIAL_NAME_MAX = 200
ITEM_CONTACT_MAX = 100
#: a queue's letter prefix (the column leaves room; the catalog allows one letter)
SERVICE_PREFIX_MAX = 4
#: the 八公开 texts (Text columns): a guide fits a screen and a printed page, not a book
GUIDE_TEXT_MAX = 5000
MATERIAL_NOTE_MAX = 500
PROCEDURE_STEP_MAX = 500
CASE_STEP_NAME_MAX = 40
PROCEDURE_STEPS_MAX = 50
MATERIALS_MAX = 100

# --- free text typed by staff and citizens (kiosk.queue.rules.text_input) -------------
# A column sized String(n) uses its constant; a Text column is bounded here only.
PAUSE_REASON_MAX = 100           # window.pause_reason, shown on the hall display
CALENDAR_NOTE_MAX = 100          # work_calendar.note
STAFF_NAME_MAX = 50              # staff.name
BOOKING_NAME_MAX = 50            # appointment.name
INQUIRY_REFERRED_TO_MAX = 200    # first_inquiry.referred_to
INQUIRY_QUESTION_MAX = 2000      # first_inquiry.question (Text)
INQUIRY_ANSWER_MAX = 2000        # first_inquiry.answer (Text)
TICKET_NOTE_MAX = 500            # ticket.note (Text): finish and transfer notes
RATING_COMMENT_MAX = 500         # rating.comment (Text)
RATING_REASON_MAX = 50           # each of rating.reasons (JSON)
FOLLOWUP_NOTE_MAX = 2000         # followup_step.note (Text)
