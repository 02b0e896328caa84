"""Training curves: the meta-train query loss before adaptation (at phi: current performance)
and after it (at theta_n: potential), for the algorithm and its pretraining twin."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox

from maml_gui.core.records import LOSS_COLUMNS, LossHistory
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import learner_labels, loss_label
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, THETA_N, PlotPanel, plain, view_history
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.plotting.downsampling import bin_mean, bin_peak

DASH = Qt.PenStyle.DashLine
#: drawn points per pixel of plot width: the redraw runs up to 30 times a second, so paint cost
#: is what limits it. Measured on 2,200 noisy points (600 px plot): the four smoothed
#: curves as antialiased paths cost ~95 ms (the dashed ones 60 of it); binned to one point per
#: 3 px (mean) they cost a few ms. The raw data keeps its spikes: min and max of each pixel.
SMOOTH_PER_PIXEL = 1 / 3
RAW_PER_PIXEL = 1.0
MIN_BINS = 100


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's debiased exponential moving average (weight 0 = no smoothing).

    Non-finite values pass through and do not update the average. Vectorised (this runs on
    up to 4 x 4,096 points every frame; a Python loop took ~10 ms).
    """
    if weight <= 0 or len(values) == 0:
        return values.copy()
    out = np.array(values, dtype=float)
    finite = np.isfinite(out)
    v = out[finite]
    if v.size:
        debias = -np.expm1(np.arange(1, v.size + 1) * np.log(weight))  # 1 - weight**j
        out[finite] = _ema_from_zero(v, weight) / debias
    return out


def _ema_from_zero(v: np.ndarray, weight: float) -> np.ndarray:
    """last_j = weight * last_(j-1) + (1 - weight) * v_j, last_0 = 0, in closed form per chunk:
    last_(s+i) = w^(i+1) last_(s-1) + (1-w) w^i sum_(k<=i) w^(-k) v_(s+k). Chunks are short
    enough that w^(-k) stays below 1e12, so float64 keeps ~1e-12 relative accuracy."""
    chunk = int(min(4096, max(1, 12 / -np.log10(weight))))
    k = np.arange(min(chunk, v.size))
    grow, shrink = weight ** (-k.astype(float)), weight ** k.astype(float)
    out = np.empty_like(v)
    last = 0.0
    for start in range(0, v.size, chunk):
        part = v[start : start + chunk]
        n = part.size
        sums = np.cumsum(part * grow[:n])
        out[start : start + n] = weight * shrink[:n] * last + (1 - weight) * shrink[:n] * sums
        last = out[start + n - 1]
    return out


class MetricsPanel(PlotPanel):
    key = "metrics"
    title = QT_TRANSLATE_NOOP("Views", "Training curves")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "The meta-training loss on each batch's query sets. Dashed: the loss of phi itself, "
        "before any inner step (current performance, what pretraining minimises). Solid: the "
        "loss of theta_n, after the inner step(s) from phi (potential, what MAML minimises). "
        "Blue is the chosen algorithm, vermillion its pretraining twin trained on the same "
        "tasks (a pretraining run is its own twin: one learner, in vermillion). A "
        "meta-learner's solid line drops well below its dashed one; pretraining's dashed "
        "line is low, but one step does little for it.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.log_box = QCheckBox(translate("Views", "log scale"))
        self.log_box.toggled.connect(self._mark)
        self.smooth_box = QDoubleSpinBox()
        self.smooth_box.setRange(0.0, 0.99)
        self.smooth_box.setSingleStep(0.1)
        # 0.9: sinusoid losses are one noisy meta-batch each; the raw lines stay underneath
        self.smooth_box.setValue(0.9)
        self.smooth_box.valueChanged.connect(self._mark)
        self.add_control("", self.log_box)
        self.add_control(
            translate("Views", "smoothing (EMA)"),
            self.smooth_box,
            translate("Views", "0 shows the raw losses"),
        )
        self.controls.addStretch(1)
        # one column: the four entries name current vs potential and need the width
        self.figure = self.add_plot(legend_columns=1)
        s = self.styler
        colors = [palette.ALGORITHM_COLOR] * 2 + [palette.PRETRAINING_COLOR] * 2
        styles = [DASH, Qt.PenStyle.SolidLine] * 2
        # Faint raw data under the smoothed lines, as TensorBoard does.
        # Solid even for the "before" columns: Qt draws long dashed noisy paths ~10x slower.
        self.raw = [s.curve(c, 0.5, alpha=70) for c in colors]
        self.curves = [s.curve(c, 1.0, st) for c, st in zip(colors, styles, strict=True)]
        for item in self.raw + self.curves:
            self.figure.add(item)
        self.history = view_history(len(LOSS_COLUMNS))
        self.names = ["", "", "", ""]
        self.info: RunInfo | None = None
        self.who = learners("maml")

    def _mark(self, *_args) -> None:
        self.dirty = True

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.history.clear()
        main, twin = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)
        twin_items = [*self.curves[2:], *self.raw[2:]]
        paint_learners(self.styler, self.who, [*self.curves[:2], *self.raw[:2]], twin_items)
        at_phi = translate("Views", "{learner}: at {phi} (current)")
        at_theta = translate("Views", "{learner}: at {theta} (potential)")
        at_phi = translate("Views", "{learner}: at {phi} (current)")
        at_theta = translate("Views", "{learner}: at {theta} (potential)")
        self.names = [
            at_phi.format(learner=main, phi=PHI),
            at_theta.format(learner=main, theta=THETA_N),
            at_phi.format(learner=twin, phi=PHI),
            at_theta.format(learner=twin, theta=THETA_N),
        ]
        entries = list(zip(self.curves, self.names, strict=True))
        self.figure.set_legend(self.who.legend(entries, twin_items))
        # The toys' losses dip below zero in the trap well: a log axis cannot show them.
        toy = info.traits.is_toy
        self.log_box.setEnabled(not toy)
        self.log_box.setToolTip(
            translate(
                "Views",
                "the toy losses can be negative (the trap well), so a log scale does not apply",
            )
            if toy
            else translate("Views", "logarithmic loss axis")
        )
        if toy:
            self.log_box.setChecked(False)
        self.figure.set_text(
            title=translate("Views", "Meta-training loss on the query sets"),
            x=translate("Views", "meta-iteration"),
            y=self._y_label(),
        )
        self.dirty = True

    def _y_label(self) -> str:
        return loss_label(self.info.traits.loss_name if self.info else "query loss")

    def on_snapshot(self, snapshot) -> None:
        row = (
            snapshot.main.loss_before,
            snapshot.main.loss_after,
            snapshot.twin.loss_before,
            snapshot.twin.loss_after,
        )
        self.history.record(snapshot.step, row)
        self.dirty = True

    def on_payload(self, payload) -> None:
        if isinstance(payload, LossHistory):
            self.history.replace(payload.steps, payload.rows)
            self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest("loss_history")]

    def plotted(self) -> tuple[np.ndarray, np.ndarray]:
        """(steps, (N, 4) values) exactly as drawn: smoothed, positive-only in log mode."""
        steps, rows = self.history.steps, self.history.rows
        weight = self.smooth_box.value()
        rows = np.stack([ema(rows[:, i], weight) for i in range(4)], axis=1) if len(rows) else rows
        return steps, rows

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        log = self.log_box.isChecked()
        self.figure.plot.setLogMode(y=log)
        steps, raw = self.history.steps, self.history.rows
        _, smooth = self.plotted()
        steps = steps.astype(float)
        show_raw = self.smooth_box.value() > 0
        width = max(self.figure.plot.vb.width(), 1.0)
        # Without smoothing the "smoothed" curves are the raw data: keep their spikes.
        reduce = bin_mean if show_raw else bin_peak
        n_smooth = max(MIN_BINS, int(width * (SMOOTH_PER_PIXEL if show_raw else RAW_PER_PIXEL)))
        n_raw = max(MIN_BINS, int(width * RAW_PER_PIXEL))
        for i in range(4):
            self.curves[i].setData(*reduce(steps, _positive(smooth[:, i], log), n_smooth))
            self.raw[i].setVisible(show_raw and (i < 2 or self.who.twin_shown))
            if show_raw:
                self.raw[i].setData(*bin_peak(steps, _positive(raw[:, i], log), n_raw))

    def curve_table(self) -> list[CurveColumn]:
        steps, rows = self.plotted()
        unit = self._y_label()
        smoothing = self.smooth_box.value()
        suffix = f", EMA {smoothing:g}" if smoothing > 0 else ""
        columns = [CurveColumn("meta-iteration", steps.astype(float))]
        for i, name in enumerate(self.names):
            columns.append(CurveColumn(f"{plain(name)} [{unit}{suffix}]", rows[:, i]))
        return columns


def _positive(values: np.ndarray, log: bool) -> np.ndarray:
    """In log mode non-positive values become gaps instead of log-of-negative warnings."""
    if not log:
        return values
    out = values.copy()
    out[~(out > 0)] = np.nan
    return out
