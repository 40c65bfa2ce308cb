"""The demo database: three depots of a Guangzhou-Hunan line with a few days of real-looking work.

Built relative to the clock (fix the clock for identical databases, as the snapshot tests do)
and from a seeded random generator, so two builds at the same moment are the same.

A package: data.py (the demo's depots, customers and goods), parts.py (a waybill, a truck, a
price table made as the services make them), history.py (the last days at the counter and the
handovers), builder.py (build). Callers import from the package.
"""

from __future__ import annotations

from .builder import build
from .data import CUSTOMERS, DEPOTS, GOODS, INSTRUCTIONS

__all__ = ["CUSTOMERS", "DEPOTS", "GOODS", "INSTRUCTIONS", "build"]
