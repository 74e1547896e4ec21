"""Daylio import: every export variant, renamed moods, broken rows, idempotence, the database.

The files in ``data/`` follow real exports' shapes: the newest with a ``scales`` column and
24-hour times; an older one with no ``note_title`` and 12-hour times mixed with a 24-hour one
(as in daylio-parser's test data); renamed moods with quoted activities and AM/PM (as in the
Obsidian Daylio parser's samples). Smaller variants are written inline. Local times get the
machine's offset; the tests compare with ``datetime(...).astimezone()`` so they pass in any
time zone, except the one that pins Europe/Berlin to check the offset across a DST change.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import MoodEntry
from wellbeing_app.importers.daylio import (
    DaylioError,
    DaylioImport,
    import_daylio,
    mood_names,
    parse_mapping,
    read_daylio,
    unmapped_moods,
)
from wellbeing_app.storage.repositories import Repositories

DATA = Path(__file__).parent / "data"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
EVER = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """The naive local time as the importer reads it: this machine's offset on that date."""
    return datetime(year, month, day, hour, minute).astimezone()


def entries(text: str, mapping: dict[str, int] | None = None) -> list[MoodEntry]:
    return [entry for entry, _key in read_daylio(text, mapping or {})]


def one(row: str, header: str = HEADER) -> MoodEntry:
    (entry,) = entries(header + row + "\n")
    return entry


def error_of(text: str, mapping: dict[str, int] | None = None) -> DaylioError:
    with pytest.raises(DaylioError) as caught:
        read_daylio(text, mapping or {})
    assert_one_sentence(str(caught.value))
    return caught.value


def assert_one_sentence(message: str) -> None:
    assert "\n" not in message
    assert message.endswith(".")
    assert not message[:1].islower()


def stored(repos: Repositories) -> list[MoodEntry]:
    return repos.moods.between(*EVER)


def write(tmp_path: Path, text: str, name: str = "daylio_export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ export variants


def test_newest_export_with_scales_gives_scores_tags_and_plain_notes() -> None:
    found = entries((DATA / "daylio_scales.csv").read_text(encoding="utf-8"))
    assert [e.score for e in found] == [5, 4, 3, 2, 1]
    assert found[0].at == local(2024, 3, 31, 21, 40)
    assert found[0].tags == ("family", "walk", "good meal")
    assert found[0].note == (
        "Easter walk\n\nLong walk by the river with Mum & Dad.\nIce cream after.\n\nSlept early."
    )
    assert found[1].tags == ("reading",)
    assert found[1].note == ""
    assert found[2].tags == ("work", "social media", "bad sleep")
    assert found[3].note == (
        "Too late online\n\nTwo hours on Reddit > I meant ten minutes.\n"
        "Phone stays in the kitchen tomorrow."
    )
    assert found[4].tags == ()
    assert found[4].note == "Headache, cancelled everything."
    assert all("Sleep" not in e.note for e in found)  # scales are not notes


def test_older_export_without_note_title_and_with_12_hour_times() -> None:
    found = entries((DATA / "daylio_12h_no_title.csv").read_text(encoding="utf-8"))
    assert [e.at for e in found] == [
        local(2020, 5, 30, 18, 50),
        local(2020, 5, 30, 12, 38),
        local(2020, 5, 30, 0, 5),
        local(2020, 5, 29, 14, 58),
        local(2020, 5, 29, 7, 9),
    ]
    assert [e.score for e in found] == [5, 4, 3, 2, 1]
    assert found[0].tags == ("friends", "gaming", "programming", "nap")
    assert [e.note for e in found] == ["Awesome", "Life is beautiful", "", "Could be better", ""]


@pytest.mark.parametrize(
    ("written", "hour", "minute"),
    [
        ("18:50", 18, 50),
        ("06:50", 6, 50),
        ("0:00", 0, 0),
        ("6:50 pm", 18, 50),
        ("6:50 am", 6, 50),
        ("12:05 am", 0, 5),
        ("12:00 pm", 12, 0),
        ("11:59 PM", 23, 59),
        ("10:04 AM", 10, 4),
        ("6:50pm", 18, 50),
        ("6:50 p.m.", 18, 50),
        (" 9:15 ", 9, 15),
    ],
)
def test_12_and_24_hour_times(written: str, hour: int, minute: int) -> None:
    entry = one(f'2024-03-14,March 14,Thursday,"{written}",good,,"",""')
    assert entry.at == local(2024, 3, 14, hour, minute)


def test_utf8_bom_crlf_and_spaces_around_header_names_and_moods(
    repos: Repositories, tmp_path: Path
) -> None:
    text = (
        "full_date , date,weekday, Time ,MOOD,activities,note_title,note\r\n"
        "2024-03-14,March 14,Thursday,08:00, Good ,walk,,\r\n"
        "2024-03-14,March 14,Thursday,09:00,RAD,,,\r\n"
    )
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert [e.score for e in entries("\ufeff" + text)] == [4, 5]
    assert import_daylio(path, repos).added == 2


def test_activities_split_on_pipes_trimmed_lower_cased_and_deduplicated() -> None:
    entry = one('2024-03-14,March 14,Thursday,08:00,good," Walk | walk |  Movies / TV | |Gym",,')
    assert entry.tags == ("walk", "movies / tv", "gym")


def test_quoted_activities_and_a_note_over_several_lines() -> None:
    text = HEADER + (
        '2024-03-14,March 14,Thursday,08:00,good,"chess | ""quoted"" game","Title",'
        '"first line\nsecond line with a, comma"\n'
        "2024-03-13,March 13,Wednesday,08:00,bad,,,\n"
    )
    first, second = entries(text)
    assert first.tags == ("chess", '"quoted" game')
    assert first.note == "Title\n\nfirst line\nsecond line with a, comma"
    assert second.score == 2


@pytest.mark.parametrize(
    ("title", "note", "expected"),
    [
        ("", "Just the note", "Just the note"),
        ("Just the title", "", "Just the title"),
        ("Same", "Same", "Same"),
        ("  Title  ", "<b>Bold</b> text<br><br><br><br>after", "Title\n\nBold text\n\nafter"),
        (
            "",
            "a &lt;b&gt; tag written out &amp; an&nbsp;entity",
            "a <b> tag written out & an entity",
        ),
        ("", "I <3 this &#128578;", "I <3 this \U0001f642"),
        ("", "<p>One</p><p>Two</p>", "One\nTwo"),
        ("", '<span style=""color:red"">red</span>', "red"),
    ],
)
def test_notes_lose_html_and_join_the_title(title: str, note: str, expected: str) -> None:
    assert one(f'2024-03-14,March 14,Thursday,08:00,good,,"{title}","{note}"').note == expected


@pytest.mark.parametrize(
    ("mood", "score"),
    [("rad", 5), ("good", 4), ("meh", 3), ("average", 3), ("okay", 3), ("bad", 2), ("awful", 1)],
)
def test_daylio_default_moods(mood: str, score: int) -> None:
    assert one(f"2024-03-14,March 14,Thursday,08:00,{mood},,,").score == score
    assert one(f"2024-03-14,March 14,Thursday,08:00,{mood.upper()},,,").score == score


def test_a_row_short_of_trailing_empty_fields_is_read() -> None:
    assert one("2024-03-14,March 14,Thursday,08:00,good").score == 4


def test_blank_lines_between_rows_are_ignored() -> None:
    text = HEADER + "\n2024-03-14,March 14,Thursday,08:00,good,,,\n\n,,,,,,,\n"
    assert len(entries(text)) == 1


# --------------------------------------------------------------------------------- renamed moods


def test_renamed_moods_without_a_score_are_all_named_in_one_sentence() -> None:
    error = error_of((DATA / "daylio_custom_moods.csv").read_text(encoding="utf-8"))
    assert str(error) == (
        "These moods have no score: 'superb', 'vaguely ok', 'blah';"
        " give each with --map NAME=SCORE."
    )
    assert error.unknown_moods == ("superb", "vaguely ok", "blah")
    assert isinstance(error, InvalidInput)


def test_one_renamed_mood_without_a_score() -> None:
    error = error_of(HEADER + "2024-03-14,March 14,Thursday,08:00,Superb,,,\n")
    assert str(error) == "This mood has no score: 'superb'; give it with --map NAME=SCORE."


def test_renamed_moods_with_a_mapping(repos: Repositories) -> None:
    mapping = parse_mapping(["superb=5", " Vaguely OK = 3", "blah=2"])
    result = import_daylio(DATA / "daylio_custom_moods.csv", repos, mapping)
    assert result == DaylioImport(
        added=5, skipped=0, first=date(2022, 10, 26), last=date(2022, 10, 30)
    )
    found = stored(repos)  # oldest first
    assert [e.score for e in found] == [5, 4, 2, 3, 5]
    assert found[0].at == local(2022, 10, 26, 20, 0)
    assert found[2].at == local(2022, 10, 27, 0, 0)
    assert found[2].tags == ("working remotely", "tired")
    assert found[4].tags == ("board game", '"quoted activity"')
    assert found[4].note == "Game night\n\nWon at Catan for once."


def test_a_mapping_may_rescore_a_default_mood() -> None:
    assert one("2024-03-14,March 14,Thursday,08:00,meh,,,").score == 3
    (entry,) = entries(HEADER + "2024-03-14,March 14,Thursday,08:00,Meh,,,\n", {"MEH": 2})
    assert entry.score == 2


@pytest.mark.parametrize("score", [0, 6, True])
def test_a_mapping_with_a_score_out_of_range_is_refused(score: int) -> None:
    error = error_of(HEADER + "2024-03-14,March 14,Thursday,08:00,superb,,,\n", {"superb": score})
    assert "'superb'" in str(error)


def test_mood_names_and_unmapped_moods_tell_the_gui_what_to_ask() -> None:
    text = (DATA / "daylio_custom_moods.csv").read_text(encoding="utf-8")
    assert mood_names(text) == {"superb", "vaguely ok", "blah", "good"}
    assert unmapped_moods(text) == ["blah", "superb", "vaguely ok"]
    assert unmapped_moods(text, {"Superb": 5}) == ["blah", "vaguely ok"]
    assert mood_names(HEADER) == set()


def test_parse_mapping_reads_name_equals_score() -> None:
    assert parse_mapping([]) == {}
    assert parse_mapping(["superb=5", "Vaguely OK=3", "a=b=1", "superb = 5"]) == {
        "superb": 5,
        "vaguely ok": 3,
        "a=b": 1,
    }


@pytest.mark.parametrize(
    "item", ["superb", "superb=", "=5", " =5", "superb=6", "superb=0", "superb=five"]
)
def test_parse_mapping_refuses_a_bad_item_in_one_sentence(item: str) -> None:
    with pytest.raises(DaylioError, match="is not NAME=SCORE") as caught:
        parse_mapping([item])
    assert_one_sentence(str(caught.value))


def test_parse_mapping_refuses_two_scores_for_one_mood() -> None:
    with pytest.raises(DaylioError, match="'superb' is given two different scores"):
        parse_mapping(["superb=5", "Superb=4"])


# ---------------------------------------------------------------------------------- broken rows


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("2024-03-14,March 14,Thursday,08:00,,walk,,", "Line 4 has no mood."),
        ("2024-03-14,March 14,Thursday,08:00,   ,walk,,", "Line 4 has no mood."),
        ("2024-02-30,February 30,Friday,08:00,good,,,", "Line 4 has '2024-02-30' as its date"),
        (",March 14,Thursday,08:00,good,,,", "Line 4 has '' as its date"),
        ("2024-03-14,March 14,Thursday,25:00,good,,,", "Line 4 has '25:00' as its time"),
        ("2024-03-14,March 14,Thursday,13:10 pm,good,,,", "Line 4 has '13:10 pm' as its time"),
        ("2024-03-14,March 14,Thursday,0:30 am,good,,,", "Line 4 has '0:30 am' as its time"),
        ("2024-03-14,March 14,Thursday,8:61,good,,,", "Line 4 has '8:61' as its time"),
        ("2024-03-14,March 14,Thursday,noon,good,,,", "Line 4 has 'noon' as its time"),
        ("2024-03-14,March 14,Thursday,,good,,,", "Line 4 has '' as its time"),
        ("2024-03-14,March 14,Thursday,08:00,good,,,,extra", "Line 4 has 9 fields"),
        ("2024-03-14,March 14,Thursday,08:00,good," + "x" * 61 + ",,", "Line 4: the tag"),
        ('2024-03-14,March 14,Thursday,08:00,good,,,"' + "x" * 10_001 + '"', "Line 4: the note"),
    ],
)
def test_a_broken_row_stops_the_import_naming_its_line(
    row: str, says: str, repos: Repositories, tmp_path: Path
) -> None:
    # line 2 holds a note over two lines, so line 4 is the fourth line, not the third row
    text = HEADER + '2024-03-15,March 15,Friday,08:00,good,,,"two\nlines"\n' + row + "\n"
    assert error_of(text).args[0].startswith(says)
    with pytest.raises(DaylioError):
        import_daylio(write(tmp_path, text), repos)
    assert repos.moods.count() == 0


def test_a_misplaced_long_cell_is_shown_short_and_on_one_line() -> None:
    row = '2024-03-14,March 14,Thursday,"Dear diary,\ntoday was long and I wrote a lot",good,,,'
    assert str(error_of(HEADER + row + "\n")) == (
        "Line 2 has 'Dear diary, today was long an…' as its time, not a time like 18:50 or 6:50 pm."
    )


def test_a_broken_row_after_good_ones_writes_nothing(repos: Repositories, tmp_path: Path) -> None:
    good = "".join(f"2024-03-{day:02d},March {day},Friday,08:00,good,,,\n" for day in range(1, 21))
    path = write(tmp_path, HEADER + good + "2024-03-21,March 21,Thursday,8 o'clock,good,,,\n")
    with pytest.raises(DaylioError, match="Line 22 has"):
        import_daylio(path, repos)
    assert repos.moods.count() == 0


def test_a_broken_row_is_reported_before_renamed_moods() -> None:
    text = HEADER + "2024-03-14,March 14,Thursday,08:00,superb,,,\n,,,08:00,good,,,\n"
    assert str(error_of(text)).startswith("Line 3 has '' as its date")


def test_an_unclosed_quote_is_not_valid_csv() -> None:
    text = HEADER + '2024-03-14,March 14,Thursday,08:00,good,,,"never closed\nstill open\n'
    assert str(error_of(text)).startswith("Line 2 is not valid CSV")  # where the row starts


# ------------------------------------------------------------------------ empty and wrong files


def test_a_header_only_file_adds_nothing(repos: Repositories, tmp_path: Path) -> None:
    result = import_daylio(write(tmp_path, HEADER), repos)
    assert result == DaylioImport(added=0, skipped=0, first=None, last=None)
    assert import_daylio(write(tmp_path, HEADER.strip()), repos).added == 0


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_an_empty_file_is_a_clear_error(
    content: bytes, repos: Repositories, tmp_path: Path
) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(content)
    with pytest.raises(DaylioError, match="The file is empty") as caught:
        import_daylio(path, repos)
    assert_one_sentence(str(caught.value))


def test_a_file_that_is_not_a_daylio_export() -> None:
    error = error_of("date,score,notes\n2024-03-14,4,fine\n")
    assert str(error) == (
        "This is not a Daylio CSV export: its header has no 'full_date', 'time', 'mood' columns."
    )
    assert str(error_of("full_date,date,weekday,time,activities\n")).endswith("no 'mood' column.")
    assert str(error_of(HEADER + "2024-03-14,,,08:00,good\x00,,,\n")) == (
        "The file holds binary data; it is not a Daylio CSV export."
    )


def test_unreadable_files_are_one_sentence(repos: Repositories, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        (HEADER + "2024-03-14,14 März,Donnerstag,08:00,good,,,Café\n").encode("cp1252")
    )
    for path, says in [
        (tmp_path / "missing.csv", "There is no file"),
        (tmp_path, "is a folder"),
        (latin1, "The file latin1.csv is not UTF-8 text"),
    ]:
        with pytest.raises(DaylioError, match=says) as caught:
            import_daylio(path, repos)
        assert_one_sentence(str(caught.value))


# ---------------------------------------------------------------------- idempotence and storage


def test_importing_twice_adds_nothing_the_second_time(repos: Repositories) -> None:
    path = DATA / "daylio_scales.csv"
    first = import_daylio(path, repos)
    again = import_daylio(path, repos)
    assert first == DaylioImport(
        added=5, skipped=0, first=date(2024, 3, 28), last=date(2024, 3, 31)
    )
    assert again == DaylioImport(
        added=0, skipped=5, first=date(2024, 3, 28), last=date(2024, 3, 31)
    )
    assert repos.moods.count() == 5


def test_a_newer_export_adds_only_the_new_entries(repos: Repositories, tmp_path: Path) -> None:
    older = "2024-03-13,March 13,Wednesday,08:00,good,walk,,\n"
    import_daylio(write(tmp_path, HEADER + older), repos)
    newer = (
        "2024-03-14,March 14,Thursday,08:00,bad,,,\n2024-03-14,March 14,Thursday,08:00,bad,,,x\n"
    )
    result = import_daylio(write(tmp_path, HEADER + newer + older), repos)
    assert (result.added, result.skipped) == (2, 1)  # same minute and mood, another note: new


def test_an_identical_row_twice_in_one_file_is_added_once(
    repos: Repositories, tmp_path: Path
) -> None:
    row = "2024-03-14,March 14,Thursday,08:00,good,walk,,same\n"
    result = import_daylio(write(tmp_path, HEADER + row + row), repos)
    assert (result.added, result.skipped, result.entries) == (1, 1, 2)


def test_import_keys_name_the_source_moment_mood_and_all_content() -> None:
    text = HEADER + (
        "2024-03-14,March 14,Thursday,6:05 pm, Good ,,,hello\n"
        "2024-03-14,March 14,Thursday,6:05 pm,good,walk | family,,hello\n"
        "2024-03-14,March 14,Thursday,6:05 pm,good,Family|walk,,hello\n"
        "2024-03-14,March 14,Thursday,6:05 pm,good,walk | family,,hello again\n"
    )
    keys = [key for _entry, key in read_daylio(text, {})]
    assert all(key.startswith("daylio:2024-03-14 18:05|good|") for key in keys)
    assert len(keys[0].rpartition("|")[2]) == 16
    assert keys[1] == keys[2]  # the same activities in another order: the same entry
    assert len({keys[0], keys[1], keys[3]}) == 3  # activities and note tell entries apart


def test_check_ins_in_the_same_minute_that_differ_only_in_activities_are_all_kept(
    repos: Repositories, tmp_path: Path
) -> None:
    text = HEADER + (
        "2024-03-14,March 14,Thursday,08:00,good,walk,,\n"
        "2024-03-14,March 14,Thursday,08:00,good,reading,,\n"
        "2024-03-14,March 14,Thursday,08:00,good,,,\n"
    )
    first = import_daylio(write(tmp_path, text), repos)
    assert (first.added, first.skipped) == (3, 0)
    assert sorted(e.tags for e in stored(repos)) == [(), ("reading",), ("walk",)]
    again = import_daylio(write(tmp_path, text), repos)
    assert (again.added, again.skipped, again.edited) == (0, 3, 0)


def test_an_entry_edited_in_daylio_comes_in_beside_the_earlier_version(
    repos: Repositories, tmp_path: Path
) -> None:
    # The person's words are never replaced: the edited entry is added, the earlier version
    # stays, and the import says so (so it is no silent duplicate).
    older = HEADER + "2024-03-14,March 14,Thursday,08:00,good,walk,,Slept badly\n"
    import_daylio(write(tmp_path, older), repos)
    edited = HEADER + (
        "2024-03-15,March 15,Friday,09:00,rad,,,\n"
        "2024-03-14,March 14,Thursday,08:00,good,walk,,Slept badly; the walk helped\n"
    )
    result = import_daylio(write(tmp_path, edited), repos)
    assert (result.added, result.skipped, result.edited) == (2, 0, 1)
    assert [e.note for e in stored(repos)] == [
        "Slept badly",
        "Slept badly; the walk helped",
        "",
    ]
    again = import_daylio(write(tmp_path, edited), repos)
    assert (again.added, again.skipped, again.edited) == (0, 2, 0)


def test_entries_an_earlier_version_imported_are_recognised_not_added_again(
    repos: Repositories, tmp_path: Path
) -> None:
    # Before this version, keys held the minute, mood and note only, and the second of two
    # check-ins that differed in activities alone was dropped. Re-importing that export adds
    # the dropped one and nothing else.
    text = HEADER + (
        "2024-03-14,March 14,Thursday,08:00,good,reading,,\n"
        "2024-03-14,March 14,Thursday,08:00,good,walk,,\n"
        "2024-03-13,March 13,Wednesday,21:00,meh,,,Tired\n"
    )
    entries = read_daylio(text, {})
    legacy = [
        (entries[0][0], "daylio:2024-03-14 08:00|good|da39a3ee5e6b"),  # sha1("")[:12]
        (entries[2][0], "daylio:2024-03-13 21:00|meh|" + sha1_12("Tired")),
    ]
    assert repos.moods.add_imported(legacy) == 2
    result = import_daylio(write(tmp_path, text), repos)
    assert (result.added, result.skipped, result.edited) == (1, 2, 0)
    assert sorted(e.tags for e in stored(repos)) == [(), ("reading",), ("walk",)]
    again = import_daylio(write(tmp_path, text), repos)
    assert (again.added, again.skipped) == (0, 3)


def sha1_12(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def test_round_trip_into_the_database(repos: Repositories) -> None:
    result = import_daylio(DATA / "daylio_12h_no_title.csv", repos)
    assert result == DaylioImport(
        added=5, skipped=0, first=date(2020, 5, 29), last=date(2020, 5, 30)
    )
    found = stored(repos)
    assert [(e.at, e.score, e.label) for e in found] == [
        (local(2020, 5, 29, 7, 9), 1, "awful"),
        (local(2020, 5, 29, 14, 58), 2, "bad"),
        (local(2020, 5, 30, 0, 5), 3, "okay"),
        (local(2020, 5, 30, 12, 38), 4, "good"),
        (local(2020, 5, 30, 18, 50), 5, "great"),
    ]
    assert [e.at.utcoffset() for e in found] == [local(2020, 5, 29).utcoffset()] * 5
    assert found[4].tags == ("friends", "gaming", "programming", "nap")
    assert found[4].note == "Awesome"
    assert found[1].note == "Could be better"
    assert found[0].tags == () and found[0].note == ""
    assert all(e.energy is None for e in found)


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset") or not Path("/usr/share/zoneinfo/Europe/Berlin").exists():
        pytest.skip("needs the Europe/Berlin time zone and time.tzset()")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("berlin")
def test_each_entry_gets_the_local_offset_of_its_own_date(
    repos: Repositories, tmp_path: Path
) -> None:
    # Central Europe moved to summer time at 02:00 on 2024-03-31
    text = HEADER + (
        "2024-03-31,March 31,Sunday,12:00,good,,,\n2024-03-30,March 30,Saturday,12:00,good,,,\n"
    )
    import_daylio(write(tmp_path, text), repos)
    assert [e.at.isoformat() for e in stored(repos)] == [
        "2024-03-30T12:00:00+01:00",
        "2024-03-31T12:00:00+02:00",
    ]


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("0001-01-01", "Line 3 has 0001-01-01 as its date, outside the dates Wellbeing keeps"),
        ("9999-12-31", "Line 3 has 9999-12-31 as its date, outside the dates Wellbeing keeps"),
        ("1999-12-31", "Line 3 has 1999-12-31 as its date, outside the dates Wellbeing keeps"),
    ],
)
def test_dates_outside_the_supported_range_are_refused(
    day: str, says: str, repos: Repositories, tmp_path: Path
) -> None:
    text = HEADER + "2024-03-15,March 15,Friday,08:00,good,,,\n" + f"{day},x,y,00:10,good,,,\n"
    assert str(error_of(text)).startswith(says)
    with pytest.raises(DaylioError):
        import_daylio(write(tmp_path, text), repos)
    assert repos.moods.count() == 0
