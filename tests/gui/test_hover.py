"""What is under the cursor: every plot reads out the coordinates with its axes' names, a
colour map's value, and the marker there by its legend name (with the task for theta_n);
the crosshair follows when switched on; nothing shows once the cursor leaves."""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF

from maml_gui.core.config import default_config
from maml_gui.gui import theme
from maml_gui.gui.panels.gap import GapPanel
from maml_gui.gui.panels.landscape import LandscapePanel
from maml_gui.gui.plotting.plot import ViewPlot
from tests.gui.drawn import drawn_panel, trained
from tests.gui.events import settle_layout


@pytest.fixture(scope="module")
def toy2d():
    return trained("toy2d", 40)


def _drawn(panel_type, trainer, qtbot):
    return drawn_panel(panel_type, trainer, qtbot, shown=True)


def _plain(rich: str) -> str:
    return re.sub("<[^>]+>", "", rich)


def _move_to(figure, x: float, y: float) -> None:
    """The mouse at data point (x, y): the scene's own signal, as a real move emits it."""
    scene_pos = figure.plot.vb.mapViewToScene(QPointF(x, y))
    figure.plot.scene().sigMouseMoved.emit(scene_pos)


def test_the_coordinates_are_read_out_with_the_axes_names(toy2d, qtbot):
    panel = _drawn(GapPanel, toy2d, qtbot)
    figure = panel.steps_fig
    (x_low, x_high), (y_low, y_high) = figure.plot.vb.viewRange()
    x, y = x_low + 0.3 * (x_high - x_low), y_low + 0.6 * (y_high - y_low)
    _move_to(figure, x, y)
    text = figure.hover.shown_text
    x_name, y_name = _plain(figure.x_label), _plain(figure.y_label)
    assert f"{x_name} = " in text and f"{y_name} = " in text
    shown_x = float(text.split(f"{x_name} = ")[1].split("\n")[0])
    assert shown_x == pytest.approx(x, rel=1e-3)
    # in a small dock (the gap view at 1280 x 720) the read-out stays inside the plot
    # wherever the cursor is: it was cut off beside a cursor just left of the middle
    panel.resize(600, 330)
    settle_layout()
    (x_low, x_high), (y_low, y_high) = figure.plot.vb.viewRange()
    for fx, fy in ((0.45, 0.6), (0.99, 0.5), (0.01, 0.01), (0.6, 0.99)):
        _move_to(figure, x_low + fx * (x_high - x_low), y_low + fy * (y_high - y_low))
        box = figure.plot.vb.sceneBoundingRect()
        drawn = figure.hover.text.mapRectToScene(figure.hover.text.boundingRect())
        assert box.contains(drawn) or drawn.width() > box.width(), (fx, fy, box, drawn)
    # out of the plot: nothing shown
    outside = figure.plot.vb.sceneBoundingRect().topLeft() - QPointF(5, 5)
    figure.plot.scene().sigMouseMoved.emit(outside)
    assert figure.hover.shown_text == ""


def test_a_colour_map_reads_out_its_value_there(toy2d, qtbot):
    panel = _drawn(LandscapePanel, toy2d, qtbot)
    image = panel.contours.image
    values = panel.contours.values
    rect = panel.contours.rect
    row, col = values.shape[0] // 3, values.shape[1] // 2
    x = rect.left() + (col + 0.5) * rect.width() / values.shape[1]
    y = rect.top() + (row + 0.5) * rect.height() / values.shape[0]
    _move_to(panel.figure, x, y)
    text = panel.figure.hover.shown_text
    name = _plain(image.readout_name)
    assert name and f"{name} = " in text
    shown = float(text.split(f"{name} = ")[1].split("\n")[0])
    assert shown == pytest.approx(values[row, col], rel=1e-3)


def test_a_marker_is_named_by_its_legend_entry_and_task(qtbot):
    """Three theta_n markers and a phi marker on a plot: resting on the second theta_n names
    it and its task; between markers, none is named."""
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    view.resize(600, 450)
    figure = ViewPlot(view.ci, 0, 0, theme.SCREEN)
    thetas = pg.PlotDataItem([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], pen=None, symbol="o")
    phi = pg.PlotDataItem([3.0], [0.5], pen=None, symbol="o")
    figure.add(thetas)
    figure.add(phi)
    figure.set_legend([(phi, "φ (MAML)"), (thetas, "θ<sub>n</sub> from φ (MAML)")])
    figure.set_text(title="", x="parameter w<sub>1</sub>", y="parameter w<sub>2</sub>")
    figure.plot.setRange(xRange=(-1.0, 4.0), yRange=(-1.0, 2.0), padding=0)
    view.show()
    qtbot.waitExposed(view)
    figure.hover.connect()
    _move_to(figure, 1.0, 1.0)
    lines = figure.hover.shown_text.splitlines()
    assert lines[0] == "θn from φ (MAML), task 2"
    assert lines[1:] == ["parameter w1 = 1", "parameter w2 = 1"]
    _move_to(figure, 3.0, 0.5)
    assert figure.hover.shown_text.splitlines()[0] == "φ (MAML)"
    _move_to(figure, 2.5, 0.8)  # no marker within 8 px
    assert figure.hover.shown_text.splitlines()[0].startswith("parameter w1")
    # drawn at the screen's scale, inside the plot (a stale transform drew it view-scaled,
    # thousands of pixels wide, off the plot)
    box = figure.plot.vb.sceneBoundingRect()
    drawn = figure.hover.text.mapRectToScene(figure.hover.text.boundingRect())
    assert drawn.width() < box.width() / 2 and box.contains(drawn)


def test_the_crosshair_follows_the_cursor_when_switched_on(make_window, qtbot):
    window = make_window(default_config("toy2d", "maml"), panels=[LandscapePanel()])
    panel = window.panels[0]
    qtbot.waitUntil(lambda: panel.figure.plot.vb.viewRange()[0][1] > 1, timeout=10_000)
    figure = panel.figure
    _move_to(figure, 0.5, 0.5)
    assert not any(line.isVisible() for line in figure.hover.lines)
    window.crosshair_action.trigger()
    _move_to(figure, 0.5, -0.25)
    vertical, horizontal = figure.hover.lines
    assert vertical.isVisible() and horizontal.isVisible()
    assert vertical.value() == pytest.approx(0.5, abs=1e-6)
    assert horizontal.value() == pytest.approx(-0.25, abs=1e-6)
    window.crosshair_action.trigger()
    assert not vertical.isVisible()
