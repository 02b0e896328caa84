"""The explore marker on the toys' landscapes: a phi of the user's, not the training one.

Drag it (or move it with the arrow keys) across the toy1d curves or the toy2d contours: every
task's theta_n after m inner steps follows it, with the path of those steps, and four
meta-gradients are drawn from it as arrows: MAML (second order), FOMAML, Reptile and iMAML
(with its lambda). Each arrow points where its algorithm would move phi (-g), all on one
common scale; a read-out under the controls gives the MAML objective there, the angle between
MAML's and FOMAML's gradients and the size of the curvature term FOMAML drops. The training
process computes the numbers (``core.explore``); this process draws them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from maml_gui.core.records import MetaGradients, PayloadKind, PayloadRequest, RunInfo
from maml_gui.gui import theme as palette
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import PHI, THETA_N
from maml_gui.gui.panels.landscape.canvas import LandscapeCanvas
from maml_gui.gui.panels.landscape.toy import ToyPainter
from maml_gui.gui.plotting.arrows import ArrowSet
from maml_gui.gui.plotting.dragging import PlotPointer
from maml_gui.gui.plotting.legend import StripSample

#: (key, name, pen style) of each meta-gradient arrow; colours in theme.META_GRADIENT_COLORS.
#: The dashes tell them apart also in print and for colour-blind eyes.
ARROWS = (
    ("maml", "MAML", Qt.PenStyle.SolidLine),
    ("fomaml", "FOMAML", Qt.PenStyle.DashLine),
    ("reptile", "Reptile", Qt.PenStyle.DashDotLine),
    ("imaml", "iMAML", Qt.PenStyle.DotLine),
)
#: while the marker is dragged, ask for new arrows at most this often (ms); release asks at once
DRAG_ASK_MS = 30
#: the longest arrow spans this share of the view (the shorter side of a 2-D view)
ARROW_SHARE = 0.25
#: 1-D: the arrows run level, one under the other, this share of the view's height apart
ARROW_SPACING = 0.05
#: an arrow key moves the marker this share of the view (with Shift: five times as far)
NUDGE_SHARE = 0.01
#: iMAML's lambda: the box's range (core.explore.LAMBDA_RANGE, which this process may not
#: import: it imports torch; tests/gui/test_explore.py checks they agree) and its default
LAMBDA_RANGE = (0.01, 1000.0)
DEFAULT_LAMBDA = 1.0
WATCHED_EVENTS = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
)
NUDGES = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
}


class ReadoutLine(QLabel):
    """One line of plain text, cut with an ellipsis where the view is too narrow (the whole
    text is its tooltip): three wrapped lines took the 1-D curves' room at 1280 x 720."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(8, 0, 8, 0)
        self.setMinimumWidth(1)  # the text never widens the view

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        )


class ExploreOverlay(QObject):
    """The marker, its theta_n and arrows, the controls that set them and the read-out."""

    def __init__(
        self,
        canvas: LandscapeCanvas,
        view,
        painters: list[ToyPainter],
        painter: Callable[[], object],
        legend_changed: Callable[[], None],
        parent: QObject,
    ) -> None:
        # A child of the view, it went before the view's viewport while that was torn down,
        # and the viewport's last events reached a deleted filter (a segfault at exit); as the
        # panel's child it outlives the view, as the function space (its own filter) does.
        super().__init__(parent)
        self.canvas = canvas
        self.view = view
        self._painter = painter
        self._legend_changed = legend_changed
        s, figure, plot = canvas.styler, canvas.figure, canvas.figure.plot
        # pyqtgraph's crosshair spans twice its size: 24 px on screen
        self.marker = s.markers(palette.EXPLORE_COLOR, "crosshair", 12, fill="#FFFFFF")
        self.thetas = s.markers(palette.EXPLORE_COLOR, "d", 9, fill="#FFFFFF")
        self.paths = ArrowSet(
            s, plot, palette.EXPLORE_COLOR, 0.7, Qt.PenStyle.DotLine, ignore_bounds=True
        )
        self.arrows = {
            key: ArrowSet(
                s, plot, palette.META_GRADIENT_COLORS[key], 1.6, style, ignore_bounds=True
            )
            for key, _name, style in ARROWS
        }
        for z, item in enumerate([self.paths.lines, self.paths.heads, self.thetas]):
            item.setZValue(11 + 0.1 * z)  # above the learners' markers (10)
        for arrows in self.arrows.values():
            arrows.lines.setZValue(12)
            arrows.heads.setZValue(12.1)
        self.marker.setZValue(13)
        # one legend row for the marker and its theta_n, and two for the four arrows (one row
        # of four names made the slide export's legend wider than the slide)
        self.marker_sample = StripSample([self.marker, self.thetas])
        lines = [a.lines for a in self.arrows.values()]
        self.arrows_samples = [StripSample(lines[:2]), StripSample(lines[2:])]
        for item in (self.marker, self.thetas):
            figure.add(item, ignore_bounds=True)  # the marker never reframes the view
        self.pointer = PlotPointer(view, plot)
        self.on = False
        self.applies = False
        self.dim = 1
        #: where the user put the marker (None until it is first shown), and the answer for it
        self.phi: np.ndarray | None = None
        self.result: MetaGradients | None = None
        self._dragging = False
        self._ask_later = QTimer(self)
        self._ask_later.setSingleShot(True)
        self._ask_later.setInterval(DRAG_ASK_MS)
        self._ask_later.timeout.connect(self.ask_now)
        self.button = self._build_button()
        self.control = canvas.add_control("", self.button, "")
        self.readout = ReadoutLine()
        self.readout.hide()
        for toy in painters:
            toy.m_box.valueChanged.connect(self._m_changed)
        self.viewport = view.viewport()
        self.viewport.installEventFilter(self)
        view.installEventFilter(self)
        plot.vb.sigRangeChanged.connect(self._range_changed)
        self._show(False)

    # -- controls -----------------------------------------------------------------------------
    def _build_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(translate("Explore", "Explore {phi}").format(phi=PHI))
        button.setToolTip(
            translate(
                "Explore",
                "A {phi} of your own to drag: the tasks' {theta} after m steps follow it, and "
                "the meta-gradients of MAML, FOMAML, Reptile and iMAML are drawn from it "
                "(Ctrl+E)",
            ).format(phi=PHI, theta=THETA_N)
        )
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setCheckable(True)
        menu = QMenu(button)
        show = translate("Explore", "Show the explore marker {phi}").format(phi=PHI)
        self.toggle_action = QAction(show, button, checkable=True)
        self.toggle_action.setShortcut("Ctrl+E")
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_action.toggled.connect(self.set_on)
        menu.addAction(self.toggle_action)
        self.to_phi_action = menu.addAction(
            translate("Explore", "Move it to the algorithm's {phi}").format(phi=PHI),
            self.to_training_phi,
        )
        menu.addSeparator()
        self.arrow_actions: dict[str, QAction] = {}
        descriptions = {
            "maml": translate("Explore", "MAML meta-gradient (second order, through the m steps)"),
            "fomaml": translate("Explore", "FOMAML: the gradient at the adapted parameters"),
            "reptile": translate(
                "Explore", "Reptile: its step toward the tasks' mean, per step and rate"
            ),
            "imaml": translate("Explore", "iMAML: the implicit gradient (lambda below)"),
        }
        for key, _name, style in ARROWS:
            action = menu.addAction(_line_icon(palette.META_GRADIENT_COLORS[key], style), "")
            action.setText(descriptions[key])
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._arrows_toggled)
            self.arrow_actions[key] = action
        menu.addSeparator()
        holder = QWidget()
        form = QFormLayout(holder)
        form.setContentsMargins(12, 4, 12, 4)
        self.lambda_box = QDoubleSpinBox()
        self.lambda_box.setRange(*LAMBDA_RANGE)
        self.lambda_box.setDecimals(2)
        self.lambda_box.setValue(DEFAULT_LAMBDA)
        self.lambda_box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lambda_box.setToolTip(
            translate(
                "Explore",
                "iMAML's regularisation: each task's θ_n* minimises its loss plus "
                "λ/2 |θ − φ|². Large λ keeps θ_n* near φ (iMAML tends to the pretraining "
                "gradient); small λ lets each task go to its own minimum",
            )
        )
        self.lambda_box.valueChanged.connect(self._lambda_changed)
        form.addRow(translate("Explore", "iMAML λ"), self.lambda_box)
        action = QWidgetAction(menu)
        action.setDefaultWidget(holder)
        menu.addAction(action)
        button.setMenu(menu)
        return button

    def actions(self) -> list[QAction]:
        """Actions whose shortcuts the view lends its window."""
        return [self.toggle_action]

    @property
    def lam(self) -> float:
        return float(self.lambda_box.value())

    def shown(self, key: str) -> bool:
        return self.arrow_actions[key].isChecked()

    # -- state --------------------------------------------------------------------------------
    def reset(self, info: RunInfo) -> None:
        """A new run: the marker stays on if it was, and starts again at the algorithm's phi."""
        self.applies = info.traits.is_toy
        self.dim = info.traits.dimension if self.applies else 1
        self.control.setVisible(self.applies)
        self.phi = None
        self.result = None
        self._dragging = False
        self._show(self.on and self.applies)

    def set_on(self, on: bool) -> None:
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # toggled calls back here
            return
        self.on = on
        self.button.setChecked(on)
        self._legend_changed()
        if on and self.phi is None:
            self.to_training_phi()
            return
        self._show(on and self.applies)
        self.draw()
        self.ask_now()

    def to_training_phi(self) -> None:
        """Put the marker where the algorithm's phi is now (the centre before any step)."""
        painter = self._painter()
        if isinstance(painter, ToyPainter) and painter.has_phi:
            phi = np.asarray(painter.phi[0], dtype=float)[: self.dim]
        else:
            phi = np.zeros(self.dim)
        self.move_to(phi, at_once=True)
        if not self.on:
            self.set_on(True)

    def use_point(self, phi, steps: int | None = None, lam: float | None = None) -> None:
        """Show the marker at ``phi`` with ``steps`` inner steps and iMAML's ``lam``, as the
        user would set them (headless export's --at, --m and --lam)."""
        given = np.asarray(phi, dtype=float).reshape(-1)
        if given.size != self.dim:
            count = "one number" if self.dim == 1 else f"{self.dim} numbers"
            raise ValueError(f"phi must be {count} for this toy, not {given.size}")
        painter = self._painter()
        if steps is not None and isinstance(painter, ToyPainter):
            painter.m_box.setValue(steps)
        if lam is not None:
            self.lambda_box.setValue(lam)
        self.move_to(phi, at_once=True)
        self.set_on(True)

    def move_to(self, phi, at_once: bool = False) -> None:
        """Place the marker at ``phi`` (kept within the landscape's grid) and ask for its
        arrows now or, while dragging, at most every DRAG_ASK_MS."""
        phi = np.asarray(phi, dtype=float).reshape(-1)[: self.dim]
        self.phi = self._clamped(phi)
        self._show(self.on and self.applies)
        self.draw()
        if at_once:
            self.ask_now()
        elif not self._ask_later.isActive():
            self._ask_later.start()

    def ask_now(self) -> None:
        self._ask_later.stop()
        self.canvas.requests_changed()

    def _m_changed(self, _value: int) -> None:
        if self.on:
            self.ask_now()

    def _lambda_changed(self, _value: float) -> None:
        if self.on:
            self.ask_now()

    def _arrows_toggled(self, _checked: bool) -> None:
        self._legend_changed()
        if self.result is not None:
            self.readout.set_full_text(readout_text(self.result, self.shown))
        self._show(self.on and self.applies)
        self.draw()

    def _range_changed(self, *_args) -> None:
        if self.on and self.result is not None and not self._dragging:
            self.draw()  # the arrows' common scale is a share of the view

    def _clamped(self, phi: np.ndarray) -> np.ndarray:
        land = self._landscape()
        if land is None:
            return phi
        low = np.array([axis[0] for axis in land.axes])
        high = np.array([axis[-1] for axis in land.axes])
        return np.clip(phi, low[: self.dim], high[: self.dim])

    def _landscape(self):
        painter = self._painter()
        return painter.landscape if isinstance(painter, ToyPainter) else None

    def _m(self) -> int:
        painter = self._painter()
        return painter.m_box.value() if isinstance(painter, ToyPainter) else 1

    def _show(self, visible: bool) -> None:
        for item in (self.marker, self.thetas):
            item.setVisible(visible)
        self.paths.set_visible(visible)
        for key, arrows in self.arrows.items():
            arrows.set_visible(visible and self.shown(key))
        self.readout.setVisible(visible)

    # -- the training process -----------------------------------------------------------------
    def requests(self) -> list[PayloadRequest]:
        if not (self.on and self.applies and self.phi is not None):
            return []
        params = (
            ("phi", tuple(round(float(v), 5) for v in self.phi)),
            ("steps", self._m()),
            ("lam", round(self.lam, 6)),
        )
        return [PayloadRequest(PayloadKind.META_GRADIENTS, params)]

    def on_payload(self, payload) -> bool:
        """Take an answer for the marker's current m and lambda (an older one is stale)."""
        if not isinstance(payload, MetaGradients):
            return False
        if payload.inner_steps != self._m() or abs(payload.lam - round(self.lam, 6)) > 1e-12:
            return True  # ours, but for settings changed since: the next answer follows
        self.result = payload
        self.readout.set_full_text(readout_text(payload, self.shown))
        self.draw()
        return True

    # -- drawing ------------------------------------------------------------------------------
    def legend(self) -> list[tuple[object, str]]:
        if not (self.on and self.applies):
            return []
        marker = translate("Explore", "explore {phi} → {theta}").format(phi=PHI, theta=THETA_N)
        entries: list[tuple[object, str]] = [(self.marker_sample, marker)]
        shown = [(key, name) for key, name, _style in ARROWS if self.shown(key)]
        for row, sample in enumerate(self.arrows_samples):
            pair = shown[2 * row : 2 * row + 2]
            if not pair:
                break
            sample.set_items([self.arrows[key].lines for key, _name in pair])
            names = " ".join(
                f"<span style='color:{palette.META_GRADIENT_COLORS[key]}'>{name}</span>"
                for key, name in pair
            )
            entries.append((sample, f"−g {names}"))
        return entries

    def draw(self) -> None:
        if not (self.on and self.applies and self.phi is not None):
            return
        self._show(True)
        land, result = self._landscape(), self.result
        if self.dim == 1:
            self._draw_1d(land, result)
        else:
            self._draw_2d(result)

    def _marker_height(self, land) -> float:
        """1-D: the MAML objective at the marker, exact when the answer is for this spot."""
        result = self.result
        if result is not None and np.allclose(result.phi, self.phi, atol=1e-5):
            return result.objective
        if land is None:
            return 0.0
        m = min(self._m(), land.maml.shape[0] - 1)
        return float(np.interp(self.phi[0], land.axes[0], land.maml[m]))

    def _draw_1d(self, land, result: MetaGradients | None) -> None:
        height = self._marker_height(land)
        self.marker.setData([self.phi[0]], [height])
        if result is None or land is None:
            return
        w = land.axes[0]
        n = min(len(result.thetas), len(land.task_losses))
        self.thetas.setData(result.thetas[:n, 0], result.task_losses[:n])
        paths = []
        for i in range(n):
            xs = result.paths[i, :, 0]
            if len(xs) > 1:
                paths.append(np.column_stack([xs, np.interp(xs, w, land.task_losses[i])]))
        self.paths.set_paths(paths)
        (x_low, x_high), (y_low, y_high) = self.canvas.figure.plot.vb.viewRange()
        scale = self._arrow_scale(result, x_high - x_low)
        # stacked toward the roomier side of the marker, so all of them stay in view
        gap = ARROW_SPACING * (y_high - y_low)
        if height - y_low < y_high - height:
            gap = -gap
        origin = float(result.phi[0])
        for row, (key, _name, _style) in enumerate(ARROWS):
            y = height - (row + 1) * gap
            g = float(result.gradient(key)[0])
            end = origin - scale * g if np.isfinite(g) else origin
            self.arrows[key].set_data(np.array([[origin, y]]), np.array([[end, y]]))

    def _draw_2d(self, result: MetaGradients | None) -> None:
        self.marker.setData([self.phi[0]], [self.phi[1]])
        if result is None:
            return
        self.thetas.setData(result.thetas[:, 0], result.thetas[:, 1])
        self.paths.set_paths([p for p in result.paths if len(p) > 1])
        (x_low, x_high), (y_low, y_high) = self.canvas.figure.plot.vb.viewRange()
        scale = self._arrow_scale(result, min(x_high - x_low, y_high - y_low))
        origin = result.phi[None, :2]
        for key, _name, _style in ARROWS:
            g = result.gradient(key)
            end = origin - scale * g if np.isfinite(g).all() else origin
            self.arrows[key].set_data(origin, end)

    def _arrow_scale(self, result: MetaGradients, span: float) -> float:
        """One scale for every arrow shown: the longest spans ARROW_SHARE of ``span``."""
        norms = [
            float(np.linalg.norm(result.gradient(key)))
            for key, _name, _style in ARROWS
            if self.shown(key)
        ]
        longest = max((v for v in norms if np.isfinite(v)), default=0.0)
        return ARROW_SHARE * span / longest if longest > 0 else 0.0

    # -- the mouse and the keys ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first, and the viewport as it was kept: while the view is torn
        # down its events still come here, and asking it for its viewport then crashed.
        kind = event.type()
        if kind not in WATCHED_EVENTS or not (self.on and self.applies and self.phi is not None):
            return False
        if kind == QEvent.Type.KeyPress:
            return watched is self.view and self._key(event)
        if watched is not self.viewport:
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.LeftButton and self._near_marker(event.position()):
                self._dragging = True
                self.viewport.setCursor(Qt.CursorShape.ClosedHandCursor)
                return True
        elif kind == QEvent.Type.MouseMove:
            if self._dragging:
                self.move_to(self._phi_at(event.position()))
                return True
            near = self._near_marker(event.position())
            cursor = Qt.CursorShape.OpenHandCursor if near else Qt.CursorShape.ArrowCursor
            self.viewport.setCursor(cursor)
        elif self._dragging:  # the release
            self._dragging = False
            self.viewport.setCursor(Qt.CursorShape.OpenHandCursor)
            self.move_to(self._phi_at(event.position()), at_once=True)
            return True
        return False

    def _near_marker(self, where: QPointF) -> bool:
        x, y = self.marker.getData()
        if x is None or not len(x):
            return False
        return self.pointer.nearest(where, [(float(x[0]), float(y[0]))], within=14) is not None

    def _phi_at(self, where: QPointF) -> np.ndarray:
        x, y = self.pointer.data_at(where)
        return np.array([x] if self.dim == 1 else [x, y])

    def _key(self, event) -> bool:
        step = NUDGES.get(Qt.Key(event.key()))
        if step is None:
            return False
        if self.dim == 1 and step[0] == 0:
            return False  # a 1-D phi moves left and right only
        (x_low, x_high), (y_low, y_high) = self.canvas.figure.plot.vb.viewRange()
        share = NUDGE_SHARE * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        delta = np.array([step[0] * (x_high - x_low), step[1] * (y_high - y_low)]) * share
        self.move_to(self.phi + delta[: self.dim], at_once=True)
        return True

    # -- CSV ----------------------------------------------------------------------------------
    def curve_table(self) -> list[CurveColumn]:
        """The marker's numbers: one row, and a row per task for theta_n."""
        result = self.result
        if not (self.on and self.applies) or result is None:
            return []
        axes = [f"w{i + 1}" for i in range(len(result.phi))] if self.dim > 1 else ["w"]
        columns = [
            CurveColumn(f"explore phi [{a}]", result.phi[i : i + 1]) for i, a in enumerate(axes)
        ]
        columns += [
            CurveColumn("inner steps m", np.array([result.inner_steps])),
            CurveColumn("inner lr alpha", np.array([result.inner_lr])),
            CurveColumn("iMAML lambda", np.array([result.lam])),
            CurveColumn("MAML objective", np.array([result.objective])),
            CurveColumn("pretraining objective", np.array([result.pretraining_objective])),
        ]
        for key, name, _style in ARROWS:
            g = result.gradient(key)
            columns += [
                CurveColumn(f"{name} meta-gradient [{a}]", g[i : i + 1]) for i, a in enumerate(axes)
            ]
        term = result.curvature_term
        columns += [
            CurveColumn(f"curvature term MAML - FOMAML [{a}]", term[i : i + 1])
            for i, a in enumerate(axes)
        ]
        columns.append(CurveColumn("angle MAML-FOMAML [deg]", np.array([result.angle_maml_fomaml])))
        columns += [
            CurveColumn(f"theta_n after m steps [{a}]", result.thetas[:, i])
            for i, a in enumerate(axes)
        ]
        columns.append(CurveColumn("task loss at theta_n", result.task_losses))
        columns += [
            CurveColumn(f"iMAML theta_n* [{a}]", result.imaml_thetas[:, i])
            for i, a in enumerate(axes)
        ]
        return columns


def readout_text(result: MetaGradients, shown: Callable[[str], bool]) -> str:
    """The read-out's line, the numbers a lecturer points at first."""
    angle = result.angle_maml_fomaml
    if np.isnan(angle):
        angle_text = translate("Explore", "undefined (a zero gradient)")
    else:
        angle_text = f"{angle:.1f}°"
    needs_steps = translate("Explore", "needs m ≥ 1")
    sizes = []
    for key, name, _style in ARROWS:
        if shown(key):
            norm = float(np.linalg.norm(result.gradient(key)))
            sizes.append(f"{name} {norm:.3g}" if np.isfinite(norm) else f"{name} {needs_steps}")
    where = ", ".join(f"{v:.3g}" for v in result.phi)
    term = float(np.linalg.norm(result.curvature_term))
    parts = [
        translate("Explore", "m = {m}: MAML objective {value}").format(
            m=result.inner_steps, value=f"{result.objective:.4g}"
        ),
        translate("Explore", "angle MAML–FOMAML {angle}").format(angle=angle_text),
        translate("Explore", "curvature term |MAML − FOMAML| {value}").format(value=f"{term:.3g}"),
    ]
    if sizes:
        parts.append("|g|: " + ", ".join(sizes))
    parts += [
        f"iMAML λ = {result.lam:g}",
        translate("Explore", "at {phi} = ({where})").format(phi=PHI, where=where),
        translate("Explore", "pretraining objective {value}").format(
            value=f"{result.pretraining_objective:.4g}"
        ),
    ]
    return translate("Explore", " · ").join(parts)


def _line_icon(color: str, style: Qt.PenStyle) -> QIcon:
    """A short line in the arrow's colour and dashes, for its menu entry."""
    pixmap = QPixmap(28, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    pen = painter.pen()
    pen.setColor(QColor(color))
    pen.setWidthF(2.5)
    pen.setStyle(style)
    painter.setPen(pen)
    painter.drawLine(2, 6, 26, 6)
    painter.end()
    return QIcon(pixmap)
