"""The landscape view: one plot with a colour bar and a row of controls, shared by the
painters (``registry``); the run's family picks which of them draws (its LandscapeKind)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP

from maml_gui.core.records import LandscapeKind, PayloadRequest, RunInfo
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import PlotPanel
from maml_gui.gui.panels.landscape.canvas import LEARNER_COLORS, LandscapeCanvas
from maml_gui.gui.panels.landscape.explore import ExploreOverlay
from maml_gui.gui.panels.landscape.painter import LandscapePainter
from maml_gui.gui.panels.landscape.registry import PAINTERS
from maml_gui.gui.panels.landscape.toy import ToyPainter
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.plotting.arrows import ArrowSet
from maml_gui.gui.plotting.contours import ContourMap

#: perceptually uniform and free of blue, orange and red, so the blue/vermillion markers and
#: the task-coloured contours stay the loudest things on the slice: colorcet's CET-L9
#: (blue-green-yellow-white) without its blue start and its white end (white theta markers)
SURFACE_COLORMAP = pg.colormap.get("CET-L9").getSubset(0.45, 0.5)
#: what the view shows before its first run
FIRST_KIND = LandscapeKind.CURVES


class LandscapePanel(PlotPanel):
    key = "landscape"
    title = QT_TRANSLATE_NOOP("Views", "Task loss landscape")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "Each coloured curve is one task's loss l_n as a function of the parameter. The "
        "dashed vermillion curve is the pretraining objective: the average loss of the "
        "parameter itself, on all tasks, now (current performance). The green curve is the "
        "MAML objective: the average loss after m inner steps from that parameter "
        "(potential); with m = 0 the two are the same. The big dots are phi of the chosen "
        "algorithm (blue) and of pretraining (vermillion); the arrows show where one inner "
        "step takes each phi on each task (theta_n). Pretraining's phi sits where all tasks "
        "are good now, and may get stuck in a local minimum; MAML's phi may look poor itself, "
        "but one step takes it into every task's own minimum.\n\n"
        "Explore phi (Ctrl+E, toys only) puts a phi of your own on the picture: drag it, or "
        "move it with the arrow keys (Shift: further). Every task's theta_n after m steps "
        "follows it (black diamonds, the steps dotted), and four arrows show where each "
        "algorithm would move it: MAML's exact meta-gradient through the m steps (black), "
        "FOMAML's, which drops the curvature of those steps (purple, dashed), Reptile's step "
        "toward the tasks' mean per step and rate (brown, dash-dot) and iMAML's implicit "
        "gradient for the lambda you set (indigo, dotted). The arrows are -g on one common "
        "scale, the longest a quarter of the view; the line under the controls gives the "
        "MAML objective there, the angle between MAML and FOMAML and the size of the "
        "curvature term. With m = 0 every arrow is the pretraining gradient; as m grows the "
        "objective's valleys move toward the tasks' own minima.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
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
        self.arrows = [ArrowSet(s, plot, c, 1.3) for c in LEARNER_COLORS]
        self.thetas = [s.markers(c, "o", 8, fill="#FFFFFF") for c in LEARNER_COLORS]
        self.phis = [s.markers(c, "o", 13) for c in LEARNER_COLORS]
        for item in [*self.thetas, *self.phis]:
            item.setZValue(10)  # above every painter's curves and contours
            self.figure.add(item)
        self.canvas = LandscapeCanvas(
            styler=s,
            figure=self.figure,
            contours=self.contours,
            phis=self.phis,
            thetas=self.thetas,
            arrows=self.arrows,
            add_control=self.add_control,
            changed=self._changed,
            requests_changed=self.requests_changed.emit,
        )
        self.kind_painters: dict[LandscapeKind, LandscapePainter] = {
            kind: painter(self.canvas) for kind, painter in PAINTERS.items()
        }
        self.explore = ExploreOverlay(
            self.canvas,
            self.view,
            [p for p in self.kind_painters.values() if isinstance(p, ToyPainter)],
            lambda: self.painter,
            self._legend_changed,
            parent=self,
        )
        self.layout().insertWidget(1, self.explore.readout)
        self.addActions(self.explore.actions())
        self.controls.addStretch(1)
        plot.vb.sigResized.connect(self._view_resized)
        self.painter = self.kind_painters[FIRST_KIND]
        self._show_controls()
        self.info: RunInfo | None = None
        self._static_key: tuple | None = None

    def _show_controls(self) -> None:
        for painter in self.kind_painters.values():
            for control in painter.controls:
                control.setVisible(painter is self.painter)

    def _view_resized(self, *_args) -> None:
        if self.info is not None and self.painter.view_resized():
            self.requests_changed.emit()

    def _changed(self) -> None:
        if self.info is not None:
            self._legend_changed()
            self._relabel()
        self.dirty = True

    def _legend_changed(self) -> None:
        self.figure.set_legend(self.painter.legend() + self.explore.legend())

    def reset(self, info: RunInfo) -> None:
        self.info = info
        for painter in self.kind_painters.values():
            painter.clear()  # a painter left behind keeps no data on the plot
        self.canvas.clear_markers()
        paint_learners(
            self.styler,
            learners(info.config.algorithm),
            [self.phis[0], self.thetas[0], self.arrows[0]],
            [self.phis[1], self.thetas[1], self.arrows[1]],
        )
        self.painter = self.kind_painters[info.traits.landscape]
        self.painter.reset(info)
        self._show_controls()
        self.explore.reset(info)
        self._static_key = None
        plot = self.figure.plot
        plot.setAspectLocked(self.painter.locks_aspect)
        plot.enableAutoRange()  # a slice frames itself once drawn (PlanesPainter.draw)
        self.color_bar.setVisible(self.painter.shows_surface)
        self.contours.image.setVisible(self.painter.shows_surface)
        self._legend_changed()
        self._relabel()
        self.dirty = True

    def _relabel(self) -> None:
        title, x, y = self.painter.text()
        self.figure.set_text(title=title, x=x, y=y)
        self._label_bar()

    def _label_bar(self) -> None:
        if self.info is None or not self.painter.shows_surface:
            return
        label = self.painter.surface_label()
        self.contours.image.readout_name = label  # the hover read-out's name for its value
        fg, pt = self.styler.theme["foreground"], self.styler.theme["font_pt"]
        if self._bar_style != (label, fg, pt):  # re-labelling re-lays out the scene
            self._bar_style = (label, fg, pt)
            self.color_bar.axis.setLabel(label, **{"font-size": f"{pt:g}pt", "color": fg})
            self.color_bar.axis.setTextPen(pg.mkPen(fg))

    def apply_theme(self, theme: dict) -> None:
        super().apply_theme(theme)
        self._label_bar()

    # -- data in ---------------------------------------------------------------------------
    def on_snapshot(self, snapshot) -> None:
        if self.painter.on_snapshot(snapshot):
            self.dirty = True

    def on_payload(self, payload) -> None:
        if self.explore.on_payload(payload):
            # drawn now, as the function space draws the user's own task: the marker's
            # arrows follow the drag, not the view host's next turn for this view
            self._legend_changed()
            return
        if self.painter.on_payload(payload):
            # A legend may depend on the payload (a slice's markers may be projected or off
            # it); set_legend rebuilds only when the entries changed.
            self._legend_changed()
            self._relabel()  # a slice computed in passes says whether it is refining
            self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        return self.painter.requests() + self.explore.requests()

    # -- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        if self.contours.pending:
            self.contours.advance()
        if not self.dirty:
            return
        self.dirty = False
        # Curves and contours change with the payload or a control, not with each snapshot:
        # isocurves cost milliseconds apiece, so they are redrawn only when their inputs change.
        key = (id(self.painter), self.painter.static_key())
        static, self._static_key = key != self._static_key, key
        if static:
            self.painter.clear()
            self.canvas.clear_markers()
        self.painter.draw(static)
        self.explore.draw()  # 1-D: the marker sits on the objective for the m shown
        if static and self.painter.shows_surface:
            self.color_bar.setLevels(self.contours.range)

    def finish_pending(self) -> None:
        """Complete any progressive drawing now (before an export)."""
        self.redraw()
        self.contours.advance(-1)

    def copy_view_state(self, target: LandscapePanel) -> None:
        """What no control holds: the explore marker, its place and its arrows' toggles (a
        twin drawn off screen, for an animation or another language, shows them too)."""
        source, twin = self.explore, target.explore
        for key, action in source.arrow_actions.items():
            twin.arrow_actions[key].setChecked(action.isChecked())
        if source.on and source.phi is not None:
            twin.phi = source.phi.copy()
            twin.set_on(True)

    # -- CSV -------------------------------------------------------------------------------
    def curve_table(self) -> list[CurveColumn]:
        # the explore marker's numbers first: one row, not lost beyond a grid's thousands
        columns = self.explore.curve_table() + self.painter.curve_table()
        for k, name in enumerate(self.painter.labels):
            x, y = self.phis[k].getData()
            if x is not None and len(x):
                columns.append(CurveColumn(f"phi ({name}) [x]", np.asarray(x)))
                columns.append(CurveColumn(f"phi ({name}) [y]", np.asarray(y)))
        return columns
