"""Work the app spares a thin machine and a slow link. F2's opening: each widget is styled
once, as it is mounted (Textual also restyled every widget of a newly pushed screen at its first
ScreenResume, and styled every Field as it was made, before it was in the DOM: a fifth of
F2's opening time, which a clerk waits through at every waybill). Scrolls: they jump, where a
glide sent every frame down the link."""

from __future__ import annotations

import pytest
from support import log_in_as, wait_for

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
