"""Arrows in data coordinates whose heads keep their screen size and point the right way."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QTransform

from maml_gui.gui.plotting.styles import Style, Styler, make_pen

#: an arrow shorter than this on screen gets no head (it would hide the arrow)
MIN_HEAD_SPAN_PX = 6.0


class ArrowHeads(pg.GraphicsObject):
    """The heads of many arrows as one item: triangles of a fixed size in pixels, shaped when
    painted from the painter's own transform, so they point the right way on axes of very
    different scales and follow any change of range or size with no work in between.

    (One ``pg.ArrowItem`` per head cost a Python ``setStyle`` per head at every range change
    and every frame: ~1.7 ms per frame for 2 x 25 arrows, and 50 items in the auto-range.)
    """

    def __init__(self) -> None:
        super().__init__()
        self.ends = np.zeros((0, 2))
        self.tails = np.zeros((0, 2))
        self.starts = np.zeros((0, 2))
        self.head_len = 10.0
        self.head_width = 7.0
        self.pen = make_pen("#000000", 1)
        self.brush = pg.mkBrush("#000000")
        self._bounds: QRectF | None = None

    def set_arrows(self, starts: np.ndarray, ends: np.ndarray, tails: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.starts, self.ends, self.tails = starts, ends, tails
        self._bounds = None
        self.update()

    def apply_style(self, style: Style, theme: dict) -> None:
        """The Styler's hook: heads grow with the theme's line width, as lines do."""
        self.prepareGeometryChange()
        self.head_len = 6 + 2.5 * theme["line_width"]
        self.head_width = self.head_len * 0.7
        self.pen = make_pen(style.color, 1)
        self.brush = pg.mkBrush(style.color)
        self._bounds = None
        self.update()

    def viewTransformChanged(self) -> None:  # pyqtgraph calls it by this name
        super().viewTransformChanged()
        self.prepareGeometryChange()
        self._bounds = None  # the pixel margin is another size in data units now

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            self._bounds = self._data_bounds()
        return self._bounds

    def _data_bounds(self) -> QRectF:
        points = self.ends[np.isfinite(self.ends).all(axis=1)]
        if not len(points):
            return QRectF()
        px, py = self.pixelWidth(), self.pixelHeight()
        margin = self.head_len + 2.0
        mx = margin * px if np.isfinite(px) else 0.0
        my = margin * py if np.isfinite(py) else 0.0
        low, high = points.min(axis=0), points.max(axis=0)
        width, height = high - low
        return QRectF(low[0] - mx, low[1] - my, width + 2 * mx, height + 2 * my)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        return None  # the markers at the arrows' ends frame the view, not the heads

    def paint(self, p: QPainter, *_args) -> None:
        if not len(self.ends):
            return
        t = p.transform()

        def device(xy: np.ndarray) -> np.ndarray:
            x, y = xy[:, 0], xy[:, 1]
            return np.column_stack(
                [t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()]
            )

        tip, tail, start = device(self.ends), device(self.tails), device(self.starts)
        span = np.hypot(*(tip - start).T)
        direction = tip - tail
        length = np.hypot(*direction.T)
        keep = np.isfinite(tip).all(1) & (span >= MIN_HEAD_SPAN_PX) & (length > 0)
        keep &= np.isfinite(direction).all(1)
        if not keep.any():
            return
        tip, unit = tip[keep], direction[keep] / length[keep, None]
        normal = np.column_stack([-unit[:, 1], unit[:, 0]])
        base = tip - unit * self.head_len
        half = normal * (self.head_width / 2)
        gap = np.full_like(tip, np.nan)
        # tip, one corner, the other, back to the tip; NaN between heads
        corners = np.stack([tip, base + half, base - half, tip, gap], axis=1).reshape(-1, 2)
        path = pg.arrayToQPath(corners[:, 0], corners[:, 1], connect="finite")
        p.save()
        p.setTransform(QTransform())  # draw in device pixels
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(self.pen)
        p.setBrush(self.brush)
        p.drawPath(path)
        p.restore()


class ArrowSet:
    """Arrows from start points to end points in data coordinates: a line per arrow plus a
    head. Heads are screen-sized, so their angle is computed in pixels (the axes may have very
    different scales), when they are painted."""

    def __init__(
        self,
        styler: Styler,
        plot: pg.PlotItem,
        color: str,
        width: float = 0.8,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        ignore_bounds: bool = False,
    ):
        self._styler = styler
        self._plot = plot
        self._color = color
        self.lines = styler.curve(color, width, style)
        self.lines.setZValue(4)  # above the curves an arrow may run along
        # ignore_bounds: arrows drawn to a share of the view must not widen it (a loop)
        plot.addItem(self.lines, ignoreBounds=ignore_bounds)
        self.heads = ArrowHeads()
        self.heads.setZValue(5)
        styler.style(self.heads, Style(color))
        plot.addItem(self.heads, ignoreBounds=True)
        self.starts = np.zeros((0, 2))
        self.ends = np.zeros((0, 2))
        self.tails = np.zeros((0, 2))

    def set_data(self, starts: np.ndarray, ends: np.ndarray) -> None:
        """Straight arrows from ``starts[i]`` to ``ends[i]``."""
        starts = np.asarray(starts, dtype=float).reshape(-1, 2)
        ends = np.asarray(ends, dtype=float).reshape(-1, 2)
        self.set_paths([np.stack([a, b]) for a, b in zip(starts, ends, strict=True)])

    def set_paths(self, paths: list[np.ndarray]) -> None:
        """Arrows along polylines (e.g. along a loss curve), each (N_i >= 2, 2); head at the end."""
        self.starts = np.array([p[0] for p in paths]).reshape(-1, 2)
        self.ends = np.array([p[-1] for p in paths]).reshape(-1, 2)
        # The head's direction: from a point a little before the end, not the last grid step.
        self.tails = np.array([p[max(0, len(p) - 1 - max(1, len(p) // 8))] for p in paths])
        self.tails = self.tails.reshape(-1, 2)
        gap = np.full((1, 2), np.nan)
        joined = np.concatenate([x for p in paths for x in (p, gap)]) if paths else gap[:0]
        self.lines.setData(joined[:, 0], joined[:, 1], connect="finite")
        self.heads.set_arrows(self.starts, self.ends, self.tails)

    def set_color(self, color: str) -> None:
        self._color = color
        self._styler.recolor(self.lines, color)
        self._styler.recolor(self.heads, color)

    def set_visible(self, visible: bool) -> None:
        self.lines.setVisible(visible)
        self.heads.setVisible(visible)
