"""``wellbeing export``, ``wellbeing import backup`` and ``wellbeing backup``: the person's data
in their own hands. Exports show what they hold before they are written, never overwrite, and
are readable only by the person."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import cast

from wellbeing_app.core.clock import Clock
from wellbeing_app.core.days import FIRST_SUPPORTED_DAY, day_of_datetime, parse_day
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.platform.instance_lock import TrackerLock
from wellbeing_app.storage.backups import backup_now, backups, prune, restore_backup
from wellbeing_app.storage.database import prepare_data_dir
from wellbeing_app.storage.export import ExportFormat, check_export_folder, export_all, preview
from wellbeing_app.storage.repositories import Repositories
from wellbeing_app.storage.restore import import_backup


def export(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    out = Path(args.out).expanduser()
    fmt = cast(ExportFormat, args.format)
    tables = preview(repos.db)
    if args.dry_run:
        check_export_folder(out)
        if args.json:
            json.dump(
                [
                    {
                        "table": t.name,
                        "rows": t.rows,
                        "columns": list(t.columns),
                        "description": t.description,
                    }
                    for t in tables
                ],
                sys.stdout,
                indent=2,
            )
            sys.stdout.write("\n")
            return 0
        for table in tables:
            print(f"{table.name:<22}{table.rows:>8} rows  {table.description}")
        print(f"Would write {len(tables) + 1} files to {out}; nothing was written.")
        return 0
    summary = export_all(repos.db, out, fmt, now=clock.now())
    print(
        f"Exported {summary.total_rows} rows in {len(summary.tables)} tables to "
        f"{summary.folder} (readable only by you)."
    )
    return 0


def restore_export(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    summary = import_backup(Path(args.dir).expanduser(), repos.db)
    repos.settings_store.load()
    print(
        f"Restored {summary.total_rows} rows in {len(summary.tables)} tables "
        f"(exported {summary.created_at})."
    )
    return 0


def backup(repos: Repositories, args: argparse.Namespace, clock: Clock, data_dir: Path) -> int:
    if args.list:
        found = backups(data_dir)
        if args.json:
            json.dump(
                [
                    {"path": str(b.path), "created": b.created.isoformat(), "bytes": b.size}
                    for b in found
                ],
                sys.stdout,
                indent=2,
            )
            sys.stdout.write("\n")
        elif not found:
            print("No backups yet. Make one with: wellbeing backup")
        for item in found:
            print(
                f"{item.created.astimezone():%Y-%m-%d %H:%M}  {item.size / 1e6:6.1f} MB  "
                f"{item.path}"
            )
        return 0
    path = backup_now(repos.db, data_dir, clock.now())
    prune(data_dir, repos.settings.backups_to_keep)
    print(f"Backed up to {path}.")
    return 0


def restore_from_backup(data_dir: Path, file: str, clock: Clock) -> int:
    """Runs before the database is opened: nothing may hold it while it is replaced."""
    prepare_data_dir(data_dir)
    with TrackerLock(data_dir):
        aside = restore_backup(Path(file).expanduser(), data_dir, now=clock.now())
    kept = f"; the previous database was kept as {aside}" if aside else ""
    print(f"Restored {file}{kept}.")
    return 0


def report(repos: Repositories, args: argparse.Namespace, clock: Clock) -> int:
    # Printing a PDF needs Qt, but never a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from wellbeing_app.report_input import data_days, save_report
    from wellbeing_app.reporting.report import DEFAULT_SECTIONS, ReportOptions, parse_sections

    if args.include_notes and args.exclude_notes:
        raise InvalidInput("Choose --include-notes or --exclude-notes, not both.")
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"A report is a PDF: give --out a name ending in .pdf, not {out.name!r}."
        )
    today = day_of_datetime(clock.now(), repos.settings.day_start_hour)
    last = parse_day(args.last) if args.last else today
    # Four weeks by default, never reaching before the dates Wellbeing keeps.
    first = parse_day(args.first) if args.first else max(last - timedelta(27), FIRST_SUPPORTED_DAY)
    if last < first:
        raise InvalidInput(f"--to ({last}) is before --from ({first}).")
    asked = first
    held = data_days(repos)
    if held is not None:
        # A range is narrowed to the data it reaches; one that reaches none is refused.
        if last < held[0] or first > held[1]:
            raise InvalidInput(
                f"There are no entries from {first} to {last}: the record runs from {held[0]} to"
                f" {held[1]}, so no report was written."
            )
        if first < held[0]:
            first = held[0]
            print(
                f"The record begins on {first}, so the report starts there instead of {asked}.",
                file=sys.stderr,
            )
    options = ReportOptions(
        first,
        last,
        sections=parse_sections(args.include) if args.include else DEFAULT_SECTIONS,
        include_notes=args.include_notes,
        include_gratitude_text=args.include_gratitude,
        app_names=not args.categories_only,
        exact_times=not args.days_only,
    )
    built = save_report(
        repos,
        options,
        out,
        overwrite=args.overwrite,
        now=clock.now(),
        asked_first=asked if asked != first else None,
    )
    left_out = f" Left out: {'; '.join(built.left_out)}." if built.left_out else ""
    print(f"Wrote {args.out} ({first} to {last}, {len(built.sections)} sections).{left_out}")
    return 0
