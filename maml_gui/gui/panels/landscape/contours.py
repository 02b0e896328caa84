"""Two parameters (LandscapeKind.CONTOURS): contours of either objective or of one task's
loss over the parameter plane, each task's optimum, phi and the arrows to theta_n."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox

from maml_gui.core.records import RunInfo
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import plain
from maml_gui.gui.panels.landscape.canvas import MAX_TASKS, LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LegendEntries
from maml_gui.gui.panels.landscape.toy import ToyPainter

#: the surface choices before the tasks (index 0 and 1 of the surface box)
OBJECTIVES = ("MAML objective", "pretraining objective")


class ContoursPainter(ToyPainter):
    shows_surface = True
    locks_aspect = True  # the true geometry of the parameter plane

    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        self.surface_box = QComboBox()
        self.surface_box.currentIndexChanged.connect(lambda _index: canvas.changed())
        self.controls.append(canvas.add_control("show", self.surface_box, ""))
        s = canvas.styler
        self.optima = [s.markers(palette.task_color(i), "x", 12) for i in range(MAX_TASKS)]
        for item in self.optima:
            canvas.figure.add(item)

    def reset(self, info: RunInfo) -> None:
        super().reset(info)
        self.surface_box.blockSignals(True)
        self.surface_box.clear()
        self.surface_box.addItems([*OBJECTIVES, *(f"task {i + 1}" for i in range(info.n_tasks))])
        self.surface_box.blockSignals(False)

    def legend(self) -> LegendEntries:
        n = min(self.info.n_tasks, MAX_TASKS) if self.info else 0
        entries = [(self.optima[i], f"optimum of task {i + 1}") for i in range(n)]
        return entries + self.phi_entries() + self.theta_entries()

    def text(self) -> tuple[str, str, str]:
        return (
            f"Contours: {self.surface_name()}",
            "parameter w<sub>1</sub>",
            "parameter w<sub>2</sub>",
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
            self.canvas.contours.set_data(values, land.axes[0], land.axes[1], color)
            for i, minimum in enumerate(land.task_minima[:MAX_TASKS]):
                self.optima[i].setData([minimum[0]], [minimum[1]])
        if self.has_phi:
            for k in range(2):
                self.canvas.place(k, self.phi[k][:2], self.theta[k][:, :2])

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
