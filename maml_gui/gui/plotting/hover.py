"""What is under the cursor, on every plot: the coordinates with the axes' names (their units),
the value of a colour map there, and, near a marker, what the legend calls it and which task
it is; and, when switched on, a crosshair.

The read-out lives inside the plot's view box, placed beside the cursor and kept inside the
box, and is left out of the autorange (it is not data). It is hidden as soon as the cursor
leaves the box, so an export never draws it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt

from maml_gui.gui.i18n import translate

#: a marker this close to the cursor (pixels) is the one the read-out names
NEAR_PIXELS = 8
#: legend names of per-task markers: the read-out says which task
PER_TASK_MARKS = ("θ", "theta")


class HoverReadout:
    def __init__(
        self, plot: pg.PlotItem, legend: pg.LegendItem, foreground: str = "#202020"
    ) -> None:
        """``legend``: the plot's, whose entries name the markers (they change with the run).
        No reference back to the plot's owner: a cycle kept the plot alive until the
        interpreter's exit, where pyqtgraph's labels failed in their size hints."""
        self.plot = plot
        self.legend = legend
        self.foreground = foreground
        self.text = pg.TextItem("", color=foreground, fill=pg.mkBrush(255, 255, 255, 220))
        self.text.setZValue(1e6)
        self.text.hide()
        plot.addItem(self.text, ignoreBounds=True)
        pen = pg.mkPen("#808080", width=1, style=Qt.PenStyle.DashLine)
        self.lines = [pg.InfiniteLine(angle=a, movable=False, pen=pen) for a in (90, 0)]
        for line in self.lines:
            line.setZValue(1e6 - 1)
            line.hide()
            plot.addItem(line, ignoreBounds=True)
        self.crosshair = False
        self.x_name, self.y_name = "x", "y"
        self._connected = False
        self.connect()

    def connect(self) -> None:
        """Follow the mouse (once the plot is in a scene), and hide when it leaves the
        widget: leaving straight from inside the plot sends no move outside it."""
        scene = self.plot.scene()
        if scene is not None and not self._connected:
            scene.sigMouseMoved.connect(self.on_mouse_moved)
            for view in scene.views():
                # owned by the viewport: it lives exactly as long as what it watches
                view.viewport().installEventFilter(_HideOnLeave(self.hide, view.viewport()))
            self._connected = True

    def set_axis_names(self, x: str, y: str) -> None:
        self.x_name, self.y_name = x or "x", y or "y"

    def set_crosshair(self, on: bool) -> None:
        self.crosshair = on
        if not on:
            for line in self.lines:
                line.hide()

    def hide(self) -> None:
        # the viewport's Leave comes while a closing view tears its scene down
        if not all(shiboken6.isValid(item) for item in (self.text, *self.lines)):
            return
        self.text.hide()
        for line in self.lines:
            line.hide()

    def on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.vb
        if not self.plot.isVisible() or not vb.sceneBoundingRect().contains(scene_pos):
            self.hide()
            return
        point = vb.mapSceneToView(scene_pos)
        self.show_at(point.x(), point.y(), scene_pos)

    def show_at(self, x: float, y: float, scene_pos: QPointF | None = None) -> None:
        """The read-out for data point (x, y) (tests call it without a mouse)."""
        vb = self.plot.vb
        if scene_pos is None:
            scene_pos = vb.mapViewToScene(QPointF(x, y))
        lines = [f"{self.x_name} = {_number(x)}", f"{self.y_name} = {_number(y)}"]
        lines += self._image_values(x, y)
        marker = self._marker_near(scene_pos)
        if marker is not None:
            lines.insert(0, marker)
        # the names are the legend's and the axes' rich text (θ<sub>n</sub>)
        self.text.setHtml(f'<div style="color: {self.foreground}">{"<br>".join(lines)}</div>')
        # setVisible, not show(): pyqtgraph re-scales the text against the view only in its
        # Python setVisible; shown otherwise it could keep a stale, view-scaled transform
        self.text.setVisible(True)
        self._place(x, y)
        if self.crosshair:
            self.lines[0].setValue(x)
            self.lines[1].setValue(y)
            for line in self.lines:
                line.show()

    def names(self) -> list[tuple[object, str]]:
        """The legend's (item, name) pairs."""
        return [(sample.item, label.text) for sample, label in self.legend.items]

    @property
    def shown_text(self) -> str:
        return self.text.textItem.toPlainText() if self.text.isVisible() else ""

    def _place(self, x: float, y: float) -> None:
        """Beside the cursor, on the side with room, and never past the plot's box: a long
        read-out beside a cursor near the edge was cut off."""
        vb, text = self.plot.vb, self.text
        text.setAnchor((0, 0))
        text.setPos(x, y)
        text.updateTransform(force=True)
        box = vb.sceneBoundingRect()
        size = text.mapRectToScene(text.boundingRect()).size()
        cursor = vb.mapViewToScene(QPointF(x, y))
        gap = 10.0
        left = cursor.x() + gap
        if left + size.width() > box.right():
            left = cursor.x() - gap - size.width()
        top = cursor.y() + gap
        if top + size.height() > box.bottom():
            top = cursor.y() - gap - size.height()
        left = min(max(left, box.left()), max(box.right() - size.width(), box.left()))
        top = min(max(top, box.top()), max(box.bottom() - size.height(), box.top()))
        text.setPos(vb.mapSceneToView(QPointF(left, top)))

    def _image_values(self, x: float, y: float) -> list[str]:
        out = []
        for item in self.plot.items:
            if not isinstance(item, pg.ImageItem) or item.image is None or not item.isVisible():
                continue
            local = item.mapFromView(QPointF(x, y)) if hasattr(item, "mapFromView") else None
            if local is None:
                continue
            col, row = int(np.floor(local.x())), int(np.floor(local.y()))
            image = item.image
            if getattr(item, "axisOrder", "col-major") == "row-major":
                image = image.T  # indexed [column, row] below
            if 0 <= col < image.shape[0] and 0 <= row < image.shape[1]:
                name = getattr(item, "readout_name", "value")
                out.append(f"{name} = {_number(float(image[col, row]))}")
        return out

    def _marker_near(self, scene_pos: QPointF) -> str | None:
        """The legend's name of the marker (or curve point) nearest the cursor, if one is
        within NEAR_PIXELS; with the task's number for per-task markers."""
        best, best_distance = None, float(NEAR_PIXELS)
        vb = self.plot.vb
        for item, name in self.names():
            data = _points_of(item) if _has_symbols(item) else None
            if data is None:
                continue
            xs, ys = data
            for index, (px, py) in enumerate(zip(xs, ys, strict=True)):
                if not (np.isfinite(px) and np.isfinite(py)):
                    continue
                on_scene = vb.mapViewToScene(QPointF(float(px), float(py)))
                distance = float(
                    np.hypot(on_scene.x() - scene_pos.x(), on_scene.y() - scene_pos.y())
                )
                if distance <= best_distance:
                    best_distance = distance
                    per_task = name.startswith(PER_TASK_MARKS)
                    task = translate("Hover", ", task {number}").format(number=index + 1)
                    task = task if per_task else ""
                    best = f"{name}{task}"
        return best


class _HideOnLeave(QObject):
    def __init__(self, hide: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._hide = hide

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._hide()
        return False


def _points_of(item) -> tuple[np.ndarray, np.ndarray] | None:
    if not isinstance(item, (pg.PlotDataItem, pg.ScatterPlotItem)):
        return None
    xs, ys = item.getData()
    if xs is None or ys is None or len(xs) == 0 or len(xs) > 2000:
        return None  # a long curve is read from the axes, not point by point
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def _has_symbols(item) -> bool:
    """A marker (a scatter, or a data item drawing symbols), not a plain curve or shape."""
    if isinstance(item, pg.ScatterPlotItem):
        return True
    return isinstance(item, pg.PlotDataItem) and item.opts.get("symbol") is not None


def _number(value: float) -> str:
    if not np.isfinite(value):
        return str(value)
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        return f"{value:.3e}"
    return f"{value:.4g}"
