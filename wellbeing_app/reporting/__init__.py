"""Charts and the therapist report: pure functions over core results, no widgets."""

from __future__ import annotations

from types import ModuleType


def load_charts() -> ModuleType:
    """The chart functions, imported on first use: matplotlib costs ~70 MB and half a second
    that an app sitting in the tray should not pay."""
    from wellbeing_app.reporting import charts

    return charts
