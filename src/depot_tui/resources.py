"""Where the shipped data lives: styles/ and db/ inside the wheel, or at the top of a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_dir(name: str) -> Path:
    """The `styles` or `db` folder: packaged beside this module in a wheel (pyproject's
    force-include), at the repository top in a source checkout or editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"depot-tui is installed without its {name}/ folder")
