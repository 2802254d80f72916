"""Turning errors into Norwegian messages for dialogs and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from helsestudio.services.errors import DatabaseUnavailable, DomainError, RuleViolation

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def describe(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    return translate("Messages", "Noe gikk galt ({error}). Prøv igjen, eller kontakt IT-støtte.").format(
        error=type(exc).__name__)


def show_error(parent: QWidget | None, exc: Exception, title: str | None = None) -> None:
    if isinstance(exc, RuleViolation):
        heading = title or translate("Messages", "Ikke tillatt")
    elif isinstance(exc, DatabaseUnavailable):
        heading = title or translate("Messages", "Databasen svarer ikke")
    else:
        heading = title or translate("Messages", "Kunne ikke fullføre")
    QMessageBox.warning(parent, heading, describe(exc))
