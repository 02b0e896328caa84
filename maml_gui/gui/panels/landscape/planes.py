"""A network (LandscapeKind.PLANES): a 2-D slice of its parameter space, the loss of task a,
task b or their mean before or after one inner step, with phi, theta_a and theta_b, the twin's
phi and, in the PCA plane, both paths of phi. The markers come with the slice, projected onto
that very plane, so snapshots change nothing here."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox

from maml_gui.core.records import (
    PLANE_KINDS,
    PayloadKind,
    PayloadRequest,
    PlaneLandscape,
    RunInfo,
)
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import PHI, plain
from maml_gui.gui.panels.landscape.canvas import LEARNER_COLORS, LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LandscapePainter, LegendEntries
from maml_gui.gui.panels.learners import paint_learners

#: grid points along each axis of a slice
PLANE_RESOLUTION = 61
#: a large net (FamilyTraits.is_large; Conv4) gets its slice in passes, each asked for once
#: the previous one arrived: a coarse grid first, then a finer one. Measured on this machine,
#: Conv4 at HW15's width, one thread (tests/benchmarks/conv4_landscape.py): the plain loss
#: 2.4 s at 21 x 21 and 8.9 s at 41 x 41; with the loss after one inner step (a gradient per
#: grid point) 10 s and 41 s.
COARSE_RESOLUTION = 21
FINE_RESOLUTION = 41
#: how each plane kind (records.PLANE_KINDS) is offered and what its axes are
PROGRESS = (
    QT_TRANSLATE_NOOP("Landscape", " (refining…)"),
    QT_TRANSLATE_NOOP("Landscape", " (computing…)"),
)
PLANE_TEXT = {
    "phi-thetas": QT_TRANSLATE_NOOP("Landscape", "through φ, θ_a, θ_b"),
    "pca": QT_TRANSLATE_NOOP("Landscape", "PCA of the φ paths"),
    "random": QT_TRANSLATE_NOOP("Landscape", "random (filter-normalised)"),
}
PLANE_AXES = {
    "phi-thetas": (
        QT_TRANSLATE_NOOP("Landscape", "direction from φ to θ<sub>a</sub>"),
        QT_TRANSLATE_NOOP("Landscape", "orthogonal direction, toward θ<sub>b</sub>"),
    ),
    "pca": (
        QT_TRANSLATE_NOOP("Landscape", "PC 1 of the φ paths"),
        QT_TRANSLATE_NOOP("Landscape", "PC 2 of the φ paths"),
    ),
    "random": (
        QT_TRANSLATE_NOOP("Landscape", "random direction 1 (filter-normalised)"),
        QT_TRANSLATE_NOOP("Landscape", "random direction 2"),
    ),
}
#: a plane kind without its own axis names
OTHER_AXES = (
    QT_TRANSLATE_NOOP("Landscape", "direction 1"),
    QT_TRANSLATE_NOOP("Landscape", "direction 2"),
)
#: the one plane whose axes are the paths' own main directions
PATHS_PLANE = "pca"
PATHS_NOTE = QT_TRANSLATE_NOOP(
    "Landscape",
    "The paths of φ are drawn in the PCA plane only: there the plane is made of the "
    "paths' own main directions. Projected onto any other plane, a path through the whole "
    "parameter space is mostly noise.",
)
#: the loss's range spans decades: the slice shows log10 of it, floored here
LOSS_FLOOR = 1e-12
#: a marker further off the plane than this (in units of |d1|) is drawn at its projection
#: and its legend entry says so; closer is rounding
OFF_PLANE = 1e-6


class PlanesPainter(LandscapePainter):
    shows_surface = True
    landscape: PlaneLandscape | None

    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        self.plane_box = QComboBox()
        self._offer_planes(PLANE_KINDS)
        self.plane_box.currentIndexChanged.connect(self._plane_changed)
        self.when_box = QComboBox()
        self.when_box.addItems(
            [
                translate("Landscape", "before adaptation"),
                translate("Landscape", "after one inner step"),
            ]
        )
        self.when_box.currentIndexChanged.connect(self._when_changed)
        self.pair_box = QComboBox()
        self.pair_box.addItems(
            [
                translate("Landscape", "task a"),
                translate("Landscape", "task b"),
                translate("Landscape", "mean of a and b"),
            ]
        )
        self.pair_box.currentIndexChanged.connect(lambda _index: canvas.changed())
        self.controls += [
            canvas.add_control(
                translate("Landscape", "plane"),
                self.plane_box,
                translate("Landscape", PATHS_NOTE),
            ),
            canvas.add_control(translate("Landscape", "loss"), self.when_box, ""),
            canvas.add_control(translate("Landscape", "of"), self.pair_box, ""),
        ]
        self.paths = [canvas.styler.curve(c, 0.6) for c in LEARNER_COLORS]
        for item in self.paths:
            # Paths run far outside the slice (they are projections of points off the plane);
            # the view should frame the computed slice, not them.
            canvas.figure.add(item, ignore_bounds=True)

        #: a large net's slice comes in passes (FamilyTraits.is_large)
        self.progressive = False
        self.pass_index = 0

    def reset(self, info: RunInfo) -> None:
        super().reset(info)
        self.progressive = info.traits.is_large
        self.pass_index = 0
        paint_learners(self.canvas.styler, self.who, [self.paths[0]], [self.paths[1]])
        offered = [self.plane_box.itemData(i) for i in range(self.plane_box.count())]
        if offered != list(info.traits.planes):  # else the user's choice outlives the reset
            self._offer_planes(info.traits.planes)

    def _offer_planes(self, kinds: tuple[str, ...]) -> None:
        self.plane_box.blockSignals(True)
        self.plane_box.clear()
        for kind in kinds:
            self.plane_box.addItem(translate("Landscape", PLANE_TEXT.get(kind, kind)), kind)
        self.plane_box.blockSignals(False)

    def _plane_changed(self, _index: int) -> None:
        self.landscape = None  # the old slice no longer matches the chosen plane
        self.pass_index = 0
        self.canvas.changed()  # the legend lists the paths in the PCA plane only
        self.canvas.requests_changed()

    def _when_changed(self, _index: int) -> None:
        self.canvas.changed()
        if self.progressive:  # the loss after an inner step has passes of its own
            self.pass_index = 0
            self.canvas.requests_changed()

    @property
    def shows_adapted(self) -> bool:
        return self.when_box.currentIndex() == 1

    def passes(self) -> list[tuple[int, bool]]:
        """(resolution, with the loss after one inner step) of each pass, coarse to fine."""
        if not self.progressive:
            return [(PLANE_RESOLUTION, True)]
        adapted = self.shows_adapted
        return [(COARSE_RESOLUTION, adapted), (FINE_RESOLUTION, adapted)]

    @property
    def refining(self) -> bool:
        """Whether a finer pass than the slice shown is still to come (or none is shown)."""
        land = self.landscape
        if land is None or self._grids(land) is None:
            return True
        return self.pass_index < len(self.passes()) - 1 or len(land.a) < self.passes()[-1][0]

    @property
    def plane_kind(self) -> str:
        return self.plane_box.currentData() or PLANE_KINDS[0]

    @property
    def shows_paths(self) -> bool:
        """phi's paths mean something on the slice only in the PCA plane (see PATHS_NOTE)."""
        return self.plane_kind == PATHS_PLANE

    # -- texts ---------------------------------------------------------------------------
    def legend(self) -> LegendEntries:
        """phi is the slice's origin; the twin's phi and the thetas lie off most planes and
        are drawn at their projections: their entries say "projected", and the twin's is left
        out while its dot falls outside the slice (it is not drawn then)."""
        main, twin = self.labels
        phis = self.canvas.phis
        entries = [(phis[0], f"{PHI} ({main})")]
        if self.who.twin_shown and self._twin_on_slice():
            projected = translate("Landscape", ", projected") if self._off("twin_phi_off") else ""
            entries.append((phis[1], f"{PHI} ({twin}){projected}"))
        thetas = translate("Landscape", "θ<sub>a</sub>, θ<sub>b</sub> from {phi} ({learner})")
        thetas = thetas.format(phi=PHI, learner=main)
        if self._off("thetas_off"):
            thetas += translate("Landscape", ", projected")
        entries.append((self.canvas.thetas[0], thetas))
        if self.shows_paths:
            path_of = translate("Landscape", "path of {phi} ({learner})")
            paths = [
                (self.paths[0], path_of.format(phi=PHI, learner=main)),
                (self.paths[1], path_of.format(phi=PHI, learner=twin)),
            ]
            entries += self.who.legend(paths, [self.paths[1]])
        return entries

    def text(self) -> tuple[str, str, str]:
        x, y = self._axes()
        when, pair = self.when_box.currentText(), self.pair_box.currentText()
        title = translate("Landscape", "{surface} of {pair}, {when}").format(
            surface=self.surface_label(), pair=pair, when=when
        )
        if self.progressive and self.refining:
            refining = self.landscape is not None
            title += translate("Landscape", " (refining…)" if refining else " (computing…)")
        return title, x, y

    def surface_label(self) -> str:
        return f"log<sub>10</sub> {self.loss_name}"

    def _off(self, key: str) -> bool:
        """Whether a marker of the current slice lies off its plane."""
        land = self.landscape
        if land is None or key not in land.markers:
            return False
        return bool(np.any(np.asarray(land.markers[key]) > OFF_PLANE))

    def _twin_on_slice(self) -> bool:
        """Whether the twin's (projected) phi falls inside the computed slice."""
        land = self.landscape
        twin = None if land is None else land.markers.get("twin_phi")
        if twin is None:
            return land is None  # before the first slice the entry names what will come
        return bool(land.a[0] <= twin[0] <= land.a[-1] and land.b[0] <= twin[1] <= land.b[-1])

    def _axes(self) -> tuple[str, str]:
        x, y = PLANE_AXES.get(self.plane_kind, OTHER_AXES)
        return translate("Landscape", x), translate("Landscape", y)

    # -- data in -------------------------------------------------------------------------
    def on_payload(self, payload) -> bool:
        if not isinstance(payload, PlaneLandscape) or payload.plane.kind != self.plane_kind:
            return False  # not a slice, or a late answer for an old plane
        passes = self.passes()
        wanted = passes[min(self.pass_index, len(passes) - 1)]
        if self._grids(payload) is None and self.landscape is not None:
            return False  # a late coarse answer without what is shown: keep the slice
        self.landscape = payload
        arrived = (len(payload.a), payload.adapted is not None)
        if self.pass_index < len(passes) - 1 and arrived[0] >= wanted[0]:
            self.pass_index += 1  # refine: ask for the next pass
            self.canvas.requests_changed()
        return True

    def requests(self) -> list[PayloadRequest]:
        passes = self.passes()
        resolution, adapted = passes[min(self.pass_index, len(passes) - 1)]
        params = (("plane", self.plane_kind), ("resolution", resolution), ("adapted", adapted))
        return [PayloadRequest(PayloadKind.PLANE_LANDSCAPE, params)]

    def _grids(self, land: PlaneLandscape) -> np.ndarray | None:
        """The slice's grids for the loss shown (None: not computed in that pass)."""
        return land.adapted if self.shows_adapted else land.plain

    # -- drawing -------------------------------------------------------------------------
    def static_key(self) -> tuple:
        return (
            id(self.landscape),
            self.plane_kind,
            self.when_box.currentIndex(),
            self.pair_box.currentIndex(),
        )

    def values(self) -> tuple[np.ndarray, str]:
        """log10 of the selected slice and its contour colour."""
        land = self.landscape
        after = self.shows_adapted
        grids = self._grids(land)
        pair = self.pair_box.currentIndex()
        if pair < 2:
            values, color = grids[pair], palette.task_color(pair)
        else:
            values = grids[:2].mean(axis=0)
            color = palette.OBJECTIVE_COLOR if after else palette.PRETRAINING_COLOR
        return np.log10(np.maximum(values, LOSS_FLOOR)), color

    def clear(self) -> None:
        self.canvas.contours.clear()
        for item in self.paths:
            item.setData([], [])

    def draw(self, static: bool) -> None:
        land = self.landscape
        if land is None or not static:
            return  # the markers change with the slice only
        if self._grids(land) is None:  # the loss after a step is still being computed
            self.canvas.contours.clear()
            return
        canvas = self.canvas
        values, color = self.values()
        canvas.contours.set_data(values, land.a, land.b, color)
        marks = land.markers
        for k, key in enumerate(("main_path", "twin_path")):
            if key in marks and self.shows_paths:
                self.paths[k].setData(marks[key][:, 0], marks[key][:, 1])
        phi = marks.get("phi")
        if phi is not None:
            canvas.place(0, phi, marks.get("thetas", np.zeros((0, 2))))
        twin = marks.get("twin_phi")
        if twin is not None and self._twin_on_slice():
            canvas.phis[1].setData([twin[0]], [twin[1]])
        # Frame the computed slice, not markers far off it (e.g. the twin's phi).
        canvas.figure.plot.disableAutoRange()
        canvas.figure.plot.vb.setRange(rect=canvas.contours.rect, padding=0)

    def curve_table(self) -> list[CurveColumn]:
        land = self.landscape
        if land is None or self._grids(land) is None:
            return []
        ga, gb = np.meshgrid(land.a, land.b)
        values, _ = self.values()
        x, y = (plain(t) for t in self._axes())
        return [
            CurveColumn(f"{x} [parameter distance]", ga.ravel()),
            CurveColumn(f"{y} [parameter distance]", gb.ravel()),
            CurveColumn(plain(f"log10 {self.loss_name}"), values.ravel()),
        ]
