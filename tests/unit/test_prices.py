"""The price table in the back office: lines from a day on, weight bands, a whole province at
once, import and export. A wrong line here is a wrong price on every waybill to that place:
the clerk bills it (R-2.8) and is docked for billing below it (R-5.8)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from support import DEMO_NOW
from test_waybills import good_form

from depot_tui.models import AuditLog, PriceRule, Waybill
from depot_tui.services import auth, clock, lookup, prices, pricing, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError
from depot_tui.services.prices import ImportRefused, LineForm
from depot_tui.services.waybills import WaybillForm

TODAY = DEMO_NOW.date()
TOMORROW = TODAY + dt.timedelta(days=1)
HEADS = "代码,到站,元/公斤,元/立方,最低收费,送货费,上楼费,重量段,生效日期"


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


@pytest.fixture
def boss(demo_db):
    """陈静, GZ's supervisor: she keeps GZ's price table."""
    return login("chenjing")


def quote_to(actor, place: str, weight: str = "120", volume: str = "0.1") -> Decimal:
    form = WaybillForm(destination=place, goods_name="服装", pieces="1", weight=weight, volume=volume)
    return waybills.quote(actor, form).freight


def line(destination: str, **rates: str) -> LineForm:
    return LineForm(destination=destination, **{"per_kg": "1", "per_m3": "200", "min_charge": "30", **rates})


def write_csv(path, *rows: str, encoding: str = "utf-8-sig") -> str:
    path.write_bytes(("\n".join([HEADS, *rows]) + "\n").encode(encoding))
    return str(path)


# --- lines from a day on ---------------------------------------------------------------------------


def test_a_change_from_tomorrow_leaves_today_and_the_issued_waybill_alone(boss, tmp_path):
    """湘潭县 goes from 0.90 to 1.50 a kg from tomorrow: today's waybill keeps 108.00 (120 kg x
    0.90) and today's quote too; tomorrow's quote is 180.00; the old line ends today, unchanged."""
    clerk = login("zhangsan")
    issued = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    prices.set_line(boss, line("430321", per_kg="1.50", from_day=f"{TOMORROW}"))
    assert quote_to(clerk, "430321") == Decimal("108.00")
    with clock.at(DEMO_NOW + dt.timedelta(days=1)):
        assert quote_to(clerk, "430321") == Decimal("180.00")
    waybill = Waybill.get(Waybill.number == issued.number)
    assert (waybill.freight, waybill.total) == (Decimal("108"), Decimal("197"))
    old = PriceRule.get(PriceRule.valid_to == TODAY)
    assert (old.per_kg, old.valid_from) == (Decimal("0.9"), (DEMO_NOW - dt.timedelta(days=365)).date())
    audit = AuditLog.select().where(AuditLog.action == "price.set").get()
    assert (
        '"per_kg": "0.9"' in audit.old and '"per_kg": "1.50"' in audit.new and audit.user_id == boss.user_id
    )


def test_a_province_at_once_overridden_county_by_county(boss):
    """One line for 湖北省 prices every county of Hubei; a line for 武昌区 overrides it there, and
    湘潭县 keeps its own line (Hunan is not Hubei). A clerk quoting 江岸区 gets the province's."""
    clerk = login("zhangsan")
    prices.set_line(boss, line("420000", per_kg="2"))
    prices.set_line(boss, line("420106", per_kg="3"))
    assert quote_to(clerk, "420102") == Decimal("240.00")  # 江岸区: 120 x 2
    assert quote_to(clerk, "420106") == Decimal("360.00")  # 武昌区: 120 x 3
    assert quote_to(clerk, "430321") == Decimal("108.00")
    table = prices.table_on(clerk)
    assert table[0].place_code == "420000"  # provinces first
    index = {hit.code: hit for hit in lookup.place_index(clerk).hits}
    assert index["420102"].priced and index["420106"].priced and not index["410102"].priced


def test_weight_bands_are_stored_and_priced(boss):
    """100:1.2 500:1.0 above 0.8: a 120 kg waybill pays 1.0 a kg for all of it."""
    clerk = login("zhangsan")
    prices.set_line(boss, line("430321", per_kg="0.8", weight_breaks="100:1.2, 500：1.0"))
    assert quote_to(clerk, "430321") == Decimal("120.00")
    assert quote_to(clerk, "430321", weight="600") == Decimal("480.00")
    shown = next(x for x in prices.table_on(boss) if x.place_code == "430321")
    assert shown.breaks_text == "100:1.2 500:1.0"


def test_a_later_change_is_shown_beside_the_line_in_force(boss):
    prices.set_line(boss, line("430321", per_kg="1.5", from_day=f"{TOMORROW}"))
    shown = next(x for x in prices.table_on(boss) if x.place_code == "430321")
    assert (shown.per_kg, shown.next_from) == (Decimal("0.9"), TOMORROW)
    new_place = prices.set_line(boss, line("420102", from_day=f"{TOMORROW}"))  # 江岸区, first priced tomorrow
    assert new_place.started == 1
    assert next(x for x in prices.table_on(boss) if x.place_code == "420102").valid_from == TOMORROW


def test_a_change_set_for_later_may_be_set_again(boss):
    """A typo in tomorrow's price is put right by setting tomorrow's line again (it replaces
    the one not yet in force; both writes are in the audit log)."""
    prices.set_line(boss, line("430321", per_kg="15", from_day=f"{TOMORROW}"))
    done = prices.set_line(boss, line("430321", per_kg="1.5", from_day=f"{TOMORROW}"))
    assert done.replaced == 1
    with clock.at(DEMO_NOW + dt.timedelta(days=1)):
        assert quote_to(login("zhangsan"), "430321") == Decimal("180.00")
    assert AuditLog.select().where(AuditLog.action == "price.set").count() == 2


# --- refusals -----------------------------------------------------------------------------------


def refusal(call, *args, **kwargs) -> tuple[str, str | None]:
    with pytest.raises(ServiceError) as caught:
        call(*args, **kwargs)
    return caught.value.key, caught.value.field


@pytest.mark.parametrize(
    "change, key, field",
    [
        ({"per_kg": "-1"}, "error.number_format", "per_kg"),  # no sign: a negative rate
        ({"per_kg": "51"}, "error.number_max", "per_kg"),  # 51 yuan a kg: a slipped finger
        ({"per_m3": "30000"}, "error.number_max", "per_m3"),
        ({"min_charge": "1e3"}, "error.number_format", "min_charge"),
        ({"per_kg": "0", "per_m3": "0"}, "error.price_nothing", "per_kg"),
        ({"weight_breaks": "500:1 100:1.2"}, "error.breaks_order", "weight_breaks"),
        ({"weight_breaks": "100kg 1.2"}, "error.breaks_format", "weight_breaks"),
        ({"from_day": "2026-11-22"}, "error.price_past", "from_day"),
        ({"from_day": "11-31"}, "error.day_format", "from_day"),
    ],
)
def test_a_wrong_line_is_refused_at_its_field(boss, change, key, field):
    """Each mistake names the field to fix; nothing is stored."""
    before = PriceRule.select().count()
    assert refusal(prices.set_line, boss, line("430321", **change)) == (key, field)
    assert PriceRule.select().count() == before


def test_every_wrong_field_is_named_at_once(boss):
    with pytest.raises(FormError) as caught:
        prices.set_line(boss, line("湖南", per_kg="x", per_m3="-3", from_day="2020-01-01"))
    assert [e.field for e in caught.value.errors] == ["destination", "per_kg", "per_m3", "from_day"]


def test_overlapping_validity_is_refused(boss):
    """A change is set from the 1st; another from tomorrow would lie under it: change that one."""
    first = TODAY.replace(day=1) + dt.timedelta(days=31)
    prices.set_line(boss, line("430321", per_kg="1.5", from_day=f"{first}"))
    assert refusal(prices.set_line, boss, line("430321", from_day=f"{TOMORROW}")) == (
        "error.price_overlap",
        "from_day",
    )


def test_today_is_refused_once_a_waybill_was_priced_to_there_today(boss, tmp_path):
    """A waybill to 湘潭县 went out at 0.90 this morning: a price from today would say it was
    priced at something it was not. The change goes from tomorrow; 湘乡市 (nothing issued) may
    change today."""
    waybills.issue(login("zhangsan"), good_form(), shipper_confirmed=True, outbox=tmp_path)
    assert refusal(prices.set_line, boss, line("430321")) == ("error.price_used", "from_day")
    assert refusal(prices.set_line, boss, line("430000")) == ("error.price_used", "from_day")  # the province
    prices.set_line(boss, line("420102"))  # 江岸区, Hubei


def test_a_clerk_reads_the_table_but_never_changes_it(boss, tmp_path):
    clerk = login("zhangsan")
    assert prices.table_on(clerk)
    with pytest.raises(PermissionDenied):
        prices.set_line(clerk, line("430321", from_day=f"{TOMORROW}"))
    with pytest.raises(PermissionDenied):
        prices.import_table(clerk, write_csv(tmp_path / "t.csv", ",湘乡市,1,200,30,,,,"), tmp_path)


def test_a_supervisor_changes_only_her_own_depots_table(boss):
    assert refusal(prices.set_line, boss, line("430321", from_day=f"{TOMORROW}"), depot_code="CS") == (
        "error.price_other_depot",
        "depot",
    )
    prices.set_line(login("admin"), line("430321", from_day=f"{TOMORROW}"), depot_code="CS")  # an admin may


def test_a_place_two_counties_share_must_be_given_by_code(boss):
    key, field = refusal(prices.set_line, boss, line("朝阳区", from_day=f"{TOMORROW}"))
    assert (key, field) == ("error.place_ambiguous_codes", "destination")


# --- import and export ------------------------------------------------------------------------


def test_a_file_with_a_bad_row_is_refused_whole_with_every_bad_row_named(boss, tmp_path):
    """Row 3 names a county that does not exist and row 5 has a negative rate: nothing of the
    file is applied, not even its good rows, and both rows are named with their reasons."""
    path = write_csv(
        tmp_path / "table.csv",
        "430381,湘乡市,1.1,220,30,50,30,,",
        "439999,不存在县,1,200,30,50,30,,",
        "430382,韶山市,1.2,220,30,50,30,,",
        "430302,雨湖区,-1,200,30,50,30,,",
    )
    before = PriceRule.select().count()
    with pytest.raises(ImportRefused) as caught:
        prices.import_table(boss, path, tmp_path, default_day=f"{TOMORROW}")
    assert [(row, exc.key) for row, exc in caught.value.rows] == [
        (3, "error.place_unknown"),
        (5, "error.number_format"),
    ]
    assert PriceRule.select().count() == before
    fixed = write_csv(
        tmp_path / "table.csv",
        "430381,湘乡市,1.1,220,30,50,30,,",
        "430382,韶山市,1.2,220,30,50,30,100:1.5,",
        "430302,雨湖区,1,200,30,50,30,,2026-12-01",
    )
    done = prices.import_table(boss, fixed, tmp_path, default_day=f"{TOMORROW}")
    assert done.applied.started == 3 and done.applied.ended == 3  # each had a line (XT serves them)
    with clock.at(dt.datetime(2026, 12, 2, 9, 30)):
        assert quote_to(login("zhangsan"), "430382") == Decimal("144.00")  # 120 kg past its band: 1.2
        assert quote_to(login("zhangsan"), "430382", weight="80") == Decimal("120.00")  # in it: 1.5
    assert AuditLog.select().where(AuditLog.action == "price.import").count() == 3


def test_import_refuses_duplicates_and_a_code_that_is_not_its_name(boss, tmp_path):
    path = write_csv(
        tmp_path / "t.csv",
        "430381,湘乡市,1.1,220,30,50,30,,",
        ",湘乡市,1.2,220,30,50,30,,",
        "430382,湘乡市,1.2,220,30,50,30,,",
    )
    with pytest.raises(ImportRefused) as caught:
        prices.import_table(boss, path, tmp_path, default_day=f"{TOMORROW}")
    assert [(row, exc.key) for row, exc in caught.value.rows] == [
        (3, "error.import_twice"),
        (4, "error.import_code_name"),
    ]


def test_a_csv_saved_by_chinese_excel_is_read(boss, tmp_path):
    """Excel on a Chinese Windows saves "CSV" in GB18030, not UTF-8: the names still match."""
    path = write_csv(tmp_path / "gbk.csv", ",湘乡市,1.1,220,30,50,30,,", encoding="gb18030")
    assert prices.import_table(boss, path, tmp_path, default_day=f"{TOMORROW}").applied.started == 1


@pytest.mark.parametrize(
    "name, content, key",
    [
        ("none.csv", None, "error.import_no_file"),
        ("t.pdf", b"%PDF", "error.import_format"),
        ("t.xlsx", b"not a zip", "error.import_unreadable"),
        ("t.csv", "名字,价格\n湘乡市,1\n".encode(), "error.import_heads"),
        ("t.csv", (HEADS + "\n").encode(), "error.import_empty"),
    ],
)
def test_a_file_that_is_not_a_price_table_is_one_clear_refusal(boss, tmp_path, name, content, key):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    assert refusal(prices.import_table, boss, name, tmp_path) == (key, "path")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_table_imports_back_unchanged(boss, tmp_path, fmt):
    """Export, edit one rate in the spreadsheet, import: only that line changes. The export
    is the layout the import reads (a depot keeps its table in the file it was given)."""
    prices.set_line(boss, line("430321", per_kg="0.9", weight_breaks="100:1.2"))
    done = prices.export_table(boss, fmt, tmp_path)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(done.path)
        sheet = book.active
        assert [c.value for c in sheet[1]] == HEADS.split(",")
        mine = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "430321")
        assert isinstance(mine[2].value, float) and mine[7].value == "100:1.2"
        for row in sheet.iter_rows(min_row=2):
            row[8].value = ""  # the day column emptied: the dialog's day applies
            if row[0].value == "430321":
                row[2].value = 0.95
        book.save(done.path)
    else:
        rows = list(csv.reader(io.StringIO(done.path.read_text(encoding="utf-8-sig"))))
        assert rows[0] == HEADS.split(",")
        for row in rows[1:]:
            row[8] = ""
            if row[0] == "430321":
                row[2] = "0.95"
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        done.path.write_text(out.getvalue(), encoding="utf-8")
    prices.import_table(boss, done.path.name, tmp_path, default_day=f"{TOMORROW}")
    after = {x.place_code: x for x in prices.table_on(boss, TOMORROW)}
    assert after["430321"].per_kg == Decimal("0.95") and after["430321"].breaks_text == "100:1.2"
    before = {x.place_code: x for x in prices.table_on(boss)}
    assert {code: x.per_kg for code, x in after.items() if code != "430321"} == {
        code: x.per_kg for code, x in before.items() if code != "430321"
    }


def test_rates_for_a_county_take_its_own_line_before_its_province(boss):
    """pricing.rule_for: county, then prefecture, then province; each on its own days. 珠晖区
    (衡阳市, 湖南省) has no line of its own; 湘潭县 has."""
    later = TOMORROW + dt.timedelta(days=1)
    prices.set_line(boss, line("430000", per_kg="5", from_day=f"{TOMORROW}"))
    prices.set_line(boss, line("430400", per_kg="4", from_day=f"{later}"))
    zhuhui, xiangtan = _place_id("430405"), _place_id("430321")
    assert pricing.rates_for(boss.depot_id, zhuhui, TODAY) is None
    assert [pricing.rates_for(boss.depot_id, zhuhui, day).per_kg for day in (TOMORROW, later)] == [5, 4]
    assert pricing.rates_for(boss.depot_id, xiangtan, later).per_kg == Decimal("0.9")


def _place_id(code: str) -> int:
    from depot_tui.models import Place

    return Place.get(Place.code == code).id
