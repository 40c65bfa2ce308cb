"""A new depot set up from the console as a new company's admin does it: `depot-tui init` with
its counties and a price table, `depot add`, a clerk added, what is still missing before the
first waybill, and that first waybill priced from the table; a slip layout of the site's that
does not fit its form, refused at the first start. Nothing written to the database by hand.
(The services behind these commands: tests/unit/test_setup.py.)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_cli import run

from depot_tui import db
from depot_tui.services import auth, clock, readiness, waybills

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


def test_the_app_will_not_start_on_a_wrong_layout_and_says_which(tmp_path):
    """A layout naming a box off the form is said at start, in one line with the file and the
    field, not found at the first waybill of the morning."""
    config = tmp_path / "config.toml"
    config.write_text("[forms.three_part]\nsize = [60, 12]\nnumber = [13, 1]\n", encoding="utf-8")
    done = run("--config", str(config), "--demo", env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"depot-tui: {config}: [forms.three_part] number = [13, 1]: outside the form's 60 x 12"
    )
