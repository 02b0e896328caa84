"""One parameter (LandscapeKind.CURVES): each task's loss curve l_n(w), the pretraining
objective (1/N) sum_n l_n(w), the MAML objective (1/N) sum_n l_n(theta_n(w)) after m inner
steps, each phi on its own objective, and each task's adaptation step from phi to theta_n.

The step is drawn as a straight dashed arrow from the point (phi, l_n(phi)), marked with a
small dot tied to phi's marker by a dotted drop line, to (theta_n, l_n(theta_n)). Drawn along
the task's own curve it painted that curve in the learner's colour (a task curve seemed to
change colour half-way) and started from a point nothing marked."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.landscape.canvas import LEARNER_COLORS, MAX_TASKS, LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LegendEntries
from maml_gui.gui.panels.landscape.toy import ToyPainter
from maml_gui.gui.panels.learners import paint_learners
from maml_gui.gui.plotting.arrows import ArrowSet

DOT = Qt.PenStyle.DotLine


class CurvesPainter(ToyPainter):
    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        s, figure = canvas.styler, canvas.figure
        self.task_curves = [s.curve(palette.task_color(i), 1.0) for i in range(MAX_TASKS)]
        self.pre_curve = s.curve(palette.PRETRAINING_COLOR, 0.8, Qt.PenStyle.DashLine)
        self.maml_curve = s.curve(palette.OBJECTIVE_COLOR, 1.2)
        for item in [*self.task_curves, self.pre_curve, self.maml_curve]:
            figure.add(item)
        plot = figure.plot
        #: per learner: the steps (dashed arrows), where they start (phi on each task's
        #: curve) and the drop line from phi's marker through those starts
        self.steps = [ArrowSet(s, plot, c, 1.0, Qt.PenStyle.DashLine) for c in LEARNER_COLORS]
        self.starts = [s.markers(c, "o", 7) for c in LEARNER_COLORS]
        self.drops = [s.curve(c, 0.5, DOT) for c in LEARNER_COLORS]
        for item in [*self.drops, *self.starts]:
            item.setZValue(9)  # over the curves, under phi's and theta_n's markers
            figure.add(item)

    def reset(self, info) -> None:
        super().reset(info)
        paint_learners(
            self.canvas.styler,
            self.who,
            [self.steps[0], self.starts[0], self.drops[0]],
            [self.steps[1], self.starts[1], self.drops[1]],
        )

    def legend(self) -> LegendEntries:
        n = min(self.info.n_tasks, MAX_TASKS) if self.info else 0
        task_loss = translate("Landscape", "task {number} loss l<sub>{number}</sub>")
        entries = [(self.task_curves[i], task_loss.format(number=i + 1)) for i in range(n)]
        pretraining = translate("Landscape", "pretraining objective")
        entries += [(self.pre_curve, pretraining), (self.maml_curve, self.maml_name())]
        return entries + self.phi_entries() + self.theta_entries()

    def text(self) -> tuple[str, str, str]:
        return (
            translate("Landscape", "Task losses and the two objectives"),
            translate("Views", "parameter w"),
            self.loss_name,
        )

    def clear(self) -> None:
        for item in [*self.task_curves, self.pre_curve, self.maml_curve]:
            item.setData([], [])
        self._clear_steps()

    def _clear_steps(self) -> None:
        for k in range(2):
            self.steps[k].set_data(np.zeros((0, 2)), np.zeros((0, 2)))
            self.starts[k].setData([], [])
            self.drops[k].setData([], [])

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
            on_objective = float(np.interp(phi, w, objectives[k]))
            canvas.phis[k].setData([phi], [on_objective])
            thetas = self.theta[k][:, 0]
            n = min(len(thetas), len(land.task_losses))
            starts = np.array([[phi, np.interp(phi, w, land.task_losses[i])] for i in range(n)])
            ends = np.array(
                [[t, np.interp(t, w, land.task_losses[i])] for i, t in enumerate(thetas[:n])]
            )
            starts, ends = starts.reshape(-1, 2), ends.reshape(-1, 2)
            canvas.thetas[k].setData(ends[:, 0], ends[:, 1])
            self.steps[k].set_data(starts, ends)
            self.starts[k].setData(starts[:, 0], starts[:, 1])
            # One vertical line at phi through its marker and every task's start point.
            ys = np.concatenate([[on_objective], starts[:, 1]])
            self.drops[k].setData([phi, phi], [ys.min(), ys.max()])

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
