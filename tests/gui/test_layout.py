"""Every view fits the room it has: at 1280x720 (a classroom projector) and in presenter mode,
each plot, legend and title lies inside its widget, in the screen and the slide theme."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from maml_gui.core.config import default_config
from maml_gui.gui.panels import all_panels
from maml_gui.gui.panels.gap import GapPanel
from maml_gui.gui.view_host import share_columns
from tests.gui.events import settle_layout

PROJECTOR = (1280, 720)


def overflowing_items(view: pg.GraphicsLayoutWidget) -> list[str]:
    """The view's top-level plots and legends (and each plot's title and axes) that reach
    outside the widget; empty when everything is inside."""
    bounds = view.rect().toRectF().adjusted(-0.5, -0.5, 0.5, 0.5)
    found = []
    for item in view.ci.items:
        if not item.isVisible():
            continue
        parts = [item]
        if isinstance(item, pg.PlotItem):
            parts += [item.titleLabel, item.getAxis("left"), item.getAxis("bottom")]
        for part in parts:
            if not part.isVisible():
                continue
            rect = part.mapRectToScene(part.boundingRect())
            if not bounds.contains(rect):
                found.append(f"{type(part).__name__} {rect.getRect()} outside {bounds.getRect()}")
    return found


def views_that_overflow(window, qtbot) -> dict[str, list[str]]:
    """Raise each view in turn (tabbed ones too), let it lay out, and collect what overflows."""
    out = {}
    for panel, dock in zip(window.views.panels, window.views.docks, strict=True):
        if not dock.isVisible():
            continue
        dock.raise_()
        settle_layout()
        qtbot.waitUntil(lambda: not window.views.refitting)  # the theme re-fits after a resize
        panel.redraw()
        settle_layout()
        problems = overflowing_items(panel.view)
        if problems:
            out[dock.windowTitle()] = problems
    return out


def finished_window(make_window, qtbot, family: str):
    config = default_config(family, "maml")
    if family == "sinusoid":
        config = config.replace(iterations=60, eval_tasks=20)
    window = make_window(config, panels=all_panels())
    window.resize(*PROJECTOR)
    share_columns(window, window.settings_dock, window.views.docks)
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=60_000)
    gap = next(p for p in window.views.panels if isinstance(p, GapPanel))
    last = config.iterations
    qtbot.waitUntil(lambda: gap.result is not None and gap.result.step == last, timeout=30_000)
    return window


@pytest.mark.parametrize("family", ["toy1d", "toy2d", "sinusoid"])
def test_every_view_fits_at_1280x720_in_both_themes_and_presented(make_window, qtbot, family):
    window = finished_window(make_window, qtbot, family)
    assert window.width() <= PROJECTOR[0], "the window's minimum is wider than a projector"
    assert views_that_overflow(window, qtbot) == {}

    window.views.set_theme("slide")
    assert views_that_overflow(window, qtbot) == {}
    window.views.set_theme("screen")

    window.presenter.enter(0)
    window.resize(*PROJECTOR)  # offscreen there is no screen to fill
    for index in range(len(window.views.docks)):
        window.presenter.show_view(index)
        assert views_that_overflow(window, qtbot) == {}
    window.presenter.leave()
    assert [dock.isVisible() for dock in window.views.docks].count(True) >= 4


def test_a_dock_stops_at_the_width_its_plots_need(make_window, qtbot):
    """Dragging a dock narrow must not cut its plots: its minimum holds one-column legends."""
    window = finished_window(make_window, qtbot, "toy1d")
    for panel, dock in zip(window.views.panels, window.views.docks, strict=True):
        if not dock.isVisible():
            continue
        window.resizeDocks([dock], [10], Qt.Orientation.Horizontal)
        settle_layout()
        assert panel.view.width() >= panel.view.minimumWidth() > 0
    assert views_that_overflow(window, qtbot) == {}


def _panel_with_legend(qtbot, entries: int, legend_columns: int = 2):
    from maml_gui.gui.panels.common import PlotPanel

    panel = PlotPanel()
    qtbot.addWidget(panel)
    figure = panel.add_plot(legend_columns=legend_columns)
    curves = [panel.styler.curve("#0072B2") for _ in range(entries)]
    for i, curve in enumerate(curves):
        curve.setData([0, 1], [i, i + 1])
        figure.add(curve)
    figure.set_text(title="A title long enough to need wrapping in a narrow view", x="x", y="y")
    figure.set_legend([(curve, f"curve number {i}") for i, curve in enumerate(curves)])
    panel.show()
    return panel, figure


def _settle(qtbot, panel, width: int, height: int) -> None:
    panel.resize(width, height)
    settle_layout()


def test_a_legend_reflows_its_columns_and_moves_beside_a_short_wide_plot(qtbot):
    panel, figure = _panel_with_legend(qtbot, entries=8, legend_columns=3)
    _settle(qtbot, panel, 900, 700)
    assert figure.legend.columnCount == 3 and not figure.legend_beside
    tops = sorted({round(s.mapRectToScene(s.boundingRect()).top()) for s, _ in figure.legend.items})
    assert len(tops) == 3  # eight entries in rows of three

    _settle(qtbot, panel, 280, 700)  # narrow: one column, entries one below the other
    assert figure.legend.columnCount == 1
    lefts = {round(s.mapRectToScene(s.boundingRect()).left()) for s, _ in figure.legend.items}
    assert len(lefts) == 1
    assert overflowing_items(panel.view) == []

    _settle(qtbot, panel, 900, 260)  # short and wide: below, the legend would leave no plot
    assert figure.legend_beside
    assert overflowing_items(panel.view) == []

    _settle(qtbot, panel, 500, 900)  # tall: below again
    assert not figure.legend_beside
    assert overflowing_items(panel.view) == []
