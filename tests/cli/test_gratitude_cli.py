"""`wellbeing gratitude add` adds to the day's good things; it never replaces them."""

import json
import sqlite3
from pathlib import Path

import pytest

from wellbeing_app.cli import main
from wellbeing_app.core.clock import FixedClock


def run(capsys: pytest.CaptureFixture[str], clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def items_today(capsys: pytest.CaptureFixture[str], clock: FixedClock, d: list[str]) -> list[str]:
    code, out, _ = run(capsys, clock, "gratitude", "list", "--json", *d)
    assert code == 0
    days = json.loads(out)
    return [item["text"] for item in days[-1]["items"]] if days else []


def test_a_second_add_appends(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    assert run(capsys, clock, "gratitude", "add", "First thing", *d)[0] == 0
    code, out, _ = run(capsys, clock, "gratitude", "add", "Second thing", *d)
    assert code == 0
    assert items_today(capsys, clock, d) == ["First thing", "Second thing"]
    assert "2 of 3" in out


def test_a_full_day_is_refused_in_one_sentence_and_kept(
    capsys: pytest.CaptureFixture[str], clock: FixedClock, tmp_path: Path
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    assert run(capsys, clock, "gratitude", "add", "one", "two", *d)[0] == 0
    code, _, err = run(capsys, clock, "gratitude", "add", "three", "four", *d)
    assert code == 2
    assert err.count("\n") == 1 and "room for 1 more" in err
    assert items_today(capsys, clock, d) == ["one", "two"]
    assert run(capsys, clock, "gratitude", "add", "three", *d)[0] == 0
    code, _, err = run(capsys, clock, "gratitude", "add", "four", *d)
    assert code == 2 and "already has 3 good things" in err
    assert items_today(capsys, clock, d) == ["one", "two", "three"]
    with sqlite3.connect(tmp_path / "data" / "wellbeing.db") as conn:
        assert conn.execute("SELECT count(*) FROM gratitude_entries").fetchone()[0] == 1
