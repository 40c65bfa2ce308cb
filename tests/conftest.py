"""Shared fixtures: an isolated environment, a fixed clock, and databases built in tmp_path.

Databases are files (never :memory:): service calls from the app run in worker threads, and
each thread has its own connection, which cannot see another connection's in-memory database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import DEMO_NOW

from depot_tui import config, db, i18n
from depot_tui.models import database_proxy
from depot_tui.services import clock, demo
from depot_tui.services.actor import console_actor


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No developer config, data folder or DEPOT_* variable reaches a test; the clock is fixed;
    the language is Chinese, as a clerk starts."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    for name in ("DEPOT_DB", "DEPOT_LANG", "DEPOT_CONFIG", "DEPOT_DEMO", "DEPOT_OUTBOX", "DEPOT_STATE",
                 "DEPOT_BUSY_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    clock.fix(DEMO_NOW)
    i18n.set_language("zh")
    yield
    clock.fix(None)
    i18n.set_language("zh")
    if database_proxy.obj is not None:
        database_proxy.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database built at DEMO_NOW; tests get copies (building costs ~2 s of hashing)."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    clock.fix(DEMO_NOW)
    database = db.open_database(str(path))
    demo.build(console_actor("pytest"))
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    clock.fix(None)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path):
    """The demo database opened and bound to the models."""
    database = db.open_database(str(demo_path))
    yield database
    database.close()


@pytest.fixture
def demo_config(demo_path: Path) -> config.Config:
    """App configuration on a private copy of the demo database, in demo mode."""
    cfg = config.load(db=str(demo_path), demo=True)
    db.open_database(cfg.db)
    return cfg


@pytest.fixture
def console():
    return console_actor("pytest")
