"""What the tracker writes: spans in batches, with the open span kept crash-safe, and pauses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.db import Db
from wellbeing_app.storage.usage_windows import WindowIds

_INSERT = "INSERT INTO usage_periods (start, end, utc_offset, window_id) VALUES (?, ?, ?, ?)"
_EXTEND = "UPDATE usage_periods SET end = ? WHERE id = ?"


class StorageUnavailable(WellbeingError):
    """The database cannot be written now (disk full, I/O error, locked); nothing was written,
    and the same write can be tried again later."""


@contextmanager
def _unavailable_as_error() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        raise StorageUnavailable(f"Could not save tracked time: {error}.") from error


class SpanWriter:
    """Writes closed spans and the open span's progress in one transaction per commit.

    The open span is inserted on its first commit and its end updated on later ones, so a crash
    (even SIGKILL) loses at most one commit interval, without a new row every few seconds. A
    commit that fails leaves the writer as it was before it, so the next one writes it all.

    Raises (``commit``):
        StorageUnavailable: the database could not be written (``sqlite3.OperationalError``:
            the disk is full, an I/O error, locked too long); nothing of this commit was
            written, so the caller keeps what it passed and passes it again later.
    """

    def __init__(self, db: Db) -> None:
        self._db = db
        self._windows = WindowIds(db)
        self._open_ident: tuple[float, str, int] | None = None
        self._open_rowid: int | None = None
        self.commits = 0

    def commit(
        self,
        closed: Sequence[UsageSpan],
        open_span: UsageSpan | None,
        active: Sequence[tuple[date, float]] = (),
    ) -> None:
        conn = self._db.conn
        ident, rowid = self._open_ident, self._open_rowid
        try:
            with _unavailable_as_error(), self._db.atomic():
                for span in closed:
                    if ident == _ident(span):
                        conn.execute(_EXTEND, (span.end, rowid))
                        ident = rowid = None
                    else:
                        conn.execute(_INSERT, self._row(span))
                if open_span is None:
                    ident = rowid = None
                elif ident == _ident(open_span):
                    conn.execute(_EXTEND, (open_span.end, rowid))
                else:
                    rowid = conn.execute(_INSERT, self._row(open_span)).lastrowid
                    ident = _ident(open_span)
                if active:
                    conn.executemany(
                        "INSERT INTO active_days (day, seconds) VALUES (?, ?)"
                        " ON CONFLICT(day) DO UPDATE SET"
                        " seconds = max(0, seconds + excluded.seconds)",
                        [(day.isoformat(), seconds) for day, seconds in active if seconds],
                    )
        except BaseException:
            self._windows.settle(committed=False)
            raise
        self._windows.settle(committed=True)
        self._open_ident, self._open_rowid = ident, rowid
        self.commits += 1

    def _row(self, span: UsageSpan) -> tuple[float, float, int, int]:
        return (span.start, span.end, span.utc_offset, self._windows.id_of(span))


def _ident(span: UsageSpan) -> tuple[float, str, int]:
    return (span.start, span.app, span.utc_offset)


class PauseStore:
    """'Paused until' shared between the window's tray menu and a headless tracker.

    Every method raises ``StorageUnavailable`` when the database cannot be read or written.
    """

    def __init__(self, db: Db) -> None:
        self._db = db

    def paused_until(self) -> float | None:
        with _unavailable_as_error():
            row = self._db.execute(
                "SELECT value FROM tracker_state WHERE name = 'paused_until'"
            ).fetchone()
        return None if row is None else float(row[0])

    def pause_until(self, until: float) -> None:
        with _unavailable_as_error(), self._db.atomic():
            self._db.execute(
                "INSERT OR REPLACE INTO tracker_state (name, value) VALUES ('paused_until', ?)",
                (repr(until),),
            )

    def resume(self) -> None:
        with _unavailable_as_error(), self._db.atomic():
            self._db.execute("DELETE FROM tracker_state WHERE name = 'paused_until'")
