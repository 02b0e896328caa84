"""The task loss landscape with phi and theta_n drawn on it: the seed notes' picture, alive.

- toy1d: each task's loss curve, the pretraining objective (1/N) sum_n l_n(phi) and the MAML
  objective (1/N) sum_n l_n(theta_n) after m inner steps (m = 0 is pretraining's objective);
  both phis on their objective's curve, and arrows along each task's curve from phi to theta_n.
- toy2d: contours of a task's loss or of either objective, with the same markers and arrows.
- sinusoid: a 2-D slice of the network's parameter space (through phi, theta_a and theta_b, or
  the PCA / random planes), loss before or after one inner step, with phi, the thetas, the
  twin's phi and both projected paths.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from maml_gui.core.records import PlaneLandscape, ToyLandscape
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import (
    PHI,
    THETA_N,
    ArrowSet,
    ContourMap,
    PlotPanel,
    learner_labels,
    plain,
)

M_MAX = 5
PLANE_RESOLUTION = 61
MAX_TASKS = len(palette.TASK_COLORS)
COLORS = (palette.ALGORITHM_COLOR, palette.PRETRAINING_COLOR)
PLANES = (
    ("phi-thetas", "through phi, theta_a, theta_b"),
    ("pca", "PCA of the phi paths"),
    ("random", "random (filter-normalised)"),
)
#: perceptually uniform and free of blue, orange and red, so the blue/vermillion markers and
#: the task-coloured contours stay the loudest things on the slice: colorcet's CET-L9
#: (blue-green-yellow-white) without its blue start and its white end (white theta markers)
SURFACE_COLORMAP = pg.colormap.get("CET-L9").getSubset(0.45, 0.5)
PATHS_NOTE = (
    "The paths of φ are drawn in the PCA plane only: there the plane is made of the "
    "paths' own main directions. Projected onto any other plane, a path through the whole "
    "parameter space is mostly noise."
)
PLANE_AXES = {
    "phi-thetas": (
        "direction from φ to θ<sub>a</sub>",
        "orthogonal direction, toward θ<sub>b</sub>",
    ),
    "pca": ("PC 1 of the φ paths", "PC 2 of the φ paths"),
    "random": ("random direction 1 (filter-normalised)", "random direction 2"),
}


class LandscapePanel(PlotPanel):
    key = "landscape"
    title = "Task loss landscape"
    help_text = (
        "Each coloured curve is one task's loss l_n as a function of the parameter. The "
        "dashed vermillion curve is the pretraining objective: the average loss of the "
        "parameter itself, on all tasks, now (current performance). The green curve is the "
        "MAML objective: the average loss after m inner steps from that parameter "
        "(potential); with m = 0 the two are the same. The big dots are phi of the chosen "
        "algorithm (blue) and of pretraining (vermillion); the arrows show where one inner "
        "step takes each phi on each task (theta_n). Pretraining's phi sits where all tasks "
        "are good now, and may get stuck in a local minimum; MAML's phi may look poor itself, "
        "but one step takes it into every task's own minimum."
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._build_controls()
        self.figure = self.add_plot(legend_columns=3)
        s, plot = self.styler, self.figure.plot
        self.contours = ContourMap(s, plot, colormap=SURFACE_COLORMAP)
        self.color_bar = pg.ColorBarItem(
            values=(0.0, 1.0), colorMap=SURFACE_COLORMAP, width=14, interactive=False
        )
        self.color_bar.setImageItem(self.contours.image, insert_in=plot)
        self.color_bar.axis.setWidth(None)  # fits the label (pyqtgraph fixes 45 px)
        self.color_bar.axis.enableAutoSIPrefix(False)  # "(x0.001)" would read as a unit
        self._bar_style: tuple | None = None
        self.task_curves = [s.curve(palette.task_color(i), 1.0) for i in range(MAX_TASKS)]
        self.pre_curve = s.curve(palette.PRETRAINING_COLOR, 0.8, Qt.PenStyle.DashLine)
        self.maml_curve = s.curve(palette.OBJECTIVE_COLOR, 1.2)
        self.paths = [s.curve(c, 0.6) for c in COLORS]
        self.optima = [s.markers(palette.task_color(i), "x", 12) for i in range(MAX_TASKS)]
        self.arrows = [ArrowSet(s, plot, c, 1.3) for c in COLORS]
        self.thetas = [s.markers(c, "o", 8, fill="#FFFFFF") for c in COLORS]
        self.phis = [s.markers(c, "o", 13) for c in COLORS]
        for item in [*self.task_curves, self.pre_curve, self.maml_curve, *self.optima]:
            self.figure.add(item)
        for item in self.paths:
            # Paths run far outside the slice (they are projections of points off the plane);
            # the view should frame the computed slice, not them.
            self.figure.add(item, ignore_bounds=True)
        for item in [*self.thetas, *self.phis]:
            item.setZValue(10)
            self.figure.add(item)
        self.info: RunInfo | None = None
        self.family = "toy1d"
        self.toy: ToyLandscape | None = None
        self.plane: PlaneLandscape | None = None
        self.phi = [np.zeros(0), np.zeros(0)]
        self.theta = [np.zeros((0, 1)), np.zeros((0, 1))]
        self.labels = ("", "")
        self._static_key: tuple | None = None

    def _build_controls(self) -> None:
        self.m_box = QSpinBox()
        self.m_box.setRange(0, M_MAX)
        self.m_box.setValue(1)
        self.m_box.valueChanged.connect(self._changed)
        self.m_control = self.add_control(
            "inner steps m", self.m_box, "MAML objective after m inner steps; m = 0 is pretraining"
        )
        self.surface_box = QComboBox()
        self.surface_box.currentIndexChanged.connect(self._changed)
        self.surface_control = self.add_control("show", self.surface_box)
        self.plane_box = QComboBox()
        for _, text in PLANES:
            self.plane_box.addItem(text)
        self.plane_box.currentIndexChanged.connect(self._plane_changed)
        self.plane_control = self.add_control("plane", self.plane_box, PATHS_NOTE)
        self.when_box = QComboBox()
        self.when_box.addItems(["before adaptation", "after one inner step"])
        self.when_box.currentIndexChanged.connect(self._changed)
        self.when_control = self.add_control("loss", self.when_box)
        self.pair_box = QComboBox()
        self.pair_box.addItems(["task a", "task b", "mean of a and b"])
        self.pair_box.currentIndexChanged.connect(self._changed)
        self.pair_control = self.add_control("of", self.pair_box)
        self.controls.addStretch(1)

    def _changed(self, *_args) -> None:
        self._relabel()
        self.dirty = True

    def _plane_changed(self, *_args) -> None:
        self.plane = None  # the old slice no longer matches the chosen plane
        if self.info is not None:
            self._legend(self.info.n_tasks)  # paths only in the PCA plane
        self._relabel()
        self.dirty = True
        self.requests_changed.emit()

    @property
    def plane_kind(self) -> str:
        return PLANES[self.plane_box.currentIndex()][0]

    @property
    def shows_paths(self) -> bool:
        """phi's paths mean something on the slice only in the PCA plane (see PATHS_NOTE)."""
        return self.family == "sinusoid" and self.plane_kind == "pca"

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.family = info.config.task
        self.toy = self.plane = None
        self._static_key = None
        self.labels = learner_labels(info.config.algorithm)
        dim = {"toy1d": 1}.get(self.family, 2)
        self.phi = [np.zeros(0), np.zeros(0)]
        self.theta = [np.zeros((0, dim)), np.zeros((0, dim))]
        toy = self.family != "sinusoid"
        self.m_control.setVisible(toy)
        self.surface_control.setVisible(self.family == "toy2d")
        for control in (self.plane_control, self.when_control, self.pair_control):
            control.setVisible(not toy)
        self.surface_box.blockSignals(True)
        self.surface_box.clear()
        self.surface_box.addItems(
            ["MAML objective", "pretraining objective"]
            + [f"task {i + 1}" for i in range(info.n_tasks)]
        )
        self.surface_box.blockSignals(False)
        # toy2d: true parameter geometry; sinusoid: the slice fills the plot (set in _frame)
        self.figure.plot.setAspectLocked(self.family == "toy2d")
        self.figure.plot.enableAutoRange()
        self.color_bar.setVisible(self.family != "toy1d")
        self._legend(info.n_tasks)
        self._relabel()
        self.dirty = True

    def _legend(self, n_tasks: int) -> None:
        main, twin = self.labels
        entries = []
        if self.family == "toy1d":
            for i in range(min(n_tasks, MAX_TASKS)):
                entries.append((self.task_curves[i], f"task {i + 1} loss l<sub>{i + 1}</sub>"))
            entries += [(self.pre_curve, "pretraining objective"), (self.maml_curve, "")]
        elif self.family == "toy2d":
            for i in range(min(n_tasks, MAX_TASKS)):
                entries.append((self.optima[i], f"optimum of task {i + 1}"))
        entries += [(self.phis[0], f"{PHI} ({main})"), (self.phis[1], f"{PHI} ({twin})")]
        if self.family == "sinusoid":
            entries.append((self.thetas[0], f"θ<sub>a</sub>, θ<sub>b</sub> from {PHI} ({main})"))
            if self.shows_paths:
                entries += [
                    (self.paths[0], f"path of {PHI} ({main})"),
                    (self.paths[1], f"path of {PHI} ({twin})"),
                ]
        else:
            entries += [
                (self.thetas[0], f"{THETA_N} from {PHI} ({main})"),
                (self.thetas[1], f"{THETA_N} from {PHI} ({twin})"),
            ]
        self.figure.set_legend(entries)

    def _relabel(self) -> None:
        if self.family == "toy1d":
            m = self.m_box.value()
            title = "Task losses and the two objectives"
            self.figure.set_text(title=title, x="parameter w", y="query loss")
            self._rename(self.maml_curve, f"MAML objective, m = {m}")
        elif self.family == "toy2d":
            self.figure.set_text(
                title=f"Contours: {self._surface_name()}",
                x="parameter w<sub>1</sub>",
                y="parameter w<sub>2</sub>",
            )
        else:
            x, y = PLANE_AXES[self.plane_kind]
            when = self.when_box.currentText()
            pair = self.pair_box.currentText()
            self.figure.set_text(title=f"log<sub>10</sub> query MSE of {pair}, {when}", x=x, y=y)
        self._label_bar()

    def _label_bar(self) -> None:
        label = "log<sub>10</sub> query MSE" if self.family == "sinusoid" else "query loss"
        fg, pt = self.styler.theme["foreground"], self.styler.theme["font_pt"]
        axis = self.color_bar.axis
        if self._bar_style != (label, fg, pt):  # re-labelling re-lays out the scene
            self._bar_style = (label, fg, pt)
            axis.setLabel(label, **{"font-size": f"{pt:g}pt", "color": fg})
            axis.setTextPen(pg.mkPen(fg))

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        self._label_bar()

    def _rename(self, item, name: str) -> None:
        for sample, label in self.figure.legend.items:
            if sample.item is item:
                label.setText(name, size=f"{self.styler.theme['font_pt']}pt")

    def _surface_name(self) -> str:
        index = max(self.surface_box.currentIndex(), 0)
        if index == 0:
            return f"MAML objective, m = {self.m_box.value()}"
        return self.surface_box.itemText(index)

    # -- data in ---------------------------------------------------------------------------
    def on_snapshot(self, snapshot) -> None:
        if self.family == "sinusoid":
            return  # the slice's markers come with it (projected onto that very plane)
        self.phi = [snapshot.main.phi, snapshot.twin.phi]
        self.theta = [snapshot.main.thetas, snapshot.twin.thetas]
        self.dirty = True

    def on_payload(self, payload) -> None:
        if isinstance(payload, ToyLandscape) and self.family != "sinusoid":
            self.toy = payload
            self.m_box.setMaximum(payload.maml.shape[0] - 1)
            self.dirty = True
        elif (
            isinstance(payload, PlaneLandscape)
            and self.family == "sinusoid"
            and payload.plane.kind == self.plane_kind  # a late answer for an old plane
        ):
            self.plane = payload
            self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        if self.family == "sinusoid":
            params = (("plane", self.plane_kind), ("resolution", PLANE_RESOLUTION))
            return [PayloadRequest("plane_landscape", params)]
        return [PayloadRequest("toy_landscape", (("m_max", M_MAX),))]

    # -- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        if self.contours.pending:
            self.contours.advance()
        if not self.dirty:
            return
        self.dirty = False
        # Curves and contours change with the payload or a control, not with each snapshot:
        # isocurves cost milliseconds apiece, so they are redrawn only when their inputs change.
        key = (
            id(self.toy),
            id(self.plane),
            self.family,
            self.m_box.value(),
            self.surface_box.currentIndex(),
            self.when_box.currentIndex(),
            self.pair_box.currentIndex(),
        )
        static, self._static_key = key != self._static_key, key
        if static:
            self._clear()
        if self.family == "toy1d" and self.toy is not None:
            self._draw_toy1d(self.toy, static)
        elif self.family == "toy2d" and self.toy is not None:
            self._draw_toy2d(self.toy, static)
        elif self.family == "sinusoid" and self.plane is not None and static:
            self._draw_plane(self.plane)

    def finish_pending(self) -> None:
        """Complete any progressive drawing now (before an export)."""
        self.redraw()
        self.contours.advance(-1)

    def _clear(self) -> None:
        for item in [*self.task_curves, self.pre_curve, self.maml_curve, *self.paths]:
            item.setData([], [])
        for item in [*self.optima, *self.thetas, *self.phis]:
            item.setData([], [])
        for arrows in self.arrows:
            arrows.set_data(np.zeros((0, 2)), np.zeros((0, 2)))
        self.contours.image.setVisible(self.family != "toy1d")

    def maml_index(self) -> int:
        return min(self.m_box.value(), self.toy.maml.shape[0] - 1) if self.toy else 0

    def _draw_toy1d(self, land: ToyLandscape, static: bool) -> None:
        w = land.axes[0]
        if static:
            for i, losses in enumerate(land.task_losses[:MAX_TASKS]):
                self.task_curves[i].setData(w, losses)
            self.pre_curve.setData(w, land.pretraining)
            self.maml_curve.setData(w, land.maml[self.maml_index()])
        if not len(self.phi[0]):
            return
        objectives = (land.maml[self.maml_index()], land.pretraining)
        for k in range(2):
            phi = float(self.phi[k][0])
            self.phis[k].setData([phi], [np.interp(phi, w, objectives[k])])
            thetas = self.theta[k][:, 0]
            n = min(len(thetas), len(land.task_losses))
            # The step drawn along task n's own curve: from l_n(phi) down to l_n(theta_n).
            paths = []
            for i in range(n):
                ws = np.linspace(phi, thetas[i], 48)
                paths.append(np.column_stack([ws, np.interp(ws, w, land.task_losses[i])]))
            self.thetas[k].setData([p[-1, 0] for p in paths], [p[-1, 1] for p in paths])
            self.arrows[k].set_paths(paths)

    def surface(self) -> tuple[np.ndarray, str]:
        """The toy2d grid on show and its contour colour."""
        land, index = self.toy, max(self.surface_box.currentIndex(), 0)
        if index == 0:
            return land.maml[self.maml_index()], palette.OBJECTIVE_COLOR
        if index == 1:
            return land.pretraining, palette.PRETRAINING_COLOR
        task = min(index - 2, len(land.task_losses) - 1)
        return land.task_losses[task], palette.task_color(task)

    def _draw_toy2d(self, land: ToyLandscape, static: bool) -> None:
        if static:
            values, color = self.surface()
            self.contours.set_data(values, land.axes[0], land.axes[1], color)
            self.color_bar.setLevels(self.contours.range)
            for i, minimum in enumerate(land.task_minima[:MAX_TASKS]):
                self.optima[i].setData([minimum[0]], [minimum[1]])
        if not len(self.phi[0]):
            return
        for k in range(2):
            phi, thetas = self.phi[k][:2], self.theta[k][:, :2]
            self.phis[k].setData([phi[0]], [phi[1]])
            self.thetas[k].setData(thetas[:, 0], thetas[:, 1])
            self.arrows[k].set_data(np.repeat(phi[None], len(thetas), 0), thetas)

    def plane_values(self) -> tuple[np.ndarray, str]:
        """log10 of the selected slice (MSE spans decades) and its contour colour."""
        land = self.plane
        grids = land.adapted if self.when_box.currentIndex() == 1 else land.plain
        pair = self.pair_box.currentIndex()
        if pair < 2:
            values, color = grids[pair], palette.task_color(pair)
        else:
            after = self.when_box.currentIndex() == 1
            values = grids[:2].mean(axis=0)
            color = palette.OBJECTIVE_COLOR if after else palette.PRETRAINING_COLOR
        return np.log10(np.maximum(values, 1e-12)), color

    def _draw_plane(self, land: PlaneLandscape) -> None:
        values, color = self.plane_values()
        self.contours.set_data(values, land.a, land.b, color)
        self.color_bar.setLevels(self.contours.range)
        marks = land.markers
        for k, key in enumerate(("main_path", "twin_path")):
            if key in marks and self.shows_paths:
                self.paths[k].setData(marks[key][:, 0], marks[key][:, 1])
            else:
                self.paths[k].setData([], [])
        phi = marks.get("phi")
        if phi is not None:
            self.phis[0].setData([phi[0]], [phi[1]])
            thetas = marks.get("thetas", np.zeros((0, 2)))
            self.thetas[0].setData(thetas[:, 0], thetas[:, 1])
            self.arrows[0].set_data(np.repeat(phi[None], len(thetas), 0), thetas)
        twin = marks.get("twin_phi")
        if twin is not None:
            self.phis[1].setData([twin[0]], [twin[1]])
        # Frame the computed slice, not markers far off it (e.g. the twin's phi).
        self.figure.plot.disableAutoRange()
        self.figure.plot.vb.setRange(rect=self.contours.rect, padding=0)

    # -- CSV ---------------------------------------------------------------------------------
    def curve_table(self) -> list[CurveColumn]:
        columns: list[CurveColumn] = []
        if self.family == "toy1d" and self.toy is not None:
            land = self.toy
            columns.append(CurveColumn("parameter w", land.axes[0]))
            for i, losses in enumerate(land.task_losses):
                columns.append(CurveColumn(f"task {i + 1} loss [query loss]", losses))
            columns.append(CurveColumn("pretraining objective [query loss]", land.pretraining))
            m = self.maml_index()
            columns.append(CurveColumn(f"MAML objective m={m} [query loss]", land.maml[m]))
        elif self.family == "toy2d" and self.toy is not None:
            gx, gy = np.meshgrid(self.toy.axes[0], self.toy.axes[1])
            values, _ = self.surface()
            columns += [
                CurveColumn("parameter w1", gx.ravel()),
                CurveColumn("parameter w2", gy.ravel()),
                CurveColumn(f"{plain(self._surface_name())} [query loss]", values.ravel()),
            ]
        elif self.family == "sinusoid" and self.plane is not None:
            ga, gb = np.meshgrid(self.plane.a, self.plane.b)
            values, _ = self.plane_values()
            x, y = (plain(t) for t in PLANE_AXES[self.plane_kind])
            columns += [
                CurveColumn(f"{x} [parameter distance]", ga.ravel()),
                CurveColumn(f"{y} [parameter distance]", gb.ravel()),
                CurveColumn("log10 query MSE", values.ravel()),
            ]
        for k, name in enumerate(self.labels):
            x, y = self.phis[k].getData()
            if x is not None and len(x):
                columns.append(CurveColumn(f"phi ({name}) [x]", np.asarray(x)))
                columns.append(CurveColumn(f"phi ({name}) [y]", np.asarray(y)))
        return columns
