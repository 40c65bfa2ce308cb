"""Errors a service raises for a person to read: a catalogue key plus its values, never prose."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the user can act on. `key` names a catalogue message (i18n/); `field` the form field."""

    def __init__(self, key: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, field={self.field!r}, **{self.params!r})"


class PermissionDenied(ServiceError):
    """The acting user's role may not do this (a clerk calling a supervisor's function)."""


class AuthError(ServiceError):
    """Login refused: wrong name or password, locked, or disabled."""


class NotFound(ServiceError):
    """A record named by the user does not exist."""


class DatabaseFailure(ServiceError):
    """The database failed under the call (busy past the timeout, full, read-only, damaged,
    gone, unreachable): raised by the app's one door to the services (`DepotApp.call`), so
    every screen's refusal path shows it at the field and keeps what was typed. `kind` is
    one of db.FAULTS; the message is `db.<kind>`."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"db.{kind}", detail=detail)
        self.kind = kind


class FormError(ServiceError):
    """Several fields are wrong: `errors` in form order; the first one names the field to fix."""

    def __init__(self, errors: list[ServiceError]) -> None:
        first = errors[0]
        super().__init__(first.key, field=first.field, **first.params)
        self.errors = errors
