"""Task > Published pictures: each item starts its run and frames the view that draws it."""

from __future__ import annotations

import pytest

from maml_gui.core.config import default_config
from maml_gui.gui.export.formats import VIEW_KEYS
from maml_gui.gui.menus.presets import SINE_X_RANGE, SINE_Y_RANGE, presets
from maml_gui.gui.panels.function_space import FunctionSpacePanel
from maml_gui.gui.panels.landscape import LandscapePanel


def test_every_preset_is_a_valid_run_of_a_view_that_exists():
    shown = [p.label for p in presets()]
    assert len(shown) == len(set(shown)) == 4
    for preset in presets():
        preset.config.validate()
        assert preset.view in VIEW_KEYS
    finn = [p for p in presets() if p.label.startswith("Finn")]
    assert [p.config.k_shot for p in finn] == [5, 10]
    assert all(p.config.task == "sinusoid" and p.fit_steps == 10 for p in finn)


@pytest.fixture
def window(make_window, qtbot):
    panels = [LandscapePanel(), FunctionSpacePanel()]
    return make_window(default_config("toy2d", "maml"), panels=panels)


def test_finn_figure_2_trains_and_frames_the_function_space(window, qtbot):
    _landscape, function_space = window.panels
    action = window.preset_menu.actions_by_label["Finn et al. 2017, Figure 2 (K = 5)"]
    action.trigger()
    qtbot.waitUntil(
        lambda: window.run_info.config.task == "sinusoid" and window.state == "running",
        timeout=15_000,
    )
    assert window.run_info.config.k_shot == 5
    assert function_space.k_box.value() == 10 and function_space.fit_steps() == (0, 1, 10)
    x_range, y_range = function_space.figure.plot.vb.viewRange()
    assert x_range == pytest.approx(SINE_X_RANGE) and y_range == pytest.approx(SINE_Y_RANGE)
    dock = window.views.docks[window.panels.index(function_space)]
    assert window.views.is_seen(dock)
    # the frame holds while fits arrive
    qtbot.waitUntil(lambda: function_space.fit is not None, timeout=15_000)
    function_space.redraw()
    assert function_space.figure.plot.vb.viewRange()[0] == pytest.approx(SINE_X_RANGE)
    window.controller.toggle_pause()


def test_the_lectures_picture_is_the_toy_1d_landscape(window, qtbot):
    window.preset_menu.actions_by_label["The lecture's picture (toy 1-D)"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "toy1d", timeout=15_000)
    assert window.run_info.config == default_config("toy1d", "maml").validate()
