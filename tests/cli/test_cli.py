import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from wellbeing_app.app import fill_demo
from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock


def run(capsys: pytest.CaptureFixture[str], clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_dir(tmp_path_factory: pytest.TempPathFactory, clock: FixedClock) -> Path:
    path = tmp_path_factory.mktemp("demo") / "data"
    fill_demo(path, clock, days=14)
    return path


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str], clock: FixedClock) -> None:
    code, out, _ = run(capsys, clock, "--help")
    assert code == 0
    for name in ("gui", "demo", "usage", "mood", "gratitude", "checkin", "limits", "settings"):
        assert name in out


def test_demo_then_usage_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, demo_dir: Path
) -> None:
    code, out, _ = run(
        capsys,
        clock,
        "usage",
        "--data-dir",
        str(demo_dir),
        "--from",
        "2026-11-18",
        "--to",
        "2026-11-18",
        "--json",
    )
    assert code == 0
    rows = json.loads(out)
    assert rows and all(set(r) == {"app", "category", "seconds"} for r in rows)
    seconds = [r["seconds"] for r in rows]
    assert seconds == sorted(seconds, reverse=True)

    code, out, _ = run(
        capsys,
        clock,
        "usage",
        "--data-dir",
        str(demo_dir),
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-18",
        "--by",
        "day",
        "--json",
    )
    days = {r["day"] for r in json.loads(out)}
    assert days == {"2026-11-16", "2026-11-17", "2026-11-18"}
    code, out, _ = run(
        capsys, clock, "--data-dir", str(demo_dir), "usage", "--by", "category", "--json"
    )
    assert all(set(r) == {"category", "seconds"} for r in json.loads(out))


def test_demo_refuses_a_folder_with_data(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, demo_dir: Path
) -> None:
    code, _, err = run(capsys, clock, "demo", "--data-dir", str(demo_dir))
    assert code == 2
    assert "already holds entries" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["mood", "add", "9"], "from 1 (awful) to 5 (great)"),
        (["mood", "add", "great"], "whole number"),
        (["usage", "--from", "2026-02-30"], "is not a date"),
        (["usage", "--from", "2026-02-03", "--to", "2026-02-01"], "is before --from"),
        (["usage", "--colour", "red"], "unrecognized arguments"),
        (["frobnicate"], "invalid choice"),
        (["checkin", "who5", "1", "2", "3", "4", "7"], "from 0 to 5"),
        (["checkin", "who5", "1", "2"], "the following arguments"),
        (["limits", "set", "Reddit", "0"], "1 to 1440 minutes"),
        (["limits", "set", "Minesweeper", "30"], "neither a community app"),
        (["settings", "set", "day_start_hour", "25"], "between 0 and 23"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    data_dir: Path,
    argv: list[str],
    message: str,
) -> None:
    code, out, err = run(capsys, clock, *argv, "--data-dir", str(data_dir))
    assert code == 2
    assert message.lower() in err.lower()
    assert err.count("\n") == 1
    assert err.startswith("wellbeing: ")
    assert "Traceback" not in err


def test_mood_add_and_list_json(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, data_dir: Path
) -> None:
    assert (
        run(
            capsys,
            clock,
            "mood",
            "add",
            "4",
            "--tags",
            "calm,Family",
            "--note",
            "ok",
            "--data-dir",
            str(data_dir),
        )[0]
        == 0
    )
    code, out, _ = run(capsys, clock, "mood", "list", "--json", "--data-dir", str(data_dir))
    (entry,) = json.loads(out)
    assert entry["score"] == 4 and entry["label"] == "good"
    assert entry["tags"] == ["calm", "family"] and entry["note"] == "ok"
    assert entry["at"] == "2026-11-21T21:00:00+01:00"


def test_gratitude_checkin_limits_settings(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, demo_dir: Path
) -> None:
    d = ["--data-dir", str(demo_dir)]
    assert run(capsys, clock, "gratitude", "add", "tea with Ana", "sunny walk", *d)[0] == 0
    code, out, _ = run(capsys, clock, "gratitude", "list", "--json", *d)
    assert [i["text"] for i in json.loads(out)[-1]["items"]] == ["tea with Ana", "sunny walk"]
    code, out, _ = run(capsys, clock, "checkin", "who5", "3", "3", "2", "2", "3", "--json", *d)
    result = json.loads(out)
    assert (result["raw_score"], result["percentage"]) == (13, 52.0)
    assert run(capsys, clock, "limits", "set", "reddit", "20", *d)[0] == 0
    code, out, _ = run(capsys, clock, "limits", "--json", *d)
    standing = {r["target"]: r for r in json.loads(out)}
    assert standing["Reddit"]["minutes"] == 20
    today = date(2026, 11, 21).isoformat()
    _, usage_out, _ = run(capsys, clock, "usage", "--from", today, "--json", *d)
    reddit = [r["seconds"] for r in json.loads(usage_out) if r["app"] == "Reddit"]
    assert standing["Reddit"]["used_minutes"] == pytest.approx(sum(reddit) / 60, abs=0.1)
    assert run(capsys, clock, "settings", "set", "window_titles", "drop", *d)[0] == 0
    code, out, _ = run(capsys, clock, "settings", "--json", *d)
    assert json.loads(out)["window_titles"] == "drop"


def test_module_entry_point_runs_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wellbeing_app",
            "mood",
            "add",
            "9",
            "--data-dir",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "1 (awful) to 5 (great)" in result.stderr


def test_phq9_band_line_never_begins_with_the_item_9_statement(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    # Before: "Moderate: You said you have had thoughts of being better off dead..."
    d = ["--data-dir", str(tmp_path / "data")]
    answers = ["2", "2", "2", "1", "1", "1", "1", "0", "1"]  # total 11, item 9 "several days"
    code, out, _ = run(capsys, clock, "checkin", "phq9", *answers, *d)
    assert code == 0
    lines = out.splitlines()
    band = next(i for i, line in enumerate(lines) if line.startswith("Moderate: "))
    assert lines[band].startswith("Moderate: PHQ-9 (")
    assert "better off dead" not in lines[band]
    first = next(i for i, line in enumerate(lines) if "better off dead" in line)
    assert first < band  # the statement and the lines come first, on their own


def test_phq9_json_crisis_lines_say_where_and_when_they_were_checked(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    code, out, _ = run(capsys, clock, "settings", "set", "crisis_lines", "Sam: 07700 900123", *d)
    answers = ["0", "0", "0", "0", "0", "0", "0", "0", "1"]
    code, out, _ = run(capsys, clock, "checkin", "phq9", *answers, "--json", *d)
    assert code == 0
    lines = json.loads(out)["crisis_resources"]
    assert lines[0] == {
        "name": "Sam",
        "contact": "07700 900123",
        "note": "",
        "source": "",
        "checked": "",
    }
    shipped = lines[1:]
    assert shipped and all(line["source"].startswith(("https://", "http://")) for line in shipped)
    assert all(len(line["checked"]) in (7, 10) for line in shipped)  # YYYY-MM or YYYY-MM-DD


def test_who5_at_or_below_28_names_the_depression_cut_off(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    code, out, _ = run(capsys, clock, "checkin", "who5", "2", "2", "1", "1", "1", *d)
    assert code == 0
    assert "28/100" in out and "often seen with depression" in out and "not a diagnosis" in out
    code, out, _ = run(capsys, clock, "checkin", "who5", "2", "2", "2", "1", "1", *d)
    assert "low well-being" in out and "depression" not in out


def test_limits_never_count_approximate_time(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    from wellbeing_app.core.models import UsageSpan
    from wellbeing_app.storage.repositories import open_repositories

    data_dir = tmp_path / "d"
    repos = open_repositories(data_dir)
    at = clock.now().timestamp() - 3600  # 20:00 local: one hour, no hour boundary crossed
    repos.usage.add_spans(
        [
            UsageSpan(at, at + 600, 3600, "Slack", "chat"),
            UsageSpan(at + 600, at + 2400, 3600, "Slack", "chat", approximate=True),
        ]
    )
    repos.close()
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, clock, "limits", "set", "slack", "20", *d)[0] == 0
    code, out, _ = run(capsys, clock, "limits", "--json", *d)
    assert code == 0
    assert [(r["target"], r["used_minutes"]) for r in json.loads(out)] == [("Slack", 10.0)]
    _, usage_out, _ = run(capsys, clock, "usage", "--json", *d)
    assert [r["seconds"] for r in json.loads(usage_out)] == [2400.0]  # shown, labelled
