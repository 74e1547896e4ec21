"""Merging a newer export's spans into those an earlier import stored, each moment once.

Another tool's export is a snapshot: the next one repeats what the last one held, and its
events may have grown since (ActivityWatch lengthens the running event with every heartbeat),
started earlier or later (AFK data that arrived later), or been cut differently (a web bucket
that now names the tab). The rule that never loses time and never counts it twice:

* a moment an earlier import from the same source already counted is not counted again,
  whatever app it was put under then (the person's rules may have changed since; the first
  answer stays, so totals never jump and nothing is counted twice);
* every other moment of the new spans is added: where it continues a stored stretch of the
  same window in the same local hour, that stretch is lengthened; otherwise it is a new span.

So importing the same file twice changes nothing, and a newer export adds exactly the time
that is new. Within one file, hosts keep ActivityWatch's rule (each host counts its own
time). The cost of "once per moment" across imports: hours already imported from one
computer add only what the first import left uncounted when a second computer's export of
the same hours comes later.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from wellbeing_app.core.models import UsageSpan
from wellbeing_app.storage.usage import SpanChanges, StoredSpan
from wellbeing_app.storage.usage_windows import WindowKey, window_key


@dataclass(frozen=True, slots=True)
class MergePlan:
    """The changes to write, and what they mean for the person's numbers."""

    changes: SpanChanges
    new_spans: int  # spans of the file that brought any new time
    seconds_added: float

    @property
    def spans_added(self) -> int:
        return len(self.changes.added)

    @property
    def spans_extended(self) -> int:
        return len(self.changes.moved)


def plan_merge(spans: Sequence[UsageSpan], stored: Sequence[StoredSpan]) -> MergePlan:
    """The new time in ``spans`` (time order not needed) given what is ``stored``."""
    covered = union_periods((s.span.start, s.span.end) for s in stored)
    starts = [start for start, _end in covered]
    original = {s.id: (s.span.start, s.span.end) for s in stored}
    bounds = dict(original)
    # Stored stretches by where they end and where they start, per window and offset.
    ending: dict[tuple[WindowKey, int, float], int] = {}
    starting: dict[tuple[WindowKey, int, float], int] = {}
    for s in stored:
        key = window_key(s.span)
        ending[(key, s.span.utc_offset, s.span.end)] = s.id
        starting[(key, s.span.utc_offset, s.span.start)] = s.id
    added: list[UsageSpan] = []
    new_spans, seconds = 0, 0.0
    for span in spans:
        pieces = _uncovered(span.start, span.end, covered, starts)
        if pieces:
            new_spans += 1
        key, offset = window_key(span), span.utc_offset
        for start, end in pieces:
            seconds += end - start
            hour = _hour(start, offset)
            before = ending.pop((key, offset, start), None)
            if before is not None and _hour(bounds[before][0], offset) == hour:
                bounds[before] = (bounds[before][0], end)
                ending[(key, offset, end)] = before
                continue
            if before is not None:
                ending[(key, offset, start)] = before
            after = starting.pop((key, offset, end), None)
            if after is not None and _hour(end, offset) == hour:
                bounds[after] = (start, bounds[after][1])
                starting[(key, offset, start)] = after
                continue
            if after is not None:
                starting[(key, offset, end)] = after
            added.append(replace(span, start=start, end=end))
    moved = tuple(
        (span_id, start, end)
        for span_id, (start, end) in bounds.items()
        if (start, end) != original[span_id]
    )
    return MergePlan(SpanChanges(tuple(added), moved), new_spans, seconds)


def _hour(ts: float, offset: int) -> int:
    return math.floor((ts + offset) / 3600)


def union_periods(periods: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """aw-core's ``period_union``: overlapping or touching periods become one."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _uncovered(
    start: float, end: float, covered: list[tuple[float, float]], starts: list[float]
) -> list[tuple[float, float]]:
    """``[start, end)`` minus the disjoint, sorted ``covered`` periods."""
    pieces: list[tuple[float, float]] = []
    index = max(bisect_right(starts, start) - 1, 0)
    cursor = start
    while index < len(covered) and covered[index][0] < end:
        low, high = covered[index]
        if high > cursor:
            if low > cursor:
                pieces.append((cursor, low))
            cursor = high
        index += 1
    if cursor < end:
        pieces.append((cursor, end))
    return pieces
