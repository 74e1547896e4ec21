"""Mood entries, gratitude entries and questionnaire check-ins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from wellbeing_app.core.clock import utc_offset_seconds
from wellbeing_app.core.days import to_datetime
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import added_to
from wellbeing_app.core.models import CheckIn, GratitudeEntry, GratitudeItem, MoodEntry
from wellbeing_app.storage.db import Db, immediate


def fts_query(text: str) -> str:
    """A person's search words as an FTS5 query: every word must appear, prefixes match, and
    characters that mean something to FTS5 are taken literally."""
    words = [word.replace('"', '""') for word in text.split()]
    if not words:
        raise InvalidInput("Type a word to search for.")
    return " ".join(f'"{word}"*' for word in words)


def _stamp(moment: datetime) -> tuple[float, int]:
    return moment.timestamp(), utc_offset_seconds(moment)


class MoodRepository:
    """Writes take the write lock first (``immediate``): the full-text index's triggers read
    before they write, and a transaction that read first fails at once, without waiting,
    when another program (an import, the tracker) is writing."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, entry: MoodEntry) -> MoodEntry:
        with immediate(self._db.conn, "The mood entry"):
            saved = self._insert(entry)
        assert saved is not None  # only imported entries can be skipped
        return saved

    def add_many(self, entries: Sequence[MoodEntry]) -> None:
        with immediate(self._db.conn, "The mood entry"):
            for entry in entries:
                self._insert(entry)

    def add_imported(
        self,
        entries: Sequence[tuple[MoodEntry, str]],
        earlier_keys: Mapping[str, str] | None = None,
    ) -> int:
        """Adds entries from another app, each with a key naming its origin, in one
        transaction. An entry whose key is already stored is skipped. Returns how many were
        added.

        ``earlier_keys`` maps a key to the one an earlier version of the importer gave the
        same row: an entry stored under that key with the same tags is this entry, so it gets
        the new key instead of a copy."""
        added = 0
        with immediate(self._db.conn, "The import"):
            for entry, key in entries:
                earlier = (earlier_keys or {}).get(key)
                if earlier is not None and self._claim(earlier, key, entry.tags):
                    continue
                if self._insert(entry, key) is not None:
                    added += 1
        return added

    def import_keys(self, prefix: str) -> set[str]:
        """The import keys stored that start with ``prefix`` (``"daylio:"``)."""
        return {
            key
            for (key,) in self._db.execute(
                "SELECT import_key FROM mood_entries WHERE import_key >= ? AND import_key < ?",
                (prefix, prefix + "\U0010ffff"),
            )
        }

    def _claim(self, earlier: str, key: str, tags: Sequence[str]) -> bool:
        row = self._db.execute(
            "SELECT id FROM mood_entries WHERE import_key = ?", (earlier,)
        ).fetchone()
        if row is None or sorted(self._tags([row[0]]).get(row[0], ())) != sorted(tags):
            return False
        self._db.execute(
            "UPDATE OR IGNORE mood_entries SET import_key = ? WHERE id = ?", (key, row[0])
        )
        return True

    def _insert(self, entry: MoodEntry, import_key: str | None = None) -> MoodEntry | None:
        at, offset = _stamp(entry.at)
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO mood_entries (at, utc_offset, score, energy, note, import_key)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (at, offset, entry.score, entry.energy, entry.note, import_key),
        )
        if cursor.rowcount == 0:
            return None
        mood_id = int(cursor.lastrowid or 0)
        self._db.conn.executemany(
            "INSERT OR IGNORE INTO mood_tags (mood_id, tag) VALUES (?, ?)",
            [(mood_id, tag) for tag in entry.tags],
        )
        return MoodEntry(entry.at, entry.score, entry.energy, entry.tags, entry.note, mood_id)

    def update(self, entry: MoodEntry) -> MoodEntry:
        """Saves changes to a stored entry (score, energy, tags, note, time)."""
        if entry.id is None:
            raise InvalidInput("Only a saved mood entry can be changed.")
        at, offset = _stamp(entry.at)
        with immediate(self._db.conn, "The mood entry"):
            cursor = self._db.execute(
                "UPDATE mood_entries SET at = ?, utc_offset = ?, score = ?, energy = ?, note = ?"
                " WHERE id = ?",
                (at, offset, entry.score, entry.energy, entry.note, entry.id),
            )
            if cursor.rowcount == 0:
                raise InvalidInput("That mood entry no longer exists.")
            self._db.execute("DELETE FROM mood_tags WHERE mood_id = ?", (entry.id,))
            self._db.conn.executemany(
                "INSERT OR IGNORE INTO mood_tags (mood_id, tag) VALUES (?, ?)",
                [(entry.id, tag) for tag in entry.tags],
            )
        return entry

    def delete(self, mood_id: int) -> MoodEntry:
        """Deletes an entry and returns it, so the deletion can be undone with ``restore``."""
        found = self.get(mood_id)
        with immediate(self._db.conn, "The mood entry"):
            self._db.execute("DELETE FROM mood_tags WHERE mood_id = ?", (mood_id,))
            self._db.execute("DELETE FROM mood_entries WHERE id = ?", (mood_id,))
        return found

    def restore(self, entry: MoodEntry) -> MoodEntry:
        """Puts a deleted entry back under its old id."""
        at, offset = _stamp(entry.at)
        with immediate(self._db.conn, "The mood entry"):
            self._db.execute(
                "INSERT INTO mood_entries (id, at, utc_offset, score, energy, note)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (entry.id, at, offset, entry.score, entry.energy, entry.note),
            )
            self._db.conn.executemany(
                "INSERT OR IGNORE INTO mood_tags (mood_id, tag) VALUES (?, ?)",
                [(entry.id, tag) for tag in entry.tags],
            )
        return entry

    def get(self, mood_id: int) -> MoodEntry:
        found = self._load("WHERE id = ?", (mood_id,))
        if not found:
            raise InvalidInput("That mood entry no longer exists.")
        return found[0]

    def search(self, query: str, limit: int = 200) -> list[MoodEntry]:
        """Entries whose note matches the words of ``query``, newest first."""
        return self._load(
            "WHERE id IN (SELECT rowid FROM mood_entries_fts WHERE mood_entries_fts MATCH ?)"
            " ORDER BY at DESC LIMIT ?",
            (fts_query(query), limit),
            order="",
        )

    def between(self, start: datetime, end: datetime) -> list[MoodEntry]:
        """Entries with ``start <= at < end``, oldest first."""
        return self._load("WHERE at >= ? AND at < ?", (start.timestamp(), end.timestamp()))

    def day_averages(self, first: date, last: date, day_start_hour: int) -> dict[date, float]:
        """The average score of each local day from ``first`` to ``last`` that has entries.

        A day is local to each entry's own stored offset and starts at ``day_start_hour``,
        as ``core.days.day_of_datetime`` counts it."""
        # A day's entries lie within a day and a half of its UTC midnight, whatever the offset;
        # the padded range lets the index on ``at`` narrow the scan.
        pad = 2 * 86400
        low = datetime.combine(first, datetime.min.time(), UTC).timestamp() - pad
        high = datetime.combine(last, datetime.min.time(), UTC).timestamp() + pad
        rows = self._db.execute(
            "SELECT day, avg(score) FROM (SELECT date(at + utc_offset - ?, 'unixepoch') AS day,"
            " score FROM mood_entries WHERE at >= ? AND at < ?)"
            " WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day",
            (day_start_hour * 3600, low, high, first.isoformat(), last.isoformat()),
        ).fetchall()
        return {date.fromisoformat(day): float(average) for day, average in rows}

    def _load(
        self,
        where: str,
        params: Sequence[object],
        order: str = " ORDER BY at, id",
    ) -> list[MoodEntry]:
        rows = self._db.execute(
            f"SELECT id, at, utc_offset, score, energy, note FROM mood_entries {where}{order}",
            params,
        ).fetchall()
        tags = self._tags([row[0] for row in rows])
        return [
            MoodEntry(to_datetime(at, off), score, energy, tags.get(mid, ()), note, mid)
            for mid, at, off, score, energy, note in rows
        ]

    def _tags(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = defaultdict(list)
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for mood_id, tag in self._db.execute(
                f"SELECT mood_id, tag FROM mood_tags WHERE mood_id IN ({marks})"
                " ORDER BY mood_id, rowid",
                chunk,
            ):
                found[mood_id].append(tag)
        return {k: tuple(v) for k, v in found.items()}

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM mood_entries").fetchone()[0])


class GratitudeRepository:
    def __init__(self, db: Db) -> None:
        self._db = db

    def save(self, entry: GratitudeEntry) -> GratitudeEntry:
        """Saves the day's entry, replacing the items of an earlier one the same day."""
        at, offset = _stamp(entry.at)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO gratitude_entries (day, at, utc_offset) VALUES (?, ?, ?)"
                " ON CONFLICT(day) DO UPDATE SET"
                " at = excluded.at, utc_offset = excluded.utc_offset",
                (entry.day.isoformat(), at, offset),
            )
            entry_id = int(
                self._db.execute(
                    "SELECT id FROM gratitude_entries WHERE day = ?", (entry.day.isoformat(),)
                ).fetchone()[0]
            )
            self._db.execute("DELETE FROM gratitude_items WHERE entry_id = ?", (entry_id,))
            self._db.conn.executemany(
                "INSERT INTO gratitude_items (entry_id, position, text, why) VALUES (?, ?, ?, ?)",
                [(entry_id, i, item.text, item.why) for i, item in enumerate(entry.items, 1)],
            )
        return GratitudeEntry(entry.day, entry.at, entry.items, entry_id)

    def append(self, addition: GratitudeEntry) -> GratitudeEntry:
        """Adds good things after those the day already has, up to the day's cap.

        Reading the day and writing it happen in one transaction, so nothing is half-written.

        Raises:
            InvalidInput: they do not fit in the day; nothing was written.
        """
        with self._db.atomic():
            found = self.between(addition.day, addition.day)
            return self.save(added_to(found[0] if found else None, addition))

    def between(self, first: date, last: date) -> list[GratitudeEntry]:
        return self._load("WHERE e.day >= ? AND e.day <= ?", (first.isoformat(), last.isoformat()))

    def search(self, query: str, limit: int = 200) -> list[GratitudeEntry]:
        """Days whose good things match the words of ``query``, newest first."""
        found = self._load(
            "WHERE e.id IN (SELECT i2.entry_id FROM gratitude_items i2 WHERE i2.rowid IN"
            " (SELECT rowid FROM gratitude_items_fts WHERE gratitude_items_fts MATCH ?))",
            (fts_query(query),),
        )
        return list(reversed(found))[:limit]

    def days_with_entries(self, first: date, last: date) -> list[date]:
        return [
            date.fromisoformat(day)
            for (day,) in self._db.execute(
                "SELECT day FROM gratitude_entries WHERE day >= ? AND day <= ? ORDER BY day",
                (first.isoformat(), last.isoformat()),
            )
        ]

    def delete(self, day: date) -> GratitudeEntry | None:
        """Deletes a day's entry and returns it (for undo)."""
        found = self.between(day, day)
        if not found:
            return None
        with self._db.atomic():
            self._db.execute("DELETE FROM gratitude_items WHERE entry_id = ?", (found[0].id,))
            self._db.execute("DELETE FROM gratitude_entries WHERE id = ?", (found[0].id,))
        return found[0]

    def _load(self, where: str, params: Sequence[object]) -> list[GratitudeEntry]:
        rows = self._db.execute(
            "SELECT e.id, e.day, e.at, e.utc_offset, i.text, i.why FROM gratitude_entries e"
            f" JOIN gratitude_items i ON i.entry_id = e.id {where} ORDER BY e.day, i.position",
            params,
        ).fetchall()
        entries: dict[int, GratitudeEntry] = {}
        for entry_id, day, at, offset, text, why in rows:
            previous = entries.get(entry_id)
            items = (previous.items if previous else ()) + (GratitudeItem(text, why),)
            entries[entry_id] = GratitudeEntry(
                date.fromisoformat(day), to_datetime(at, offset), items, entry_id
            )
        return list(entries.values())


class CheckInRepository:
    def __init__(self, db: Db) -> None:
        self._db = db

    def add(self, checkin: CheckIn) -> CheckIn:
        at, offset = _stamp(checkin.at)
        with self._db.atomic():
            cursor = self._db.execute(
                "INSERT INTO checkins (at, utc_offset, questionnaire, version, raw_score, score)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    at,
                    offset,
                    checkin.questionnaire,
                    checkin.version,
                    checkin.raw_score,
                    checkin.score,
                ),
            )
            checkin_id = int(cursor.lastrowid or 0)
            self._db.conn.executemany(
                "INSERT INTO checkin_answers (checkin_id, item, answer) VALUES (?, ?, ?)",
                [(checkin_id, item, answer) for item, answer in enumerate(checkin.answers, 1)],
            )
        return CheckIn(
            checkin.at,
            checkin.questionnaire,
            checkin.version,
            checkin.answers,
            checkin.raw_score,
            checkin.score,
            checkin_id,
        )

    _COLUMNS = "SELECT id, at, utc_offset, questionnaire, version, raw_score, score FROM checkins"

    def between(
        self, start: datetime, end: datetime, questionnaire: str | None = None
    ) -> list[CheckIn]:
        """Check-ins with ``start <= at < end``, oldest first, optionally of one questionnaire."""
        where = "at >= ? AND at < ?"
        params: list[object] = [start.timestamp(), end.timestamp()]
        if questionnaire is not None:
            where += " AND questionnaire = ?"
            params.append(questionnaire)
        return self._load(f"{self._COLUMNS} WHERE {where} ORDER BY at", params)

    def latest(self, questionnaire: str) -> CheckIn | None:
        found = self._load(
            f"{self._COLUMNS} WHERE questionnaire = ? ORDER BY at DESC LIMIT 1", [questionnaire]
        )
        return found[0] if found else None

    def _load(self, sql: str, params: list[object]) -> list[CheckIn]:
        rows = self._db.execute(sql, params).fetchall()
        answers: dict[int, list[int]] = defaultdict(list)
        ids = [row[0] for row in rows]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for checkin_id, answer in self._db.execute(
                f"SELECT checkin_id, answer FROM checkin_answers WHERE checkin_id IN ({marks})"
                " ORDER BY checkin_id, item",
                chunk,
            ):
                answers[checkin_id].append(answer)
        return [
            CheckIn(to_datetime(at, off), name, version, tuple(answers[cid]), raw, score, cid)
            for cid, at, off, name, version, raw, score in rows
        ]
