"""Legend samples sized to the legend's text, whose line shows the curve's dash pattern.

pyqtgraph's ``ItemSample`` is a fixed 20 x 20 px square with the line drawn across it at
y = 11 and the symbol centred at y = 10. With slide fonts (20 pt, ~27 px) it is half the
label's height, and a dashed pen 4 px wide (a 16 px dash, an 8 px gap, square caps) fills its
20 px with one dash and a gap the caps close: dashed and solid samples looked the same in
PDF and SVG exports, which draw the legend at scale 1.
"""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols, drawSymbol
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPen

#: a sample is this many times the font's pixel size wide (at least), and one of it high
WIDTH_EMS = 2.0
#: a dashed sample shows this many whole dash periods and one more dash
PERIODS = 2
#: a strip's pieces (StripSample): each this many em wide at least, this far apart
STRIP_EMS = 1.0
STRIP_GAP_EMS = 0.3
_PX_PER_PT = 96 / 72


def _dash_span(pen: QPen) -> float:
    """Pixels a non-solid pen needs to show PERIODS whole periods plus a dash; 0 if solid."""
    if pen.style() in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen):
        return 0.0
    pattern = pen.dashPattern()  # in units of the pen's width
    width = max(pen.widthF(), 1.0)
    return (PERIODS * sum(pattern) + pattern[0]) * width


class LegendSample(pg.ItemSample):
    """A sample one em high and at least ``WIDTH_EMS`` em wide, line and symbol centred."""

    def __init__(self, item) -> None:
        super().__init__(item)
        self._size = (20.0, 20.0)
        self.set_font_pt(9)

    def set_font_pt(self, font_pt: float) -> None:
        """Size the sample for labels of ``font_pt``; call again when the item's pen changes."""
        em = font_pt * _PX_PER_PT
        pen = pg.mkPen(self.item.opts.get("pen")) if not self._is_scatter() else QPen()
        width = max(WIDTH_EMS * em, _dash_span(pen))
        symbol_size = self._symbol_size()
        self._resize((max(width, symbol_size + 2), max(em, symbol_size + 2)))

    def _resize(self, size: tuple[float, float]) -> None:
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size
            self.setFixedWidth(size[0])
            self.setFixedHeight(size[1])
        self.update()

    def _is_scatter(self) -> bool:
        return isinstance(self.item, pg.ScatterPlotItem)

    def _symbol_size(self) -> float:
        opts = _symbol_opts(self.item)
        return float(opts["size"]) if opts else 0.0

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def paint(self, p, *_args) -> None:
        if not self.item.isVisible():
            # pyqtgraph's "hidden" eye icon is 18 px high, more than a screen-font sample: what
            # it drew below the sample stayed on screen once the item showed (a dark dash
            # under the task optima's samples until the next full repaint).
            p.setClipRect(self.boundingRect())
            super().paint(p, *_args)
            return
        p.setRenderHint(p.RenderHint.Antialiasing)
        width, height = self._size
        _draw_item(p, self.item, 0.0, width, height / 2)


class StripSample(LegendSample):
    """One legend entry for several items: a short piece of each, side by side, in the order
    the entry's label names them (the explore marker's four arrows share one row; a row each
    took the 1-D curves' room at 1280 x 720)."""

    def __init__(self, items: list) -> None:
        self.items = list(items)
        self._font_pt = 9.0
        super().__init__(self.items[0])

    def set_items(self, items: list) -> None:
        self.items = list(items)
        self.item = self.items[0]
        self.set_font_pt(self._font_pt)

    def _widths(self, em: float) -> list[float]:
        """Each piece a fixed share of the font (not a whole dash period: four wide pieces
        in the slide theme took one legend column to themselves), or its symbol's size."""
        return [max(STRIP_EMS * em, _symbol_extent(item) + 2) for item in self.items]

    def set_font_pt(self, font_pt: float) -> None:
        self._font_pt = font_pt
        em = font_pt * _PX_PER_PT
        widths = self._widths(em)
        symbols = [_symbol_extent(item) + 2 for item in self.items]
        self._resize((sum(widths) + STRIP_GAP_EMS * em * (len(widths) - 1), max([em, *symbols])))

    def paint(self, p, *_args) -> None:
        p.setRenderHint(p.RenderHint.Antialiasing)
        em = self._font_pt * _PX_PER_PT
        x, middle = 0.0, self._size[1] / 2
        for item, width in zip(self.items, self._widths(em), strict=True):
            p.save()
            _draw_item(p, item, x, width, middle)
            p.restore()
            x += width + STRIP_GAP_EMS * em


def _symbol_opts(item) -> dict | None:
    if item.opts.get("symbol") is None:
        return None
    return item.scatter.opts if isinstance(item, pg.PlotDataItem) else item.opts


def _symbol_extent(item) -> float:
    """Pixels the item's symbol spans (pyqtgraph's crosshair is twice its nominal size)."""
    opts = _symbol_opts(item)
    if opts is None:
        return 0.0
    shape = Symbols.get(item.opts["symbol"])
    scale = shape.boundingRect().width() if shape is not None else 1.0
    return float(opts["size"]) * max(scale, 1.0)


def _draw_item(p, item, x: float, width: float, middle: float) -> None:
    """``item``'s line from x to x + width at height ``middle``, its symbol in the middle."""
    if not isinstance(item, pg.ScatterPlotItem):
        pen = pg.mkPen(item.opts.get("pen"))
        if pen.style() != Qt.PenStyle.NoPen:
            # flat caps: square caps lengthen every dash by a pen width and close the gaps
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            p.drawLine(QLineF(x, middle, x + width, middle))
    opts = _symbol_opts(item)
    if opts is not None:
        p.translate(x + width / 2, middle)
        drawSymbol(
            p, item.opts["symbol"], opts["size"], pg.mkPen(opts["pen"]), pg.mkBrush(opts["brush"])
        )
