"""What the counter asks and records at intake (issue 26, items 1, 2, 4): the dangerous-goods
answer and orientation (R-1.2), goods refused or declared by category and the inspection mark
(R-1.4), confirmed numbers (R-2.2), damage at intake (R-2.4). Each test quotes the sheet's line.
A waybill without them leaves a shipper's lithium batteries undeclared, the loaders without an
orientation, and the night clerk unable to tell old damage from new."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from test_waybills import good_form

from depot_tui.models import ExceptionKind, OperationException, ProhibitedKeyword, Waybill
from depot_tui.services import auth, checks, goods, seed, waybills
from depot_tui.services.errors import FormError, ServiceError
from depot_tui.services.waybills.slip import slip_text


def _refusal(name: str, form) -> ServiceError:  # noqa: ANN001
    with pytest.raises(ServiceError) as caught:
        waybills.check_field(name, form, goods.seed_words())
    return caught.value


@pytest.mark.parametrize(
    "goods_name, category",
    [
        ("液化气罐", "gas_cylinder"),
        ("液化 气罐 2 个", "gas_cylinder"),  # spaces between the characters
        ("稀释剂", "solvent"),
        ("稀釋劑", "solvent"),  # traditional characters
        ("白色粉末", "unknown_chemical"),
        ("氢氧化钠（片碱）", "corrosive"),
        ("烧碱", "corrosive"),
        ("手机锂电池稀释剂", "solvent"),  # a refused category wins over a declared one
    ],
)
def test_the_goods_the_sheet_names_are_refused_with_their_category(goods_name, category):
    """R-1.4 "对易燃易爆、易污染、易泄漏、腐蚀性、放射性物品、违禁货物已经不能确定性质的化学物品
    拒绝办理托运业务": gas cylinders, thinners, an unknown white powder and caustic soda,
    as clerks and shippers write them, are refused at the goods field, the category in the
    message."""
    refused = _refusal("goods_name", good_form(goods_name=goods_name))
    assert (refused.field, refused.key, refused.params["category_key"]) == (
        "goods_name",
        "error.prohibited",
        f"category.{category}",
    )


@pytest.mark.parametrize(
    "goods_name, category",
    [
        ("锂电池", "lithium_battery"),
        ("锂 电池组", "lithium_battery"),
        ("Li-ion 电池", "lithium_battery"),
        ("鋰電池", "lithium_battery"),
        ("充电宝", "lithium_battery"),
        ("香水", "aerosol"),
        ("发胶喷雾", "aerosol"),
    ],
)
def test_lithium_batteries_perfume_and_aerosols_travel_only_declared(goods_name, category):
    """R-1.2 "是否危险品" and SOP 004 ch.1 2.1's dangerous-goods notice: these pass the goods
    field, but answering "no" to the hazard question is refused with their category, and
    "yes" declares them in it."""
    assert waybills.check_field("goods_name", good_form(goods_name=goods_name), goods.seed_words())
    refused = _refusal("hazard", good_form(goods_name=goods_name, hazard="no"))
    assert (refused.key, refused.params["category_key"]) == (
        "error.hazard_must_declare",
        f"category.{category}",
    )
    declared = waybills.check_field(
        "hazard", good_form(goods_name=goods_name, hazard="yes"), goods.seed_words()
    )
    assert declared == ("yes", category)


def test_the_hazard_question_is_answered_at_every_intake():
    """R-1.2 "了解客户所发货物的要求(指:…是否危险品…)": a form that never asked is refused at the
    hazard field; ordinary goods declared dangerous are refused too, since only the declared
    categories travel and the others are refused (R-1.4)."""
    assert _refusal("hazard", good_form(hazard="")).key == "error.hazard_unanswered"
    assert _refusal("hazard", good_form(hazard="yes")).key == "error.hazard_not_declarable"
    assert waybills.check_field("hazard", good_form(hazard="no"), []) == ("no", "")


def test_orientation_inspection_and_intake_damage_are_stored_and_printed(clerk, tmp_path):
    """R-1.2 "放置朝向", R-1.4 "对有疑问的货物及时开箱检查", R-2.4 "如发货方所发货物有破损,泄漏,变形
    等质量问题的及时和发货方说明": this way up, opened and looked at, a crushed corner told to
    the shipper: on the waybill and on the slip he signs, which stays inside 80 columns."""
    form = good_form(
        goods_name="手机锂电池",
        hazard="yes",
        orientation="up",
        inspection="opened",
        inspection_note="外箱开过，内件完好",
        intake_damage="一角压瘪" * 30,
    )
    issued = waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path)
    stored = Waybill.get(Waybill.number == issued.number)
    assert (stored.hazard, stored.hazard_category, stored.orientation) == ("yes", "lithium_battery", "up")
    assert (stored.inspection, stored.inspection_note) == ("opened", "外箱开过，内件完好")
    assert stored.intake_damage.startswith("一角压瘪")
    slip = slip_text(stored)
    assert "向上勿倒置" in slip and "已开箱查验：外箱开过，内件完好" in slip
    assert "收货时破损 一角压瘪" in slip and "危险品申报：手机锂电池，属锂电池" in slip
    assert max(cell_len(line) for line in slip.splitlines()) <= 80
    ordinary = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    assert "发货人声明：所托货物不含危险品及违禁品" in slip_text(
        Waybill.get(Waybill.number == ordinary.number)
    )


def test_a_note_is_kept_only_for_goods_opened(clerk, tmp_path):
    """R-1.4: sealed goods have nothing seen inside; a note typed before the mark was put back to
    sealed is not stored as if the goods had been opened."""
    form = good_form(inspection="sealed", inspection_note="看过了")
    assert waybills.check_field("inspection_note", form, []) == ""
    bad = _refusal("inspection", good_form(inspection="peeked"))
    assert (
        bad.key == "error.choice"
        and _refusal("orientation", good_form(orientation="x")).key == "error.choice"
    )


def test_confirmed_numbers_are_marked_on_the_slip(clerk, tmp_path):
    """R-2.2 "发货方收货方要求填写全名,联系电话确认": the consignee's number was called back, the
    shipper's was not; the slip says which."""
    issued = waybills.issue(
        clerk, good_form(consignee_phone_confirmed=True), shipper_confirmed=True, outbox=tmp_path
    )
    stored = Waybill.get(Waybill.number == issued.number)
    assert stored.consignee_phone_confirmed and not stored.shipper_phone_confirmed
    slip = slip_text(stored)
    assert "19973285431（已核实）" in slip and "15018845523（已核实）" not in slip


def test_a_goods_name_corrected_into_a_declared_category_is_refused(clerk, tmp_path):
    """R-2.13 corrections and R-1.2: changing 服装 to 锂电池 after issue would carry goods the
    shipper never declared; the correction is refused, the waybill stays as it was."""
    number = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    with pytest.raises(FormError) as caught:
        waybills.correct(clerk, number, {"goods_name": "锂电池"}, "客户说是电池", outbox=tmp_path)
    assert caught.value.key == "error.correct_undeclared"
    assert Waybill.get(Waybill.number == number).goods_name == "服装"


def test_the_seeded_list_is_whole_and_each_category_has_an_outcome():
    """R-1.4's categories and the common goods they cover: every seeded word names a known
    category, none twice, and each category is refused or declared (goods.OUTCOMES)."""
    words = goods.seed_words()
    assert len(words) == len({w for w, _ in words}) > 100
    assert {c for _, c in words} <= set(goods.CATEGORIES)
    assert {c for c, o in goods.OUTCOMES.items() if o == "declare"} == {"lithium_battery", "aerosol"}
    assert all(len(checks.folded(w)) >= 2 for w, _ in words)  # one character would refuse 酱油


def test_a_new_database_has_the_list_and_a_switched_off_word_stays_off(demo_db, clerk):
    """R-1.4, supervisors extend the list: installing the reference data again (a new release)
    adds nothing twice and turns back on nothing a supervisor turned off."""
    assert ProhibitedKeyword.select().count() == len(goods.seed_words())
    ProhibitedKeyword.update(active=False).where(ProhibitedKeyword.word == "香水").execute()
    admin = auth.login("admin", "depot123", terminal="pytest", pid=1).actor
    seed.install_reference_data(admin)
    assert ProhibitedKeyword.select().count() == len(goods.seed_words())
    assert not ProhibitedKeyword.get(ProhibitedKeyword.word == "香水").active


def test_damage_noted_at_intake_is_named_at_the_arrival_check(demo_db):
    """R-2.4 "…及时和发货方说明" read at the other end: a piece of a waybill whose damage was
    noted at intake, marked damaged at the arrival check, says so, and so does the exception
    report, so the night clerk and the supervisor can tell it from damage on the way."""
    from support import cs_truck_on_board

    from depot_tui.services import arrival, auth

    clerk = auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
    truck, on_board = cs_truck_on_board()
    first = on_board[0]
    Waybill.update(intake_damage="外箱一角压瘪").where(Waybill.id == first.waybill_id).execute()
    check = arrival.start(clerk, truck.id)
    for piece in on_board:
        arrival.scan(clerk, check.id, piece.label)
    marked = arrival.mark_damaged(clerk, check.id, first.label, "压瘪加重")
    assert marked.key == "arr.damaged_marked_known" and marked.params["intake"] == "外箱一角压瘪"
    arrival.finish(clerk, check.id)
    report = OperationException.get(
        (OperationException.kind == ExceptionKind.DAMAGED) & (OperationException.waybill == first.waybill_id)
    )
    assert "收货时已记破损：外箱一角压瘪" in report.description
