"""Opening the one SQLite file safely: private permissions, WAL, migrations, clear errors.

A file that is not a Wellbeing database, is corrupt, locked or unreadable is reported in one
sentence and never overwritten or "repaired": it may be the person's only copy of their journal.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from wellbeing_app.core.errors import WellbeingError
from wellbeing_app.storage import db as plain
from wellbeing_app.storage.db import BUSY_TIMEOUT_MS, DATABASE_NAME, Db

if TYPE_CHECKING:  # sqlite-utils (and numpy with it) loads only when a file is opened this way
    import sqlite_utils

logger = logging.getLogger(__name__)

__all__ = ["DATABASE_NAME", "DatabaseProblem", "open_database", "open_memory_database"]

_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = BUSY_TIMEOUT_MS


class DatabaseProblem(WellbeingError):
    """The database cannot be used as it is; the message says why and what to do."""


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def prepare_data_dir(data_dir: Path) -> None:
    """Makes sure the data folder exists and is private to the user (0700).

    Folders it creates (parents included) are 0700 whatever the umask. An existing folder that
    holds only Wellbeing's files (or nothing) is made 0700; one that holds other things too (a
    person's own folder given as ``--data-dir``) is left as it is, with a warning, since the
    database inside is private (0600) either way.
    """
    if data_dir.exists() and not data_dir.is_dir():
        raise DatabaseProblem(f"The data location {data_dir} is a file, not a folder.")
    if not data_dir.exists():
        _make_private_folders(data_dir)
        return
    mode = stat.S_IMODE(data_dir.stat().st_mode)
    if not mode & 0o077:
        return
    if _holds_only_ours(data_dir):
        try:
            os.chmod(data_dir, 0o700)
            return
        except OSError:
            pass
    logger.warning(
        "The data folder can be opened by other users (mode %04o); Wellbeing's database in it "
        "stays private (0600), but a folder of its own (mode 0700) keeps even its name private.",
        mode,
    )


def _make_private_folders(data_dir: Path) -> None:
    missing = []
    folder = data_dir
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as error:
            raise DatabaseProblem(
                f"Could not create the data folder {data_dir}: {error.strerror}."
            ) from None
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask


def _holds_only_ours(data_dir: Path) -> bool:
    try:
        names = [entry.name for entry in os.scandir(data_dir)]
    except OSError:
        return False
    ours = (DATABASE_NAME, "backups", "tracker.lock", ".")
    return all(name.startswith(ours) for name in names)


def _check_existing_file(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseProblem(f"{path} is not a regular file, so it cannot hold your data.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(f"Could not read the database {path}: {error.strerror}.") from None
    if header and header != _SQLITE_HEADER:
        raise DatabaseProblem(
            f"{path} is not a Wellbeing database (it is not an SQLite file); it was left untouched."
        )


def _create_private_file(path: Path) -> None:
    """Creates an empty database file readable by its owner only, before SQLite opens it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise DatabaseProblem(f"Could not create the database {path}: {error.strerror}.") from None
    os.close(fd)


def _tighten(path: Path) -> None:
    # SQLite gives -wal and -shm files the database file's mode; keep all three private.
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                os.chmod(candidate, 0o600)
        except FileNotFoundError:
            continue
        except OSError:
            continue


def _explain(error: sqlite3.Error, path: Path | str) -> DatabaseProblem:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            f"The database {path} is locked by another program; close it and try again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseProblem(
            f"The database {path} is damaged and cannot be read; it was left untouched "
            "(restore a backup, or move it aside to start afresh)."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem(f"The database {path} is read-only; Wellbeing needs to write to it.")
    if "unable to open" in text:
        return DatabaseProblem(f"The database {path} cannot be opened (check its permissions).")
    return DatabaseProblem(f"The database {path} cannot be used: {error}.")


def configure(db: Db) -> None:
    plain.configure(db.conn)


def check_ours(db: sqlite_utils.Database, where: Path | str) -> None:
    """Raises ``DatabaseProblem`` unless the file is Wellbeing's (or empty) and not newer than
    this version. Only reads."""
    from wellbeing_app.storage import migrations

    try:
        newer = migrations.unknown(db)
        if newer:
            raise DatabaseProblem(
                f"The database {where} was written by a newer version of Wellbeing; "
                "update the app to open it."
            )
        foreign = set(db.table_names()) - _known_tables()
        if foreign and not migrations.applied(db):
            raise DatabaseProblem(
                f"{where} holds another program's tables, not Wellbeing's; it was left untouched."
            )
    except sqlite3.Error as error:
        raise _explain(error, where) from None


def migrate(db: sqlite_utils.Database, where: Path | str) -> None:
    """Checks the file is ours and current, then applies pending migrations."""
    from wellbeing_app.storage import migrations

    check_ours(db, where)
    try:
        if migrations.apply(db):
            _compact(db)
    except sqlite3.Error as error:
        raise _explain(error, where) from None


def _compact(db: sqlite_utils.Database) -> None:
    """Gives back the space a migration freed (0008 rewrites every span: ~70 % of a year's file).

    Once, right after migrating; a database another process is using is left as it is (its free
    pages are reused as it grows).
    """
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    if free < max(256, pages // 4):
        return
    try:
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError as error:
        logger.info("Could not compact the database after migrating: %s", error)


def _known_tables() -> set[str]:
    import sqlite_utils

    from wellbeing_app.storage import migrations

    probe = sqlite_utils.Database(memory=True, execute_plugins=False)
    migrations.apply(probe)
    names = set(probe.table_names())
    probe.close()
    return names


def open_database(data_dir: Path) -> sqlite_utils.Database:
    """Opens (creating if needed) the database in ``data_dir``, migrated and ready.

    Raises:
        DatabaseProblem: the folder or file cannot be used; nothing was changed.
    """
    from wellbeing_app.storage.transactions import WellbeingDatabase

    prepare_data_dir(data_dir)
    path = database_path(data_dir)
    _check_existing_file(path)
    _create_private_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=_BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = WellbeingDatabase(conn, execute_plugins=False)
        configure(db)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise _explain(error, path) from None
    try:
        # Look before changing anything: a file that is not ours keeps even its journal mode.
        check_ours(db, path)
        try:
            if db.journal_mode != "wal":
                db.enable_wal()
        except sqlite3.Error as error:
            raise _explain(error, path) from None
        migrate(db, path)
    except DatabaseProblem:
        db.close()
        raise
    _tighten(path)
    return db


def open_memory_database() -> sqlite_utils.Database:
    """An in-memory database with every migration applied: for tests and previews."""
    from wellbeing_app.storage import migrations
    from wellbeing_app.storage.transactions import WellbeingDatabase

    db = WellbeingDatabase(memory=True, execute_plugins=False)
    configure(db)
    migrations.apply(db)
    return db
