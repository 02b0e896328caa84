"""phi versus the adapted theta_n: the path phi travels during meta-training, for the algorithm
and its pretraining twin, with this batch's theta_n drawn as arrows from the current phi.

Toys are exact (toy1d: phi against meta-iteration, with each task's optimum as a level line;
toy2d: the parameter plane). Networks are projected on the two principal directions of both
paths together, with the explained variance in the axis labels. The worker recomputes that
projection about once a second; in between, each snapshot's phi and theta_n are placed with
the last one, so the path grows and the arrows move at the snapshot rate.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from maml_gui.core.records import Trajectory
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import learner_labels, optimum_of_task, theta_from_phi
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, THETA_N, PlotPanel, plain, view_history
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.plotting.arrows import ArrowSet

MAX_TASKS = len(palette.TASK_COLORS)
#: a path is drawn with at most this many points per pixel of the plot's longer side (and
#: never fewer than MIN_PATH_POINTS): its history holds up to 4,096 rows, and an antialiased
#: path's paint cost grows with its points, redrawn ~15 times a second, where more points
#: than pixels add nothing to the picture
PATH_POINTS_PER_PIXEL = 2
MIN_PATH_POINTS = 600
COLORS = (palette.ALGORITHM_COLOR, palette.PRETRAINING_COLOR)


class TrajectoryPanel(PlotPanel):
    key = "trajectory"
    title = QT_TRANSLATE_NOOP("Views", "phi and adapted theta_n")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "phi is the one initialization shared by all tasks; theta_n is where the inner "
        "step(s) take it on task n's support set. Lines: the path of phi during meta-training "
        "(blue: the chosen algorithm, vermillion: pretraining, both from the same start). "
        "Arrows: from the current phi to this batch's theta_n. Pretraining moves phi to where "
        "all tasks are good now; MAML moves phi to where one step reaches each task's own "
        "optimum, so its arrows are long and point apart. For the networks the picture is a "
        "projection onto the two directions along which phi moved most (PCA).",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.figure = self.add_plot(legend_columns=2)
        s, add = self.styler, self.figure.add
        self.paths = [s.curve(c, 1.0) for c in COLORS]
        self.arrows = [ArrowSet(s, self.figure.plot, c, 0.6) for c in COLORS]
        self.phis = [s.markers(c, "o", 12) for c in COLORS]
        self.thetas = [s.markers(c, "o", 8, fill="#FFFFFF") for c in COLORS]
        self.start = s.markers("#202020", "s", 8)
        self.optimum_lines = [
            s.curve(palette.task_color(i), 0.6, Qt.PenStyle.DashLine) for i in range(MAX_TASKS)
        ]
        self.optimum_marks = [s.markers(palette.task_color(i), "x", 12) for i in range(MAX_TASKS)]
        for item in [*self.optimum_lines, *self.optimum_marks, *self.paths, self.start]:
            add(item)
        for item in [*self.thetas, *self.phis]:
            item.setZValue(10)
            add(item)
        self.info: RunInfo | None = None
        #: both phis per step, side by side: (N, 2 * dim)
        self.history = view_history(2)
        self.dim = 1
        # a redraw may come before the first reset (the window's timer starts at once)
        self.minima = np.zeros((0, 1))
        self._optima_key: tuple | None = None
        self.exact = True
        self.explained = (1.0, 1.0)
        self.projected: Trajectory | None = None
        self.current_thetas = (np.zeros((0, 1)), np.zeros((0, 1)))
        self.labels = ("", "")
        self.who = learners("maml")

    def reset(self, info: RunInfo) -> None:
        self.info = info
        traits = info.traits
        self.exact = traits.exact_parameters
        self.dim = traits.dimension if self.exact else 2  # networks: the PCA plane
        self.history = view_history(2 * self.dim)
        self.projected = None
        self.explained = (1.0, 1.0)
        self.current_thetas = (np.zeros((0, self.dim)), np.zeros((0, self.dim)))
        self.labels = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)
        twin_items = [self.paths[1], self.arrows[1], self.phis[1], self.thetas[1]]
        paint_learners(
            self.styler,
            self.who,
            [self.paths[0], self.arrows[0], self.phis[0], self.thetas[0]],
            twin_items,
        )
        self.figure.plot.setAspectLocked(self.dim == 2)
        minima = info.task_minima if info.task_minima is not None else np.zeros((0, self.dim))
        self.minima = np.asarray(minima, dtype=float).reshape(-1, self.dim)[:MAX_TASKS]
        self._optima_key = None
        main, twin = self.labels
        entries = [
            (self.phis[0], f"{PHI} ({main})"),
            (self.phis[1], f"{PHI} ({twin})"),
            (self.thetas[0], theta_from_phi(main)),
            (self.thetas[1], theta_from_phi(twin)),
            (self.start, translate("Views", "{phi}<sub>0</sub>, shared start").format(phi=PHI)),
        ]
        # one parameter: phi against the iteration, so an optimum is a level line
        task_items = self.optimum_lines if self.dim == 1 else self.optimum_marks
        for i in range(len(self.minima)):
            entries.append((task_items[i], optimum_of_task(i + 1)))
        self.figure.set_legend(self.who.legend(entries, twin_items))
        self._relabel()
        self.dirty = True

    def _relabel(self) -> None:
        if self.dim == 1:
            self.figure.set_text(
                title=translate("Views", "{phi} during meta-training").format(phi=PHI),
                x=translate("Views", "meta-iteration"),
                y=translate("Views", "parameter w"),
            )
        elif self.exact:
            self.figure.set_text(
                title=translate("Views", "Paths of {phi} in parameter space").format(phi=PHI),
                x=translate("Views", "parameter w<sub>1</sub>"),
                y=translate("Views", "parameter w<sub>2</sub>"),
            )
        else:
            e1, e2 = self.explained
            self.figure.set_text(
                title=translate("Views", "Paths of {phi} (PCA projection)").format(phi=PHI),
                x=translate("Views", "PC 1 ({share} of path variance)").format(share=f"{e1:.0%}"),
                # a short plot has little room for a vertical label
                y=translate("Views", "PC 2 ({share})").format(share=f"{e2:.0%}"),
            )

    def on_snapshot(self, snapshot) -> None:
        learners = (snapshot.main, snapshot.twin)
        if self.exact:
            phis = [view.phi for view in learners]
            thetas = tuple(view.thetas for view in learners)
        else:  # networks: in the last PCA picture, once there is one
            if self.projected is None or self.projected.basis is None:
                return
            phis = [self.projected.project(view.phi) for view in learners]
            thetas = tuple(self.projected.project(view.thetas) for view in learners)
            if not len(snapshot.main.thetas):  # a large net's snapshot carries no theta_n:
                thetas = self.current_thetas  # keep the last payload's projections
        self.history.record(snapshot.step, np.concatenate(phis))
        self.current_thetas = thetas
        self.dirty = True

    def on_payload(self, payload) -> None:
        if not isinstance(payload, Trajectory):
            return
        self.current_thetas = (payload.main_thetas, payload.twin_thetas)
        self.history.replace(payload.steps, np.concatenate([payload.main, payload.twin], 1))
        if not self.exact:
            self.projected = payload
            self.explained = payload.explained
            self._relabel()
        self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest("trajectory")]

    def paths_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(steps (N,), algorithm phi (N, d), twin phi (N, d)) as drawn."""
        steps, rows = self.history.steps, self.history.rows
        return steps.astype(float), rows[:, : self.dim], rows[:, self.dim :]

    def _xy(self, steps: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Screen coordinates: (step, w) for one parameter, the parameters (or PCA) otherwise."""
        if self.dim == 1:
            return np.column_stack([steps, values[:, 0]])
        return values[:, :2]

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        steps, main, twin = self.paths_data()
        last = steps[-1] if len(steps) else 0.0
        vb = self.figure.plot.vb
        most = max(MIN_PATH_POINTS, int(PATH_POINTS_PER_PIXEL * max(vb.width(), vb.height())))
        for i, path in enumerate((main, twin)):
            xy = self._xy(steps, path)
            drawn = _thin(xy, most)
            self.paths[i].setData(drawn[:, 0], drawn[:, 1])
            if len(xy) == 0:
                self.phis[i].setData([], [])
                self.thetas[i].setData([], [])
                self.arrows[i].set_data(np.zeros((0, 2)), np.zeros((0, 2)))
                continue
            phi = xy[-1]
            self.phis[i].setData([phi[0]], [phi[1]])
            thetas = np.asarray(self.current_thetas[i], dtype=float).reshape(-1, self.dim)
            ends = self._xy(np.full(len(thetas), last), thetas)
            self.thetas[i].setData(ends[:, 0], ends[:, 1])
            self.arrows[i].set_data(np.repeat(phi[None], len(ends), 0), ends)
        start = self._xy(steps[:1], main[:1])
        self.start.setData(start[:, 0], start[:, 1])
        self._draw_optima(last)

    def _draw_optima(self, last: float) -> None:
        key = (id(self.minima), self.dim, last if self.dim == 1 else None)
        if key == self._optima_key:
            return  # 16 empty setData calls per frame otherwise: a third of a redraw
        self._optima_key = key
        n = len(self.minima)
        for i in range(MAX_TASKS):
            line, mark = self.optimum_lines[i], self.optimum_marks[i]
            if i >= n:
                line.setData([], [])
                mark.setData([], [])
            elif self.dim == 1:
                c = self.minima[i, 0]
                line.setData([0.0, max(last, 1.0)], [c, c])
                mark.setData([], [])
            else:
                line.setData([], [])
                mark.setData([self.minima[i, 0]], [self.minima[i, 1]])
            # Empty items still cost the auto-range and the paint a visit each (32 of them
            # for a network, which has no optima); hidden, they cost nothing.
            line.setVisible(i < n and self.dim == 1)
            mark.setVisible(i < n and self.dim != 1)
        # A legend sample draws an "invisible" eye for a hidden item and repaints only when
        # asked: without this the optima's samples kept that icon once the lines showed.
        for sample, _label in self.figure.legend.items:
            sample.update()

    def curve_table(self) -> list[CurveColumn]:
        steps, main, twin = self.paths_data()
        if self.dim == 1:
            axes = ["parameter w"]
        elif self.exact:
            axes = ["parameter w1", "parameter w2"]
        else:
            axes = ["PC 1", "PC 2"]
        columns = [CurveColumn("meta-iteration", steps)]
        for name, path in zip(self.labels, (main, twin), strict=True):
            for j, axis in enumerate(axes):
                columns.append(CurveColumn(f"phi ({name}) [{axis}]", path[:, j]))
        for name, thetas in zip(self.labels, self.current_thetas, strict=True):
            values = np.asarray(thetas, dtype=float).reshape(-1, len(axes))
            for j, axis in enumerate(axes):
                header = plain(f"{THETA_N} from {PHI} ({name}), current batch [{axis}]")
                columns.append(CurveColumn(header, values[:, j]))
        return columns


def _thin(xy: np.ndarray, most: int) -> np.ndarray:
    """At most ``most`` rows of the path, evenly spread, the first and the last kept (phi's
    current position is the last row). Short paths are returned as they are."""
    if len(xy) <= most:
        return xy
    return xy[np.unique(np.linspace(0, len(xy) - 1, most).round().astype(int))]
