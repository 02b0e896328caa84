"""Function space (sinusoid only): one held-out task's true curve, its K support points, and
what each starting point predicts after 0, 1 and K_test fine-tuning steps."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from maml_gui.core.records import FunctionFit
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, PlotPanel, learner_labels
from maml_gui.gui.panels.learners import learners, paint_learners

#: k = 0 dotted (phi itself), k = 1 dashed, k = K_test solid: more steps, more ink
STEP_STYLES = (Qt.PenStyle.DotLine, Qt.PenStyle.DashLine, Qt.PenStyle.SolidLine)
TRUTH_COLOR = "#202020"

NOT_APPLICABLE = (
    "Function space applies to sinusoid regression only.\n\n"
    "A toy task has no inputs and outputs to plot: its 'model' is the parameter w itself, "
    "and adapting means moving w downhill on that task's loss. The task loss landscape and "
    "the phi-versus-theta_n views show exactly that."
)


class FunctionSpacePanel(PlotPanel):
    key = "function_space"
    title = "Function space"
    help_text = (
        "One held-out sine task y = A sin(x - p): the black curve is the truth and the black "
        "dots the few support points the learner may use. Dotted lines are what phi predicts "
        "before any step (k = 0), dashed after one inner step (k = 1), solid after K_test "
        "steps, all on the same support points. MAML's phi may predict almost nothing useful "
        "before adapting, yet after one step it fits the whole period, even where it saw no "
        "points: it learned a starting point with potential. The pretraining phi predicts "
        "roughly the average of all sines (near zero) and moves slowly. The view opens on a "
        "held-out task far from that average (further than 90% of the held-out tasks), where "
        "the two differ most plainly; the spin box picks any other."
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.task_box = QSpinBox()
        self.task_box.setRange(0, 199)
        self.task_box.valueChanged.connect(self._task_changed)
        self.task_control = self.add_control(
            "held-out task", self.task_box, "which held-out sine to fit"
        )
        self.controls.addStretch(1)
        self.figure = self.add_plot(legend_columns=2)
        s = self.styler
        self.truth = s.curve(TRUTH_COLOR, 1.0)
        self.support = s.markers(TRUTH_COLOR, "o", 8)
        self.figure.add(self.truth)
        self.figure.add(self.support)
        self.fits: dict[str, list[pg.PlotDataItem]] = {}
        for who, color in (("main", palette.ALGORITHM_COLOR), ("twin", palette.PRETRAINING_COLOR)):
            self.fits[who] = [s.curve(color, 0.9, style) for style in STEP_STYLES]
            for item in self.fits[who]:
                self.figure.add(item)
        self.message = pg.TextItem(NOT_APPLICABLE, color="#202020", anchor=(0.5, 0.5))
        self.message.setTextWidth(460)
        self.figure.plot.addItem(self.message)
        self.message.hide()
        self.fit: FunctionFit | None = None
        self.info: RunInfo | None = None
        self.applies = True
        self.labels = ("", "")
        self.who = learners("maml")
        self.shown_steps: tuple[int, ...] = ()

    def shown_for(self, traits) -> bool:
        """A classifier's counterpart is the task view; the toys get the note why not."""
        return not traits.is_classifier

    @property
    def task_index(self) -> int:
        return self.task_box.value()

    def _task_changed(self, _value: int) -> None:
        self.requests_changed.emit()

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.fit = None
        self.shown_steps = ()
        self.labels = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)
        paint_learners(self.styler, self.who, self.fits["main"], self.fits["twin"])
        self.applies = info.traits.has_function_space
        self.task_box.blockSignals(True)
        self.task_box.setRange(0, max(info.config.eval_tasks - 1, 0))
        # A task far from the average sine, chosen by the engine's stated rule: task 0 of a
        # seed may be one pretraining's near-average prediction already fits.
        self.task_box.setValue(info.function_task)
        self.task_box.blockSignals(False)
        self.task_control.setVisible(self.applies)
        plot = self.figure.plot
        self.message.setVisible(not self.applies)
        if self.applies:
            plot.enableAutoRange()
            self.figure.set_text(title="Function space: one held-out sine", x="input x", y="y")
        else:
            plot.disableAutoRange()
            plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.message.setPos(0.5, 0.5)
            self.figure.set_text(title="Function space (sinusoid only)", x="", y="")
        # After set_text: setting a label shows its axis again.
        for name in ("left", "bottom"):
            plot.showAxis(name, self.applies)
        plot.showGrid(x=self.applies, y=self.applies, alpha=0.15)
        self._relabel((0, 1, max(info.config.test_inner_steps, 1)))
        self.dirty = True

    def _relabel(self, steps: tuple[int, ...]) -> None:
        if steps == self.shown_steps:
            return
        self.shown_steps = steps
        entries = [(self.truth, "true function"), (self.support, "support points")]
        if self.applies:
            shown = ("main", "twin") if self.who.twin_shown else ("main",)
            for who, name in zip(shown, self.labels, strict=False):
                for item, k in zip(self._items_for(who, steps), steps, strict=True):
                    entries.append((item, f"{name}, {_steps_text(k)}"))
        else:
            entries = []
        self.figure.set_legend(entries)

    def _items_for(self, who: str, steps: tuple[int, ...]) -> list[pg.PlotDataItem]:
        """The last style (solid) always means the most steps."""
        items = self.fits[who]
        return items[len(items) - len(steps) :] if len(steps) <= len(items) else items

    def on_payload(self, payload) -> None:
        if isinstance(payload, FunctionFit) and self.applies:
            self.fit = payload
            self._relabel(tuple(payload.steps))
            self.dirty = True

    def requests(self) -> list[PayloadRequest]:
        if not self.applies:
            return []
        return [PayloadRequest("function_fit", (("task_index", self.task_index),))]

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        fit = self.fit if self.applies else None
        if fit is None:
            for item in [self.truth, self.support, *self.fits["main"], *self.fits["twin"]]:
                item.setData([], [])
            return
        self.truth.setData(fit.x, fit.truth)
        self.support.setData(fit.support_x, fit.support_y)
        for who, values in (("main", fit.main), ("twin", fit.twin)):
            used = self._items_for(who, tuple(fit.steps))
            for item in self.fits[who]:
                if item not in used:
                    item.setData([], [])
            for item, row in zip(used, values, strict=False):
                item.setData(fit.x, row)
        a, p = fit.amplitude, fit.phase
        self.figure.set_text(title=f"Held-out task {fit.task_index}: y = {a:.2f} sin(x - {p:.2f})")

    def curve_table(self) -> list[CurveColumn]:
        fit = self.fit
        if fit is None or not self.applies:
            return []
        columns = [
            CurveColumn("x", fit.x),
            CurveColumn("true y", fit.truth),
        ]
        for name, values in zip(self.labels, (fit.main, fit.twin), strict=True):
            for k, row in zip(fit.steps, values, strict=True):
                columns.append(CurveColumn(f"{name} prediction, {_plain_steps(k)} [y]", row))
        columns.append(CurveColumn("support x", fit.support_x))
        columns.append(CurveColumn("support y", fit.support_y))
        return columns


def _steps_text(k: int) -> str:
    """k adaptation steps from φ, as the gap view's axis calls them; short, so that the
    legend keeps two columns in a 1280x720 window (eight entries in one were taller than
    the view)."""
    return f"k = {k}"  # k = 0 is φ itself (Help says so)


def _plain_steps(k: int) -> str:
    return _steps_text(k).replace(PHI, "phi")
