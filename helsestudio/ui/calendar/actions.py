"""The booking services a calendar action calls, by the action's name.

Dialogs emit the name of what the superuser asked for («confirm_booking», …);
one table maps it to the service so the dialogs stay free of service imports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from helsestudio.services import bookings


def _edit_booking(ctx: Any, booking_id: int, title: str | None, participants: int | None,
                  platform: str | None, *, expected_version: int | None = None) -> Any:
    """The dialog sends what changed positionally, like the other actions."""
    return bookings.edit_booking(ctx, booking_id, expected_version=expected_version, title=title,
                                 participants=participants, platform=platform)


SERVICES: dict[str, Callable[..., Any]] = {
    "confirm_booking": bookings.confirm_booking,
    "decline_booking": bookings.decline_booking,
    "cancel_booking": bookings.cancel_booking,
    "assign_assistance": bookings.assign_assistance,
    "move_booking": bookings.move_booking,
    "edit_booking": _edit_booking,
}


def service(name: str) -> Callable[..., Any]:
    return SERVICES[name]
