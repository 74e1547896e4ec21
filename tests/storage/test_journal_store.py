from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from wellbeing_app.core.journal import new_gratitude_entry, new_mood_entry
from wellbeing_app.core.models import BreakEvent, DailyLimit, GratitudeItem
from wellbeing_app.core.questionnaires import score_who5
from wellbeing_app.storage.repositories import Repositories

TZ = timezone(timedelta(hours=1))
AT = datetime(2026, 11, 21, 20, 0, tzinfo=TZ)


def test_mood_round_trip_keeps_offset_tags_and_order(repos: Repositories) -> None:
    first = repos.moods.add(new_mood_entry(AT, 4, 3, ["calm", "family"], "good dinner"))
    repos.moods.add(new_mood_entry(AT + timedelta(hours=1), 2))
    found = repos.moods.between(AT - timedelta(hours=1), AT + timedelta(hours=2))
    assert found[0] == first
    assert found[0].at.utcoffset() == timedelta(hours=1)
    assert [m.score for m in found] == [4, 2]


def test_gratitude_save_replaces_the_same_day(repos: Repositories) -> None:
    day = date(2026, 11, 21)
    repos.gratitude.save(new_gratitude_entry(day, AT, ["tea"]))
    repos.gratitude.save(new_gratitude_entry(day, AT, [GratitudeItem("walk", "sun"), "call"]))
    (entry,) = repos.gratitude.between(day, day)
    assert entry.items == (GratitudeItem("walk", "sun"), GratitudeItem("call"))


def test_checkins_keep_every_answer_with_name_and_version(repos: Repositories) -> None:
    repos.checkins.add(score_who5(AT - timedelta(days=14), [1, 1, 1, 1, 1]))
    saved = repos.checkins.add(score_who5(AT, [3, 4, 2, 3, 1]))
    latest = repos.checkins.latest("WHO-5")
    assert latest == saved
    assert latest is not None and latest.answers == (3, 4, 2, 3, 1)
    assert latest.version == "1998"
    assert repos.checkins.latest("PHQ-9") is None


def test_limits_upsert_by_target_and_weekdays(repos: Repositories) -> None:
    repos.limits.set(DailyLimit("Reddit", "app", 30))
    repos.limits.set(DailyLimit("Reddit", "app", 45))
    repos.limits.set(DailyLimit("Reddit", "app", 90, frozenset({5, 6})))
    assert [(lim.minutes, lim.weekdays) for lim in repos.limits.all()] == [
        (45, frozenset()),
        (90, frozenset({5, 6})),
    ]
    assert repos.limits.remove("Reddit") == 2


def test_break_events_round_trip(repos: Repositories) -> None:
    event = BreakEvent(AT, "continuous_use", "skipped", reason="finishing something")
    repos.breaks.add_many([event])
    (found,) = repos.breaks.between(AT, AT + timedelta(seconds=1))
    assert (found.kind, found.outcome, found.reason) == (
        "continuous_use",
        "skipped",
        "finishing something",
    )


def test_settings_store_keeps_only_changes(repos: Repositories) -> None:
    settings = repos.settings_store.set("day_start_hour", 6)
    assert settings.day_start_hour == 6
    assert repos.db["settings"].count == 1
    repos.settings_store.set("day_start_hour", 4)
    assert repos.db["settings"].count == 0


def test_imported_moods_are_added_once(repos: Repositories) -> None:
    entries = [(new_mood_entry(AT, 4), "daylio:a"), (new_mood_entry(AT, 2, note="x"), "daylio:b")]
    assert repos.moods.add_imported(entries) == 2
    assert repos.moods.add_imported(entries) == 0
    assert repos.moods.count() == 2


def test_mood_edit_delete_and_undo(repos: Repositories) -> None:
    saved = repos.moods.add(new_mood_entry(AT, 2, tags=["tired"], note="long day"))
    assert saved.id is not None
    changed = repos.moods.update(replace(saved, score=3, tags=("calm",), note="better now"))
    assert repos.moods.get(saved.id) == changed
    deleted = repos.moods.delete(saved.id)
    assert repos.moods.count() == 0
    repos.moods.restore(deleted)
    assert repos.moods.get(saved.id) == changed


def test_search_finds_notes_and_gratitude_by_word_prefix(repos: Repositories) -> None:
    repos.moods.add(new_mood_entry(AT, 4, note="Walked by the river with Sam"))
    repos.moods.add(new_mood_entry(AT, 2, note="Too much scrolling tonight"))
    assert [m.note for m in repos.moods.search("river")] == ["Walked by the river with Sam"]
    assert [m.note for m in repos.moods.search("scroll")] == ["Too much scrolling tonight"]
    assert repos.moods.search('"quotes" (and) OR stars*') == []
    repos.gratitude.save(
        new_gratitude_entry(date(2026, 11, 20), AT, [GratitudeItem("tea", "Sam came")])
    )
    repos.gratitude.save(new_gratitude_entry(date(2026, 11, 21), AT, ["sunny walk"]))
    assert [g.day.day for g in repos.gratitude.search("sam")] == [20]
    edited = repos.moods.search("river")[0]
    repos.moods.update(replace(edited, note="Walked in the park"))
    assert repos.moods.search("river") == []


def test_removing_one_limit_keeps_the_targets_other_days(repos: Repositories) -> None:
    every_day = repos.limits.set(DailyLimit("Reddit", "app", 30))
    repos.limits.set(DailyLimit("Reddit", "app", 90, frozenset({5, 6})))
    assert every_day.id is not None
    repos.limits.remove_limit(every_day.id)
    assert [(lim.minutes, lim.weekdays) for lim in repos.limits.all()] == [(90, frozenset({5, 6}))]
