"""The back office's parts, as a list: Enter opens one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services.actor import Actor
from ..lists import ListScreen
from .customers import CustomersScreen
from .depots import DepotsScreen
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
        if not actor.is_supervisor:  # what the counter reads
            return [
                Part("prices", "office.about.prices_read", PriceTableScreen),
                Part("customers", "office.about.customers", CustomersScreen),
                Part("partners", "office.about.partners", PartnersScreen),
                Part("depots", "office.about.depots", DepotsScreen),
                Part("settings", "office.about.settings", SettingsScreen),
            ]
        return [
            Part("prices", "office.about.prices", PriceTableScreen),
            Part("customers", "office.about.customers", CustomersScreen),
            Part("partners", "office.about.partners", PartnersScreen),
            Part("depots", "office.about.depots", DepotsScreen),
            Part("users", "office.about.users", UsersScreen),
            Part("settings", "office.about.settings", SettingsScreen),
        ]

    def row(self, part: Part) -> tuple[object, ...]:
        return (t(f"office.part.{part.id}"), t(part.about_key))

    def action_open_item(self) -> None:
        part = self.highlighted()
        if part is not None:
            self.app.push_screen(part.screen())
