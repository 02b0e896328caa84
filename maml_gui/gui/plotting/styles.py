"""Themed pens: every styled item is registered with a :class:`Styler`, so ``apply`` (screen
or slide theme) can re-create its pen with the theme's line width and keep its colour: the
algorithm is blue and pretraining vermillion in every view and every theme."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from maml_gui.gui.plotting.plot import ViewPlot

#: a line's label against the theme's font: a little smaller than the axis labels
LABEL_SCALE = 0.85


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

    def __init__(self, screen: dict) -> None:
        #: the screen theme: sizes and widths are given at it, and scale with the theme's
        self.screen = dict(screen)
        self.theme = dict(screen)
        self._items: dict[int, tuple[object, Style]] = {}
        self._plots: list[ViewPlot] = []
        self._views: list[pg.GraphicsView] = []

    @property
    def scale(self) -> float:
        return self.theme["line_width"] / self.screen["line_width"]

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

    def recolor(self, item, color: str) -> None:
        """Draw a registered ``item`` in ``color``, its width and dashes as they were."""
        _, style = self._items[id(item)]
        self.style(item, replace(style, color=color))

    def style(self, item, style: Style) -> None:
        """Register (or re-register, e.g. a new contour colour) and draw ``item``."""
        self._items[id(item)] = (item, style)
        self._apply_item(item, style)

    def _apply_item(self, item, s: Style) -> None:
        lw = self.theme["line_width"] * s.width
        if callable(getattr(item, "apply_style", None)):  # an item that styles itself
            item.apply_style(s, self.theme)
        elif isinstance(item, pg.PlotDataItem):
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
                # update=False left the points' cached symbols invalidated and nothing rebuilt
                # them: markers whose data did not change again (the landscape's φ and θ_n
                # on a finished run) vanished on a theme switch until the next setData.
                if len(item.scatter.data):
                    item.scatter.updateSpots()
        elif isinstance(item, (pg.PlotCurveItem, pg.InfiniteLine, pg.IsocurveItem)):
            item.setPen(make_pen(s.color, lw, s.style, s.alpha))
            label = getattr(item, "label", None)  # a line's label ("meta-training used k = 1")
            if isinstance(label, pg.TextItem):
                font = QFont()
                font.setPointSizeF(self.theme["font_pt"] * LABEL_SCALE)
                label.setFont(font)  # it stayed at 9 px in the slide theme
        elif isinstance(item, pg.ArrowItem):
            size = 6 + 2.5 * self.theme["line_width"]
            item.setStyle(
                headLen=size, headWidth=size * 0.7, pen=make_pen(s.color, 1), brush=s.color
            )

    @property
    def plots(self) -> list[ViewPlot]:
        return list(self._plots)

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
        for plot in self._plots:
            plot.fit_legend_samples()  # the samples' sizes follow the restyled pens
