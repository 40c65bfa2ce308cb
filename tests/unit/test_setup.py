"""A new depot's setup in the services: a depot code or county already taken is refused, and
home tells the supervisor what is still missing. The commands a new company's admin runs
(`depot-tui init`, `depot add`, `user add`) and the first waybill after them:
tests/programs/test_first_depot.py."""

from __future__ import annotations

import datetime as dt

import pytest

from depot_tui.services import auth, clock, depots, readiness
from depot_tui.services.errors import ServiceError


def test_a_duplicate_depot_code_and_a_county_another_depot_serves_are_refused(demo_db, console):
    with pytest.raises(ServiceError) as caught:
        depots.add_depot(console, code="gz", name="又一个广州", place="440106")
    assert (caught.value.key, caught.value.field) == ("error.depot_code_taken", "code")
    with pytest.raises(ServiceError) as caught:
        depots.add_depot(console, code="TH", name="天河站", place="湘潭县")  # XT delivers there
    assert caught.value.key == "error.area_taken"


def test_home_tells_the_supervisor_what_is_missing_until_it_is_done(demo_db):
    """The demo depot lacks nothing; a depot with no price line left does."""
    from depot_tui.models import PriceRule

    chen = auth.login("chenjing", "depot123", terminal="pytest", pid=1).actor
    assert readiness.missing(chen) == []
    PriceRule.update(valid_to=clock.now().date() - dt.timedelta(days=1)).where(
        PriceRule.depot == chen.depot_id
    ).execute()
    assert [gap.key for gap in readiness.missing(chen)] == ["ready.no_prices"]
