"""Exceptions (异常, issue 23): the depot's list, one read whole with its history, and the
dialogs of its life (report, note, owner, resolve, reopen); the late list (late.py) and the
customer-service log (log.py), opened from the list (Ctrl+L, Ctrl+K). Opened from home (Ctrl+E)
through the app."""

from .late import LateScreen
from .listing import ExceptionsScreen
from .log import LogScreen
from .whole import ExceptionScreen

__all__ = ["ExceptionScreen", "ExceptionsScreen", "LateScreen", "LogScreen"]
