"""Accounts as the back office keeps them (F12, 用户): add, change role, depot and usual shift,
disable and enable, reset a password to a temporary one changed at the next login.

An admin does all of it, for any depot; a supervisor resets the passwords and changes the usual
shift of their own depot's clerks (the roster is theirs), and reads their depot's accounts. The
last active admin is never disabled or demoted: nobody could run the back office after. The
command line's `user` commands call these same functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Depot, Role, ShiftDefinition, User, database_proxy
from . import audit, checks, clock
from .actor import Actor, requires
from .auth import USERNAME, check_new_password, hash_password
from .checks import clean_text
from .errors import NotFound, PermissionDenied, ServiceError


@requires(Role.ADMIN)
def add_user(
    actor: Actor,
    *,
    username: str,
    name: str,
    role: str,
    depot_code: str,
    password: str,
    shift_code: str | None = None,
    temporary: bool = False,
    hired_on: str = "",
) -> User:
    """Create an account. Clerks must have a shift (R-6); supervisors and admins may. A
    `temporary` password (the back office's) must be changed at the first login. `hired_on`
    (入职日期, 2026-11-24 or 11-24) starts the months scored without moving pay; blank: hired
    before the depot took up the app."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise ServiceError("error.username_format", field="username")
    name = clean_text(name, field="name", max_length=40)
    role_value, depot, shift_code = _placed(role, depot_code, shift_code)
    hired = _hired(hired_on)
    check_new_password(password, depot_id=depot.id)
    password_hash = hash_password(password)
    with database_proxy.atomic():
        if User.select().where(User.username == username).exists():
            raise ServiceError("error.username_taken", field="username", username=username)
        user = User.create(
            depot=depot.id,
            username=username,
            name=name,
            role=role_value.value,
            shift_code=shift_code,
            password_hash=password_hash,
            created_at=clock.now(),
            must_change_password=temporary,
            hired_on=hired,
        )
        audit.record(
            actor,
            "user.add",
            "user",
            user.id,
            depot_id=depot.id,
            new={
                "username": username,
                "name": name,
                "role": role_value.value,
                "depot": depot.code,
                "shift": shift_code,
                "hired_on": hired,
            },
        )
    return user


def _hired(text: str | None) -> dt.date | None:
    """A hiring day as typed (blank: none recorded); not after today."""
    if not text or not text.strip():
        return None
    today = clock.now().date()
    return checks.day(text, "hired_on", today, earliest=dt.date(1980, 1, 1), latest=today)


@requires(Role.ADMIN, Role.SUPERVISOR)
def list_users(actor: Actor) -> list[User]:
    """Admins see every account; a supervisor sees the accounts of their own depot."""
    query = User.select(User, Depot).join(Depot).order_by(Depot.code, User.username)
    if actor.role is Role.SUPERVISOR:
        query = query.where(User.depot == actor.depot_id)
    return list(query)


def _placed(role: str, depot_code: str, shift_code: str | None) -> tuple[Role, Depot, str | None]:
    """A role, a depot and a usual shift as typed: checked, and the shift a clerk must have."""
    try:
        role_value = Role(role)
    except ValueError:
        raise ServiceError("error.role_unknown", field="role", role=role) from None
    depot = Depot.get_or_none(Depot.code == depot_code.strip().upper())
    if depot is None:
        raise NotFound("error.depot_unknown", field="depot", code=depot_code)
    shift_code = shift_code or None
    if shift_code is not None and not ShiftDefinition.get_or_none(ShiftDefinition.code == shift_code):
        raise ServiceError("error.shift_unknown", field="shift", code=shift_code)
    if role_value is Role.CLERK and shift_code is None:
        raise ServiceError("error.clerk_needs_shift", field="shift")
    return role_value, depot, shift_code


def _admin_target(username: str) -> User:
    user = User.get_or_none(User.username == username.strip().lower())
    if user is None:
        raise NotFound("error.user_unknown", field="username", username=username)
    return user


@requires(Role.ADMIN)
def disable_user(actor: Actor, username: str, reason: str) -> None:
    """Disable an account (never deleted: its waybills and scans still name it)."""
    reason = clean_text(reason, field="reason", max_length=200)
    with database_proxy.atomic():
        user = _admin_target(username)
        if _last_admin(user):
            raise ServiceError("error.last_admin", field="username")
        if not user.active:
            return
        user.active = False
        user.save()
        audit.record(
            actor,
            "user.disable",
            "user",
            user.id,
            old={"active": True},
            new={"active": False},
            reason=reason,
            depot_id=user.depot_id,
        )


@requires(Role.ADMIN, Role.SUPERVISOR)
def reset_password(actor: Actor, username: str, new_password: str) -> None:
    """Set a temporary password, clear any lock; the user must choose a new one at login. A
    supervisor resets their own depot's clerks only."""
    user = _admin_target(username)
    _roster(actor, user)
    check_new_password(new_password, depot_id=user.depot_id)
    password_hash = hash_password(new_password)
    with database_proxy.atomic():
        User.update(
            password_hash=password_hash, failed_logins=0, locked_until=None, must_change_password=True
        ).where(User.id == user.id).execute()
        audit.record(
            actor,
            "user.reset_password",
            "user",
            user.id,
            depot_id=user.depot_id,
            reason="temporary password set; change required at next login",
        )


def _roster(actor: Actor, user: User) -> None:
    """A supervisor acts on the clerks of their own depot only."""
    if actor.role is Role.SUPERVISOR and (user.depot_id != actor.depot_id or user.role != Role.CLERK):
        raise PermissionDenied("error.permission", action="roster", role_key="role.supervisor")


def _last_admin(user: User) -> bool:
    others = User.select().where((User.role == Role.ADMIN) & User.active & (User.id != user.id))
    return user.role == Role.ADMIN and user.active and not others.exists()


@requires(Role.ADMIN)
def enable_user(actor: Actor, username: str, reason: str) -> None:
    """Let a disabled account log in again."""
    reason = clean_text(reason, field="reason", max_length=200)
    with database_proxy.atomic():
        user = _admin_target(username)
        if user.active:
            return
        User.update(active=True, failed_logins=0, locked_until=None).where(User.id == user.id).execute()
        audit.record(
            actor,
            "user.enable",
            "user",
            user.id,
            old={"active": False},
            new={"active": True},
            reason=reason,
            depot_id=user.depot_id,
        )


@requires(Role.ADMIN, Role.SUPERVISOR)
def change_user(
    actor: Actor,
    username: str,
    *,
    name: str,
    role: str,
    depot_code: str,
    shift_code: str | None,
    hired_on: str | None = None,
) -> User:
    """An account's name, role, depot, usual shift and hiring day (what shift and score read;
    `hired_on` None leaves it, blank clears it); audited old -> new. A supervisor changes only
    the usual shift of their own depot's clerks; the last admin keeps the role."""
    name = clean_text(name, field="name", max_length=40)
    role_value, depot, shift_code = _placed(role, depot_code, shift_code)
    with database_proxy.atomic():
        user = _admin_target(username)
        _roster(actor, user)
        hired = user.hired_on if hired_on is None else _hired(hired_on)
        old = {
            "name": user.name,
            "role": user.role,
            "depot": user.depot.code,
            "shift": user.shift_code,
            "hired_on": user.hired_on,
        }
        new = {
            "name": name,
            "role": role_value.value,
            "depot": depot.code,
            "shift": shift_code,
            "hired_on": hired,
        }
        if actor.role is Role.SUPERVISOR and {k: v for k, v in new.items() if k != "shift"} != {
            k: v for k, v in old.items() if k != "shift"
        }:
            raise PermissionDenied("error.permission", action="change_user", role_key="role.supervisor")
        if role_value is not Role.ADMIN and _last_admin(user):
            raise ServiceError("error.last_admin", field="role")
        if new == old:
            return user
        User.update(
            name=name, role=role_value.value, depot=depot.id, shift_code=shift_code, hired_on=hired
        ).where(User.id == user.id).execute()
        audit.record(actor, "user.change", "user", user.id, old=old, new=new, depot_id=depot.id)
    return User.get_by_id(user.id)


@dataclass(frozen=True)
class UserLine:
    """One account as the back office lists it."""

    username: str
    name: str
    role: str
    depot: str
    shift: str | None
    active: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    hired_on: dt.date | None = None

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@requires(Role.ADMIN, Role.SUPERVISOR)
def lines(actor: Actor) -> list[UserLine]:
    """The accounts this actor may read (list_users), as lines."""
    return [
        UserLine(
            u.username,
            u.name,
            u.role,
            u.depot.code,
            u.shift_code,
            u.active,
            u.locked_until,
            u.must_change_password,
            u.hired_on,
        )
        for u in list_users(actor)
    ]
