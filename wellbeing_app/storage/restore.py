"""Restoring an export (``export.py``) into a new, empty data folder: all of it or nothing.

Every file is read and every row checked before anything is written; then all rows go in within
one transaction, ids unchanged, so mood tags, gratitude items, check-in answers and activity
outcomes still point to their rows. The full-text search indexes fill themselves through their
triggers as the rows go in. A problem is reported in one sentence naming the file and the line
(CSV) or row (JSON), and the database is left as it was.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.storage import migrations
from wellbeing_app.storage.db import Db
from wellbeing_app.storage.export import (
    FORMAT_NAME,
    FORMAT_VERSION,
    FORMATS,
    MANIFEST_NAME,
    ExportFormat,
    TableSpec,
    exported_tables,
)
from wellbeing_app.storage.restore_rows import ROW_CHECKS, Column, Problem, columns
from wellbeing_app.storage.transactions import as_sqlite_utils

_NOTHING = "nothing was restored"


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    source: Path
    format: ExportFormat
    created_at: str
    app_version: str
    tables: tuple[tuple[str, int], ...]

    @property
    def total_rows(self) -> int:
        return sum(rows for _, rows in self.tables)


# --------------------------------------------------------------------------------- manifest


@dataclass(frozen=True, slots=True)
class _Listed:
    name: str
    file: str
    rows: int


@dataclass(frozen=True, slots=True)
class _Manifest:
    format: ExportFormat
    created_at: str
    app_version: str
    migrations: tuple[str, ...]
    tables: tuple[_Listed, ...]


def _read_manifest(src_dir: Path) -> _Manifest:
    if not src_dir.is_dir():
        raise InvalidInput(f"{src_dir} is not a folder; give the folder an export was written to.")
    path = src_dir / MANIFEST_NAME
    if not path.is_file():
        raise InvalidInput(
            f"{src_dir} holds no {MANIFEST_NAME}, so it is not a Wellbeing export; {_NOTHING}."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput(f"{path} cannot be read as JSON; {_NOTHING}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InvalidInput(f"{path} does not describe a Wellbeing export; {_NOTHING}.")
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InvalidInput(
            f"{src_dir} was written by a newer version of Wellbeing (export format {version}); "
            "update the app to restore it."
        )
    try:
        return _manifest_from(data)
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(f"{path} is damaged or incomplete; {_NOTHING}.") from None


def _manifest_from(data: dict[str, Any]) -> _Manifest:
    version = data["format_version"]
    if type(version) is not int or version != FORMAT_VERSION or data["file_format"] not in FORMATS:
        raise ValueError("unknown version or file format")
    names = data["migrations"]
    tables = data["tables"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError("migrations")
    listed = tuple(_Listed(str(t["name"]), str(t["file"]), _count(t["rows"])) for t in tables)
    return _Manifest(
        data["file_format"],
        str(data.get("created_at", "")),
        str(data.get("app_version", "")),
        tuple(names),
        listed,
    )


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("rows")
    return value


def _plan(db: sqlite_utils.Database, manifest: _Manifest, src_dir: Path) -> list[TableSpec]:
    """The tables to restore, checked against this version's schema."""
    known = {name for name, _ in migrations.MIGRATIONS}
    newer = [name for name in manifest.migrations if name not in known]
    if newer:
        raise InvalidInput(
            f"{src_dir} was written by a newer version of Wellbeing (it knows migration "
            f"{newer[0]}); update the app to restore it."
        )
    ours = exported_tables(db)
    listed = {table.name: table for table in manifest.tables}
    if len(listed) != len(manifest.tables):
        raise InvalidInput(f"{MANIFEST_NAME} lists a table twice; {_NOTHING}.")
    unknown = sorted(set(listed) - {spec.name for spec in ours})
    if unknown:
        raise InvalidInput(
            f"{MANIFEST_NAME} lists a table '{unknown[0]}' that Wellbeing does not restore; "
            f"{_NOTHING}."
        )
    older = _is_older(db, manifest)
    for spec in ours:
        table = listed.get(spec.name)
        if table is None and not older:
            raise InvalidInput(
                f"{MANIFEST_NAME} does not list the table {spec.name}, so the export is "
                f"incomplete; {_NOTHING}."
            )
        expected = f"{spec.name}.{manifest.format}"
        if table is not None and table.file != expected:
            raise InvalidInput(
                f"{MANIFEST_NAME} names the file {table.file!r} for {spec.name}, where "
                f"{expected} was expected; {_NOTHING}."
            )
        if table is not None and not (src_dir / expected).is_file():
            raise InvalidInput(f"The export is missing {expected}; {_NOTHING}.")
    return [spec for spec in ours if spec.name in listed]


def _is_older(db: sqlite_utils.Database, manifest: _Manifest) -> bool:
    """Whether the export predates some of this database's migrations (so it may lack a table
    or a column that has a default)."""
    return bool(set(migrations.applied(db)) - set(manifest.migrations))


# ------------------------------------------------------------------------------ reading rows


@dataclass(frozen=True, slots=True)
class _TableRows:
    name: str
    file: str
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]
    places: list[str]  # "line 7" or "row 3", for messages


def _fail(file: str, place: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{file} {place}: {problem}; {_NOTHING}.")


def _read_table(
    db: sqlite_utils.Database, spec: TableSpec, src_dir: Path, manifest: _Manifest
) -> _TableRows:
    file = f"{spec.name}.{manifest.format}"
    try:
        # Bytes, not read_text: universal newlines would turn a note's CRLF into LF.
        text = (src_dir / file).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{file} is not UTF-8 text; {_NOTHING}.") from None
    except OSError as error:
        raise InvalidInput(f"{file} cannot be read ({error.strerror}); {_NOTHING}.") from None
    stored = columns(db, spec)
    derived = {d.name for d in spec.derived}
    may_lack = _is_older(db, manifest)
    if manifest.format == "csv":
        table = _read_csv(file, spec.name, text, stored, derived, may_lack)
    else:
        table = _read_json(file, spec.name, text, stored, derived, may_lack)
    _check_rows(table)
    expected = next(t.rows for t in manifest.tables if t.name == spec.name)
    if len(table.rows) != expected:
        raise InvalidInput(
            f"{file} holds {len(table.rows)} rows where the manifest says {expected}, so the "
            f"export is incomplete or was changed; {_NOTHING}."
        )
    return table


def _check_rows(table: _TableRows) -> None:
    """The app's own rules for a whole row (a setting's value, a rule's patterns)."""
    check = ROW_CHECKS.get(table.name)
    if check is None:
        return
    for row, place in zip(table.rows, table.places, strict=True):
        try:
            check(dict(zip(table.columns, row, strict=True)))
        except Problem as problem:
            raise _fail(table.file, place, str(problem)) from None


def _header_plan(
    file: str,
    place: str,
    names: Sequence[object],
    columns: Sequence[Column],
    derived: set[str],
    may_lack: bool,
) -> list[tuple[int, Column]]:
    """Which position of a record holds which stored column (derived columns are skipped)."""
    by_name = {column.name: column for column in columns}
    plan: list[tuple[int, Column]] = []
    seen: set[object] = set()
    for index, name in enumerate(names):
        if name in seen:
            raise _fail(file, place, f"the column {name} appears twice")
        seen.add(name)
        if isinstance(name, str) and name in by_name:
            plan.append((index, by_name[name]))
        elif name not in derived:
            raise _fail(file, place, f"there is no column {name!r} in this table")
    for column in columns:
        if column.name not in seen and not (may_lack and column.defaulted):
            raise _fail(file, place, f"the column {column.name} is missing")
    return plan


def _read_csv(
    file: str,
    table: str,
    text: str,
    columns: Sequence[Column],
    derived: set[str],
    may_lack: bool,
) -> _TableRows:
    records = csv_records(text, file)
    header = next(records, None)
    if header is None:
        raise InvalidInput(f"{file} is empty, without even a header line; {_NOTHING}.")
    plan = _header_plan(file, "line 1", header[1], columns, derived, may_lack)
    rows: list[tuple[object, ...]] = []
    places: list[str] = []
    for line, fields in records:
        if fields == [None]:
            continue  # a blank line
        place = f"line {line}"
        if len(fields) != len(header[1]):
            raise _fail(
                file, place, f"it has {len(fields)} values where the header names {len(header[1])}"
            )
        try:
            rows.append(tuple(column.convert(fields[i], True) for i, column in plan))
        except Problem as problem:
            raise _fail(file, place, str(problem)) from None
        places.append(place)
    return _TableRows(table, file, tuple(c.name for _, c in plan), rows, places)


def _read_json(
    file: str,
    table: str,
    text: str,
    columns: Sequence[Column],
    derived: set[str],
    may_lack: bool,
) -> _TableRows:
    try:
        data = json.loads(text)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        raise InvalidInput(f"{file} is not valid JSON{where}; {_NOTHING}.") from None
    except RecursionError:
        raise InvalidInput(
            f"{file} is not valid JSON (it is nested too deeply); {_NOTHING}."
        ) from None
    if not isinstance(data, list):
        raise InvalidInput(f"{file} does not hold a list of rows; {_NOTHING}.")
    plan: list[tuple[int, Column]] = []
    keys: list[str] = []
    rows: list[tuple[object, ...]] = []
    places: list[str] = []
    for number, item in enumerate(data, 1):
        place = f"row {number}"
        if not isinstance(item, dict):
            raise _fail(file, place, "it is not an object of column names and values")
        if number == 1:
            keys = list(item)
            plan = _header_plan(file, place, keys, columns, derived, may_lack)
        elif set(item) != set(keys):
            raise _fail(file, place, "it has other columns than row 1")
        try:
            rows.append(tuple(column.convert(item[keys[i]], False) for i, column in plan))
        except Problem as problem:
            raise _fail(file, place, str(problem)) from None
        places.append(place)
    return _TableRows(table, file, tuple(c.name for _, c in plan), rows, places)


_UNQUOTED = re.compile(r'[^,"\r\n]*')


def csv_records(text: str, file: str) -> Iterator[tuple[int, list[str | None]]]:
    """The records of RFC 4180 CSV text, each with the line it starts on.

    Unlike Python's ``csv`` module (before 3.12), it keeps a quoted empty field (``""``, empty
    text) apart from an unquoted one (NULL), which the export relies on to be lossless.
    """
    pos, size, line = 0, len(text), 1
    while pos < size:
        start_line = line
        fields: list[str | None] = []
        while True:
            if pos < size and text[pos] == '"':
                value, pos, line = _quoted(text, pos + 1, line, file, start_line)
                fields.append(value)
            else:
                match = _UNQUOTED.match(text, pos)
                assert match is not None  # the pattern matches the empty string too
                pos = match.end()
                fields.append(match.group() or None)
            if pos >= size:
                break
            if text[pos] == ",":
                pos += 1
                continue
            if text[pos] in "\r\n":
                pos += 2 if text.startswith("\r\n", pos) else 1
                line += 1
                break
            raise _fail(file, f"line {line}", 'a quote (") appears inside an unquoted value')
        yield start_line, fields


def _quoted(text: str, pos: int, line: int, file: str, start: int) -> tuple[str, int, int]:
    """Reads a quoted field from just after its opening quote; returns it, the position after
    its closing quote and the line number there."""
    parts = []
    while True:
        end = text.find('"', pos)
        if end < 0:
            raise _fail(file, f"line {start}", "a quoted value is never closed")
        parts.append(text[pos:end])
        line += text.count("\n", pos, end)
        if text.startswith('""', end):
            parts.append('"')
            pos = end + 2
            continue
        return "".join(parts), end + 1, line


# ----------------------------------------------------------------------------------- writing


def _require_empty(db: sqlite_utils.Database) -> None:
    for spec in exported_tables(db):
        rows = int(db.execute(f'SELECT count(*) FROM "{spec.name}"').fetchone()[0])
        if rows:
            raise InvalidInput(
                "Restore an export only into a new, empty data folder: this one already holds "
                f"data ({rows} {'row' if rows == 1 else 'rows'} in {spec.name})."
            )


def _check_references(db: sqlite_utils.Database, tables: Sequence[_TableRows]) -> None:
    """Every row that points to another (a tag to its mood) finds it in the export."""
    by_name = {table.name: table for table in tables}
    for table in tables:
        for key in db.table(table.name).foreign_keys if table.name in db.table_names() else ():
            parent = by_name.get(key.other_table)
            if key.column not in table.columns:
                continue
            targets: set[object] = set()
            if parent is not None and key.other_column in parent.columns:
                index = parent.columns.index(key.other_column)
                targets = {row[index] for row in parent.rows}
            index = table.columns.index(key.column)
            for row, place in zip(table.rows, table.places, strict=True):
                if row[index] is not None and row[index] not in targets:
                    raise _fail(
                        table.file,
                        place,
                        f"{key.column} {row[index]} refers to a row of {key.other_table} "
                        "that the export does not hold",
                    )


def _insert(db: sqlite_utils.Database, table: _TableRows) -> None:
    names = ", ".join(f'"{name}"' for name in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    cursor = db.conn.cursor()
    for row, place in zip(table.rows, table.places, strict=True):
        try:
            cursor.execute(sql, row)
        except sqlite3.IntegrityError as error:
            text = str(error)
            detail = text.split(":", 1)[-1].strip()
            problem = (
                f"it repeats a value that must be unique ({detail})"
                if "UNIQUE" in text or "PRIMARY KEY" in text
                else f"it does not fit the database ({text})"
            )
            raise _fail(table.file, place, problem) from None


def import_backup(src_dir: Path, opened: Db) -> RestoreSummary:
    """Restores an export folder (CSV or JSON, as its manifest says) into the empty ``db``.

    Raises:
        InvalidInput: the folder is not a Wellbeing export, was written by a newer version, a
            file or row is damaged, or ``db`` already holds data; nothing was written.
        WellbeingError: the database is busy or cannot be written; nothing was written.
    """
    db = as_sqlite_utils(opened)
    manifest = _read_manifest(src_dir)
    specs = _plan(db, manifest, src_dir)
    _require_empty(db)  # before the slow part, so a mistake is reported at once
    tables = [_read_table(db, spec, src_dir, manifest) for spec in specs]
    _check_references(db, tables)
    try:
        with db.atomic():
            _require_empty(db)  # again, inside the transaction that writes
            db.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                _insert(db, table)
    except sqlite3.Error as error:
        raise WellbeingError(
            f"The export could not be written into the database ({error}); {_NOTHING}."
        ) from None
    return RestoreSummary(
        src_dir,
        manifest.format,
        manifest.created_at,
        manifest.app_version,
        tuple((table.name, len(table.rows)) for table in tables),
    )
