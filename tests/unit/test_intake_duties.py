"""The counter's duties as the rule sheet lists them (issue 26), each test quoting the line it
implements. A waybill that leaves without the remark the sheet requires leaves the company the
damage it said it would not pay for."""

from __future__ import annotations

from test_waybills import clerk, good_form  # noqa: F401 - clerk is a fixture

from depot_tui.models import Waybill
from depot_tui.services import waybills
from depot_tui.services.waybills.slip import slip_text


def test_the_required_remarks_are_on_the_waybill_whatever_the_screen_sent(clerk, tmp_path):  # noqa: F811
    """R-2.5 "易碎、无包装、等易碎易坏物品应在备注里注明“货损自负”" and R-2.8 "买保险后需注明
    “保丢不保损”": a fragile, unpacked (裸装), insured
    waybill whose form arrives with no remark at all (a screen that skipped them, a script)
    is stored and printed with 货损自负 and 保丢不保损, in the sheet's order, then the clerk's
    own remark."""
    form = good_form(fragile=True, packaging="裸装", remarks="")
    issued = waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path)
    stored = Waybill.get(Waybill.number == issued.number)
    assert stored.remarks == "货损自负；保丢不保损"
    assert "货损自负；保丢不保损" in slip_text(stored)
    own = waybills.issue(clerk, good_form(remarks="轻放"), shipper_confirmed=True, outbox=tmp_path)
    assert Waybill.get(Waybill.number == own.number).remarks == "保丢不保损；轻放"
