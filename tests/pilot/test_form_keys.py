"""The waybill form's last steps as the clerk and the shipper meet them: the slip they read,
Enter on the last field, Esc on a form holding only a destination."""

from __future__ import annotations

from decimal import Decimal

from support import burst, open_waybill_form, type_worked_example, wait_for
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.screens.dialogs import ConfirmScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.lookup import LookupScreen
from depot_tui.screens.waybill.slip import SlipScreen

SIZE = (80, 24)


async def test_the_slip_reads_as_lines_and_enter_on_the_last_field_shows_it(demo_config):
    """Enter on 备注, the last field, does the form's main action (the slip, as F10): it
    jumped back to 到站, where the next thing typed overwrote the unsaved waybill. The slip
    shows one line per line of the paper: it was one run-on block with ␊ marks."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        await type_worked_example(pilot)
        assert app.focused is screen.query_one("#remarks")
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SlipScreen))
        slip = str(app.screen.query_one("#slip-text", Static).render())
        assert "␊" not in slip
        assert len(slip.splitlines()) > 8 and any("湘潭县" in line for line in slip.splitlines())


async def test_esc_on_a_form_holding_only_a_destination_asks_first(demo_config):
    """A destination typed but not yet chosen is typed input: Esc asks before throwing it
    away (it went home without asking and kept no draft)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        await burst(pilot, *"湘潭")
        await burst(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await burst(pilot, "escape")  # no: back to the form, the text still there
        assert app.screen is screen and screen.query_one("#destination").value == "湘潭"
        await burst(pilot, "escape", "enter")  # yes, throw it away
        assert isinstance(app.screen, HomeScreen)


async def test_the_one_priced_place_of_an_initialism_is_taken_at_once(demo_config):
    """xtx, ylq, csx: of the counties so initialled only one has a price from GZ; Enter takes
    it and moves on, and says the others are on F9. The list opened every time, and 3 waybills
    in 10 paid a look and an Enter for a place that could not be priced anyway."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        for typed in ("xtx", "ylq", "csx"):
            destination = screen.query_one("#destination")
            destination.focus()
            destination.value = ""
            await burst(pilot, *typed, "enter")
            assert app.screen is screen, typed  # no list
            assert screen.dest is not None and screen.dest.priced, typed
            assert app.focused is screen.query_one("#consignee_phone"), typed
            assert "F9" in str(screen.query_one("#form-message", Static).render())
        await burst(pilot, "shift+tab", "f9")  # back on the destination: the others, listed
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert "csx" in app.screen.query_one("#lookup-text").value


async def test_a_known_customer_does_not_hide_a_refusal(demo_config):
    """Prohibited goods are refused at their field; then a known consignee's phone fills the
    name: the refusal stays on the message line (the 老客户 line replaced it)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        screen.query_one("#goods_name").focus()
        await burst(pilot, *"烟花爆竹", "enter")
        assert "违禁" in str(screen.query_one("#form-message", Static).render())
        screen.query_one("#consignee_phone").focus()
        await burst(pilot, *"19973285431", "enter")
        assert screen.query_one("#consignee_name").value == "李卫东"  # filled in all the same
        assert "违禁" in str(screen.query_one("#form-message", Static).render())


async def test_text_past_a_fields_limit_rings_once_and_says_so(demo_config, monkeypatch):
    """Issue 21, finding 6: 300 characters typed into the consignee's name (60 at most) rang
    the bell 240 times and were cut without a word; a paste past the limit put nothing in. Now
    the first 60 go in, the bell rings once, and the message line says the limit; a paste puts
    in what fits and says the same."""
    from support import burst, open_waybill_form, screen_text
    from textual import events

    from depot_tui.app import DepotApp

    bells: list[int] = []
    app = DepotApp(demo_config)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "bell", lambda: bells.append(1))
        form = await open_waybill_form(pilot)
        name = form._w["consignee_name"]
        name.focus()
        await burst(pilot, *("李" * 300))
        assert name.value == "李" * 60 and len(bells) == 1
        assert "此项最多 60 个字" in screen_text(app)
        packaging = form._w["packaging"]
        packaging.focus()
        await pilot.pause()
        packaging.post_message(events.Paste("[link=http://x]y[/link] 加固木箱"))
        await pilot.pause(0.2)
        assert packaging.value == "[link=http://x]y[/li" and len(bells) == 2


async def test_in_english_the_parties_line_up_and_the_total_line_fits_80_columns(demo_config):
    """Issue 21, finding 11: in English the consignee's and shipper's rows did not line up, and
    the below-table warning ran past column 80. The phones and the names start in one column
    each; the total line, with an agreed price and the below-table warning, fits."""
    from rich.cells import cell_len
    from support import burst, open_waybill_form

    from depot_tui.app import DepotApp
    from depot_tui.i18n import set_language

    set_language("en")
    try:
        app = DepotApp(demo_config)
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_waybill_form(pilot)
            w = form._w
            assert w["consignee_phone"].region.x == w["shipper_phone"].region.x
            assert w["consignee_name"].region.x == w["shipper_name"].region.x
            await burst(pilot, *"xtx", "enter")
            await pilot.pause(0.3)
            form.discount = Decimal("0.9")
            w["weight"].focus()
            await burst(pilot, *"120", "enter")
            w["freight"].focus()
            await burst(pilot, *"50", "enter")
            await pilot.pause(0.2)
            line = str(form.query_one("#total-line").render())
            assert "agreed ×0.9" in line and "Below table" in line
            assert cell_len(line.rstrip()) <= 78, line
    finally:
        set_language("zh")


async def test_a_digit_in_the_weight_and_its_total_are_drawn_in_the_same_frame(demo_config):
    """Issue 21: the total reached the terminal 20 ms after the digit on a loaded core, because
    the form repriced on Input.Changed, a message after the key. The total is now repriced in
    the key press itself: right after the character goes in, before any other message is
    handled, the total line already says the new figure."""
    from depot_tui.app import DepotApp

    app = DepotApp(demo_config)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_waybill_form(pilot)
        await burst(pilot, *"xtx", "enter")
        await wait_for(pilot, lambda: form.rates is not None)
        weight = form._w["weight"]
        weight.focus()
        await burst(pilot, *"10")
        total = form.query_one("#total-line", Static)
        assert "30.00" in str(total.render())  # the minimum charge
        weight.insert_text_at_cursor("0")  # 100 kg: no message handled after this
        assert "90.00" in str(total.render())  # 100 x 0.90, already
