"""Places (GB/T 2260), depots and the counties they serve, users, shifts and sessions, leave,
settings and the append-only audit log.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .base import BaseModel


class Place(BaseModel):
    """A GB/T 2260 division. Waybill destinations must be county level (县级, R-2.1)."""

    parent_id: int | None  # the foreign key's raw value (peewee adds it), for the type checker

    code = CharField(max_length=6, unique=True)
    name = CharField(max_length=40, index=True)
    level = CharField(max_length=12)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    pinyin = CharField(max_length=40, index=True)  # initials: 湘潭县 -> xtx
    active = BooleanField(default=True)


class Depot(BaseModel):
    """A depot or station of the line (网点/站点); several share one database."""

    place_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    code = CharField(max_length=8, unique=True)  # station short code typed at the counter
    name = CharField(max_length=40)
    place = ForeignKeyField(Place, backref="depots", on_delete="RESTRICT")
    address = CharField(max_length=200, default="")
    phone = CharField(max_length=20, default="")
    active = BooleanField(default=True)


class DepotArea(BaseModel):
    """Counties a depot delivers to: decides which depot a destination county arrives at."""

    depot_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    place_id: int

    depot = ForeignKeyField(Depot, backref="areas", on_delete="CASCADE")
    place = ForeignKeyField(Place, backref="served_by", on_delete="RESTRICT")

    class Meta:
        indexes = ((("depot", "place"), True),)


class User(BaseModel):
    """A person who logs in: clerk (开单员), supervisor (主管) or admin."""

    depot_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    depot = ForeignKeyField(Depot, backref="users", on_delete="RESTRICT")
    username = CharField(max_length=32, unique=True)
    name = CharField(max_length=40)
    role = CharField(max_length=12)
    shift_code = CharField(max_length=12, null=True)  # the shift this person normally works
    password_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    must_change_password = BooleanField(default=False)
    created_at = DateTimeField()
    last_login_at = DateTimeField(null=True)
    hired_on = DateField(null=True)  # 入职日期: the first months are scored without moving pay


class ShiftDefinition(BaseModel):
    """Shift times (R-6) as data; a shift whose end is before its start crosses midnight."""

    code = CharField(max_length=12, unique=True)
    start = CharField(max_length=5)  # "HH:MM"
    end = CharField(max_length=5)


class Shift(BaseModel):
    """One person's duty on one planned shift, from clock-in to clock-out (attendance, R-6)."""

    user_id: int
    depot_id: int

    user = ForeignKeyField(User, backref="shifts", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="shifts", on_delete="RESTRICT")
    code = CharField(max_length=12)
    planned_start = DateTimeField(index=True)
    planned_end = DateTimeField()
    clock_in = DateTimeField()
    clock_out = DateTimeField(null=True)
    handed_over = BooleanField(default=False)  # set by an accepted handover (交接班)
    may_issue = BooleanField(default=True)  # False until the incoming clerk accepts the handover

    class Meta:
        indexes = ((("user", "planned_start"), True),)


class Session(BaseModel):
    """One login on one terminal; scans and writes name the session they came from."""

    shift_id: int | None

    user = ForeignKeyField(User, backref="sessions", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="sessions", on_delete="RESTRICT")
    terminal = CharField(max_length=80)
    pid = IntegerField()
    host = CharField(max_length=64, default="")  # where pid runs: a dead one's session is swept
    started_at = DateTimeField()
    ended_at = DateTimeField(null=True)
    end_reason = CharField(max_length=20, null=True)  # logout, hangup, terminated, stale


class LeaveRequest(BaseModel):
    """Leave, going out or overtime applied for in advance (R-6.11); unapplied ones do not count.
    Asked by the clerk, approved or refused (with the reason) by a supervisor."""

    user_id: int
    decided_by_id: int | None

    user = ForeignKeyField(User, backref="leave_requests", on_delete="RESTRICT")
    kind = CharField(max_length=12)  # leave, out, overtime
    starts_at = DateTimeField()
    ends_at = DateTimeField()
    reason = TextField(default="")
    applied_at = DateTimeField()
    status = CharField(max_length=12, default="asked")  # asked, approved, refused, withdrawn
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")


class RosterDay(BaseModel):
    """One clerk's planned day at a depot (排班): the shift to work, or none (a day off). A day
    with no row follows the clerk's usual shift (User.shift_code)."""

    user_id: int
    depot_id: int

    user = ForeignKeyField(User, backref="roster", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    day = DateField()
    shift_code = CharField(max_length=12, null=True)  # None: a day off
    set_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    set_at = DateTimeField()

    class Meta:
        indexes = ((("user", "day"), True), (("depot", "day"), False))


class Setting(BaseModel):
    """A business setting (insurance rate, rounding, grade bands...), per depot or global (null)."""

    depot_id: int | None  # the foreign keys' raw values (peewee adds them), for the type checker
    changed_by_id: int | None

    key = CharField(max_length=60)
    depot = ForeignKeyField(Depot, null=True, backref="settings", on_delete="CASCADE")
    value = TextField()  # JSON
    # From this day on (a setting money depends on: the insurance rate, the score's money);
    # null: in force since ever (limits, printing), changed in place.
    valid_from = DateField(null=True)
    changed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    changed_at = DateTimeField()

    class Meta:
        indexes = ((("key", "depot", "valid_from"), True),)


class AuditLog(BaseModel):
    """Append-only trail of every write: who, when, what, old -> new, why."""

    id = AutoField()
    at = DateTimeField(index=True)
    user = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    session = ForeignKeyField(Session, null=True, backref="+", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, null=True, backref="+", on_delete="RESTRICT")
    action = CharField(max_length=60, index=True)
    entity = CharField(max_length=40)
    entity_id = CharField(max_length=40, null=True)
    old = TextField(null=True)  # JSON
    new = TextField(null=True)  # JSON
    reason = TextField(default="")
