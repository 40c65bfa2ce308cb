"""Constants and helpers shared by the test folders (on pytest's pythonpath)."""

from __future__ import annotations

import datetime as dt

#: The moment demo databases and snapshots are made at: a Monday morning, early shift.
DEMO_NOW = dt.datetime(2026, 11, 23, 9, 30)
