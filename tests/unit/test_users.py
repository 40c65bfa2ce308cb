"""Accounts in the back office (services/users.py): who may change whom, and the last admin.
A wrong answer here is a clerk locked out at the start of a shift, a supervisor making
herself admin, or a depot nobody can administer."""

from __future__ import annotations

import pytest

from depot_tui.models import AuditLog, User
from depot_tui.services import auth, users
from depot_tui.services.errors import AuthError, PermissionDenied, ServiceError


def login(username: str, password: str = "depot123"):
    return auth.login(username, password, terminal="pytest", pid=1)


def test_an_account_added_in_the_back_office_must_change_its_password(demo_db):
    admin = login("admin").actor
    users.add_user(
        admin,
        username="zhouba",
        name="周八",
        role="clerk",
        depot_code="GZ",
        password="temporary-8",
        shift_code="night",
        temporary=True,
    )
    assert login("zhouba", "temporary-8").must_change_password


def test_an_admin_changes_role_depot_and_shift_audited_old_and_new(demo_db):
    admin = login("admin").actor
    users.change_user(admin, "lisi", name="李四", role="supervisor", depot_code="CS", shift_code="")
    lisi = User.get(User.username == "lisi")
    assert (lisi.role, lisi.depot.code, lisi.shift_code) == ("supervisor", "CS", None)
    record = AuditLog.select().where(AuditLog.action == "user.change").get()
    assert '"role": "clerk"' in record.old and '"role": "supervisor"' in record.new


def test_a_clerk_keeps_a_shift(demo_db):
    """A clerk's lateness and handover are read from the usual shift (R-6): none is refused."""
    admin = login("admin").actor
    with pytest.raises(ServiceError) as caught:
        users.change_user(admin, "lisi", name="李四", role="clerk", depot_code="GZ", shift_code="")
    assert (caught.value.key, caught.value.field) == ("error.clerk_needs_shift", "shift")


def test_the_last_admin_is_never_demoted_or_disabled(demo_db):
    admin = login("admin").actor
    with pytest.raises(ServiceError) as caught:
        users.change_user(admin, "admin", name="管理员", role="supervisor", depot_code="GZ", shift_code="")
    assert (caught.value.key, caught.value.field) == ("error.last_admin", "role")
    users.change_user(admin, "chenjing", name="陈静", role="admin", depot_code="GZ", shift_code="early")
    users.change_user(admin, "admin", name="管理员", role="supervisor", depot_code="GZ", shift_code="")
    chen = login("chenjing").actor
    with pytest.raises(ServiceError) as caught:
        users.disable_user(chen, "chenjing", "leaving")
    assert caught.value.key == "error.last_admin"


def test_a_supervisor_moves_her_own_clerks_shift_and_nothing_else(demo_db):
    """陈静 (GZ) puts 李四 on nights and resets his password; she cannot make him a
    supervisor, move him to CS, touch CS's clerk, or reset another supervisor or admin."""
    chen = login("chenjing").actor
    users.change_user(chen, "lisi", name="李四", role="clerk", depot_code="GZ", shift_code="night")
    assert User.get(User.username == "lisi").shift_code == "night"
    users.reset_password(chen, "lisi", "temporary-4")
    assert login("lisi", "temporary-4").must_change_password
    refused = [
        lambda: users.change_user(
            chen, "lisi", name="李四", role="supervisor", depot_code="GZ", shift_code="night"
        ),
        lambda: users.change_user(
            chen, "lisi", name="李四", role="clerk", depot_code="CS", shift_code="night"
        ),
        lambda: users.change_user(
            chen, "zhaoliu", name="赵六", role="clerk", depot_code="CS", shift_code="night"
        ),
        lambda: users.reset_password(chen, "admin", "temporary-4"),
        lambda: users.add_user(
            chen,
            username="x1",
            name="x",
            role="clerk",
            depot_code="GZ",
            password="temporary-4",
            shift_code="early",
        ),
        lambda: users.disable_user(chen, "lisi", "no"),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()


def test_a_disabled_account_is_enabled_again_and_logs_in(demo_db):
    admin = login("admin").actor
    users.disable_user(admin, "lisi", "on leave")
    with pytest.raises(AuthError):
        login("lisi")
    users.enable_user(admin, "lisi", "back from leave")
    assert login("lisi").actor.username == "lisi"
    assert [
        r.action for r in AuditLog.select().where(AuditLog.action.startswith("user.")).order_by(AuditLog.id)
    ][-2:] == ["user.disable", "user.enable"]


def test_a_supervisor_lists_her_depot_and_an_admin_every_depot(demo_db):
    assert {line.depot for line in users.lines(login("chenjing").actor)} == {"GZ"}
    assert {line.depot for line in users.lines(login("admin").actor)} == {"GZ", "CS", "XT"}
    with pytest.raises(PermissionDenied):
        users.lines(login("zhangsan").actor)
