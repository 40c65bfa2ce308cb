"""Loading check (装车, F3): truck runs, the stock, the scan loop, departure with its manifest.

The scan loop itself (a scanner's labels back to back, none lost, doubled or reordered) is
screens/scanning.py's, shared with the arrival check.

A package, one screen per module: runs.py (LoadingScreen, the runs open here, and
RunFormScreen), stock.py (StockScreen), scan.py (ScanScreen), departure.py (DepartScreen).
"""

from __future__ import annotations

from .common import DEPART, NEW_RUN, OPEN, PICK, PLAN, STOCK, UNLOAD
from .departure import DepartScreen
from .runs import LoadingScreen, RunFormScreen
from .scan import ScanScreen
from .stock import StockScreen

__all__ = [
    "DEPART",
    "DepartScreen",
    "LoadingScreen",
    "NEW_RUN",
    "OPEN",
    "PICK",
    "PLAN",
    "RunFormScreen",
    "STOCK",
    "ScanScreen",
    "StockScreen",
    "UNLOAD",
]
