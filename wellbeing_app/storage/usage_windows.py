"""What spans were spent in, stored once: the ids of ``usage_windows`` rows (migration 0008).

A year of tracking is hundreds of thousands of spans but a few hundred distinct (app, category,
title, approximate, source) tuples, so a span row holds only its times and one of these ids.
"""

from __future__ import annotations

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.db import Db

WindowKey = tuple[str, str, str, int, str]

_WHERE = "app = ? AND category = ? AND title = ? AND approximate = ? AND source = ?"


def window_key(span: UsageSpan) -> WindowKey:
    """The usage_windows row a span belongs to ('' stands for no title)."""
    return (span.app, span.category, span.title or "", int(span.approximate), span.source)


class WindowIds:
    """Finds or adds the ``usage_windows`` row of a span, remembering ids it has seen.

    Call ``id_of`` inside the transaction that writes the span, then ``settle`` with whether that
    transaction committed: an id added by a transaction that was rolled back is forgotten, so it
    is never handed out again. (Rows of ``usage_windows`` are never deleted.)
    """

    def __init__(self, db: Db) -> None:
        self._db = db
        self._known: dict[WindowKey, int] = {}
        self._added: dict[WindowKey, int] = {}

    def id_of(self, span: UsageSpan) -> int:
        key = window_key(span)
        found = self._known.get(key, self._added.get(key))
        if found is not None:
            return found
        conn = self._db.conn
        row = conn.execute(f"SELECT id FROM usage_windows WHERE {_WHERE}", key).fetchone()
        if row is not None:
            self._known[key] = found = int(row[0])
        else:
            cursor = conn.execute(
                "INSERT INTO usage_windows (app, category, title, approximate, source)"
                " VALUES (?, ?, ?, ?, ?)",
                key,
            )
            assert cursor.lastrowid is not None
            self._added[key] = found = cursor.lastrowid
        return found

    def settle(self, committed: bool) -> None:
        if committed:
            self._known.update(self._added)
        self._added.clear()
