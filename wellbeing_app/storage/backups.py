"""Automatic copies of the database, putting one back, and deleting everything.

Backups are whole-database copies made with SQLite's online backup API, so they are consistent
even while the tracker writes: ``<data_dir>/backups/wellbeing-YYYYMMDD-HHMMSS.db``, stamped in
UTC (so the names sort in time order across clock changes and travel), each a single private
file (0600, in a 0700 folder) in rollback-journal mode, with no ``-wal`` beside it.

Putting a backup back never deletes the database it replaces: that one is moved aside to
``wellbeing.db.before-restore-<stamp>``, in case the backup was the wrong one.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.storage.database import DATABASE_NAME, database_path, prepare_data_dir
from wellbeing_app.storage.db import Db

BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"wellbeing-(\d{8}-\d{6})(?:-(\d+))?\.db")
_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")
_ASIDE = ".before-restore-"
_INCOMING = f".{DATABASE_NAME}.restoring-"
# The tracker's lock file (platform/instance_lock.py; storage may not import platform).
LOCK_FILE_NAME = "tracker.lock"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime  # aware, UTC
    size: int  # bytes


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def backup_now(db: Db, data_dir: Path, now: datetime) -> Path:
    """Copies the open database into the backups folder; returns the new file.

    Raises:
        WellbeingError: the copy could not be written (disk full, no permission); no partial
            file is left.
    """
    folder = _private_folder(backup_folder(data_dir))
    stamp = now.astimezone(UTC).strftime(_STAMP)
    target = _free_name(folder, stamp)
    partial = folder / f".{target.name}.partial"
    try:
        _create_private(partial)
        with closing(sqlite3.connect(str(partial))) as copy:
            db.conn.backup(copy)
            # A single self-contained file: no -wal to forget when it is copied elsewhere.
            copy.execute("PRAGMA journal_mode = DELETE")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        _remove_quietly(partial)
        raise WellbeingError(f"Could not write a backup into {folder}: {_reason(error)}.") from None
    return target


def backups(data_dir: Path) -> list[BackupInfo]:
    """The backups in ``data_dir``, newest first (other files there are ignored)."""
    folder = backup_folder(data_dir)
    if not folder.is_dir():
        return []
    found: list[tuple[tuple[str, int], BackupInfo]] = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        order = (match.group(1), int(match.group(2) or 0))
        found.append((order, BackupInfo(path, created, path.stat().st_size)))
    return [info for _, info in sorted(found, key=lambda pair: pair[0], reverse=True)]


def prune(data_dir: Path, keep: int) -> list[Path]:
    """Deletes all but the ``keep`` newest backups; returns the deleted files."""
    if keep < 1:
        raise InvalidInput("Keep at least one backup.")
    removed = []
    for info in backups(data_dir)[keep:]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def is_due(last: datetime | None, now: datetime, every_hours: float) -> bool:
    """Whether an automatic backup should be made now. ``every_hours`` of 0 turns them off; a
    last backup that seems to lie in the future (the clock was set back) makes one due."""
    if every_hours <= 0:
        return False
    if last is None or last > now:
        return True
    return now - last >= timedelta(hours=every_hours)


def restore_backup(
    backup_path: Path, data_dir: Path, *, now: datetime | None = None
) -> Path | None:
    """Replaces the database in ``data_dir`` with a backup; returns where the replaced database
    was moved (``None`` when there was none).

    The caller makes sure nothing has the database open (the app's connection is closed, no
    tracker runs). The backup is copied in first and checked with ``PRAGMA integrity_check``;
    only then is the current database (with its ``-wal`` and ``-shm``) moved aside and the copy
    renamed into its place.

    Raises:
        InvalidInput: the file is missing, not a Wellbeing database, damaged, or from a newer
            version; the current database was left as it was.
        WellbeingError: the files could not be moved; the current database is in place.
    """
    if not backup_path.is_file():
        raise InvalidInput(f"There is no backup file {backup_path}.")
    prepare_data_dir(data_dir)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    incoming = data_dir / f"{_INCOMING}{stamp}"
    try:
        _create_private(incoming)
        with backup_path.open("rb") as source, incoming.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        _verify(incoming, backup_path)
        for suffix in _SIDECARS:  # emptied when the copy left WAL mode in _verify
            Path(f"{incoming}{suffix}").unlink(missing_ok=True)
    except OSError as error:
        _remove_with_sidecars(incoming)
        raise WellbeingError(f"Could not copy {backup_path}: {_reason(error)}.") from None
    except BaseException:
        _remove_with_sidecars(incoming)
        raise
    live = database_path(data_dir)
    # A -wal without its database must go too, or SQLite would replay it into the backup.
    present = any(Path(f"{live}{suffix}").exists() for suffix in ("", *_SIDECARS))
    aside = _move_aside(live, stamp) if present else None
    try:
        os.replace(incoming, live)
    except OSError as error:
        if aside is not None:
            _move_with_sidecars(aside, live)
        _remove_with_sidecars(incoming)
        raise WellbeingError(
            f"Could not put the backup in place: {_reason(error)}; the database was left as it was."
        ) from None
    os.chmod(live, 0o600)
    return aside


def _verify(copy: Path, shown_as: Path) -> None:
    """Refuses anything but an intact Wellbeing database this version can open."""
    import sqlite_utils  # only here: the app keeps sqlite-utils (and numpy) unloaded until needed

    from wellbeing_app.storage import migrations

    with copy.open("rb") as handle:
        if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise InvalidInput(f"{shown_as} is not a Wellbeing backup (it is not an SQLite file).")
    try:
        with closing(sqlite3.connect(str(copy))) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise InvalidInput(
                    f"{shown_as} is damaged (its integrity check failed), so it was not restored."
                )
            applied = migrations.applied(sqlite_utils.Database(conn, execute_plugins=False))
            conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error:
        raise InvalidInput(
            f"{shown_as} is damaged (it cannot be read as a database), so it was not restored."
        ) from None
    if not applied:
        raise InvalidInput(f"{shown_as} is an SQLite file, but not a Wellbeing database.")
    known = {name for name, _ in migrations.MIGRATIONS}
    if any(name not in known for name in applied):
        raise InvalidInput(
            f"{shown_as} was written by a newer version of Wellbeing; update the app to restore it."
        )


def _move_aside(live: Path, stamp: str) -> Path:
    """Moves the database and its -wal/-shm aside together: a -wal left behind would be
    replayed into the restored file, and without it the moved copy would miss transactions."""
    aside = live.with_name(f"{live.name}{_ASIDE}{stamp}")
    number = 1
    while any(Path(f"{aside}{s}").exists() for s in ("", *_SIDECARS)):
        number += 1
        aside = live.with_name(f"{live.name}{_ASIDE}{stamp}-{number}")
    try:
        _move_with_sidecars(live, aside)
    except OSError as error:
        with suppress(OSError):
            _move_with_sidecars(aside, live)
        raise WellbeingError(
            f"Could not move the current database aside: {_reason(error)}; nothing was restored."
        ) from None
    return aside


def _move_with_sidecars(source: Path, target: Path) -> None:
    for suffix in ("", *_SIDECARS):
        moving = Path(f"{source}{suffix}")
        if moving.exists():
            os.replace(moving, Path(f"{target}{suffix}"))


def delete_all_data(data_dir: Path) -> list[Path]:
    """Deletes the database (with -wal/-shm), every backup, copies kept aside by restores and
    the lock file, leaving the folder itself; returns what was deleted.

    Files are unlinked, not overwritten: on SSDs and journaling file systems overwriting does
    not reliably erase anything, so it is not pretended.

    Raises:
        WellbeingError: a file could not be deleted (still open elsewhere); the message names it.
    """
    if not data_dir.is_dir():
        return []
    removed = []
    for path in _ours(data_dir):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise WellbeingError(
                f"Could not delete {path}: {_reason(error)}; close Wellbeing and any tracker, "
                "then try again."
            ) from None
        removed.append(path)
    return removed


def _ours(data_dir: Path) -> Iterator[Path]:
    names = {DATABASE_NAME, LOCK_FILE_NAME, BACKUP_FOLDER}
    names.update(f"{DATABASE_NAME}{suffix}" for suffix in _SIDECARS)
    for path in sorted(data_dir.iterdir()):
        name = path.name
        if (
            name in names
            or name.startswith(f"{DATABASE_NAME}{_ASIDE}")
            or name.startswith(_INCOMING)
        ):
            yield path


def _private_folder(folder: Path) -> Path:
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as error:
        raise WellbeingError(f"Could not create the folder {folder}: {_reason(error)}.") from None
    return folder


def _free_name(folder: Path, stamp: str) -> Path:
    """``wellbeing-<stamp>.db``, or with ``-2``, ``-3``... when two backups share a second."""
    target = folder / f"wellbeing-{stamp}.db"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"wellbeing-{stamp}-{number}.db"
    return target


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _remove_quietly(path: Path) -> None:
    with suppress(OSError):
        path.unlink(missing_ok=True)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *_SIDECARS):
        _remove_quietly(Path(f"{path}{suffix}"))


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
