"""The terminal tests' fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    """The app's own data folder (XDG_DATA_HOME) for one test."""
    return tmp_path / "data"
