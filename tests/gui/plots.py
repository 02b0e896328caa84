"""Small pyqtgraph views for the export tests: curves, a legend, axis labels and a title,
like the real panels have (test-only; the panels are developed elsewhere)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.theme import ALGORITHM_COLOR, PRETRAINING_COLOR

X = np.linspace(0.0, 10.0, 201)
Y_ALGORITHM = np.exp(-X / 3) + 0.05 * np.sin(3 * X)
Y_PRETRAINING = np.exp(-X / 6) + 0.1


def make_plot_widget(width: int = 640, height: int = 400) -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w")
    plot = widget.getPlotItem()
    plot.setTitle("Query loss during meta-training")
    plot.addLegend(offset=(-10, 10))
    plot.plot(X, Y_ALGORITHM, pen=pg.mkPen(ALGORITHM_COLOR, width=2), name="MAML")
    plot.plot(
        X[:150], Y_PRETRAINING[:150], pen=pg.mkPen(PRETRAINING_COLOR, width=2), name="Pretraining"
    )
    plot.setLabel("bottom", "meta-step")
    plot.setLabel("left", "query loss", units="MSE")
    widget.resize(width, height)
    return widget


def make_layout_widget() -> pg.GraphicsLayoutWidget:
    """Two plots in a layout, as the landscape/gap views have."""
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground("w")
    left = widget.addPlot(title="Landscape slice")
    left.addLegend()
    left.plot(X, np.sin(X), pen=pg.mkPen(ALGORITHM_COLOR, width=2), name="MAML")
    left.setLabel("bottom", "a")
    right = widget.addPlot(title="Gap")
    right.plot(X, np.cos(X), pen=pg.mkPen(PRETRAINING_COLOR, width=2), name="Pretraining")
    right.setLabel("bottom", "adaptation steps k")
    widget.resize(800, 400)
    return widget


class FakePanel:
    """Quacks like panels.base.Panel for export purposes, without apply_theme (so the
    generic slide styling is exercised)."""

    title = "Loss curves"

    def __init__(self) -> None:
        self.widget = make_plot_widget()

    def export_target(self) -> pg.PlotWidget:
        return self.widget

    def curve_table(self) -> list[CurveColumn]:
        return [
            CurveColumn("meta-step", X),
            CurveColumn("MAML query loss (MSE)", Y_ALGORITHM),
            CurveColumn("Pretraining query loss (MSE)", Y_PRETRAINING[:150]),
        ]
