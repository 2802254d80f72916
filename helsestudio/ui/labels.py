"""Short bokmål labels that come from the services (dates, states, roles, components),
translated when they are shown.

The services stay Qt-free and Norwegian, so the translatable copies of their label
words are listed here for lupdate (`QT_TRANSLATE_NOOP` returns the text unchanged);
`label()` looks a word up at display time, after the translator is installed, and
returns it unchanged when there is no translation (Norwegian, or a word from the
database such as a category name). tests/ui/test_i18n.py checks that the lists below
still cover the services' dictionaries.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from helsestudio.services.timeutil import MONTHS_NB, WEEKDAYS_NB, to_oslo

CONTEXT = "Labels"

MARKED = (
    # services.timeutil.WEEKDAYS_NB and MONTHS_NB
    QT_TRANSLATE_NOOP("Labels", "mandag"), QT_TRANSLATE_NOOP("Labels", "tirsdag"),
    QT_TRANSLATE_NOOP("Labels", "onsdag"), QT_TRANSLATE_NOOP("Labels", "torsdag"),
    QT_TRANSLATE_NOOP("Labels", "fredag"), QT_TRANSLATE_NOOP("Labels", "lørdag"),
    QT_TRANSLATE_NOOP("Labels", "søndag"),
    QT_TRANSLATE_NOOP("Labels", "januar"), QT_TRANSLATE_NOOP("Labels", "februar"),
    QT_TRANSLATE_NOOP("Labels", "mars"), QT_TRANSLATE_NOOP("Labels", "april"),
    QT_TRANSLATE_NOOP("Labels", "mai"), QT_TRANSLATE_NOOP("Labels", "juni"),
    QT_TRANSLATE_NOOP("Labels", "juli"), QT_TRANSLATE_NOOP("Labels", "august"),
    QT_TRANSLATE_NOOP("Labels", "september"), QT_TRANSLATE_NOOP("Labels", "oktober"),
    QT_TRANSLATE_NOOP("Labels", "november"), QT_TRANSLATE_NOOP("Labels", "desember"),
    # booking states (ui.calendar.painting.STATE_NB, services.day_plan_pdf.STATE_NB)
    QT_TRANSLATE_NOOP("Labels", "Forespurt"), QT_TRANSLATE_NOOP("Labels", "Bekreftet"),
    QT_TRANSLATE_NOOP("Labels", "Avslått"), QT_TRANSLATE_NOOP("Labels", "Fortrengt"),
    QT_TRANSLATE_NOOP("Labels", "Avlyst"),
    # services.credentials.STATUS_NB (C5)
    QT_TRANSLATE_NOOP("Labels", "gyldig"), QT_TRANSLATE_NOOP("Labels", "utløper snart"),
    QT_TRANSLATE_NOOP("Labels", "utløpt"), QT_TRANSLATE_NOOP("Labels", "mangler"),
    # services.certificate_checks.STATE_NB (C6 verification)
    QT_TRANSLATE_NOOP("Labels", "GYLDIG"), QT_TRANSLATE_NOOP("Labels", "TILBAKEKALT"),
    QT_TRANSLATE_NOOP("Labels", "UTLØPT"), QT_TRANSLATE_NOOP("Labels", "UGYLDIG"),
    # services.completions.COMPONENT_NB (C2)
    QT_TRANSLATE_NOOP("Labels", "e-læring (forkurs)"), QT_TRANSLATE_NOOP("Labels", "oppmøte"),
    QT_TRANSLATE_NOOP("Labels", "praktisk vurdering"),
    # services.course_sessions.ACTIVITY_TYPES (C9)
    QT_TRANSLATE_NOOP("Labels", "Kurs"), QT_TRANSLATE_NOOP("Labels", "Simulering"),
    QT_TRANSLATE_NOOP("Labels", "Ferdighetstrening"), QT_TRANSLATE_NOOP("Labels", "Webinar"),
    QT_TRANSLATE_NOOP("Labels", "Veiledning"),
    # services.auth.ROLE_NAMES_NB
    QT_TRANSLATE_NOOP("Labels", "superbruker"), QT_TRANSLATE_NOOP("Labels", "faglig leder"),
    QT_TRANSLATE_NOOP("Labels", "instruktør"), QT_TRANSLATE_NOOP("Labels", "koordinator"),
    QT_TRANSLATE_NOOP("Labels", "administrator"),
    # services.participant_import.FIELD_NB
    QT_TRANSLATE_NOOP("Labels", "Navn"), QT_TRANSLATE_NOOP("Labels", "Fornavn"),
    QT_TRANSLATE_NOOP("Labels", "Etternavn"), QT_TRANSLATE_NOOP("Labels", "E-post"),
    QT_TRANSLATE_NOOP("Labels", "Enhet"), QT_TRANSLATE_NOOP("Labels", "HPR"),
    QT_TRANSLATE_NOOP("Labels", "E-læring fullført"), QT_TRANSLATE_NOOP("Labels", "Kursbevisnummer"),
)


def label(text: str) -> str:
    """The translation of a service label, or the text itself."""
    return QCoreApplication.translate(CONTEXT, text)


def weekday_name(day: date) -> str:
    return label(WEEKDAYS_NB[day.weekday()])


def month_name(month: int) -> str:
    return label(MONTHS_NB[month - 1])


def format_date(day: date) -> str:
    """«3. mars 2026» (English «3 March 2026»); services.timeutil.format_date_nb for the UI."""
    return QCoreApplication.translate("Labels", "{day}. {month} {year}").format(
        day=day.day, month=month_name(day.month), year=day.year)


def format_datetime(value: datetime) -> str:
    """«3. mars 2026 kl. 09:00» in Oslo time; services.timeutil.format_datetime_nb for the UI."""
    local = to_oslo(value)
    return QCoreApplication.translate("Labels", "{date} kl. {time}").format(
        date=format_date(local.date()), time=f"{local:%H:%M}")
