"""After arrival, at the destination counter (F5): counter.py (PickupScreen, what waits here, and
its notify, release and pickup dialogs), delivery.py, transfers.py, receipts.py and registers.py
(the screens F5 opens for each)."""

from __future__ import annotations

from .counter import NotifyScreen, PickupFormScreen, PickupScreen, ReleaseScreen

__all__ = ["NotifyScreen", "PickupFormScreen", "PickupScreen", "ReleaseScreen"]
