"""What only a database server can do to a clerk: a lock held too long by another terminal, a
server that is read-only, a connection cut. Each made for real on the test's PostgreSQL server,
and told apart as the clerk needs. A server restarted under the clerk's hands, on a cluster of
the test's own: tests/programs/test_server_restart.py.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time

import psycopg2
import pytest
from support import xt_form

from depot_tui import db
from depot_tui.app import DepotApp
from depot_tui.models import WaybillDraft, database_proxy
from depot_tui.services import auth, waybills
from depot_tui.services.errors import DatabaseFailure

pytestmark = pytest.mark.postgresql_only("faults of a database server")


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def fault_of(work) -> str | None:  # noqa: ANN001
    try:
        work()
    except Exception as exc:
        fault = db.failure(exc)
        assert fault is not None, f"not told as a database fault: {exc!r}"
        return fault.kind
    return None


def draft(clerk) -> None:  # noqa: ANN001
    waybills.save_draft(clerk, xt_form(2))


def outside(target: str):  # noqa: ANN201 - another program's connection
    conn = psycopg2.connect(target)
    conn.autocommit = True
    return conn


def test_a_lock_held_past_the_wait_is_busy(demo_db, demo_target):
    """Another program holds the drafts table: the write waits its time, then is told as the
    database being busy (lock_timeout, SQLSTATE 55P03), not as a program error."""
    clerk = login("zhangsan")
    holder = psycopg2.connect(demo_target)
    with holder.cursor() as cur:
        cur.execute("LOCK TABLE waybill_draft IN EXCLUSIVE MODE")
    try:
        db.wait_at_most(0.3)
        started = time.monotonic()
        assert fault_of(lambda: draft(clerk)) == "busy"
        assert time.monotonic() - started < 5
    finally:
        holder.rollback()
        holder.close()


def test_a_read_only_server_is_read_only(demo_db):
    """A server that accepts no writes (a standby, or one set read-only): told as read-only."""
    clerk = login("zhangsan")
    database_proxy.execute_sql("SET default_transaction_read_only = on")
    assert fault_of(lambda: draft(clerk)) == "readonly"


def test_a_cut_connection_is_a_connection_fault(demo_db, demo_target):
    """The server ends this connection (an administrator, a restart): the next statement is
    told as the server not being reachable."""
    clerk = login("zhangsan")
    pid = database_proxy.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with outside(demo_target) as other, other.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert fault_of(lambda: draft(clerk)) == "connection"


def test_opening_a_server_that_is_not_there_says_so(pg_server):
    """A wrong port or a server down: one line naming the database, without the password."""
    with pytest.raises(db.DatabaseError) as refused:
        db.open_database("postgresql://depot:secret@127.0.0.1:1/depot", create=False)
    assert refused.value.kind == "connection" and "secret" not in str(refused.value)


def _kill_connections(server, target: str) -> None:  # noqa: ANN001
    name = target.rsplit("/", 1)[1]
    with server.admin().cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))


def one_thread(app: DepotApp) -> DepotApp:
    """The app's calls on one thread, so each call after the first finds that thread's kept
    connection (with several, a call may land on a thread that never connected)."""
    app._db_threads = concurrent.futures.ThreadPoolExecutor(1)
    return app


async def test_a_connection_cut_while_the_terminal_was_idle_is_replaced_unseen(demo_config, pg_server):
    """Every connection the app keeps is cut while the clerk is away (the server restarted
    overnight): the clerk's next save simply works, on a new connection."""
    app = one_thread(DepotApp(demo_config))
    clerk = await app.call(login, "zhangsan")
    await app.call(draft, clerk)
    _kill_connections(pg_server, demo_config.db)
    await app.call(draft, clerk)
    drafts = await app.call(lambda: WaybillDraft.select().where(WaybillDraft.user == clerk.user_id).count())
    assert drafts == 1


async def test_a_connection_lost_after_a_write_is_said_and_never_made_twice(demo_config, pg_server):
    """The link breaks after the call sent its write: the write may have committed, so the
    call is not made again (that would save the draft twice); the clerk is told the server
    cannot be reached, and the draft is there once."""
    app = one_thread(DepotApp(demo_config))
    clerk = await app.call(login, "zhangsan")

    def save_then_lose_the_link() -> None:
        draft(clerk)
        _kill_connections(pg_server, demo_config.db)
        database_proxy.execute_sql("SELECT 1")

    with pytest.raises(DatabaseFailure) as told:
        await app.call(save_then_lose_the_link)
    assert told.value.kind == "connection"
    drafts = await app.call(lambda: WaybillDraft.select().where(WaybillDraft.user == clerk.user_id).count())
    assert drafts == 1


async def test_a_clerks_session_holds_a_few_connections_whatever_it_asks_at_once(demo_config, pg_server):
    """Twenty service calls at once (a burst of scans while lists load) share the session's few
    database threads: thirty depots' clerks on one server must not run it out of connections
    (PostgreSQL allows 100 by default), as a pool growing with the machine's cores would."""
    from depot_tui.app import DB_THREADS

    app = DepotApp(demo_config)
    await asyncio.gather(
        *[app.call(lambda: database_proxy.execute_sql("SELECT pg_sleep(0.05)").fetchall()) for _ in range(20)]
    )
    with pg_server.admin().cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (demo_config.db.rsplit("/", 1)[1],)
        )
        connections = cur.fetchone()[0]
    assert connections <= DB_THREADS + 1  # and the one the test itself opened the database on
