from datetime import datetime, timedelta, timezone

from wellbeing_app.core.reminders import due_reminders

TZ = timezone(timedelta(hours=1))


def at(hour: int, minute: int = 0, day: int = 21) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def due(
    now: datetime,
    fired: frozenset[str] = frozenset(),
    last_mood: datetime | None = None,
    gratitude: bool = False,
    mood_times: tuple[str, ...] = ("12:30", "20:30"),
    gratitude_time: str = "21:30",
) -> list[str]:
    return [
        r.slot
        for r in due_reminders(
            now,
            mood_times=mood_times,
            gratitude_time=gratitude_time,
            day_start_hour=4,
            fired=fired,
            last_mood_at=last_mood,
            gratitude_written_today=gratitude,
        )
    ]


def test_each_reminder_fires_once_at_its_time() -> None:
    assert due(at(20, 29)) == []
    assert due(at(20, 30)) == ["mood 2026-11-21 20:30"]
    assert due(at(20, 31), fired=frozenset({"mood 2026-11-21 20:30"})) == []
    assert due(at(21, 30), fired=frozenset({"mood 2026-11-21 20:30"})) == [
        "gratitude 2026-11-21 21:30"
    ]


def test_moot_reminders_are_skipped() -> None:
    assert due(at(20, 30), last_mood=at(20, 0)) == []
    assert due(at(20, 30), last_mood=at(18, 0)) == ["mood 2026-11-21 20:30"]
    assert due(at(21, 40), fired=frozenset({"mood 2026-11-21 20:30"}), gratitude=True) == []


def test_a_missed_reminder_comes_once_on_waking_but_not_hours_late() -> None:
    assert due(at(13, 45)) == ["mood 2026-11-21 12:30"]
    assert due(at(15, 0)) == []


def test_a_time_after_midnight_belongs_to_the_evening_before() -> None:
    slots = due(at(0, 45, day=22), mood_times=("00:30",), gratitude_time="")
    assert slots == ["mood 2026-11-21 00:30"]


def test_no_times_no_reminders() -> None:
    assert due(at(20, 30), mood_times=(), gratitude_time="") == []
