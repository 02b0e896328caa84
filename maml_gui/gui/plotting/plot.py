"""A plot with its legend outside the data, on axes whose grid lines are cheap to paint."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QSizePolicy

from maml_gui.gui.plotting.legend import LegendSample
from maml_gui.gui.plotting.ticks import readable_levels


class GridAxis(pg.AxisItem):
    """An axis whose grid lines are opaque and drawn under the data, and whose tick labels
    never run into each other (``ticks.readable_levels``).

    pyqtgraph draws grid lines in the text colour with a small alpha, without antialiasing.
    Qt's raster engine has a slow path for exactly that: 50 such lines cost ~8 ms per paint
    against 0.3 ms opaque (measured here), which a 30 Hz redraw cannot spare. The
    same colour pre-blended onto the plot background looks identical; beneath the data
    (z below the ViewBox) it no longer cuts through the curves.
    """

    def __init__(self, orientation: str, background: str):
        super().__init__(orientation)
        self.background = pg.mkColor(background)
        self._pens: dict[int, QPen] = {}

    def set_background(self, color: str) -> None:
        self.background = pg.mkColor(color)
        self._pens.clear()
        self.picture = None
        self.update()

    def tickSpacing(self, minVal, maxVal, size):  # pyqtgraph calls it by this name
        levels = super().tickSpacing(minVal, maxVal, size)
        if self._tickSpacing is not None:
            return levels  # set by hand: as asked
        return readable_levels(self, levels, min(minVal, maxVal), max(minVal, maxVal), size)

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

    def __init__(
        self,
        layout: pg.GraphicsLayout,
        row: int,
        col: int,
        screen: dict,
        legend_columns: int = 2,
    ):
        axes = {name: GridAxis(name, screen["background"]) for name in ("left", "bottom")}
        self.plot: pg.PlotItem = layout.addPlot(row=row, col=col, axisItems=axes)
        for axis in axes.values():
            axis.setZValue(self.plot.vb.zValue() - 1)  # the grid under the data
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMenuEnabled(False)
        for name in ("left", "bottom"):
            # "(x0.001)" after a label reads as a unit; the tick values carry the scale.
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self.legend = pg.LegendItem(colCount=legend_columns, verSpacing=-4, sampleType=LegendSample)
        self._legend_key: tuple | None = None
        self.legend_columns = legend_columns
        self.layout = layout
        layout.addItem(self.legend, row=row + 1, col=col)
        # As tall as its entries, at the top of its row: a legend beside a taller one was
        # stretched to its height, which spread the rows and left each label at the top of
        # its row and each sample in the middle (the markers sat below their labels).
        policy = self.legend.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.legend.setSizePolicy(policy)
        layout.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.title = ""
        self.x_label = ""
        self.y_label = ""
        #: the screen theme, against which a slide theme's fonts count as large
        self.screen = dict(screen)
        self.theme = dict(screen)

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
        self.fit_legend_samples()
        self.legend.setVisible(bool(entries))  # no empty box under a plot without entries

    def fit_legend_samples(self) -> None:
        """Size the samples for the theme's font and the items' current pens (call after the
        items are restyled: a dashed sample's length follows its pen's width)."""
        for sample, _label in self.legend.items:
            if isinstance(sample, LegendSample):
                sample.set_font_pt(self.theme["font_pt"])
        self.legend.updateSize()

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
        large = theme["font_pt"] > self.screen["font_pt"] * 1.5
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
