"""Function space (sinusoid only): one held-out task's true curve, its K support points, and
what each starting point predicts after 0, 1 and k fine-tuning steps.

The task is the user's to change: a click adds a support point, a drag moves one, a right
click removes one; "Your task" draws K random points on a curve whose amplitude and phase
the user sets, and Clear returns to the held-out task. Every change asks the training
process for new fits (the GUI runs no autograd); while a point is dragged, at most one ask
per DRAG_ASK_MS, and one more on release.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QMenu,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from maml_gui.core.records import FunctionFit
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import learner_labels
from maml_gui.gui.panels.base import CurveColumn, PayloadRequest, RunInfo
from maml_gui.gui.panels.common import PHI, PlotPanel
from maml_gui.gui.panels.learners import learners, paint_learners
from maml_gui.gui.plotting.dragging import PlotPointer

#: k = 0 dotted (phi itself), k = 1 dashed, k = K_test solid: more steps, more ink
STEP_STYLES = (Qt.PenStyle.DotLine, Qt.PenStyle.DashLine, Qt.PenStyle.SolidLine)
TRUTH_COLOR = "#202020"

#: the sinusoid family's ranges (core.tasks.sinusoid, which this process may not import:
#: it imports torch; tests/gui/test_own_task.py checks they agree)
X_RANGE = (-5.0, 5.0)
AMPLITUDE_RANGE = (0.1, 5.0)
PHASE_RANGE = (0.0, float(np.pi))
#: where a point may be put: the inputs the family draws, and outputs a little past its
#: largest amplitude
Y_LIMIT = 6.0
#: the k box's range (the issue's slider: 0..20)
MAX_K = 20
#: the most support points the engine fits (core.function_space.MAX_SUPPORT_POINTS, which
#: this process may not import either)
MAX_POINTS = 100
#: while a point is dragged, ask for new fits at most this often (ms); release asks at once
DRAG_ASK_MS = 30
#: the slider's steps for amplitude and phase
SLIDER_STEPS = 100

#: the widest the note for the other families is set (pixels); in a narrower view it wraps to
#: the view (at 1280 x 720 its dock is ~390 px: a 460 px note lost both its edges)
MESSAGE_WIDTH = 460
NOT_APPLICABLE = QT_TRANSLATE_NOOP(
    "FunctionSpace",
    "Function space applies to sinusoid regression only.\n\n"
    "A toy task has no inputs and outputs to plot: its 'model' is the parameter w itself, "
    "and adapting means moving w downhill on that task's loss. The task loss landscape and "
    "the phi-versus-theta_n views show exactly that.",
)


class FunctionSpacePanel(PlotPanel):
    key = "function_space"
    title = QT_TRANSLATE_NOOP("Views", "Function space")
    help_text = QT_TRANSLATE_NOOP(
        "Help",
        "One held-out sine task y = A sin(x - p): the black curve is the truth and the black "
        "dots the few support points the learner may use. Dotted lines are what phi predicts "
        "before any step (k = 0), dashed after one inner step (k = 1), solid after k steps "
        "(the k box; K_test to begin with), all on the same support points. MAML's phi may "
        "predict almost nothing useful before adapting, yet after one step it fits the whole "
        "period, even where it saw no points: it learned a starting point with potential. "
        "The pretraining phi predicts roughly the average of all sines (near zero) and moves "
        "slowly. The view opens on a held-out task far from that average (further than 90% "
        "of the held-out tasks), where the two differ most plainly; the spin box picks any "
        "other.\n\nMake it your own task: click to add a support point, drag one to move it, "
        "right-click one to remove it. 'Your task' draws K random points on a sine whose "
        "amplitude and phase you set, and Clear goes back to the held-out task. The fits "
        "follow as you drag, from both starting points, at the test inner rate.",
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._setting_sliders = False  # the sliders moved by this code, not the user
        #: the fits' steps when a script sets them (headless export's --steps)
        self.steps_override: tuple[int, ...] | None = None
        self.task_box = QSpinBox()
        self.task_box.setRange(0, 199)
        self.task_box.valueChanged.connect(self._task_changed)
        self.task_control = self.add_control(
            translate("FunctionSpace", "held-out task"),
            self.task_box,
            translate("FunctionSpace", "which held-out sine to fit"),
        )
        self.k_box = QSpinBox()
        self.k_box.setRange(1, MAX_K)
        self.k_box.valueChanged.connect(self._ask_now)
        self.k_control = self.add_control(
            "k",
            self.k_box,
            translate(
                "FunctionSpace",
                "the solid fit's number of fine-tuning steps (dotted: k = 0, dashed: k = 1)",
            ),
        )
        self.own_button = self._own_task_button()
        self.own_control = self.add_control("", self.own_button)
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
        self.message = pg.TextItem(
            translate("FunctionSpace", NOT_APPLICABLE), color="#202020", anchor=(0.5, 0.5)
        )
        self.message.setTextWidth(MESSAGE_WIDTH)
        self.figure.plot.addItem(self.message)
        self.message.hide()
        self.figure.plot.vb.sigResized.connect(self._fit_message)
        self.fit: FunctionFit | None = None
        self.info: RunInfo | None = None
        self.applies = True
        self.labels = ("", "")
        self.who = learners("maml")
        self.shown_steps: tuple[int, ...] = ()
        #: the user's own task: None, or its support points [[x, y], ...] and curve (A, p)
        self.own_points: list[list[float]] | None = None
        self.own_truth: tuple[float, float] = (1.0, 0.0)
        self._dragged: int | None = None  # the index of the point being dragged
        self._ask_later = QTimer(self)
        self._ask_later.setSingleShot(True)
        self._ask_later.setInterval(DRAG_ASK_MS)
        self._ask_later.timeout.connect(self._ask_now)
        self.pointer = PlotPointer(self.view, self.figure.plot)
        self.view.viewport().installEventFilter(self)

    def _own_task_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(translate("FunctionSpace", "Your task"))
        button.setToolTip(
            translate(
                "FunctionSpace",
                "Your own task: click the plot to add a support point, drag one to move it, "
                "right-click one to remove it",
            )
        )
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self.random_action = menu.addAction(
            translate("FunctionSpace", "Random K points on the curve"), self.random_points
        )
        self.clear_action = menu.addAction(
            translate("FunctionSpace", "Clear: back to the held-out task"), self.clear_own
        )
        menu.addSeparator()
        sliders = QWidget()
        form = QFormLayout(sliders)
        form.setContentsMargins(12, 4, 12, 4)
        self.amplitude_slider = _slider(AMPLITUDE_RANGE)
        self.phase_slider = _slider(PHASE_RANGE)
        form.addRow(translate("FunctionSpace", "amplitude A"), self.amplitude_slider)
        form.addRow(translate("FunctionSpace", "phase p"), self.phase_slider)
        sliders.setToolTip(
            translate(
                "FunctionSpace", "The curve y = A sin(x - p); the support points move onto it"
            )
        )
        for slider in (self.amplitude_slider, self.phase_slider):
            slider.valueChanged.connect(self._curve_changed)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(sliders)
        menu.addAction(holder)
        button.setMenu(menu)
        return button

    def _fit_message(self, *_args) -> None:
        room = self.figure.plot.vb.width() - 24
        self.message.setTextWidth(max(120.0, min(float(MESSAGE_WIDTH), room)))

    def shown_for(self, traits) -> bool:
        """A classifier's counterpart is the task view; the toys get the note why not."""
        return not traits.is_classifier

    @property
    def task_index(self) -> int:
        return self.task_box.value()

    def _task_changed(self, _value: int) -> None:
        if self.own_points is not None:
            self.clear_own()  # picking a held-out task leaves the user's own
        else:
            self.requests_changed.emit()

    def reset(self, info: RunInfo) -> None:
        self.info = info
        self.fit = None
        self.shown_steps = ()
        self.own_points = None
        self._dragged = None
        self.labels = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)
        paint_learners(self.styler, self.who, self.fits["main"], self.fits["twin"])
        self.applies = info.traits.has_function_space
        for box, value, top in (
            (self.task_box, info.function_task, max(info.config.eval_tasks - 1, 0)),
            (self.k_box, max(info.config.test_inner_steps, 1), MAX_K),
        ):
            box.blockSignals(True)
            # A task far from the average sine, chosen by the engine's stated rule: task 0 of
            # a seed may be one pretraining's near-average prediction already fits.
            box.setMaximum(max(top, value))
            box.setValue(value)
            box.blockSignals(False)
        for control in (self.task_control, self.k_control, self.own_control):
            control.setVisible(self.applies)
        plot = self.figure.plot
        self.message.setVisible(not self.applies)
        if self.applies:
            plot.enableAutoRange()
            self.figure.set_text(
                title=translate("FunctionSpace", "Function space: one held-out sine"),
                x=translate("FunctionSpace", "input x"),
                y="y",
            )
        else:
            plot.disableAutoRange()
            plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.message.setPos(0.5, 0.5)
            self.figure.set_text(
                title=translate("FunctionSpace", "Function space (sinusoid only)"), x="", y=""
            )
        # After set_text: setting a label shows its axis again.
        for name in ("left", "bottom"):
            plot.showAxis(name, self.applies)
        plot.showGrid(x=self.applies, y=self.applies, alpha=0.15)
        self._relabel(self.fit_steps())
        self.dirty = True

    def fit_steps(self) -> tuple[int, ...]:
        """0, 1 and the k box's value; or the steps a script set (``steps_override``)."""
        return self.steps_override or tuple(sorted({0, 1, self.k_box.value()}))

    def frame_sine(
        self, k: int, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> None:
        """Frame as a published picture (Finn et al.'s Figure 2): fits after 0, 1 and ``k``
        steps, over fixed axes, so the picture does not move while the run trains."""
        self.k_box.setValue(k)
        plot = self.figure.plot
        plot.disableAutoRange()
        plot.setRange(xRange=x_range, yRange=y_range, padding=0)

    def copy_view_state(self, target: FunctionSpacePanel) -> None:
        """The user's own task onto ``target`` (an animation's off-screen twin of this view:
        its frames were computed for these points)."""
        target.steps_override = self.steps_override
        if self.own_points is not None:
            target.use_own_task([list(p) for p in self.own_points], self.own_truth)

    def use_own_task(self, points: list[list[float]], truth: tuple[float, float]) -> None:
        """The user's own task, set in one go (a script's --support and --truth)."""
        self.own_points = [list(_clamped(x, y)) for x, y in points]
        self.own_truth = (float(truth[0]), float(truth[1]))
        self._show_curve_on_sliders()
        self._points_changed(at_once=True)  # nobody drags here: the plot keeps autoranging

    def _relabel(self, steps: tuple[int, ...]) -> None:
        if steps == self.shown_steps:
            return
        self.shown_steps = steps
        entries = [
            (self.truth, translate("FunctionSpace", "true function")),
            (self.support, translate("FunctionSpace", "support points")),
        ]
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
            if payload.own_task != (self.own_points is not None):
                return  # an answer to the task shown before Clear or before the first edit
            self.fit = payload
            self._relabel(tuple(payload.steps))
            self.dirty = True
            if payload.own_task:
                # the answer to the user's own edit: drawn now, not at the view host's next
                # turn for this view (one view per 40 ms tick: up to 0.3 s with every view
                # busy while training runs)
                self.redraw()

    def requests(self) -> list[PayloadRequest]:
        if not self.applies:
            return []
        params: tuple = (("task_index", self.task_index), ("steps", self.fit_steps()))
        if self.own_points is not None:
            points = tuple((round(x, 4), round(y, 4)) for x, y in self.own_points)
            truth = tuple(round(v, 4) for v in self.own_truth)
            params += (("support", points), ("truth", truth))
        return [PayloadRequest("function_fit", params)]

    # -- your own task ------------------------------------------------------------------------
    def start_own_task(self) -> None:
        """Make the task shown the user's: its support points and curve, now editable."""
        if self.own_points is not None:
            return
        fit = self.fit
        if fit is not None:
            self.own_points = [
                [float(x), float(y)] for x, y in zip(fit.support_x, fit.support_y, strict=True)
            ]
            self.own_truth = (fit.amplitude, fit.phase)
        else:
            self.own_points = []
        self._show_curve_on_sliders()
        # the frame stays as it is: autoranging while a point moves would move the plot
        # under the cursor (Clear lets it range again)
        self.figure.plot.disableAutoRange()

    def add_point(self, x: float, y: float) -> int | None:
        """A new support point; None when the task has MAX_POINTS already (the plot's
        tooltip says so)."""
        self.start_own_task()
        if len(self.own_points) >= MAX_POINTS:
            full = translate("FunctionSpace", "Your task has {count} points, the most it may have.")
            self.view.setToolTip(full.format(count=MAX_POINTS))
            return None
        self.own_points.append(list(_clamped(x, y)))
        self._points_changed(at_once=True)
        return len(self.own_points) - 1

    def move_point(self, index: int, x: float, y: float, at_once: bool = False) -> None:
        self.own_points[index] = list(_clamped(x, y))
        self._points_changed(at_once)

    def remove_point(self, index: int) -> None:
        self.start_own_task()
        del self.own_points[index]
        self._points_changed(at_once=True)

    def random_points(self) -> None:
        """K points (the run's K shots) at random inputs, on the curve."""
        self.start_own_task()
        k = self.info.config.k_shot if self.info is not None else 10
        x = np.random.default_rng().uniform(*X_RANGE, size=min(k, MAX_POINTS))
        a, p = self.own_truth
        self.own_points = [[float(v), float(a * np.sin(v - p))] for v in x]
        self._points_changed(at_once=True)

    def clear_own(self) -> None:
        """Back to the held-out task."""
        if self.own_points is None:
            return
        self.own_points = None
        self._dragged = None
        self.fit = None
        self.view.setToolTip("")
        self.figure.plot.enableAutoRange()
        self.dirty = True
        self.requests_changed.emit()

    def _curve_changed(self, value: int) -> None:
        if self._setting_sliders:
            return
        moved = self.sender()
        self.start_own_task()  # the first edit shows the task's own curve on both sliders
        self._setting_sliders = True
        moved.setValue(value)  # ... and then the user's value on the one moved
        self._setting_sliders = False
        a = _slider_value(self.amplitude_slider, AMPLITUDE_RANGE)
        p = _slider_value(self.phase_slider, PHASE_RANGE)
        self.own_truth = (a, p)
        self.own_points = [[x, float(a * np.sin(x - p))] for x, _y in self.own_points]
        self._points_changed(at_once=False)

    def _show_curve_on_sliders(self) -> None:
        self._setting_sliders = True
        _set_slider(self.amplitude_slider, AMPLITUDE_RANGE, self.own_truth[0])
        _set_slider(self.phase_slider, PHASE_RANGE, self.own_truth[1])
        self._setting_sliders = False

    def _points_changed(self, at_once: bool) -> None:
        """Draw the points where they are now; ask for their fits now or, while dragging,
        at most every DRAG_ASK_MS."""
        points = np.asarray(self.own_points, dtype=float).reshape(-1, 2)
        self.support.setData(points[:, 0], points[:, 1])
        if at_once:
            self._ask_now()
        elif not self._ask_later.isActive():
            self._ask_later.start()

    def _ask_now(self, _value: int = 0) -> None:
        self._ask_later.stop()
        self.requests_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and self.applies and self.fit is not None:
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress:
                return self._press(event)
            if kind == QEvent.Type.MouseMove and self._dragged is not None:
                self.move_point(self._dragged, *self.pointer.data_at(event.position()))
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._dragged is not None:
                index, self._dragged = self._dragged, None
                self.move_point(index, *self.pointer.data_at(event.position()), at_once=True)
                return True
        return super().eventFilter(watched, event)

    def _press(self, event) -> bool:
        """Left: take the point under the cursor, or add one there; right: remove the point
        under the cursor. Presses outside the plot's data area go to the plot."""
        where = event.position()
        if not self.pointer.in_data_area(where):
            return False
        x, y = self.pointer.data_at(where)  # before anything can change the frame
        nearest = self._point_near(where)
        if event.button() == Qt.MouseButton.RightButton:
            if nearest is None:
                return False  # the plot's own menu
            self.remove_point(nearest)
            return True
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if nearest is None:
            nearest = self.add_point(x, y)
        else:
            self.start_own_task()
        self._dragged = nearest  # None when no point could be added: nothing to drag
        return True

    def _point_near(self, where: QPointF) -> int | None:
        """The support point within GRAB_PIXELS of the cursor (the nearest), if any."""
        fit = self.fit
        if self.own_points is not None:
            points = self.own_points
        elif fit is not None:
            points = list(zip(fit.support_x, fit.support_y, strict=True))
        else:
            return None
        return self.pointer.nearest(where, points)

    # -- drawing ------------------------------------------------------------------------------
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
        if self._dragged is None:  # while dragging, the points follow the cursor, not the fit
            self.support.setData(fit.support_x, fit.support_y)
        for who, values in (("main", fit.main), ("twin", fit.twin)):
            used = self._items_for(who, tuple(fit.steps))
            for item in self.fits[who]:
                if item not in used:
                    item.setData([], [])
            for item, row in zip(used, values, strict=False):
                item.setData(fit.x, row)
        a, p = fit.amplitude, fit.phase
        curve = f"y = {a:.2f} sin(x - {p:.2f})"
        if fit.own_task:  # as long as the held-out task's title: it wraps in a small dock
            title = translate("FunctionSpace", "Your task: {curve}").format(curve=curve)
        else:
            title = translate("FunctionSpace", "Held-out task {number}: {curve}").format(
                number=fit.task_index, curve=curve
            )
        self.figure.set_text(title=title)

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


def _clamped(x: float, y: float) -> tuple[float, float]:
    """A point within the family's inputs and a little past its outputs."""
    return float(np.clip(x, *X_RANGE)), float(np.clip(y, -Y_LIMIT, Y_LIMIT))


def _slider(_range: tuple[float, float]) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, SLIDER_STEPS)
    slider.setMinimumWidth(140)
    return slider


def _slider_value(slider: QSlider, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return low + (high - low) * slider.value() / SLIDER_STEPS


def _set_slider(slider: QSlider, bounds: tuple[float, float], value: float) -> None:
    low, high = bounds
    slider.setValue(round((float(np.clip(value, low, high)) - low) / (high - low) * SLIDER_STEPS))
