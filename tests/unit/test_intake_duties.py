"""The counter's duties as the rule sheet lists them (issue 26), each test quoting the line it
implements. A waybill that leaves without the remark the sheet requires leaves the company the
damage it said it would not pay for."""

from __future__ import annotations

from rich.cells import cell_len
from test_waybills import good_form

from depot_tui.models import Waybill
from depot_tui.services import waybills
from depot_tui.services.waybills.slip import slip_text


def test_the_required_remarks_are_on_the_waybill_whatever_the_screen_sent(clerk, tmp_path):
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


def test_the_months_figures_by_destination_clerk_and_payment(clerk, tmp_path):
    """001/002/004 ch.8, the month's business figures (业务统计): 张三 quotes two callers an hour
    before issuing, then issues the worked example twice (3 pieces, 120 kg, 0.5 m³, 197.00 each,
    cash, to 湘潭县) for the first caller. The figures grow by 2 waybills, 6 pieces, 240 kg, 1 m³
    and 394.00 by destination, by clerk and by payment, and by 2 quotes of which 1 was taken
    up. 李四, another clerk, sees only his own; every printed line fits 80 columns."""
    import datetime as dt
    from decimal import Decimal

    from depot_tui.models import Place, Quote
    from depot_tui.services import auth, clock, registers

    def lines(actor) -> dict[str, list]:  # noqa: ANN001
        return {row[0]: row for row in registers.build(actor, "figures", "", "").rows}

    before = lines(clerk)
    place = Place.get(Place.code == "430321")
    for phone in ("15018845523", "13900000001"):
        Quote.create(
            depot=clerk.depot_id,
            user=clerk.user_id,
            at=clock.now() - dt.timedelta(hours=1),
            customer_phone=phone,
            dest_place=place.id,
            goods_name="服装",
            pieces=3,
            weight_kg=Decimal("120"),
            volume_m3=Decimal("0.5"),
            amount=Decimal("197.00"),
        )
    for _ in range(2):
        waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    after = lines(clerk)

    def grew(key: str) -> list:
        old = before.get(key, [key, 0, 0, Decimal(0), Decimal(0), Decimal(0), 0, 0])
        return [(b or 0) - (a or 0) for a, b in zip(old[1:], after[key][1:], strict=True)]

    assert grew("湘潭县") == [2, 6, Decimal("240.00"), Decimal("1.000"), Decimal("394.00"), 2, 1]
    assert grew("张三")[:2] == [2, 6] and grew("张三")[5:] == [2, 1]
    assert grew("现付")[:2] == [2, 6]
    li = auth.login("lisi", "depot123", terminal="pytest", pid=2).actor
    assert "张三" not in lines(li)
    register = registers.build(clerk, "figures", "", "")
    printed = registers.text(register, "张三", clock.now())
    assert "【按到站】" in printed and all(cell_len(line) <= 80 for line in printed.splitlines())
