"""The ``wellbeing`` command: one entry point for the app and every subcommand.

Exit codes: 0 success, 2 bad input or an unusable data folder (one sentence on stderr, never a
traceback), 1 an unexpected fault, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wellbeing_app.cli.parser import build_parser
from wellbeing_app.core.clock import Clock
from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.platform.clock import SystemClock
from wellbeing_app.platform.paths import default_data_dir

if TYPE_CHECKING:  # imported where a command opens the data, not for --help
    from wellbeing_app.storage.repositories import Repositories

Handler = Callable[["Repositories", argparse.Namespace, Clock], int]


# Arguments that name files or folders: any bytes the file system allows but NUL. Every other
# argument is text that may be stored, printed or shown, so it must be readable Unicode.
_PATH_ARGUMENTS = frozenset({"data_dir", "out", "dir", "file", "restore"})


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuses, before anything is opened, an argument no command could use."""
    for name, value in vars(args).items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if not isinstance(text, str):
                continue
            if name in _PATH_ARGUMENTS:
                if "\0" in text:
                    raise InvalidInput(
                        f"The path {_shown(text)} holds a NUL character, which no file name can."
                    )
            elif not _readable(text):
                # Python turns bytes that are not UTF-8 into lone surrogates; they could be
                # stored, but never printed, exported or shown again.
                raise InvalidInput(
                    f"{_shown(text)} is not readable text (it holds bytes that are not UTF-8)."
                )


def _readable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str) -> str:
    shown = ascii(text) if not _readable(text) or "\0" in text else repr(text)
    return shown if len(shown) <= 60 else f"{shown[:50]}…"


_LONG_WORD = re.compile(r"\S{301,}")


def _one_line(message: str) -> str:
    """The message with any word of more than 300 characters cut short: a number of thousands
    of digits, echoed back, would bury the sentence."""
    return _LONG_WORD.sub(lambda m: f"{m.group()[:40]}…", " ".join(message.split()))


def _data_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "data_dir", None)
    return Path(given).expanduser() if given else default_data_dir()


# Commands that only read: they open a current database without sqlite-utils (see
# storage/db.py), so a status bar polling them costs little.
_READ_ONLY = frozenset(
    {
        ("usage", None),
        ("status", None),
        ("limits", None),
        ("settings", None),
        ("mood", "list"),
        ("gratitude", "list"),
    }
)


# Where each command's handler lives ("module:function" in wellbeing_app.cli). A command's
# module is imported when that command runs, not before: importing them all costs more than
# most commands take (importers, exports and reports pull in sqlite-utils and more).
_HANDLERS: dict[tuple[str, str | None], str] = {
    ("usage", None): "glance:usage",
    ("status", None): "glance:status",
    ("limits", None): "glance:limits_show",
    ("settings", None): "glance:settings_show",
    ("mood", "add"): "commands:mood_add",
    ("mood", "list"): "commands:mood_list",
    ("gratitude", "add"): "commands:gratitude_add",
    ("gratitude", "list"): "commands:gratitude_list",
    ("limits", "remove"): "commands:limits_remove",
    ("settings", "set"): "commands:settings_set",
    ("settings", "reset"): "commands:settings_reset",
    ("checkin", "who5"): "commands:checkin_who5",
    ("checkin", "clinical"): "wellness:checkin_clinical",
    ("help-now", None): "wellness:help_now",
    ("suggest", None): "wellness:suggest",
    ("import", "activitywatch"): "importing:import_activitywatch",
    ("import", "daylio"): "importing:import_daylio",
    ("import", "backup"): "data:restore_export",
    ("export", None): "data:export",
    ("report", None): "data:report",
    ("rules", None): "rules:rules_show",
    ("rules", "add"): "rules:rules_add",
    ("rules", "edit"): "rules:rules_edit",
    ("rules", "enable"): "rules:rules_enable",
    ("rules", "disable"): "rules:rules_disable",
    ("rules", "remove"): "rules:rules_remove",
}


def _handler(args: argparse.Namespace) -> Handler:
    command, action = args.command, getattr(args, "action", None)
    if command == "checkin":
        action = "who5" if args.questionnaire == "who5" else "clinical"
    if (command, action) == ("limits", "set"):
        from wellbeing_app.cli import commands

        return lambda r, a, c: commands.limits_set(r, a, c, _catalog_app_names())
    if (command, action) == ("backup", None):
        from wellbeing_app.cli import data

        return lambda r, a, c: data.backup(r, a, c, _data_dir(a))
    module, function = _HANDLERS[(command, action)].split(":")
    handler: Handler = getattr(importlib.import_module(f"wellbeing_app.cli.{module}"), function)
    return handler


def _catalog_app_names() -> list[str]:
    from wellbeing_app.app import catalog_app_names

    return catalog_app_names()


@contextlib.contextmanager
def _logged(args: argparse.Namespace) -> Iterator[None]:
    """The log of the app and the tracker (the short commands keep none); see platform/logs.
    A log that cannot be written never stops the app."""
    import logging

    from wellbeing_app.platform.logs import start_logging

    try:
        session = start_logging(verbose=getattr(args, "verbose", False))
    except OSError as error:
        print(f"wellbeing: no log file is kept ({error.strerror or error}).", file=sys.stderr)
        yield
        return
    try:
        yield
    except WellbeingError as error:
        logging.getLogger(__name__).info("stopped: %s", type(error).__name__)
        raise
    except Exception:
        # A fault of ours: its traceback to the log (without its message), then one line.
        logging.getLogger(__name__).critical("unexpected error", exc_info=True)
        raise
    finally:
        session.close()


def _run(args: argparse.Namespace, clock: Clock) -> int:
    if args.command in (None, "gui"):
        from wellbeing_app.platform.window_support import ensure_window_support

        with _logged(args):
            ensure_window_support()  # before Qt starts: Qt aborts where this says what to install
            from wellbeing_app.desktop import run_gui

            return run_gui(
                _data_dir(args),
                demo=getattr(args, "demo", False),
                clock=clock,
                hidden=getattr(args, "hidden", False),
            )
    if args.command == "track":
        from wellbeing_app.app import pause_tracking, run_tracker

        if args.pause is not None:
            if not 0 < args.pause <= 7 * 24 * 60:
                raise InvalidInput("--pause takes 1 minute up to a week (10080 minutes).")
            print(pause_tracking(_data_dir(args), clock, args.pause))
            return 0
        if args.resume:
            print(pause_tracking(_data_dir(args), clock, None))
            return 0
        if args.interval is not None and not 0.2 <= args.interval <= 60:
            raise InvalidInput("--interval must be from 0.2 to 60 seconds.")
        with _logged(args):
            return run_tracker(_data_dir(args), clock, args.interval)
    if args.command == "demo":
        from wellbeing_app.app import fill_demo

        if not 1 <= args.days <= 3660:
            raise InvalidInput(f"--days must be from 1 to 3660, not {args.days}.")
        data_dir = _data_dir(args)
        summary = fill_demo(data_dir, clock, days=args.days, seed=args.seed)
        print(f"Filled {data_dir} with {args.days} days of sample data ({summary}).")
        return 0
    if args.command == "completion":
        from wellbeing_app.cli.completion import completion_script

        sys.stdout.write(completion_script(args.shell, build_parser()))
        return 0
    if args.command == "backup" and args.restore:
        from wellbeing_app.cli import data

        return data.restore_from_backup(_data_dir(args), args.restore, clock)
    from wellbeing_app.storage import repositories

    if (args.command, getattr(args, "action", None)) in _READ_ONLY:
        repos = repositories.open_current_repositories(_data_dir(args))
    else:
        repos = repositories.open_repositories(_data_dir(args))
    try:
        return _handler(args)(repos, args, clock)
    finally:
        repos.close()


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Runs the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        _check_arguments(args)
        return _run(args, clock or SystemClock())
    except WellbeingError as error:
        print(f"wellbeing: {_one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `wellbeing usage | head`); that is not our error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        if error.filename is None or os.environ.get("WELLBEING_DEBUG"):
            return _unexpected(error)
        # A file or folder the person named that cannot be used (a name too long, no
        # permission, a file where a folder should be): theirs to fix, and every command
        # writes all or nothing.
        where = os.fsdecode(error.filename)
        print(
            f"wellbeing: {_one_line(f'{where} cannot be used: {error.strerror or error}.')}",
            file=sys.stderr,
        )
        return 2
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 2
    except Exception as error:
        return _unexpected(error)


def _unexpected(error: Exception) -> int:
    """A bug of ours: one line, the details only when asked."""
    if os.environ.get("WELLBEING_DEBUG"):
        raise error
    print(
        f"wellbeing: unexpected error ({type(error).__name__}: {error}); "
        "run with WELLBEING_DEBUG=1 for details.",
        file=sys.stderr,
    )
    return 1
