"""Constants and helpers shared by the test folders (on pytest's pythonpath)."""

from __future__ import annotations

import datetime as dt

#: The moment demo databases and snapshots are made at: a Monday morning, early shift.
DEMO_NOW = dt.datetime(2026, 11, 23, 9, 30)


async def type_worked_example(pilot) -> None:
    """The worked example of tests/unit/test_waybills.good_form, typed: 120 kg, 0.5 m³, 3000
    declared, upstairs delivery to 湘潭县, one receipt copy; total 197.00."""
    await pilot.press(*"xtx", "enter")         # several places: the list opens, 湘潭县 first
    await pilot.pause(0.2)
    await pilot.press("enter")                 # pick it
    await pilot.pause(0.1)
    await pilot.press(*"19973285431", "enter")  # a known consignee: the name fills in
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.press(*"15018845523", "enter")  # a known shipper
    await pilot.pause(0.3)
    await pilot.press("enter", *"服装", "enter", "3", "enter", *"纸箱", "enter", "enter",
                      *"120", "enter", *"0.5", "enter", *"3000", "enter", "enter", "5", "enter",
                      *"湘潭县易俗河镇建设路8号3楼", "enter", "y", "enter", "enter", "enter", "enter",
                      "enter")
    await pilot.pause(0.2)
