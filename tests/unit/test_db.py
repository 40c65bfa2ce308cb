"""Opening databases: the SQLite library, pragmas, migrations and bad files. Two processes on
one file at once (a writer waiting its turn, migrating once):
tests/programs/test_one_file_two_processes.py."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
import pytest
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from depot_tui import db, i18n
from depot_tui.models import ALL_MODELS, AuditLog, Depot, User, database_proxy


@pytest.fixture
def english():
    """The administrator who started the app reads English (the messages' words are checked)."""
    i18n.set_language("en")


def test_sqlite_library_has_the_wal_reset_fix():
    """With an older SQLite, many clerk processes on one WAL file can corrupt it: lost waybills."""
    assert db.sqlite_library_version() >= db.MIN_SQLITE


def test_refuses_a_library_with_the_wal_reset_bug(monkeypatch, tmp_path, english):
    """A build of APSW linked to an old system SQLite must be refused with a clear reason,
    not silently used until the database corrupts."""
    monkeypatch.setattr(db, "sqlite_library_version", lambda: (3, 40, 1))
    with pytest.raises(db.DatabaseError, match=r"3\.40\.1.*WAL-reset.*3\.51\.3"):
        db.open_database(str(tmp_path / "x.sqlite3"))


def test_sqlite_url_never_goes_through_stdlib_sqlite3(tmp_path):
    """sqlite:// must not fall back to Python's sqlite3 (3.40.1 here, affected by the bug)."""
    database = db.make_database(f"sqlite:///{tmp_path}/x.sqlite3")
    assert isinstance(database, db.DepotSQLite)
    assert sqlite3.sqlite_version_info < db.MIN_SQLITE  # why this matters on these machines


def test_pragmas_wal_foreign_keys_full_sync(tmp_path):
    """Without WAL readers block writers; without foreign keys a scan could name a lost piece."""
    database = db.open_database(str(tmp_path / "x.sqlite3"))
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_fresh_schema_matches_the_models(empty_target):
    """A model changed without a migration would crash the first clerk who touches that table,
    on either database (the migrations write SQL each must take)."""
    database = db.open_database(empty_target)
    assert not diff_models(database, ALL_MODELS)
    assert db.pending_migrations(database) == []
    database.close()


def test_upgrade_from_the_first_migration_keeps_every_row(tmp_path):
    """A depot running an older app must upgrade in place and keep its users, depots and
    audit trail; the upgraded schema must equal a fresh one, and a copy is kept beforehand."""
    path = tmp_path / "old.sqlite3"
    database = db.make_database(str(path))
    database.connect()
    database_proxy.initialize(database)
    first = Runner(database, db.migrations_dir(), db.MIGRATION_TABLE).migrations()[0].name
    db.migrate(database, target=first)
    database.execute_sql(
        "INSERT INTO place (code, name, level, pinyin, active) "
        "VALUES ('430321', '湘潭县', 'county', 'xtx', 1)"
    )
    database.execute_sql(
        "INSERT INTO depot (code, name, place_id, address, phone, active) "
        "VALUES ('XT', '湘潭站', 1, '', '', 1)"
    )
    database.execute_sql(
        "INSERT INTO user (depot_id, username, name, role, password_hash, active, failed_logins, "
        "must_change_password, created_at) "
        "VALUES (1, 'li', '李', 'clerk', 'x', 1, 0, 0, '2025-01-01 08:00:00')"
    )
    database.execute_sql(
        "INSERT INTO audit_log (at, action, entity, reason) "
        "VALUES ('2025-01-01 08:00:00', 'user.add', 'user', '')"
    )
    database.close()

    upgraded = db.open_database(str(path))
    assert db.pending_migrations(upgraded) == []
    assert not diff_models(upgraded, ALL_MODELS)
    assert [u.username for u in User.select()] == ["li"]
    assert Depot.get().place.name == "湘潭县"
    assert AuditLog.select().count() == 1
    assert Path(f"{path}.before-0002_operations").exists()


def test_audit_log_is_append_only(demo_db):
    """An audit trail anyone can edit proves nothing when a deduction is disputed."""
    row = AuditLog.select().first()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditLog.update(reason="changed").where(AuditLog.id == row.id).execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditLog.delete().where(AuditLog.id == row.id).execute()


@pytest.mark.parametrize(
    "content", [b"this is a spreadsheet, not a database" * 100, b"\x00" * 4096], ids=["text", "zeros"]
)
def test_not_a_database_is_one_clear_line(tmp_path, content, english):
    """Pointing --db at the wrong file must say so, not print a traceback at the clerk."""
    path = tmp_path / "wrong.sqlite3"
    path.write_bytes(content)
    with pytest.raises(db.DatabaseError) as caught:
        db.open_database(str(path))
    message = str(caught.value)
    assert "\n" not in message and "not a depot database" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_one_clear_line(tmp_path, english):
    """A permissions mistake on the server must name the file and the cause."""
    path = tmp_path / "locked.sqlite3"
    db.open_database(str(path)).close()
    path.chmod(0)
    with pytest.raises(db.DatabaseError, match="cannot open|read-only|permission"):
        db.open_database(str(path))


def test_missing_folder_is_one_clear_line(tmp_path, english):
    with pytest.raises(db.DatabaseError, match="does not exist"):
        db.open_database(str(tmp_path / "nowhere" / "x.sqlite3"))
