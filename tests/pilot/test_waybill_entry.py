"""Waybill entry (F2) as a clerk types it: keys only, from an empty form to an issued waybill."""

from __future__ import annotations

from decimal import Decimal

from support import burst, slip_up, type_worked_example
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import AuditLog, Piece, ReturnReceipt, Waybill, WaybillDraft, database_proxy
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.waybill import WaybillScreen
from depot_tui.screens.waybill.slip import SlipScreen
from depot_tui.services import waybills

SIZE = (80, 24)


async def open_form(pilot) -> WaybillScreen:
    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    for _ in range(60):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, HomeScreen):
            break
    await pilot.press("f2")
    for _ in range(60):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, WaybillScreen) and screen.index is not None:
            return screen
    raise AssertionError("the waybill form did not open")


def message(screen) -> str:
    return str(screen.query_one("#form-message", Static).render())


async def test_a_complete_waybill_by_keys_alone(demo_config, tmp_path):
    """Lookup by pinyin, repeat customers by phone, insured, upstairs delivery, a receipt: if
    any step needs a mouse or lands in the wrong field, the totals or the stored rows differ."""
    demo_config = type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path / "outbox"})
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await type_worked_example(pilot)
        form = screen.current_form()
        assert (form.destination, form.consignee_name, form.shipper_name) == ("430321", "李卫东", "黄丽华")
        assert form.remarks == "" and screen.auto_remarks == ["保丢不保损"]  # shown beside the field
        assert form.delivery == "upstairs" and form.receipt_copies == "1"
        assert "合计 197.00 元" in str(screen.query_one("#total-line", Static).render())
        await pilot.press("f10")
        await slip_up(pilot)  # the shipper checks it first
        await pilot.press("f10")
        for _ in range(40):
            await pilot.pause(0.05)
            if "已开单" in message(screen):
                break
        assert "已开单" in message(screen) and "197.00" in message(screen)
        assert screen.current_form().is_blank()  # ready for the next shipper
    with database_proxy.connection_context():
        waybill = Waybill.select().order_by(Waybill.id.desc()).get()
        assert waybill.total == Decimal("197.00") and waybill.delivery_address.endswith("3楼")
        assert waybill.remarks == "保丢不保损"
        labels = [p.label for p in Piece.select().where(Piece.waybill == waybill.id)]
        assert len(labels) == 3 and ReturnReceipt.get(ReturnReceipt.waybill == waybill.id).copies == 1
        assert AuditLog.get((AuditLog.entity_id == waybill.number) & (AuditLog.action == "waybill.issue"))
    zpl = (tmp_path / "outbox" / f"labels-{waybill.number}.zpl").read_text(encoding="utf-8")
    assert all(label in zpl for label in labels)
    assert (tmp_path / "outbox" / f"slip-{waybill.number}.txt").exists()


async def test_f10_pressed_twice_shows_the_slip_and_waits_for_the_shipper(demo_config, tmp_path):
    """An impatient clerk taps F10 twice. The second tap must not issue the waybill behind a
    slip the shipper has not had time to read, nor cancel the first (the form then did nothing
    at all): the slip stays up and says so, and a later F10 issues."""
    demo_config = type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path / "outbox"})
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await type_worked_example(pilot)
        # Where the example leaves the cursor: on 备注, the slip not yet asked for (an Enter
        # there would show it, and an F10 half a second later would issue).
        assert app.screen is screen and app.focused is screen.query_one("#remarks"), message(screen)
        with database_proxy.connection_context():
            before = Waybill.select().count()
        await pilot.press("f10", "f10")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, SlipScreen):
                break
        await pilot.pause(0.1)
        slip = app.screen
        assert isinstance(slip, SlipScreen), message(screen)
        assert "先核对" in str(slip.query_one("#slip-keys", Static).render())
        with database_proxy.connection_context():
            assert Waybill.select().count() == before  # nothing issued behind the slip
        await pilot.pause(SlipScreen.LOOK_S)
        await pilot.press("f10")
        for _ in range(40):
            await pilot.pause(0.05)
            if "已开单" in message(screen):
                break
        assert "已开单" in message(screen)
        with database_proxy.connection_context():
            assert Waybill.select().count() == before + 1


async def test_a_wrong_field_is_named_and_nothing_typed_is_lost(demo_config):
    """A volume of 3000 m³ (the declared value typed one field early): the message names the
    field, F10 refuses and puts the cursor there, and every other field keeps its value."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await pilot.press(*"xtx", "enter")  # 湘潭县, the one place priced from here
        await pilot.pause(0.2)
        await pilot.press(*"19973285431", "enter")
        await pilot.pause(0.3)
        await pilot.press("enter", *"15018845523", "enter")
        await pilot.pause(0.3)
        await pilot.press(
            "enter", *"服装", "enter", "3", "enter", "enter", "enter", "n", "enter", "enter", "enter"
        )
        await pilot.press(*"120", "enter", *"3000", "enter")
        await pilot.pause(0.1)
        assert message(screen).startswith("体积m³：太大")
        await pilot.press("f10")
        await pilot.pause(0.3)
        assert app.focused.id == "volume" and not isinstance(app.screen, SlipScreen)
        form = screen.current_form()
        assert (form.goods_name, form.pieces, form.weight, form.volume) == ("服装", "3", "120", "3000")


async def test_prohibited_goods_are_refused_at_the_field(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        for _ in range(5):
            await pilot.press("enter")
        await pilot.press(*"汽油桶", "enter")
        await pilot.pause(0.1)
        assert "违禁品拒收：汽油（易燃）" in message(screen)


async def test_typing_repaints_the_field_only_and_long_text_still_scrolls(demo_config):
    """Each key in a field must not lay out the whole form again (on a thin terminal the clerk
    sees every key echo late: that layout was most of a keystroke's time). And an address
    longer than its field still scrolls, so the clerk sees the end being typed and the
    cursor, not the first 40 characters with the rest typed blind."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        screen._w["weight"].focus()
        await pilot.pause(0.1)
        layouts = 0
        real = screen._refresh_layout

        def counting(*args, **kwargs):
            nonlocal layouts
            layouts += 1
            return real(*args, **kwargs)

        screen._refresh_layout = counting
        await pilot.press(*"1234.5")
        screen._w["consignee_phone"].focus()
        await pilot.pause(0.1)
        layouts = 0
        await pilot.press(*"1997328")  # each digit said whether the number is confirmed (✓)
        screen._refresh_layout = real
        assert screen._w["weight"].value == "1234.5" and layouts == 0

        address = screen._w["address"]
        address.disabled = False
        address.focus()
        text = "湖南省湘潭市湘潭县易俗河镇建设路8号金桂苑小区3栋2单元1201室"  # 72 cells, field 40
        await pilot.press(*text)
        await pilot.pause(0.1)
        shown = "".join(segment.text for segment in address.render_line(0))
        assert address.value == text and address.scroll_x > 0
        assert "1201室" in shown and "湖南省" not in shown


async def test_a_dropped_link_keeps_the_draft_and_it_comes_back(demo_config):
    """SIGHUP mid-form (the SSH link drops): the half-typed waybill is saved, and at the next
    login the clerk is offered it back with every field as typed."""
    import signal

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press(*"xtx", "enter")  # 湘潭县, the one place priced from here
        await pilot.pause(0.2)
        await pilot.press(*"19973285431", "enter")
        await pilot.pause(0.3)
        app.hard_exit = lambda code: app.exit(return_code=code)  # not this test's own process
        app._hang_up(signal.SIGHUP)
        await pilot.pause(0.2)
    with database_proxy.connection_context():
        assert WaybillDraft.select().count() == 1
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await pilot.pause(1.0)
        await pilot.press("enter")  # "continue it now?" yes
        for _ in range(40):
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, WaybillScreen) and screen.current_form().consignee_phone:
                break
        form = app.screen.current_form()
        assert (form.destination, form.consignee_phone, form.consignee_name) == (
            "430321",
            "19973285431",
            "李卫东",
        )


async def test_throwing_a_form_away_also_drops_its_kept_draft(demo_config):
    """A restored draft the clerk throws away (an F-key to another screen, confirmed) must not
    be offered again at the next login, or a waybill the shipper cancelled comes back."""
    from depot_tui.services import auth, waybills

    with database_proxy.connection_context():
        actor = auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
        waybills.save_draft(actor, waybills.WaybillForm(consignee_name="李卫东", pieces="3"))
        auth.logout(actor)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await pilot.pause(1.0)
        await pilot.press("enter")  # continue the draft
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, WaybillScreen) and app.screen.current_form().pieces == "3":
                break
        await pilot.press("f3")
        await pilot.pause(0.2)
        await pilot.press("enter")  # yes, throw it away
        await pilot.pause(0.3)
    with database_proxy.connection_context():
        assert WaybillDraft.select().count() == 0


async def test_f9_on_the_goods_shows_the_list_and_a_supervisor_extends_it(demo_config):
    """At the counter the clerk asks "is this allowed?": F9 on the goods name shows the list.
    A supervisor adds a keyword from there by keys alone, and the form refuses the goods at
    once; without the reload the form would accept them until the next login."""
    from depot_tui.screens.waybill.keywords import KeywordScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"chenjing", "enter", *"depot123", "enter")
        for _ in range(60):
            await pilot.pause(0.05)
            if isinstance(app.screen, HomeScreen):
                break
        await pilot.press("f2")
        for _ in range(60):
            await pilot.pause(0.05)
            if isinstance(app.screen, WaybillScreen) and app.screen.index is not None:
                break
        form = app.screen
        await pilot.press(*["enter"] * 5, *"管道通渠剂", "f9")
        await pilot.pause(0.3)
        assert isinstance(app.screen, KeywordScreen)
        await pilot.press("enter", *"通渠剂", "enter", "5", "f10")
        await pilot.pause(0.3)
        assert "已添加：通渠剂（腐蚀）" in str(app.screen.query_one("#kw-message", Static).render())
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert app.screen is form and form._w["goods_name"].value == "管道通渠剂"
        assert "违禁品拒收：通渠剂（腐蚀）" in message(form)


async def test_a_clerk_reads_the_list_but_cannot_change_it(demo_config):
    """A clerk's F9 list shows 汽油 as flammable; F10 there adds nothing (and the service
    would refuse it anyway)."""
    from depot_tui.models import ProhibitedKeyword
    from depot_tui.screens.waybill.keywords import KeywordScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press(*["enter"] * 5, *"汽", "f9")
        await pilot.pause(0.3)
        keywords = app.screen
        assert isinstance(keywords, KeywordScreen) and not keywords.query("#kw-word")
        rows = [str(o.prompt) for o in keywords.query_one("#kw-list").options]
        assert any("汽油" in row and "易燃" in row for row in rows)
        await pilot.press("f10")
        await pilot.pause(0.2)
    with database_proxy.connection_context():
        assert ProhibitedKeyword.select().where(ProhibitedKeyword.added_by.is_null(False)).count() == 0


async def test_a_clerks_remark_comes_after_the_required_ones_never_glued_to_them(demo_config):
    """Issue 21, finding 5: the clerk types her own remark first, then gives the answers that
    call for remarks (held, fragile, insured). The form keeps her text as typed and shows the
    required ones beside it; the waybill carries the required ones in R-2's order, then hers.
    Before, they shared the field: ABC等通知放货, or an empty first item (；等通知放货；ABC)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        screen._w["remarks"].focus()
        await burst(pilot, *"ABC")
        screen._w["hold"].focus()
        await burst(pilot, "y")
        screen._w["fragile"].focus()
        await burst(pilot, "y")
        screen._w["declared_value"].focus()
        await burst(pilot, *"3000", "enter")
        form = screen.current_form()
        assert form.remarks == "ABC"
        assert screen.auto_remarks == ["货损自负", "保丢不保损", "等通知放货"]
        assert "＋货损自负；保丢不保损；等通知放货" in str(screen.query_one("#auto-remarks", Static).render())
    values = {"fragile": True, "packaging": "纸箱", "declared_value": Decimal("3000"), "hold": True}
    assert waybills.with_remarks({**values, "remarks": "ABC"}) == "货损自负；保丢不保损；等通知放货；ABC"
    assert (
        waybills.with_remarks({**values, "remarks": "；等通知放货；ABC"})
        == "货损自负；保丢不保损；等通知放货；ABC"
    )
