"""Work the app spares a thin machine and a slow link. F2's opening: each widget is styled
once, as it is mounted (Textual also restyled every widget of a newly pushed screen at its first
ScreenResume, and styled every Field as it was made, before it was in the DOM: a fifth of
F2's opening time, which a clerk waits through at every waybill). Scrolls: they jump, where a
glide sent every frame down the link. The garbage collector: tuned, so a full collection does
not stop a burst of typing. An app that ends: its database threads and connections go."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
import types
import weakref

import pytest
from support import burst, log_in_as, open_waybill_form, slip_up, wait_for
from textual.worker import WorkerState

from depot_tui import cli, driver
from depot_tui.app import DepotApp
from depot_tui.screens.waybill import WaybillScreen
from depot_tui.widgets.fields import Field

SIZE = (80, 24)


def _count_restyles(app: DepotApp) -> list[int]:
    """How many nodes each call to the stylesheet's update_nodes restyles, from now on."""
    sizes: list[int] = []
    update_nodes = app.stylesheet.update_nodes

    def counted(nodes, animate=False):  # noqa: ANN001, ANN202
        nodes = list(nodes)
        sizes.append(len(nodes))
        return update_nodes(nodes, animate=animate)

    app.stylesheet.update_nodes = counted  # type: ignore[method-assign]
    return sizes


@pytest.mark.sqlite_only("Textual's styling, whatever the database")
async def test_f2_opens_without_restyling_the_form_it_has_just_styled(demo_config):
    """F2 opens with no restyle of the whole form (85 widgets), and a Field made while the
    app runs is styled when it is mounted, not before: its compact one-row look is there."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        sizes = _count_restyles(app)
        field = Field(value="x", max_length=5)
        assert sizes == []
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillScreen) and app.screen.index is not None)
        assert max(sizes, default=0) < 10, sizes
        await app.screen.mount(field)
        await pilot.pause()
        assert field.has_class("-textual-compact") and field.outer_size.height == 1


@pytest.mark.sqlite_only("Textual's animations, whatever the database")
def test_scrolls_jump_unless_the_environment_asks_for_glides(demo_config, monkeypatch):
    """F1's help on F5 read to its end and back sent 24.3 KB to the terminal gliding and 7.1 KB
    jumping (3 s and 0.9 s on a 64 kbit/s link): the app starts with Textual's animations off.
    A site with a fast link may set TEXTUAL_ANIMATIONS and have them as it says."""
    assert DepotApp(demo_config).animation_level == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")
    assert DepotApp(demo_config).animation_level == "full"


def _threads_since(before: set[threading.Thread]) -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread not in before]


def test_an_app_that_ends_takes_its_database_threads_and_connections_with_it(demo_config):
    """A session that ends leaves none of its database threads behind, nor the app: each
    thread kept its connection open (on PostgreSQL, a server process) and, through the stderr
    it was started under (Textual's print capture), the whole app. In the test suite that was
    an app, its screens and 1-4 connections per test, a worker's heap growing by 15-40,000
    objects a test."""
    before = set(threading.enumerate())

    async def session() -> weakref.ref[DepotApp]:
        app = DepotApp(demo_config)
        async with app.run_test(size=SIZE) as pilot:
            await log_in_as(pilot, "zhangsan")  # service calls: the app's threads are running
            assert any(thread.name.startswith("depot-db") for thread in _threads_since(before))
        return weakref.ref(app)

    # An event loop of its own, closed at the end, as a clerk's process ends: what the loop
    # still had scheduled (and the contexts it ran them in) holds the app until then.
    ended = asyncio.run(session())
    for _ in range(100):
        if not _threads_since(before):
            break
        time.sleep(0.02)
    assert _threads_since(before) == []
    gc.collect()
    assert ended() is None


@pytest.mark.sqlite_only("the app's threads, whatever the database")
async def test_work_asked_of_the_database_after_the_app_ended_is_cancelled_not_a_bug(demo_config):
    """A worker that asks for the database after the app has let its threads go (the sessions
    sweep's timer fired as a clerk logged out) is cancelled. It raised "cannot schedule new
    futures after shutdown", and the fault path, looking for a screen to say it on, found none
    and raised again: a traceback as the clerk's session ended."""
    ran = []
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        app.on_unmount()  # the threads go, as when the app ends
        worker = app.sweep_sessions()
        await wait_for(pilot, lambda: worker.is_finished)
        assert worker.state == WorkerState.CANCELLED
        with pytest.raises(asyncio.CancelledError):
            await app.call(ran.append, 1)
        app.show_fault("said on the screen")  # with a screen: said there, as before
    assert ran == [] and app._exception is None
    app.show_fault("the app has ended")  # no screen left: not an error


@pytest.mark.sqlite_only("the collector's settings, whatever the database")
def test_the_app_runs_with_the_collector_tuned(demo_config, monkeypatch):
    """The clerk's session runs with what was loaded at start frozen and the youngest
    collection every 10,000 allocations: with Python's defaults a full collection over the
    app's objects stopped a burst of typing for 37-68 ms every few waybills
    (tests/bench/gc_pauses.py)."""
    seen = {}

    def run(_app: DepotApp) -> None:
        seen.update(threshold=gc.get_threshold()[0], frozen=gc.get_freeze_count())

    gc.unfreeze()
    gc.set_threshold(700, 10, 10)  # Python's defaults, as a process starts
    try:
        terminal = types.SimpleNamespace(isatty=lambda: True)
        monkeypatch.setattr(sys, "stdin", terminal)
        monkeypatch.setattr(sys, "stdout", terminal)
        monkeypatch.setattr(driver, "prepare", lambda *_args: None)
        monkeypatch.setattr(DepotApp, "run", run)
        assert cli._run_app(demo_config) == 0
    finally:
        cli.steady_gc()  # as the suite runs (conftest)
    assert seen["threshold"] == cli.GC_YOUNGEST and seen["frozen"] > 10_000, seen


@pytest.mark.sqlite_only("Textual's layouts, whatever the database")
async def test_a_dialog_opens_without_laying_out_the_form_under_it_again(demo_config):
    """F1's help (or the slip, or any dialog) over F2 did not lay the form under it out again:
    Textual answered the Resize a screen's own first layout sends it with a layout of the
    dialog and of the form, 85 widgets, between the key and the dialog on the terminal. A
    real resize still lays out both at the new size, or the form would be drawn at the old
    one under the dialog and after it closes."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        await pilot.pause(0.1)
        layouts: list[object] = []
        form.screen_layout_refresh_signal.subscribe(form, layouts.append)
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen is not form)
        await pilot.pause(0.2)
        dialog = app.screen
        assert layouts == [] and dialog.outer_size == (80, 24)
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: form.outer_size == (100, 30) and dialog.outer_size == (100, 30))
        assert layouts


@pytest.mark.sqlite_only("Textual's painting, whatever the database")
async def test_a_frame_held_back_goes_to_the_terminal_as_the_hold_ends(demo_config):
    """A burst's frame (the slip after a waybill typed in one go, a scan's OK with its
    emptied field) is painted as the hold on painting ends. Textual paints from a 60 Hz
    timer, and one that had ticked within the last 17 ms waited for its next tick: the slip
    reached the clerk's terminal up to a frame after it was ready."""
    from textual.widgets import Static

    from depot_tui.typeahead import paint_now

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        shown: list[object] = []
        display = app._display
        app._display = lambda screen, update: (shown.append(update), display(screen, update))  # type: ignore[method-assign]
        line = Static("before")
        await app.screen.mount(line)
        await pilot.pause(0.1)
        shown.clear()
        with app.batch_update():
            line.update("after")
            await pilot.pause(0.05)  # the screen has taken the change in, and held it
            assert shown == []
        paint_now(app)
        assert [update for update in shown if update is not None]


@pytest.mark.sqlite_only("Textual's styling, whatever the database")
async def test_a_field_styled_from_memory_looks_as_the_stylesheet_says(demo_config):
    """Moving the focus restyles a field from how it looked the last time it was in that state
    (restyle.py), not from the whole stylesheet: a wrong memory would show the clerk the
    cursor's field unmarked, or two fields marked. Tabbing through F2's form twice, then again
    after the theme changes: the second time round no field is matched against the stylesheet,
    and every field and choice the focus leaves or reaches has the styles Textual works out
    afresh."""
    from depot_tui.widgets.choice import Choice

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        steps = len(form.focus_chain)
        matched: list[object] = []
        apply = app.stylesheet.apply

        def counted(node, **kwargs):  # noqa: ANN001, ANN003, ANN202
            matched.append(node)
            return apply(node, **kwargs)

        app.stylesheet.apply = counted  # type: ignore[method-assign]

        def as_styled(node) -> tuple:  # noqa: ANN001
            return node.styles.base.get_rules(), {k: s.get_rules() for k, s in node._component_styles.items()}

        for round_ in ("first", "from memory", "new theme"):
            if round_ == "new theme":
                app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
                await pilot.pause(0.2)
            matched.clear()
            for _ in range(steps):
                left = app.focused
                await pilot.press("tab")
                for node in (left, app.focused):
                    if isinstance(node, Field | Choice):
                        remembered = as_styled(node)
                        apply(node)  # what the stylesheet says, worked out afresh
                        assert as_styled(node) == remembered, (round_, node.id)
            fields = [node for node in matched if isinstance(node, Field | Choice)]
            assert (fields == []) is (round_ == "from memory"), (round_, len(fields))


@pytest.mark.sqlite_only("Textual's painting, whatever the database")
async def test_the_key_bar_is_worked_out_when_painted_not_at_each_focus_move(demo_config):
    """Twelve Enters typed in one burst move the focus twelve times and paint once: the key
    bar is worked out for that paint, not for each move (3-5 ms of a burst's time), and
    shows the keys of where the cursor ended up."""
    from depot_tui.widgets.keybar import KeyBar

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_waybill_form(pilot)
        bar = app.screen.query_one(KeyBar)
        await pilot.pause(0.1)
        worked: list[object] = []
        work_out = bar._work_out
        bar._work_out = lambda: (worked.append(app.focused), work_out())  # type: ignore[method-assign]
        await burst(pilot, *["enter"] * 12)
        assert app.focused is not app.screen.query_one("#destination") and 1 <= len(worked) <= 3, worked
        assert "F10" in bar.render().plain


@pytest.mark.sqlite_only("Textual's painting, whatever the database")
async def test_the_next_waybills_slip_goes_to_the_terminal_in_one_frame(demo_config, monkeypatch):
    """The slip shown again with the next waybill's text: Textual painted what the new text
    moved, then the whole screen again, two frames between the clerk's F10 and the slip."""
    from support import type_worked_example

    from depot_tui import typeahead
    from depot_tui.screens.waybill.slip import SlipScreen

    # The frame is held until the slip is up, however slow the preview on a loaded machine
    # (past PAINT_AFTER_S the form's own frame goes out first, and the slip's paint then
    # follows its layout's messages as they come).
    monkeypatch.setattr(typeahead, "PAINT_AFTER_S", 2.0)

    app = DepotApp(demo_config)
    frames: list[object] = []
    display = app._display

    def slip_frames(screen, update) -> None:  # noqa: ANN001
        if isinstance(screen, SlipScreen) and update is not None and update.render_segments(app.console):
            frames.append(update)
        display(screen, update)

    app._display = slip_frames  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        for waybill in (1, 2):
            await type_worked_example(pilot)
            form._w["pieces"].value = str(waybill)
            frames.clear()
            await burst(pilot, "end", "f10")  # F10 typed ahead, as at the end of a burst
            await slip_up(pilot)
            assert len(frames) == 1 or waybill == 1, frames
            await burst(pilot, "f10")
            await wait_for(pilot, lambda: app.screen is form and form.current_form().is_blank())


@pytest.mark.sqlite_only("Textual's styling, whatever the database")
async def test_the_slip_shown_again_restyles_only_if_the_look_changed_meanwhile(demo_config):
    """The slip shown for the next waybill restyled all its widgets each time: Textual's
    ScreenResume asks for it, for a theme or the app's focus changed while the slip was
    hidden. Unchanged, nothing is restyled; with the theme changed in between, the slip is,
    and its title looks as the new theme says."""
    from support import type_worked_example

    from depot_tui.screens.waybill.slip import SlipScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        sizes = _count_restyles(app)
        for step in ("first", "again", "new theme"):
            if step == "new theme":
                app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
                await pilot.pause(0.2)
            await type_worked_example(pilot)
            sizes.clear()
            await burst(pilot, "end", "f10")
            await wait_for(pilot, lambda: isinstance(app.screen, SlipScreen))
            slip_restyled = max(sizes, default=0) >= len(list(app.screen.walk_children(with_self=True)))
            assert slip_restyled is (step == "new theme") or step == "first", (step, sizes)
            title = app.screen.query_one("#slip-title")
            styled = title.styles.base.get_rules()
            app.stylesheet.apply(title)
            assert styled == title.styles.base.get_rules()
            await pilot.pause(SlipScreen.LOOK_S + 0.05)
            await burst(pilot, "f10")
            await wait_for(pilot, lambda: app.screen is form and form.current_form().is_blank())
