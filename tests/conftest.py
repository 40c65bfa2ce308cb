"""Shared fixtures: an isolated environment, a fixed clock, and the demo database on each of
the two databases the app runs on.

Every test that takes `demo_target` (or `demo_db`, `demo_config`) runs twice: on SQLite and on
PostgreSQL. SQLite databases are files (never :memory:): service calls from the app run in
worker threads, and each thread has its own connection, which cannot see another connection's
in-memory database. PostgreSQL runs as a throw-away cluster started for the session
(tests/pgserver.py), or the server `DEPOT_TEST_PG` names; each test gets its own copy of the
demo, made by `CREATE DATABASE … TEMPLATE`.

A test that only makes sense on one database says so: `@pytest.mark.sqlite_only("why")`. Without a
PostgreSQL server the PostgreSQL runs are skipped, except under CI, where that is an error.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
from argon2 import PasswordHasher
from pgserver import Copies, PgServer, binaries
from support import DEMO_NOW

from depot_tui import config, db, i18n
from depot_tui.cli import steady_gc
from depot_tui.models import database_proxy
from depot_tui.services import auth, clock, demo
from depot_tui.services.actor import console_actor


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No developer config, data folder, DEPOT_*, NO_COLOR or TEXTUAL_ANIMATIONS variable
    reaches a test; the terminal is a colour one; the clock is fixed; the language is Chinese,
    as a clerk starts; the umask is given back (cli.main tightens it, and a later test's folder
    got a mode it did not ask for)."""
    home = tmp_path_factory.mktemp("home")
    umask = os.umask(0o022)
    os.umask(umask)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    for name in (
        "DEPOT_DB",
        "DEPOT_LANG",
        "DEPOT_CONFIG",
        "DEPOT_DEMO",
        "DEPOT_OUTBOX",
        "DEPOT_STATE",
        "DEPOT_BUSY_TIMEOUT",
        "NO_COLOR",
        "TEXTUAL_ANIMATIONS",
    ):
        monkeypatch.delenv(name, raising=False)
    # A colour terminal, whatever runs the suite (a CI runner's TERM may be dumb): the app draws
    # without colour on a monochrome one, and the snapshots are of the colour screens.
    monkeypatch.setenv("TERM", "xterm-256color")
    clock.fix(DEMO_NOW)
    i18n.set_language("zh")
    yield
    os.umask(umask)
    clock.fix(None)
    i18n.set_language("zh")
    if database_proxy.obj is not None:
        database_proxy.close()


@functools.cache
def cheap_hasher() -> PasswordHasher:
    """Argon2id at its smallest (one pass over 8 KiB): a login costs well under a millisecond
    instead of ~0.4 s. The product's parameters are tested by the tests marked `real_hasher`."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, hash_len=16, salt_len=8)


@pytest.fixture(autouse=True)
def hashing(request: pytest.FixtureRequest):
    """Every test hashes and checks passwords with `cheap_hasher`, unless it is about hashing
    (`@pytest.mark.real_hasher`). Hashes carry their parameters, so a database made either way
    is read by both; the installed app run by the terminal and CLI tests always uses its own."""
    auth._dummy_hash.cache_clear()
    if request.node.get_closest_marker("real_hasher"):
        yield
    else:
        with mock.patch.object(auth, "_hasher", cheap_hasher):
            yield
    auth._dummy_hash.cache_clear()


BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    # The collector as the app runs it (cli.steady_gc). A worker holds some 500,000 objects
    # (pytest, the modules, the tests' caches), and with Python's defaults each full collection
    # scanned them all: 24 pilot tests in one process spent 2.2-2.4 s of their 15.5-16.2 s CPU
    # collecting, 0.9 s tuned (14.1-15.1 s CPU); six unit-test files 0.27 s of 5.5 s, 0.12 s.
    steady_gc()
    _keys_at_a_typists_pace()
    config.addinivalue_line("markers", "sqlite_only(reason): runs on SQLite only; the reason says why")
    config.addinivalue_line("markers", "postgresql_only(reason): runs on PostgreSQL only")
    config.addinivalue_line(
        "markers",
        "real_hasher: hashes passwords with the product's Argon2 parameters, not the tests' cheap ones",
    )


#: How long Textual's pilot watches the process for idleness after each key it presses (its own
#: value: 20 ms), and how little CPU in that window counts as idle (its own: a twentieth).
PILOT_IDLE_WINDOW_S = 0.002


def _keys_at_a_typists_pace() -> None:
    """`pilot.press` waits after every key until the process has spent a whole window idle
    (textual._wait.wait_for_idle), twice: at Textual's 20 ms, 40 ms a key at least, whatever
    the app had to do. The pilot tests spent 84 % of their time waiting so (1,113 s of wall
    for 174 s of CPU in one run): a night check of 30 labels took 30 s, and the suite's
    cores sat half idle while they did. At 2 ms a key still waits until the app has done
    its work (CPU spent in the window keeps it waiting), and keys come at a fast typist's
    pace; a test that needs an answer waits for it (`support.wait_for`), as it must under
    load anyway."""
    import textual._wait

    for name in ("SLEEP_GRANULARITY", "SLEEP_IDLE"):  # a Textual that renamed them: say so
        if not hasattr(textual._wait, name):
            raise RuntimeError(f"textual._wait.{name} is gone: see conftest._keys_at_a_typists_pace")
    textual._wait.SLEEP_GRANULARITY = PILOT_IDLE_WINDOW_S
    textual._wait.SLEEP_IDLE = PILOT_IDLE_WINDOW_S / 20


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked for one database is not run on the other (deselected, and counted)."""
    keep, drop = [], []
    for item in items:
        backend = getattr(item, "callspec", None) and item.callspec.params.get("backend")
        only = (
            "sqlite"
            if item.get_closest_marker("sqlite_only")
            else "postgresql"
            if item.get_closest_marker("postgresql_only")
            else None
        )
        (drop if backend and only and backend != only else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@contextlib.contextmanager
def _only_one(path: Path):
    """Held by one process at a time: the first of the xdist workers makes what they share."""
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _shared(request: pytest.FixtureRequest) -> Path | None:
    """The folder the workers of one xdist run share (the run's base temporary folder, of which
    each worker's is a subfolder), or None when the tests run in one process."""
    if not hasattr(request.config, "workerinput"):
        return None
    return request.getfixturevalue("tmp_path_factory").getbasetemp().parent


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest):
    """The PostgreSQL server of this run: DEPOT_TEST_PG's, or a throw-away cluster, one for all
    the xdist workers (made by the first, stopped by the controller at the end: see
    pytest_sessionfinish). A test that restarts a server starts its own (`private_pg_server`)."""
    own = os.environ.get("DEPOT_TEST_PG")
    if own:
        server = PgServer.existing(own)
        yield server
        server.stop()  # its admin connection; a server of one's own is never stopped
        return
    if binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs every test on PostgreSQL too, and no PostgreSQL server is installed")
        pytest.skip("no PostgreSQL server installed (apt-get install postgresql) and no DEPOT_TEST_PG")
    shared = _shared(request)
    if shared is None:
        server = PgServer.start(fast=True)
        yield server
        server.stop()
        return
    with _only_one(shared / "pg.lock"):
        info = shared / "pg.json"
        if info.exists():
            server = PgServer.from_json(info.read_text())
        else:
            server = PgServer.start(fast=True)
            info.write_text(server.to_json())
    yield server


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller of an xdist run stops the server its workers shared."""
    if hasattr(session.config, "workerinput"):
        return
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None:
        return
    info, template = factory.getbasetemp() / "pg.json", factory.getbasetemp() / "pg-template.done"
    if info.exists():
        PgServer.from_json(info.read_text()).stop()
    elif template.exists() and os.environ.get("DEPOT_TEST_PG"):  # a server of one's own stays
        server = PgServer.existing(os.environ["DEPOT_TEST_PG"])
        server.drop(template.read_text())
        server.stop()


@pytest.fixture
def private_pg_server():
    """A cluster of this test's own, for a test that restarts it under the others' feet."""
    if binaries() is None:
        pytest.skip("no PostgreSQL server installed")
    server = PgServer.start(fast=True)
    yield server
    server.stop()


@pytest.fixture
def private_pg_demo(private_pg_server: PgServer) -> tuple[PgServer, config.Config]:
    """The demo on a server of this test's own, opened as demo_config opens it."""
    url = private_pg_server.create("depot_demo")
    _build_demo(url)
    cfg = config.load(db=url, demo=True)
    db.open_database(cfg.db)
    return private_pg_server, cfg


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _build_demo(target: str) -> None:
    """The demo at DEMO_NOW in `target`, every connection to it closed (a template is copied
    only when nobody is connected). Built inside the first test that needs it: that test's
    clock and bound database are left as they were."""
    before = database_proxy.obj
    with clock.at(DEMO_NOW), mock.patch.object(auth, "_hasher", cheap_hasher):
        database = db.open_database(target)
        demo.build(console_actor("pytest"))
    if isinstance(database, db.APSWDatabase):
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    database_proxy.initialize(before)


@pytest.fixture(scope="session")
def demo_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite demo database built at DEMO_NOW, once for all xdist workers; tests get copies
    (building it replays two days of work through the services: about 2 s)."""
    shared = _shared(request)
    if shared is None:
        path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
        _build_demo(str(path))
        return path
    path = shared / "demo-template.sqlite3"
    with _only_one(shared / "demo-template.lock"):
        if not path.exists():
            building = path.with_suffix(".building")
            _build_demo(str(building))
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def pg_demo_template(request: pytest.FixtureRequest):
    """The demo built once on the PostgreSQL server (once for all xdist workers); tests get
    copies. Its name. Dropped at the end (by the controller, when the workers shared it)."""
    server = request.getfixturevalue("pg_server")
    shared = _shared(request)
    if shared is None:
        name = f"depot_demo_{os.getpid()}"
        server.drop(name)
        _build_demo(server.create(name))
        yield name
        server.drop(name)
        return
    with _only_one(shared / "pg-template.lock"):
        done = shared / "pg-template.done"
        if not done.exists():
            name = f"depot_demo_{os.getpid()}"
            server.drop(name)
            _build_demo(server.create(name))
            done.write_text(name)
    yield done.read_text()


@pytest.fixture(scope="session")
def pg_demo_copies(request: pytest.FixtureRequest):
    """Copies of the PostgreSQL demo made ahead, one per test (see pgserver.Copies)."""
    copies = Copies(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_demo_template"))
    yield copies
    copies.close()


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the SQLite demo database file for one test (for tests about files)."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_target(backend: str, request: pytest.FixtureRequest):
    """A private copy of the demo database for one test, on this run's database: a file path
    or a postgresql:// URL, as a clerk's --db would name it."""
    if backend == "sqlite":
        yield str(request.getfixturevalue("demo_path"))
        return
    copies = request.getfixturevalue("pg_demo_copies")
    url = copies.take()
    yield url
    copies.done(url)


@pytest.fixture
def empty_target(backend: str, request: pytest.FixtureRequest, tmp_path: Path):
    """A new, empty database on this run's database (nothing migrated yet)."""
    if backend == "sqlite":
        yield str(tmp_path / "empty.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create()
    yield url
    server.drop(url.rsplit("/", 1)[1])


@pytest.fixture
def demo_db(demo_target: str):
    """The demo database opened and bound to the models."""
    database = db.open_database(demo_target)
    yield database
    database.close()


@pytest.fixture
def demo_config(demo_target: str) -> config.Config:
    """App configuration on a private copy of the demo database, in demo mode."""
    cfg = config.load(db=demo_target, demo=True)
    db.open_database(cfg.db)
    return cfg


@pytest.fixture
def sqlite_config(demo_path: Path) -> config.Config:
    """demo_config on SQLite only, for the snapshot tests: a screen's picture does not depend on
    the database under it (the pilot tests drive the same screens on both), and a snapshot's
    name must not change with a database parameter."""
    cfg = config.load(db=str(demo_path), demo=True)
    db.open_database(cfg.db)
    return cfg


@pytest.fixture
def console():
    return console_actor("pytest")


@pytest.fixture
def clerk(demo_db):  # noqa: ANN001, ANN201 - an Actor
    """张三, the demo's early clerk, logged in (the worked example is his): an Actor."""
    return auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
