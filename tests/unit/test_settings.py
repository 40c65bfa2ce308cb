"""Business settings in the back office: each read as a person types it, checked against what
would be absurd, changed by an admin only, and, where money depends on it, from a day on. A
wrong reading here is every insured waybill's fee wrong (R-2.8) or every clerk's pay."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW

from depot_tui.models import AuditLog
from depot_tui.services import auth, clock, settings, waybills
from depot_tui.services.errors import PermissionDenied, ServiceError
from depot_tui.services.settings.values import parse
from depot_tui.services.waybills import WaybillForm

TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


@pytest.mark.parametrize(
    "typed", ["0.003", "3‰", "3 ‰", "0.3%", "千分之三", "千分之3", "百分之0.3", "０．００３"]
)
def test_a_rate_is_read_as_a_person_writes_it(typed):
    """千分之三 (the rule sheet's own words, R-2.8), 3‰ and 0.003 are one rate."""
    assert parse("insurance.rate", typed) == "0.003"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("-0.003", "error.setting_rate"),
        ("0", "error.setting_range"),
        ("6%", "error.setting_range"),  # over 5%: a slipped finger
        ("3", "error.setting_range"),  # 300%: 3 typed for 3‰
        ("3‰%", "error.setting_rate"),
        ("千分之三‰", "error.setting_rate"),
        ("abc", "error.setting_rate"),
        ("", "error.required"),
    ],
)
def test_a_wrong_or_absurd_rate_is_refused(typed, key):
    with pytest.raises(ServiceError) as caught:
        parse("insurance.rate", typed)
    assert (caught.value.key, caught.value.field) == (key, "value")


def test_grade_bands_go_down_to_zero_with_each_grade_once():
    assert parse("score.grades", "90 A, 80 B，70 C、0 D") == [[90, "A"], [80, "B"], [70, "C"], [0, "D"]]
    for typed in ("80 B, 90 A, 0 C", "90 A, 80 B", "90 A, 80 A, 0 B", "90, 0 A", "A 90, 0 B"):
        with pytest.raises(ServiceError) as caught:
            parse("score.grades", typed)
        assert caught.value.key == "error.setting_grades", typed


@pytest.mark.parametrize(
    "key, typed", [("auth.max_failures", "1"), ("auth.lock_minutes", "-5"), ("score.money_per_point", "1e3")]
)
def test_limits_and_money_refuse_what_no_depot_means(key, typed):
    with pytest.raises(ServiceError):
        parse(key, typed)


def test_only_an_admin_changes_a_setting(demo_db):
    for who in ("zhangsan", "chenjing"):
        with pytest.raises(PermissionDenied):
            settings.put(login(who), "auth.max_failures", "6")
    settings.put(login("admin"), "auth.max_failures", "6")
    assert settings.get("auth.max_failures") == 6


def test_the_insurance_rate_changes_from_a_day_on(demo_db):
    """4‰ from tomorrow: today's quote of 3,000 declared pays 9.00 (3‰), tomorrow's 12.00; a
    day in the past is refused; the audit says old and new; the list shows both."""
    admin = login("admin")
    with pytest.raises(ServiceError) as caught:
        settings.put(admin, "insurance.rate", "4‰", from_day="2026-11-22")
    assert (caught.value.key, caught.value.field) == ("error.setting_past", "from_day")
    settings.put(admin, "insurance.rate", "千分之四", from_day=f"{TOMORROW}", reason="保险公司调价")
    clerk = login("zhangsan")
    form = WaybillForm(
        destination="430321", goods_name="服装", pieces="1", weight="10", volume="0.1", declared_value="3000"
    )
    assert waybills.quote(clerk, form).insurance_fee == Decimal("9.00")
    with clock.at(DEMO_NOW + dt.timedelta(days=1)):
        assert waybills.quote(clerk, form).insurance_fee == Decimal("12.00")
    record = AuditLog.select().where(AuditLog.action == "setting.put").get()
    assert record.old == '"0.003"' and '"0.004"' in record.new and record.reason == "保险公司调价"
    line = next(x for x in settings.lines(clerk) if x.key == "insurance.rate")
    assert (line.value, line.next_value, line.next_from) == ("3‰", "4‰", TOMORROW)


def test_a_setting_without_a_day_changes_at_once_and_names_who(demo_db):
    settings.put(login("admin"), "notify.deadline_hours", "12")
    settings.put(login("admin"), "notify.deadline_hours", "10")
    line = next(x for x in settings.lines(login("zhangsan")) if x.key == "notify.deadline_hours")
    assert (line.value, line.changed_by, line.since) == ("10", "管理员", None)


def test_the_score_money_of_a_month_is_that_of_its_last_day(demo_db):
    """10 yuan a point until December, 12 from 2026-12-01: November is paid at 10, December at 12."""
    settings.put(login("admin"), "score.money_per_point", "12", from_day="2026-12-01")
    assert settings.get("score.money_per_point", None, dt.date(2026, 11, 30)) == "10"
    assert settings.get("score.money_per_point", None, dt.date(2026, 12, 31)) == "12"
