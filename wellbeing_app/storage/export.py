"""All of a person's data, written out as CSV or JSON files they can read, keep and restore.

An export is a folder: one file per table (``mood_entries.csv`` or ``mood_entries.json``) and a
``manifest.json`` that says what is in it. ``docs/data-format.md`` documents every column.

- Stored values are written exactly (UTC epoch seconds, offsets, ids), so ``restore.py`` can put
  them back losslessly; beside them come readable columns derived from them (``at_iso``,
  ``score_label``...), which a restore ignores.
- The full-text indexes (``*_fts``) are derived from the notes and rebuilt on restore, the schema
  bookkeeping (``_sqlite_migrations``) is listed in the manifest instead, and ``tracker_state``
  (a pause in force, reminders already shown today) only means something on the day it was
  written: none of them are exported.
- Nothing is overwritten and nothing is left half-written: the files go into a private staging
  folder beside the target, which is renamed into place at the end. A staging folder that a
  killed export left behind is removed by the next export into the same folder.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from wellbeing_app import __version__
from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.core.models import ENERGY_LABELS, MOOD_LABELS
from wellbeing_app.storage.db import Db, column_names, snapshot, table_names
from wellbeing_app.storage.staging import publish, remove_stale_staging, staging_folder

if TYPE_CHECKING:  # sqlite-utils (and numpy) load only when something is exported or previewed
    import sqlite_utils

ExportFormat = Literal["csv", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "json")
FORMAT_NAME = "wellbeing-export"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True, slots=True)
class TimeColumn:
    """A readable ISO-8601 time (with its UTC offset) derived from an epoch and an offset
    column; with no offset column (a time kept only for ordering) it is given in UTC."""

    name: str
    epoch: str
    offset: str | None = "utc_offset"

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.epoch,) if self.offset is None else (self.epoch, self.offset)

    def value(self, row: Mapping[str, object]) -> str | None:
        epoch = row[self.epoch]
        offset = 0 if self.offset is None else row[self.offset]
        if not isinstance(epoch, int | float) or not isinstance(offset, int):
            return None
        return to_datetime(float(epoch), offset).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class LabelColumn:
    """The word for a 1-5 score (``4`` -> ``good``)."""

    name: str
    source: str
    labels: Mapping[int, str]

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)

    def value(self, row: Mapping[str, object]) -> str | None:
        score = row[self.source]
        return self.labels.get(score) if isinstance(score, int) else None


DerivedColumn = TimeColumn | LabelColumn


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    description: str
    derived: tuple[DerivedColumn, ...] = ()


_AT = TimeColumn("at_iso", "at")

# Parents before the rows that point to them, so a restore can insert in this order.
TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "usage_spans",
        "Time in one community app without a break.",
        (TimeColumn("start_iso", "start"), TimeColumn("end_iso", "end")),
    ),
    TableSpec("active_days", "Seconds of active computer time per day."),
    TableSpec("community_app_choices", "Catalog apps you chose to count or not to count."),
    TableSpec("user_rules", "Your own rules for recognising apps and sites."),
    TableSpec(
        "mood_entries",
        "Mood check-ins: 1 (awful) to 5 (great), energy and a note.",
        (
            _AT,
            LabelColumn("score_label", "score", MOOD_LABELS),
            LabelColumn("energy_label", "energy", ENERGY_LABELS),
        ),
    ),
    TableSpec("mood_tags", "Feelings and tags of each mood check-in, in the order given."),
    TableSpec("gratitude_entries", "One 'good things' entry per day.", (_AT,)),
    TableSpec("gratitude_items", "The good things of each day, with why they happened."),
    TableSpec("checkins", "Questionnaire check-ins (WHO-5, PHQ-9, GAD-7) and scores.", (_AT,)),
    TableSpec("checkin_answers", "Every answer of each check-in, by item number."),
    TableSpec("limits", "Daily limits per app or category."),
    TableSpec(
        "limit_history",
        "Every change to the daily limits, with when it took effect (empty minutes: removed).",
        (_AT,),
    ),
    TableSpec("break_events", "Break prompts and what you did with them.", (_AT,)),
    TableSpec("activities", "Offline activities you added yourself."),
    TableSpec("activity_preferences", "Activities you hid or marked as favourites."),
    TableSpec(
        "activity_log",
        "Activities suggested to you, and whether they were done and helped.",
        (
            _AT,
            LabelColumn("mood_before_label", "mood_before", MOOD_LABELS),
            LabelColumn("mood_after_label", "mood_after", MOOD_LABELS),
        ),
    ),
    TableSpec("people", "People you like to reach out to."),
    TableSpec("settings", "Settings you changed from their defaults (JSON values)."),
    TableSpec(
        "report_presets",
        "What you chose to put in a report for each recipient.",
        (TimeColumn("updated_at_iso", "updated_at", None),),
    ),
)

# What each table is called where a person reads it (the export's summary in the app): its
# file keeps the table's name.
TITLES: Mapping[str, tuple[str, str]] = {
    "usage_spans": ("stretch of time in community apps", "stretches of time in community apps"),
    "active_days": ("day of active computer time", "days of active computer time"),
    "community_app_choices": ("app you chose to count or not", "apps you chose to count or not"),
    "user_rules": ("rule of your own", "rules of your own"),
    "mood_entries": ("mood check-in", "mood check-ins"),
    "mood_tags": ("feeling or tag", "feelings and tags"),
    "gratitude_entries": ("day of good things", "days of good things"),
    "gratitude_items": ("good thing", "good things"),
    "checkins": ("questionnaire check-in", "questionnaire check-ins"),
    "checkin_answers": ("questionnaire answer", "questionnaire answers"),
    "limits": ("daily limit", "daily limits"),
    "limit_history": ("change to a daily limit", "changes to daily limits"),
    "break_events": ("break prompt", "break prompts"),
    "activities": ("offline activity of your own", "offline activities of your own"),
    "activity_preferences": ("hidden or favourite activity", "hidden or favourite activities"),
    "activity_log": ("suggested activity", "suggested activities"),
    "people": ("person to reach out to", "people to reach out to"),
    "settings": ("changed setting", "changed settings"),
    "report_presets": ("report preset", "report presets"),
}

NOT_EXPORTED: Mapping[str, str] = {
    "_sqlite_migrations": "schema bookkeeping; the manifest lists the migrations instead",
    "tracker_state": "a pause in force and reminders already shown; only meaningful that day",
    "usage_hours": "totals per hour kept from usage_spans by triggers; rebuilt on restore",
    "usage_periods": "the times of usage_spans, which exports them; rebuilt on restore",
    "usage_windows": "the apps, titles and sources of usage_spans, which exports them",
}


@dataclass(frozen=True, slots=True)
class TablePreview:
    """What an export will hold of one table, shown before anything is written."""

    name: str
    rows: int
    columns: tuple[str, ...]
    description: str

    @property
    def title(self) -> str:
        """What a person calls these rows ("12 mood check-ins"); ``name`` is the file's."""
        plain = self.name.replace("_", " ")
        one, many = TITLES.get(self.name, (plain, plain))
        return f"{self.rows:,} {one if self.rows == 1 else many}"


@dataclass(frozen=True, slots=True)
class ExportSummary:
    folder: Path
    format: ExportFormat
    tables: tuple[TablePreview, ...]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    @property
    def files(self) -> tuple[Path, ...]:
        names = [f"{table.name}.{self.format}" for table in self.tables]
        return tuple(self.folder / name for name in [*names, MANIFEST_NAME])


def derived_tables(db: Db) -> set[str]:
    """Full-text indexes and their shadow tables: rebuilt from the data, never exported."""
    virtual = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    names = set(table_names(db))
    return {name for name in names if any(name == v or name.startswith(f"{v}_") for v in virtual)}


def exported_tables(db: Db) -> list[TableSpec]:
    """The tables an export holds, parents first.

    A table that a newer migration added and nobody described yet is exported too (after the
    known ones), rather than silently left out of people's exports; a test asks for its
    description.
    """
    present = set(table_names(db)) | set(table_names(db, "view"))  # usage_spans: a view (0008)
    known = [spec for spec in TABLES if spec.name in present]
    described = {spec.name for spec in TABLES} | set(NOT_EXPORTED) | derived_tables(db)
    extra = sorted(present - described)
    return known + [TableSpec(name, "") for name in extra]


def raw_columns(db: Db, table: str) -> list[str]:
    return column_names(db, table)


def columns_of(spec: TableSpec, raw: Sequence[str]) -> list[str]:
    """The exported columns: the stored ones, each derived one right after its last source."""
    columns: list[str] = []
    for name in raw:
        columns.append(name)
        columns.extend(d.name for d in spec.derived if _last_source(d, raw) == name)
    return columns


def _last_source(derived: DerivedColumn, raw: Sequence[str]) -> str | None:
    present = [name for name in raw if name in derived.sources]
    return present[-1] if len(present) == len(derived.sources) else None


def preview(opened: Db) -> list[TablePreview]:
    """What an export would contain right now: each table's rows, columns and meaning."""
    with snapshot(opened) as db:
        return [_preview_of(db, spec) for spec in exported_tables(db)]


def _preview_of(db: Db, spec: TableSpec) -> TablePreview:
    raw = raw_columns(db, spec.name)
    return TablePreview(
        spec.name,
        int(db.execute(f'SELECT count(*) FROM "{spec.name}"').fetchone()[0]),
        tuple(columns_of(spec, raw)),
        spec.description,
    )


def export_all(opened: Db, out_dir: Path, fmt: ExportFormat, *, now: datetime) -> ExportSummary:
    """Writes every table into the new or empty folder ``out_dir``, with a manifest.

    Raises:
        InvalidInput: an unknown format, or ``out_dir`` already holds files, is a file, or its
            parent folder does not exist; nothing was written.
        WellbeingError: the files could not be written (disk full, no permission); nothing was
            left behind.
    """
    from wellbeing_app.storage import migrations
    from wellbeing_app.storage.transactions import as_sqlite_utils

    if fmt not in FORMATS:
        raise InvalidInput(f"'{fmt}' is not an export format; choose csv or json.")
    if now.utcoffset() is None:
        raise ValueError("export_all needs a timezone-aware 'now'")
    check_export_folder(out_dir)
    remove_stale_staging(out_dir.parent)
    staging = staging_folder(out_dir)
    try:
        # One read transaction: a consistent snapshot even while the tracker keeps writing.
        db = as_sqlite_utils(opened)
        with snapshot(db):
            tables = tuple(_write_table(db, spec, staging, fmt) for spec in exported_tables(db))
            applied = migrations.applied(db)
        _write_manifest(staging / MANIFEST_NAME, fmt, now, tables, applied)
        publish(staging, out_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise WellbeingError(
            f"Could not write the export to {out_dir}: {error.strerror or error}; "
            "nothing was left behind."
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportSummary(out_dir, fmt, tables)


def check_export_folder(out_dir: Path) -> None:
    """Raises ``InvalidInput`` unless ``out_dir`` can take an export (a dry run asks too)."""
    if out_dir.is_symlink():
        raise InvalidInput(f"{out_dir} is a link; choose an empty or new folder instead.")
    if out_dir.exists():
        if not out_dir.is_dir():
            raise InvalidInput(f"{out_dir} is a file; choose an empty or new folder.")
        if any(out_dir.iterdir()):
            raise InvalidInput(f"{out_dir} already holds files; choose an empty or new folder.")
    # Creating missing parents could put private data on the wrong disk (a backup drive that
    # is not mounted leaves an empty mount point behind), so the parent must exist.
    if not out_dir.parent.is_dir():
        raise InvalidInput(
            f"The folder {out_dir.parent} does not exist; create it or choose another place."
        )


def _write_table(
    db: sqlite_utils.Database, spec: TableSpec, folder: Path, fmt: ExportFormat
) -> TablePreview:
    raw = raw_columns(db, spec.name)
    columns = columns_of(spec, raw)
    rows = _rows(db, spec, raw, columns)
    with private_file(folder / f"{spec.name}.{fmt}") as handle:
        count = _write_csv(handle, columns, rows) if fmt == "csv" else _write_json(handle, rows)
    return TablePreview(spec.name, count, tuple(columns), spec.description)


def _rows(
    db: sqlite_utils.Database, spec: TableSpec, raw: Sequence[str], columns: Sequence[str]
) -> Iterator[dict[str, object]]:
    # Ordered by rowid: the order rows were added in is part of the data (the order of a mood's
    # tags), and a restore keeps it. A view (usage_spans) has no rowid: its id is that order.
    quoted = ", ".join(f'"{name}"' for name in raw)
    order = "id" if spec.name in db.view_names() else "rowid"
    derived: dict[str, Callable[[Mapping[str, object]], str | None]] = {
        d.name: d.value for d in spec.derived if d.name in columns
    }
    for values in db.execute(f'SELECT {quoted} FROM "{spec.name}" ORDER BY {order}'):
        row: dict[str, object] = dict(zip(raw, values, strict=True))
        yield {name: derived[name](row) if name in derived else row[name] for name in columns}


def private_file(path: Path) -> IO[str]:
    """A new text file only its owner can read (0600); never replaces an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.chmod(path, 0o600)  # the umask may have taken bits away; make it exactly 0600
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def csv_field(value: object) -> str:
    """One CSV field, RFC 4180 style, keeping NULL and empty text apart: text is always quoted
    (``""`` is empty text), numbers are not, and NULL is an empty field with no quotes."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as exactly this float
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"cannot write a {type(value).__name__} to CSV")


def _write_csv(handle: IO[str], columns: Sequence[str], rows: Iterator[dict[str, object]]) -> int:
    handle.write(",".join(columns) + "\r\n")
    count = 0
    for row in rows:
        handle.write(",".join(csv_field(row[name]) for name in columns) + "\r\n")
        count += 1
    return count


def _write_json(handle: IO[str], rows: Iterator[dict[str, object]]) -> int:
    # An array with one object per line: valid JSON that still reads well and diffs well.
    count = 0
    handle.write("[")
    for row in rows:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps(row, ensure_ascii=False, allow_nan=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def _write_manifest(
    path: Path,
    fmt: ExportFormat,
    now: datetime,
    tables: Sequence[TablePreview],
    applied: Sequence[str],
) -> None:
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "file_format": fmt,
        "app_version": __version__,
        "created_at": now.isoformat(timespec="seconds"),
        "about": (
            "Everything Wellbeing stored, one file per table; docs/data-format.md in Wellbeing "
            "explains every column. Restore with: wellbeing import backup FOLDER"
        ),
        "migrations": list(applied),
        "tables": [
            {
                "name": table.name,
                "file": f"{table.name}.{fmt}",
                "rows": table.rows,
                "columns": list(table.columns),
            }
            for table in tables
        ],
    }
    with private_file(path) as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
