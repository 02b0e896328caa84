"""Feature reuse (classification): how much each layer's representation changes when a learner
adapts to a held-out task, as linear CKA between its activations at phi and at theta_n, per
layer, for the run's algorithm, the same start adapting its head only (ANIL's way), and the
pretraining twin (Raghu et al. 2020, "Rapid Learning or Feature Reuse?")."""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QSpinBox

from maml_gui.core.config import Algorithm
from maml_gui.core.records import FeatureReuse
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import learner_labels
from maml_gui.gui.panels.bar_chart import BarChartPanel, Bars, TextPool
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, THETA_N, plain
from maml_gui.gui.panels.learners import learners
from maml_gui.gui.plotting.styles import Style

log = logging.getLogger(__name__)

#: held-out tasks averaged over: the engine's default and its bounds (it adapts them at once)
TASKS_DEFAULT = 20
TASKS_MIN = 2
TASKS_MAX = 100
#: the share of a layer's slot its bars fill, and of a bar's share the bar itself
GROUP_SPAN = 0.8
BAR_SHARE = 0.9
#: the outline of a bar, in units of the theme's line width
OUTLINE = 0.5
#: the y axis: CKA lies in [0, 1]; a little room above 1 keeps full bars off the frame
Y_RANGE = (0.0, 1.05)
NA = "n/a"
NA_NOTE = QT_TRANSLATE_NOOP(
    "FeatureReuse", "n/a: undefined, the layer's output is the same for every image (a zero head)."
)
SHORT_NA_NOTE = QT_TRANSLATE_NOOP(
    "FeatureReuse", "n/a: undefined (a zero head gives every image the same output)."
)
#: below this view width or height (at the screen font; a larger font scales them) the view is
#: compact: short legend names, title and axis labels, fewer y ticks (full note: the tooltip)
COMPACT_BELOW = (480, 400)
#: the y axis' (label, grid) tick spacing: 0.1 grid lines under 0.2 labels (pyqtgraph's own
#: minor ticks crowded the bars); a compact view labels 0, 0.5 and 1 only, over quarter lines
TICKS = [(0.2, 0.0), (0.1, 0.0)]
COMPACT_TICKS = [[(0.0, "0"), (0.5, "0.5"), (1.0, "1")], [(0.25, ""), (0.75, "")]]
#: the three series in drawing order: the run's algorithm, its start adapting the head only,
#: the pretraining twin
SERIES = ("main", "head", "twin")


def offsets(count: int) -> tuple[np.ndarray, float]:
    """Centres of ``count`` bars around a layer's position, and each bar's thickness."""
    share = GROUP_SPAN / max(count, 1)
    return (np.arange(count) - (count - 1) / 2) * share, share * BAR_SHARE


class FeatureReusePanel(BarChartPanel):
    key = "feature_reuse"
    compact_below = COMPACT_BELOW
    title = QT_TRANSLATE_NOOP("Views", "Feature reuse")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "How much does each layer change when a learner adapts to a new task? On held-out "
        "tasks, the view takes each layer's output for the task's images at phi (before "
        "adapting) and at theta_n (after K_test fine-tuning steps) and compares the two with "
        "linear CKA: 1 means the layer sees the images just as before, lower means adapting "
        "changed it. Raghu et al. (2020), 'Rapid Learning or Feature Reuse?', found that "
        "MAML's inner loop barely changes the body (blocks 1 to 4 stay near 1): almost all "
        "the change is in the head. MAML's phi holds features that every task reuses; it is "
        "not a start from which every layer learns fast. That is why ANIL, which adapts the "
        "head only, does as well as MAML. The tinted bars are the same phi adapting its head "
        "only, ANIL's way (its blocks stay at 1 by construction). Vermillion is the "
        "pretraining twin, fine-tuned from its body with a fresh zero head: 'n/a' marks a "
        "value that is undefined because a zero head gives every image the same logits. "
        "A 1-shot task has few images, so one task's value is coarse: read the average over "
        "many tasks (the spin box, up to 100; more tasks take longer).",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tasks_box = QSpinBox()
        self.tasks_box.setRange(TASKS_MIN, TASKS_MAX)
        self.tasks_box.setValue(TASKS_DEFAULT)
        # typing "100" asks once, not for 1 and 10 first: each request adapts the tasks anew
        self.tasks_box.setKeyboardTracking(False)
        self.tasks_box.valueChanged.connect(self._tasks_changed)
        self.add_control(
            translate("FeatureReuse", "held-out tasks"),
            self.tasks_box,
            translate("FeatureReuse", "tasks the CKA is averaged over (more: slower)"),
        )
        self.controls.addStretch(1)
        self.figure = self.add_noted_plot(legend_columns=3)
        self._setup_axes()
        self.bars = {name: Bars(tint=name == "head") for name in SERIES}
        self.na = {}
        for name, bars in self.bars.items():
            self.figure.add(bars)
            self.styler.style(bars, Style(palette.ALGORITHM_COLOR, OUTLINE))
            self.na[name] = TextPool(self.figure.plot, self.styler, palette.ALGORITHM_COLOR)
        self.styler.recolor(self.bars["twin"], palette.PRETRAINING_COLOR)
        self.na["twin"].recolor(palette.PRETRAINING_COLOR)
        self.result: FeatureReuse | None = None
        self.info: RunInfo | None = None
        self.who = learners(Algorithm.MAML)
        self.names = dict.fromkeys(SERIES, "")
        self.short_names = dict.fromkeys(SERIES, "")
        #: whether the view is small: short texts, fewer ticks (fit_to_view decides)
        self.compact = False

    def _setup_axes(self) -> None:
        plot = self.figure.plot
        plot.setMouseEnabled(x=False, y=False)  # a fixed 0..1 scale is the point of it
        plot.hideButtons()
        plot.setYRange(*Y_RANGE, padding=0)
        plot.getAxis("left").setTickSpacing(levels=TICKS)
        plot.showGrid(x=False, y=True, alpha=0.15)
        # an x label even though the ticks name the layers: pyqtgraph sizes a bottom axis a
        # few pixels short of its tick labels, and without a label their descenders were cut
        self.figure.set_text(
            title=translate("FeatureReuse", "Linear CKA per layer (waiting for held-out tasks)"),
            x=translate("FeatureReuse", "layer, from the input to the output"),
            y=translate("FeatureReuse", "CKA (1 = unchanged)"),
        )

    #: adapting 20 held-out tasks costs ~2 s on Conv4: only while the view is seen (ViewHost)
    requests_only_when_seen = True

    def shown_for(self, traits) -> bool:
        return traits.is_classifier

    def _apply_compact(self, compact: bool) -> None:
        """Short legend names, title and axis labels and fewer y ticks (True), or the full."""
        self.figure.plot.getAxis("left").setTicks(COMPACT_TICKS if compact else None)
        self.figure.set_text(
            x=translate("FeatureReuse", "layer (input to output)")
            if compact
            else translate("FeatureReuse", "layer, from the input to the output"),
            y=translate("FeatureReuse", "CKA (1 = same)")
            if compact
            else translate("FeatureReuse", "CKA (1 = unchanged)"),
        )
        self._set_legend()
        self.view.setToolTip(translate("FeatureReuse", NA_NOTE) if compact else "")

    def _tasks_changed(self, value: int) -> None:
        log.debug("feature reuse: %d held-out tasks asked", value)
        self.requests_changed.emit()

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest("feature_reuse", (("tasks", self.tasks_box.value()),))]

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.result = None
        algorithm = info.config.algorithm
        self.who = learners(algorithm)
        main, twin = learner_labels(algorithm)
        if algorithm == Algorithm.ANIL:
            main_name = translate("FeatureReuse", "{learner}: head adapts")
        else:
            main_name = translate("FeatureReuse", "{learner}: all layers adapt")
        self.names = {
            "main": main_name.format(learner=main),
            "head": translate("FeatureReuse", "{learner}'s {phi}, head only (ANIL)").format(
                learner=main, phi=PHI
            ),
            "twin": translate("FeatureReuse", "{learner}: all layers adapt").format(learner=twin),
        }
        head_only = translate("FeatureReuse", "{learner}, head only").format(learner=main)
        self.short_names = {"main": main, "head": head_only, "twin": twin}
        color = self.who.colors[0]
        for name in ("main", "head"):
            self.styler.recolor(self.bars[name], color)
            self.na[name].recolor(color)
        # a pretraining run is its own twin (learners.Learners): drawn once
        self.bars["twin"].set_visible(self.who.twin_shown)
        self.na["twin"].set_visible(self.who.twin_shown)
        self._set_legend()
        self.dirty = True

    def _set_legend(self) -> None:
        self.figure.set_legend(self.who.legend(self._entries(), [self.bars["twin"].key]))

    def _entries(self) -> list[tuple[object, str]]:
        names = self.short_names if self.compact else self.names
        return [(self.bars[name].key, names[name]) for name in SERIES]

    def shown_series(self) -> list[str]:
        return [name for name in SERIES if name != "twin" or self.who.twin_shown]

    def on_payload(self, payload) -> None:
        if not isinstance(payload, FeatureReuse):
            return
        if payload.tasks != self.tasks_box.value():
            # the engine bounds the count (and an older request may still be answered)
            log.info(
                "feature reuse over %d tasks (asked: %d)", payload.tasks, self.tasks_box.value()
            )
        self.result = payload
        self.dirty = True

    def _values(self, result: FeatureReuse) -> dict[str, np.ndarray]:
        return {
            "main": np.asarray(result.algorithm, dtype=float),
            "head": np.asarray(result.head_only, dtype=float),
            "twin": np.asarray(result.pretraining, dtype=float),
        }

    def redraw(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        result = self.result
        layers = result.layers if result is not None else ()
        plot = self.figure.plot
        # a compact view drops "(logits)": centred under the last slot it ran off the axis
        names = [layer.split(" (")[0] if self.compact else layer for layer in layers]
        plot.getAxis("bottom").setTicks([list(enumerate(names))])
        plot.setXRange(-0.5, max(len(layers), 1) - 0.5, padding=0)
        if result is None:
            for name in SERIES:
                self.bars[name].set_values([], [], 0.1)
                self.na[name].show([])
            self.note.set_note("")
            return
        self._draw_bars(result)
        if self.compact:
            title = translate(
                "FeatureReuse", "CKA, {phi} vs {theta} ({steps} steps, {tasks} tasks)"
            )
        else:
            title = translate(
                "FeatureReuse", "CKA of {phi} vs {theta} after {steps} steps, mean of {tasks} tasks"
            )
        title = title.format(phi=PHI, theta=THETA_N, steps=result.steps, tasks=result.tasks)
        self.figure.set_text(title=title)

    def _draw_bars(self, result: FeatureReuse) -> None:
        """Bars of the shown series side by side in each layer's slot; NaN: an "n/a"."""
        shown = self.shown_series()
        centres, thickness = offsets(len(shown))
        values = self._values(result)
        slots = np.arange(len(result.layers), dtype=float)
        undefined = False
        for name in SERIES:
            if name not in shown:
                self.bars[name].set_values([], [], thickness)
                self.na[name].show([])
                continue
            offset = centres[shown.index(name)]
            missing = self.bars[name].set_values(slots + offset, values[name], thickness)
            self.na[name].show([(x, Y_RANGE[0], NA) for x in missing])
            undefined |= len(missing) > 0
        note = SHORT_NA_NOTE if self.compact else NA_NOTE
        self.note.set_note(translate("FeatureReuse", note) if undefined else "")

    def curve_table(self) -> list[CurveColumn]:
        result = self.result
        if result is None:
            return []
        # the CSV writer writes numbers only: the layers' names go into the index's header
        names = ", ".join(f"{i + 1} = {layer}" for i, layer in enumerate(result.layers))
        columns = [
            CurveColumn(f"layer ({names})", np.arange(1, len(result.layers) + 1, dtype=float))
        ]
        values = self._values(result)
        unit = f"linear CKA after {result.steps} steps, mean of {result.tasks} tasks"
        for name in self.shown_series():
            columns.append(CurveColumn(f"{plain(self.names[name])} [{unit}]", values[name]))
        return columns
