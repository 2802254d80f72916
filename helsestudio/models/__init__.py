"""SQLAlchemy models. Importing this package registers every table on Base.metadata."""

from helsestudio.models.audit import AuditEntry
from helsestudio.models.base import Base, utcnow
from helsestudio.models.certificate import Certificate, CertificateCounter, SigningKeyRecord
from helsestudio.models.course import (
    Completion,
    Component,
    CourseSession,
    CourseType,
    Enrolment,
    ExternalQualification,
    ImportMapping,
    Person,
    SessionInstructor,
    Unit,
    UnitKind,
)
from helsestudio.models.identity import Role, User
from helsestudio.models.settings import SettingValue
from helsestudio.models.studio import (
    Booking,
    BookingCategory,
    BookingSeries,
    BookingState,
    CrisisPeriod,
    Platform,
    Room,
    StudioClosure,
)

__all__ = [
    "AuditEntry",
    "Base",
    "Booking",
    "BookingCategory",
    "BookingSeries",
    "BookingState",
    "Certificate",
    "CertificateCounter",
    "CrisisPeriod",
    "Completion",
    "Component",
    "CourseSession",
    "CourseType",
    "Enrolment",
    "ExternalQualification",
    "ImportMapping",
    "Person",
    "Platform",
    "Role",
    "Room",
    "SessionInstructor",
    "SettingValue",
    "SigningKeyRecord",
    "StudioClosure",
    "Unit",
    "UnitKind",
    "User",
    "utcnow",
]
