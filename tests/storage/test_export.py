import csv
import json
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from wellbeing_app.app import fill_demo
from wellbeing_app.core.activities import new_custom_activity, new_person
from wellbeing_app.core.classifier import UserRule
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.errors import InvalidInput, WellbeingError
from wellbeing_app.core.journal import new_gratitude_entry, new_mood_entry
from wellbeing_app.core.models import (
    ENERGY_LABELS,
    MOOD_LABELS,
    BreakEvent,
    DailyLimit,
    GratitudeItem,
    UsageSpan,
)
from wellbeing_app.core.questionnaires import score_phq9
from wellbeing_app.storage import export
from wellbeing_app.storage.activities import ActivityRepository
from wellbeing_app.storage.database import open_database, open_memory_database
from wellbeing_app.storage.export import (
    MANIFEST_NAME,
    NOT_EXPORTED,
    TABLES,
    export_all,
    exported_tables,
    preview,
)
from wellbeing_app.storage.migrations import MIGRATIONS
from wellbeing_app.storage.repositories import repositories_for
from wellbeing_app.storage.rules import RuleRepository
from wellbeing_app.storage.tracking_store import PauseStore

ROOT = Path(__file__).resolve().parents[2]
NEW_YORK = timezone(timedelta(hours=-5))
TRICKY = 'commas, "quotes", ünïcødé ✓\nand a second line\r\nand a third'


def fill_everything(data_dir: Path, clock: FixedClock, days: int = 60) -> None:
    """60 days of sample data plus hand-made rows in every table, with the awkward values a
    lossless export must survive: NULL beside empty text, other offsets, quotes and newlines."""
    fill_demo(data_dir, clock, days=days)
    repos = repositories_for(open_database(data_dir))
    db = repos.db
    now = clock.now()
    travel = now.astimezone(NEW_YORK) - timedelta(days=3)
    try:
        repos.usage.add_spans(
            [
                UsageSpan(1795280000.123456789, 1795280300.5, -18000, "Mastodon", "social feed"),
                UsageSpan(1795280400.0, 1795280500.0, 3600, "Discord", "chat", title=""),
                UsageSpan(
                    1795280600.25, 1795280700.0, 19800, "Reddit", "forum", TRICKY, True, "aw"
                ),
            ]
        )
        rules = RuleRepository(db)
        rules.add(UserRule(name="Chess club", category="forum", title_pattern="lichess"))
        rules.add(UserRule(name="", category="", app_pattern="zoom", counted=False))
        rules.set_counted("LinkedIn", False)
        rules.set_counted("Reddit", True)
        repos.moods.add(new_mood_entry(travel, 2, None, ["tired", 'odd, "tag"'], TRICKY))
        repos.moods.add(new_mood_entry(now, 5, 4, ["zebra", "apple", "mango"], "pottery joy"))
        repos.moods.add_imported(
            [(new_mood_entry(now - timedelta(days=70), 4, note="from daylio"), "daylio:k|4|ab")]
        )
        repos.gratitude.save(
            new_gratitude_entry(
                date(2026, 11, 22),
                now,
                [GratitudeItem("a walk in the park", "the sun came out"), TRICKY],
            )
        )
        repos.checkins.add(score_phq9(now, [1, 0, 2, 1, 0, 1, 0, 2, 0], difficulty=1))
        repos.limits.set(DailyLimit("chat", "category", 90, frozenset({0, 1, 2, 3, 4})))
        prompt = repos.breaks.add(BreakEvent(now, "continuous_use", "taken", "Discord"))
        activities = ActivityRepository(db)
        own = activities.add_custom(
            new_custom_activity("Pottery class", "creative", 90, description=TRICKY)
        )
        activities.hide("walk-around-the-block")
        activities.set_favourite(own.id)
        activities.log_outcome(now, own.id, True, 2, 4, True, break_event_id=prompt.id)
        activities.log_outcome(now, "call-a-friend", False)
        activities.record_shown(now, ["stretch", own.id], mood=3, break_event_id=prompt.id)
        activities.add_person(new_person("Sam"))
        activities.add_person(new_person("Ana", "my sister"))
        repos.settings_store.set("quiet_hours", ["22:00-07:00"])
        first_line = TRICKY.split("\n", maxsplit=1)[0]
        repos.settings_store.set("crisis_lines", ["Ana: +44 20 7946 0000", first_line])
        repos.settings_store.set("day_start_hour", 5)
        PauseStore(db).pause_until(now.timestamp() + 600)
        # Rows the repositories never write but the schema allows: NULL where text could be.
        with db.atomic():
            db.execute("INSERT INTO people (name, note) VALUES ('Kim', NULL)")
            db.execute(
                "INSERT INTO activities (id, title, category, minutes) VALUES"
                " ('my-raw', 'Raw', 'nature', 10)"
            )
            db.execute("INSERT INTO community_app_choices (app, counted) VALUES ('Slack', NULL)")
            db.execute(
                "INSERT INTO report_presets (name, options, updated_at) VALUES (?, ?, ?)",
                ("My therapist", '{"sections": ["mood"], "include_notes": false}', now.timestamp()),
            )
            db.execute("INSERT INTO report_presets (name, options) VALUES ('GP', '{}')")
    finally:
        repos.close()


def table_rows(db: sqlite_utils.Database, table: str) -> list[tuple[tuple[str, object], ...]]:
    """Every row in stored order, each value with its SQLite type (so 1 and 1.0 differ)."""
    return [
        tuple((type(value).__name__, value) for value in row)
        for row in db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    ]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def full_dir(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "full"
    fill_everything(folder, clock)
    return folder


@pytest.fixture
def full_db(full_dir: Path) -> Iterator[sqlite_utils.Database]:
    db = open_database(full_dir)
    yield db
    db.close()


def test_every_stored_table_is_exported_or_deliberately_left_out() -> None:
    db = open_memory_database()
    names = {spec.name for spec in exported_tables(db)}
    derived = export.derived_tables(db)
    assert names == {spec.name for spec in TABLES}
    stored = set(db.table_names()) | set(db.view_names())
    assert stored == names | set(NOT_EXPORTED) | derived
    assert {"mood_entries_fts", "gratitude_items_fts_data"} <= derived
    assert "tracker_state" not in names and "_migrations" not in names
    assert all(spec.description for spec in exported_tables(db))


def test_docs_describe_every_exported_column() -> None:
    text = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    documented: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        table, body = section.split("\n", 1)
        documented[table.strip()] = set(re.findall(r"^\| `(\w+)` \|", body, flags=re.M))
    db = open_memory_database()
    for table in preview(db):
        assert set(table.columns) == documented.get(table.name), table.name
    for name in NOT_EXPORTED:
        assert f"`{name}`" in text
    assert "settings.md" in text


def test_preview_shows_rows_columns_and_meaning_before_writing(
    full_db: sqlite_utils.Database, tmp_path: Path
) -> None:
    shown = {table.name: table for table in preview(full_db)}
    moods = shown["mood_entries"]
    assert moods.rows == full_db["mood_entries"].count > 90
    assert moods.columns[:6] == ("id", "at", "utc_offset", "at_iso", "score", "score_label")
    assert "energy_label" in moods.columns and "import_key" in moods.columns
    assert shown["usage_spans"].columns[3:6] == ("utc_offset", "start_iso", "end_iso")
    assert "1 (awful) to 5 (great)" in moods.description
    assert all(table.rows > 0 for table in shown.values())
    assert list(tmp_path.iterdir()) == [tmp_path / "full"]  # nothing written


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_writes_every_table_and_a_manifest(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock, fmt: str
) -> None:
    out = tmp_path / "export"
    summary = export_all(full_db, out, fmt, now=clock.now())  # type: ignore[arg-type]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in summary.files)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["format"] == "wellbeing-export"
    assert manifest["format_version"] == 1
    assert manifest["file_format"] == fmt
    assert manifest["app_version"] == "0.1.0"
    assert manifest["created_at"] == "2026-11-21T21:00:00+01:00"
    assert manifest["migrations"] == [name for name, _ in MIGRATIONS]
    listed = {t["name"]: t for t in manifest["tables"]}
    assert list(listed) == [t.name for t in summary.tables]
    for table in summary.tables:
        assert listed[table.name]["rows"] == table.rows == full_db[table.name].count
        assert listed[table.name]["file"] == f"{table.name}.{fmt}"
        assert listed[table.name]["columns"] == list(table.columns)
    assert summary.total_rows == sum(t.rows for t in summary.tables)
    assert "tracker_state" not in listed
    assert not any(p.name.startswith(("_", "mood_entries_fts")) for p in out.iterdir())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_is_private(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock, fmt: str
) -> None:
    out = tmp_path / "export"
    export_all(full_db, out, fmt, now=clock.now())  # type: ignore[arg-type]
    assert _mode(out) == 0o700
    assert {_mode(path) for path in out.iterdir()} == {0o600}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_times_carry_offsets_and_moods_their_labels(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    out = tmp_path / "export"
    export_all(full_db, out, "csv", now=clock.now())
    moods = _csv_rows(out / "mood_entries.csv")
    offsets = set()
    for row in moods:
        moment = datetime.fromisoformat(row["at_iso"])
        assert re.search(r"[+-]\d\d:\d\d$", row["at_iso"])
        assert moment.utcoffset() == timedelta(seconds=int(row["utc_offset"]))
        assert abs(moment.timestamp() - float(row["at"])) < 1
        assert row["score_label"] == MOOD_LABELS[int(row["score"])]
        if row["energy"]:
            assert row["energy_label"] == ENERGY_LABELS[int(row["energy"])]
        else:
            assert row["energy_label"] == ""
        offsets.add(row["utc_offset"])
    assert {"3600", "-18000"} <= offsets
    travelled = next(row for row in moods if row["utc_offset"] == "-18000")
    assert travelled["at_iso"].endswith("-05:00")
    assert travelled["note"] == TRICKY  # quotes, commas and both kinds of line break survive
    spans = _csv_rows(out / "usage_spans.csv")
    india = next(row for row in spans if row["utc_offset"] == "19800")
    assert india["start_iso"].endswith("+05:30") and india["end_iso"].endswith("+05:30")
    log = _csv_rows(out / "activity_log.csv")
    outcome = next(row for row in log if row["done"] == "1")
    assert (outcome["mood_before_label"], outcome["mood_after_label"]) == ("bad", "good")
    for name in ("break_events", "checkins", "gratitude_entries"):
        assert all(row["at_iso"] for row in _csv_rows(out / f"{name}.csv"))
    presets = {row["name"]: row for row in _csv_rows(out / "report_presets.csv")}
    assert presets["My therapist"]["updated_at_iso"] == "2026-11-21T20:00:00+00:00"  # UTC
    assert presets["GP"]["updated_at_iso"] == ""


def test_csv_keeps_null_apart_from_empty_text(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    out = tmp_path / "export"
    export_all(full_db, out, "csv", now=clock.now())
    people = (out / "people.csv").read_text(encoding="utf-8").splitlines()
    assert people[0] == "id,name,note"
    assert '"Sam",""' in people[1]  # empty note: quoted
    assert people[3].endswith('"Kim",')  # no note at all: NULL, unquoted
    moods = (out / "mood_entries.csv").read_bytes().decode("utf-8")
    assert ',"daylio:k|4|ab"\r\n' in moods
    first = moods.splitlines()[1]
    assert first.endswith(",")  # import_key NULL
    assert re.match(r'1,\d+\.\d+,3600,"', first)  # numbers unquoted, text quoted


def test_json_has_one_object_per_line_with_nulls_and_labels(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    out = tmp_path / "export"
    export_all(full_db, out, "json", now=clock.now())
    text = (out / "mood_entries.json").read_text(encoding="utf-8")
    rows = json.loads(text)
    assert len(text.splitlines()) == len(rows) + 2
    assert "ünïcødé" in text  # readable, not \u-escaped
    travelled = next(row for row in rows if row["utc_offset"] == -18000)
    assert travelled["at_iso"].endswith("-05:00")
    assert travelled["energy"] is None and travelled["energy_label"] is None
    assert travelled["import_key"] is None
    assert all(row["score_label"] == MOOD_LABELS[row["score"]] for row in rows)
    assert json.loads((out / "people.json").read_text(encoding="utf-8"))[2]["note"] is None


def test_empty_database_exports_headers_and_empty_lists(tmp_path: Path, clock: FixedClock) -> None:
    db = open_memory_database()
    csv_out, json_out = tmp_path / "csv", tmp_path / "json"
    export_all(db, csv_out, "csv", now=clock.now())
    export_all(db, json_out, "json", now=clock.now())
    assert (csv_out / "people.csv").read_bytes() == b"id,name,note\r\n"
    assert json.loads((json_out / "people.json").read_text(encoding="utf-8")) == []


def test_an_existing_empty_folder_is_used(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    out = tmp_path / "chosen"
    out.mkdir()
    summary = export_all(full_db, out, "csv", now=clock.now())
    assert (out / MANIFEST_NAME).is_file()
    assert summary.folder == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chosen", "full"]


def test_a_folder_with_files_is_refused_and_left_untouched(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    out = tmp_path / "export"
    out.mkdir()
    (out / "mine.txt").write_text("my own notes", encoding="utf-8")
    with pytest.raises(
        InvalidInput, match=r"already holds files; choose an empty or new folder\.$"
    ):
        export_all(full_db, out, "json", now=clock.now())
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert (out / "mine.txt").read_text(encoding="utf-8") == "my own notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "full"]


def test_a_file_or_a_missing_parent_is_refused(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is a file"):
        export_all(full_db, tmp_path / "taken", "csv", now=clock.now())
    with pytest.raises(InvalidInput, match="does not exist"):
        export_all(full_db, tmp_path / "unmounted" / "export", "csv", now=clock.now())
    assert not (tmp_path / "unmounted").exists()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InvalidInput, match="is a link"):
        export_all(full_db, tmp_path / "link", "csv", now=clock.now())
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_an_unknown_format_is_refused(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    with pytest.raises(InvalidInput, match="choose csv or json"):
        export_all(full_db, tmp_path / "x", "xml", now=clock.now())  # type: ignore[arg-type]
    assert not (tmp_path / "x").exists()


def test_a_failure_half_way_leaves_nothing_behind(
    full_db: sqlite_utils.Database,
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = export._write_json
    calls = []

    def disk_fills_up(handle, rows):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(handle, rows)

    monkeypatch.setattr(export, "_write_json", disk_fills_up)
    with pytest.raises(WellbeingError, match="No space left on device; nothing was left behind"):
        export_all(full_db, tmp_path / "export", "json", now=clock.now())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_export_reads_one_consistent_snapshot(
    full_db: sqlite_utils.Database,
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A write from another connection while the export runs does not make it into the export.
    other = open_database(tmp_path / "full")
    real = export._write_csv

    def write_meanwhile(handle, columns, rows):  # type: ignore[no-untyped-def]
        if columns[:2] == ["id", "start"]:
            other.execute("INSERT INTO people (name) VALUES ('Late')")
            other.conn.commit()
        return real(handle, columns, rows)

    monkeypatch.setattr(export, "_write_csv", write_meanwhile)
    try:
        summary = export_all(full_db, tmp_path / "export", "csv", now=clock.now())
    finally:
        other.close()
    people = next(t for t in summary.tables if t.name == "people")
    assert people.rows == 3
    assert "Late" not in (tmp_path / "export" / "people.csv").read_text(encoding="utf-8")


# ------------------------------------------------------- staging folders left by a killed export

_KILLED_EXPORT = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path
from wellbeing_app.storage import export
from wellbeing_app.storage.database import open_database

real = export._write_table
def write_then_die(db, spec, folder, fmt):
    result = real(db, spec, folder, fmt)
    os.kill(os.getpid(), signal.SIGKILL)  # as a power cut or `kill -9` would, half-way
    return result
export._write_table = write_then_die
db = open_database(Path(sys.argv[1]))
export.export_all(db, Path(sys.argv[2]), "csv", now=datetime.now(timezone.utc))
"""


def _staging(
    parent: Path, name: str, files: dict[str, str], age: float = 0, folders: tuple[str, ...] = ()
) -> Path:
    folder = parent / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    for sub in folders:
        (folder / sub).mkdir()
    when = time.time() - age
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (when, when))
    return folder


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_next_export_removes_what_a_killed_export_left_behind(
    full_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_EXPORT, str(full_dir), str(tmp_path / "first")],
        check=False,
        capture_output=True,
        cwd=ROOT,
    )
    assert killed.returncode == -9, killed.stderr
    (left,) = [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    assert left.name.startswith(".first.partial-") and any(left.iterdir())

    db = open_database(full_dir)
    try:
        export_all(db, tmp_path / "second", "csv", now=clock.now())
    finally:
        db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "second"]


def test_only_stale_staging_folders_of_ours_are_removed(
    full_db: sqlite_utils.Database, tmp_path: Path, clock: FixedClock
) -> None:
    parent = tmp_path / "exports"
    parent.mkdir()
    ours = {"mood_entries.csv": "id\r\n", MANIFEST_NAME: "{}"}
    alive, dead = os.getppid(), _dead_pid()
    removed = [
        _staging(parent, f".a.partial-{dead}-abcd_123", ours),  # its export was killed
        _staging(parent, f".b.partial-{alive}-abcd_123", ours, age=3600),  # untouched an hour
        _staging(parent, ".c.partial-k2j4_0zz", ours, age=3600),  # an older version's name
        _staging(parent, f".d.partial-{dead}-abcd_123", {}),  # killed before the first file
    ]
    kept = [
        _staging(parent, f".e.partial-{alive}-abcd_123", ours),  # an export still running
        _staging(parent, ".f.partial-k2j4_0zz", ours),  # recent, and no pid to ask
        _staging(parent, ".g.partial-9999999999-abcd_123", ours),  # recent, pid out of range
        # Not certainly ours: another file, a folder inside, another naming.
        _staging(parent, f".h.partial-{dead}-abcd_123", {**ours, "notes.txt": "x"}, age=3600),
        _staging(parent, f".i.partial-{dead}-abcd_123", ours, age=3600, folders=("sub",)),
        _staging(parent, f".j.partial-{dead}-abcd", ours, age=3600),
        _staging(parent, f"k.partial-{dead}-abcd_123", ours, age=3600),
    ]
    link = parent / f".l.partial-{dead}-abcd_123"
    link.symlink_to(_staging(tmp_path, "elsewhere", ours, age=3600))  # never followed

    export_all(full_db, parent / "export", "csv", now=clock.now())
    assert not any(path.exists() for path in removed)
    assert sorted(p.name for p in parent.iterdir()) == sorted(
        ["export", link.name, *(path.name for path in kept)]
    )
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == sorted(ours)


def test_a_staging_folder_carries_the_exporting_process_id(
    full_db: sqlite_utils.Database,
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    real = export._write_table

    def look(db, spec, folder, fmt):  # type: ignore[no-untyped-def]
        seen.append(folder.name)
        return real(db, spec, folder, fmt)

    monkeypatch.setattr(export, "_write_table", look)
    export_all(full_db, tmp_path / "out", "json", now=clock.now())
    assert re.fullmatch(rf"\.out\.partial-{os.getpid()}-[a-z0-9_]{{8}}", seen[0])
