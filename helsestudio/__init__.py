"""Helsestudio: Studio 2037 bookings and course certificates for hospital training."""

__version__ = "0.1.0"
