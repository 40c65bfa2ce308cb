"""The back office's parts, as a list: Enter opens one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services.actor import Actor
from ..lists import ListScreen
from .partners import PartnersScreen
from .prices import PriceTableScreen
from .settings import SettingsScreen
from .users import UsersScreen

OPEN = KeyAction("open", "enter", "open_item", "key.open")


@dataclass(frozen=True)
class Part:
    id: str
    about_key: str
    screen: Callable[[], Any]


class OfficeScreen(ListScreen):
    """F12: the parts of the back office this account may open (a clerk: the price table,
    read only)."""

    screen_id = "office"
    title_key = "screen.office"
    help_key = "help.office"
    list_title_key = "office.title"
    columns_key = "office.columns"
    empty_key = "office.none"
    screen_keys: list[KeyAction] = [BACK, OPEN]

    def load(self, actor: Actor) -> list[Part]:
        settings_part = Part("settings", "office.about.settings", SettingsScreen)
        partners_part = Part("partners", "office.about.partners", PartnersScreen)
        if not actor.is_supervisor:
            return [
                Part("prices", "office.about.prices_read", PriceTableScreen),
                partners_part,
                settings_part,
            ]
        return [
            Part("prices", "office.about.prices", PriceTableScreen),
            partners_part,
            Part("users", "office.about.users", UsersScreen),
            settings_part,
        ]

    def row(self, part: Part) -> tuple[object, ...]:
        return (t(f"office.part.{part.id}"), t(part.about_key))

    def action_open_item(self) -> None:
        part = self.highlighted()
        if part is not None:
            self.app.push_screen(part.screen())
