"""Errors a person can act on. Each carries one clear sentence, shown as is."""


class WellbeingError(Exception):
    """A problem the person can fix; ``str(error)`` is one sentence meant for them."""


class InvalidInput(WellbeingError, ValueError):
    """Input that does not fit: a bad date, an out-of-range score, an unknown setting."""
