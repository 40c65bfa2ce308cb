"""A throw-away PostgreSQL server for the tests and the benches: Debian's own binaries, a new
cluster in a temporary folder (in RAM for the tests' fast one: see _ram), listening on
loopback only, stopped and removed afterwards.

    server = PgServer.start(fast=True)   # fast: no fsync, for tests only; benches keep fsync
    url = server.create("depot_t1")      # postgresql://postgres@127.0.0.1:PORT/depot_t1
    server.stop()

PostgreSQL refuses to run as root: when the tests run as root the cluster belongs to the
`postgres` account the Debian package creates. `DEPOT_TEST_PG=postgresql://…/` names a server
of one's own instead (a superuser login: the tests create and drop databases on it).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse


def binaries() -> Path | None:
    """The folder of the newest installed PostgreSQL server's programs, or None."""

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _ram() -> str | None:
    """Where a fast cluster lives: in RAM (tmpfs) when the machine has it. Each test's copy of
    the 13 MB demo is some 300 files made and removed: on this machine's disk (ext4 on virtio)
    a CREATE DATABASE cost 190-220 ms of the kernel's CPU, 10-12 ms on /dev/shm, and the
    suite made over 500 of them. The data is thrown away anyway, and fsync is off."""
    ram = Path("/dev/shm")
    return str(ram) if ram.is_dir() and os.access(ram, os.W_OK) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    """A server the tests may create and drop databases on. `folder` is None for a server of
    one's own (DEPOT_TEST_PG), which is never stopped."""

    url: str
    folder: Path | None = None
    owner: str | None = None
    bin: Path | None = None
    _admin: object = field(default=None, repr=False)

    @classmethod
    def start(cls, *, fast: bool = False) -> PgServer:
        """A new cluster on a free loopback port. `fast` turns off what only protects against
        a power cut (fsync, synchronous commit, full-page writes): for tests, never benches."""
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("no PostgreSQL server installed (Debian: apt-get install postgresql)")
        folder = Path(tempfile.mkdtemp(prefix="depot-pg-", dir=_ram() if fast else None))
        owner = None
        if os.geteuid() == 0:
            owner = "postgres"
            entry = pwd.getpwnam(owner)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        data = folder / "data"
        port = _free_port()
        _run(
            owner,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(port),
            "unix_socket_directories": str(folder),
            "max_connections": "200",
            "shared_buffers": "128MB",
            "log_min_messages": "fatal",
        }
        if fast:
            settings.update(fsync="off", synchronous_commit="off", full_page_writes="off")
        with (data / "postgresql.auto.conf").open("a") as conf:
            conf.writelines(f"{key} = '{value}'\n" for key, value in settings.items())
        _run(
            owner,
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
        return cls(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, owner, bin_dir)

    @classmethod
    def existing(cls, url: str) -> PgServer:
        return cls(url)

    def to_json(self) -> str:
        """What another process needs to use this server, and to stop it."""
        return json.dumps(
            {
                "url": self.url,
                "folder": str(self.folder) if self.folder else None,
                "owner": self.owner,
                "bin": str(self.bin) if self.bin else None,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> PgServer:
        data = json.loads(text)
        return cls(
            data["url"],
            Path(data["folder"]) if data["folder"] else None,
            data["owner"],
            Path(data["bin"]) if data["bin"] else None,
        )

    def _connect(self):  # noqa: ANN202 - a psycopg2 connection in autocommit
        import psycopg2

        conn = psycopg2.connect(self.url)
        conn.autocommit = True
        return conn

    def admin(self):  # noqa: ANN201
        if self._admin is None or self._admin.closed:
            self._admin = self._connect()
        return self._admin

    def database_url(self, name: str) -> str:
        parts = urlparse(self.url)
        return urlunparse(parts._replace(path=f"/{name}"))

    def create(self, name: str | None = None, *, template: str | None = None, conn=None) -> str:  # noqa: ANN001
        """A new empty database (or a copy of `template`, which nobody may be connected to);
        its URL. `conn`: an autocommit connection of the caller's thread (default: admin())."""
        conn = conn or self.admin()
        name = name or f"depot_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        if template and conn.server_version >= 150000:
            copy += " STRATEGY FILE_COPY"  # a third faster than WAL_LOG for a database this small
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.database_url(name)

    def drop(self, name: str, *, conn=None) -> None:  # noqa: ANN001 - as create's
        with (conn or self.admin()).cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def restart(self) -> None:
        """Stop the server (fast: every connection dropped) and start it again, as when the
        depot's server is restarted under load."""
        if self.folder is None:
            raise RuntimeError("a server of one's own is not restarted by the tests")
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        data = str(self.folder / "data")
        _run(
            self.owner,
            [
                str(self.bin / "pg_ctl"),
                "-D",
                data,
                "-m",
                "fast",
                "-w",
                "restart",
                "-l",
                str(self.folder / "server.log"),
            ],
        )

    def stop(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
        if self.folder is None:
            return
        with contextlib.suppress(subprocess.CalledProcessError):
            _run(
                self.owner,
                [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(owner: str | None, argv: list[str]) -> None:
    if owner is not None:
        argv = ["runuser", "-u", owner, "--", *argv]
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed after {time.monotonic() - started:.1f} s:\n{done.stdout}\n{done.stderr}"
        )


class Copies:
    """Copies of a template database made ahead in a thread of their own, so that a test takes
    one made while the test before it ran (a copy costs 10-12 ms of the server's time in RAM,
    190-220 ms on this machine's disk: see _ram); the copies a test is done with are dropped there too."""

    def __init__(self, server: PgServer, template: str, ahead: int = 2) -> None:
        self.server, self.template = server, template
        self._ready: queue.Queue[str | BaseException] = queue.Queue(maxsize=ahead)
        self._done: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="pg-copies", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        conn = None
        try:
            conn = self.server._connect()
            while not self._stop.is_set():
                self._drop_done(conn)
                url = self.server.create(template=self.template, conn=conn)
                while True:
                    if self._stop.is_set():
                        self.done(url)  # made after the last test: dropped below
                        break
                    try:
                        self._ready.put(url, timeout=0.05)
                        break
                    except queue.Full:
                        self._drop_done(conn)
        except BaseException as exc:  # noqa: BLE001 - handed to the test that waits for a copy
            self._ready.put(exc)
        finally:
            if conn is not None:
                with contextlib.suppress(Exception):
                    self._drop_done(conn)
                    conn.close()

    def _drop_done(self, conn) -> None:  # noqa: ANN001 - a psycopg2 connection
        while True:
            try:
                name = self._done.get_nowait()
            except queue.Empty:
                return
            self.server.drop(name, conn=conn)

    def take(self) -> str:
        """The URL of a fresh copy, for one test."""
        got = self._ready.get(timeout=120)
        if isinstance(got, BaseException):
            raise RuntimeError("making a copy of the demo database failed") from got
        return got

    def done(self, url: str) -> None:
        """The test is over: its copy is dropped (by the thread, while the next test runs)."""
        self._done.put(url.rsplit("/", 1)[1])

    def close(self) -> None:
        """Stop making copies and drop the ones no test took (on a server of one's own,
        DEPOT_TEST_PG, they would otherwise stay)."""
        self._stop.set()
        self._thread.join(timeout=30)
        while True:
            try:
                left = self._ready.get_nowait()
            except queue.Empty:
                break
            if isinstance(left, str):
                self.done(left)
        with contextlib.suppress(Exception):
            conn = self.server._connect()
            try:
                self._drop_done(conn)
            finally:
                conn.close()
