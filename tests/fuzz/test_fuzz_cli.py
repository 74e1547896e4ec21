"""Fuzzing the command line: every command's arguments, and ``import backup`` with damaged exports.

Whatever is typed, ``wellbeing`` answers with exit 0, or exit 2 and one sentence on stderr,
never exit 1 (an "unexpected error"); on exit 2 nothing changed, in the database or beside it;
and a folder a restore succeeded into still works for every reading command and for tracking.

The command lines come from ``build_parser()`` itself, so a new command or option is fuzzed
without anyone remembering to add it: each argument starts from a sensible value (a date, a
score, a setting's name) that is then often replaced by a hostile one (huge or endless
numbers, far dates, empty or very long text, text that is not UTF-8, option-like words).

The normal test run tries a few dozen cases; ``WELLBEING_FUZZ_EXAMPLES=5000`` (as
``benchmarks/fuzz.sh`` does) tries that many per test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz.harness import Outcome, fixed_clock, fuzz, run
from tests.storage.test_export import fill_everything
from wellbeing_app.app import build_tracker, load_catalog
from wellbeing_app.cli.parser import build_parser
from wellbeing_app.core.errors import InvalidInput
from wellbeing_app.core.settings import SETTINGS
from wellbeing_app.storage.repositories import open_repositories
from wellbeing_app.storage.restore import csv_records


def dump(data_dir: Path) -> dict[str, list[str]]:
    """Every row of every table, to compare before and after a refused command."""
    path = data_dir / "wellbeing.db"
    if not path.exists():
        return {}
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))
            for name in names
        }
    finally:
        conn.close()


def listing(folder: Path) -> set[str]:
    """The files in and under ``folder``, but the database's journal files and the tracker's
    lock file (empty, left in place by design, as every `track` leaves it)."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if not path.name.endswith(("-wal", "-shm", "-journal", "tracker.lock"))
    }


def assert_refused_cleanly(outcome: Outcome, argv: Sequence[str]) -> None:
    assert outcome.code in (0, 2), (argv, outcome.err)
    if outcome.code == 2:
        assert outcome.err.startswith("wellbeing: "), (argv, outcome.err)
        assert outcome.err.count("\n") == 1, (argv, outcome.err)
        assert len(outcome.err) < 600, (argv, outcome.err[:600])


# ----------------------------------------------------------------------- every command's shape


@dataclass(frozen=True, slots=True)
class Command:
    path: tuple[str, ...]
    actions: tuple[argparse.Action, ...]

    @property
    def name(self) -> str:
        return " ".join(self.path)


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any] | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Command]:
    sub = _subcommands(parser)
    own = tuple(
        a
        for a in parser._actions
        if a.dest not in ("help", "version", "data_dir")
        and not isinstance(a, argparse._SubParsersAction)
    )
    if path and (sub is None or not sub.required):
        yield Command(path, own)
    if sub is not None:
        for name, child in sub.choices.items():
            yield from _commands(child, (*path, name))


# The GUI opens a window and a plain `track` runs until stopped: neither can be fuzzed here.
COMMANDS = [c for c in _commands(build_parser()) if c.path not in (("gui",),)]
PATHS = {"out", "dir", "file", "restore"}

# A sensible value for each argument, by (command, destination) or destination alone.
_SETTING_VALUES = {
    int: ["5", "180", "0"],
    float: ["1.5", "2"],
    bool: ["true", "off"],
    str: ["drop", "21:30", "GB", ""],
    tuple: ["bank", "08:30", "22:00-07:00", "Ana: 0800 123"],
}
SEEDS: dict[str, list[str]] = {
    "first": ["2026-11-15", "2026-11-21"],
    "last": ["2026-11-21", "2026-11-30"],
    "score": ["3", "5"],
    "energy": ["4"],
    "note": ["ok", "a long day"],
    "tags": ["calm,tired", ""],
    "items": ["tea with Ana", "sunny walk"],
    "answers": ["3", "0", "2"],
    "difficulty": ["1"],
    "minutes": ["30", "20"],
    "target": ["Reddit", "chat", "social feed"],
    "weekdays": ["mon-fri", "sat,sun"],
    "id": ["1", "2"],
    "app_pattern": ["zoom", "^slack$"],
    "title_pattern": ["lichess", r"\bchess\b"],
    "category": ["forum", "chat"],
    "days": ["1", "2"],  # larger demos take seconds each
    "seed": ["7"],
    "interval": ["1"],
    "pause": ["5"],
    "include": ["mood,usage", "cover"],
    "map": ["superb=5"],
    "questionnaire": ["who5"],
    "rules add.name": ["Chess club"],
    "rules edit.name": ["Chess"],
    "settings set.name": [spec.name for spec in SETTINGS],
    "settings reset.name": [spec.name for spec in SETTINGS],
    "settings set.values": sorted({v for vs in _SETTING_VALUES.values() for v in vs}),
    "limits remove.target": ["Reddit", "chat"],
}

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+3",
    " 3 ",
    "1.5",
    "٣",  # an Arabic-Indic three: int() takes it
    "３",  # a full-width three
    "9" * 25,
    "9" * 5000,
    str(2**63),
    "-" + "9" * 25,
    "1e999",
    "-1e999",
    "1e308",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "Infinity",
    "0001-01-01",
    "1999-12-31",
    "2000-01-01",
    "2199-12-31",
    "2200-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-01",
    "20261121",
    "x" * 100_000,
    "ünïcødé ✓ 🙂",
    "\u202eevil",
    "caf\udce9",  # what Python makes of a Latin-1 byte on a UTF-8 command line
    "\udcff\udcfe",
    "[(",
    "(a+)+$",
    "(?=x)",
    "-x",
    "--",
    ",",
    "=",
    "a=b=c",
    "mon-sun-fri",
]
PATH_NAMES = ["x", "out.pdf", "export", "", ".", "..", "a b", "é✓", "n" * 300, "x.pdf/.."]


def _value(command: Command, dest: str) -> st.SearchStrategy[str]:
    seeds = SEEDS.get(f"{command.name}.{dest}") or SEEDS.get(dest) or ["1"]
    return st.one_of(
        st.sampled_from(seeds),
        st.sampled_from(HOSTILE),
        st.text(max_size=30),
        st.integers().map(str),
        st.floats().map(repr),
        st.tuples(st.sampled_from(seeds), st.sampled_from(HOSTILE)).map("".join),
    )


def _count(action: argparse.Action, draw: st.DrawFn) -> int:
    nargs = action.nargs
    if nargs is None:
        return 1
    if isinstance(nargs, int):
        # Mostly the right count; sometimes one too few or too many.
        return max(0, nargs + draw(st.sampled_from([0, 0, 0, 0, -1, 1])))
    return draw(st.integers(1 if nargs == "+" else 0, 3))


@st.composite
def command_lines(draw: st.DrawFn, command: Command, work: Path) -> list[str]:
    argv = list(command.path)
    positionals: list[str] = []

    def value(action: argparse.Action) -> str:
        if action.dest in PATHS:
            return str(work / draw(st.sampled_from(PATH_NAMES)))
        if action.choices is not None and draw(st.integers(0, 4)):
            return str(draw(st.sampled_from(sorted(action.choices))))
        return draw(_value(command, action.dest))

    for action in command.actions:
        if not action.option_strings:
            positionals.extend(value(action) for _ in range(_count(action, draw)))
        elif action.nargs == 0:  # a flag
            if draw(st.booleans()):
                argv.append(draw(st.sampled_from(action.option_strings)))
        elif action.required or draw(st.booleans()):
            for _ in range(draw(st.integers(1, 2)) if action.default == [] else 1):
                argv += [action.option_strings[0], value(action)]
    if command.path == ("track",) and "--pause" not in argv and "--resume" not in argv:
        argv.append("--resume")  # a plain `track` runs until stopped
    if "--pause" in argv and "--resume" in argv:
        argv.remove("--resume")
    # Options first, then the positionals after "--" or not: both are valid command lines.
    separator = ["--"] if draw(st.integers(0, 9)) == 0 else []
    return [*argv, *separator, *positionals]


# ------------------------------------------------------------------------------- the fixtures


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a little of everything, and its exports as CSV and JSON."""
    base = tmp_path_factory.mktemp("fuzz-source")
    fill_everything(base / "data", fixed_clock(), days=3)
    for fmt in ("csv", "json"):
        assert (
            run(
                [
                    "export",
                    "--format",
                    fmt,
                    "--out",
                    str(base / fmt),
                    "--data-dir",
                    str(base / "data"),
                ]
            ).code
            == 0
        )
    return base


@pytest.fixture
def work(source: Path, tmp_path: Path) -> Path:
    """A copy of the source data folder to run commands in, beside room for their files."""
    shutil.copytree(source / "data", tmp_path / "data")
    return tmp_path


# Commands that change what later commands read: after one succeeds, the folder must still work.
WRITES = {
    "settings set",
    "settings reset",
    "rules add",
    "rules edit",
    "rules enable",
    "limits set",
    "mood add",
    "gratitude add",
    "backup",
}


def check_command(argv: list[str], work: Path) -> Outcome:
    data = work / "data"
    before, files = dump(data), listing(work)
    outcome = run([*argv, "--data-dir", str(data)])
    assert_refused_cleanly(outcome, argv)
    if outcome.code == 2:
        assert dump(data) == before, argv
        assert listing(work) == files, argv
    elif " ".join(argv[:2]) in WRITES or argv[0] in WRITES:
        for follow in (["settings", "--json"], ["usage"], ["rules"], ["limits"]):
            after = run([*follow, "--data-dir", str(data)])
            assert after.code == 0, (argv, follow, after.err)
    return outcome


# ---------------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_each_command_with_sensible_arguments_runs(command: Command, work: Path) -> None:
    # The unfuzzed form of each command line the fuzzing starts from; most succeed.
    argv = list(command.path)
    for action in command.actions:
        seeds = SEEDS.get(f"{command.name}.{action.dest}") or SEEDS.get(action.dest) or ["1"]
        if action.dest in PATHS:
            seeds = [str(work / "out.pdf")]
        elif action.choices is not None:
            seeds = [str(sorted(action.choices)[0])]
        if not action.option_strings:
            argv += seeds[:1] * (action.nargs if isinstance(action.nargs, int) else 1)
        elif action.required:
            argv += [action.option_strings[0], seeds[0]]
    if command.path == ("track",):
        argv.append("--resume")
    check_command(argv, work)


@fuzz(brief=40)
@given(data=st.data())
def test_fuzzed_command_lines_exit_0_or_2_and_change_nothing_when_refused(
    data: st.DataObject,
) -> None:
    command = data.draw(st.sampled_from(COMMANDS), label="command")
    with tempfile.TemporaryDirectory() as folder, _world(Path(folder)) as work:
        argv = data.draw(command_lines(command, work), label="argv")
        outcome = check_command(argv, work)
    event(f"{command.name}: exit {outcome.code}")


_SOURCE: dict[str, Path] = {}


@contextlib.contextmanager
def _world(folder: Path) -> Iterator[Path]:
    """A fresh copy of the source data for one example (hypothesis cannot take function fixtures
    per example)."""
    shutil.copytree(_SOURCE["data"], folder / "data")
    yield folder


@pytest.fixture(scope="module", autouse=True)
def _share_source(source: Path) -> None:
    _SOURCE["data"] = source / "data"
    _SOURCE["csv"] = source / "csv"
    _SOURCE["json"] = source / "json"


# ------------------------------------------------------------------------ damaged exports

# Raw JSON texts put in place of a value (some are not valid JSON on purpose).
JSON_VALUES = [
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    str(2**63),
    str(-(2**63) - 1),
    "1" * 5000,
    "1" * 30,
    '"\\ud800"',
    '"[("',
    '"(?=x)"',
    '"9999-12-31"',
    '"0001-01-01"',
    '"2026-02-30"',
    '""',
    '"1e999"',
    '"Infinity"',
    "null",
    "true",
    "[]",
    "{}",
    "[" * 100_000 + "]" * 100_000,
    "0",
    "-1",
    "1.5",
    "1e308",
    "946684800",  # 2000-01-01
    "7258118400",  # 2200-01-01
    "-62135596800",  # year 1
    '"' + "x" * 100_000 + '"',
    '"ünïcødé ✓"',
    '"\\u0000"',
]
# Raw CSV fields; None is an unquoted empty field (NULL).
CSV_VALUES: list[str | None] = [
    None,
    "",
    "1e999",
    "-1e999",
    "nan",
    "inf",
    "Infinity",
    str(2**63),
    "9" * 5000,
    "[(",
    "(?=x)",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "x" * 100_000,
    "ünïcødé ✓",
    "0",
    "-1",
    "1.5",
    "1e308",
    "946684800",
    "7258118400",
    "\x00",
    '"',
    "\r\n",
    ",",
]


def _json_cell(path: Path, draw: st.DrawFn) -> None:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError):
        return  # damaged already
    target = rows
    if isinstance(rows, dict) and isinstance(rows.get("tables"), list) and draw(st.booleans()):
        target = draw(st.sampled_from(rows["tables"] or [rows]))  # the manifest's tables
    elif isinstance(rows, list) and rows:
        target = draw(st.sampled_from(rows))
    if not isinstance(target, dict) or not target:
        return
    key = draw(st.sampled_from(sorted(target)))
    marker = "\u2063FUZZ\u2063"
    target[key] = marker
    raw = draw(
        st.one_of(st.sampled_from(JSON_VALUES), st.integers().map(str), st.text().map(json.dumps))
    )
    # ASCII only, so that a lone surrogate put in by an earlier damage stays an escape.
    text = json.dumps(rows).replace(json.dumps(marker), raw, 1)
    path.write_text(text, encoding="utf-8")


def _csv_field(value: str | None) -> str:
    return "" if value is None else '"' + value.replace('"', '""') + '"'


def _csv_cell(path: Path, draw: st.DrawFn) -> None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        records = [fields for _, fields in csv_records(text, path.name)]
    except (ValueError, InvalidInput):
        return  # damaged already
    if len(records) < 1:
        return
    line = draw(st.integers(0, len(records) - 1))
    column = draw(st.integers(0, len(records[line]) - 1))
    records[line][column] = draw(
        st.one_of(st.sampled_from(CSV_VALUES), st.integers().map(str), st.text())
    )
    path.write_bytes(
        "\r\n".join(",".join(_csv_field(f) for f in fields) for fields in records).encode(
            "utf-8", "surrogatepass"
        )
    )


def _whole_file(path: Path, draw: st.DrawFn) -> None:
    data = path.read_bytes()
    kind = draw(
        st.sampled_from(["truncate", "empty", "nested", "bytes", "delete", "drop line", "twice"])
    )
    if kind == "truncate":
        path.write_bytes(data[: draw(st.integers(0, max(0, len(data) - 1)))])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "nested":
        path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    elif kind == "bytes":
        at = draw(st.integers(0, len(data)))
        path.write_bytes(data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:])
    elif kind == "delete":
        path.unlink()
    else:
        lines = data.split(b"\n")
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "drop line":
            del lines[at]
        else:
            lines.insert(at, lines[at] if lines else b"")
        path.write_bytes(b"\n".join(lines))


@st.composite
def damaged_exports(draw: st.DrawFn, folder: Path) -> str:
    fmt = draw(st.sampled_from(["csv", "json"]), label="format")
    shutil.copytree(_SOURCE[fmt], folder)
    files = sorted(p.name for p in folder.iterdir())
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(files))
        path = folder / name
        if not path.exists():
            continue
        how = draw(st.sampled_from(["cell", "cell", "cell", "file"]))
        if how == "file":
            _whole_file(path, draw)
        elif name.endswith(".json"):
            _json_cell(path, draw)
        else:
            _csv_cell(path, draw)
    return fmt


READERS = [
    ["settings", "--json"],
    ["rules"],
    ["usage", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "day"],
    ["mood", "list", "--from", "2026-09-01", "--to", "2026-11-30", "--json"],
    ["gratitude", "list", "--from", "2026-11-01", "--to", "2026-11-30"],
    ["limits", "--json"],
    ["suggest"],
    ["help-now"],
]


def check_restore(export: Path, data: Path) -> Outcome:
    run(["settings", "--data-dir", str(data)])  # the empty folder exists before
    before = dump(data)
    argv = ["import", "backup", str(export)]
    outcome = run([*argv, "--data-dir", str(data)])
    assert_refused_cleanly(outcome, argv)
    if outcome.code == 2:
        assert dump(data) == before
        return outcome
    # Restored: every reading command and tracking still work in this folder.
    for follow in READERS:
        after = run([*follow, "--data-dir", str(data)])
        assert after.code == 0, (follow, after.err)
    repos = open_repositories(data)
    try:
        build_tracker(repos, load_catalog())
    finally:
        repos.close()
    return outcome


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_undamaged_export_restores(fmt: str, tmp_path: Path) -> None:
    assert check_restore(_SOURCE[fmt], tmp_path / "data").code == 0


@fuzz(brief=15)
@given(data=st.data())
def test_fuzzed_exports_restore_whole_or_not_at_all(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export"
        fmt = data.draw(damaged_exports(export))
        outcome = check_restore(export, Path(folder) / "data")
    event(f"{fmt}: exit {outcome.code}")
