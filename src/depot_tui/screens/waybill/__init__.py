"""Waybill entry (开单, F2): screen.py (WaybillScreen: what the clerk does with the form),
fields.py (its fields and values), layout.py (the fields in order, their widths, the keys),
slip.py (the slip the shipper checks), keywords.py (F9 on the goods: the prohibited goods)."""

from __future__ import annotations

from .screen import WaybillScreen

__all__ = ["WaybillScreen"]
