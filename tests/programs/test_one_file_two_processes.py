"""Clerks' processes on one SQLite file at once, each a process of its own as each clerk's SSH
session is: a second writer waits its turn instead of failing, and apps starting together at
shift change migrate the database once."""

from __future__ import annotations

import multiprocessing
import threading

from depot_tui import db
from depot_tui.models import Place


def _writer(path: str, started, release) -> None:
    database = db.make_database(path)
    database.connect()
    database.execute_sql("BEGIN IMMEDIATE")
    database.execute_sql("UPDATE place SET active = 1 WHERE id = 1")
    started.set()
    release.wait(10)
    database.execute_sql("COMMIT")


def test_read_then_write_waits_for_another_writer_instead_of_failing(tmp_path):
    """Two clerks' processes writing at once: the second must wait its turn, never show
    'database is locked' (a deferred BEGIN would fail at once on its first write)."""
    path = str(tmp_path / "x.sqlite3")
    database = db.open_database(path)
    Place.create(code="430321", name="湘潭县", level="county", pinyin="xtx")
    ctx = multiprocessing.get_context("spawn")
    started, release = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_writer, args=(path, started, release))
    other.start()
    assert started.wait(20)
    threading.Timer(0.5, release.set).start()
    with database.atomic():  # BEGIN IMMEDIATE: waits on the busy timeout until the other commits
        count = Place.select().count()
        Place.create(code="430300", name="湘潭市", level="prefecture", pinyin="xts")
    other.join(10)
    assert count == 1 and Place.select().count() == 2


def _start(path: str, queue) -> None:
    database = db.open_database(path)
    queue.put(sorted(database.get_tables()))


def test_two_processes_starting_together_migrate_once(tmp_path):
    """Clerks log in at shift change at the same moment: both apps must start, neither may
    apply a migration twice or fail on 'table already exists'."""
    path = str(tmp_path / "x.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_start, args=(path, queue)) for _ in range(3)]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(10)
        assert proc.exitcode == 0
    assert all(r == results[0] for r in results) and "waybill" in results[0]
