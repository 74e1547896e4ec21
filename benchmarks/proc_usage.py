"""CPU time and peak memory of whole process trees, read from ``/proc``.

A tool such as ActivityWatch is several processes (aw-server and one process per watcher),
and aw-server answers each HTTP request on a thread that exits afterwards. Per-thread
``/proc/PID/task/*/schedstat`` therefore misses most of its CPU; ``/proc/PID/stat`` does not:
a process's ``utime``/``stime`` include its threads that have exited, and ``cutime``/``cstime``
the children it has waited for. So a tool's CPU is the sum of all four over every process in
its tree, read at the start and at the end of a run.

The parsing functions are pure (text in, numbers out) and unit-tested in
``tests/test_compare_activitywatch.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True, slots=True)
class ProcStat:
    """The fields of one ``/proc/PID/stat`` line that the benchmark needs."""

    pid: int
    comm: str
    ppid: int
    utime: int  # clock ticks, this process and its exited threads
    stime: int
    cutime: int  # clock ticks of the children it has waited for
    cstime: int
    starttime: int  # clock ticks after boot: tells a reused pid from the first

    def cpu_ticks(self) -> int:
        return self.utime + self.stime + self.cutime + self.cstime


def parse_stat(text: str) -> ProcStat:
    """Parses one ``/proc/PID/stat`` line.

    The command name (field 2) is in parentheses and may itself hold spaces and parentheses,
    so the fields after it are found from the *last* closing parenthesis.

    Raises:
        ValueError: when the line is not a stat line.
    """
    open_at = text.find("(")
    close_at = text.rfind(")")
    if open_at < 0 or close_at < open_at:
        raise ValueError(f"not a /proc/PID/stat line: {text[:80]!r}")
    pid = int(text[:open_at])
    rest = text[close_at + 1 :].split()
    # rest[0] is field 3 (state); field N is rest[N - 3].
    if len(rest) < 20:
        raise ValueError(f"a /proc/PID/stat line with too few fields: {text[:80]!r}")
    return ProcStat(
        pid=pid,
        comm=text[open_at + 1 : close_at],
        ppid=int(rest[1]),
        utime=int(rest[11]),
        stime=int(rest[12]),
        cutime=int(rest[13]),
        cstime=int(rest[14]),
        starttime=int(rest[19]),
    )


def parse_vm_hwm_kib(status: str) -> int | None:
    """``VmHWM`` (peak resident set size) in KiB from a ``/proc/PID/status`` text."""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def descendants(roots: Iterable[int], parents: Mapping[int, int]) -> set[int]:
    """``roots`` and every process below them, given each pid's parent pid."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    stack = [pid for pid in roots if pid in parents]
    while stack:
        pid = stack.pop()
        if pid in found:
            continue
        found.add(pid)
        stack.extend(children.get(pid, ()))
    return found


def cpu_delta_seconds(
    before: Mapping[tuple[int, int], int], after: Mapping[tuple[int, int], int]
) -> float:
    """CPU seconds spent between two readings keyed by ``(pid, starttime)``.

    A process present only at the end counts in full (it started during the run); one that is
    gone at the end counts nothing more (if its parent in the tree waited for it, its time is
    already in the parent's ``cutime``/``cstime``).
    """
    ticks = sum(value - before.get(key, 0) for key, value in after.items())
    return max(ticks, 0) / CLOCK_TICKS


def ratio(theirs: float | None, ours: float | None) -> float | None:
    """``theirs / ours``, or None when either is missing or ours is zero."""
    if theirs is None or ours is None or ours <= 0:
        return None
    return theirs / ours


def ratio_text(theirs: float | None, ours: float | None) -> str:
    """The ratio for a results table: ``12.3×``, or ``n/a``."""
    value = ratio(theirs, ours)
    if value is None:
        return "n/a"
    return f"{value:.0f}×" if value >= 100 else f"{value:.1f}×"


# ------------------------------------------------------------------------------- live readings


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:  # the process exited meanwhile
        return None


def all_stats() -> dict[int, ProcStat]:
    """Every process's stat line right now."""
    stats: dict[int, ProcStat] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            text = _read(f"/proc/{name}/stat")
            if text is not None:
                try:
                    stats[int(name)] = parse_stat(text)
                except ValueError:
                    continue
    return stats


@dataclass(frozen=True, slots=True)
class TreeReading:
    """One reading of a tool's process tree."""

    cpu_ticks: dict[tuple[int, int], int]  # (pid, starttime) -> utime+stime+cutime+cstime
    names: dict[int, str]


def read_tree(roots: Iterable[int]) -> TreeReading:
    """CPU ticks of every process in the trees under ``roots``."""
    stats = all_stats()
    pids = descendants(roots, {pid: stat.ppid for pid, stat in stats.items()})
    return TreeReading(
        cpu_ticks={(pid, stats[pid].starttime): stats[pid].cpu_ticks() for pid in pids},
        names={pid: stats[pid].comm for pid in pids},
    )


def vm_hwm_kib(pid: int) -> int | None:
    """``VmHWM`` of one process in KiB, or None when it is gone (or the kernel has none)."""
    text = _read(f"/proc/{pid}/status")
    return None if text is None else parse_vm_hwm_kib(text)


def vm_hwm_mb(pid: int) -> float | None:
    """``VmHWM`` of one process in MB (2**20 bytes): its peak RSS, start-up included."""
    kib = vm_hwm_kib(pid)
    return None if kib is None else kib / 1024


def peak_rss_mb(pids: Iterable[int]) -> float:
    """The sum of ``VmHWM`` over ``pids`` (those still running), in MB (2**20 bytes)."""
    return sum(vm_hwm_kib(pid) or 0 for pid in pids) / 1024


def schedstat_seconds(pid: int) -> float | None:
    """On-CPU time of every live thread of ``pid`` in seconds (ns resolution), or None.

    From ``/proc/PID/task/*/schedstat``: finer than ``stat``'s clock ticks, but threads that
    have exited are not in it (see the module docstring).
    """
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as handle:
                total += int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e9
