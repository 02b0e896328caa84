"""Building blocks shared by the views: a plot with its legend outside the data, themed pens,
arrows from phi to theta_n, a contour map, and a bounded curve buffer.

Every styled item is registered with a :class:`Styler`, so ``apply_theme`` (screen or slide)
can re-create its pen with the theme's line width and keep its colour: the algorithm is blue
and pretraining vermillion in every view and every theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from maml_gui.core.config import ALGORITHM_LABELS
from maml_gui.gui import theme as palette
from maml_gui.gui.panels.base import Panel

# Plain text (CSV headers, help) says phi/theta_n; the plots use the notes' symbols.
PHI = "φ"
THETA_N = "θ<sub>n</sub>"


def learner_labels(algorithm: str) -> tuple[str, str]:
    """(algorithm, twin) display names; a pretraining-only run still tells the two apart."""
    main = ALGORITHM_LABELS[algorithm]
    twin = ALGORITHM_LABELS["pretraining"]
    if algorithm == "pretraining":
        twin += " twin"
    return main, twin


@dataclass
class Style:
    color: str
    width: float = 1.0  # multiple of the theme's line width
    style: Qt.PenStyle = Qt.PenStyle.SolidLine
    symbol_size: float = 0.0  # 0: no symbol; else a size at the screen theme
    symbol_fill: str | None = None  # None: filled with ``color``
    alpha: int = 255


def make_pen(color: str, width: float, style=Qt.PenStyle.SolidLine, alpha: int = 255):
    pen = pg.mkPen(color, width=width, style=style)
    c = pen.color()
    c.setAlpha(alpha)
    pen.setColor(c)
    pen.setCosmetic(True)
    return pen


class Styler:
    """Remembers how each item is drawn so a theme can re-draw it wider or larger."""

    def __init__(self) -> None:
        self.theme = dict(palette.SCREEN)
        self._items: dict[int, tuple[object, Style]] = {}
        self._plots: list[ViewPlot] = []
        self._views: list[pg.GraphicsView] = []

    @property
    def scale(self) -> float:
        return self.theme["line_width"] / palette.SCREEN["line_width"]

    def curve(
        self,
        color: str,
        width: float = 1.0,
        style=Qt.PenStyle.SolidLine,
        alpha: int = 255,
        symbol: str | None = None,
        symbol_size: float = 0.0,
        fill: str | None = None,
        **kw,
    ):
        """A line (``width`` > 0), optionally with symbols (``symbol_size`` > 0)."""
        item = pg.PlotDataItem(symbol=symbol, **kw)
        self.style(item, Style(color, width, style, symbol_size, fill, alpha))
        return item

    def markers(self, color: str, symbol: str = "o", size: float = 11, fill: str | None = None):
        return self.curve(color, 0.0, symbol=symbol, symbol_size=size, fill=fill)

    def style(self, item, style: Style) -> None:
        """Register (or re-register, e.g. a new contour colour) and draw ``item``."""
        self._items[id(item)] = (item, style)
        self._apply_item(item, style)

    def _apply_item(self, item, s: Style) -> None:
        lw = self.theme["line_width"] * s.width
        if isinstance(item, pg.PlotDataItem):
            item.setPen(make_pen(s.color, lw, s.style, s.alpha) if s.width > 0 else None)
            if s.symbol_size:
                item.setSymbolSize(s.symbol_size * self.scale)
                item.setSymbolPen(make_pen(s.color, max(1.5, self.theme["line_width"] * 0.75)))
                item.setSymbolBrush(pg.mkBrush(s.symbol_fill or s.color))
                # The legend's sample reads the inner scatter's own options, which the calls
                # above leave at pyqtgraph's default grey-violet until data arrives.
                item.scatter.setBrush(pg.mkBrush(s.symbol_fill or s.color), update=False)
                item.scatter.setPen(
                    make_pen(s.color, max(1.5, self.theme["line_width"] * 0.75)), update=False
                )
                item.scatter.opts["size"] = s.symbol_size * self.scale
        elif isinstance(item, (pg.PlotCurveItem, pg.InfiniteLine, pg.IsocurveItem)):
            item.setPen(make_pen(s.color, lw, s.style, s.alpha))
        elif isinstance(item, pg.ArrowItem):
            size = 6 + 2.5 * self.theme["line_width"]
            item.setStyle(
                headLen=size, headWidth=size * 0.7, pen=make_pen(s.color, 1), brush=s.color
            )

    def add_plot(self, plot: ViewPlot) -> None:
        self._plots.append(plot)
        plot.apply_theme(self.theme)

    def add_view(self, view: pg.GraphicsView) -> None:
        self._views.append(view)
        view.setBackground(self.theme["background"])

    def apply(self, theme: dict) -> None:
        self.theme = dict(theme)
        for view in self._views:
            view.setBackground(theme["background"])
        for plot in self._plots:
            plot.apply_theme(self.theme)
        for item, style in self._items.values():
            self._apply_item(item, style)


class GridAxis(pg.AxisItem):
    """An axis whose grid lines are opaque and drawn under the data.

    pyqtgraph draws grid lines in the text colour with a small alpha, without antialiasing.
    Qt's raster engine has a slow path for exactly that: 50 such lines cost ~8 ms per paint
    against 0.3 ms opaque (measured here), which a 30 Hz redraw cannot spare. The
    same colour pre-blended onto the plot background looks identical; beneath the data
    (z below the ViewBox) it no longer cuts through the curves.
    """

    def __init__(self, orientation: str, background: str = palette.SCREEN["background"]):
        super().__init__(orientation)
        self.background = pg.mkColor(background)
        self._pens: dict[int, QPen] = {}

    def set_background(self, color: str) -> None:
        self.background = pg.mkColor(color)
        self._pens.clear()
        self.picture = None
        self.update()

    def generateDrawSpecs(self, p):  # pyqtgraph calls it by this name
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        return axis, [(self._opaque(pen), a, b) for pen, a, b in ticks], texts

    def _opaque(self, pen: QPen) -> QPen:
        color = pen.color()
        if color.alpha() == 255 or pen.brush().style() != Qt.BrushStyle.SolidPattern:
            return pen
        key = color.rgba()
        if key not in self._pens:
            a, bg = color.alphaF(), self.background
            mixed = QColor(
                round(color.red() * a + bg.red() * (1 - a)),
                round(color.green() * a + bg.green() * (1 - a)),
                round(color.blue() * a + bg.blue() * (1 - a)),
            )
            opaque = QPen(pen)
            opaque.setColor(mixed)
            self._pens[key] = opaque
        return self._pens[key]


class ViewPlot:
    """A PlotItem with a title, axis labels and a legend in the layout row below it, so the
    legend never covers data (pyqtgraph's default legend floats inside the ViewBox)."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, legend_columns: int = 2):
        axes = {name: GridAxis(name) for name in ("left", "bottom")}
        self.plot: pg.PlotItem = layout.addPlot(row=row, col=col, axisItems=axes)
        for axis in axes.values():
            axis.setZValue(self.plot.vb.zValue() - 1)  # the grid under the data
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMenuEnabled(False)
        for name in ("left", "bottom"):
            # "(x0.001)" after a label reads as a unit; the tick values carry the scale.
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self.legend = pg.LegendItem(colCount=legend_columns, verSpacing=-4)
        self._legend_key: tuple | None = None
        self.legend_columns = legend_columns
        self.layout = layout
        layout.addItem(self.legend, row=row + 1, col=col)
        self.title = ""
        self.x_label = ""
        self.y_label = ""
        self.theme = dict(palette.SCREEN)

    def set_text(self, title=None, x=None, y=None) -> None:
        new = (
            self.title if title is None else title,
            self.x_label if x is None else x,
            self.y_label if y is None else y,
        )
        if new == (self.title, self.x_label, self.y_label):
            return  # re-setting a label re-lays out the scene: skip it at 30 Hz
        self.title, self.x_label, self.y_label = new
        self._draw_text()

    def add(self, item, name: str | None = None, ignore_bounds: bool = False) -> None:
        self.plot.addItem(item, ignoreBounds=ignore_bounds)
        if name:
            self.legend.addItem(item, name)

    def set_legend(self, entries: list[tuple[object, str]]) -> None:
        """Replace the legend's entries (items need not be in the plot: a sample is enough)."""
        key = (tuple((id(item), name) for item, name in entries), id(self.theme))
        if key == self._legend_key:
            return  # rebuilding it re-lays out the scene (~4 ms): payloads come every second
        self._legend_key = key
        self.legend.clear()
        for item, name in entries:
            self.legend.addItem(item, name)
        self.legend.setLabelTextSize(f"{self.theme['font_pt']}pt")
        self.legend.setVisible(bool(entries))  # no empty box under a plot without entries

    def legend_names(self) -> list[str]:
        return [label.text for _, label in self.legend.items]

    def apply_theme(self, theme: dict) -> None:
        self.theme = dict(theme)
        fg = theme["foreground"]
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            if isinstance(axis, GridAxis):
                axis.set_background(theme["background"])
        font = QFont()
        font.setPointSizeF(theme["font_pt"] * 0.9)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen(fg, width=max(1, theme["line_width"] // 2)))
            axis.setTextPen(pg.mkPen(fg))
        self.legend.opts["labelTextColor"] = fg
        self.legend.opts["labelTextSize"] = f"{theme['font_pt']}pt"
        for _, label in self.legend.items:
            # LegendItem.setLabelTextSize only records the size; re-setting the text applies it.
            label.setText(label.text, size=f"{theme['font_pt']}pt", color=fg)
        # Slide fonts are twice as large: where plots sit side by side, half the columns keep
        # each legend within its plot's width (else the layout grew past the canvas).
        large = theme["font_pt"] > palette.SCREEN["font_pt"] * 1.5
        plots = [i for i in self.layout.items if isinstance(i, pg.PlotItem) and i.isVisible()]
        columns = self.legend_columns
        self.legend.setColumnCount(max(1, columns // 2) if large and len(plots) > 1 else columns)
        self.legend.updateSize()
        self.legend.setPen(pg.mkPen("#B0B0B0"))
        self.legend.setBrush(pg.mkBrush(theme["background"]))
        self._draw_text()

    def _draw_text(self) -> None:
        fg, pt = self.theme["foreground"], self.theme["font_pt"]
        self.plot.setTitle(self.title, size=f"{pt * 1.2:g}pt", color=fg)
        style = {"font-size": f"{pt:g}pt", "color": fg}
        self.plot.setLabel("bottom", self.x_label, **style)
        self.plot.setLabel("left", self.y_label, **style)


class ArrowSet:
    """Arrows from start points to end points in data coordinates: a line per arrow plus a
    head. Heads are screen-sized, so their angle is computed in pixels (the axes may have very
    different scales) and refreshed whenever the view range or size changes."""

    def __init__(self, styler: Styler, plot: pg.PlotItem, color: str, width: float = 0.8):
        self._styler = styler
        self._plot = plot
        self._color = color
        self.lines = styler.curve(color, width)
        self.lines.setZValue(4)  # above the curves an arrow may run along
        plot.addItem(self.lines)
        self._heads: list[pg.ArrowItem] = []
        self.starts = np.zeros((0, 2))
        self.ends = np.zeros((0, 2))
        self.tails = np.zeros((0, 2))
        plot.vb.sigRangeChanged.connect(self.update_heads)
        plot.vb.sigResized.connect(self.update_heads)

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
        while len(self._heads) < len(self.ends):
            head = pg.ArrowItem(tailLen=0)
            head.setZValue(5)
            self._styler.style(head, Style(self._color))
            self._plot.addItem(head)
            self._heads.append(head)
        self.update_heads()

    def set_visible(self, visible: bool) -> None:
        self.lines.setVisible(visible)
        if not visible:
            for head in self._heads:
                head.hide()
        else:
            self.update_heads()

    def update_heads(self, *_args) -> None:
        px_w, px_h = self._plot.vb.viewPixelSize()
        if not (px_w > 0 and px_h > 0):
            return
        for i, head in enumerate(self._heads):
            if i >= len(self.ends) or not self.lines.isVisible():
                head.hide()
                continue
            span = (self.ends[i] - self.starts[i]) / (px_w, px_h)
            dx = (self.ends[i, 0] - self.tails[i, 0]) / px_w
            dy = (self.ends[i, 1] - self.tails[i, 1]) / px_h
            if math.hypot(*span) < 6 or not np.isfinite([dx, dy]).all():
                head.hide()  # too short on screen for a head to mean anything
                continue
            # ArrowItem: angle 0 points left; Qt rotates clockwise on screen (y down).
            head.setStyle(angle=math.degrees(math.atan2(dy, -dx)))
            head.setPos(*self.ends[i])
            head.show()


# Neutral greys under the contour lines, so the blue/vermillion markers stay the loudest.
_SURFACE_MAP = pg.ColorMap([0.0, 1.0], [(175, 175, 175), (252, 252, 252)])


#: isocurves traced per frame while a new surface comes in
CONTOURS_PER_FRAME = 3


class ContourMap:
    """A filled surface (ImageItem, grey scale unless ``colormap``) and ``levels`` isocurves
    on top of it."""

    def __init__(
        self,
        styler: Styler,
        plot: pg.PlotItem,
        levels: int = 14,
        colormap: pg.ColorMap | None = None,
    ):
        self.colormap = colormap or _SURFACE_MAP
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(self.colormap.getLookupTable(nPts=256))
        self.image.setZValue(-20)
        plot.addItem(self.image)
        self._styler = styler
        self.isocurves = []
        for _ in range(levels):
            iso = pg.IsocurveItem(axisOrder="row-major")
            iso.setParentItem(self.image)  # inherits the image's pixel-to-data transform
            iso.setZValue(-10)
            self._styler.style(iso, Style("#606060", 0.5))
            self.isocurves.append(iso)
        self.values = np.zeros((0, 0))
        self.levels = np.zeros(0)
        self.range = (0.0, 1.0)  # the image's colour levels: values above ``high`` are clipped
        self.rect = QRectF()  # the surface's extent in data coordinates
        self._pending: list = []
        self._pending_color = "#606060"

    def set_data(self, values: np.ndarray, x: np.ndarray, y: np.ndarray, color: str) -> None:
        """``values`` has rows along ``y`` and columns along ``x`` (the core's convention)."""
        self.values = values
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return
        # Detail where the loss is low: the top of the range is clipped and unlabelled.
        low, high = float(finite.min()), float(np.quantile(finite, 0.85))
        high = high if high > low else low + 1.0
        self.image.setImage(values, levels=(low, high))
        self.range = (low, high)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1)
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1)
        self.rect = QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y))
        self.image.setRect(self.rect)
        span = np.linspace(0.0, 1.0, len(self.isocurves) + 2)[1:-1]
        self.levels = low + (high - low) * span**1.5
        # Tracing an isocurve is pure Python (~3 ms each); all 14 at once stalled the event
        # loop for ~45 ms. They are traced a few per frame (see ``advance``), hidden until
        # their turn so no stale line sits on the new surface.
        self._pending = list(zip(self.isocurves, self.levels, strict=True))
        self._pending_color = color
        for iso in self.isocurves:
            iso.setVisible(False)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def advance(self, count: int = CONTOURS_PER_FRAME) -> None:
        """Trace up to ``count`` pending isocurves (all of them with ``count`` < 0)."""
        todo = self._pending if count < 0 else self._pending[:count]
        self._pending = [] if count < 0 else self._pending[count:]
        for iso, level in todo:
            self._styler.style(iso, Style(self._pending_color, 0.5, alpha=200))
            iso.setData(self.values, level=float(level))
            iso.setVisible(True)


class CurveBuffer:
    """Rows appended with their step; when full, every other row is dropped, so memory stays
    bounded over 100,000 iterations. Unlike core.history.DecimatingHistory it keeps whatever
    steps arrive (snapshots come at irregular steps), so the oldest rows, halved most often,
    are the sparsest while the newest stay dense."""

    def __init__(self, width: int, capacity: int = 4096) -> None:
        self.capacity = capacity
        self.steps = np.zeros(capacity, dtype=np.int64)
        self.rows = np.full((capacity, width), np.nan)
        self.count = 0

    def append(self, step: int, row) -> None:
        if self.count and step <= self.steps[self.count - 1]:
            return  # a repeated snapshot (e.g. after pause) adds nothing
        if self.count == self.capacity:
            half = self.capacity // 2
            self.steps[:half] = self.steps[: self.capacity : 2]
            self.rows[:half] = self.rows[: self.capacity : 2]
            self.count = half
        self.steps[self.count] = step
        self.rows[self.count] = row
        self.count += 1

    def replace(self, steps: np.ndarray, rows: np.ndarray) -> None:
        self.clear()
        if len(steps) == 0:
            return  # a run before its first step has no history yet
        stride = max(1, math.ceil(len(steps) / self.capacity))
        steps, rows = np.asarray(steps)[::stride], np.asarray(rows)[::stride]
        self.steps[: len(steps)] = steps
        self.rows[: len(steps)] = rows.reshape(len(steps), -1)
        self.count = len(steps)

    def clear(self) -> None:
        self.count = 0

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        return self.steps[: self.count].copy(), self.rows[: self.count].copy()


def plain(text: str) -> str:
    """A plot label as plain text for CSV headers: phi, theta_n, no HTML."""
    return (
        text.replace(THETA_N, "theta_n")
        .replace(PHI, "phi")
        .replace("<sub>", "_")
        .replace("</sub>", "")
    )


class PlotPanel(Panel):
    """A Panel made of a row of controls over one GraphicsLayoutWidget (the export target)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.styler = Styler()
        self.view = pg.GraphicsLayoutWidget()
        self.styler.add_view(self.view)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(6, 2, 6, 0)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(self.controls)
        box.addWidget(self.view, 1)
        self.dirty = True

    def add_control(self, text: str, widget: QWidget, tooltip: str = "") -> QWidget:
        """A labelled control; returns a container so a family can hide it as a whole."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 8, 0)
        if text:
            row.addWidget(QLabel(text))
        if hasattr(widget, "setSizeAdjustPolicy"):  # combo boxes: never truncate a choice
            widget.setSizeAdjustPolicy(widget.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(widget)
        if tooltip:
            holder.setToolTip(tooltip)
        self.controls.addWidget(holder)
        return holder

    def add_plot(self, row: int = 0, col: int = 0, legend_columns: int = 2) -> ViewPlot:
        plot = ViewPlot(self.view.ci, row, col, legend_columns)
        self.styler.add_plot(plot)
        return plot

    def export_target(self) -> QWidget:
        return self.view

    def apply_theme(self, theme: dict) -> None:
        """Screen or slide look (font size, line width); colours never change."""
        self.styler.apply(theme)
        self.dirty = True
