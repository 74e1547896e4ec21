"""Write transactions that take the write lock first, so they wait for it instead of failing.

SQLite's ``BEGIN`` (what ``Database.atomic()`` issues) starts as a reader; a transaction that
reads and then writes must upgrade, and in WAL mode that upgrade fails at once with
"database is locked" when another connection committed since the read (the busy timeout does
not apply to it). ``BEGIN IMMEDIATE`` takes the write lock up front, waiting for it up to the
busy timeout: use it for any write that reads first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from wellbeing_app.core.errors import WellbeingError


class DatabaseBusy(WellbeingError):
    """Another program kept the database busy for longer than we wait; nothing was written."""


@contextmanager
def immediate(db: sqlite_utils.Database, what: str) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the write lock from its start; all or nothing.

    ``what`` names the change for the message when the lock never comes
    ("The import", "The entry").
    """
    conn = db.conn
    if conn.in_transaction:  # part of a bigger change that already began: a savepoint of it
        with sqlite_utils.Database.atomic(db):
            yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        raise DatabaseBusy(
            f"{what} could not be saved because another program kept the database busy;"
            " nothing was written, try again."
        ) from None
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class WellbeingDatabase(sqlite_utils.Database):
    """sqlite-utils' ``Database`` whose ``atomic()`` takes the write lock at its start.

    Every multi-step write in the app goes through ``atomic()``; with ``BEGIN IMMEDIATE`` under
    it, a short write waits for a busy database (up to the busy timeout) instead of failing
    when another program committed between its first read and its first write.
    """

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        with immediate(self, "The change"):
            yield self


@contextmanager
def snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One read transaction (a plain ``BEGIN``): a consistent view of the data that takes no
    write lock, so the tracker and other writers go on meanwhile."""
    with sqlite_utils.Database.atomic(db):
        yield db
