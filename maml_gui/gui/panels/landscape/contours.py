"""Two parameters (LandscapeKind.CONTOURS): contours of either objective or of one task's
loss over the parameter plane, each task's optimum, phi and the arrows to theta_n."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from maml_gui.core.records import PayloadKind, PayloadRequest, RunInfo
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import optimum_of_task
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import plain
from maml_gui.gui.panels.landscape.canvas import MAX_TASKS, LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LegendEntries
from maml_gui.gui.panels.landscape.toy import M_MAX, ToyPainter

#: the surface choices before the tasks (index 0 and 1 of the surface box)
OBJECTIVES = (
    QT_TRANSLATE_NOOP("Landscape", "MAML objective"),
    QT_TRANSLATE_NOOP("Landscape", "pretraining objective"),
)


#: the view's width / height is asked for in steps of this (a new grid per step, not per pixel)
ASPECT_STEP = 0.25


class ContoursPainter(ToyPainter):
    """With the aspect locked (the true geometry), a square grid filled only the middle of
    a wide plot: the rest showed empty axes. The painter asks for a grid as wide as the view
    (the losses are exact everywhere) and frames the tasks' square in it, so the surface fills
    the plot; a resize that changes the aspect asks for a new grid."""

    shows_surface = True
    locks_aspect = True  # the true geometry of the parameter plane

    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        self.surface_box = QComboBox()
        self.surface_box.currentIndexChanged.connect(lambda _index: canvas.changed())
        self.controls.append(canvas.add_control(translate("Views", "show"), self.surface_box, ""))
        s = canvas.styler
        self.optima = [s.markers(palette.task_color(i), "x", 12) for i in range(MAX_TASKS)]
        for item in self.optima:
            canvas.figure.add(item)
        self.asked_aspect = 1.0

    def reset(self, info: RunInfo) -> None:
        super().reset(info)
        self.surface_box.blockSignals(True)
        self.surface_box.clear()
        task = translate("Landscape", "task {number}")
        objectives = [translate("Landscape", name) for name in OBJECTIVES]
        tasks = [task.format(number=i + 1) for i in range(info.n_tasks)]
        self.surface_box.addItems([*objectives, *tasks])
        self.surface_box.blockSignals(False)

    def legend(self) -> LegendEntries:
        n = min(self.info.n_tasks, MAX_TASKS) if self.info else 0
        entries = [(self.optima[i], optimum_of_task(i + 1)) for i in range(n)]
        return entries + self.phi_entries() + self.theta_entries()

    def text(self) -> tuple[str, str, str]:
        return (
            translate("Landscape", "Contours: {surface}").format(surface=self.surface_name()),
            translate("Views", "parameter w<sub>1</sub>"),
            translate("Views", "parameter w<sub>2</sub>"),
        )

    def surface_name(self) -> str:
        index = max(self.surface_box.currentIndex(), 0)
        return self.maml_name() if index == 0 else self.surface_box.itemText(index)

    def surface(self) -> tuple[np.ndarray, str]:
        """The grid on show and its contour colour."""
        land, index = self.landscape, max(self.surface_box.currentIndex(), 0)
        if index == 0:
            return land.maml[self.maml_index()], palette.OBJECTIVE_COLOR
        if index == 1:
            return land.pretraining, palette.PRETRAINING_COLOR
        task = min(index - 2, len(land.task_losses) - 1)
        return land.task_losses[task], palette.task_color(task)

    def view_aspect(self) -> float:
        """The plot's width / height, rounded up (the grid is at least as wide as the view)
        to ASPECT_STEP steps; 1 before it is laid out."""
        vb = self.canvas.figure.plot.vb
        width, height = vb.width(), vb.height()
        if width < 2 or height < 2:
            return 1.0
        ratio = width / height
        if ratio < 1:  # taller than wide: steps in height / width
            return 1 / (math.ceil(1 / ratio / ASPECT_STEP) * ASPECT_STEP)
        return math.ceil(ratio / ASPECT_STEP) * ASPECT_STEP

    def requests(self) -> list[PayloadRequest]:
        self.asked_aspect = self.view_aspect()
        params = (("m_max", M_MAX), ("aspect", self.asked_aspect))
        return [PayloadRequest(PayloadKind.TOY_LANDSCAPE, params)]

    def view_resized(self) -> bool:
        return self.view_aspect() != self.asked_aspect

    def static_key(self) -> tuple:
        return (*super().static_key(), self.surface_box.currentIndex())

    def clear(self) -> None:
        self.canvas.contours.clear()
        for item in self.optima:
            item.setData([], [])

    def draw(self, static: bool) -> None:
        land = self.landscape
        if land is None:
            return
        if static:
            values, color = self.surface()
            x, y = land.axes[0], land.axes[1]
            low, high = land.bounds
            inside = np.ix_((y >= low) & (y <= high), (x >= low) & (x <= high))
            # Levels from the tasks' square: the widened edges climb far up the bowls.
            self.canvas.contours.set_data(values, x, y, color, level_values=values[inside])
            for i, minimum in enumerate(land.task_minima[:MAX_TASKS]):
                self.optima[i].setData([minimum[0]], [minimum[1]])
            self._frame(low, high)
        if self.has_phi:
            for k in range(2):
                self.canvas.place(k, self.phi[k][:2], self.theta[k][:, :2])

    def _frame(self, low: float, high: float) -> None:
        """Show the tasks' square; the locked aspect widens the other axis over the grid."""
        plot = self.canvas.figure.plot
        plot.disableAutoRange()
        # No padding: a margin beyond the square would be beyond the grid, blank.
        plot.vb.setRange(xRange=(low, high), yRange=(low, high), padding=0)

    def curve_table(self) -> list[CurveColumn]:
        land = self.landscape
        if land is None:
            return []
        gx, gy = np.meshgrid(land.axes[0], land.axes[1])
        values, _ = self.surface()
        return [
            CurveColumn("parameter w1", gx.ravel()),
            CurveColumn("parameter w2", gy.ravel()),
            CurveColumn(f"{plain(self.surface_name())} [{self.loss_name}]", values.ravel()),
        ]
