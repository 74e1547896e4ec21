"""The private folder an export is written into before it is renamed into place, and the
tidying up after exports that were killed before they could remove theirs."""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from wellbeing_app.core.errors import InvalidInput, WellbeingError

# ".<target>.partial-<pid>-<8 random characters of mkdtemp>"; before the pid was in the name,
# ".<target>.partial-<8 random characters>".
_STAGING_NAME = re.compile(r"\..+\.partial-(?:(?P<pid>[1-9]\d{0,9})-)?[a-z0-9_]{8}")
_STAGED_FILE = re.compile(r"[A-Za-z0-9_]+\.(?:csv|json)")
# A running export writes a file every few seconds at most; one untouched this long is dead.
STALE_AFTER_SECONDS = 10 * 60


def remove_stale_staging(parent: Path) -> list[Path]:
    """Removes the staging folders in ``parent`` that killed exports left behind; returns them.

    Only a folder that is certainly ours and certainly abandoned goes: named as ours, a real
    folder (not a link) owned by this user, holding nothing but export files, and either its
    process is gone or nothing in it changed for ``STALE_AFTER_SECONDS``. Anything else, and
    any error, leaves it alone: tidying up must never cost data or fail an export.
    """
    removed = []
    try:
        candidates = [p for p in parent.iterdir() if _STAGING_NAME.fullmatch(p.name)]
    except OSError:
        return []
    for folder in candidates:
        try:
            if _abandoned_staging(folder):
                shutil.rmtree(folder)
                removed.append(folder)
        except OSError:
            continue
    return removed


def _abandoned_staging(folder: Path) -> bool:
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    newest = info.st_mtime
    for entry in folder.iterdir():
        entry_info = entry.lstat()
        if not stat.S_ISREG(entry_info.st_mode) or not _STAGED_FILE.fullmatch(entry.name):
            return False
        newest = max(newest, entry_info.st_mtime)
    if time.time() - newest > STALE_AFTER_SECONDS:
        return True
    match = _STAGING_NAME.fullmatch(folder.name)
    pid = int(match["pid"]) if match and match["pid"] else None
    return pid is not None and _process_is_gone(pid)


def _process_is_gone(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":
        # Another export of this process may be running; on Windows os.kill would end the
        # process it asks about, so age alone decides there.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # someone else's process, or no pid the system has
        return False
    return False


def staging_folder(out_dir: Path) -> Path:
    try:
        prefix = f".{out_dir.name}.partial-{os.getpid()}-"
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir.parent))
    except OSError as error:
        raise WellbeingError(
            f"Could not write to {out_dir.parent}: {error.strerror or error}."
        ) from None
    os.chmod(staging, 0o700)
    return staging


def publish(staging: Path, out_dir: Path) -> None:
    """Moves the finished export into place; an empty target folder is replaced."""
    if out_dir.exists():
        try:
            out_dir.rmdir()  # succeeds only while it is still empty
        except OSError:
            raise InvalidInput(
                f"{out_dir} already holds files; choose an empty or new folder."
            ) from None
    staging.rename(out_dir)
