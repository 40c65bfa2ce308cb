"""The clearly labelled stand-in for a work screen whose issue has not landed yet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..i18n import t
from .base import WorkScreen


class NotBuiltScreen(WorkScreen):
    help_key = "help.not_built"

    def __init__(self, screen_id: str, title_key: str) -> None:
        super().__init__()
        self.screen_id = screen_id
        self.title_key = title_key

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="not-built"):
            yield Static(t("not_built.title", screen=t(self.title_key)), id="not-built-title")
            yield Static(t("not_built.body"), id="not-built-body")
        yield from self.compose_footer()
