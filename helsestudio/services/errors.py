"""Domain errors. The CLI maps them to exit codes, the UI to Norwegian messages.

Every message is written for the person at the keyboard: it says what is wrong
and, where it can, what to do about it.
"""

from __future__ import annotations

import re
from datetime import datetime

# Control characters a user typed or a file contained, echoed back in a message:
# written out, so a message stays one line and a terminal never obeys an ESC sequence.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` with each control character written out as Python writes it (`\n`, `\x1b`)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class DomainError(Exception):
    """Base for every error a service raises on purpose."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        message = printable(message)
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """The input cannot be understood or is out of range (exit 2)."""


class NotFound(InvalidInput):
    """A referenced object does not exist (exit 2)."""


class DatabaseUnavailable(DomainError):
    """The database cannot be opened or reached (exit 2)."""


class RuleViolation(DomainError):
    """A domain rule refuses the change; `rule` is its id in domain.md (exit 1)."""

    exit_code = 1

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"{rule}: {message}")
        self.rule = rule
        self.detail = printable(message)


class PermissionDenied(RuleViolation):
    """The acting user's role does not allow the change (exit 1)."""

    def __init__(self, message: str) -> None:
        super().__init__("ROLE", message)


class ConcurrentEdit(RuleViolation):
    """Someone else saved the object after it was read (optimistic locking, exit 1).

    `changed_by`/`changed_at` name the newer change when known; `current_version` is the
    version to send to overwrite it deliberately.
    """

    def __init__(self, message: str, *, changed_by: str | None = None,
                 changed_at: datetime | None = None, current_version: int | None = None) -> None:
        super().__init__("VERSION", message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version
