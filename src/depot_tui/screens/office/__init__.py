"""The back office (后台管理, F12): what a depot runs on, kept by keys alone.

Supervisors and admins change it; a clerk opens the parts the counter needs, read only. Every
rule, and who may change what, is the service's (services/prices ...).

A package, one screen per module: menu.py (OfficeScreen, the parts of the back office),
prices.py (PriceTableScreen, the price table), price_forms.py (a line, an import, an export),
users.py (UsersScreen, the accounts, and its dialogs), settings.py (SettingsScreen, the
business settings, and SettingFormScreen), partners.py (PartnersScreen, the partner lines, and
PartnerFormScreen), customers.py (CustomersScreen, the customers, their form and their agreed
prices), depots.py (DepotsScreen and RoutesScreen, the stations of the line and this depot's
routes, with their forms).
"""

from __future__ import annotations

from .customers import AgreementScreen, CustomerFormScreen, CustomersScreen
from .depots import DepotFormScreen, DepotsScreen, RouteFormScreen, RoutesScreen
from .menu import OfficeScreen
from .partners import PartnerFormScreen, PartnersScreen
from .price_forms import PriceExportScreen, PriceImportScreen, PriceLineScreen
from .prices import PriceTableScreen
from .settings import SettingFormScreen, SettingsScreen
from .users import PasswordResetScreen, UserFormScreen, UsersScreen

__all__ = [
    "AgreementScreen",
    "CustomerFormScreen",
    "CustomersScreen",
    "DepotFormScreen",
    "DepotsScreen",
    "OfficeScreen",
    "PartnerFormScreen",
    "PartnersScreen",
    "PasswordResetScreen",
    "PriceExportScreen",
    "PriceImportScreen",
    "PriceLineScreen",
    "PriceTableScreen",
    "RouteFormScreen",
    "RoutesScreen",
    "SettingFormScreen",
    "SettingsScreen",
    "UserFormScreen",
    "UsersScreen",
]
