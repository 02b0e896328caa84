"""What the views share beyond plotting: the symbols for phi and theta_n, the learners'
display names, their bounded histories, plain-text CSV headers, and :class:`PlotPanel`, a
Panel made of controls over one plot layout. The pyqtgraph building blocks themselves live in
``maml_gui.gui.plotting``.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from maml_gui.core.history import DecimatingHistory, Thinning
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import Panel
from maml_gui.gui.plotting.plot import COLUMN_MARGIN, LEGEND_GAP, MIN_TITLE_WIDTH, ViewPlot
from maml_gui.gui.plotting.styles import Styler

# Plain text (CSV headers, help) says phi/theta_n; the plots use the notes' symbols.
PHI = "φ"
THETA_N = "θ<sub>n</sub>"
#: a legend moves beside or below its plot only for a data area this many times larger
HOP_MARGIN = 1.1
#: rows a view keeps of what it appends per snapshot: as many as the engine's loss history, so
#: that history loads unthinned
VIEW_HISTORY_CAPACITY = 4096


def view_history(width: int, capacity: int = VIEW_HISTORY_CAPACITY) -> DecimatingHistory:
    """A bounded history for a view. Snapshots and evaluations reach a view at irregular steps
    (at most ~30 snapshots a second, whatever the training speed), so it thins by arrival."""
    return DecimatingHistory(width, capacity, Thinning.ARRIVAL)


def plain(text: str) -> str:
    """A plot label as plain text for CSV headers: phi, theta_n, no HTML."""
    return (
        text.replace(THETA_N, "theta_n")
        .replace(PHI, "phi")
        .replace("<sub>", "_")
        .replace("</sub>", "")
    )


class PlotPanel(Panel):
    """A Panel made of a row of controls over one GraphicsLayoutWidget (the export target)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.styler = Styler(palette.SCREEN)
        self.view = pg.GraphicsLayoutWidget()
        self.styler.add_view(self.view)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(6, 2, 6, 0)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(self.controls)
        box.addWidget(self.view, 1)
        self.view.installEventFilter(self)
        self.dirty = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.fit_to_view()
        return False

    def fit_to_view(self) -> None:
        """Give each plot its column's share of the view's width, so its legend and title fit
        (the plots of one view share its width equally)."""
        plots, columns = self._visible_plots()
        if len(plots) == 1:
            plots[0].place_legend(self._legend_beside_is_better(plots[0]))
        for plot in plots:
            plot.fit(self.view.width() / columns)
        # The view sets its layout's geometry right after this (its own resize handler), while
        # the layout's minimum may still be the old, wider one, which QGraphicsWidget keeps:
        # the layout then stayed wider than the view. Seat it again once the event is done.
        QTimer.singleShot(0, self, self._seat_layout)

    def _legend_beside_is_better(self, plot: ViewPlot) -> bool:
        """Whether the plot keeps a better data area with its legend beside it than below:
        the larger area, or for a plot with a locked aspect (parameter space) the longer
        short side. HOP_MARGIN keeps the legend from hopping at the boundary."""
        width, height = self.view.width() - COLUMN_MARGIN, self.view.height() - COLUMN_MARGIN
        frame, box = plot.plot.geometry(), plot.plot.vb.geometry()
        chrome_w = max(frame.width() - box.width(), 0.0)  # axes, colour bar
        chrome_h = max(frame.height() - box.height(), 0.0)  # title, axis
        _, below_h = plot.legend.natural_size(plot.fitting_columns(self.view.width()))
        beside_w, beside_h = plot.legend.natural_size(1)
        if beside_h > height or not plot.legend.items:
            return False
        below = (width - chrome_w, height - chrome_h - below_h - LEGEND_GAP)
        beside = (width - chrome_w - beside_w - LEGEND_GAP, height - chrome_h)
        if min(beside) < MIN_TITLE_WIDTH:
            return False
        locked = bool(plot.plot.vb.state.get("aspectLocked"))
        score = min if locked else (lambda size: max(size[0], 0) * max(size[1], 0))
        if plot.legend_beside:  # stay where it is unless the other place is clearly better
            return score(beside) * HOP_MARGIN >= score(below)
        return score(beside) > score(below) * HOP_MARGIN

    def _seat_layout(self) -> None:
        rect = QRectF(self.view.rect())
        if self.view.ci.geometry() != rect:
            self.view.ci.setGeometry(rect)

    def content_fits(self) -> bool:
        """Whether the plots, legends and titles need no more room than the view has."""
        need = self.view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        return need.width() <= self.view.width() + 0.5 and need.height() <= self.view.height() + 0.5

    def keep_plots_whole(self) -> None:
        """The view may not get narrower than its plots need with one-column legends: the
        docks then stop at that width instead of cutting the plots' right edge."""
        plots, columns = self._visible_plots()
        need = max((plot.minimum_width() for plot in plots), default=0)
        self.view.setMinimumWidth(math.ceil(need * columns))

    def _visible_plots(self) -> tuple[list[ViewPlot], int]:
        plots = [plot for plot in self.styler.plots if plot.plot.isVisible()]
        return plots, max(len({plot.column for plot in plots}), 1)

    def add_control(self, text: str, widget: QWidget, tooltip: str = "") -> QWidget:
        """A labelled control; returns a container so a family can hide it as a whole."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 8, 0)
        if text:
            row.addWidget(QLabel(text))
        if hasattr(widget, "setSizeAdjustPolicy"):  # combo boxes: never truncate a choice
            widget.setSizeAdjustPolicy(widget.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(widget)
        if tooltip:
            holder.setToolTip(tooltip)
        self.controls.addWidget(holder)
        return holder

    def add_plot(self, row: int = 0, col: int = 0, legend_columns: int = 2) -> ViewPlot:
        plot = ViewPlot(self.view.ci, row, col, palette.SCREEN, legend_columns)
        plot.minimum_changed = self.keep_plots_whole
        self.styler.add_plot(plot)
        self.fit_to_view()
        self.keep_plots_whole()
        return plot

    def export_target(self) -> QWidget:
        return self.view

    def apply_theme(self, theme: dict) -> None:
        """Screen or slide look (font size, line width); colours never change."""
        self.styler.apply(theme)
        self.dirty = True
