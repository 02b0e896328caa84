"""Training curves: the meta-train query loss before adaptation (at phi: current performance)
and after it (at theta_n: potential), for the algorithm and its pretraining twin."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox

from maml_gui.core.trajectory import LossHistory
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, THETA_N, CurveBuffer, PlotPanel, learner_labels, plain

DASH = Qt.PenStyle.DashLine


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's debiased exponential moving average (weight 0 = no smoothing)."""
    if weight <= 0 or len(values) == 0:
        return values.copy()
    out = np.empty_like(values)
    last, debias = 0.0, 0.0
    for i, value in enumerate(values):
        if not np.isfinite(value):
            out[i] = value
            continue
        last = weight * last + (1 - weight) * value
        debias = weight * debias + (1 - weight)
        out[i] = last / debias
    return out


class MetricsPanel(PlotPanel):
    key = "metrics"
    title = "Training curves"
    help_text = (
        "The meta-training loss on each batch's query sets. Dashed: the loss of phi itself, "
        "before any inner step (current performance, what pretraining minimises). Solid: the "
        "loss of theta_n, after the inner step(s) from phi (potential, what MAML minimises). "
        "Blue is the chosen algorithm, vermillion its pretraining twin trained on the same "
        "tasks. A meta-learner's solid line drops well below its dashed one; pretraining's "
        "dashed line is low, but one step does little for it."
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.log_box = QCheckBox("log scale")
        self.log_box.toggled.connect(self._mark)
        self.smooth_box = QDoubleSpinBox()
        self.smooth_box.setRange(0.0, 0.99)
        self.smooth_box.setSingleStep(0.1)
        self.smooth_box.setValue(0.6)
        self.smooth_box.valueChanged.connect(self._mark)
        self.add_control("", self.log_box)
        self.add_control("smoothing (EMA)", self.smooth_box, "0 shows the raw losses")
        self.controls.addStretch(1)
        self.figure = self.add_plot(legend_columns=2)
        s = self.styler
        colors = [palette.ALGORITHM_COLOR] * 2 + [palette.PRETRAINING_COLOR] * 2
        styles = [DASH, Qt.PenStyle.SolidLine] * 2
        # Faint raw data under the smoothed lines, as TensorBoard does.
        # Solid even for the "before" columns: Qt draws long dashed noisy paths ~10x slower.
        self.raw = [s.curve(c, 0.5, alpha=70) for c in colors]
        self.curves = [s.curve(c, 1.0, st) for c, st in zip(colors, styles, strict=True)]
        for item in self.raw + self.curves:
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
            self.figure.add(item)
        self.buffer = CurveBuffer(4)
        self.names = ["", "", "", ""]
        self.info: RunInfo | None = None

    def _mark(self, *_args) -> None:
        self.dirty = True

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.buffer.clear()
        main, twin = learner_labels(info.config.algorithm)
        self.names = [
            f"{main}: at {PHI} (current)",
            f"{main}: at {THETA_N} (potential)",
            f"{twin}: at {PHI} (current)",
            f"{twin}: at {THETA_N} (potential)",
        ]
        self.figure.set_legend(list(zip(self.curves, self.names, strict=True)))
        toy = info.config.task != "sinusoid"
        # The toy losses dip below zero in the trap well: a log axis cannot show them.
        self.log_box.setEnabled(not toy)
        self.log_box.setToolTip(
            "the toy losses can be negative (the trap well), so a log scale does not apply"
            if toy
            else "logarithmic loss axis"
        )
        if toy:
            self.log_box.setChecked(False)
        self.figure.set_text(
            title="Meta-training loss on the query sets",
            x="meta-iteration",
            y=self._y_label(),
        )
        self.dirty = True

    def _y_label(self) -> str:
        toy = self.info is None or self.info.config.task != "sinusoid"
        return "query loss" if toy else "query MSE"

    def on_snapshot(self, snapshot) -> None:
        row = (
            snapshot.main.loss_before,
            snapshot.main.loss_after,
            snapshot.twin.loss_before,
            snapshot.twin.loss_after,
        )
        self.buffer.append(snapshot.step, row)
        self.dirty = True

    def on_payload(self, payload) -> None:
        if isinstance(payload, LossHistory):
            self.buffer.replace(payload.steps, payload.rows)
            self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest("loss_history")]

    def plotted(self) -> tuple[np.ndarray, np.ndarray]:
        """(steps, (N, 4) values) exactly as drawn: smoothed, positive-only in log mode."""
        steps, rows = self.buffer.view()
        weight = self.smooth_box.value()
        rows = np.stack([ema(rows[:, i], weight) for i in range(4)], axis=1) if len(rows) else rows
        return steps, rows

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        log = self.log_box.isChecked()
        self.figure.plot.setLogMode(y=log)
        steps, raw = self.buffer.view()
        _, smooth = self.plotted()
        show_raw = self.smooth_box.value() > 0
        for i in range(4):
            self.curves[i].setData(steps.astype(float), _positive(smooth[:, i], log))
            self.raw[i].setVisible(show_raw)
            if show_raw:
                self.raw[i].setData(steps.astype(float), _positive(raw[:, i], log))

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
