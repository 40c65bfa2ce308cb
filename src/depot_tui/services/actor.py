"""Who is acting: passed first to every service call, checked inside the service."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from ..models import Role
from .errors import PermissionDenied

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Actor:
    """The logged-in user of this session (or the server console, for the CLI)."""

    user_id: int | None
    username: str
    name: str
    role: Role
    depot_id: int | None
    session_id: int | None = None
    shift_id: int | None = None

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


def console_actor(os_user: str) -> Actor:
    """The administrator at the server console (depot-tui init/user ...): no login, full rights,
    recorded in the audit log under the operating-system account that ran the command."""
    return Actor(user_id=None, username=f"console:{os_user}", name=os_user, role=Role.ADMIN, depot_id=None)


def requires(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Refuse the call unless its first argument, the Actor, has one of `roles`."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = args[0] if args else kwargs.get("actor")
            if not isinstance(actor, Actor):
                raise TypeError(f"{func.__name__} needs the acting user first")
            if actor.role not in roles:
                raise PermissionDenied(
                    "error.permission", action=func.__name__, role_key=f"role.{actor.role.value}"
                )
            return func(*args, **kwargs)

        checked.required_roles = roles  # type: ignore[attr-defined]
        return checked

    return decorate
