"""The app's log: a small rotating file in the platform's log folder, private to the person.

On Linux the folder is ``~/.local/state/wellbeing/log`` (``$XDG_STATE_HOME``), on macOS
``~/Library/Logs/wellbeing``, on Windows ``%LOCALAPPDATA%\\wellbeing\\Logs``. The files are
``wellbeing.log`` and up to three older ones of 1 MB each, mode 0600 in a 0700 folder.

What the log never holds: window titles, notes, moods, gratitude, rule patterns, setting values
or any other text the person wrote or looked at. Log calls pass only counts, names of our own
things and kinds of errors; and because an exception's message can quote anything (a title that
failed to parse, a file name), tracebacks in the log keep their frames and the exception's type
but leave its message out.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

import platformdirs

LOG_FILE = "wellbeing.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_folder() -> Path:
    """Where the log files go on this platform."""
    return Path(platformdirs.user_log_dir("wellbeing", appauthor=False))


def redacted_exception(error: BaseException) -> str:
    """``error``'s type (and errno name for an OS error), never its message."""
    name = type(error).__name__
    errno = getattr(error, "errno", None)
    if isinstance(error, OSError) and isinstance(errno, int):
        import errno as errno_names

        return f"{name} ({errno_names.errorcode.get(errno, errno)})"
    return name


def redacted_traceback(error: BaseException) -> str:
    """The traceback of ``error`` (and of its causes) with frames only: file, line, function
    and source line of our code, and the exception's type; its message is left out."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        stack = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{stack}{redacted_exception(current)}")
        current = current.__cause__ or current.__context__
    return "\n\nwhile handling the one below:\n".join(reversed(parts))


class RedactingFormatter(logging.Formatter):
    """Formats records as usual, but exceptions without their messages."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback text on the record already.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: object) -> str:
        if isinstance(ei, tuple) and len(ei) == 3 and isinstance(ei[1], BaseException):
            return redacted_traceback(ei[1])
        return "(exception details left out)"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created readable by their owner only."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file made by an earlier version, or umask
        return io.TextIOWrapper(
            open(descriptor, "ab"),  # closed by the handler
            encoding=self.encoding,
            errors=self.errors,
            line_buffering=False,
        )


class LogSession:
    """The log as started by ``start_logging``; ``close`` undoes everything it set up."""

    def __init__(
        self,
        path: Path,
        handlers: list[logging.Handler],
        levels: dict[str, int],
        excepthook: Callable[..., object],
        thread_excepthook: Callable[..., object],
    ) -> None:
        self.path = path
        self._handlers = handlers
        self._levels = levels
        self._excepthook = excepthook
        self._thread_excepthook = thread_excepthook

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self._handlers:
            root.removeHandler(handler)
            handler.close()
        self._handlers = []
        for name, level in self._levels.items():
            logging.getLogger(name or None).setLevel(level)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook


def start_logging(
    folder: Path | None = None, *, verbose: bool = False, stream: TextIO | None = None
) -> LogSession:
    """Logs the app's messages to a private rotating file (INFO, or DEBUG when ``verbose``)
    and to ``stream`` (standard error: warnings, or everything when ``verbose``); an uncaught
    exception's traceback goes to the log too, without its message."""
    folder = log_folder() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    path = folder / LOG_FILE
    file_handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    file_handler.setFormatter(RedactingFormatter(FORMAT))
    terminal = logging.StreamHandler(stream if stream is not None else sys.stderr)
    terminal.setLevel(logging.DEBUG if verbose else logging.WARNING)
    terminal.setFormatter(RedactingFormatter("wellbeing: %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    app = logging.getLogger("wellbeing_app")
    levels = {"": root.level, "wellbeing_app": app.level}
    # Other libraries' chatter stays out below warnings; ours is INFO, or DEBUG when asked.
    root.setLevel(logging.WARNING)
    app.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in (file_handler, terminal):
        root.addHandler(handler)
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def log_uncaught(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            app.critical("uncaught exception", exc_info=(kind, error, trace))
        previous_hook(kind, error, trace)

    def log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            app.critical(
                "uncaught exception in thread %s",
                args.thread.name if args.thread else "?",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        previous_thread_hook(args)

    sys.excepthook = log_uncaught
    threading.excepthook = log_uncaught_in_thread
    app.info("log started (verbose: %s)", verbose)
    return LogSession(path, [file_handler, terminal], levels, previous_hook, previous_thread_hook)
