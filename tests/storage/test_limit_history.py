"""The history of daily limits: every set, change and removal kept with when it took effect,
exported, restored and checked like every other table."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.limit_history import LimitChange, history_covers, limits_in_force
from wellbeing_app.core.models import DailyLimit
from wellbeing_app.storage import migrations
from wellbeing_app.storage.database import open_database, open_memory_database
from wellbeing_app.storage.export import export_all
from wellbeing_app.storage.limits import LimitRepository
from wellbeing_app.storage.restore import import_backup

CET = timezone(timedelta(hours=1))


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=CET)


def test_every_set_change_and_removal_is_kept_with_its_time() -> None:
    moments = iter([at(1), at(5), at(9), at(12)])
    limits = LimitRepository(open_memory_database(), now=lambda: next(moments))
    limits.set(DailyLimit("Reddit", "app", 60))
    limits.set(DailyLimit("Reddit", "app", 20))
    weekend = limits.set(DailyLimit("chat", "category", 90, frozenset({5, 6})))
    limits.remove_limit(weekend.id or 0)
    assert limits.history() == [
        LimitChange(at(1), "Reddit", "app", 60),
        LimitChange(at(5), "Reddit", "app", 20),
        LimitChange(at(9), "chat", "category", 90, frozenset({5, 6})),
        LimitChange(at(12), "chat", "category", None, frozenset({5, 6})),
    ]
    limits.remove("Reddit", at=at(15))
    assert limits.history()[-1] == LimitChange(at(15), "Reddit", "app", None)
    assert limits.all() == []
    assert len(limits.history(until=at(6))) == 2


def test_the_limits_in_force_on_a_day_are_those_at_its_end() -> None:
    changes = [
        LimitChange(at(1), "Reddit", "app", 60),
        LimitChange(at(5, 23), "Reddit", "app", 20),  # late in the day: counts for that day
        LimitChange(at(9), "Reddit", "app", None),
    ]
    assert limits_in_force(changes, date(2026, 10, 31), 4) == []
    assert limits_in_force(changes, date(2026, 11, 4), 4) == [DailyLimit("Reddit", "app", 60)]
    assert limits_in_force(changes, date(2026, 11, 5), 4) == [DailyLimit("Reddit", "app", 20)]
    assert limits_in_force(changes, date(2026, 11, 9), 4) == []
    assert history_covers(at(5), date(2026, 11, 5), 4)
    assert not history_covers(at(5), date(2026, 11, 4), 4)
    assert not history_covers(None, date(2026, 11, 4), 4)


def test_the_migration_records_the_limits_already_set_and_when_history_began() -> None:
    db = sqlite_utils.Database(memory=True)
    db.table("_migrations").create({"name": str, "applied_at": float}, pk="name")
    for name, function in migrations.MIGRATIONS:
        if name == "0009_limit_history":
            break
        function(db)
        db.table("_migrations").insert({"name": name, "applied_at": 0.0})
    db.execute(
        "INSERT INTO limits (target, kind, minutes, weekdays) VALUES ('Reddit', 'app', 30, '')"
    )
    assert migrations.apply(db)[0] == "0009_limit_history"
    limits = LimitRepository(db)
    [seeded] = limits.history()
    assert (seeded.target, seeded.kind, seeded.minutes) == ("Reddit", "app", 30)
    since = limits.history_since()
    assert since is not None and abs(since.timestamp() - seeded.at.timestamp()) < 60
    # A change recorded as taking effect earlier (sample data, imports) moves the start back.
    limits.set(DailyLimit("chat", "category", 60), at=at(1))
    assert limits.history_since() == at(1)


def test_the_history_is_exported_and_restored(tmp_path: Path) -> None:
    source = open_database(tmp_path / "data")
    LimitRepository(source, now=lambda: at(3)).set(DailyLimit("Reddit", "app", 30))
    export_all(source, tmp_path / "out", "csv", now=at(20))
    source.close()
    text = (tmp_path / "out" / "limit_history.csv").read_text(encoding="utf-8")
    assert "2026-11-03T12:00:00+01:00" in text and "Reddit" in text
    target = open_database(tmp_path / "restored")
    import_backup(tmp_path / "out", target)
    assert LimitRepository(target).history() == [LimitChange(at(3), "Reddit", "app", 30)]
    target.close()


def test_a_bad_limit_history_row_refuses_the_restore(tmp_path: Path) -> None:
    source = open_database(tmp_path / "data")
    LimitRepository(source, now=lambda: at(3)).set(DailyLimit("Reddit", "app", 30))
    export_all(source, tmp_path / "out", "csv", now=at(20))
    source.close()
    path = tmp_path / "out" / "limit_history.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(',"app",', ',"planet",'), "utf-8")
    target = open_database(tmp_path / "restored")
    with pytest.raises(InvalidInput, match=r"limit_history\.csv line 2: kind must be"):
        import_backup(tmp_path / "out", target)
    assert target["limit_history"].count == 0
    target.close()


def test_sample_data_records_its_limits_as_set_when_the_sample_begins(tmp_path: Path) -> None:
    from wellbeing_app.app import fill_demo
    from wellbeing_app.core.clock import FixedClock
    from wellbeing_app.storage.repositories import open_repositories

    fill_demo(tmp_path, FixedClock(at(21, 21)), days=14)
    repos = open_repositories(tmp_path)
    first_day = min(d.day for d in repos.usage.active_days(date(2026, 10, 1), date(2026, 11, 21)))
    history = repos.limits.history()
    assert history and {change.target for change in history} == {
        limit.target for limit in repos.limits.all()
    }
    assert all(change.at.date() <= first_day for change in history)
    repos.close()
