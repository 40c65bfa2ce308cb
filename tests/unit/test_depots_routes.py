"""Depots and routes in the back office: the counties a depot delivers to, and a depot's
routes with their stops and transit time, which a new truck run may take by name. A county
two depots claim sends waybills to either; a route naming this depot as a stop loads trucks
nowhere."""

from __future__ import annotations

import pytest

from depot_tui.models import AuditLog, Depot, DepotArea, Place
from depot_tui.services import auth, depots, loading, routes
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def served_by(code: str) -> set[str]:
    depot = Depot.get(Depot.code == code)
    return {
        a.place.code
        for a in DepotArea.select(DepotArea, Place).join(Place).where(DepotArea.depot == depot.id)
    }


def test_an_admin_changes_the_counties_a_depot_delivers_to(demo_db):
    """XT keeps 韶山市, gives up 湘乡市 (not typed) and takes 衡阳县 (430421); its own county
    stays whatever is typed; the change is audited."""
    admin = login("admin")
    before = served_by("XT")
    depots.change_depot(admin, "XT", depots.DepotForm("湘潭站", "", "", "韶山市，430421"))
    after = served_by("XT")
    assert "430381" in before and "430381" not in after
    assert {"430382", "430421", Depot.get(Depot.code == "XT").place.code} <= after
    assert AuditLog.select().where(AuditLog.action == "depot.change").count() == 1


def test_a_county_another_depot_serves_is_refused(demo_db):
    with pytest.raises(ServiceError) as caught:
        depots.change_depot(login("admin"), "XT", depots.DepotForm("湘潭站", counties="芙蓉区"))  # CS's
    assert (caught.value.key, caught.value.field) == ("error.area_taken", "counties")


def test_only_an_admin_changes_a_depot(demo_db):
    with pytest.raises(PermissionDenied):
        depots.change_depot(login("chenjing"), "GZ", depots.DepotForm("广州站"))


def test_a_route_with_stops_and_transit_time_is_taken_by_name_for_a_new_run(demo_db):
    """长沙线: CS then XT, 14 hours. A new run with 长沙线 for its stops goes CS → XT."""
    chen = login("chenjing")
    routes.save(chen, routes.RouteForm("长沙线", "cs xt", "14"))
    (line,) = [r for r in routes.lines(chen) if r.name == "长沙线"]
    assert (line.stops, line.transit_hours) == (["CS", "XT"], 14)
    clerk = login("zhangsan")
    run = loading.create_run(
        clerk,
        loading.RunForm(
            plate="粤A·3K729",
            driver_name="王建军",
            driver_phone="13711112222",
            stops="长沙线",
            departure="21:00",
        ),
    )
    assert run.stops == ["CS", "XT"]


@pytest.mark.parametrize(
    "form, fields",
    [
        (routes.RouteForm("", "CS", "10"), ["name"]),
        (routes.RouteForm("x", "GZ", "10"), ["stops"]),  # this depot itself
        (routes.RouteForm("x", "CS XX", "0"), ["transit_hours", "stops"]),
        (routes.RouteForm("x", "CS CS", "300"), ["transit_hours", "stops"]),
    ],
)
def test_a_wrong_route_is_refused_field_by_field(demo_db, form, fields):
    with pytest.raises(FormError) as caught:
        routes.save(login("chenjing"), form)
    assert [e.field for e in caught.value.errors] == fields


def test_a_route_name_is_used_once_per_depot_and_a_clerk_only_reads(demo_db):
    chen = login("chenjing")
    routes.save(chen, routes.RouteForm("长沙线", "CS", "12"))
    with pytest.raises(FormError) as caught:
        routes.save(chen, routes.RouteForm("长沙线", "XT", "12"))
    assert caught.value.key == "error.route_taken"
    with pytest.raises(PermissionDenied):
        routes.save(login("zhangsan"), routes.RouteForm("湘潭线", "XT", "12"))
