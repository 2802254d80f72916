"""Courses (issue 4): the one import point for other areas and the UI.

The work is split over small modules; this module re-exports what callers use,
so `from helsestudio.services import courses` is enough.
"""

from __future__ import annotations

from helsestudio.services.completions import (
    COMPONENT_NB,
    ComponentState,
    Eligibility,
    eligibility_in,
    evaluate,
    find_enrolment,
    record_completion,
    record_completion_in,
    session_days,
    teaching_minutes,
)
from helsestudio.services.course_sessions import (
    SessionInfo,
    SessionInput,
    activity_report,
    add_session,
    add_session_in,
    enrol,
    enrol_in,
    list_sessions,
)
from helsestudio.services.course_types import CourseTypeInput, by_code_in, valid_until_for
from helsestudio.services.credentials import (
    STATUS_NB,
    Credential,
    credentials_for,
    instructor_qualified_in,
    requirement_status,
)
from helsestudio.services.session_edit import update_session
from helsestudio.services.session_view import SessionDetail, session_detail, session_detail_in

__all__ = [
    "COMPONENT_NB",
    "STATUS_NB",
    "ComponentState",
    "CourseTypeInput",
    "Credential",
    "Eligibility",
    "SessionDetail",
    "SessionInfo",
    "SessionInput",
    "activity_report",
    "add_session",
    "add_session_in",
    "by_code_in",
    "credentials_for",
    "eligibility_in",
    "enrol",
    "enrol_in",
    "evaluate",
    "find_enrolment",
    "instructor_qualified_in",
    "list_sessions",
    "record_completion",
    "record_completion_in",
    "requirement_status",
    "session_days",
    "session_detail",
    "session_detail_in",
    "teaching_minutes",
    "update_session",
    "valid_until_for",
]
