"""Mood check-ins from a Daylio CSV export ("Export entries" as CSV).

The export has one row per entry, newest first, under a header such as::

    full_date,date,weekday,time,mood,activities,note_title,note

Newer exports add ``scales`` before ``note_title``; older ones have no ``note_title``, so
columns are found by name. ``time`` is written in the phone's clock style (``6:50 pm``,
``10:04 AM`` or ``18:50``) and is local time without an offset: it gets this machine's
offset on that date. Daylio's five default moods map to scores 5 to 1; people can rename
them, and a renamed mood needs a score from the person (``--map NAME=SCORE``), because the
export writes only the name.

Every row gets an import key from everything this app keeps of it: its minute, mood,
activities (in any order) and note. Importing the same export twice adds nothing the second
time, and check-ins of the same minute that differ in any of these are all kept. (Daylio's
scales are not kept, so they are not part of the key either: two rows that differ only there
would look the same here.) The whole file is read and checked before anything is written, and
then written in one transaction: a broken row stops the import and names its line.

An entry edited in Daylio since an earlier import (its note, activities or mood changed) has
a new key, so it comes in as a new entry *beside* the earlier version, and the import counts
it in :attr:`DaylioImport.edited` so the person is told. Replacing the earlier version in
place was the alternative; it is not done because the stored entry may hold words the person
added or changed here after the import, and Daylio's export cannot say which version is newer
or whether the earlier one was really an edit of this one (several check-ins can share a
minute). Keeping both never loses what someone wrote, and saying so means no silent copy: the
person deletes the version they do not want in the Journal.

Keys written before activities were part of them (minute, mood and note only) are recognised:
a row that matches such a key *and* the stored entry's activities is that entry, and its key
is brought up to date; it is not added again.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Final

from wellbeing_app.core.days import SUPPORTED_RANGE_TEXT, check_supported_day
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import clean_tags, new_mood_entry
from wellbeing_app.core.models import MOOD_LABELS, MoodEntry
from wellbeing_app.storage.repositories import Repositories

KEY_PREFIX: Final = "daylio:"

# Daylio's own five moods (rad .. awful); "average" and "okay" are what some versions and
# translations call the middle one.
DEFAULT_MOODS: Final[Mapping[str, int]] = MappingProxyType(
    {"rad": 5, "good": 4, "meh": 3, "average": 3, "okay": 3, "bad": 2, "awful": 1}
)
_NO_MAPPING: Final[Mapping[str, int]] = MappingProxyType({})
_REQUIRED: Final = ("full_date", "time", "mood")

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLANK_LINES = re.compile(r"\n{3,}")


class DaylioError(InvalidInput):
    """The file is not a usable Daylio export; the message says where and why.

    ``unknown_moods`` names the moods that had no score, in the order the file first uses
    them, when that is why the import stopped (so the GUI can ask for them); else it is empty.
    """

    def __init__(self, message: str, unknown_moods: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.unknown_moods: tuple[str, ...] = tuple(unknown_moods)


@dataclass(frozen=True, slots=True)
class DaylioImport:
    """What an import did: entries added, entries skipped because an earlier import (or an
    identical row) already brought them in, and the first and last day in the file (``None``
    for a file with no entries)."""

    added: int
    skipped: int
    first: date | None
    last: date | None
    edited: int = 0  # added entries whose earlier version, from an earlier import, is kept

    @property
    def entries(self) -> int:
        return self.added + self.skipped


def import_daylio(
    path: Path, repos: Repositories, mapping: Mapping[str, int] = _NO_MAPPING
) -> DaylioImport:
    """Reads a Daylio CSV export and adds its entries, all or none.

    ``mapping`` gives scores to renamed moods (``{"superb": 5}``); it may also override a
    default one. Raises ``DaylioError`` with one sentence when the file cannot be read or used.
    """
    entries = read_daylio(read_text(path), mapping)
    earlier = {key: _earlier_key(key, entry) for entry, key in entries}
    edited = _edited({key for _entry, key in entries}, earlier, repos.moods.import_keys(KEY_PREFIX))
    added = repos.moods.add_imported(entries, earlier)
    days = [entry.at.date() for entry, _key in entries]
    return DaylioImport(
        added=added,
        skipped=len(entries) - added,
        first=min(days, default=None),
        last=max(days, default=None),
        edited=edited,
    )


def _earlier_key(key: str, entry: MoodEntry) -> str:
    """The key versions before activities were part of it gave the same row."""
    return f"{key.rpartition('|')[0]}|{_digest(entry.note, 12)}"


def _edited(keys: set[str], earlier: Mapping[str, str], stored: set[str]) -> int:
    """How many of ``keys`` are new but share their minute with a stored entry that this file
    no longer holds: versions of an entry that was changed in Daylio."""
    known = keys | set(earlier.values())
    gone = {_moment(key) for key in stored - known}
    return sum(
        1
        for key in keys
        if key not in stored and earlier[key] not in stored and _moment(key) in gone
    )


def _moment(key: str) -> str:
    return key.partition("|")[0]


def _digest(text: str, length: int) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:length]


def read_text(path: Path) -> str:
    """The file's text (UTF-8, with or without a byte-order mark), or one sentence why not."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DaylioError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise DaylioError(f"{path} is a folder, not a Daylio CSV export.") from None
    except OSError as error:
        raise DaylioError(f"Could not read {path}: {error.strerror or error}.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DaylioError(
            f"The file {path.name} is not UTF-8 text;"
            " use the CSV file exactly as Daylio exported it."
        ) from None


def read_daylio(text: str, mapping: Mapping[str, int]) -> list[tuple[MoodEntry, str]]:
    """Every entry of a Daylio CSV export with its import key, in file order.

    Raises ``DaylioError`` naming the line of the first broken row, or listing every mood
    that has no score (in neither Daylio's defaults nor ``mapping``).
    """
    scores = _scores(mapping)
    table = _read_table(text)
    date_col, time_col, mood_col = (table.columns[name] for name in _REQUIRED)
    tags_col = table.columns.get("activities")
    title_col = table.columns.get("note_title")
    note_col = table.columns.get("note")

    entries: list[tuple[MoodEntry, str]] = []
    unknown: dict[str, None] = {}  # insertion-ordered set: the order the file uses them
    for line, row in table.rows:
        if len(row) > table.width and any(cell.strip() for cell in row[table.width :]):
            raise DaylioError(
                f"Line {line} has {len(row)} fields but the header has {table.width};"
                " fix that row or export again."
            )
        mood = _label(_cell(row, mood_col))
        if not mood:
            raise DaylioError(f"Line {line} has no mood.")
        day = _parse_day(_cell(row, date_col), line)
        hour, minute = _parse_time(_cell(row, time_col), line)
        score = scores.get(mood)
        if score is None:
            unknown.setdefault(mood, None)
            continue
        note = _join_note(_cell(row, title_col), _cell(row, note_col))
        at = datetime(day.year, day.month, day.day, hour, minute).astimezone()
        try:
            entry = new_mood_entry(at, score, tags=_activities(_cell(row, tags_col)), note=note)
        except InvalidInput as error:
            reason = str(error)
            raise DaylioError(f"Line {line}: {reason[:1].lower()}{reason[1:]}") from None
        # Everything kept of the row; activities in any order are the same activities.
        content = json.dumps([sorted(entry.tags), entry.note], ensure_ascii=False)
        key = f"{KEY_PREFIX}{day.isoformat()} {hour:02d}:{minute:02d}|{mood}|{_digest(content, 16)}"
        entries.append((entry, key))
    if unknown:
        raise _unknown_moods_error(list(unknown))
    return entries


def mood_names(text: str) -> set[str]:
    """The mood names a Daylio export uses, trimmed and lower-cased."""
    table = _read_table(text)
    mood_col = table.columns["mood"]
    return {mood for _line, row in table.rows if (mood := _label(_cell(row, mood_col)))}


def unmapped_moods(text: str, mapping: Mapping[str, int] = _NO_MAPPING) -> list[str]:
    """The moods of a Daylio export that have no score yet, sorted: the ones to ask about."""
    scores = _scores(mapping)
    return sorted(name for name in mood_names(text) if name not in scores)


def parse_mapping(items: Iterable[str]) -> dict[str, int]:
    """Scores for renamed moods from ``NAME=SCORE`` strings (``"superb=5"``), score 1 to 5."""
    mapping: dict[str, int] = {}
    for item in items:
        name, equals, score_text = item.rpartition("=")
        name = _label(name)
        try:
            score = int(score_text.strip())
        except ValueError:
            score = 0
        if not equals or not name or score not in MOOD_LABELS:
            raise DaylioError(
                f"The mapping '{item}' is not NAME=SCORE with a score from 1 (awful) to 5 (great),"
                " e.g. --map superb=5."
            )
        if mapping.get(name, score) != score:
            raise DaylioError(f"The mood '{name}' is given two different scores.")
        mapping[name] = score
    return mapping


# ------------------------------------------------------------------------------------ parsing


@dataclass(frozen=True, slots=True)
class _Table:
    columns: dict[str, int]  # lower-cased header name -> index
    width: int  # how many fields the header has
    rows: list[tuple[int, list[str]]]  # (line the row starts on, its fields)


def _read_table(text: str) -> _Table:
    """The header's columns and every non-blank row, or one sentence why not."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DaylioError("The file is empty; a Daylio CSV export starts with a header line.")
    if "\x00" in text:
        raise DaylioError("The file holds binary data; it is not a Daylio CSV export.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    previous_end = 0  # the line the last complete record ended on
    try:
        header = next(reader)
        previous_end = reader.line_num
        for row in reader:
            if any(row):  # blank lines and rows of empty cells are spreadsheet leftovers
                rows.append((previous_end + 1, row))
            previous_end = reader.line_num
    except csv.Error as error:
        raise DaylioError(
            f"Line {previous_end + 1} is not valid CSV ({error}); export again from Daylio."
        ) from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name.strip().lower(), index)
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise DaylioError(
            f"This is not a Daylio CSV export: its header has no {listed} column{plural}."
        )
    return _Table(columns, len(header), rows)


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


def _label(name: str) -> str:
    return " ".join(name.split()).lower()


def _scores(mapping: Mapping[str, int]) -> dict[str, int]:
    scores = dict(DEFAULT_MOODS)
    for name, score in mapping.items():
        if isinstance(score, bool) or score not in MOOD_LABELS:
            raise DaylioError(
                f"The score for '{name}' must be a whole number from 1 (awful) to 5 (great),"
                f" not {score}."
            )
        scores[_label(name)] = score
    return scores


def _parse_day(text: str, line: int) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise DaylioError(
            f"Line {line} has {_shown(text)} as its date, not a date like 2024-03-14."
        ) from None
    try:
        return check_supported_day(day)
    except InvalidInput:
        raise DaylioError(
            f"Line {line} has {day.isoformat()} as its date, outside the dates Wellbeing keeps"
            f" ({SUPPORTED_RANGE_TEXT})."
        ) from None


def _parse_time(text: str, line: int) -> tuple[int, int]:
    """Hour and minute of ``18:50``, ``6:50 pm``, ``6:50 PM`` or ``6:50 p.m.``."""
    match = _TIME.fullmatch(text.strip())
    if match:
        hour, minute, half = int(match[1]), int(match[2]), match[3]
        twelve_hour_ok = not half or 1 <= hour <= 12  # "0:30 am" and "13:10 pm" are no times
        if half:
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        if twelve_hour_ok and hour < 24 and minute < 60:
            return hour, minute
    raise DaylioError(
        f"Line {line} has {_shown(text)} as its time, not a time like 18:50 or 6:50 pm."
    )


def _activities(text: str) -> tuple[str, ...]:
    # Daylio writes " | " between activities; a bare "|" (hand-edited files) splits too.
    return clean_tags(text.split("|")) if text else ()


def _join_note(title: str, note: str) -> str:
    title, note = _plain(title), _plain(note)
    if title and note and title != note:
        return f"{title}\n\n{note}"
    return title or note


def _plain(text: str) -> str:
    """Daylio's note HTML (``<br>``, ``<b>``, ``&amp;``) as plain text."""
    if not text:
        return ""
    if "<" in text:
        text = _TAG.sub("", _LINE_BREAK.sub("\n", text))
    if "&" in text:
        text = html.unescape(text).replace("\xa0", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _shown(value: str, limit: int = 30) -> str:
    """A cell quoted for a message: on one line, and cut short if long (a shifted column can
    put a whole note where a time belongs)."""
    value = " ".join(value.split())
    return f"'{value if len(value) <= limit else value[: limit - 1] + '…'}'"


def _unknown_moods_error(names: list[str]) -> DaylioError:
    listed = ", ".join(_shown(name) for name in names)
    if len(names) == 1:
        message = f"This mood has no score: {listed}; give it with --map NAME=SCORE."
    else:
        message = f"These moods have no score: {listed}; give each with --map NAME=SCORE."
    return DaylioError(message, names)
