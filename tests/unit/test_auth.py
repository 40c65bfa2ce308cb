"""Accounts and login: passwords, lockout, roles checked in the services, sessions and shifts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from support import DEMO_NOW

from depot_tui.models import AuditLog, Role, Session, Shift, User
from depot_tui.services import auth, clock, settings, users
from depot_tui.services.actor import Actor
from depot_tui.services.errors import AuthError, PermissionDenied, ServiceError


def login(username="zhangsan", password="depot123", terminal="pts/1", pid=None):
    """As from this test's own process (alive: its sessions are not swept as dead), unless a
    pid is given."""
    return auth.login(username, password, terminal=terminal, pid=pid or os.getpid())


def test_login_opens_a_session_and_clocks_in(demo_db):
    """At 09:30 the early clerk logs in: a session on this terminal and the 08:00-20:00 shift
    clocked in at 09:30 (late is for the score to judge, not for login to refuse)."""
    result = login()
    actor = result.actor
    assert actor.role is Role.CLERK and result.depot_name == "广州白云站"
    shift = Shift.get_by_id(actor.shift_id)
    assert (shift.planned_start, shift.planned_end) == (
        DEMO_NOW.replace(hour=8, minute=0),
        DEMO_NOW.replace(hour=20, minute=0),
    )
    assert shift.clock_in == DEMO_NOW and shift.clock_out is None
    assert Session.get_by_id(actor.session_id).terminal == "pts/1"
    assert AuditLog.select().where(AuditLog.action == "auth.login").count() == 1


def test_a_long_terminal_name_still_logs_in(demo_db):
    """A server with a long host name, reached from an IPv6 address (or a browser tab so named):
    the name is kept to its column's 80 characters. On PostgreSQL, which enforces the column,
    the login failed with a database error."""
    name = "depot-server-of-the-changsha-yuelu-station.example.internal:browser-12 from 2001:db8::1"
    actor = login(terminal=name).actor
    assert Session.get_by_id(actor.session_id).terminal == name[:80]


def test_logout_clocks_out_only_when_the_last_terminal_closes(demo_db):
    """A clerk logged in at the counter and the dock: logging out at one must not clock out."""
    counter = login(terminal="pts/1", pid=os.getppid()).actor  # two live processes
    dock = login(terminal="pts/2").actor
    assert counter.shift_id == dock.shift_id
    clock.fix(DEMO_NOW + dt.timedelta(hours=1))
    auth.logout(counter)
    assert Shift.get_by_id(counter.shift_id).clock_out is None
    clock.fix(DEMO_NOW + dt.timedelta(hours=2))
    auth.logout(dock)
    assert Shift.get_by_id(dock.shift_id).clock_out == DEMO_NOW + dt.timedelta(hours=2)
    auth.logout(dock)  # twice (hang-up then quit) changes nothing
    assert Session.select().where(Session.ended_at.is_null()).count() == 0


def test_logging_in_again_resumes_the_same_shift(demo_db):
    """Back from lunch within the shift: the same shift reopens, the gap stays in the audit."""
    first = login().actor
    clock.fix(DEMO_NOW + dt.timedelta(hours=1))
    auth.logout(first)
    clock.fix(DEMO_NOW + dt.timedelta(hours=2))
    again = login().actor
    assert again.shift_id == first.shift_id
    assert Shift.get_by_id(again.shift_id).clock_out is None
    assert AuditLog.select().where(AuditLog.action == "shift.resume").count() == 1


def test_wrong_password_and_unknown_user_read_the_same(demo_db):
    """Telling 'no such user' from 'wrong password' would help a stranger guess accounts."""
    with pytest.raises(AuthError) as wrong:
        login(password="depot124")
    with pytest.raises(AuthError) as unknown:
        login(username="nobody")
    assert wrong.value.key == unknown.value.key == "error.login_failed"


def test_lockout_after_repeated_failures_then_unlocks(demo_db):
    """Five wrong passwords lock the account for 15 minutes; even the right password is then
    refused, with the same words as a wrong one (the fifth failure too): the person at the
    keyboard cannot tell a locked account from a wrong guess. The supervisor sees the lock.
    After it the account works and the counter starts afresh."""
    refusals = []
    for _ in range(settings.DEFAULTS["auth.max_failures"]):
        with pytest.raises(AuthError) as refused:
            login(password="guess-guess")
        refusals.append(refused.value.key)
    with pytest.raises(AuthError) as locked:
        login()
    assert set(refusals) == {locked.value.key} == {"error.login_failed"}
    chen = login(username="chenjing").actor
    locked_now = [(u, f"{until:%H:%M}") for u, _name, until in auth.locked_accounts(chen)]
    assert locked_now == [("zhangsan", "09:45")]
    with pytest.raises(PermissionDenied):
        auth.locked_accounts(login(username="lisi").actor)
    clock.fix(DEMO_NOW + dt.timedelta(minutes=15, seconds=1))
    assert login().actor.username == "zhangsan"
    assert User.get(User.username == "zhangsan").failed_logins == 0
    assert AuditLog.select().where(AuditLog.action == "auth.lockout").count() == 1


def test_a_success_resets_the_failure_count(demo_db):
    """Four slips a day must not add up to a lockout tomorrow."""
    for _ in range(4):
        with pytest.raises(AuthError):
            login(password="oops-oops")
    login()
    with pytest.raises(AuthError) as caught:
        login(password="oops-oops")
    assert caught.value.key == "error.login_failed"


def test_disabled_account_cannot_log_in(demo_db, console):
    """A clerk who has left must not be able to issue waybills from home."""
    users.disable_user(console, "lisi", "left the company")
    with pytest.raises(AuthError) as caught:
        login(username="lisi")
    assert caught.value.key == "error.account_disabled"


def test_roles_are_checked_inside_the_services(demo_db):
    """A clerk's session calling an admin function must be refused whatever screen calls it."""
    clerk = login().actor
    with pytest.raises(PermissionDenied):
        users.add_user(
            clerk, username="ghost", name="鬼", role="admin", depot_code="GZ", password="longenough1"
        )
    with pytest.raises(PermissionDenied):
        users.disable_user(clerk, "lisi", "no reason")
    with pytest.raises(PermissionDenied):
        users.list_users(clerk)
    with pytest.raises(PermissionDenied):
        settings.put(clerk, "auth.max_failures", 100)


def test_supervisor_sees_only_their_own_depot(demo_db):
    """A Guangzhou supervisor has no business reading Changsha's accounts."""
    supervisor = login(username="chenjing").actor
    depots = {user.depot.code for user in users.list_users(supervisor)}
    assert depots == {"GZ"}


def test_add_user_checks_every_field(demo_db, console):
    """Bad account data is refused with the field named, and nothing is written."""
    good = dict(
        username="zhouba",
        name="周八",
        role="clerk",
        depot_code="GZ",
        password="counter-2026",
        shift_code="early",
    )
    cases = [
        (dict(username="Zhou Ba"), "username", "error.username_format"),
        (dict(username="zhangsan"), "username", "error.username_taken"),
        (dict(name="   "), "name", "error.required"),
        (dict(name="周\x1b[31m八"), "name", "error.control_chars"),
        (dict(name="长" * 41), "name", "error.too_long"),
        (dict(role="boss"), "role", "error.role_unknown"),
        (dict(depot_code="XX"), "depot", "error.depot_unknown"),
        (dict(shift_code="lunch"), "shift", "error.shift_unknown"),
        (dict(shift_code=None), "shift", "error.clerk_needs_shift"),
        (dict(password="short"), "password", "error.password_short"),
        (dict(password="aaaaaaaaaa"), "password", "error.password_weak"),
    ]
    before = User.select().count()
    for change, field, key in cases:
        with pytest.raises(ServiceError) as caught:
            users.add_user(console, **{**good, **change})
        assert (caught.value.field, caught.value.key) == (field, key), change
    assert User.select().count() == before
    user = users.add_user(console, **good)
    assert user.password_hash.startswith("$argon2id$")
    assert login(username="zhouba", password="counter-2026").actor.name == "周八"


def test_rich_markup_in_a_name_is_kept_as_typed(demo_db, console):
    """Names are data: '[bold]' is a legal part of a name and must not be stripped or parsed."""
    user = users.add_user(
        console,
        username="markup",
        name="[bold]王[/]",
        role="supervisor",
        depot_code="GZ",
        password="counter-2026",
    )
    assert user.name == "[bold]王[/]"


def test_reset_password_forces_a_change_and_unlocks(demo_db, console):
    """An admin's temporary password must not become the clerk's permanent one."""
    for _ in range(5):
        with pytest.raises(AuthError):
            login(password="nope-nope")
    users.reset_password(console, "zhangsan", "temporary-1")
    result = login(password="temporary-1")
    assert result.must_change_password
    with pytest.raises(ServiceError) as same:
        auth.change_password(result.actor, "temporary-1", "temporary-1")
    assert same.value.key == "error.password_same"
    with pytest.raises(AuthError):
        auth.change_password(result.actor, "wrong-old-1", "my-own-pass-1")
    auth.change_password(result.actor, "temporary-1", "my-own-pass-1")
    assert not login(password="my-own-pass-1").must_change_password


def test_last_admin_cannot_be_disabled(demo_db, console):
    """Disabling the only admin would leave nobody able to add a clerk."""
    with pytest.raises(ServiceError) as caught:
        users.disable_user(console, "admin", "mistake")
    assert caught.value.key == "error.last_admin"


@pytest.mark.real_hasher
def test_weaker_old_hashes_are_upgraded_at_login(demo_db):
    """Hashes made with older, cheaper parameters are replaced at the next good login."""
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("depot123")
    User.update(password_hash=weak).where(User.username == "lisi").execute()
    login(username="lisi")
    assert User.get(User.username == "lisi").password_hash != weak
    assert "m=65536,t=3,p=4" in User.get(User.username == "lisi").password_hash


def test_console_actions_name_the_os_account(demo_db, console):
    """An account change made at the server console must say who ran it."""
    users.disable_user(console, "lisi", "left")
    row = AuditLog.select().where(AuditLog.action == "user.disable").get()
    assert row.user_id is None and "console:pytest" in row.reason


def test_actor_required_first():
    """A service called without the acting user is a programming error, caught at once."""
    with pytest.raises(TypeError):
        users.list_users("admin")  # type: ignore[arg-type]
    assert Actor(1, "x", "x", Role.ADMIN, 1).is_supervisor


def test_unknown_wrong_and_locked_cost_the_same(demo_db, monkeypatch):
    """A locked account answered in 5 ms against 400 ms for any other refusal (no hash was
    checked), so timing told a stranger which names exist and which are locked. Every
    refusal, and the success, now checks exactly one Argon2 hash, and reads the same."""
    checked = []
    real = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda stored, password: checked.append(1) or real(stored, password))

    def refusal(**kwargs) -> int:
        checked.clear()
        with pytest.raises(AuthError) as refused:
            login(**kwargs)
        assert refused.value.key == "error.login_failed" and not refused.value.params
        return len(checked)

    assert [refusal(password="guess-guess") for _ in range(settings.DEFAULTS["auth.max_failures"])] == [1] * 5
    assert refusal() == 1  # locked, right password
    assert refusal(password="guess-guess") == 1  # locked, wrong password
    assert refusal(username="nobody") == 1  # no such account
    assert refusal(username="lisi", password="nope-nope") == 1


def test_sessions_of_dead_processes_on_this_host_are_closed(demo_db):
    """A clerk's process killed (kill -9, power) left the session open and the clerk clocked in
    until the same clerk logged in again on the same terminal. Now any start or login on the
    host closes the sessions whose process is gone, clocking the clerk out when the session
    last did something; a live process on this host, or one on another host, is left alone."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = login(terminal="pts/7", pid=child.pid).actor
    clock.fix(DEMO_NOW + dt.timedelta(minutes=5))
    live = login(username="lisi", terminal="pts/8", pid=os.getppid()).actor
    elsewhere = auth.login("wangwu", "depot123", terminal="pts/1", pid=child.pid, host="other-host").actor
    clock.fix(DEMO_NOW + dt.timedelta(hours=3))
    assert auth.sweep_sessions() == 0  # lisi's login swept it already
    ended = Session.get_by_id(dead.session_id)
    assert (ended.end_reason, ended.ended_at) == ("stale", DEMO_NOW)  # its last act: the login
    assert Shift.get_by_id(dead.shift_id).clock_out == DEMO_NOW
    assert Session.get_by_id(live.session_id).ended_at is None
    assert Session.get_by_id(elsewhere.session_id).ended_at is None
    assert AuditLog.select().where(AuditLog.action == "auth.stale").count() == 1


def test_a_browser_tab_logging_in_does_not_end_another_tabs_session(demo_db):
    """textual-serve gives every tab the same terminal name: one tab's login marked another's
    live session stale. Sessions are now told apart by process."""
    first = login(terminal="web", pid=os.getppid()).actor
    second = login(terminal="web").actor
    assert Session.get_by_id(first.session_id).ended_at is None
    assert Session.get_by_id(second.session_id).ended_at is None
