"""Accounts and login: Argon2id hashes, lockout after repeated failures, roles, sessions.

Login clocks the user in to their shift and logout clocks them out (shifts.py). The slow hash
is checked outside any transaction so a login never holds the write lock other clerks need.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import socket
from dataclasses import dataclass

from ..models import AuditLog, Depot, Role, Session, User, database_proxy
from . import audit, clock, roster, settings, shifts
from .actor import Actor, requires
from .errors import AuthError, ServiceError


@functools.cache
def _hasher():  # noqa: ANN202 (argon2 is imported here, at first use, not at app start)
    """Argon2id with RFC 9106's second recommended (low-memory) profile: t=3, m=64 MiB, p=4.
    Kept explicit so a library upgrade cannot silently weaken them; hashes made with other
    parameters are upgraded at the next successful login."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4, hash_len=32, salt_len=16)


@functools.cache
def _dummy_hash() -> str:
    """Verified when the user name is unknown, so a stranger cannot tell names from timing.
    Made on first use: hashing at import would add ~0.1 s to every start of the app."""
    return _hasher().hash("not a password: equalises the time of a failed login")


USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_new_password(password: str, *, depot_id: int | None = None) -> None:
    minimum = int(settings.get("auth.min_password_length", depot_id))
    if len(password) < minimum:
        raise ServiceError("error.password_short", field="password", min=minimum)
    if len(set(password)) < 3:
        raise ServiceError("error.password_weak", field="password")


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    must_change_password: bool
    depot_name: str
    shift_code: str | None


def login(username: str, password: str, *, terminal: str, pid: int, host: str | None = None) -> LoginResult:
    """Check the password, open a session and clock in. Raises AuthError with the reason.

    An unknown name, a wrong password and a locked account read the same and cost the same
    (a hash is checked every time): the person at the keyboard learns nothing of which
    accounts exist or are locked. After `auth.max_failures` wrong passwords in a row the
    account is locked for `auth.lock_minutes`; the lock is shown to the supervisor (home, and
    `depot-tui user list`), and every refusal is audited. A disabled account is named as
    such only to someone who typed its password.

    The sessions of processes that died on this host are closed first (`sweep_sessions`).
    """
    username = username.strip().lower()
    host = host or socket.gethostname()
    user = User.get_or_none(User.username == username)
    now = clock.now()
    anonymous = Actor(None, f"login:{username}"[:40], username, Role.CLERK, None)
    if user is None:
        _verify(_dummy_hash(), password)
        with database_proxy.atomic():
            audit.record(
                anonymous, "auth.fail", "user", None, reason=f"unknown user {username!r} on {terminal}"
            )
        raise AuthError("error.login_failed")
    subject = _actor_of(user)
    right = _verify(user.password_hash, password)  # locked or not: the same cost
    if user.locked_until is not None and user.locked_until > now:
        with database_proxy.atomic():
            audit.record(
                subject,
                "auth.locked",
                "user",
                user.id,
                reason=f"refused while locked until {user.locked_until:%H:%M}, on {terminal}",
            )
        raise AuthError("error.login_failed")
    if not right:
        _count_failure(subject, user.id, terminal)
        raise AuthError("error.login_failed")
    if not user.active:
        with database_proxy.atomic():
            audit.record(subject, "auth.disabled", "user", user.id, reason=f"disabled account, on {terminal}")
        raise AuthError("error.account_disabled")
    rehash = _hasher().check_needs_rehash(user.password_hash)
    new_hash = hash_password(password) if rehash else None

    with database_proxy.atomic():
        user = User.get_by_id(user.id)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        if new_hash:
            user.password_hash = new_hash
        user.save()
        _sweep(host, this_pid=pid)
        shift = None
        planned = roster.shift_at_login(user, now)
        if planned is not None:
            shift = shifts.clock_in(subject, user.id, user.depot_id, planned)
        session = Session.create(
            user=user.id,
            shift=shift.id if shift else None,
            terminal=terminal[:80],  # its column: a long host name and an IPv6 address
            pid=pid,
            host=host[:64],
            started_at=now,
        )
        actor = _actor_of(user, session.id, shift.id if shift else None)
        audit.record(
            actor,
            "auth.login",
            "session",
            session.id,
            new={"terminal": terminal, "shift": shift.id if shift else None},
        )
    return LoginResult(
        actor,
        bool(user.must_change_password),
        Depot.get_by_id(user.depot_id).name,
        shift.code if shift else None,
    )


def sweep_sessions(host: str | None = None) -> int:
    """Close the open sessions of processes on this host that are no longer running (killed,
    crashed, power lost), clocking their clerks out where it was a shift's last session.
    Run when the app starts and at every login. Returns how many were closed."""
    with database_proxy.atomic():
        return _sweep(host or socket.gethostname())


def _sweep(host: str, this_pid: int | None = None) -> int:
    """The sessions on `host` whose process is gone, or is this very process logging in
    again (its earlier session ended without a logout), closed as 'stale'. By pid and host,
    not by user and terminal: tabs of a browser share a terminal name, and a clerk who
    never comes back to the same terminal must still be clocked out."""
    open_here = Session.select().where(Session.ended_at.is_null() & (Session.host == host))
    local = host == socket.gethostname()  # another host's pids mean nothing here
    dead = [s for s in open_here if s.pid == this_pid or (local and not _alive(s.pid))]
    for session in dead:
        # It ended some time after the last thing it did: the clerk is clocked out then,
        # not hours later when the next login on this host notices.
        latest = (
            AuditLog.select(AuditLog.at)
            .where(AuditLog.session == session.id)
            .order_by(AuditLog.id.desc())
            .first()
        )
        last = latest.at if latest is not None else session.started_at
        session.ended_at, session.end_reason = last, "stale"
        session.save()
        owner = _actor_of(session.user, session.id, session.shift_id)
        audit.record(
            owner, "auth.stale", "session", session.id, reason=f"process {session.pid} on {host} is gone"
        )
        if session.shift_id is not None:
            shifts.clock_out(owner, session.shift_id, at=last)
    return len(dead)


def _actor_of(user: User, session_id: int | None = None, shift_id: int | None = None) -> Actor:
    return Actor(
        user.id,
        user.username,
        user.name,
        Role(user.role),
        user.depot_id,
        session_id=session_id,
        shift_id=shift_id,
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


@requires(Role.ADMIN, Role.SUPERVISOR)
def locked_accounts(actor: Actor) -> list[tuple[str, str, dt.datetime]]:
    """Accounts locked now after repeated wrong passwords (user name, name, until): the
    supervisor's to see and deal with, never the person at the login screen's."""
    query = User.select().where(User.locked_until > clock.now()).order_by(User.username)
    if actor.role is Role.SUPERVISOR:
        query = query.where(User.depot == actor.depot_id)
    return [(u.username, u.name, u.locked_until) for u in query]


def logout(actor: Actor, reason: str = "logout") -> None:
    """End the session; the last session of a shift clocks the user out. Safe to call twice."""
    if actor.session_id is None:
        return
    with database_proxy.atomic():
        session = Session.get_or_none(Session.id == actor.session_id)
        if session is None or session.ended_at is not None:
            return
        session.ended_at = clock.now()
        session.end_reason = reason
        session.save()
        audit.record(actor, f"auth.{reason}", "session", session.id)
        if session.shift_id is not None:
            shifts.clock_out(actor, session.shift_id)


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _count_failure(subject: Actor, user_id: int, terminal: str) -> None:
    limit = int(settings.get("auth.max_failures", subject.depot_id))
    minutes = int(settings.get("auth.lock_minutes", subject.depot_id))
    with database_proxy.atomic():
        user = User.get_by_id(user_id)
        user.failed_logins += 1
        locked = user.failed_logins >= limit
        if locked:
            user.locked_until = clock.now() + dt.timedelta(minutes=minutes)
            user.failed_logins = 0
        user.save()
        audit.record(
            subject,
            "auth.lockout" if locked else "auth.fail",
            "user",
            user_id,
            reason=f"wrong password on {terminal}",
        )


def change_password(actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password (required after a reset)."""
    if actor.user_id is None:
        raise AuthError("error.login_failed")
    user = User.get_by_id(actor.user_id)
    if not _verify(user.password_hash, old_password):
        raise AuthError("error.password_wrong", field="old_password")
    if new_password == old_password:
        raise ServiceError("error.password_same", field="password")
    check_new_password(new_password, depot_id=user.depot_id)
    password_hash = hash_password(new_password)
    with database_proxy.atomic():
        User.update(password_hash=password_hash, must_change_password=False).where(
            User.id == user.id
        ).execute()
        audit.record(actor, "user.change_password", "user", user.id)
