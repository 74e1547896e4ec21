import json
import stat
from pathlib import Path

import pytest

from wellbeing_app.app import backup_if_due, fill_demo
from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock
from wellbeing_app.storage.repositories import open_repositories


@pytest.fixture
def demo_dir(tmp_path: Path, clock: FixedClock) -> Path:
    fill_demo(tmp_path / "data", clock, days=14)
    return tmp_path / "data"


def test_export_shows_first_then_writes_private_files_and_restores(
    tmp_path: Path, clock: FixedClock, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export"
    d = ["--data-dir", str(demo_dir)]
    assert main(["export", "--format", "csv", "--out", str(out), "--dry-run", *d], clock=clock) == 0
    shown = capsys.readouterr().out
    assert "mood_entries" in shown and "nothing was written" in shown
    assert not out.exists()
    assert main(["export", "--format", "csv", "--out", str(out), *d], clock=clock) == 0
    assert "readable only by you" in capsys.readouterr().out
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in out.iterdir())
    # Never silently overwrite.
    assert main(["export", "--format", "json", "--out", str(out), *d], clock=clock) == 2
    assert "already holds files" in capsys.readouterr().err
    fresh = ["--data-dir", str(tmp_path / "restored")]
    assert main(["import", "backup", str(out), *fresh], clock=clock) == 0
    assert "Restored" in capsys.readouterr().out
    for argv in (
        ["usage", "--from", "2026-11-15", "--to", "2026-11-21", "--json"],
        ["mood", "list", "--from", "2026-11-08", "--to", "2026-11-21", "--json"],
    ):
        main([*argv, *d], clock=clock)
        original = json.loads(capsys.readouterr().out)
        main([*argv, *fresh], clock=clock)
        assert json.loads(capsys.readouterr().out) == original


def test_backup_list_and_restore(
    tmp_path: Path, clock: FixedClock, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ["--data-dir", str(demo_dir)]
    assert main(["backup", *d], clock=clock) == 0
    backup = Path(capsys.readouterr().out.split("Backed up to ", 1)[1].strip().rstrip("."))
    assert main(["mood", "add", "5", "--note", "after the backup", *d], clock=clock) == 0
    assert main(["backup", "--list", "--json", *d], clock=clock) == 0
    capsys.readouterr()
    assert main(["backup", "--restore", str(backup), *d], clock=clock) == 0
    assert "previous database was kept" in capsys.readouterr().out
    main(["mood", "list", "--json", *d], clock=clock)
    assert all(m["note"] != "after the backup" for m in json.loads(capsys.readouterr().out))


def test_automatic_backups_come_when_due_and_keep_only_the_newest(
    clock: FixedClock, demo_dir: Path
) -> None:
    repos = open_repositories(demo_dir)
    repos.settings_store.set("backups_to_keep", 2)
    made = []
    for _ in range(4):
        made.append(backup_if_due(repos, demo_dir, clock))
        assert backup_if_due(repos, demo_dir, clock) is None  # not due again at once
        clock.advance(25 * 3600)
    assert all(made)
    assert len(list((demo_dir / "backups").glob("*.db"))) == 2
    repos.close()


def test_report_writes_a_pdf_with_what_was_left_out_and_never_overwrites(
    tmp_path: Path, clock: FixedClock, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.pdf"
    d = ["--data-dir", str(demo_dir)]
    assert (
        main(
            [
                "report",
                "--from",
                "2026-11-08",
                "--to",
                "2026-11-21",
                "--out",
                str(out),
                "--exclude-notes",
                "--include",
                "cover,mood,usage",
                *d,
            ],
            clock=clock,
        )
        == 0
    )
    said = capsys.readouterr().out
    assert "Left out: notes" in said
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["report", "--out", str(out), *d], clock=clock) == 2
    assert "already exists" in capsys.readouterr().err
    assert (
        main(["report", "--out", str(tmp_path / "x.pdf"), "--include", "nope", *d], clock=clock)
        == 2
    )


def test_report_help_says_the_range_defaults_to_four_weeks(
    capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    assert main(["report", "--help"], clock=clock) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "default: four weeks before --to" in shown
    assert "(default: today)" in shown  # --to
    assert "first day (default: today)" not in shown


def test_a_range_reaching_before_the_data_is_clamped_and_says_so(
    tmp_path: Path, clock: FixedClock, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.pdf"
    argv = ["report", "--from", "2000-01-01", "--out", str(out), "--data-dir", str(demo_dir)]
    assert main(argv, clock=clock) == 0
    said = capsys.readouterr()
    assert "(2026-11-08 to 2026-11-21, " in said.out
    assert said.err.strip() == (
        "The record begins on 2026-11-08, so the report starts there instead of 2000-01-01."
    )
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("first", "last", "where"),
    [("2027-01-01", "2027-01-31", "after"), ("2020-01-01", "2020-02-01", "before")],
)
def test_a_range_outside_the_data_is_refused(
    tmp_path: Path,
    clock: FixedClock,
    demo_dir: Path,
    capsys: pytest.CaptureFixture[str],
    first: str,
    last: str,
    where: str,
) -> None:
    out = tmp_path / "empty.pdf"
    argv = ["report", "--from", first, "--to", last, "--out", str(out)]
    assert main([*argv, "--data-dir", str(demo_dir)], clock=clock) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"wellbeing: There are no entries from {first} to {last}: the record runs from"
        " 2026-11-08 to 2026-11-21, so no report was written."
    )
    assert not out.exists()


@pytest.mark.parametrize("name", ["x.txt", "report", "report.PDF.txt"])
def test_a_report_is_written_only_under_a_pdf_name(
    tmp_path: Path,
    clock: FixedClock,
    demo_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    out = tmp_path / name
    assert main(["report", "--out", str(out), "--data-dir", str(demo_dir)], clock=clock) == 2
    err = capsys.readouterr().err.strip()
    assert (
        err == f"wellbeing: A report is a PDF: give --out a name ending in .pdf, not {out.name!r}."
    )
    assert list(tmp_path.iterdir()) == [demo_dir]


def test_contradictory_report_flags_are_refused(
    tmp_path: Path, clock: FixedClock, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    argv = ["report", "--out", str(out), "--include-notes", "--exclude-notes"]
    assert main([*argv, "--data-dir", str(demo_dir)], clock=clock) == 2
    err = capsys.readouterr().err
    assert err.strip() == "wellbeing: Choose --include-notes or --exclude-notes, not both."
    assert not out.exists()
