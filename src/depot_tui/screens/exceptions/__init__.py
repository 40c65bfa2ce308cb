"""Exceptions (异常, issue 23): the depot's list, one read whole with its history, and the
dialogs of its life (report, note, owner, resolve, reopen). Opened from home (Ctrl+E) through
the app."""

from .listing import ExceptionsScreen
from .whole import ExceptionScreen

__all__ = ["ExceptionScreen", "ExceptionsScreen"]
