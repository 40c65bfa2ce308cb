"""The counter's duties as the rule sheet lists them (issue 26), each test quoting the line it
implements. A waybill that leaves without the remark the sheet requires leaves the company the
damage it said it would not pay for."""

from __future__ import annotations

import pytest
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


def test_real_name_uploads_are_counted_and_a_short_shift_proposes_fault_21(clerk, tmp_path):
    """R-2.18 "云递安APP上传,每天至少5条以上" and fault 21 "未按要求上传云递安APP扣1分/天": 张三
    marks five waybills uploaded (by number, and one by a piece's label); a sixth is refused
    as marked already, a number from another depot as not issued here. Home counts 5 / 5.
    His shift of the day before (the demo's), with two uploads, is proposed as F21 once when the
    supervisor's queue gathers; today's shift, once over with five, is not."""
    import datetime as dt

    from depot_tui.models import Piece, RealNameUpload, ScoreEvent, ScoreRule, Shift
    from depot_tui.services import auth, clock, scoring, uploads
    from depot_tui.services.errors import ServiceError

    numbers = [
        waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number for _ in range(7)
    ]
    for number in numbers[:4]:
        uploads.mark(clerk, number)
    label = Piece.select().join(Waybill).where(Waybill.number == numbers[4]).first().label
    assert uploads.mark(clerk, label.lower()).number == numbers[4]
    with pytest.raises(ServiceError) as caught:
        uploads.mark(clerk, numbers[0])
    assert (caught.value.key, caught.value.field) == ("error.upload_twice", "number")
    other = Waybill.select().where(Waybill.origin_depot != clerk.depot_id).first()
    with pytest.raises(ServiceError) as caught:
        uploads.mark(clerk, other.number)
    assert caught.value.key == "error.upload_unknown"
    assert uploads.today(clerk) == uploads.Today(5, 5, 5)

    zhang = clerk.user_id
    start = clock.now().replace(hour=8, minute=0) - dt.timedelta(days=1)
    yesterday = Shift.get((Shift.user == zhang) & (Shift.planned_start == start))  # the demo's
    for number in numbers[5:]:  # two more, uploaded (as the app's export says) yesterday
        uploads.mark(clerk, number)
    for n, number in enumerate(numbers[5:]):
        RealNameUpload.update(at=yesterday.planned_start + dt.timedelta(hours=n + 1)).where(
            RealNameUpload.waybill == Waybill.get(Waybill.number == number).id
        ).execute()
    chen = auth.login("chenjing", "depot123", terminal="pytest", pid=3).actor
    clock.fix(clock.now().replace(hour=21))  # today's early shift is over too
    scoring.queue(chen)
    scoring.queue(chen)
    short = list(
        ScoreEvent.select().join(ScoreRule).where((ScoreRule.code == "F21") & (ScoreEvent.user == zhang))
    )
    assert [e.shift_id for e in short] == [yesterday.id]
    assert short[0].note.startswith("实名上传 2 票，少于 5 票")


def test_the_real_name_apps_export_is_read_whole_or_not_at_all(clerk, tmp_path):
    """The app's daily export (GB18030 CSV, as Excel in China saves it): a row naming a waybill
    another depot issued refuses the whole file, naming the row; put right, both rows are read
    with their times, and reading the file again adds nothing."""
    import datetime as dt

    from depot_tui.models import RealNameUpload
    from depot_tui.services import uploads
    from depot_tui.services.errors import ServiceError

    mine = [
        waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number for _ in range(2)
    ]
    other = Waybill.select().where(Waybill.origin_depot != clerk.depot_id).first().number
    export = tmp_path / "云递安导出.csv"
    export.write_bytes(
        f"运单号,上传时间\n{mine[0]},2026-11-23 10:05\n{other},2026-11-23 10:06\n".encode("gb18030")
    )
    with pytest.raises(ServiceError) as caught:
        uploads.import_file(clerk, str(export), tmp_path)
    assert (caught.value.key, caught.value.params["row"]) == ("error.upload_row", 3)
    assert not RealNameUpload.select().exists()
    export.write_bytes(
        f"运单号,上传时间\n{mine[0]},2026-11-23 10:05\n{mine[1]},2026-11-23 10:06\n".encode("gb18030")
    )
    assert uploads.import_file(clerk, export.name, tmp_path) == uploads.ImportedUploads(2, 0)
    assert uploads.import_file(clerk, export.name, tmp_path) == uploads.ImportedUploads(0, 2)
    assert {u.at for u in RealNameUpload.select()} == {
        dt.datetime(2026, 11, 23, 10, 5),
        dt.datetime(2026, 11, 23, 10, 6),
    }
