"""Write transactions that take the write lock first, so they wait for it instead of failing.

SQLite's ``BEGIN`` (what sqlite-utils' ``Database.atomic()`` issues) starts as a reader; a
transaction that reads and then writes must upgrade, and in WAL mode that upgrade fails at once
with "database is locked" when another connection committed since the read (the busy timeout
does not apply to it). ``BEGIN IMMEDIATE`` (``db.immediate``) takes the write lock up front,
waiting for it up to the busy timeout: use it for any write that reads first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from wellbeing_app.storage import db as plain
from wellbeing_app.storage.db import DatabaseBusy, Db

__all__ = ["DatabaseBusy", "WellbeingDatabase", "immediate"]


@contextmanager
def immediate(db: Db, what: str) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the write lock from its start; all or nothing.

    ``what`` names the change for the message when the lock never comes
    ("The import", "The entry").
    """
    with plain.immediate(db.conn, what) as conn:
        yield conn


class WellbeingDatabase(sqlite_utils.Database):
    """sqlite-utils' ``Database`` whose ``atomic()`` takes the write lock at its start.

    Every multi-step write in the app goes through ``atomic()``; with ``BEGIN IMMEDIATE`` under
    it, a short write waits for a busy database (up to the busy timeout) instead of failing
    when another program committed between its first read and its first write.
    """

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        with plain.immediate(self.conn, "The change"):
            yield self


def as_sqlite_utils(db: Db) -> sqlite_utils.Database:
    """``db`` as sqlite-utils' ``Database``, for the few places that use more than ``Db``
    (exports and restores look at tables and columns); the same connection either way."""
    if isinstance(db, sqlite_utils.Database):
        return db
    return WellbeingDatabase(db.conn, execute_plugins=False)
