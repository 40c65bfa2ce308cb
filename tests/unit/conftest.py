"""Fixtures the unit tests share (the suite's own are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from depot_tui.services import auth


@pytest.fixture
def clerk(demo_db):  # noqa: ANN001, ANN201 - an Actor
    """张三, the demo's early clerk, logged in (the worked example is his)."""
    return auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
