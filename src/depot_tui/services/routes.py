"""Routes (线路): a depot's usual truck runs, their ordered stops and normal transit time.

A new truck run takes a route's stops when its name is typed for them (loading's off-route
check then holds the truck to them); arrival tracking reads the transit time. A supervisor or
admin keeps them; anyone reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Depot, Role, Route, RouteStop, database_proxy
from . import audit, checks, depots
from .actor import Actor, requires
from .errors import FormError, NotFound, ServiceError

MAX_TRANSIT_HOURS = 240


@dataclass(frozen=True)
class RouteLine:
    id: int
    name: str
    stops: list[str]  # station codes, in order
    transit_hours: int
    active: bool


@dataclass(frozen=True)
class RouteForm:
    name: str
    stops: str  # station codes: CS XT
    transit_hours: str


def lines(actor: Actor) -> list[RouteLine]:
    """This depot's routes, in use first, by name."""
    routes = list(
        Route.select().where(Route.depot == actor.depot_id).order_by(Route.active.desc(), Route.name)
    )
    stops: dict[int, list[str]] = {}
    for stop in (
        RouteStop.select(RouteStop, Depot)
        .join(Depot)
        .where(RouteStop.route.in_([r.id for r in routes]))
        .order_by(RouteStop.seq)
    ):
        stops.setdefault(stop.route_id, []).append(stop.depot.code)
    return [RouteLine(r.id, r.name, stops.get(r.id, []), r.transit_hours, r.active) for r in routes]


def by_name(depot_id: int | None, text: str) -> list[Depot] | None:
    """The stops of this depot's route called `text` (in use), or None if it names none."""
    route = Route.get_or_none((Route.depot == depot_id) & (Route.name == text.strip()) & Route.active)
    if route is None:
        return None
    return [
        s.depot
        for s in RouteStop.select(RouteStop, Depot)
        .join(Depot)
        .where(RouteStop.route == route.id)
        .order_by(RouteStop.seq)
    ]


@requires(Role.SUPERVISOR, Role.ADMIN)
def save(actor: Actor, form: RouteForm, route_id: int | None = None) -> Route:
    """Add a route from this depot (route_id None) or change one; audited old -> new."""
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    stops: list[Depot] = []
    for name, step in (
        ("name", lambda: checks.clean_text(form.name, field="name", max_length=30)),
        (
            "transit_hours",
            lambda: checks.whole_number(
                form.transit_hours, "transit_hours", minimum=1, maximum=MAX_TRANSIT_HOURS
            ),
        ),
    ):
        try:
            values[name] = step()
        except ServiceError as exc:
            errors.append(exc)
    try:
        stops = depots.stops_of(actor.depot_id, form.stops)
    except ServiceError as exc:
        errors.append(exc)
    if errors:
        raise FormError(errors)
    with database_proxy.atomic():
        same = Route.select().where((Route.depot == actor.depot_id) & (Route.name == values["name"]))
        if route_id is not None:
            same = same.where(Route.id != route_id)
        if same.exists():
            raise FormError([ServiceError("error.route_taken", field="name", name=values["name"])])
        old = None
        if route_id is None:
            route = Route.create(depot=actor.depot_id, **values)
        else:
            found = Route.get_or_none((Route.id == route_id) & (Route.depot == actor.depot_id))
            if found is None:
                raise NotFound("error.route_unknown", field="name")
            route = found
            old = {"name": found.name, "transit_hours": found.transit_hours, "stops": _codes(found.id)}
            Route.update(**values).where(Route.id == found.id).execute()
            RouteStop.delete().where(RouteStop.route == found.id).execute()
        for seq, depot in enumerate(stops, start=1):
            RouteStop.create(route=route.id, seq=seq, depot=depot.id)
        new = {**values, "stops": [d.code for d in stops]}
        audit.record(
            actor, "route.add" if old is None else "route.change", "route", route.id, old=old, new=new
        )
    return Route.get_by_id(route.id)


def _codes(route_id: int) -> list[str]:
    query = (
        RouteStop.select(RouteStop, Depot)
        .join(Depot)
        .where(RouteStop.route == route_id)
        .order_by(RouteStop.seq)
    )
    return [s.depot.code for s in query]


@requires(Role.SUPERVISOR, Role.ADMIN)
def set_active(actor: Actor, route_id: int, active: bool) -> None:
    """Stop offering a route to new runs, or offer it again (runs already made keep their stops)."""
    with database_proxy.atomic():
        found = Route.get_or_none((Route.id == route_id) & (Route.depot == actor.depot_id))
        if found is None:
            raise NotFound("error.route_unknown", field="name")
        Route.update(active=active).where(Route.id == found.id).execute()
        audit.record(
            actor, "route.active", "route", found.id, old={"active": found.active}, new={"active": active}
        )
