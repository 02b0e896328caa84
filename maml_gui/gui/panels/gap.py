"""MAML versus pretraining: the same held-out tasks, the same fine-tuning budget, two starting
points. Left: query loss after k = 0..K_test steps (mean and 95% band). Right: the loss after
K_test steps (and at k = 0) at each evaluation during meta-training."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox

from maml_gui.core.records import GAP_ACCURACY_START, GAP_HISTORY_WIDTH, GapCurve, GapResult
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import learner_labels, loss_label
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, PlotPanel, view_history
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.panels.setting_marks import (
    K_COLUMN,
    SETTING_SLICE,
    SettingMarks,
    changes,
    connections,
    describe,
)
from maml_gui.gui.plotting.styles import Style

DASH = Qt.PenStyle.DashLine
#: what a classifier's gap shows: HW15's report plots accuracy; the loss is what MAML minimises
METRICS = {"accuracy": "query accuracy", "loss": "query loss"}  # translated as loss names


class GapPanel(PlotPanel):
    key = "gap"
    title = QT_TRANSLATE_NOOP("Views", "MAML vs pretraining gap")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "Held-out tasks the learners never trained on. Each starts from its own phi and takes "
        "k fine-tuning steps on the task's support set; the curve is the query loss after k "
        "steps (band: 95% interval over the tasks). At k = 0 you see current performance: "
        "pretraining's phi is often better there. After a few steps you see potential: MAML's "
        "phi was chosen so that the adapted theta_n are good, and it usually ends lower even "
        "though it trained with one inner step. The right plot follows both numbers through "
        "meta-training. For classification (Omniglot) the view shows query accuracy, as "
        "HW15's report plots do: accuracy against the inner steps at inference (left) and "
        "over meta-iterations (right); the metric box switches to the loss MAML minimises.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.metric_box = QComboBox()
        for key, text in METRICS.items():
            self.metric_box.addItem(loss_label(text), key)
        self.metric_box.currentIndexChanged.connect(self._metric_changed)
        self.metric_control = self.add_control(
            translate("Views", "show"),
            self.metric_box,
            translate("Views", "query accuracy (HW15's plots) or query loss"),
        )
        self.metric_control.hide()  # classification only
        self.controls.addStretch(1)
        self.steps_fig = self.add_plot(0, 0, legend_columns=1)
        self.time_fig = self.add_plot(0, 1, legend_columns=2)
        for col in (0, 1):  # two equal halves, whatever the titles' widths
            self.view.ci.layout.setColumnStretchFactor(col, 1)
            self.view.ci.layout.setColumnPreferredWidth(col, 10)
        s = self.styler
        colors = (palette.ALGORITHM_COLOR, palette.PRETRAINING_COLOR)
        self.means, self.bounds, self.bands = [], [], []
        for color in colors:
            mean = s.curve(color, 1.0, symbol="o", symbol_size=6)
            low, high = pg.PlotCurveItem(), pg.PlotCurveItem()
            band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(_with_alpha(color, 50)))
            self.steps_fig.plot.addItem(band)
            self.steps_fig.add(mean)
            self.means.append(mean)
            self.bounds.append((low, high))
            self.bands.append(band)
        self.trained_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            label=translate("Views", "meta-training used k = {value:g}"),
            labelOpts={"position": 0.92, "color": "#505050", "anchors": [(0, 0.5), (0, 0.5)]},
        )
        s.style(self.trained_line, Style("#707070", 0.5, Qt.PenStyle.DotLine))
        self.steps_fig.plot.addItem(self.trained_line)
        # Right: solid after K_test steps (potential), dashed at k = 0 (current).
        self.after = [s.curve(c, 1.0) for c in colors]
        self.before = [s.curve(c, 0.7, DASH) for c in colors]
        for item in self.after + self.before:
            self.time_fig.add(item)
        self.marks = SettingMarks(s, self.time_fig.plot)
        self.result: GapResult | None = None
        #: the right-hand plot's evaluations: algorithm k=0, k=K, twin k=0, k=K, then the
        #: setting each was measured under (K_test, test inner lr, held-out tasks)
        self.history = view_history(GAP_HISTORY_WIDTH)
        self.k_test: int | None = None
        self.info: RunInfo | None = None
        self.labels = ("", "")
        self.who = learners("maml")

    def dock_title(self, info: RunInfo) -> str:
        """Names the chosen algorithm: the gap is between it and its pretraining twin."""
        main, twin = learner_labels(info.config.algorithm)
        if not learners(info.config.algorithm).twin_shown:
            # no twin apart from it
            return translate("Views", "{learner}: fine-tuning on held-out tasks").format(
                learner=main
            )
        return translate("Views", "{learner} vs {twin} gap").format(learner=main, twin=twin.lower())

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.result = None
        self.history.clear()
        self.k_test = None
        self.labels = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)
        paint_learners(
            self.styler,
            self.who,
            [self.means[0], self.after[0], self.before[0]],
            self._twin_items(),
        )
        self.bands[0].setBrush(pg.mkBrush(_with_alpha(self.who.colors[0], 50)))
        self.trained_line.setValue(info.config.train_inner_steps)
        self.metric_control.setVisible(info.traits.is_classifier)
        self._relabel()
        self.dirty = True

    @property
    def shows_accuracy(self) -> bool:
        classifier = self.info is not None and self.info.traits.is_classifier
        return classifier and self.metric_box.currentData() == "accuracy"

    def _metric_changed(self, _index: int) -> None:
        self._relabel()
        self.dirty = True

    def _place_trained_label(self) -> None:
        """Out of the curves' way: accuracy climbs to the top after one step, a loss falls to
        the bottom."""
        self.trained_line.label.setPosition(0.08 if self.shows_accuracy else 0.92)

    def _twin_items(self) -> list:
        return [self.means[1], self.bands[1], self.after[1], self.before[1]]

    def _unit(self) -> str:
        if self.shows_accuracy:
            return loss_label("query accuracy")
        return loss_label(self.info.traits.loss_name if self.info else "query loss")

    def _curves(self) -> tuple[GapCurve, GapCurve] | None:
        """The left plot's curves in the metric shown."""
        result = self.result
        if result is None:
            return None
        if self.shows_accuracy:
            return result.accuracy
        return result.algorithm, result.pretraining

    def _shown_columns(self) -> int:
        """Where the shown metric's four history columns start."""
        return GAP_ACCURACY_START if self.shows_accuracy else 0

    def _relabel(self) -> None:
        main, twin = self.labels
        k = self.k_test if self.k_test is not None else "K"
        if len(changes(self.history.rows[:, K_COLUMN])):
            k = "K<sub>test</sub>"  # the marks say which K each stretch of the curve used
        twin_items = self._twin_items()
        from_phi = translate("Views", "from {phi} ({learner})")
        after = translate("Views", "{learner}, after {k} steps")
        self.steps_fig.set_legend(
            self.who.legend(
                [
                    (self.means[0], from_phi.format(phi=PHI, learner=main)),
                    (self.means[1], from_phi.format(phi=PHI, learner=twin)),
                ],
                twin_items,
            )
        )
        self.time_fig.set_legend(
            self.who.legend(
                [
                    (self.after[0], after.format(learner=main, k=k)),
                    (self.after[1], after.format(learner=twin, k=k)),
                    (self.before[0], f"{main}, k = 0"),
                    (self.before[1], f"{twin}, k = 0"),
                ],
                twin_items,
            )
        )
        trained = self.info.config.train_inner_steps if self.info else 1
        if self.result:
            title = translate("Views", "Fine-tuning on held-out tasks (iteration {step})")
            title = title.format(step=self.result.step)
        else:
            title = translate("Views", "Fine-tuning on held-out tasks")
        self.steps_fig.set_text(
            title=title,
            x=translate("Views", "adaptation steps k"),
            y=translate("Views", "{unit} after k steps").format(unit=self._unit()),
        )
        used = translate("Views", "meta-training used {steps} inner step(s)")
        self.trained_line.setToolTip(used.format(steps=trained))
        self._place_trained_label()
        self.time_fig.set_text(
            title=translate("Views", "During meta-training"),
            x=translate("Views", "meta-iteration"),
            y=self._unit(),
        )

    def on_payload(self, payload) -> None:
        if not isinstance(payload, GapResult):
            return
        self.k_test = int(payload.algorithm.steps[-1])
        self.result = payload
        if len(payload.history_steps):
            # The run's own record (it survives saving and reopening) replaces ours: always,
            # for the timeline may have shown a shorter past one meanwhile.
            self.history.replace(payload.history_steps, payload.history)
        # A payload without the run's record (or one the run's thinning left out) still shows.
        lr = payload.test_inner_lr
        accuracy = [np.nan] * 4
        if payload.accuracy is not None:
            main, twin = payload.accuracy
            accuracy = [main.mean[0], main.mean[-1], twin.mean[0], twin.mean[-1]]
        self.history.record(
            payload.step,
            (
                payload.algorithm.mean[0],
                payload.algorithm.mean[-1],
                payload.pretraining.mean[0],
                payload.pretraining.mean[-1],
                self.k_test,
                np.nan if lr is None else lr,
                payload.algorithm.per_task.shape[0],
                *accuracy,
            ),
        )
        self._relabel()
        self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest("gap")]

    def history_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(steps, (N, 11): algorithm k=0, algorithm k=K, twin k=0, twin k=K, then the
        setting: K_test, test inner lr, held-out tasks, then the four as accuracy)."""
        return self.history.steps.astype(float), self.history.rows

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        curves = self._curves()
        for i in range(2):
            if curves is None:
                self.means[i].setData([], [])
                for curve in self.bounds[i]:
                    curve.setData([], [])
                continue
            curve = curves[i]
            steps = curve.steps.astype(float)
            self.means[i].setData(steps, curve.mean)
            self.bounds[i][0].setData(steps, curve.mean - curve.ci95)
            self.bounds[i][1].setData(steps, curve.mean + curve.ci95)
        steps, rows = self.history_arrays()
        settings = rows[:, SETTING_SLICE]
        breaks = changes(settings)
        connect = connections(len(steps), breaks)
        first = self._shown_columns()
        for i in range(2):
            self.before[i].setData(steps, rows[:, first + 2 * i], connect=connect)
            self.after[i].setData(steps, rows[:, first + 2 * i + 1], connect=connect)
        self.marks.set_marks(
            steps[breaks], [describe(settings[b], settings[b - 1]) for b in breaks]
        )

    def curve_table(self) -> list[CurveColumn]:
        unit = self._unit()
        main, twin = self.labels
        columns: list[CurveColumn] = []
        curves = self._curves()
        if curves is not None:
            columns.append(CurveColumn("adaptation steps k", curves[0].steps.astype(float)))
            for name, curve in zip((main, twin), curves, strict=True):
                columns.append(CurveColumn(f"from phi ({name}) mean [{unit}]", curve.mean))
                columns.append(CurveColumn(f"from phi ({name}) 95% CI half-width", curve.ci95))
        steps, rows = self.history_arrays()
        k = self.k_test
        columns.append(CurveColumn("meta-iteration", steps))
        mixed = len(changes(rows[:, SETTING_SLICE]))
        first = self._shown_columns()
        for i, name in enumerate((main, twin)):
            columns.append(CurveColumn(f"{name} at k = 0 [{unit}]", rows[:, first + 2 * i]))
            after = "K_test" if mixed else k
            shown = rows[:, first + 2 * i + 1]
            columns.append(CurveColumn(f"{name} after {after} steps [{unit}]", shown))
        columns.append(CurveColumn("K_test [steps]", rows[:, 4]))
        columns.append(CurveColumn("test inner learning rate", rows[:, 5]))
        columns.append(CurveColumn("held-out tasks", rows[:, 6]))
        return columns


def _with_alpha(color: str, alpha: int):
    c = pg.mkColor(color)
    c.setAlpha(alpha)
    return c
