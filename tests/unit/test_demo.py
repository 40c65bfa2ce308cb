"""The demo database holds what issue 2 promises: realistic depots, people, work and trucks."""

from __future__ import annotations

from depot_tui.models import (
    Depot,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    Piece,
    Place,
    PriceRule,
    ProhibitedKeyword,
    Role,
    ScoreRule,
    User,
    Waybill,
)
from depot_tui.services import labels


def test_demo_has_depots_people_and_shifts(demo_db):
    """A newcomer opening the demo must find three depots, clerks on every shift, a supervisor."""
    assert Depot.select().count() == 3
    clerks = User.select().where(User.role == Role.CLERK)
    assert {u.shift_code for u in clerks} == {"early", "middle", "night"}
    assert User.select().where(User.role == Role.SUPERVISOR).exists()
    assert Place.select().where(Place.level == "county").count() > 2800
    assert PriceRule.select().count() > 20
    assert ScoreRule.select().count() >= 22 + 3
    assert ProhibitedKeyword.select().count() > 10


def test_demo_has_trucks_in_transit_and_waiting_to_be_checked(demo_db):
    """The loading and arrival screens need a departed truck and an arrived one to work on."""
    statuses = {m.status for m in Manifest.select()}
    assert {ManifestStatus.DEPARTED, ManifestStatus.ARRIVED} <= statuses
    in_transit = Manifest.get(Manifest.status == ManifestStatus.DEPARTED)
    assert [stop.depot.code for stop in in_transit.stops.order_by(ManifestStop.seq)] == ["CS", "XT"]
    assert LoadedPiece.select().where(LoadedPiece.manifest == in_transit.id).count() > 10
    assert any(row.note for row in in_transit.planned), "a partly loaded waybill carries its note"


def test_every_demo_label_passes_its_check(demo_db):
    """Demo labels that fail their own check would make every scan test fail for the wrong reason."""
    pieces = list(Piece.select(Piece, Waybill).join(Waybill))
    assert len(pieces) > 100
    for piece in pieces:
        parsed = labels.parse_label(piece.label)
        assert (parsed.waybill_number, parsed.index) == (piece.waybill.number, piece.index)


def test_waybill_totals_add_up(demo_db):
    for waybill in Waybill.select():
        assert waybill.total == waybill.freight + waybill.insurance_fee
        assert waybill.dest_depot_id is not None
