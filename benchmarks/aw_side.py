"""The ActivityWatch side of ``compare_activitywatch.py``: install, start, ask, stop.

ActivityWatch goes into a virtual environment of its own (never the project's): aw-server 0.12
from PyPI, which needs ``peewee<4`` (peewee 4 dropped what aw-core's storage uses) and Flask
2.2 with a Werkzeug 2.3 (aw-server asks for ``werkzeug>=2.3.3,<3``); aw-watcher-window and
aw-watcher-afk are not on PyPI, so they come from a source tree or git repository given on the
command line, or from GitHub through pip.

Every ActivityWatch process runs with ``HOME`` and the ``XDG_*`` folders pointed into a
temporary folder, so its configuration, logs, queue files and database never touch the real
user's ``~/.config/activitywatch`` or ``~/.local/share/activitywatch``. Each process starts
in a session of its own and is stopped with its whole process group.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

SERVER_REQUIREMENTS = (
    "aw-server==0.12.0",
    "peewee>=3.14,<4",
    "flask>=2.2,<2.3",
    "werkzeug>=2.3.3,<2.4",
)
WATCHERS = ("aw-watcher-window", "aw-watcher-afk")
DEFAULT_VENV = Path.home() / ".cache" / "wellbeing-bench" / "aw-venv"
STOP_TIMEOUT = 10.0
DB_GLOB = "peewee-sqlite*.db*"


def _run(command: Sequence[str], log: TextIO, cwd: Path | None = None) -> bool:
    print(f"  $ {' '.join(command)}", file=log, flush=True)
    result = subprocess.run(
        command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, check=False, text=True
    )
    return result.returncode == 0


def _source_tree(source: Path, build: Path, name: str, log: TextIO) -> Path:
    """A copy of ``source`` in ``build/name``: a source tree, or HEAD of a (bare) git repo."""
    target = build / name
    shutil.rmtree(target, ignore_errors=True)
    if (source / "pyproject.toml").exists() or (source / "setup.py").exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git"))
        return target
    target.mkdir(parents=True)
    with tempfile.TemporaryFile() as archive:
        if not _run(["git", f"--git-dir={source}", "log", "-1", "--format=%H %cd"], log):
            raise RuntimeError(f"{source} is neither a source tree nor a git repository")
        subprocess.run(
            ["git", f"--git-dir={source}", "archive", "--format=tar", "HEAD"],
            stdout=archive,
            check=True,
        )
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(target, filter="data")
    return target


def ensure_venv(venv: Path, sources: dict[str, Path | None], log: TextIO) -> Path:
    """Creates (or reuses) the ActivityWatch virtual environment; returns its ``bin`` folder.

    Args:
        venv: the folder of the environment.
        sources: for each watcher, a source tree or git repository to install from, or None
            to try PyPI and then GitHub (``git+https://...``) through pip.
        log: where pip's output goes.
    """
    bin_dir = venv / "bin"
    wanted = ("aw-server", *WATCHERS)
    if all((bin_dir / name).exists() for name in wanted):
        return bin_dir
    if not (bin_dir / "python").exists():
        # The base interpreter, not this (project) environment's: a venv made from inside a
        # venv would still see nothing of the project's packages, but be explicit.
        base = Path(getattr(sys, "_base_executable", sys.executable))
        if not _run([str(base), "-m", "venv", str(venv)], log):
            raise RuntimeError(f"could not create a virtual environment in {venv}")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--disable-pip-version-check"]
    if not _run([*pip, *SERVER_REQUIREMENTS], log):
        raise RuntimeError(f"pip could not install {' '.join(SERVER_REQUIREMENTS)} (see log)")
    build = venv.parent / "aw-build"
    for name in WATCHERS:
        source = sources.get(name)
        if source is not None:
            installed = _run([*pip, str(_source_tree(source, build, name, log))], log)
        else:
            installed = _run([*pip, name], log) or _run(
                [*pip, f"git+https://github.com/ActivityWatch/{name}"], log
            )
        if not installed:
            raise RuntimeError(
                f"could not install {name}: give its source with --{name.removeprefix('aw-')}"
                "-source DIR (a checkout or a git repository)"
            )
    return bin_dir


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def private_env(home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this environment) with HOME and every XDG folder inside ``home``."""
    env = dict(os.environ if base is None else base)
    for key, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[key] = str(home / sub)
    env["HOME"] = str(home)
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def stop_group(process: subprocess.Popen[Any], *, graceful: bool = True) -> None:
    """SIGTERM to the process's group (SIGKILL after a while), then reaps it."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM if graceful else signal.SIGKILL)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with_kill = True
        else:
            with_kill = False
        if with_kill:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Anything the leader left behind in its group (a watcher's helper) goes too.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def start_group(
    stack: ExitStack, command: Sequence[str], env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    """Starts ``command`` in a new session; the stack stops its group on exit."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            list(command),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack.callback(stop_group, process)
    return process


@dataclass
class AwServer:
    """A running aw-server on ``127.0.0.1:port`` with its data under ``home``."""

    process: subprocess.Popen[bytes]
    port: int
    home: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/0"

    def request(self, method: str, path: str, body: Any = None, timeout: float = 600.0) -> Any:
        data = None if body is None else json.dumps(body).encode()
        return self.request_bytes(method, path, data, timeout)

    def request_bytes(
        self, method: str, path: str, data: bytes | None, timeout: float = 600.0
    ) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data is not None else {},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        return json.loads(payload) if payload.strip() else None

    def buckets(self) -> dict[str, Any]:
        result: dict[str, Any] = self.request("GET", "/buckets/")
        return result

    def database_files(self) -> list[Path]:
        return sorted((self.home / "data").rglob(DB_GLOB))


@contextmanager
def aw_server(bin_dir: Path, home: Path, log: Path) -> Iterator[AwServer]:
    """Starts aw-server with its shipped settings on a free port; stops it on exit."""
    env = private_env(home)
    port = free_port()
    with ExitStack() as stack:
        process = start_group(
            stack,
            [str(bin_dir / "aw-server"), "--host", "127.0.0.1", "--port", str(port)],
            env,
            log,
        )
        server = AwServer(process, port, home)
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"aw-server exited with {process.returncode}: {_tail(log)}")
            try:
                server.request("GET", "/info", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"aw-server did not answer: {_tail(log)}") from None
                time.sleep(0.2)
        yield server


def start_watchers(
    stack: ExitStack, bin_dir: Path, server: AwServer, display_env: dict[str, str], log: Path
) -> list[subprocess.Popen[bytes]]:
    """aw-watcher-window and aw-watcher-afk with their shipped defaults, pointed at ``server``."""
    env = private_env(server.home, display_env)
    return [
        start_group(stack, [str(bin_dir / name), "--port", str(server.port)], env, log)
        for name in WATCHERS
    ]


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-1500:]
    except OSError:
        return "(no log)"


# ------------------------------------------------------------------------------------ queries


def canonical_query(window_bucket: str, afk_bucket: str) -> list[str]:
    """ActivityWatch's canonical per-window query (aw-webui ``canonicalEvents``, desktop, with
    AFK filtering, no browser buckets), merged by app and title and sorted by duration."""
    return [
        f'events = flood(query_bucket(find_bucket("{window_bucket}")));',
        f'not_afk = flood(query_bucket(find_bucket("{afk_bucket}")));',
        'not_afk = filter_keyvals(not_afk, "status", ["not-afk"]);',
        "events = filter_period_intersect(events, not_afk);",
        'events = merge_events_by_keys(events, ["app", "title"]);',
        "RETURN = sort_by_duration(events);",
    ]


def query_windows(
    server: AwServer, start: datetime, end: datetime, host: str | None = None
) -> list[tuple[str, str, float]]:
    """(app, title, seconds) from the canonical query over ``start..end`` (aware datetimes)."""
    suffix = f"_{host}" if host else "_"
    body = {
        "query": canonical_query(f"aw-watcher-window{suffix}", f"aw-watcher-afk{suffix}"),
        "timeperiods": [f"{start.isoformat()}/{end.isoformat()}"],
    }
    (events,) = server.request("POST", "/query/", body)
    return [
        (str(e["data"].get("app", "")), str(e["data"].get("title", "")), float(e["duration"]))
        for e in events
    ]
