"""What the repositories need of a database, and a plain-``sqlite3`` one for quick reads.

Every repository talks to the database through four things: ``conn``, ``execute``,
``atomic()`` and ``close()`` (``Db``). sqlite-utils' ``Database`` (``WellbeingDatabase``, which
the app and every write path open: it creates, checks and migrates the file) has them; so does
``PlainDatabase``, which wraps a bare ``sqlite3`` connection. Importing sqlite-utils costs about
a tenth of a second (it pulls in numpy, click, dateutil and its plugin machinery), which is
most of the time a status bar's ``wellbeing status`` would take; a file that is already
Wellbeing's and current (``SCHEMA_VERSION``) needs none of it to be read.

This module imports nothing outside the standard library, and must stay that way.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from wellbeing_app.core.errors import WellbeingError

DATABASE_NAME = "wellbeing.db"
BUSY_TIMEOUT_MS = 5000

# The number of migrations this version knows (``migrations.MIGRATIONS``): ``migrations.apply``
# writes it to the file's ``user_version`` once every one of them has run, so a file whose
# ``user_version`` is this number needs nothing done before it is read. A test keeps the two
# equal: add one here with each new migration.
SCHEMA_VERSION = 10

Parameters = Sequence[Any] | dict[str, Any] | None


class Db(Protocol):
    """The database as the repositories use it."""

    conn: sqlite3.Connection

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor: ...

    def atomic(self) -> AbstractContextManager[object]: ...

    def close(self) -> None: ...


class DatabaseBusy(WellbeingError):
    """Another program kept the database busy for longer than we wait; nothing was written."""


def configure(conn: sqlite3.Connection) -> None:
    """The settings every connection of ours runs with."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # With WAL, NORMAL is SQLite's recommended durability: a crash of the app loses nothing
    # committed; only a power cut may lose the last commits. FULL would fsync every commit the
    # tracker makes every few seconds.
    conn.execute("PRAGMA synchronous = NORMAL")


_savepoints = itertools.count(1)


@contextmanager
def immediate(conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the write lock from its start; all or nothing.

    SQLite's plain ``BEGIN`` starts as a reader; a transaction that reads and then writes must
    upgrade, and in WAL mode that upgrade fails at once with "database is locked" when another
    connection committed since the read (the busy timeout does not apply to it). ``BEGIN
    IMMEDIATE`` takes the write lock up front, waiting for it up to the busy timeout. Inside a
    transaction that already began, this is a savepoint of it.

    ``what`` names the change for the message when the lock never comes
    ("The import", "The entry").
    """
    if conn.in_transaction:
        name = f"wellbeing_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            # An error such as a RAISE(ROLLBACK) trigger can end the whole transaction,
            # savepoints included: cleaning up then would hide the error with another.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
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


class PlainDatabase:
    """A ``Db`` over a bare ``sqlite3`` connection: the same statements, without sqlite-utils.

    It never creates, checks or migrates anything: open it only on a file that is Wellbeing's
    and current (see ``repositories.open_current_repositories``).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[PlainDatabase]:
        with immediate(self.conn, "The change"):
            yield self

    def close(self) -> None:
        self.conn.close()


@contextmanager
def snapshot(db: Db) -> Iterator[Db]:
    """One read transaction (a plain ``BEGIN``): a consistent view of the data that takes no
    write lock, so the tracker and other writers go on meanwhile."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")


def table_names(db: Db, kind: str = "table") -> list[str]:
    """The names of the tables (or, with ``kind="view"``, views), in the order made."""
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = ? ORDER BY rowid", [kind])
    return [name for (name,) in rows.fetchall()]


def column_names(db: Db, table: str) -> list[str]:
    """A table's or view's columns, in order."""
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")').fetchall()]


def count(db: Db, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def open_current(data_dir: Path) -> PlainDatabase | None:
    """The database in ``data_dir`` through a bare connection, when nothing needs doing first.

    That is: the folder and the file (and its ``-wal``/``-shm``) exist and are private to the
    user, the file is Wellbeing's, in WAL mode, and every migration this version knows has run
    (``user_version`` is ``SCHEMA_VERSION``). Anything else, an error included, gives ``None``:
    the full way (``database.open_database``) then creates, tightens, migrates or explains.
    """
    path = data_dir / DATABASE_NAME
    try:
        for candidate in (data_dir, path):
            mode = os.stat(candidate).st_mode
            if stat.S_IMODE(mode) & 0o077:
                return None
        if not stat.S_ISREG(mode):
            return None
        for suffix in ("-wal", "-shm"):
            try:
                if stat.S_IMODE(os.stat(f"{path}{suffix}").st_mode) & 0o077:
                    return None
            except FileNotFoundError:
                continue
    except OSError:
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        if current and conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            configure(conn)
            return PlainDatabase(conn)
    except sqlite3.Error:
        pass
    conn.close()
    return None
