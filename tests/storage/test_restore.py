import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from tests.storage.test_export import TRICKY, fill_everything, table_rows
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.journal import new_mood_entry
from wellbeing_app.storage.database import open_database, open_memory_database
from wellbeing_app.storage.export import MANIFEST_NAME, export_all, exported_tables
from wellbeing_app.storage.repositories import open_repositories, repositories_for
from wellbeing_app.storage.restore import csv_records, import_backup


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One full data folder exported as CSV and as JSON (built once: the tests only read)."""
    base = tmp_path_factory.mktemp("exports")
    clock = FixedClock(datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1))))
    fill_everything(base / "data", clock)
    db = open_database(base / "data")
    try:
        for fmt in ("csv", "json"):
            export_all(db, base / fmt, fmt, now=clock.now())  # type: ignore[arg-type]
    finally:
        db.close()
    return {"data": base / "data", "csv": base / "csv", "json": base / "json"}


@pytest.fixture
def target(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    db = open_database(tmp_path / "restored")
    yield db
    db.close()


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in source.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _all_rows(db: sqlite_utils.Database) -> dict[str, list[tuple[tuple[str, object], ...]]]:
    return {spec.name: table_rows(db, spec.name) for spec in exported_tables(db)}


def _assert_untouched(db: sqlite_utils.Database) -> None:
    for spec in exported_tables(db):
        assert db[spec.name].count == 0, spec.name
    for index in ("mood_entries_fts", "gratitude_items_fts"):
        assert db.execute(f"SELECT count(*) FROM {index}").fetchone()[0] == 0


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_restores_every_row_of_every_table(
    exports: dict[str, Path], target: sqlite_utils.Database, fmt: str
) -> None:
    summary = import_backup(exports[fmt], target)
    original = open_database(exports["data"])
    try:
        before, after = _all_rows(original), _all_rows(target)
        assert list(before) == list(after)
        for name, rows in before.items():
            assert rows, f"{name} has no rows, so the round trip proves nothing for it"
            assert after[name] == rows, name
        assert dict(summary.tables) == {name: len(rows) for name, rows in before.items()}
        assert summary.format == fmt
        assert summary.created_at == "2026-11-21T21:00:00+01:00"
        assert summary.total_rows == sum(len(rows) for rows in before.values())
        # Bookkeeping stays out: the pause in force in the original is not carried over.
        assert original["tracker_state"].count == 1
        assert target["tracker_state"].count == 0
    finally:
        original.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_restored_data_reads_back_through_the_repositories_and_search_works(
    exports: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    restored = open_repositories(tmp_path / "restored")
    original = open_repositories(exports["data"])
    try:
        import_backup(exports[fmt], restored.db)
        restored.settings_store.load()
        assert restored.settings == original.settings
        assert restored.settings.day_start_hour == 5
        for words in ("pottery", "second line", "daylio"):
            assert restored.moods.search(words) == original.moods.search(words)
        assert restored.moods.search("pottery")[0].tags == ("zebra", "apple", "mango")
        assert restored.gratitude.search("sun") == original.gratitude.search("sun")
        assert restored.gratitude.search("sun")[0].items[1].text == " ".join(TRICKY.split())
        assert restored.checkins.latest("PHQ-9") == original.checkins.latest("PHQ-9")
        assert restored.limits.all() == original.limits.all()
    finally:
        restored.close()
        original.close()


def test_a_database_with_data_is_refused_and_left_as_it_was(
    exports: dict[str, Path], clock: FixedClock
) -> None:
    repos = repositories_for(open_memory_database())
    repos.moods.add(new_mood_entry(clock.now(), 3, note="mine"))
    with pytest.raises(InvalidInput, match=r"only into a new, empty data folder.*1 row in mood"):
        import_backup(exports["csv"], repos.db)
    assert repos.db["mood_entries"].count == 1
    assert repos.db["usage_spans"].count == 0
    repos.close()


def test_a_bad_value_refuses_the_whole_restore(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["csv"], tmp_path / "broken")
    path = broken / "mood_entries.csv"
    lines = path.read_bytes().decode().split("\r\n")
    fields = lines[11].split(",", 5)  # id, at, utc_offset, at_iso, score: no commas inside
    fields[4] = "9"
    lines[11] = ",".join(fields)
    path.write_bytes("\r\n".join(lines).encode())
    with pytest.raises(InvalidInput) as caught:
        import_backup(broken, target)
    assert str(caught.value) == (
        "mood_entries.csv line 12: score must be 1 to 5, not 9; nothing was restored."
    )
    _assert_untouched(target)


def test_a_clash_found_while_writing_rolls_everything_back(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    # settings.csv is written last: every other table is already in when its second row clashes.
    broken = _copy(exports["csv"], tmp_path / "broken")
    settings = (broken / "settings.csv").read_bytes().decode().split("\r\n")
    settings[2] = settings[1]
    (broken / "settings.csv").write_bytes("\r\n".join(settings).encode())
    with pytest.raises(InvalidInput, match=r"^settings.csv line 3: it repeats a value that must"):
        import_backup(broken, target)
    _assert_untouched(target)


def test_a_row_pointing_nowhere_is_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    tags = json.loads((broken / "mood_tags.json").read_text(encoding="utf-8"))
    tags[4]["mood_id"] = 99999
    (broken / "mood_tags.json").write_text(json.dumps(tags), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        import_backup(broken, target)
    assert str(caught.value) == (
        "mood_tags.json row 5: mood_id 99999 refers to a row of mood_entries that the export "
        "does not hold; nothing was restored."
    )
    _assert_untouched(target)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": "4"}, "row 3: score must be a whole number, not '4'"),
        ({"score": True}, "row 3: score must be a whole number, not True"),
        ({"at": None}, "row 3: at is empty but must hold a value"),
        ({"at": "yesterday"}, "row 3: at must be a number, not 'yesterday'"),
        ({"utc_offset": 90000}, "row 3: utc_offset must be a UTC offset in seconds, under a day"),
        ({"note": 5}, "row 3: note must be text, not 5"),
        ({"mood": 5}, "row 3: it has other columns than row 1"),
    ],
)
def test_bad_json_rows_are_named(
    exports: dict[str, Path],
    tmp_path: Path,
    target: sqlite_utils.Database,
    change: dict[str, object],
    message: str,
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    rows = json.loads((broken / "mood_entries.json").read_text(encoding="utf-8"))
    rows[2].update(change)
    (broken / "mood_entries.json").write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"^mood_entries.json {message}"):
        import_backup(broken, target)
    _assert_untouched(target)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t.replace("note,import_key", "note,import_key,extra", 1), "line 1: there is no"),
        (lambda t: t.replace(",import_key", "", 1), "line 1: the column import_key is missing"),
        (
            lambda t: t.replace(",energy_label", "", 1),
            "line 2: it has 10 values where the header names 9",
        ),
        (lambda t: t + '1,"open', "line {last}: a quoted value is never closed"),
        (lambda t: t.replace('"okay"', 'ok"ay', 1), 'line 2: a quote \\(\\"\\) appears inside'),
        (
            lambda t: t.rsplit("\r\n", 2)[0] + "\r\n",
            "holds {fewer} rows where the manifest says {rows}",
        ),
    ],
)
def test_bad_csv_files_are_named(
    exports: dict[str, Path],
    tmp_path: Path,
    target: sqlite_utils.Database,
    damage: object,
    message: str,
) -> None:
    broken = _copy(exports["csv"], tmp_path / "broken")
    path = broken / "mood_entries.csv"
    text = path.read_bytes().decode()
    rows = len(json.loads((exports["json"] / "mood_entries.json").read_text(encoding="utf-8")))
    wanted = message.format(last=text.count("\n") + 1, rows=rows, fewer=rows - 1)
    path.write_bytes(damage(text).encode())  # type: ignore[operator]
    with pytest.raises(InvalidInput, match=f"^mood_entries.csv {wanted}"):
        import_backup(broken, target)
    _assert_untouched(target)


def _edit_manifest(folder: Path, **changes: object) -> None:
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest.update(changes)
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")


def test_manifest_problems_are_one_sentence_each(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    with pytest.raises(InvalidInput, match=r"holds no manifest\.json, so it is not a Wellbeing"):
        import_backup(tmp_path, target)
    with pytest.raises(InvalidInput, match="is not a folder"):
        import_backup(tmp_path / "nowhere", target)

    newer = _copy(exports["csv"], tmp_path / "newer")
    _edit_manifest(newer, format_version=2)
    with pytest.raises(InvalidInput, match=r"newer version of Wellbeing \(export format 2\)"):
        import_backup(newer, target)

    future = _copy(exports["csv"], tmp_path / "future")
    manifest = json.loads((future / MANIFEST_NAME).read_text(encoding="utf-8"))
    _edit_manifest(future, migrations=[*manifest["migrations"], "0099_teleport"])
    with pytest.raises(InvalidInput, match="knows migration 0099_teleport"):
        import_backup(future, target)

    other = _copy(exports["csv"], tmp_path / "other")
    _edit_manifest(other, format="something-else")
    with pytest.raises(InvalidInput, match="does not describe a Wellbeing export"):
        import_backup(other, target)

    missing = _copy(exports["csv"], tmp_path / "missing")
    (missing / "people.csv").unlink()
    with pytest.raises(InvalidInput, match=r"^The export is missing people\.csv"):
        import_backup(missing, target)

    sneaky = _copy(exports["csv"], tmp_path / "sneaky")
    tables = json.loads((sneaky / MANIFEST_NAME).read_text(encoding="utf-8"))["tables"]
    tables[0]["file"] = "../../etc/passwd"
    _edit_manifest(sneaky, tables=tables)
    with pytest.raises(InvalidInput, match=r"names the file '\.\./\.\./etc/passwd' for"):
        import_backup(sneaky, target)

    dropped = _copy(exports["csv"], tmp_path / "dropped")
    _edit_manifest(dropped, tables=tables[1:])
    with pytest.raises(InvalidInput, match="does not list the table usage_spans"):
        import_backup(dropped, target)

    garbled = _copy(exports["csv"], tmp_path / "garbled")
    (garbled / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInput, match="cannot be read as JSON"):
        import_backup(garbled, target)
    _assert_untouched(target)


def test_an_older_export_without_a_later_column_takes_its_default(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    # As if written before 0004 added import_key: no such column, no such migration listed.
    old = _copy(exports["json"], tmp_path / "old")
    manifest = json.loads((old / MANIFEST_NAME).read_text(encoding="utf-8"))
    _edit_manifest(old, migrations=[m for m in manifest["migrations"] if not m.startswith("0004")])
    rows = json.loads((old / "mood_entries.json").read_text(encoding="utf-8"))
    for row in rows:
        del row["import_key"]
    (old / "mood_entries.json").write_text(json.dumps(rows), encoding="utf-8")
    import_backup(old, target)
    assert target["mood_entries"].count == len(rows)
    assert target.execute("SELECT count(import_key) FROM mood_entries").fetchone()[0] == 0


def test_csv_records_keep_null_apart_from_empty_text_and_count_lines() -> None:
    text = '\ufeffa,b,c\r\n1,,""\r\n"x\r\ny","say ""hi""",\n3,"",z'
    records = list(csv_records(text.lstrip("\ufeff"), "t.csv"))
    assert records == [
        (1, ["a", "b", "c"]),
        (2, ["1", None, ""]),
        (3, ["x\r\ny", 'say "hi"', None]),
        (5, ["3", "", "z"]),
    ]


def test_csv_that_a_spreadsheet_saved_again_still_restores(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    # Spreadsheets drop the quotes around text and write "" as an empty field: text columns
    # that are never NULL (a mood's note) read that back as empty text.
    resaved = _copy(exports["csv"], tmp_path / "resaved")
    path = resaved / "mood_entries.csv"
    path.write_bytes(path.read_bytes().replace(b',"okay",', b",okay,").replace(b',"",', b",,"))
    import_backup(resaved, target)
    notes = {note for (note,) in target.execute("SELECT note FROM mood_entries")}
    assert "" in notes and None not in notes


# ------------------------------------------------- every row checked with the app's own rules


def _edit_json_row(
    folder: Path, table: str, pick: Callable[[dict[str, object]], bool], **change: object
) -> int:
    """Changes the first row of ``table``.json that ``pick`` accepts; returns its row number."""
    path = folder / f"{table}.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    number = next(i for i, row in enumerate(rows) if pick(row))
    rows[number].update(change)
    path.write_text(json.dumps(rows), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e999", "takes a finite number, not inf"),
        ("-Infinity", "takes a finite number, not -inf"),
        ("NaN", "takes a finite number, not nan"),
        ("24", "must be between 0 and 23, not 24"),
        ('"5"', "takes a integer"),
        ("[" * 100_000, "which is not a value"),
        ("1" * 5000, "which is not a value"),
    ],
)
def test_a_setting_that_the_app_could_not_use_is_refused(
    exports: dict[str, Path],
    tmp_path: Path,
    target: sqlite_utils.Database,
    value: str,
    message: str,
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, "settings", lambda r: r["name"] == "day_start_hour", value=value)
    with pytest.raises(InvalidInput) as caught:
        import_backup(broken, target)
    text = str(caught.value)
    assert text.startswith(f"settings.json row {row}: Setting 'day_start_hour' "), text
    assert message in text
    assert text.endswith("; nothing was restored.")
    assert len(text) < 300
    _assert_untouched(target)


def test_a_rule_whose_pattern_does_not_compile_is_refused_naming_the_row(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["csv"], tmp_path / "broken")
    path = broken / "user_rules.csv"
    path.write_bytes(path.read_bytes().replace(b'"lichess"', b'"[("'))
    with pytest.raises(InvalidInput) as caught:
        import_backup(broken, target)
    assert str(caught.value).startswith(
        "user_rules.csv line 2: The rule 'Chess club' has an invalid title pattern '[('"
    )
    assert str(caught.value).endswith("; nothing was restored.")
    _assert_untouched(target)


def test_a_rule_that_the_app_would_refuse_is_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, "user_rules", lambda r: True, category="gossip")
    with pytest.raises(InvalidInput, match=f"^user_rules.json row {row}: .*unknown category"):
        import_backup(broken, target)
    _assert_untouched(target)


def test_a_limit_that_the_app_would_refuse_is_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, "limits", lambda r: True, minutes=10**15)
    with pytest.raises(InvalidInput, match=f"^limits.json row {row}: A daily limit must be 1 to"):
        import_backup(broken, target)
    _assert_untouched(target)


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_ids_beyond_sqlite_integers_are_refused_before_writing(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database, value: int
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, "people", lambda r: True, id=value)
    with pytest.raises(InvalidInput) as caught:
        import_backup(broken, target)
    assert str(caught.value) == (
        f"people.json row {row}: id must be a whole number SQLite can store "
        "(up to 19 digits); nothing was restored."
    )
    _assert_untouched(target)


def test_integers_of_thousands_of_digits_in_csv_are_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["csv"], tmp_path / "broken")
    path = broken / "people.csv"
    lines = path.read_bytes().decode().split("\r\n")
    lines[1] = "9" * 5000 + lines[1][lines[1].index(",") :]
    path.write_bytes("\r\n".join(lines).encode())
    with pytest.raises(InvalidInput, match=r"^people\.csv line 2: id must be a whole number"):
        import_backup(broken, target)
    _assert_untouched(target)


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        (
            "gratitude_entries",
            {"day": "9999-12-31"},
            "day 9999-12-31 is outside the dates Wellbeing keeps",
        ),
        (
            "gratitude_entries",
            {"day": "1999-12-31"},
            "day 1999-12-31 is outside the dates Wellbeing keeps",
        ),
        ("mood_entries", {"at": 1e12}, "at lies outside the dates Wellbeing keeps"),
        ("mood_entries", {"at": -62135596800}, "at lies outside the dates Wellbeing keeps"),
        ("usage_spans", {"end": 1e15}, "end lies outside the dates Wellbeing keeps"),
        (
            "report_presets",
            {"updated_at": 1e300},
            "updated_at lies outside the dates Wellbeing keeps",
        ),
    ],
)
def test_dates_outside_the_supported_range_are_refused(
    exports: dict[str, Path],
    tmp_path: Path,
    target: sqlite_utils.Database,
    table: str,
    change: dict[str, object],
    message: str,
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, table, lambda r: True, **change)
    with pytest.raises(
        InvalidInput, match=f"^{table}.json row {row}: {message} \\(2000 to 2199\\)"
    ):
        import_backup(broken, target)
    _assert_untouched(target)


def test_text_that_is_not_unicode_is_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    path = broken / "people.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Sam"', '"S\\ud800m"'), "utf-8")
    with pytest.raises(InvalidInput, match=r"^people\.json row 1: name is not readable text"):
        import_backup(broken, target)
    _assert_untouched(target)


@pytest.mark.parametrize("file", ["people.json", MANIFEST_NAME])
def test_json_nested_too_deeply_is_refused(
    exports: dict[str, Path], tmp_path: Path, target: sqlite_utils.Database, file: str
) -> None:
    broken = _copy(exports["json"], tmp_path / "broken")
    (broken / file).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"{file} (is not valid JSON|cannot be read as JSON)"):
        import_backup(broken, target)
    _assert_untouched(target)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "ünïcødé"}, "unknown category"),
        ({"category": " Nature"}, "unknown category"),
        ({"minutes": 0}, "minutes"),
        ({"title": " "}, "title"),
        ({"id": "walk-around-the-block"}, "not"),
    ],
)
def test_an_activity_that_the_app_would_refuse_is_refused(
    exports: dict[str, Path],
    tmp_path: Path,
    target: sqlite_utils.Database,
    change: dict[str, object],
    message: str,
) -> None:
    # Found by tests/fuzz/test_fuzz_cli.py: an unknown category broke `wellbeing suggest`.
    broken = _copy(exports["json"], tmp_path / "broken")
    row = _edit_json_row(broken, "activities", lambda r: True, **change)
    with pytest.raises(InvalidInput, match=f"^activities.json row {row}: .*{message}"):
        import_backup(broken, target)
    _assert_untouched(target)
