"""Wording shared by the command line, the window and reports."""

from __future__ import annotations

# English month names, for dates written out in words ("5 December 2026").
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def duration_text(seconds: float) -> str:
    """``42 s``, ``7 min``, ``1 h 05 min``: rounded the way a person reads a time."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
