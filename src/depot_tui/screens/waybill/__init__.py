"""Waybill entry (开单, F2): screen.py (WaybillScreen: what the clerk does with the form),
fields.py (its fields and values), layout.py (the fields in order, their widths, the keys)."""

from __future__ import annotations

from .screen import WaybillScreen

__all__ = ["WaybillScreen"]
