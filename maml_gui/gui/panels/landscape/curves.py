"""One parameter (LandscapeKind.CURVES): each task's loss curve l_n(w), the pretraining
objective (1/N) sum_n l_n(w), the MAML objective (1/N) sum_n l_n(theta_n(w)) after m inner
steps, each phi on its own objective, and arrows along each task's curve to theta_n."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.landscape.canvas import MAX_TASKS, LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LegendEntries
from maml_gui.gui.panels.landscape.toy import ToyPainter

#: points along a task's curve for the arrow from l_n(phi) to l_n(theta_n)
ARROW_POINTS = 48


class CurvesPainter(ToyPainter):
    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        s, figure = canvas.styler, canvas.figure
        self.task_curves = [s.curve(palette.task_color(i), 1.0) for i in range(MAX_TASKS)]
        self.pre_curve = s.curve(palette.PRETRAINING_COLOR, 0.8, Qt.PenStyle.DashLine)
        self.maml_curve = s.curve(palette.OBJECTIVE_COLOR, 1.2)
        for item in [*self.task_curves, self.pre_curve, self.maml_curve]:
            figure.add(item)

    def legend(self) -> LegendEntries:
        n = min(self.info.n_tasks, MAX_TASKS) if self.info else 0
        entries = [
            (self.task_curves[i], f"task {i + 1} loss l<sub>{i + 1}</sub>") for i in range(n)
        ]
        entries += [(self.pre_curve, "pretraining objective"), (self.maml_curve, self.maml_name())]
        return entries + self.phi_entries() + self.theta_entries()

    def text(self) -> tuple[str, str, str]:
        return "Task losses and the two objectives", "parameter w", self.loss_name

    def clear(self) -> None:
        for item in [*self.task_curves, self.pre_curve, self.maml_curve]:
            item.setData([], [])

    def draw(self, static: bool) -> None:
        land = self.landscape
        if land is None:
            return
        w = land.axes[0]
        if static:
            for i, losses in enumerate(land.task_losses[:MAX_TASKS]):
                self.task_curves[i].setData(w, losses)
            self.pre_curve.setData(w, land.pretraining)
            self.maml_curve.setData(w, land.maml[self.maml_index()])
        if not self.has_phi:
            return
        objectives = (land.maml[self.maml_index()], land.pretraining)
        canvas = self.canvas
        for k in range(2):
            phi = float(self.phi[k][0])
            canvas.phis[k].setData([phi], [np.interp(phi, w, objectives[k])])
            thetas = self.theta[k][:, 0]
            n = min(len(thetas), len(land.task_losses))
            # The step drawn along task n's own curve: from l_n(phi) down to l_n(theta_n).
            paths = []
            for i in range(n):
                ws = np.linspace(phi, thetas[i], ARROW_POINTS)
                paths.append(np.column_stack([ws, np.interp(ws, w, land.task_losses[i])]))
            canvas.thetas[k].setData([p[-1, 0] for p in paths], [p[-1, 1] for p in paths])
            canvas.arrows[k].set_paths(paths)

    def curve_table(self) -> list[CurveColumn]:
        land = self.landscape
        if land is None:
            return []
        unit = self.loss_name
        columns = [CurveColumn("parameter w", land.axes[0])]
        for i, losses in enumerate(land.task_losses):
            columns.append(CurveColumn(f"task {i + 1} loss [{unit}]", losses))
        columns.append(CurveColumn(f"pretraining objective [{unit}]", land.pretraining))
        m = self.maml_index()
        columns.append(CurveColumn(f"MAML objective m={m} [{unit}]", land.maml[m]))
        return columns
