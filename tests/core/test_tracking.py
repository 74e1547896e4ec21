from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.core.classifier import Classification
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.models import UsageSpan
from wellbeing_app.core.probes import ForegroundWindow
from wellbeing_app.core.tracking import (
    Sample,
    TitlePolicy,
    Tracker,
    merge_per_hour,
    pulsetime,
    replay,
)

T0 = 1_795_000_000.0  # 2026-11-18 07:46:40 UTC
OFFSET = 3600
APPS = {
    "Discord": Classification("Discord", "chat", via="app"),
    "reddit": Classification("Reddit", "forum", via="browser"),
    "call": Classification("Call", "chat", always_active=True, via="rule"),
}


def classify(app: str, title: str) -> Classification | None:
    return APPS.get(app)


def window(app: str, title: str = "t") -> ForegroundWindow:
    return ForegroundWindow(app, title)


def samples(
    plan: list[tuple[str | None, int]], start: float = T0, step: float = 1.0, idle: float = 0.0
) -> list[Sample]:
    """``plan`` is a list of (app or None, seconds in front)."""
    out = []
    at = start
    for app, seconds in plan:
        for _ in range(seconds):
            out.append(Sample(at, OFFSET, window(app) if app else None, idle))
            at += step
    out.append(Sample(at, OFFSET, None, idle))  # the next state begins: closes the last one
    return out


def totals(spans: list[UsageSpan]) -> dict[str, float]:
    found: dict[str, float] = {}
    for span in spans:
        found[span.app] = found.get(span.app, 0.0) + span.seconds
    return found


def test_pulsetime_follows_the_rule() -> None:
    assert pulsetime(1.0) == 2.0
    assert pulsetime(10.0) == 15.0


def test_switching_windows_attributes_each_second_to_what_was_in_front() -> None:
    spans = replay(Tracker(classify), samples([("Discord", 30), ("editor", 20), ("reddit", 40)]))
    assert totals(spans) == {"Discord": 30.0, "Reddit": 40.0}
    assert [s.app for s in spans] == ["Discord", "Reddit"]


def test_a_gap_longer_than_the_pulsetime_invents_no_time() -> None:
    tracker = Tracker(classify)
    for sample in samples([("Discord", 10)])[:-1]:
        tracker.add(sample)
    # Suspend for an hour, then the same window again.
    for sample in samples([("Discord", 10)], start=T0 + 3600)[:-1]:
        tracker.add(sample)
    tracker.stop()
    assert totals(tracker.take_spans()) == {"Discord": 18.0}  # 9 + 9 between samples


def test_clock_going_back_never_gives_negative_or_double_time() -> None:
    tracker = Tracker(classify)
    for sample in samples([("Discord", 10)])[:-1]:
        tracker.add(sample)
    for sample in samples([("Discord", 5)], start=T0 - 500)[:-1]:
        tracker.add(sample)
    tracker.stop()
    spans = tracker.take_spans()
    assert all(s.seconds > 0 for s in spans)
    assert totals(spans) == {"Discord": 13.0}


def test_idle_time_is_back_dated_to_the_last_input() -> None:
    tracker = Tracker(classify, idle_threshold=180)
    # Active for 60 s, then the person walks away; samples go on with idle growing.
    for i in range(60):
        tracker.add(Sample(T0 + i, OFFSET, window("Discord"), 0.0))
    for i in range(1, 400):
        tracker.add(Sample(T0 + 60 + i, OFFSET, window("Discord"), float(i)))
    tracker.stop()
    assert totals(tracker.take_spans()) == {"Discord": 60.0}
    assert sum(s for _, s in tracker.take_active_seconds()) == 60.0


def test_always_active_windows_count_while_idle() -> None:
    spans = replay(Tracker(classify, idle_threshold=180), samples([("call", 600)], idle=1000.0))
    assert totals(spans) == {"Call": 600.0}


def test_spans_split_at_local_hour_boundaries() -> None:
    # 07:50 local .. 09:10 local in one window.
    start = 1_795_000_000.0 - (1_795_000_000.0 + OFFSET) % 3600 + 50 * 60
    spans = replay(Tracker(classify), samples([("Discord", 80 * 60)], start=start))
    assert [round(s.seconds) for s in spans] == [600, 3600, 600]
    for span in spans:
        assert (span.start + OFFSET) // 3600 == (span.end + OFFSET - 1e-3) // 3600


def test_title_policy_is_applied_before_storage() -> None:
    def spans_with(policy: TitlePolicy) -> list[UsageSpan]:
        return replay(
            Tracker(classify, titles=policy),
            [
                Sample(T0, OFFSET, window("Discord", "#general"), 0.0),
                Sample(T0 + 1, OFFSET, window("Discord", "#general"), 0.0),
                Sample(T0 + 2, OFFSET, None, 0.0),
            ],
        )

    assert spans_with(TitlePolicy("keep"))[0].title == "#general"
    assert spans_with(TitlePolicy("reduced"))[0].title == "Discord"
    assert spans_with(TitlePolicy("drop"))[0].title is None
    assert spans_with(TitlePolicy("keep", ("general",))) == []


def test_exclude_patterns_run_in_linear_time_and_ignore_case() -> None:
    # (a+)+$ took Python's re 2 s on a 24-character title, doubling per character.
    policy = TitlePolicy("keep", ("(a+)+$", "PRIVATE"))
    plan = [
        Sample(T0 + i, OFFSET, window("Discord", title), 0.0)
        for i, title in enumerate(["a" * 10_000 + "!", "private chat", "a" * 10_000, "#general"])
    ]
    spans = replay(Tracker(classify, titles=policy), plan)
    assert [(span.title, span.seconds) for span in spans] == [("a" * 10_000 + "!", 1.0)]


def test_an_exclude_pattern_the_linear_engine_cannot_run_is_refused() -> None:
    with pytest.raises(InvalidInput, match="look-arounds"):
        Tracker(classify, titles=TitlePolicy("keep", ("(?<!my )bank",)))


def test_other_apps_are_kept_only_when_asked() -> None:
    plan = samples([("editor", 10), ("Discord", 5)])
    assert totals(replay(Tracker(classify), plan)) == {"Discord": 5.0}
    everything = replay(Tracker(classify, track_all_apps=True), plan)
    assert totals(everything) == {"editor": 10.0, "Discord": 5.0}
    assert everything[0].category == "other"


def test_checkpoint_shows_the_open_span_without_closing_it() -> None:
    tracker = Tracker(classify)
    for sample in samples([("Discord", 30)])[:-1]:
        tracker.add(sample)
    open_span = tracker.checkpoint()
    assert open_span is not None and open_span.seconds == 29
    assert tracker.take_spans() == []
    tracker.add(Sample(T0 + 30, OFFSET, None, 0.0))
    (closed,) = tracker.take_spans()
    assert closed.start == open_span.start and closed.seconds == 30


def test_active_seconds_count_every_app() -> None:
    tracker = Tracker(classify)
    for sample in samples([("editor", 100), ("Discord", 50)]):
        tracker.add(sample)
    assert sum(s for _, s in tracker.take_active_seconds()) == 150.0


_plans = st.lists(
    st.tuples(
        st.sampled_from(["Discord", "reddit", "editor", None, "call"]),
        st.integers(1, 40),
        st.sampled_from([0.0, 0.0, 0.0, 200.0]),
        st.sampled_from([1.0, 1.0, 1.5, 7.0]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_plans)
def test_merge_properties(plan: list[tuple[str | None, int, float, float]]) -> None:
    stream = []
    at = T0
    for app, count, idle, step in plan:
        for _ in range(count):
            stream.append(Sample(at, OFFSET, window(app) if app else None, idle))
            at += step
    spans = replay(Tracker(classify, idle_threshold=180), stream)
    first, last = stream[0].at, stream[-1].at
    for span in spans:
        assert first <= span.start < span.end <= last
        assert (span.start + OFFSET) // 3600 == (span.end + OFFSET - 1e-3) // 3600
    for before, after in pairwise(spans):
        assert before.end <= after.start
    # Never more than the time between the samples that saw a counted window.
    counted = sum(
        min(b.at - a.at, pulsetime(1.0))
        for a, b in pairwise(stream)
        if a.window is not None and a.window.app in APPS
    )
    assert sum(s.seconds for s in spans) <= counted + 1e-6


@settings(max_examples=100, deadline=None)
@given(_plans)
def test_merge_is_deterministic_and_batch_independent(
    plan: list[tuple[str | None, int, float, float]],
) -> None:
    stream = []
    at = T0
    for app, count, idle, step in plan:
        for _ in range(count):
            stream.append(Sample(at, OFFSET, window(app) if app else None, idle))
            at += step
    whole = replay(Tracker(classify), stream)
    tracker = Tracker(classify)
    pieces: list[UsageSpan] = []
    for index, sample in enumerate(stream):
        tracker.add(sample)
        if index % 7 == 0:
            pieces.extend(tracker.take_spans())
            tracker.checkpoint()
    tracker.stop()
    pieces.extend(tracker.take_spans())
    assert pieces == whole


def test_merging_per_hour_keeps_every_total_and_the_first_start() -> None:
    hour = 1_795_000_000.0 - (1_795_000_000.0 + OFFSET) % 3600
    spans = [
        UsageSpan(hour + 10, hour + 70, OFFSET, "Discord", "chat", "Discord"),
        UsageSpan(hour + 70, hour + 100, OFFSET, "Slack", "chat", "Slack"),
        UsageSpan(hour + 100, hour + 3600, OFFSET, "Discord", "chat", "Discord"),
        UsageSpan(hour + 3600, hour + 3700, OFFSET, "Discord", "chat", "Discord"),
    ]
    merged = merge_per_hour(spans)
    assert merged == [
        UsageSpan(hour + 10, hour + 10 + 60 + 3500, OFFSET, "Discord", "chat", "Discord"),
        UsageSpan(hour + 70, hour + 100, OFFSET, "Slack", "chat", "Slack"),
        UsageSpan(hour + 3600, hour + 3700, OFFSET, "Discord", "chat", "Discord"),
    ]
    assert all(span.end <= hour + 3600 for span in merged[:2])  # never past the hour


def test_a_sample_that_held_the_state_through_a_long_wait_continues_the_span() -> None:
    tracker = Tracker(classify)
    tracker.add(Sample(T0, OFFSET, window("Discord")))
    tracker.add(Sample(T0 + 60, OFFSET, window("Discord"), held=59))  # woken by the commit
    tracker.add(Sample(T0 + 75.5, OFFSET, window("reddit"), held=59))  # woken by the change
    tracker.add(Sample(T0 + 80, OFFSET, None, held=59))
    assert totals(tracker.take_spans()) == {"Discord": 75.5, "Reddit": 4.5}


def test_a_gap_longer_than_the_wait_held_is_still_a_gap() -> None:
    tracker = Tracker(classify)
    tracker.add(Sample(T0, OFFSET, window("Discord")))
    tracker.add(Sample(T0 + 5, OFFSET, window("Discord"), held=4))
    tracker.add(Sample(T0 + 3600, OFFSET, window("Discord"), held=4))  # a suspend
    tracker.add(Sample(T0 + 3610, OFFSET, None, held=9))
    assert totals(tracker.take_spans()) == {"Discord": 5 + 10}


def test_active_time_of_a_long_step_across_the_day_start_is_split_between_the_days() -> None:
    tracker = Tracker(classify, day_start_hour=4)
    day_start = datetime(2026, 11, 20, 4, tzinfo=timezone(timedelta(seconds=OFFSET))).timestamp()
    tracker.add(Sample(day_start - 3, OFFSET, window("gedit")))
    tracker.add(Sample(day_start + 2, OFFSET, window("gedit"), held=4))
    assert dict(tracker.take_active_seconds()) == {
        date(2026, 11, 19): 3.0,
        date(2026, 11, 20): 2.0,
    }
    assert not tracker.take_spans()


def test_pending_says_whether_a_commit_has_anything_to_write() -> None:
    tracker = Tracker(classify, idle_threshold=180)
    assert not tracker.pending
    tracker.add(Sample(T0, OFFSET, window("Discord")))
    tracker.add(Sample(T0 + 1, OFFSET, window("Discord")))
    assert tracker.pending
    tracker.add(Sample(T0 + 200, OFFSET, window("Discord"), idle_seconds=199))  # away
    assert tracker.pending  # what closed is still to be written
    tracker.take_spans()
    tracker.take_active_seconds()
    assert not tracker.pending
