"""A new depot set up from the console: `depot-tui init` with its counties and a price table,
`depot add`, what is still missing before the first waybill, and the first waybill priced from
that table. Nothing written to the database by hand: what a new company's admin would do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from test_cli import run

from depot_tui import db
from depot_tui.services import auth, clock, depots, readiness, waybills
from depot_tui.services.errors import ServiceError

TABLE = (
    "代码,到站,元/公斤,元/立方,最低收费,送货费,上楼费,重量段,生效日期\n"
    "440111,白云区,1.1,250,35,60,30,100:1.4,\n"
)


def init(db_path: str, tmp_path, *extra: str):  # noqa: ANN001, ANN201
    return run(
        "--db", db_path, "--lang", "en", "init",
        "--depot-code", "XT", "--depot-name", "湘潭雨湖站", "--county", "430302",
        "--admin-user", "boss", "--admin-name", "老板", *extra,
        "--password-stdin", stdin="first-admin-1\n",
    )  # fmt: skip


def test_a_new_depot_from_init_to_its_first_waybill(tmp_path):
    """init with the counties XT delivers to and a price table (to 白云区): the table goes in,
    and what is still missing is said (a clerk, a depot to send to). `depot add` GZ and a clerk
    later, nothing is missing, and the clerk's first waybill to 白云区 is priced from the
    imported line: 120 kg in no band (over 100 kg) at 1.1 is 132.00 against 0.5 m³ at 250,
    125.00; delivery 60 as the table says."""
    path = tmp_path / "table.csv"
    path.write_text(TABLE, encoding="utf-8")
    target = str(tmp_path / "new.sqlite3")
    made = init(target, tmp_path, "--counties", "湘潭县，430304", "--price-table", str(path))
    assert made.returncode == 0, made.stderr
    assert "Price table imported: 1 lines" in made.stdout
    assert "a clerk's account" in made.stdout and "a depot to send to" in made.stdout
    assert "a price table" not in made.stdout
    added = run(
        "--db", target, "--lang", "en", "depot", "add", "GZ", "--name", "广州白云站", "--county", "440111"
    )
    assert added.returncode == 0 and "Depot GZ added" in added.stdout, added.stderr
    listed = run("--db", target, "depot", "list").stdout
    assert "湘潭县" in listed and "岳塘区" in listed and "白云区" in listed
    clerk = run(
        "--db", target, "user", "add", "li", "--name", "李四", "--role", "clerk", "--depot", "XT",
        "--shift", "early", "--password-stdin", stdin="clerk-pass-9\n",
    )  # fmt: skip
    assert clerk.returncode == 0, clerk.stderr

    database = db.open_database(target)
    # The commands ran on the real clock (the table is priced from today); the clerk works
    # the early shift of that day.
    try:
        with clock.at(dt.datetime.combine(dt.date.today(), dt.time(9, 30))):
            li = auth.login("li", "clerk-pass-9", terminal="pytest", pid=1).actor
            assert readiness.missing(li) == []
            issued = waybills.issue(
                li,
                waybills.WaybillForm(
                    hazard="no", destination="440111", consignee_phone="13925067732", consignee_name="刘建国",
                    shipper_phone="13807320011", shipper_name="王湘平", goods_name="服装", pieces="2",
                    packaging="纸箱", weight="120", volume="0.5", payment="cash", delivery="delivery",
                    address="白云区石井镇环滘路1号",
                ),
                shipper_confirmed=True,
                outbox=tmp_path,
            )  # fmt: skip
            assert issued.total == Decimal("192.00")  # 132 freight + 60 delivery
    finally:
        database.close()


def test_a_refused_price_table_leaves_the_depot_made_and_names_its_rows(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text(TABLE + ",无此县,1,200,30,,,,\n", encoding="utf-8")
    target = str(tmp_path / "new.sqlite3")
    made = init(target, tmp_path, "--price-table", str(path))
    assert made.returncode == 0
    assert "1 rows of the file are wrong" in made.stderr and "3: destination No place 无此县" in made.stderr
    assert "a price table" in made.stdout  # still missing


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
