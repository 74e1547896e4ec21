import json
from pathlib import Path

import pytest

from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock

AW = {
    "buckets": {
        "aw-watcher-window_laptop": {
            "id": "aw-watcher-window_laptop",
            "type": "currentwindow",
            "client": "aw-watcher-window",
            "hostname": "laptop",
            "created": "2026-11-01T10:00:00+00:00",
            "events": [
                {
                    "timestamp": "2026-11-20T10:00:00+00:00",
                    "duration": 600,
                    "data": {"app": "Discord", "title": "general | Discord"},
                },
                {
                    "timestamp": "2026-11-20T10:10:00+00:00",
                    "duration": 300,
                    "data": {"app": "gedit", "title": "notes.txt"},
                },
            ],
        },
        "aw-watcher-afk_laptop": {
            "id": "aw-watcher-afk_laptop",
            "type": "afkstatus",
            "client": "aw-watcher-afk",
            "hostname": "laptop",
            "created": "2026-11-01T10:00:00+00:00",
            "events": [
                {
                    "timestamp": "2026-11-20T09:00:00+00:00",
                    "duration": 7200,
                    "data": {"status": "not-afk"},
                }
            ],
        },
    }
}
DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    '2026-11-20,November 20,Friday,8:15 pm,good,"family | walk",,"Nice <br>evening"\n'
    "2026-11-19,November 19,Thursday,21:00,superb,,,\n"
)


def test_import_activitywatch_then_usage_and_twice_adds_nothing(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "aw.json"
    export.write_text(json.dumps(AW))
    d = ["--data-dir", str(tmp_path / "data")]
    assert main(["import", "activitywatch", str(export), *d], clock=clock) == 0
    assert "Imported 1 stretches" in capsys.readouterr().out
    assert main(["import", "activitywatch", str(export), *d], clock=clock) == 0
    assert "Imported 0" in capsys.readouterr().out
    main(["usage", "--from", "2026-11-20", "--json", *d], clock=clock)
    assert json.loads(capsys.readouterr().out) == [
        {"app": "Discord", "category": "chat", "seconds": 600.0}
    ]


def test_import_daylio_asks_for_unknown_moods_then_maps_them(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "daylio.csv"
    export.write_text(DAYLIO)
    d = ["--data-dir", str(tmp_path / "data")]
    assert main(["import", "daylio", str(export), *d], clock=clock) == 2
    err = capsys.readouterr().err
    assert "superb" in err and "--map" in err and err.count("\n") == 1
    assert main(["import", "daylio", str(export), "--map", "superb=5", *d], clock=clock) == 0
    assert "Imported 2 mood entries" in capsys.readouterr().out
    main(["mood", "list", "--from", "2026-11-19", "--to", "2026-11-20", "--json", *d], clock=clock)
    moods = json.loads(capsys.readouterr().out)
    assert [(m["score"], m["tags"]) for m in moods] == [(5, []), (4, ["family", "walk"])]


@pytest.mark.parametrize("source", ["activitywatch", "daylio"])
def test_missing_or_garbage_files_are_one_sentence(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    assert main(["import", source, str(tmp_path / "nope"), *d], clock=clock) == 2
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\x00\xff not an export")
    assert main(["import", source, str(garbage), *d], clock=clock) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err
