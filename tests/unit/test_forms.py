"""Pre-printed forms (套打, issue 25 item 4): the waybill's values in the boxes of the form the
depot buys, where the admin's layout puts them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support import admin, xt_form

from depot_tui.services import printing, settings, waybills
from depot_tui.services.errors import ServiceError
from depot_tui.services.printing import forms
from depot_tui.services.settings.values import parse

LAYOUT = {
    "size": [60, 12],
    "number": [1, 45],
    "consignee_name": [3, 5, 10],
    "consignee_address": [4, 5, 16],
    "pieces": [5, 20, 4],
    "total": [8, 40, 10],
    "total_capital": [9, 5, 30],
}


@pytest.mark.parametrize(
    "amount, words",
    [
        ("197.00", "壹佰玖拾柒元整"),
        ("1005.50", "壹仟零伍元伍角整"),
        ("2.05", "贰元零伍分"),
        ("0.07", "柒分"),
        ("0", "零元整"),
        ("100000", "壹拾万元整"),
        ("10005", "壹万零伍元整"),
        ("1010", "壹仟零壹拾元整"),
        ("120034.56", "壹拾贰万零叁拾肆元伍角陆分"),
    ],
)
def test_an_amount_in_capitals_as_a_chinese_form_writes_it(amount, words):
    """The 大写 box: a wrong capital amount makes the form void at a bank or in a dispute."""
    assert forms.capital_yuan(Decimal(amount)) == words


def test_each_value_sits_in_its_box_cut_to_its_width_counting_chinese_as_two():
    layout = forms.parse_layout("three_part", LAYOUT)
    values = {
        "number": "GZ2611260001",
        "consignee_name": "李卫东李卫东",  # 12 cells into a box of 10: cut, never spilled
        "consignee_address": "易俗河镇\n建设路8号  二楼",
        "pieces": "3",
        "total": "197.00",
        "total_capital": "壹佰玖拾柒元整",
    }
    out = forms.render(layout, values)
    lines = out.split("\r\n")
    assert out.endswith("\r\n\f") and len(lines) == 13  # 12 lines and the form feed
    assert lines[0] == " " * 44 + "GZ2611260001"
    assert lines[2] == "    李卫东李卫"
    assert lines[3] == "    易俗河镇 建设路8"  # one line, cut at 16 cells
    assert lines[4] == " " * 19 + "3"
    assert lines[8] == "    壹佰玖拾柒元整"


@pytest.mark.parametrize(
    "table, says",
    [
        ({"number": [1, 1]}, "size"),
        ({"size": [60, 12], "color": [1, 1]}, "no such field"),
        ({"size": [60, 12], "number": [13, 1]}, "outside"),
        ({"size": [60, 12], "number": [1, 55, 10]}, "outside"),
        ({"size": [60, 12], "number": "1,1"}, "[line, column]"),
    ],
)
def test_a_wrong_layout_is_refused_when_the_app_starts_with_what_is_wrong(table, says):
    with pytest.raises(ValueError, match=says):
        printing.use_printers({}, {"three_part": table})


@pytest.fixture
def three_part_form():
    printing.use_printers({}, {"three_part": LAYOUT})
    yield
    printing.use_printers({})


def test_a_depot_on_pre_printed_forms_prints_its_waybills_into_them(clerk, tmp_path, three_part_form):
    """The depot names its form: the slip printed for the worked example is the form, with the
    number, the consignee and 壹佰玖拾柒元整 where the layout puts them, in GB18030."""
    office = admin()
    settings.put(office, "print.slip_form", "three_part")
    settings.put(office, "print.encoding", "gb18030")
    issued = waybills.issue(clerk, xt_form(3), shipper_confirmed=True, outbox=tmp_path)
    lines = (tmp_path / f"slip-{issued.number}.txt").read_bytes().decode("gb18030").split("\r\n")
    assert lines[0].strip() == issued.number and lines[2].strip() == "李卫东"
    assert lines[4].strip() == "3" and lines[7].strip() == "197.00" and lines[8].strip() == "壹佰玖拾柒元整"


def test_a_form_the_server_does_not_have_prints_the_ruled_slip_and_says_so(clerk, tmp_path):
    settings.put(admin(), "print.slip_form", "gone")
    issued = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    assert "货物托运单" in (tmp_path / f"slip-{issued.number}.txt").read_text(encoding="utf-8")
    assert any(p.error and "'gone'" in p.error for p in issued.printed)


def test_the_form_setting_is_a_name():
    assert parse("print.slip_form", "ruled") == "ruled"
    with pytest.raises(ServiceError) as refused:
        parse("print.slip_form", "three part;rm")
    assert refused.value.key == "error.setting_form"
