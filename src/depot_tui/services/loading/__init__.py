"""Loading check (装车) and the departure manifest (发车清单), R-2.14.

A truck run (车次, a `Manifest`) has a route of destination depots. Goods in stock here are
planned onto it, then every piece is scanned as it goes on. Each scan is one transaction with
its `ScanEvent`, good or bad, so the record of the loading is the record of the scans. A piece
is on at most one truck at a time: `LoadedPiece`'s unique (piece, on_board) index holds that
even when two terminals scan the same piece at the same moment. Partial loads are normal: what
is not loaded stays in stock, and the manifest says why (a note per waybill) before the truck
may leave. Departing prints the manifest, which is also the per-truck tracking sheet (单车跟单
明细, fault 16) and can be reprinted.

A package: runs.py (truck runs and their routes), stock.py (what is in stock here and the plan),
pieces.py (scanning pieces on and off), departure.py (the summary, notes, departing, the
manifest). Callers import from the package; a test that replaces `scan` replaces it in
pieces.py, where `take` calls it.
"""

from __future__ import annotations

from .departure import Departed, PlanLine, Summary, depart, manifest_text, reprint, set_note, summary
from .pieces import Counts, counts, scan, take, unload
from .runs import Run, RunForm, create_run, departure_time, plate, run, runs
from .stock import StockGroup, StockLine, plan, stock

__all__ = [
    "Counts",
    "Departed",
    "PlanLine",
    "Run",
    "RunForm",
    "StockGroup",
    "StockLine",
    "Summary",
    "counts",
    "create_run",
    "depart",
    "departure_time",
    "manifest_text",
    "plan",
    "plate",
    "reprint",
    "run",
    "runs",
    "scan",
    "set_note",
    "stock",
    "summary",
    "take",
    "unload",
]
