"""How long the command line takes to answer, over the bare interpreter (#16 item 1).

Runs each command as a new process, the way a status bar does (waybar, polybar and i3blocks
start one every few seconds), ``--runs`` times in turn with ``python -c pass``, and prints the
median and the best wall time of each and the median over the bare interpreter. The target is
at most 100 ms over it. The data folder is a year of sample data (``wellbeing demo``), opened
once first so that the measured runs see a current file.

    .venv/bin/python benchmarks/bench_cli.py [--runs 30] [--data-dir DIR] [--json FILE]
        [--source DIR]   # run another checkout's wellbeing_app (PYTHONPATH=DIR)

Bytecode is cached as an installed package has it (``pip install`` compiles every module):
this workplace sets ``PYTHONDONTWRITEBYTECODE=1``, under which an editable checkout would be
compiled from source at every start, so the benchmark unsets it and keeps the cache in a
scratch folder (``PYTHONPYCACHEPREFIX``), warmed by the first run.

It also reports what each command imported (``sqlite_utils``, ``numpy``: neither should be
loaded by the read commands), from ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0
COMMANDS: dict[str, list[str]] = {
    "status": ["status"],
    "status --waybar": ["status", "--waybar"],
    "usage --json": ["usage", "--json"],
    "usage --from (a year)": ["usage", "--json", "--from", "2000-01-01"],
    "limits --json": ["limits", "--json"],
    "--help": ["--help"],
    "mood list --json": ["mood", "list", "--json"],
}
HEAVY = ("sqlite_utils", "numpy", "PySide6", "matplotlib")


def run_once(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - started) * 1000


def imported(argv: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    return [heavy for heavy in HEAVY if any(n.split(".")[0] == heavy for n in names)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--source", type=Path, help="run this checkout's wellbeing_app")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.source:
        env["PYTHONPATH"] = str(args.source.resolve())
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        data_dir = args.data_dir or Path(scratch) / "data"
        cli = [python, "-m", "wellbeing_app", "--data-dir", str(data_dir)]
        if args.data_dir is None:
            subprocess.run(
                [*cli, "demo", "--days", "365"], env=env, check=True, stdout=subprocess.DEVNULL
            )
        subprocess.run([*cli, "usage"], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {}
        for name, words in COMMANDS.items():  # compiles what each command imports, once
            done = subprocess.run(
                [*cli, *words],
                check=False,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if done.returncode == 0:
                commands[name] = words
            else:  # an older version (--source) without this command
                print(f"  {name}: not available here (exit {done.returncode}), skipped")
        bare = [python, "-c", "pass"]
        times: dict[str, list[float]] = {"python -c pass": []}
        times.update({name: [] for name in commands})
        for _ in range(args.runs):  # interleaved, so a busy moment hits every command alike
            times["python -c pass"].append(run_once(bare, env))
            for name, words in commands.items():
                times[name].append(run_once([*cli, *words], env))
        base = statistics.median(times["python -c pass"])
        results = []
        print(f"{args.runs} runs each; median (best) wall time; target <= {TARGET_MS:.0f} ms over")
        print(f"  {'python -c pass':<24} {base:7.1f} ms ({min(times['python -c pass']):.1f})")
        for name, words in commands.items():
            median = statistics.median(times[name])
            over = median - base
            heavy = imported([*cli, *words], env)
            verdict = "PASS" if over <= TARGET_MS else "FAIL"
            print(
                f"  {name:<24} {median:7.1f} ms ({min(times[name]):.1f})  +{over:.1f} ms over  "
                f"{verdict}  imports: {', '.join(heavy) or 'none of ' + '/'.join(HEAVY)}"
            )
            results.append(
                {
                    "command": name,
                    "median_ms": median,
                    "best_ms": min(times[name]),
                    "over_bare_ms": over,
                    "heavy_imports": heavy,
                }
            )
    if args.json:
        args.json.write_text(json.dumps({"bare_ms": base, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
